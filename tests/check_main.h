/*
 * check_main.h - the one entry point shared by every Check suite.
 *
 * Each tests/check_<module>.c defines check_suite() and no main(); it is
 * linked with check_main.c, whose main() runs that suite.  The suite (and
 * everything it allocates) belongs to the runner that check_main.c makes.
 */
#ifndef TCPVIEW_TESTS_CHECK_MAIN_H
#define TCPVIEW_TESTS_CHECK_MAIN_H

#include <check.h>

/* The suite of this test program, freshly created on each call. */
Suite *check_suite(void);

#endif
