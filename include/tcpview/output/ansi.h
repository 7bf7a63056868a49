/*
 * ansi.h - the terminal colours of the text outputs (output layer): the
 * narrated story (text.c) and the text ladder (ladder_text.c) colour the
 * same things the same way.  SGR sequences of ECMA-48.
 */
#ifndef TCPVIEW_OUTPUT_ANSI_H
#define TCPVIEW_OUTPUT_ANSI_H

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"
#define C_CYAN "\033[36m"
#define C_DIM "\033[2m"

#endif
