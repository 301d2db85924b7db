/*
 * test_vsnprintf.c - lamina_vsnprintf/lamina_snprintf (hypervisor/lib/vsnprintf.c)
 * against the host C library's vsnprintf, plus truncation at every buffer
 * size and our own extensions (%p's fixed form, unknown conversions).
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <lamina/lib.h>

#include "unit.h"

/*
 * CHECK - an assertion for hot loops. A passing ck_assert records a
 * checkpoint (a pipe write in fork mode); this costs nothing when it holds.
 */
#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			ck_abort_msg(__VA_ARGS__);                                                 \
	} while (0)

#define BUF 512
#define CANARY 0xEE

/*
 * check_truncation - ours, into a buffer of every size from 0 to len + 2,
 * gives the same return value, the longest prefix that fits, a NUL after it
 * and leaves every byte past size alone.
 */
static void check_truncation(const char *where, const char *fmt, const char *full, int len,
			     va_list ap)
{
	unsigned char buf[BUF + 16];

	for (int size = 0; size <= len + 2 && size <= BUF; size++) {
		va_list aq;

		memset(buf, CANARY, sizeof(buf));
		va_copy(aq, ap);
		int n = lamina_vsnprintf((char *)buf, (size_t)size, fmt, aq);
		va_end(aq);
		CHECK(n == len, "%s: \"%s\" size %d returned %d, want %d", where, fmt, size, n,
		      len);
		if (size > 0) {
			int kept = len < size ? len : size - 1;
			CHECK(memcmp(buf, full, (size_t)kept) == 0,
			      "%s: \"%s\" size %d: wrong prefix", where, fmt, size);
			CHECK(buf[kept] == '\0', "%s: \"%s\" size %d: no NUL at %d", where, fmt,
			      size, kept);
		}
		for (size_t i = (size_t)size; i < sizeof(buf); i++)
			CHECK(buf[i] == CANARY, "%s: \"%s\" size %d: byte %zu written", where, fmt,
			      size, i);
	}

	/* Size 0 with no buffer at all: only the length. */
	va_list aq;
	va_copy(aq, ap);
	int n = lamina_vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	CHECK(n == len, "%s: \"%s\" NULL/0 returned %d, want %d", where, fmt, n, len);
}

/* vcompare - ours and the C library's on the same arguments; then truncation. */
static void vcompare(const char *file, int line, const char *fmt, va_list ap)
{
	char ours[BUF], theirs[BUF], where[128];
	va_list a1, a2, a3;

	snprintf(where, sizeof(where), "%s:%d", file, line);
	memset(ours, 'X', sizeof(ours));
	memset(theirs, 'Y', sizeof(theirs));
	va_copy(a1, ap);
	va_copy(a2, ap);
	va_copy(a3, ap);
	int n_ours = lamina_vsnprintf(ours, sizeof(ours), fmt, a1);
	int n_theirs = vsnprintf(theirs, sizeof(theirs), fmt, a2);
	va_end(a1);
	va_end(a2);

	ck_assert_msg(n_theirs >= 0 && n_theirs < BUF, "%s: bad case \"%s\"", where, fmt);
	ck_assert_msg(n_ours == n_theirs && !memcmp(ours, theirs, (size_t)n_theirs + 1),
		      "%s: \"%s\": ours \"%s\" (%d), libc \"%s\" (%d)", where, fmt, ours, n_ours,
		      theirs, n_theirs);
	check_truncation(where, fmt, theirs, n_theirs, a3);
	va_end(a3);
}

/* cmp - a well-formed case; the compiler checks the arguments against fmt. */
static void __attribute__((format(printf, 3, 4)))
cmp_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcompare(file, line, fmt, ap);
	va_end(ap);
}
#define cmp(...) cmp_at(__FILE__, __LINE__, __VA_ARGS__)

/*
 * cmp_nocheck - a case whose flags C defines but gcc's -Wformat flags as
 * ignored ('+' on %u, '0' with '-' or a precision): checked against libc all
 * the same.
 */
static void cmp_nocheck_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcompare(file, line, fmt, ap);
	va_end(ap);
}
#define cmp_nocheck(...) cmp_nocheck_at(__FILE__, __LINE__, __VA_ARGS__)

