/*
 * test_symbols.c - symbol lookup (hypervisor/lib/symbols.c) and %pS, over a
 * table of our own in the generated format (scripts/gen-symbols).
 */
#include <lamina/lib.h>
#include <lamina/symbols.h>

#include "unit.h"

const unsigned int symbols_count = 3;
const struct symbol symbols_table[] = {
	{ 0x1000, 0x20, 0 }, /* alpha: [0x1000, 0x1020) */
	{ 0x1040, 0x00, 6 }, /* beta: no size, runs to gamma */
	{ 0x1080, 0x10, 11 }, /* gamma: [0x1080, 0x1090) */
};
const char symbols_names[] = "alpha\0beta\0gamma\0";

START_TEST(lookup_inside_and_outside)
{
	unsigned long off, size;

	ck_assert_str_eq(symbols_lookup(0x1000, &off, &size), "alpha");
	ck_assert_uint_eq(off, 0);
	ck_assert_uint_eq(size, 0x20);
	ck_assert_str_eq(symbols_lookup(0x101f, &off, &size), "alpha");
	ck_assert_uint_eq(off, 0x1f);
	ck_assert_ptr_null(symbols_lookup(0x1020, &off, &size)); /* gap after alpha */
	ck_assert_ptr_null(symbols_lookup(0xfff, &off, &size)); /* before the first */
	ck_assert_str_eq(symbols_lookup(0x107f, &off, &size), "beta");
	ck_assert_uint_eq(size, 0x40);
	ck_assert_str_eq(symbols_lookup(0x1085, &off, &size), "gamma");
	ck_assert_ptr_null(symbols_lookup(0x1090, &off, &size)); /* past the last */
}
END_TEST

START_TEST(format_percent_pS)
{
	char buf[64];

	lamina_snprintf(buf, sizeof(buf), "[%pS]", (void *)0x1084UL);
	ck_assert_str_eq(buf, "[gamma+0x4/0x10]");
	lamina_snprintf(buf, sizeof(buf), "[%pS]", (void *)0x2000UL);
	ck_assert_str_eq(buf, "[0x2000]");
}
END_TEST

Suite *symbols_suite(void)
{
	Suite *s = suite_create("symbols");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, lookup_inside_and_outside);
	tcase_add_test(tc, format_percent_pS);
	suite_add_tcase(s, tc);
	return s;
}
