/*
 * check_main.c - main() of every unit test program: runs the suite that
 * the program's check_<module>.c builds with check_suite().
 *
 * The runner is left in Check's default fork mode, so CK_FORK=no in the
 * environment (valgrind.sh, a debugger) still runs the tests in-process,
 * and CK_VERBOSITY, CK_RUN_CASE and the other CK_* variables keep working.
 * The exit status is what automake's test driver reads: success only when
 * no test failed.
 */
#include <check.h>
#include <stdlib.h>

#include "check_main.h"

int main(void)
{
	SRunner *sr = srunner_create(check_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