/* expect - ours gives exactly want (for output C leaves to the implementation). */
static void expect_at(const char *file, int line, const char *want, const char *fmt, ...)
{
	char buf[BUF], where[128];
	va_list ap, aq;

	snprintf(where, sizeof(where), "%s:%d", file, line);
	va_start(ap, fmt);
	va_copy(aq, ap);
	int n = lamina_vsnprintf(buf, sizeof(buf), fmt, ap);
	ck_assert_msg(n == (int)strlen(want) && !strcmp(buf, want),
		      "%s: \"%s\" gave \"%s\" (%d), want \"%s\"", where, fmt, buf, n, want);
	check_truncation(where, fmt, want, n, aq);
	va_end(aq);
	va_end(ap);
}
#define expect(...) expect_at(__FILE__, __LINE__, __VA_ARGS__)

/* ---- against the C library ---- */

START_TEST(plain_text)
{
	cmp("%s", "");
	cmp("hello, world");
	cmp("tab\tnewline\n");
	cmp("%%");
	cmp("100%%");
	cmp("%%%%%%");
	cmp("%d%%", 50);
	cmp("%s", "a string of a good length to truncate at every size, 0123456789");
}
END_TEST

START_TEST(signed_decimal)
{
	static const int vals[] = { 0, 1, -1, 7, -7, 42, -42, 1000, -99999, INT_MAX, INT_MIN };

	for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
		int v = vals[i];
		cmp("%d", v);
		cmp("%i", v);
		cmp("[%5d]", v);
		cmp("[%-5d]", v);
		cmp("[%05d]", v);
		cmp("[%+d]", v);
		cmp("[% d]", v);
		cmp("[%+5d]", v);
		cmp("[%-+6d]", v);
		cmp("[%+06d]", v);
		cmp("[% 06d]", v);
		cmp("[%.3d]", v);
		cmp("[%.0d]", v);
		cmp("[%5.0d]", v);
		cmp("[%-5.0d]", v);
		cmp("[%+.0d]", v);
		cmp("[% .0d]", v);
		cmp("[%8.5d]", v);
		cmp("[%-8.5d]", v);
		cmp("[%.12d]", v);
		cmp("[%20.15d]", v);
		cmp("[%+20.15i]", v);
		cmp("[%1d]", v);
		cmp("[%40d]", v);
		cmp("[%-40d]", v);
		cmp("[%040d]", v);
	}
}
END_TEST

START_TEST(unsigned_decimal)
{
	static const unsigned int vals[] = { 0, 1, 9, 10, 12345, 0x80000000U, UINT_MAX };

	for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
		unsigned int v = vals[i];
		cmp("%u", v);
		cmp("[%10u]", v);
		cmp("[%-10u]", v);
		cmp("[%010u]", v);
		cmp("[%.12u]", v);
		cmp("[%.0u]", v);
		cmp("[%3.0u]", v);
		cmp("[%14.12u]", v);
	}
}
END_TEST

START_TEST(hex_and_octal)
{
	static const unsigned int vals[] = { 0,	  1,	7,    8,	  15,	   16,
					     255, 0777, 0x1f, 0xdeadbeef, UINT_MAX };

	for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
		unsigned int v = vals[i];
		cmp("%x", v);
		cmp("%X", v);
		cmp("%o", v);
		cmp("[%#x]", v);
		cmp("[%#X]", v);
		cmp("[%#o]", v);
		cmp("[%10x]", v);
		cmp("[%-10X]", v);
		cmp("[%08X]", v);
		cmp("[%#10x]", v);
		cmp("[%#-10x]", v);
		cmp("[%#010x]", v);
		cmp("[%#.8x]", v);
		cmp("[%#12.8X]", v);
		cmp("[%#.0x]", v);
		cmp("[%.0x]", v);
		cmp("[%.0o]", v);
		cmp("[%.5o]", v);
		cmp("[%#5o]", v);
		cmp("[%#05o]", v);
		cmp("[%#-6o]", v);
		cmp("[%#.3o]", v);
		cmp("[%#.0o]", v);
		cmp("[%#8.6o]", v);
		cmp("[%#.12o]", v);
	}
}
END_TEST

