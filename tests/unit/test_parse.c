/* test_parse.c - parse_ulong and parse_size (hypervisor/lib/parse.c). */
#include <lamina/lib.h>

#include "unit.h"

START_TEST(ulong_bases)
{
	const char *end;

	ck_assert_uint_eq(parse_ulong("1234", &end), 1234);
	ck_assert_str_eq(end, "");
	ck_assert_uint_eq(parse_ulong("0x1F,", &end), 31);
	ck_assert_str_eq(end, ",");
	ck_assert_uint_eq(parse_ulong("017", &end), 15);
	ck_assert_uint_eq(parse_ulong("0", &end), 0);
	ck_assert_str_eq(end, "");
}
END_TEST

START_TEST(ulong_no_digits)
{
	const char *s = "xyz", *end;

	ck_assert_uint_eq(parse_ulong(s, &end), 0);
	ck_assert_ptr_eq(end, s);
}
END_TEST

START_TEST(size_suffixes)
{
	const char *end;

	ck_assert_uint_eq(parse_size("512", &end), 512);
	ck_assert_uint_eq(parse_size("4K", &end), 4096);
	ck_assert_uint_eq(parse_size("256M", &end), 256ULL << 20);
	ck_assert_uint_eq(parse_size("2G", &end), 2ULL << 30);
	ck_assert_uint_eq(parse_size("1T", &end), 1ULL << 40);
	ck_assert_uint_eq(parse_size("3g", &end), 3ULL << 30);
	ck_assert_str_eq(end, "");
	ck_assert_uint_eq(parse_size("7Mx", &end), 7ULL << 20);
	ck_assert_str_eq(end, "x");
}
END_TEST

Suite *parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, ulong_bases);
	tcase_add_test(tc, ulong_no_digits);
	tcase_add_test(tc, size_suffixes);
	suite_add_tcase(s, tc);
	return s;
}
