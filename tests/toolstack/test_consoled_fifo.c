/*
 * test_consoled_fifo.c - the output queue between a console ring and its terminal
 * (backend-drivers/consoled/fifo.c: growth, wrap-around, dropping the oldest bytes at the
 * limit) and the event rate limit (rate.c).
 */
#include <string.h>

#include "consoled/fifo.h"
#include "consoled/rate.h"

#include "unit.h"

/* Everything queued in @f, in order, into @out (at most @size bytes); returns the count. */
static size_t drain(struct consoled_fifo *f, char *out, size_t size)
{
	size_t total = 0, n;
	const char *p;

	while ((n = consoled_fifo_peek(f, &p)) > 0 && total + n <= size) {
		memcpy(out + total, p, n);
		total += n;
		consoled_fifo_consume(f, n);
	}
	return total;
}

START_TEST(empty)
{
	struct consoled_fifo f = {0};
	const char *p;

	consoled_fifo_set_limit(&f, 8192);
	ck_assert_uint_eq(consoled_fifo_peek(&f, &p), 0);
	ck_assert_int_eq(consoled_fifo_push(&f, "", 0), 0);
	consoled_fifo_consume(&f, 10);
	ck_assert_uint_eq(f.len, 0);
	consoled_fifo_release(&f);
}
END_TEST

START_TEST(in_order_across_growth)
{
	static char data[20000], got[20000];
	struct consoled_fifo f = {0};
	size_t at = 0, out = 0;

	consoled_fifo_set_limit(&f, 65536);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)(i % 251);
	/* Pushes of odd sizes, with a piece taken now and then: the queue grows and wraps. */
	for (size_t n = 1; at < sizeof(data); n = n * 3 % 1000 + 7) {
		size_t k = n < sizeof(data) - at ? n : sizeof(data) - at;
		const char *p;

		ck_assert_int_eq(consoled_fifo_push(&f, data + at, k), 0);
		at += k;
		if (f.len > 3000) {
			size_t m = consoled_fifo_peek(&f, &p);

			m = m > 1500 ? 1500 : m;
			memcpy(got + out, p, m);
			out += m;
			consoled_fifo_consume(&f, m);
		}
	}
	ck_assert_uint_eq(out + f.len, sizeof(data));
	ck_assert_uint_eq(drain(&f, got + out, sizeof(got) - out), sizeof(data) - out);
	ck_assert_int_eq(memcmp(got, data, sizeof(data)), 0);
	ck_assert_uint_eq(f.dropped, 0);
	consoled_fifo_release(&f);
}
END_TEST

START_TEST(wraps_inside_the_buffer)
{
	struct consoled_fifo f = {0};
	char block[3000], got[6000];
	const char *p;

	consoled_fifo_set_limit(&f, CONSOLED_FIFO_MIN_BYTES);
	memset(block, 'a', sizeof(block));
	ck_assert_int_eq(consoled_fifo_push(&f, block, sizeof(block)), 0);
	consoled_fifo_consume(&f, 2500);
	memset(block, 'b', sizeof(block));
	ck_assert_int_eq(consoled_fifo_push(&f, block, sizeof(block)), 0); /* wraps */
	ck_assert_uint_eq(f.capacity, CONSOLED_FIFO_MIN_BYTES);
	/* The first piece ends at the end of the buffer; the rest follows from its start. */
	ck_assert_uint_eq(consoled_fifo_peek(&f, &p), CONSOLED_FIFO_MIN_BYTES - 2500);
	ck_assert_uint_eq(drain(&f, got, sizeof(got)), 3500);
	ck_assert_int_eq(memcmp(got, "aaaaa", 5), 0);
	ck_assert_int_eq(got[499], 'a');
	ck_assert_int_eq(got[500], 'b');
	ck_assert_int_eq(got[3499], 'b');
	consoled_fifo_release(&f);
}
END_TEST