START_TEST(chars)
{
	cmp("%c", 'a');
	cmp("[%3c]", 'b');
	cmp("[%-3c]", 'c');
	cmp("[%1c]", 'd');
	cmp("%c%c%c", 'x', 'y', 'z');
	cmp("%c", 0x1ff); /* converted to unsigned char */
	cmp("[%c]", '\0'); /* a NUL inside the output */
	cmp("[%5c]", '\0');
}
END_TEST

START_TEST(strings)
{
	static const char *const vals[] = { "", "a", "abc", "hello world",
					    "a much longer string than any width used here" };

	for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
		const char *s = vals[i];
		cmp("%s", s);
		cmp("[%10s]", s);
		cmp("[%-10s]", s);
		cmp("[%.2s]", s);
		cmp("[%.0s]", s);
		cmp("[%10.2s]", s);
		cmp("[%-10.2s]", s);
		cmp("[%.100s]", s);
		cmp("[%*s]", 7, s);
		cmp("[%*s]", -7, s);
		cmp("[%-*s]", 7, s);
		cmp("[%.*s]", 3, s);
		cmp("[%.*s]", -3, s);
		cmp("[%*.*s]", 9, 2, s);
	}
	/* Precision limits the read: no NUL needed within it. */
	static const char unterminated[4] = { 'w', 'x', 'y', 'z' };
	cmp("[%.4s]", unterminated);
	cmp("[%.2s]", unterminated);
}
END_TEST

START_TEST(star_width_precision)
{
	cmp("[%*d]", 6, 42);
	cmp("[%*d]", -6, 42);
	cmp("[%-*d]", 6, 42);
	cmp("[%-*d]", -6, 42);
	cmp("[%0*d]", 5, -3);
	cmp("[%*d]", 0, 5);
	cmp("[%.*d]", 4, 7);
	cmp("[%.*d]", 0, 0);
	cmp("[%.*d]", -1, 0);
	cmp("[%.*d]", -1, 7);
	cmp("[%*.*d]", 8, 4, -7);
	cmp("[%*.*d]", -8, 4, -7);
	cmp("[%*.*x]", 10, 6, 0xabcU);
	cmp("[%#*.*x]", 12, 6, 0xabcU);
	cmp("[%*u|%*u]", 3, 1U, 4, 22U);
}
END_TEST

START_TEST(length_modifiers)
{
	/* hh and h: the int argument is converted to char / short. */
	cmp("%hhd", 300);
	cmp("%hhd", -129);
	cmp("%hhd", 127);
	cmp("%hhi", -128);
	cmp("%hhu", -1);
	cmp("%hhx", 0x1ff);
	cmp("%hho", 0x1ff);
	cmp("%#hhX", 0xabc);
	cmp("%hd", 70000);
	cmp("%hd", -32769);
	cmp("%hi", SHRT_MIN);
	cmp("%hu", -1);
	cmp("%hx", 0x12345);
	cmp("[%08hd]", -5);

	/* l and ll: 64-bit values. */
	cmp("%ld", LONG_MIN);
	cmp("%ld", LONG_MAX);
	cmp("%li", -1L);
	cmp("%lu", ULONG_MAX);
	cmp("%lx", ULONG_MAX);
	cmp("%lX", 0x123456789abcdefUL);
	cmp("%lo", ULONG_MAX);
	cmp("%#lx", 0x8000000000000000UL);
	cmp("%#lo", 1UL << 63);
	cmp("[%25ld]", LONG_MIN);
	cmp("[%-+25ld]", LONG_MAX);
	cmp("[%.20lu]", 1UL);
	cmp("%lld", LLONG_MIN);
	cmp("%lld", LLONG_MAX);
	cmp("%lli", -1234567890123LL);
	cmp("%llu", ULLONG_MAX);
	cmp("%llx", ULLONG_MAX);
	cmp("%llX", 0xfedcba9876543210ULL);
	cmp("%#llo", ULLONG_MAX);
	cmp("%#llx", 0ULL);

	/* z and t: size_t, ssize_t, ptrdiff_t. */
	cmp("%zu", SIZE_MAX);
	cmp("%zu", (size_t)0);
	cmp("%zx", SIZE_MAX);
	cmp("%zd", (ssize_t)-5);
	cmp("%zd", (ssize_t)SSIZE_MAX);
	cmp("%td", (ptrdiff_t)-3);
	cmp("%tx", (ptrdiff_t)0x7fff);

	/* A 64-bit argument does not disturb the next one. */
	cmp("%lld %d %llx %u", -1LL, 5, 0xffffffffffULL, 6U);
	cmp("%hhd %ld %hd %zu", 1, 2L, 3, (size_t)4);
}
END_TEST

