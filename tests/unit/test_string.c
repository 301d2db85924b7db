/*
 * test_string.c - the hypervisor's own memory and string functions (hypervisor/lib/string.c),
 * built hosted under other names so they do not replace the C library's: every length from
 * 0 to 80 bytes at every alignment, guard bytes either side, and the overlapping moves.
 */
#include <stdint.h>
#include <string.h>

#include "unit.h"

/* Build the hypervisor's file with its functions renamed; lib.h's prototypes follow. */
#define memcpy lm_memcpy
#define memmove lm_memmove
#define memset lm_memset
#define memcmp lm_memcmp
#define strlen lm_strlen
#define strnlen lm_strnlen
#define strcmp lm_strcmp
#define strncmp lm_strncmp
#define strchr lm_strchr
#define strstr lm_strstr
#include "../../hypervisor/lib/string.c"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strstr

#define GUARD 16
#define MAXLEN 80
#define BUFLEN (GUARD + 8 + MAXLEN + GUARD)

static void pattern(unsigned char *b, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(i * 131 + seed * 7 + 1);
}

/* memset: exactly [off, off+len) takes the byte (only its low 8 bits), nothing else moves. */
START_TEST(memset_lengths)
{
	unsigned char buf[BUFLEN], want[BUFLEN];

	for (size_t off = GUARD; off < GUARD + 8; off++)
		for (size_t len = 0; len <= MAXLEN; len++) {
			pattern(buf, sizeof(buf), (unsigned)len);
			memcpy(want, buf, sizeof(buf));
			for (size_t i = 0; i < len; i++)
				want[off + i] = 0xab;
			void *r = lm_memset(buf + off, 0x7ab, len);
			ck_assert_ptr_eq(r, buf + off);
			ck_assert_msg(!memcmp(buf, want, sizeof(buf)), "memset off %zu len %zu", off, len);
		}
}
END_TEST

/* memcpy: every source and destination alignment, the bytes around the copy untouched. */
START_TEST(memcpy_lengths)
{
	unsigned char src[BUFLEN], dst[BUFLEN], want[BUFLEN];

	pattern(src, sizeof(src), 3);
	for (size_t so = GUARD; so < GUARD + 8; so++)
		for (size_t dof = GUARD; dof < GUARD + 8; dof++)
			for (size_t len = 0; len <= MAXLEN; len++) {
				pattern(dst, sizeof(dst), 5);
				memcpy(want, dst, sizeof(dst));
				memcpy(want + dof, src + so, len);
				void *r = lm_memcpy(dst + dof, src + so, len);
				ck_assert_ptr_eq(r, dst + dof);
				ck_assert_msg(!memcmp(dst, want, sizeof(dst)), "memcpy src %zu dst %zu len %zu",
					      so, dof, len);
			}
}
END_TEST

/* memmove: overlapping forward and backward moves give what the C library's gives. */
START_TEST(memmove_overlap)
{
	unsigned char buf[BUFLEN], want[BUFLEN];

	for (int shift = -9; shift <= 9; shift++)
		for (size_t len = 0; len <= MAXLEN - 10; len++) {
			size_t from = GUARD + 9;
			pattern(buf, sizeof(buf), 11);
			memcpy(want, buf, sizeof(buf));
			memmove(want + from + shift, want + from, len);
			lm_memmove(buf + from + shift, buf + from, len);
			ck_assert_msg(!memcmp(buf, want, sizeof(buf)), "memmove shift %d len %zu", shift, len);
		}
}
END_TEST

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

START_TEST(compare_and_search)
{
	ck_assert_int_eq(lm_memcmp("abc", "abd", 3), -1);
	ck_assert_int_eq(lm_memcmp("abc", "abd", 2), 0);
	ck_assert_int_gt(lm_memcmp("\xff", "\x01", 1), 0); /* bytes compare unsigned */
	ck_assert_uint_eq(lm_strlen(""), 0);
	ck_assert_uint_eq(lm_strlen("lamina"), 6);
	ck_assert_uint_eq(lm_strnlen("lamina", 3), 3);
	ck_assert_uint_eq(lm_strnlen("la", 9), 2);
	ck_assert_int_eq(sign(lm_strcmp("dom0", "dom1")), -1);
	ck_assert_int_eq(sign(lm_strcmp("dom", "dom0")), -1);
	ck_assert_int_eq(lm_strcmp("x", "x"), 0);
	ck_assert_int_gt(lm_strcmp("\xe9", "e"), 0);
	ck_assert_int_eq(lm_strncmp("console=com1", "console=hvc0", 8), 0);
	ck_assert_int_ne(lm_strncmp("console=com1", "console=hvc0", 9), 0);
	ck_assert_int_eq(lm_strncmp("ab", "ab", 10), 0);
	const char *s = "dom0_mem=512M";
	ck_assert_ptr_eq(lm_strchr(s, '='), s + 8);
	ck_assert_ptr_eq(lm_strchr(s, '\0'), s + 13);
	ck_assert_ptr_null(lm_strchr(s, 'x'));
	ck_assert_ptr_eq(lm_strstr(s, "mem"), s + 5);
	ck_assert_ptr_eq(lm_strstr(s, ""), s);
	ck_assert_ptr_null(lm_strstr(s, "memx"));
}
END_TEST

Suite *string_suite(void)
{
	Suite *s = suite_create("string");
	TCase *tc = tcase_create("memory");

	tcase_add_test(tc, memset_lengths);
	tcase_add_test(tc, memcpy_lengths);
	tcase_add_test(tc, memmove_overlap);
	suite_add_tcase(s, tc);
	tc = tcase_create("strings");
	tcase_add_test(tc, compare_and_search);
	suite_add_tcase(s, tc);
	return s;
}
