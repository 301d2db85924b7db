/*
 * main.c - runs every Check suite of tests/unit and prints Check's summary
 * ("NN%: Checks: N, Failures: N, Errors: N"), which tests/run-all counts.
 * Exits non-zero when any test failed.
 */
#include <stdlib.h>

#include "unit.h"

int main(void)
{
	SRunner *runner = srunner_create(NULL);

#define SUITE(name) srunner_add_suite(runner, name##_suite());
#include "suites.h"
#undef SUITE

	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
