/*
 * test_time_scale.c - ticks to nanoseconds (lamina/time_scale.h,
 * hypervisor/lib/time_scale.c) for clocks from 1 Hz to 10 GHz.
 */
#include <lamina/time_scale.h>

#include "unit.h"

/* The frequencies the brief names first, then more real clocks and edges. */
static const uint64_t freqs[] = {
	1000000ULL, /* 1 MHz */
	3579545ULL, /* ACPI PM timer */
	1000000000ULL, /* 1 GHz */
	2001300000ULL, /* 2.0013 GHz */
	3700000000ULL, /* 3.7 GHz */
	10000000000ULL, /* 10 GHz */
	1ULL, /* the slowest possible */
	32768ULL, /* RTC */
	1193182ULL, /* PIT */
	14318180ULL, /* HPET */
	19200000ULL, /* ARM-ish crystal */
	25000000ULL, /* */
	999999999ULL, /* just under 1 GHz */
	1000000001ULL, /* just over 1 GHz */
	2000000000ULL, /* exactly 2 GHz */
	2000000001ULL, /* just over 2 GHz */
	2893299999ULL, /* odd, needs a right shift */
	4294967296ULL, /* 2^32 Hz */
	123456789012ULL, /* far beyond any TSC */
};

/* exact_ns - delta ticks of a freq Hz clock in ns, rounded down. */
static uint64_t exact_ns(uint64_t delta, uint64_t freq)
{
	return (uint64_t)((unsigned __int128)delta * NS_PER_SEC / freq);
}

static uint64_t absdiff(uint64_t a, uint64_t b)
{
	return a > b ? a - b : b - a;
}

/*
 * slack - how far ns may stray for one conversion, far inside 1 ppm: a
 * negative shift drops up to 2^-shift - 1 ticks; rounding costs 1 ns; the
 * relative error is under 1e-9 from the shifted rate (an integer over 1e9)
 * plus 2^-31 from the 32.32 fraction, so under 2^-29.
 */
static uint64_t slack(uint64_t delta, uint64_t freq, struct time_scale s)
{
	uint64_t dropped = s.shift < 0 ? (1ULL << -s.shift) - 1 : 0;

	return exact_ns(dropped, freq) + 2 + exact_ns(delta, freq) / (1ULL << 29);
}

START_TEST(one_second)
{
	uint64_t f = freqs[_i];
	struct time_scale s = time_scale_for(f);
	uint64_t ns = scale_delta(f, s);

	/* Within 1 ppm: 1000 ns in a second. */
	ck_assert_msg(absdiff(ns, NS_PER_SEC) <= 1000,
		      "%lu Hz: a second is %lu ns (shift %d mul %#x)", (unsigned long)f,
		      (unsigned long)ns, s.shift, s.mul_frac);
	/* And in fact far better. */
	ck_assert_msg(absdiff(ns, NS_PER_SEC) <= slack(f, f, s), "%lu Hz: a second is %lu ns",
		      (unsigned long)f, (unsigned long)ns);
}
END_TEST

START_TEST(precision)
{
	uint64_t f = freqs[_i];
	struct time_scale s = time_scale_for(f);

	/* The fraction uses all 32 bits. */
	ck_assert_msg(s.mul_frac & 0x80000000U, "%lu Hz: mul %#x lacks its top bit",
		      (unsigned long)f, s.mul_frac);
	ck_assert_int_ge(s.shift, -31);
	ck_assert_int_le(s.shift, 31);
	/* The exact shifted rate f * 2^shift lies in (1e9, 2e9]: the right shift. */
	unsigned __int128 lo = NS_PER_SEC, hi = 2 * NS_PER_SEC, ff = f;
	if (s.shift >= 0) {
		ff <<= s.shift;
	} else {
		lo <<= -s.shift;
		hi <<= -s.shift;
	}
	ck_assert_msg(ff > lo && ff <= hi, "%lu Hz: shift %d out of range", (unsigned long)f,
		      s.shift);
	/*
	 * mul is 2^32 * 1e9 / rate, rounded down, for the integer rate; when
	 * that is exactly 1e9 (a right shift dropped a 1 bit) it saturates.
	 */
	uint64_t rate = s.shift >= 0 ? f << s.shift : f >> -s.shift;
	uint64_t mul = (NS_PER_SEC << 32) / rate;
	ck_assert_uint_eq(s.mul_frac, mul > 0xffffffffULL ? 0xffffffffULL : mul);
}
END_TEST

START_TEST(small_deltas)
{
	uint64_t f = freqs[_i];
	struct time_scale s = time_scale_for(f);

	ck_assert_uint_eq(scale_delta(0, s), 0);
	for (uint64_t d = 1; d <= 5000; d += (d < 100 ? 1 : 37)) {
		uint64_t ns = scale_delta(d, s), want = exact_ns(d, f);
		if (absdiff(ns, want) > slack(d, f, s))
			ck_abort_msg("%lu Hz: %lu ticks gave %lu ns, want %lu", (unsigned long)f,
				     (unsigned long)d, (unsigned long)ns, (unsigned long)want);
	}
}
END_TEST

