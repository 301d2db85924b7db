/*
 * test_consoled_xspath.c - where consoles live in xenstore and how their nodes are read
 * (backend-drivers/consoled/xspath.c): paths, watch tokens, the values libxl writes and the
 * ones a confused toolstack might, and log file names.
 */
#include <errno.h>
#include <string.h>

#include "consoled/xspath.h"

#include "unit.h"

START_TEST(paths)
{
	char buf[CONSOLED_PATH_BYTES];

	ck_assert_int_eq(consoled_xs_path(buf, sizeof(buf), 7, CONSOLED_XS_CONSOLE), 0);
	ck_assert_str_eq(buf, "/local/domain/7/console");
	ck_assert_int_eq(consoled_xs_path(buf, sizeof(buf), 32751, CONSOLED_XS_TTY), 0);
	ck_assert_str_eq(buf, "/local/domain/32751/console/tty");
	ck_assert_int_eq(consoled_xs_path(buf, sizeof(buf), 3, CONSOLED_XS_RING_REF), 0);
	ck_assert_str_eq(buf, "/local/domain/3/console/ring-ref");
	ck_assert_int_eq(consoled_xs_path(buf, sizeof(buf), 3, CONSOLED_XS_NAME), 0);
	ck_assert_str_eq(buf, "/local/domain/3/name");
	/* Too small a buffer is refused, not cut. */
	ck_assert_int_eq(consoled_xs_path(buf, 20, 3, CONSOLED_XS_TTY), -ENAMETOOLONG);
}
END_TEST

START_TEST(tokens)
{
	char buf[CONSOLED_PATH_BYTES];
	domid_t domid = 0;

	ck_assert_int_eq(consoled_watch_token(buf, sizeof(buf), 12), 0);
	ck_assert_str_eq(buf, "dom12");
	ck_assert_int_eq(consoled_parse_token(buf, &domid), CONSOLED_TOKEN_IS_DOMAIN);
	ck_assert_uint_eq(domid, 12);
	ck_assert_int_eq(consoled_parse_token("domlist", &domid), CONSOLED_TOKEN_IS_DOMLIST);
	ck_assert_int_eq(consoled_parse_token("dom0", &domid), CONSOLED_TOKEN_IS_DOMAIN);
	ck_assert_uint_eq(domid, 0);
	ck_assert_int_eq(consoled_parse_token("dom32751", &domid), CONSOLED_TOKEN_IS_DOMAIN);
	ck_assert_int_eq(consoled_parse_token("dom32752", &domid), CONSOLED_TOKEN_IS_OTHER);
	ck_assert_int_eq(consoled_parse_token("dom", &domid), CONSOLED_TOKEN_IS_OTHER);
	ck_assert_int_eq(consoled_parse_token("dom7x", &domid), CONSOLED_TOKEN_IS_OTHER);
	ck_assert_int_eq(consoled_parse_token("dom-1", &domid), CONSOLED_TOKEN_IS_OTHER);
	ck_assert_int_eq(consoled_parse_token("dom99999999999999999999", &domid),
			 CONSOLED_TOKEN_IS_OTHER);
	ck_assert_int_eq(consoled_parse_token("", &domid), CONSOLED_TOKEN_IS_OTHER);
	ck_assert_int_eq(consoled_parse_token("domlists", &domid), CONSOLED_TOKEN_IS_OTHER);
}
END_TEST

/* What Xen 4.17's libxl writes for a PV domain's console. */
START_TEST(libxl_values)
{
	struct consoled_xs_console xc;

	ck_assert_int_eq(consoled_xs_parse("1867531", "2", "xenconsoled", "1048576", &xc), 0);
	ck_assert_uint_eq(xc.ring_ref, 1867531);
	ck_assert_uint_eq(xc.port, 2);
	ck_assert_uint_eq(xc.limit, 1048576);
}
END_TEST

START_TEST(missing_nodes)
{
	struct consoled_xs_console xc;

	/* ring-ref or port not written yet: wait for the next watch event. */
	ck_assert_int_eq(consoled_xs_parse(NULL, "2", NULL, NULL, &xc), -ENOENT);
	ck_assert_int_eq(consoled_xs_parse("100", NULL, NULL, NULL, &xc), -ENOENT);
	/* No type is ours (xenconsoled); no limit is libxl's default. */
	ck_assert_int_eq(consoled_xs_parse("100", "3", NULL, NULL, &xc), 0);
	ck_assert_uint_eq(xc.limit, CONSOLED_LIMIT_DEFAULT_BYTES);
}
END_TEST

