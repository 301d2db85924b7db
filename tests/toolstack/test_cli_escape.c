/*
 * test_cli_escape.c - the escape character of `lamina console` (toolstack/cli/escape.c):
 * what is sent to the domain and when the session ends.
 */
#include <string.h>

#include "cli/cli.h"

#include "unit.h"

START_TEST(plain_text_passes)
{
	bool detach = true;

	ck_assert_uint_eq(cli_escape_scan("ls -l\r", 6, CLI_CONSOLE_ESCAPE, &detach), 6);
	ck_assert(!detach);
	ck_assert_uint_eq(cli_escape_scan("", 0, CLI_CONSOLE_ESCAPE, &detach), 0);
	ck_assert(!detach);
}
END_TEST

START_TEST(escape_alone_detaches)
{
	bool detach = false;

	ck_assert_uint_eq(cli_escape_scan("\x1d", 1, CLI_CONSOLE_ESCAPE, &detach), 0);
	ck_assert(detach);
}
END_TEST

START_TEST(bytes_before_the_escape_go_first)
{
	const char typed[] = "exit\r\x1dnot sent";
	bool detach = false;

	ck_assert_uint_eq(cli_escape_scan(typed, sizeof(typed) - 1, CLI_CONSOLE_ESCAPE, &detach),
			  5);
	ck_assert(detach);
}
END_TEST

/* Other control characters (Ctrl-C, Ctrl-D, Ctrl-A, NUL) belong to the domain. */
START_TEST(other_controls_are_data)
{
	const char typed[] = {'\x03', '\x04', '\x01', '\0', '\x1b', '\x1c', '\x1e', '\x7f'};
	bool detach = true;

	ck_assert_uint_eq(cli_escape_scan(typed, sizeof(typed), CLI_CONSOLE_ESCAPE, &detach),
			  sizeof(typed));
	ck_assert(!detach);
}
END_TEST

/* The first of several escapes counts; another escape character can be chosen. */
START_TEST(first_escape_and_other_characters)
{
	bool detach = false;

	ck_assert_uint_eq(cli_escape_scan("ab\x1d\x1d", 4, CLI_CONSOLE_ESCAPE, &detach), 2);
	ck_assert(detach);
	ck_assert_uint_eq(cli_escape_scan("abc~.", 5, '~', &detach), 3);
	ck_assert(detach);
	ck_assert_uint_eq(cli_escape_scan("abc", 3, '~', &detach), 3);
	ck_assert(!detach);
}
END_TEST

Suite *cli_escape_suite(void)
{
	Suite *s = suite_create("cli_escape");
	TCase *tc = tcase_create("escape");

	tcase_add_test(tc, plain_text_passes);
	tcase_add_test(tc, escape_alone_detaches);
	tcase_add_test(tc, bytes_before_the_escape_go_first);
	tcase_add_test(tc, other_controls_are_data);
	tcase_add_test(tc, first_escape_and_other_characters);
	suite_add_tcase(s, tc);
	return s;
}