START_TEST(mixed_formats)
{
	cmp("a%db%sc%xd", 1, "two", 3U);
	cmp("[%5d|%-5d|%05d]", 1, 2, 3);
	cmp("%s=%#lx (%lu pages, %d%%)", "mem", 0x1000000UL, 4096UL, 75);
	cmp("%c%s%c", '<', "mid", '>');
	cmp("%-8s|%8s|%.3s|", "left", "right", "truncated");
	cmp("%u %i %o %x %X %c %s %%", 1U, -2, 8U, 255U, 255U, 'c', "s");
	cmp("(%3d,%-3d,%03d,%+3d,% 3d)", -1, -1, -1, 1, 1);
}
END_TEST

START_TEST(flags_gcc_calls_ignored)
{
	/* '+' and ' ' mean nothing for unsigned conversions. */
	cmp_nocheck("[%+u]", 5U);
	cmp_nocheck("[% u]", 5U);
	cmp_nocheck("[%+x]", 255U);
	cmp_nocheck("[% X]", 255U);
	cmp_nocheck("[%+o]", 8U);
	cmp_nocheck("[%+5u]", 0U);
	cmp_nocheck("[% 05x]", 0x1fU);
	cmp_nocheck("[%+lu]", ULONG_MAX);
	cmp_nocheck("[%+#llx]", 0x10ULL);
	/* '+' wins over ' '. */
	cmp_nocheck("[%+ d]", 42);
	cmp_nocheck("[% +d]", 42);
	cmp_nocheck("[% +5d]", -42);
	/* '-' wins over '0'. */
	cmp_nocheck("[%-05d]", 42);
	cmp_nocheck("[%0-5d]", -42);
	cmp_nocheck("[%-#010x]", 0x42U);
	/* A precision disables '0'. */
	cmp_nocheck("[%08.3d]", 42);
	cmp_nocheck("[%08.3d]", -42);
	cmp_nocheck("[%08.3x]", 0x42U);
	cmp_nocheck("[%#08.3x]", 0x42U);
	cmp_nocheck("[%05.0d]", 0);
	cmp_nocheck("[%0*.*d]", 8, 3, 5);
	/* Repeated flags. */
	cmp_nocheck("[%--5d]", 1);
	cmp_nocheck("[%005d]", 1);
	cmp_nocheck("[%##x]", 1U);
}
END_TEST

/* ---- truncation ---- */

START_TEST(truncation_basics)
{
	char buf[8];

	memset(buf, 'Z', sizeof(buf));
	ck_assert_int_eq(lamina_snprintf(buf, 4, "%s", "abcdef"), 6);
	ck_assert_str_eq(buf, "abc");
	ck_assert_int_eq(buf[4], 'Z');

	memset(buf, 'Z', sizeof(buf));
	ck_assert_int_eq(lamina_snprintf(buf, 1, "%d", 12345), 5);
	ck_assert_int_eq(buf[0], '\0');
	ck_assert_int_eq(buf[1], 'Z');

	memset(buf, 'Z', sizeof(buf));
	ck_assert_int_eq(lamina_snprintf(buf, 0, "%d", 12345), 5);
	ck_assert_int_eq(buf[0], 'Z');
	ck_assert_int_eq(lamina_snprintf(NULL, 0, "%s%s", "abc", "def"), 6);

	/* Exactly fitting, and one short. */
	memset(buf, 'Z', sizeof(buf));
	ck_assert_int_eq(lamina_snprintf(buf, 8, "%07d", 42), 7);
	ck_assert_str_eq(buf, "0000042");
	ck_assert_int_eq(lamina_snprintf(buf, 7, "%07d", 42), 7);
	ck_assert_str_eq(buf, "000004");

	/* Padding and precision beyond the buffer: still the full length. */
	ck_assert_int_eq(lamina_snprintf(buf, sizeof(buf), "%300d", 1), 300);
	ck_assert_str_eq(buf, "       ");
	ck_assert_int_eq(lamina_snprintf(buf, sizeof(buf), "%.300d", 1), 300);
	ck_assert_str_eq(buf, "0000000");
	ck_assert_int_eq(lamina_snprintf(buf, sizeof(buf), "%-300s|", "ab"), 301);
	ck_assert_str_eq(buf, "ab     ");
}
END_TEST

