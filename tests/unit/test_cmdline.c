/*
 * test_cmdline.c - the command-line option parser (hypervisor/lib/cmdline.c)
 * over an option table of our own, with a warn callback that records what
 * it is told.
 */
#include <stdio.h>
#include <string.h>

#include <lamina/errno.h>
#include <lamina/lib.h>
#include <lamina/param.h>

#include "unit.h"

static bool opt_flag, opt_other_flag, opt_no_exit;
static unsigned long opt_count;
static uint64_t opt_mem;
static char opt_name[16];
static char opt_tiny[2]; /* one character and the NUL */

static char custom_seen[PARAM_VALUE_MAX + 8];
static int custom_calls;

static int parse_custom(const char *value)
{
	custom_calls++;
	snprintf(custom_seen, sizeof(custom_seen), "%s", value);
	if (!strcmp(value, "bad"))
		return -EINVAL;
	return 0;
}

static const struct param table[] = {
	{ .name = "flag", .type = PARAM_BOOL, .var = &opt_flag },
	{ .name = "other-flag", .type = PARAM_BOOL, .var = &opt_other_flag },
	/* An option whose own name starts with "no-": matched exactly first. */
	{ .name = "no-exit", .type = PARAM_BOOL, .var = &opt_no_exit },
	{ .name = "count", .type = PARAM_UINT, .var = &opt_count },
	{ .name = "mem", .type = PARAM_SIZE, .var = &opt_mem },
	{ .name = "name", .type = PARAM_STRING, .var = opt_name, .len = sizeof(opt_name) },
	{ .name = "tiny", .type = PARAM_STRING, .var = opt_tiny, .len = sizeof(opt_tiny) },
	{ .name = "custom", .type = PARAM_CUSTOM, .parse = parse_custom },
};

#define MAX_WARNINGS 16
static int warnings;
static char warning[MAX_WARNINGS][256];

static void warn(const char *fmt, ...)
{
	va_list ap;

	ck_assert_int_lt(warnings, MAX_WARNINGS);
	va_start(ap, fmt);
	vsnprintf(warning[warnings], sizeof(warning[0]), fmt, ap);
	va_end(ap);
	warnings++;
}

static void reset(void)
{
	opt_flag = opt_other_flag = opt_no_exit = false;
	opt_count = 7;
	opt_mem = 1234;
	strcpy(opt_name, "default");
	strcpy(opt_tiny, "t");
	custom_seen[0] = '\0';
	custom_calls = 0;
	warnings = 0;
	memset(warning, 0, sizeof(warning));
}

static int parse(const char *cmdline)
{
	return cmdline_parse(cmdline, table, table + ARRAY_SIZE(table), warn);
}

/* Parse, expecting no warnings. */
static void parse_ok(const char *cmdline)
{
	int n = parse(cmdline);

	ck_assert_msg(n == 0 && warnings == 0, "\"%s\": %d problems, first warning: %s", cmdline, n,
		      warnings ? warning[0] : "(none)");
}

/* Parse, expecting exactly one warning that mentions `what`. */
static void parse_one_warning(const char *cmdline, const char *what)
{
	int n = parse(cmdline);

	ck_assert_msg(n == 1, "\"%s\": %d problems, want 1", cmdline, n);
	ck_assert_int_eq(warnings, 1);
	ck_assert_msg(strstr(warning[0], what), "\"%s\": warning \"%s\" lacks \"%s\"", cmdline,
		      warning[0], what);
}

/* ---- each type ---- */

START_TEST(bool_bare_and_negated)
{
	parse_ok("flag");
	ck_assert(opt_flag);
	ck_assert(!opt_other_flag);
	parse_ok("no-flag");
	ck_assert(!opt_flag);
	parse_ok("other-flag flag");
	ck_assert(opt_flag);
	ck_assert(opt_other_flag);
	parse_ok("no-other-flag");
	ck_assert(!opt_other_flag);
	ck_assert(opt_flag);
	/* The last setting wins. */
	parse_ok("flag no-flag flag no-flag");
	ck_assert(!opt_flag);
}
END_TEST

START_TEST(bool_words)
{
	static const char *const yes[] = { "1", "yes", "on", "true", "enable" };
	static const char *const no[] = { "0", "no", "off", "false", "disable" };
	char buf[64];

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		opt_flag = false;
		snprintf(buf, sizeof(buf), "flag=%s", yes[i]);
		parse_ok(buf);
		ck_assert_msg(opt_flag, "%s did not set the flag", buf);
	}
	for (size_t i = 0; i < ARRAY_SIZE(no); i++) {
		opt_flag = true;
		snprintf(buf, sizeof(buf), "flag=%s", no[i]);
		parse_ok(buf);
		ck_assert_msg(!opt_flag, "%s did not clear the flag", buf);
	}
}
END_TEST