START_TEST(drops_oldest_at_the_limit)
{
	struct consoled_fifo f = {0};
	char got[8192];

	consoled_fifo_set_limit(&f, 4096);
	for (int i = 0; i < 5; i++) {
		char line[1024];

		memset(line, '0' + i, sizeof(line));
		ck_assert_int_eq(consoled_fifo_push(&f, line, sizeof(line)), i < 4 ? 0 : 1024);
	}
	ck_assert_uint_eq(f.len, 4096);
	ck_assert_uint_eq(f.dropped, 1024);
	ck_assert_uint_eq(drain(&f, got, sizeof(got)), 4096);
	ck_assert_int_eq(got[0], '1'); /* the oldest kilobyte went */
	ck_assert_int_eq(got[4095], '4');
	consoled_fifo_release(&f);
}
END_TEST

START_TEST(one_push_larger_than_the_limit)
{
	static char big[10000], got[10000];
	struct consoled_fifo f = {0};

	consoled_fifo_set_limit(&f, 4096);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)i;
	ck_assert_int_eq(consoled_fifo_push(&f, "old", 3), 0);
	ck_assert_int_eq(consoled_fifo_push(&f, big, sizeof(big)), 3 + sizeof(big) - 4096);
	ck_assert_uint_eq(drain(&f, got, sizeof(got)), 4096);
	ck_assert_int_eq(memcmp(got, big + sizeof(big) - 4096, 4096), 0); /* its newest bytes */
	consoled_fifo_release(&f);
}
END_TEST

START_TEST(tiny_limits_use_the_minimum)
{
	struct consoled_fifo f = {0};
	char block[CONSOLED_FIFO_MIN_BYTES];

	consoled_fifo_set_limit(&f, 1);
	memset(block, 'z', sizeof(block));
	ck_assert_int_eq(consoled_fifo_push(&f, block, sizeof(block)), 0);
	ck_assert_uint_eq(f.len, CONSOLED_FIFO_MIN_BYTES);
	consoled_fifo_release(&f);
	ck_assert_ptr_null(f.data);
	ck_assert_uint_eq(f.len, 0);
}
END_TEST

START_TEST(rate_limit)
{
	struct consoled_rate r = {0};
	unsigned int allowed = 0;

	/* A burst at one instant: the first 29 may unmask at once, the 30th is held. */
	for (int i = 0; i < CONSOLED_RATE_EVENTS; i++)
		allowed += consoled_rate_event(&r, 1000);
	ck_assert_uint_eq(allowed, CONSOLED_RATE_EVENTS - 1);
	ck_assert_int_eq(consoled_rate_release_ms(&r), 1000 + CONSOLED_RATE_PERIOD_MS);
	/* Still within the period: held again. */
	ck_assert(!consoled_rate_event(&r, 1000 + CONSOLED_RATE_PERIOD_MS - 1));
	/* A new period starts a new count. */
	ck_assert(consoled_rate_event(&r, 1000 + CONSOLED_RATE_PERIOD_MS));
	ck_assert_int_eq(consoled_rate_release_ms(&r), 1000 + 2 * CONSOLED_RATE_PERIOD_MS);
	/* Events spread out never reach the limit. */
	for (long long t = 5000; t < 20000; t += 50)
		ck_assert(consoled_rate_event(&r, t));
}
END_TEST

Suite *consoled_fifo_suite(void)
{
	Suite *s = suite_create("consoled_fifo");
	TCase *tc = tcase_create("fifo");

	tcase_add_test(tc, empty);
	tcase_add_test(tc, in_order_across_growth);
	tcase_add_test(tc, wraps_inside_the_buffer);
	tcase_add_test(tc, drops_oldest_at_the_limit);
	tcase_add_test(tc, one_push_larger_than_the_limit);
	tcase_add_test(tc, tiny_limits_use_the_minimum);
	tcase_add_test(tc, rate_limit);
	suite_add_tcase(s, tc);
	return s;
}
