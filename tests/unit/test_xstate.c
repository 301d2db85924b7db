/*
 * test_xstate.c - which XCR0 values a guest's XSETBV may load (asm/xstate.h, xcr0_valid).
 */
#include <asm/xstate.h>

#include "unit.h"

START_TEST(valid_values)
{
	ck_assert(xcr0_valid(XSTATE_FP));
	ck_assert(xcr0_valid(XSTATE_FP_SSE));
	ck_assert(xcr0_valid(XSTATE_FP_SSE | XSTATE_YMM));
	ck_assert(xcr0_valid(XSTATE_FP_SSE | XSTATE_YMM | XSTATE_AVX512));
	ck_assert(xcr0_valid(XSTATE_FP | XSTATE_BNDREGS | XSTATE_BNDCSR));
}
END_TEST

START_TEST(invalid_values)
{
	ck_assert(!xcr0_valid(0));
	ck_assert(!xcr0_valid(XSTATE_SSE)); /* x87 is always on */
	ck_assert(!xcr0_valid(XSTATE_FP | XSTATE_YMM)); /* AVX needs SSE */
	ck_assert(!xcr0_valid(XSTATE_FP_SSE | XSTATE_YMM | XSTATE_OPMASK)); /* AVX-512: all three */
	ck_assert(!xcr0_valid(XSTATE_FP_SSE | XSTATE_YMM | XSTATE_OPMASK | XSTATE_ZMM));
	ck_assert(!xcr0_valid(XSTATE_FP_SSE | XSTATE_AVX512)); /* AVX-512 needs AVX */
	ck_assert(!xcr0_valid(XSTATE_FP | XSTATE_BNDREGS)); /* MPX: both */
	ck_assert(!xcr0_valid(XSTATE_FP | XSTATE_BNDCSR));
}
END_TEST

Suite *xstate_suite(void)
{
	Suite *s = suite_create("xstate");
	TCase *tc = tcase_create("xcr0");

	tcase_add_test(tc, valid_values);
	tcase_add_test(tc, invalid_values);
	suite_add_tcase(s, tc);
	return s;
}