START_TEST(truncation_long_output)
{
	/* Longer than any internal buffer; compared at every size too. */
	char big[400];

	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cmp("%s", big);
	cmp("[%s|%s]", big + 250, big + 300);
	cmp("%200d%100x", -1, 0xabcU);
}
END_TEST

/* ---- our own behaviour ---- */

START_TEST(null_string)
{
	expect("(null)", "%s", (const char *)NULL);
	expect("[    (null)]", "[%10s]", (const char *)NULL);
	expect("[(null)    ]", "[%-10s]", (const char *)NULL);
	expect("[(nu]", "[%.3s]", (const char *)NULL);
	expect("a(null)b", "a%sb", (const char *)NULL);
}
END_TEST

START_TEST(pointer_format)
{
	/* %p: always 0x and 16 hex digits, zero padded. */
	expect("0x0000000000001234", "%p", (void *)0x1234UL);
	expect("0xffff82d040000000", "%p", (void *)0xffff82d040000000UL);
	expect("0xffffffffffffffff", "%p", (void *)~0UL);
	expect("0x0000000000000001", "%p", (void *)1UL);
	expect("0x0000000000000000", "%p", (void *)NULL);
	expect("[0x00000000deadbeef]", "[%p]", (void *)0xdeadbeefUL);
	expect("0x0000000000000010 0x0000000000000020", "%p %p", (void *)0x10UL, (void *)0x20UL);
	/* The pointer does not disturb the next argument. */
	expect("0x00000000000000ab-7", "%p-%d", (void *)0xabUL, 7);
}
END_TEST

START_TEST(unknown_and_incomplete)
{
	expect("abc", "abc%");
	expect("%y", "%y");
	expect("1%y2", "%d%%y%d", 1, 2);
	expect("x%qx", "x%qx");
	expect("5", "%d%", 5);
	expect("", "%l");
	expect("", "%hh");
	expect("", "%-5");
	expect("", "%.");
}
END_TEST

START_TEST(snprintf_matches_vsnprintf)
{
	char a[64], b[64];

	int na = lamina_snprintf(a, sizeof(a), "%s:%d:%#x", "file", 12, 0x34U);
	ck_assert_int_eq(na, 12);
	ck_assert_str_eq(a, "file:12:0x34");
	int nb = snprintf(b, sizeof(b), "%s:%d:%#x", "file", 12, 0x34U);
	ck_assert_int_eq(na, nb);
	ck_assert_str_eq(a, b);
}
END_TEST

Suite *vsnprintf_suite(void)
{
	Suite *s = suite_create("vsnprintf");
	TCase *tc;

	tc = tcase_create("libc");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, plain_text);
	tcase_add_test(tc, signed_decimal);
	tcase_add_test(tc, unsigned_decimal);
	tcase_add_test(tc, hex_and_octal);
	tcase_add_test(tc, chars);
	tcase_add_test(tc, strings);
	tcase_add_test(tc, star_width_precision);
	tcase_add_test(tc, length_modifiers);
	tcase_add_test(tc, mixed_formats);
	tcase_add_test(tc, flags_gcc_calls_ignored);
	suite_add_tcase(s, tc);

	tc = tcase_create("truncation");
	tcase_add_test(tc, truncation_basics);
	tcase_add_test(tc, truncation_long_output);
	suite_add_tcase(s, tc);

	tc = tcase_create("own");
	tcase_add_test(tc, null_string);
	tcase_add_test(tc, pointer_format);
	tcase_add_test(tc, unknown_and_incomplete);
	tcase_add_test(tc, snprintf_matches_vsnprintf);
	suite_add_tcase(s, tc);
	return s;
}
