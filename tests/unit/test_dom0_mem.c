/* test_dom0_mem.c - the dom0_mem= option (hypervisor/common/dom0_mem.c). */
#include <lamina/dom0_mem.h>

#include "unit.h"

#define MIB_PAGES(n) ((unsigned long)(n) * 256)

START_TEST(plain_size)
{
	struct dom0_mem m;

	ck_assert_int_eq(dom0_mem_parse("512M", &m), 0);
	ck_assert(m.amount.set && !m.amount.all_but);
	ck_assert_uint_eq(m.amount.bytes, 512ULL << 20);
	ck_assert(!m.min.set && !m.max.set);
	ck_assert_uint_eq(dom0_mem_pages(&m, MIB_PAGES(4096), 0), MIB_PAGES(512));
}
END_TEST

START_TEST(min_max_and_amount)
{
	struct dom0_mem m;

	ck_assert_int_eq(dom0_mem_parse("min:256M,max:1G,2G", &m), 0);
	ck_assert_uint_eq(m.min.bytes, 256ULL << 20);
	ck_assert_uint_eq(m.max.bytes, 1ULL << 30);
	/* The amount is lowered to max. */
	ck_assert_uint_eq(dom0_mem_pages(&m, MIB_PAGES(8192), 0), MIB_PAGES(1024));
	/* No amount: the default, raised to min. */
	ck_assert_int_eq(dom0_mem_parse("min:256M", &m), 0);
	ck_assert_uint_eq(dom0_mem_pages(&m, MIB_PAGES(8192), MIB_PAGES(100)), MIB_PAGES(256));
}
END_TEST

START_TEST(maximum)
{
	struct dom0_mem m;

	ck_assert_int_eq(dom0_mem_parse("512M", &m), 0);
	ck_assert_uint_eq(dom0_mem_max_pages(&m, MIB_PAGES(4096)), DOM0_NO_MAX_PAGES);
	ck_assert_int_eq(dom0_mem_parse("512M,max:1G", &m), 0);
	ck_assert_uint_eq(dom0_mem_max_pages(&m, MIB_PAGES(4096)), MIB_PAGES(1024));
	ck_assert_int_eq(dom0_mem_parse("max:-1G", &m), 0);
	ck_assert_uint_eq(dom0_mem_max_pages(&m, MIB_PAGES(4096)), MIB_PAGES(3072));
}
END_TEST

START_TEST(all_but)
{
	struct dom0_mem m;

	ck_assert_int_eq(dom0_mem_parse("-1G", &m), 0);
	ck_assert(m.amount.all_but);
	ck_assert_uint_eq(dom0_mem_pages(&m, MIB_PAGES(4096), 0), MIB_PAGES(3072));
	/* More than the host has: nothing left. */
	ck_assert_uint_eq(dom0_mem_pages(&m, MIB_PAGES(512), 0), 0);
}
END_TEST

START_TEST(never_above_host)
{
	struct dom0_mem m;

	ck_assert_int_eq(dom0_mem_parse("64G", &m), 0);
	ck_assert_uint_eq(dom0_mem_pages(&m, MIB_PAGES(2048), 0), MIB_PAGES(2048));
}
END_TEST

START_TEST(invalid_left_unchanged)
{
	struct dom0_mem m = { .amount = { .set = true, .bytes = 42 } };
	static const char *const bad[] = { "", "abc", "512Q", "min:", "max:x", "1G,2G", "min:1G,min:2G",
					   "512M,", "--1G" };

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(dom0_mem_parse(bad[i], &m) < 0, "'%s' accepted", bad[i]);
		ck_assert_uint_eq(m.amount.bytes, 42);
	}
}
END_TEST

Suite *dom0_mem_suite(void)
{
	Suite *s = suite_create("dom0_mem");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, plain_size);
	tcase_add_test(tc, min_max_and_amount);
	tcase_add_test(tc, all_but);
	tcase_add_test(tc, maximum);
	tcase_add_test(tc, never_above_host);
	tcase_add_test(tc, invalid_left_unchanged);
	suite_add_tcase(s, tc);
	return s;
}
