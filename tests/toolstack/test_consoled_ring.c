/*
 * test_consoled_ring.c - the console ring's index arithmetic (backend-drivers/consoled/ring.c):
 * empty and full rings in both directions, indices that wrap around 2^32, bytes that wrap
 * around the buffer, partial copies, and corrupt indices that must copy nothing.
 */
#include <string.h>

#include "consoled/ring.h"

#include "unit.h"

#define OUT_BYTES 2048
#define IN_BYTES 1024

static struct xencons_interface page;

static void setup(void)
{
	memset(&page, 0, sizeof(page));
}

START_TEST(queued_counts)
{
	ck_assert_int_eq(consoled_ring_queued(0, 0, OUT_BYTES), 0);
	ck_assert_int_eq(consoled_ring_queued(5, 9, OUT_BYTES), 4);
	ck_assert_int_eq(consoled_ring_queued(0, OUT_BYTES, OUT_BYTES), OUT_BYTES); /* full */
	ck_assert_int_eq(consoled_ring_queued(0, OUT_BYTES + 1, OUT_BYTES), CONSOLED_RING_CORRUPT);
	/* Free-running indices: prod has wrapped past 2^32, cons not yet. */
	ck_assert_int_eq(consoled_ring_queued(0xfffffff0u, 0x10u, OUT_BYTES), 0x20);
	/* cons ahead of prod is a negative count: corrupt. */
	ck_assert_int_eq(consoled_ring_queued(10, 9, OUT_BYTES), CONSOLED_RING_CORRUPT);
}
END_TEST

START_TEST(empty_ring_gives_nothing)
{
	char buf[16];

	ck_assert_int_eq(consoled_ring_read_out(&page, buf, sizeof(buf)), 0);
	ck_assert_int_eq(consoled_ring_in_room(&page), IN_BYTES);
	ck_assert_uint_eq(page.out_cons, 0);
}
END_TEST

START_TEST(output_round_trip)
{
	char buf[64];

	ck_assert_int_eq(consoled_ring_write_out(&page, "hello, world\n", 13), 13);
	ck_assert_uint_eq(page.out_prod, 13);
	ck_assert_int_eq(consoled_ring_read_out(&page, buf, 5), 5); /* a partial take */
	ck_assert_int_eq(memcmp(buf, "hello", 5), 0);
	ck_assert_uint_eq(page.out_cons, 5);
	ck_assert_int_eq(consoled_ring_read_out(&page, buf, sizeof(buf)), 8);
	ck_assert_int_eq(memcmp(buf, ", world\n", 8), 0);
	ck_assert_int_eq(consoled_ring_read_out(&page, buf, sizeof(buf)), 0);
}
END_TEST

START_TEST(output_full_then_drained)
{
	static char data[OUT_BYTES + 100], got[OUT_BYTES + 100];

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 7);
	/* The frontend fills out[] to the last byte and not one more. */
	ck_assert_int_eq(consoled_ring_write_out(&page, data, sizeof(data)), OUT_BYTES);
	ck_assert_int_eq(consoled_ring_write_out(&page, data, 1), 0);
	ck_assert_int_eq(consoled_ring_read_out(&page, got, sizeof(got)), OUT_BYTES);
	ck_assert_int_eq(memcmp(got, data, OUT_BYTES), 0);
	ck_assert_uint_eq(page.out_cons, page.out_prod);
}
END_TEST

START_TEST(output_wraps_the_buffer)
{
	char got[32];

	/* Start 4 bytes before the end of out[]: the text continues at out[0]. */
	page.out_cons = page.out_prod = OUT_BYTES - 4;
	ck_assert_int_eq(consoled_ring_write_out(&page, "abcdefghij", 10), 10);
	ck_assert_int_eq(memcmp(page.out + OUT_BYTES - 4, "abcd", 4), 0);
	ck_assert_int_eq(memcmp(page.out, "efghij", 6), 0);
	ck_assert_int_eq(consoled_ring_read_out(&page, got, sizeof(got)), 10);
	ck_assert_int_eq(memcmp(got, "abcdefghij", 10), 0);
}
END_TEST

START_TEST(indices_wrap_2_32)
{
	char got[32];

	page.out_cons = page.out_prod = 0xfffffffcu;
	ck_assert_int_eq(consoled_ring_write_out(&page, "0123456789", 10), 10);
	ck_assert_uint_eq(page.out_prod, 6); /* wrapped */
	ck_assert_int_eq(consoled_ring_read_out(&page, got, sizeof(got)), 10);
	ck_assert_int_eq(memcmp(got, "0123456789", 10), 0);
	ck_assert_uint_eq(page.out_cons, 6);

	page.in_cons = page.in_prod = 0xfffffffeu;
	ck_assert_int_eq(consoled_ring_write_in(&page, "xyz", 3), 3);
	ck_assert_uint_eq(page.in_prod, 1);
	ck_assert_int_eq(consoled_ring_in_room(&page), IN_BYTES - 3);
	ck_assert_int_eq(consoled_ring_read_in(&page, got, sizeof(got)), 3);
	ck_assert_int_eq(memcmp(got, "xyz", 3), 0);
}
END_TEST