START_TEST(another_backend)
{
	struct consoled_xs_console xc;

	ck_assert_int_eq(consoled_xs_parse("100", "3", "ioemu", NULL, &xc), -EOPNOTSUPP);
	ck_assert_int_eq(consoled_xs_parse("100", "3", "", NULL, &xc), -EOPNOTSUPP);
	ck_assert_int_eq(consoled_xs_parse("100", "3", "xenconsoled2", NULL, &xc), -EOPNOTSUPP);
}
END_TEST

START_TEST(malformed_numbers)
{
	struct consoled_xs_console xc;

	ck_assert_int_eq(consoled_xs_parse("", "3", NULL, NULL, &xc), -EINVAL);
	ck_assert_int_eq(consoled_xs_parse("12ab", "3", NULL, NULL, &xc), -EINVAL);
	ck_assert_int_eq(consoled_xs_parse("-1", "3", NULL, NULL, &xc), -EINVAL);
	ck_assert_int_eq(consoled_xs_parse(" 12", "3", NULL, NULL, &xc), -EINVAL);
	ck_assert_int_eq(consoled_xs_parse("0x10", "3", NULL, NULL, &xc), -EINVAL);
	ck_assert_int_eq(consoled_xs_parse("99999999999999999999999", "3", NULL, NULL, &xc),
			 -EINVAL);
	ck_assert_int_eq(consoled_xs_parse("100", "0", NULL, NULL, &xc), -EINVAL); /* reserved */
	ck_assert_int_eq(consoled_xs_parse("100", "4294967296", NULL, NULL, &xc), -EINVAL);
	ck_assert_int_eq(consoled_xs_parse("100", "4294967295", NULL, NULL, &xc), 0);
	/* A bad limit does not cost the console: the default serves. */
	ck_assert_int_eq(consoled_xs_parse("100", "3", NULL, "lots", &xc), 0);
	ck_assert_uint_eq(xc.limit, CONSOLED_LIMIT_DEFAULT_BYTES);
}
END_TEST

START_TEST(limits_clamped)
{
	struct consoled_xs_console xc;

	ck_assert_int_eq(consoled_xs_parse("1", "1", NULL, "0", &xc), 0);
	ck_assert_uint_eq(xc.limit, CONSOLED_LIMIT_MIN_BYTES);
	ck_assert_int_eq(consoled_xs_parse("1", "1", NULL, "99999999999", &xc), 0);
	ck_assert_uint_eq(xc.limit, CONSOLED_LIMIT_MAX_BYTES);
	ck_assert_int_eq(consoled_xs_parse("1", "1", NULL, "65536", &xc), 0);
	ck_assert_uint_eq(xc.limit, 65536);
}
END_TEST

START_TEST(log_paths)
{
	char buf[128];

	ck_assert_int_eq(consoled_log_path(buf, sizeof(buf), "/var/log/lamina/console", "web-1", 5),
			 0);
	ck_assert_str_eq(buf, "/var/log/lamina/console/web-1.log");
	ck_assert_int_eq(consoled_log_path(buf, sizeof(buf), "/l", NULL, 5), 0);
	ck_assert_str_eq(buf, "/l/5.log");
	/* Names that could leave the directory, hide, or carry odd bytes fall back to the id. */
	const char *bad[] = {"",
			     "..",
			     "../etc/passwd",
			     "a/b",
			     ".hidden",
			     "a b",
			     "tab\t",
			     "ctl\x1b[0m",
			     "0123456789012345678901234567890123456789012345678901234567890123x"};
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(consoled_log_path(buf, sizeof(buf), "/l", bad[i], 9), 0);
		ck_assert_str_eq(buf, "/l/9.log");
	}
	ck_assert_int_eq(consoled_log_path(buf, sizeof(buf), "/l", "Domain-0.v2+x_y", 0), 0);
	ck_assert_str_eq(buf, "/l/Domain-0.v2+x_y.log");
	ck_assert_int_eq(consoled_log_path(buf, 8, "/var/log", "web", 1), -ENAMETOOLONG);
}
END_TEST

Suite *consoled_xspath_suite(void)
{
	Suite *s = suite_create("consoled_xspath");
	TCase *tc = tcase_create("xspath");

	tcase_add_test(tc, paths);
	tcase_add_test(tc, tokens);
	tcase_add_test(tc, libxl_values);
	tcase_add_test(tc, missing_nodes);
	tcase_add_test(tc, another_backend);
	tcase_add_test(tc, malformed_numbers);
	tcase_add_test(tc, limits_clamped);
	tcase_add_test(tc, log_paths);
	suite_add_tcase(s, tc);
	return s;
}