START_TEST(monotonic)
{
	uint64_t f = freqs[_i];
	struct time_scale s = time_scale_for(f);
	uint64_t prev = 0;

	/* Never backwards, tick by tick and across big steps. */
	for (uint64_t d = 0; d < 20000; d++) {
		uint64_t ns = scale_delta(d, s);
		if (ns < prev)
			ck_abort_msg("%lu Hz: %lu ticks gave %lu ns < %lu", (unsigned long)f,
				     (unsigned long)d, (unsigned long)ns, (unsigned long)prev);
		prev = ns;
	}
	for (uint64_t d = 20000; d < f * 10 && d < (1ULL << 40); d = d * 3 + 7) {
		uint64_t ns = scale_delta(d, s);
		if (ns < prev)
			ck_abort_msg("%lu Hz: %lu ticks gave %lu ns < %lu", (unsigned long)f,
				     (unsigned long)d, (unsigned long)ns, (unsigned long)prev);
		prev = ns;
	}
}
END_TEST

START_TEST(large_deltas)
{
	uint64_t f = freqs[_i];
	struct time_scale s = time_scale_for(f);
	static const uint64_t seconds[] = { 60, 3600, 86400, 365ULL * 86400 };

	for (size_t i = 0; i < ARRAY_SIZE(seconds); i++) {
		uint64_t ticks = f * seconds[i];
		uint64_t want = seconds[i] * NS_PER_SEC;

		if (f > UINT64_MAX / seconds[i])
			continue; /* more ticks than 64 bits hold */
		/* Skip where delta << shift would leave 64 bits (1 Hz over centuries). */
		if (s.shift > 0 && ticks >= (1ULL << (64 - s.shift)))
			continue;
		uint64_t ns = scale_delta(ticks, s);
		ck_assert_msg(absdiff(ns, want) <= want / 1000000,
			      "%lu Hz: %lu s gave %lu ns (off by more than 1 ppm)",
			      (unsigned long)f, (unsigned long)seconds[i], (unsigned long)ns);
		ck_assert_msg(absdiff(ns, want) <= slack(ticks, f, s), "%lu Hz: %lu s gave %lu ns",
			      (unsigned long)f, (unsigned long)seconds[i], (unsigned long)ns);
	}
}
END_TEST

START_TEST(additive)
{
	uint64_t f = freqs[_i];
	struct time_scale s = time_scale_for(f);

	/* Converting in pieces loses at most a few ns per piece. */
	uint64_t a = f / 3 + 12345, b = f / 7 + 999;
	uint64_t whole = scale_delta(a + b, s), parts = scale_delta(a, s) + scale_delta(b, s);
	ck_assert_uint_le(absdiff(whole, parts), 2 * slack(0, f, s));
}
END_TEST

START_TEST(known_pairs)
{
	/* Hand-computed pairs. */
	struct time_scale s = time_scale_for(1000000000ULL);
	ck_assert_int_eq(s.shift, 1);
	ck_assert_uint_eq(s.mul_frac, 0x80000000U);
	ck_assert_uint_eq(scale_delta(1, s), 1);
	ck_assert_uint_eq(scale_delta(123456789, s), 123456789);

	s = time_scale_for(2000000000ULL);
	ck_assert_int_eq(s.shift, 0);
	ck_assert_uint_eq(s.mul_frac, 0x80000000U);
	ck_assert_uint_eq(scale_delta(2, s), 1);
	ck_assert_uint_eq(scale_delta(4000000000ULL, s), 2000000000ULL);

	s = time_scale_for(1000000ULL); /* 1 MHz: 2^10 * 1e6 = 1.024e9 */
	ck_assert_int_eq(s.shift, 10);
	ck_assert_uint_eq(s.mul_frac, 4194304000U); /* 2^32 / 1.024 */
	ck_assert_uint_eq(scale_delta(1, s), 1000);
	ck_assert_uint_eq(scale_delta(1000000, s), NS_PER_SEC);

	s = time_scale_for(10000000000ULL); /* 10 GHz: 1e10 / 8 = 1.25e9 */
	ck_assert_int_eq(s.shift, -3);
	ck_assert_uint_eq(s.mul_frac, 3435973836U); /* 2^32 * 0.8, rounded down */
	ck_assert_uint_eq(scale_delta(0, s), 0);
	ck_assert_uint_eq(scale_delta(7, s), 0); /* below one shifted tick */
	ck_assert_uint_le(absdiff(scale_delta(80, s), 8), 1);

	s = time_scale_for(1ULL); /* 1 Hz: 2^30 */
	ck_assert_int_eq(s.shift, 30);
	ck_assert_uint_eq(scale_delta(1, s), NS_PER_SEC);
	ck_assert_uint_eq(scale_delta(3600, s), 3600 * NS_PER_SEC);
}
END_TEST

Suite *time_scale_suite(void)
{
	Suite *s = suite_create("time_scale");
	TCase *tc;
	const int n = (int)ARRAY_SIZE(freqs);

	tc = tcase_create("accuracy");
	tcase_add_loop_test(tc, one_second, 0, n);
	tcase_add_loop_test(tc, precision, 0, n);
	tcase_add_loop_test(tc, small_deltas, 0, n);
	tcase_add_loop_test(tc, large_deltas, 0, n);
	suite_add_tcase(s, tc);

	tc = tcase_create("shape");
	tcase_add_loop_test(tc, monotonic, 0, n);
	tcase_add_loop_test(tc, additive, 0, n);
	tcase_add_test(tc, known_pairs);
	suite_add_tcase(s, tc);
	return s;
}