START_TEST(input_limited_by_room)
{
	static char data[IN_BYTES * 2], got[IN_BYTES];

	memset(data, 'k', sizeof(data));
	ck_assert_int_eq(consoled_ring_write_in(&page, data, 1000), 1000);
	ck_assert_int_eq(consoled_ring_in_room(&page), IN_BYTES - 1000);
	/* Only the room left goes in: the caller keeps the rest for later. */
	ck_assert_int_eq(consoled_ring_write_in(&page, data, sizeof(data)), IN_BYTES - 1000);
	ck_assert_int_eq(consoled_ring_in_room(&page), 0);
	ck_assert_int_eq(consoled_ring_write_in(&page, data, 1), 0);
	ck_assert_int_eq(consoled_ring_read_in(&page, got, 100), 100);
	ck_assert_int_eq(consoled_ring_in_room(&page), 100);
}
END_TEST

/* A guest that lies about out_prod gets nothing taken and its indices left as they are. */
START_TEST(corrupt_output_indices)
{
	char buf[OUT_BYTES];

	page.out_cons = 100;
	page.out_prod = 100 + OUT_BYTES + 1;
	memset(buf, 0x55, sizeof(buf));
	ck_assert_int_eq(consoled_ring_read_out(&page, buf, sizeof(buf)), CONSOLED_RING_CORRUPT);
	ck_assert_uint_eq(page.out_cons, 100);
	ck_assert_uint_eq((unsigned char)buf[0], 0x55);
	page.out_prod = 99; /* behind cons */
	ck_assert_int_eq(consoled_ring_read_out(&page, buf, sizeof(buf)), CONSOLED_RING_CORRUPT);
	page.out_prod = 0x7fffffffu; /* far away */
	ck_assert_int_eq(consoled_ring_read_out(&page, buf, sizeof(buf)), CONSOLED_RING_CORRUPT);
	ck_assert_int_eq(consoled_ring_write_out(&page, "x", 1), CONSOLED_RING_CORRUPT);
}
END_TEST

/* The backend's own index lives in the guest's page too: a bad in_prod is caught as well. */
START_TEST(corrupt_input_indices)
{
	page.in_cons = 5;
	page.in_prod = 5 + IN_BYTES + 1;
	ck_assert_int_eq(consoled_ring_in_room(&page), CONSOLED_RING_CORRUPT);
	ck_assert_int_eq(consoled_ring_write_in(&page, "a", 1), CONSOLED_RING_CORRUPT);
	ck_assert_uint_eq(page.in_prod, 5 + IN_BYTES + 1);
	page.in_prod = 4;
	ck_assert_int_eq(consoled_ring_in_room(&page), CONSOLED_RING_CORRUPT);
}
END_TEST

/* Indices at the edge: exactly full is fine, and every slot used stays in the buffer. */
START_TEST(huge_indices_stay_in_bounds)
{
	char got[OUT_BYTES];

	for (unsigned int k = 0; k < 64; k++) {
		XENCONS_RING_IDX base = 0xffffffffu - k * 97;

		setup();
		page.out_cons = base;
		page.out_prod = base + OUT_BYTES;
		ck_assert_int_eq(consoled_ring_read_out(&page, got, sizeof(got)), OUT_BYTES);
		ck_assert_uint_eq(page.out_cons, base + OUT_BYTES);
	}
}
END_TEST

Suite *consoled_ring_suite(void)
{
	Suite *s = suite_create("consoled_ring");
	TCase *tc = tcase_create("ring");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, queued_counts);
	tcase_add_test(tc, empty_ring_gives_nothing);
	tcase_add_test(tc, output_round_trip);
	tcase_add_test(tc, output_full_then_drained);
	tcase_add_test(tc, output_wraps_the_buffer);
	tcase_add_test(tc, indices_wrap_2_32);
	tcase_add_test(tc, input_limited_by_room);
	tcase_add_test(tc, corrupt_output_indices);
	tcase_add_test(tc, corrupt_input_indices);
	tcase_add_test(tc, huge_indices_stay_in_bounds);
	suite_add_tcase(s, tc);
	return s;
}