START_TEST(bool_invalid)
{
	static const char *const bad[] = {
		"flag=2", "flag=maybe", "flag=", "flag=yess", "flag=o", "flag=1x", "flag= ",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		reset();
		opt_flag = true;
		parse_one_warning(bad[i], "invalid value");
		ck_assert_msg(opt_flag, "%s changed the flag", bad[i]);
		reset();
		parse_one_warning(bad[i], "invalid value");
		ck_assert_msg(!opt_flag, "%s changed the flag", bad[i]);
	}
	/* A negated option takes no value. */
	reset();
	opt_flag = true;
	parse_one_warning("no-flag=1", "invalid value");
	ck_assert(opt_flag);
	reset();
	opt_flag = true;
	parse_one_warning("no-flag=0", "invalid value");
	ck_assert(opt_flag);
}
END_TEST

START_TEST(name_starting_with_no)
{
	/* "no-exit" is an option of its own, not the negation of "exit". */
	parse_ok("no-exit");
	ck_assert(opt_no_exit);
	parse_ok("no-exit=off");
	ck_assert(!opt_no_exit);
	/* And it can itself be negated. */
	opt_no_exit = true;
	parse_ok("no-no-exit");
	ck_assert(!opt_no_exit);
}
END_TEST

START_TEST(uint_values)
{
	static const struct {
		const char *cmdline;
		unsigned long want;
	} cases[] = {
		{ "count=0", 0 },
		{ "count=42", 42 },
		{ "count=0x10", 16 },
		{ "count=0XfF", 255 },
		{ "count=010", 8 },
		{ "count=4294967296", 4294967296UL },
		{ "count=18446744073709551615", 18446744073709551615UL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		reset();
		parse_ok(cases[i].cmdline);
		ck_assert_msg(opt_count == cases[i].want, "%s gave %lu", cases[i].cmdline,
			      opt_count);
	}
}
END_TEST

START_TEST(uint_invalid)
{
	static const char *const bad[] = {
		"count",    "count=",	 "count=x",  "count=12x", "count=-1", "count=1.5",
		"count=0x", "count=0xg", "count=1K", "count= ",	  "count=+3", "count=0x1g",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		reset();
		parse_one_warning(bad[i], "invalid value");
		ck_assert_msg(opt_count == 7, "%s changed count to %lu", bad[i], opt_count);
	}
	/* A uint cannot be negated either. */
	reset();
	parse_one_warning("no-count", "invalid value");
	ck_assert_uint_eq(opt_count, 7);
}
END_TEST

START_TEST(size_values)
{
	static const struct {
		const char *cmdline;
		uint64_t want;
	} cases[] = {
		{ "mem=0", 0 },
		{ "mem=512", 512 },
		{ "mem=512B", 512 },
		{ "mem=4K", 4096 },
		{ "mem=4k", 4096 },
		{ "mem=256M", 256ULL << 20 },
		{ "mem=2G", 2ULL << 30 },
		{ "mem=3g", 3ULL << 30 },
		{ "mem=1T", 1ULL << 40 },
		{ "mem=0x10M", 16ULL << 20 },
		{ "mem=010K", 8ULL << 10 },
		{ "mem=17179869184", 16ULL << 30 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		reset();
		parse_ok(cases[i].cmdline);
		ck_assert_msg(opt_mem == cases[i].want, "%s gave %llu", cases[i].cmdline,
			      (unsigned long long)opt_mem);
	}
}
END_TEST

START_TEST(size_invalid)
{
	static const char *const bad[] = {
		"mem", "mem=", "mem=G", "mem=4KB", "mem=4X", "mem=-4K", "mem=1.5G", "mem=0x",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		reset();
		parse_one_warning(bad[i], "invalid value");
		ck_assert_msg(opt_mem == 1234, "%s changed mem to %llu", bad[i],
			      (unsigned long long)opt_mem);
	}
	/* A space ends the option: "mem=4 K" is mem=4 and an unknown "K". */
	reset();
	parse_one_warning("mem=4 K", "unknown option 'K'");
	ck_assert_uint_eq(opt_mem, 4);
}
END_TEST

START_TEST(string_values)
{
	parse_ok("name=hello");
	ck_assert_str_eq(opt_name, "hello");
	/* Longest that fits: 15 characters and the NUL. */
	parse_ok("name=abcdefghijklmno");
	ck_assert_str_eq(opt_name, "abcdefghijklmno");
	/* Empty value, and a bare string option: both the empty string. */
	parse_ok("name=");
	ck_assert_str_eq(opt_name, "");
	strcpy(opt_name, "x");
	parse_ok("name");
	ck_assert_str_eq(opt_name, "");
	/* Everything after the first '=' is the value. */
	parse_ok("name=a=b");
	ck_assert_str_eq(opt_name, "a=b");
	parse_ok("name==");
	ck_assert_str_eq(opt_name, "=");
	parse_ok("name=com1,115200");
	ck_assert_str_eq(opt_name, "com1,115200");
	parse_ok("tiny=z");
	ck_assert_str_eq(opt_tiny, "z");
}
END_TEST

START_TEST(string_too_long)
{
	/* One more than fits is refused, and the variable is left alone. */
	parse_one_warning("name=abcdefghijklmnop", "invalid value");
	ck_assert_str_eq(opt_name, "default");
	reset();
	parse_one_warning("tiny=zz", "invalid value");
	ck_assert_str_eq(opt_tiny, "t");
	reset();
	parse_one_warning("no-name", "invalid value");
	ck_assert_str_eq(opt_name, "default");
}
END_TEST

START_TEST(value_longer_than_buffer)
{
	char buf[PARAM_VALUE_MAX + 64];

	/* PARAM_VALUE_MAX - 1 characters still reach the option's parser. */
	strcpy(buf, "custom=");
	memset(buf + 7, 'v', PARAM_VALUE_MAX - 1);
	buf[7 + PARAM_VALUE_MAX - 1] = '\0';
	parse_ok(buf);
	ck_assert_int_eq(custom_calls, 1);
	ck_assert_uint_eq(strlen(custom_seen), PARAM_VALUE_MAX - 1);

	/* PARAM_VALUE_MAX characters: refused before the parser sees them. */
	reset();
	memset(buf + 7, 'w', PARAM_VALUE_MAX);
	buf[7 + PARAM_VALUE_MAX] = '\0';
	parse_one_warning(buf, "too long");
	ck_assert_msg(strstr(warning[0], "'custom'"), "warning names the option: %s", warning[0]);
	ck_assert_int_eq(custom_calls, 0);

	/* Far longer, then a good option: the good one still applies. */
	reset();
	strcpy(buf, "name=");
	memset(buf + 5, 'n', PARAM_VALUE_MAX + 40);
	strcpy(buf + 5 + PARAM_VALUE_MAX + 40, " count=9");
	parse_one_warning(buf, "too long");
	ck_assert_str_eq(opt_name, "default");
	ck_assert_uint_eq(opt_count, 9);
}
END_TEST

START_TEST(custom_values)
{
	parse_ok("custom=abc");
	ck_assert_int_eq(custom_calls, 1);
	ck_assert_str_eq(custom_seen, "abc");
	parse_ok("custom");
	ck_assert_int_eq(custom_calls, 2);
	ck_assert_str_eq(custom_seen, "");
	parse_ok("custom=x=y,z");
	ck_assert_str_eq(custom_seen, "x=y,z");
	parse_one_warning("custom=bad", "invalid value");
	ck_assert_int_eq(custom_calls, 4);
	ck_assert_msg(strstr(warning[0], "custom=bad"), "warning: %s", warning[0]);
	/* A custom option cannot be negated; its parser is not called. */
	reset();
	parse_one_warning("no-custom", "invalid value");
	ck_assert_int_eq(custom_calls, 0);
}
END_TEST

/* ---- the command line as a whole ---- */

START_TEST(empty_and_blank)
{
	ck_assert_int_eq(parse(""), 0);
	ck_assert_int_eq(parse(NULL), 0);
	ck_assert_int_eq(parse("   "), 0);
	ck_assert_int_eq(parse("\t \t"), 0);
	ck_assert_int_eq(warnings, 0);
	ck_assert(!opt_flag);
	ck_assert_uint_eq(opt_count, 7);
	ck_assert_uint_eq(opt_mem, 1234);
	ck_assert_str_eq(opt_name, "default");
	ck_assert_int_eq(custom_calls, 0);
}
END_TEST

START_TEST(spaces_and_tabs)
{
	parse_ok("  flag\tcount=5   mem=2M\t\t name=x  ");
	ck_assert(opt_flag);
	ck_assert_uint_eq(opt_count, 5);
	ck_assert_uint_eq(opt_mem, 2ULL << 20);
	ck_assert_str_eq(opt_name, "x");
	reset();
	parse_ok("\tcount=0x20\t");
	ck_assert_uint_eq(opt_count, 32);
}
END_TEST

START_TEST(many_options)
{
	parse_ok("flag count=100 mem=1G name=console custom=hi other-flag no-exit");
	ck_assert(opt_flag);
	ck_assert(opt_other_flag);
	ck_assert(opt_no_exit);
	ck_assert_uint_eq(opt_count, 100);
	ck_assert_uint_eq(opt_mem, 1ULL << 30);
	ck_assert_str_eq(opt_name, "console");
	ck_assert_str_eq(custom_seen, "hi");
}
END_TEST

START_TEST(unknown_options_not_fatal)
{
	int n = parse("bogus flag count=3 frobnicate=7 no-such mem=8K no- =5 name=ok");

	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(warnings, 5);
	ck_assert_msg(strstr(warning[0], "unknown option 'bogus'"), "%s", warning[0]);
	ck_assert_msg(strstr(warning[1], "unknown option 'frobnicate=7'"), "%s", warning[1]);
	ck_assert_msg(strstr(warning[2], "unknown option 'no-such'"), "%s", warning[2]);
	ck_assert_msg(strstr(warning[3], "unknown option 'no-'"), "%s", warning[3]);
	ck_assert_msg(strstr(warning[4], "unknown option '=5'"), "%s", warning[4]);
	/* The good options around them all applied. */
	ck_assert(opt_flag);
	ck_assert_uint_eq(opt_count, 3);
	ck_assert_uint_eq(opt_mem, 8192);
	ck_assert_str_eq(opt_name, "ok");
}
END_TEST

START_TEST(names_match_exactly)
{
	/* Prefixes and extensions of a name are other (unknown) options. */
	ck_assert_int_eq(parse("fla"), 1);
	ck_assert_int_eq(parse("flags"), 1);
	ck_assert_int_eq(parse("Flag"), 1);
	ck_assert_int_eq(parse("coun=1"), 1);
	ck_assert_int_eq(parse("counter=1"), 1);
	ck_assert_int_eq(warnings, 5);
	ck_assert(!opt_flag);
	ck_assert_uint_eq(opt_count, 7);
}
END_TEST

START_TEST(bad_values_counted)
{
	int n = parse(
		"count=abc flag=maybe mem=1Q name=waytoolongforthisbuffer custom=bad count=12");

	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(warnings, 5);
	for (int i = 0; i < 5; i++)
		ck_assert_msg(strstr(warning[i], "invalid value"), "%s", warning[i]);
	ck_assert_msg(strstr(warning[0], "'count=abc'"), "%s", warning[0]);
	ck_assert_msg(strstr(warning[3], "'name=waytoolongforthisbuffer'"), "%s", warning[3]);
	/* Only the last, good option changed anything. */
	ck_assert_uint_eq(opt_count, 12);
	ck_assert(!opt_flag);
	ck_assert_uint_eq(opt_mem, 1234);
	ck_assert_str_eq(opt_name, "default");
	/* Each warning is one line. */
	for (int i = 0; i < 5; i++) {
		size_t len = strlen(warning[i]);
		ck_assert_uint_gt(len, 0);
		ck_assert_int_eq(warning[i][len - 1], '\n');
		ck_assert_ptr_eq(strchr(warning[i], '\n'), &warning[i][len - 1]);
	}
}
END_TEST

START_TEST(empty_table)
{
	int n = cmdline_parse("flag count=1", table, table, warn);

	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(warnings, 2);
	ck_assert(!opt_flag);
	ck_assert_uint_eq(opt_count, 7);
}
END_TEST

Suite *cmdline_suite(void)
{
	Suite *s = suite_create("cmdline");
	TCase *tc;

	tc = tcase_create("types");
	tcase_add_checked_fixture(tc, reset, NULL);
	tcase_add_test(tc, bool_bare_and_negated);
	tcase_add_test(tc, bool_words);
	tcase_add_test(tc, bool_invalid);
	tcase_add_test(tc, name_starting_with_no);
	tcase_add_test(tc, uint_values);
	tcase_add_test(tc, uint_invalid);
	tcase_add_test(tc, size_values);
	tcase_add_test(tc, size_invalid);
	tcase_add_test(tc, string_values);
	tcase_add_test(tc, string_too_long);
	tcase_add_test(tc, value_longer_than_buffer);
	tcase_add_test(tc, custom_values);
	suite_add_tcase(s, tc);

	tc = tcase_create("cmdline");
	tcase_add_checked_fixture(tc, reset, NULL);
	tcase_add_test(tc, empty_and_blank);
	tcase_add_test(tc, spaces_and_tabs);
	tcase_add_test(tc, many_options);
	tcase_add_test(tc, unknown_options_not_fatal);
	tcase_add_test(tc, names_match_exactly);
	tcase_add_test(tc, bad_values_counted);
	tcase_add_test(tc, empty_table);
	suite_add_tcase(s, tc);
	return s;
}
