/*
 * test_timer_queue.c - the min-heap of pending timers
 * (hypervisor/common/timer_queue.c). Only the timer_queue_* functions and
 * struct timer's fields: the rest of lamina/timer.h is not linked here.
 */
#include <stdlib.h>
#include <string.h>

#include <lamina/errno.h>
#include <lamina/timer.h>

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

static struct timer_queue queue;
static struct timer timers[TIMER_QUEUE_MAX + 8];

static void setup(void)
{
	timer_queue_init(&queue);
	for (size_t i = 0; i < ARRAY_SIZE(timers); i++)
		timers[i] = (struct timer){ .expires = 0, .heap_index = -1, .data = &timers[i] };
}

static uint64_t rng_state;

static uint64_t rng(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

/*
 * check_heap - every pending timer knows its slot, every parent is no later
 * than its children, and first() is the minimum.
 */
static void check_heap(const struct timer_queue *q)
{
	CHECK(q->nr <= TIMER_QUEUE_MAX, "queue holds %u", q->nr);
	for (unsigned int i = 0; i < q->nr; i++) {
		const struct timer *t = q->heap[i];
		CHECK(t != NULL, "slot %u empty", i);
		CHECK(t->heap_index == (int)i, "slot %u holds a timer that says %d", i,
		      t->heap_index);
		if (i > 0) {
			const struct timer *parent = q->heap[(i - 1) / 2];
			CHECK(parent->expires <= t->expires,
			      "slot %u (%ld) before its parent (%ld)", i, (long)t->expires,
			      (long)parent->expires);
		}
	}
	if (q->nr) {
		s_time_t min = q->heap[0]->expires;
		for (unsigned int i = 1; i < q->nr; i++)
			CHECK(q->heap[i]->expires >= min, "slot %u earlier than the first", i);
		CHECK(timer_queue_first(q) == q->heap[0], "first() is not the root");
	} else {
		CHECK(timer_queue_first(q) == NULL, "first() of an empty queue");
	}
}

/* Pop everything through first()/remove(): deadlines come out sorted. */
static unsigned int drain_sorted(struct timer_queue *q)
{
	s_time_t prev = INT64_MIN;
	unsigned int n = 0;
	struct timer *t;

	while ((t = timer_queue_first(q)) != NULL) {
		CHECK(t->expires >= prev, "popped %ld after %ld", (long)t->expires, (long)prev);
		CHECK(t->heap_index == 0, "first() has index %d", t->heap_index);
		prev = t->expires;
		timer_queue_remove(q, t);
		CHECK(t->heap_index == -1, "popped timer still has index %d", t->heap_index);
		n++;
		CHECK(n <= TIMER_QUEUE_MAX, "queue does not drain");
	}
	CHECK(q->nr == 0, "drained queue holds %u", q->nr);
	return n;
}

/* ---- basics ---- */

START_TEST(empty_queue)
{
	ck_assert_uint_eq(queue.nr, 0);
	ck_assert_ptr_null(timer_queue_first(&queue));
	/* Removing from an empty queue: harmless. */
	timer_queue_remove(&queue, &timers[0]);
	ck_assert_int_eq(timers[0].heap_index, -1);
	ck_assert_uint_eq(queue.nr, 0);
}
END_TEST

START_TEST(single_timer)
{
	struct timer *t = &timers[0];

	t->expires = 1000;
	ck_assert_int_eq(timer_queue_add(&queue, t), 0);
	ck_assert_uint_eq(queue.nr, 1);
	ck_assert_int_eq(t->heap_index, 0);
	ck_assert_ptr_eq(timer_queue_first(&queue), t);
	timer_queue_remove(&queue, t);
	ck_assert_int_eq(t->heap_index, -1);
	ck_assert_uint_eq(queue.nr, 0);
	ck_assert_ptr_null(timer_queue_first(&queue));
	/* Again: not pending any more, so nothing happens. */
	timer_queue_remove(&queue, t);
	ck_assert_uint_eq(queue.nr, 0);
}
END_TEST

START_TEST(first_tracks_minimum)
{
	static const s_time_t deadlines[] = { 50, 40, 60, 10, 30, 70, 5, 100, 1, 200 };
	s_time_t min = INT64_MAX;

	for (size_t i = 0; i < ARRAY_SIZE(deadlines); i++) {
		timers[i].expires = deadlines[i];
		ck_assert_int_eq(timer_queue_add(&queue, &timers[i]), 0);
		if (deadlines[i] < min)
			min = deadlines[i];
		ck_assert_int_eq(timer_queue_first(&queue)->expires, min);
		check_heap(&queue);
	}
	ck_assert_ptr_eq(timer_queue_first(&queue), &timers[8]);
	ck_assert_uint_eq(drain_sorted(&queue), ARRAY_SIZE(deadlines));
}
END_TEST

START_TEST(random_inserts)
{
	unsigned int n = 1 + (unsigned int)_i * 97 % TIMER_QUEUE_MAX;

	rng_state = 0x71e3 + (uint64_t)_i;
	s_time_t min = INT64_MAX;
	for (unsigned int i = 0; i < n; i++) {
		timers[i].expires = (s_time_t)(rng() % 1000000) - 1000; /* some negative */
		ck_assert_int_eq(timer_queue_add(&queue, &timers[i]), 0);
		if (timers[i].expires < min)
			min = timers[i].expires;
		CHECK(timer_queue_first(&queue)->expires == min,
		      "after %u inserts first is %ld, not %ld", i + 1,
		      (long)timer_queue_first(&queue)->expires, (long)min);
	}
	ck_assert_uint_eq(queue.nr, n);
	check_heap(&queue);
	ck_assert_uint_eq(drain_sorted(&queue), n);
	for (unsigned int i = 0; i < n; i++)
		CHECK(timers[i].heap_index == -1, "timer %u still pending", i);
}
END_TEST

START_TEST(extreme_deadlines)
{
	timers[0].expires = INT64_MAX;
	timers[1].expires = INT64_MIN;
	timers[2].expires = 0;
	timers[3].expires = -1;
	timers[4].expires = INT64_MAX - 1;
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(timer_queue_add(&queue, &timers[i]), 0);
	check_heap(&queue);
	ck_assert_ptr_eq(timer_queue_first(&queue), &timers[1]);
	timer_queue_remove(&queue, &timers[1]);
	ck_assert_ptr_eq(timer_queue_first(&queue), &timers[3]);
	timer_queue_remove(&queue, &timers[3]);
	ck_assert_ptr_eq(timer_queue_first(&queue), &timers[2]);
	timer_queue_remove(&queue, &timers[2]);
	ck_assert_ptr_eq(timer_queue_first(&queue), &timers[4]);
	timer_queue_remove(&queue, &timers[4]);
	ck_assert_ptr_eq(timer_queue_first(&queue), &timers[0]);
}
END_TEST

/* ---- removal ---- */

START_TEST(remove_arbitrary)
{
	enum { N = 300 };

	rng_state = 0xabcdef + (uint64_t)_i;
	for (unsigned int i = 0; i < N; i++) {
		timers[i].expires = (s_time_t)(rng() % 5000);
		ck_assert_int_eq(timer_queue_add(&queue, &timers[i]), 0);
	}
	/* Remove a random half, checking the heap after each. */
	unsigned int removed = 0;
	for (unsigned int k = 0; k < N; k++) {
		unsigned int i = rng() % N;
		if (timers[i].heap_index < 0)
			continue;
		timer_queue_remove(&queue, &timers[i]);
		removed++;
		CHECK(timers[i].heap_index == -1, "removed timer %u keeps index %d", i,
		      timers[i].heap_index);
		check_heap(&queue);
		/* A second removal is harmless and changes nothing. */
		unsigned int nr = queue.nr;
		timer_queue_remove(&queue, &timers[i]);
		CHECK(queue.nr == nr, "removing a removed timer changed the queue");
	}
	ck_assert_uint_gt(removed, N / 4);
	ck_assert_uint_eq(queue.nr, N - removed);
	/* The survivors come out in order, and are exactly those not removed. */
	unsigned int pending = 0;
	for (unsigned int i = 0; i < N; i++)
		if (timers[i].heap_index >= 0)
			pending++;
	ck_assert_uint_eq(pending, N - removed);
	ck_assert_uint_eq(drain_sorted(&queue), N - removed);
}
END_TEST

START_TEST(remove_last_and_root)
{
	for (int i = 0; i < 7; i++) {
		timers[i].expires = (i + 1) * 10;
		ck_assert_int_eq(timer_queue_add(&queue, &timers[i]), 0);
	}
	/* Inserted in order: slot i holds timers[i]; the last slot is a leaf. */
	ck_assert_int_eq(timers[6].heap_index, 6);
	timer_queue_remove(&queue, &timers[6]);
	ck_assert_uint_eq(queue.nr, 6);
	check_heap(&queue);
	/* The root: the next earliest takes its place. */
	timer_queue_remove(&queue, &timers[0]);
	ck_assert_ptr_eq(timer_queue_first(&queue), &timers[1]);
	check_heap(&queue);
	ck_assert_uint_eq(drain_sorted(&queue), 5);
}
END_TEST

START_TEST(remove_needs_sift_up)
{
	/*
	 * Removing a deep timer moves the last one into its slot; when the last
	 * is earlier than the slot's new parent it must move up.
	 *          0
	 *      100    1
	 *   101  102 2  3
	 * Removing 101 (slot 3) moves 3 (slot 6) there, below 100: it must rise.
	 */
	static const s_time_t deadlines[] = { 0, 100, 1, 101, 102, 2, 3 };

	for (size_t i = 0; i < ARRAY_SIZE(deadlines); i++) {
		timers[i].expires = deadlines[i];
		ck_assert_int_eq(timer_queue_add(&queue, &timers[i]), 0);
	}
	for (size_t i = 0; i < ARRAY_SIZE(deadlines); i++)
		ck_assert_int_eq(timers[i].heap_index, (int)i);
	timer_queue_remove(&queue, &timers[3]);
	check_heap(&queue);
	ck_assert_int_eq(timers[6].heap_index, 1); /* risen above 100 */
	ck_assert_uint_eq(drain_sorted(&queue), 6);
}
END_TEST

START_TEST(remove_foreign_timer)
{
	/* A timer not in this queue, whatever its heap_index says, is left alone. */
	struct timer_queue other;
	struct timer stranger = { .expires = 5, .heap_index = -1 };

	for (int i = 0; i < 4; i++) {
		timers[i].expires = 10 * i;
		ck_assert_int_eq(timer_queue_add(&queue, &timers[i]), 0);
	}
	timer_queue_remove(&queue, &stranger);
	ck_assert_uint_eq(queue.nr, 4);

	timer_queue_init(&other);
	ck_assert_int_eq(timer_queue_add(&other, &stranger), 0);
	ck_assert_int_eq(stranger.heap_index, 0);
	timer_queue_remove(&queue, &stranger); /* slot 0 here is timers[0] */
	ck_assert_uint_eq(queue.nr, 4);
	ck_assert_int_eq(stranger.heap_index, 0);
	ck_assert_ptr_eq(timer_queue_first(&queue), &timers[0]);

	stranger.heap_index = 1000; /* beyond the queue */
	timer_queue_remove(&queue, &stranger);
	ck_assert_uint_eq(queue.nr, 4);
	stranger.heap_index = 0;
	timer_queue_remove(&other, &stranger);
	ck_assert_uint_eq(other.nr, 0);
	check_heap(&queue);
	ck_assert_uint_eq(drain_sorted(&queue), 4);
}
END_TEST

START_TEST(readd_after_remove)
{
	/* set_timer's pattern: remove, change the deadline, add again. */
	for (int i = 0; i < 10; i++) {
		timers[i].expires = 100 + i;
		ck_assert_int_eq(timer_queue_add(&queue, &timers[i]), 0);
	}
	timer_queue_remove(&queue, &timers[7]);
	timers[7].expires = 1;
	ck_assert_int_eq(timer_queue_add(&queue, &timers[7]), 0);
	ck_assert_ptr_eq(timer_queue_first(&queue), &timers[7]);
	timer_queue_remove(&queue, &timers[7]);
	timers[7].expires = 1000;
	ck_assert_int_eq(timer_queue_add(&queue, &timers[7]), 0);
	ck_assert_ptr_eq(timer_queue_first(&queue), &timers[0]);
	check_heap(&queue);
	ck_assert_uint_eq(queue.nr, 10);

	/* The last one out is the moved timer. */
	struct timer *last = NULL, *t;
	while ((t = timer_queue_first(&queue))) {
		last = t;
		timer_queue_remove(&queue, t);
	}
	ck_assert_ptr_eq(last, &timers[7]);
}
END_TEST

/* ---- equal deadlines ---- */

START_TEST(equal_deadlines)
{
	enum { N = 100 };

	for (int i = 0; i < N; i++) {
		timers[i].expires = 42;
		ck_assert_int_eq(timer_queue_add(&queue, &timers[i]), 0);
	}
	check_heap(&queue);
	/* Every one is handed out exactly once. */
	bool seen[N] = { false };
	struct timer *t;
	unsigned int n = 0;
	while ((t = timer_queue_first(&queue))) {
		ck_assert_int_eq(t->expires, 42);
		int idx = (int)(t - timers);
		ck_assert_int_ge(idx, 0);
		ck_assert_int_lt(idx, N);
		ck_assert(!seen[idx]);
		seen[idx] = true;
		timer_queue_remove(&queue, t);
		n++;
	}
	ck_assert_uint_eq(n, N);
}
END_TEST

START_TEST(equal_deadlines_mixed)
{
	/* Few distinct deadlines, many timers: ties everywhere. */
	enum { N = 500 };

	rng_state = 0x7135 + (uint64_t)_i;
	for (int i = 0; i < N; i++) {
		timers[i].expires = (s_time_t)(rng() % 4);
		ck_assert_int_eq(timer_queue_add(&queue, &timers[i]), 0);
	}
	for (int k = 0; k < 100; k++) {
		unsigned int i = rng() % N;
		if (timers[i].heap_index >= 0)
			timer_queue_remove(&queue, &timers[i]);
		check_heap(&queue);
	}
	drain_sorted(&queue);
}
END_TEST

/* ---- capacity ---- */

START_TEST(full_queue)
{
	rng_state = 0xf011;
	for (unsigned int i = 0; i < TIMER_QUEUE_MAX; i++) {
		timers[i].expires = (s_time_t)(rng() % 100000);
		CHECK(timer_queue_add(&queue, &timers[i]) == 0, "add %u failed", i);
	}
	ck_assert_uint_eq(queue.nr, TIMER_QUEUE_MAX);
	check_heap(&queue);

	/* One more, even an earlier one: refused, and nothing changes. */
	struct timer *first = timer_queue_first(&queue);
	struct timer *extra = &timers[TIMER_QUEUE_MAX];
	extra->expires = -5;
	ck_assert_int_eq(timer_queue_add(&queue, extra), -ENOSPC);
	ck_assert_int_eq(extra->heap_index, -1);
	ck_assert_uint_eq(queue.nr, TIMER_QUEUE_MAX);
	ck_assert_ptr_eq(timer_queue_first(&queue), first);
	ck_assert_int_eq(timer_queue_add(&queue, &timers[TIMER_QUEUE_MAX + 1]), -ENOSPC);
	check_heap(&queue);

	/* Make room: then it fits, and goes first. */
	timer_queue_remove(&queue, &timers[17]);
	ck_assert_int_eq(timer_queue_add(&queue, extra), 0);
	ck_assert_ptr_eq(timer_queue_first(&queue), extra);
	ck_assert_int_eq(timer_queue_add(&queue, &timers[17]), -ENOSPC);
	check_heap(&queue);
	ck_assert_uint_eq(drain_sorted(&queue), TIMER_QUEUE_MAX);
}
END_TEST

/* ---- randomized mix ---- */

START_TEST(random_mix)
{
	enum { N = 600, STEPS = 20000 };

	rng_state = 0x5eed5eed + (uint64_t)_i;
	for (unsigned int step = 0; step < STEPS; step++) {
		unsigned int i = rng() % N;
		struct timer *t = &timers[i];

		switch (rng() % 4) {
		case 0: /* pop the earliest, as the timer interrupt would */
			t = timer_queue_first(&queue);
			if (t) {
				for (unsigned int k = 0; k < queue.nr; k++)
					CHECK(queue.heap[k]->expires >= t->expires,
					      "first is not earliest");
				timer_queue_remove(&queue, t);
			}
			break;
		case 1: /* stop */
			timer_queue_remove(&queue, t);
			CHECK(t->heap_index == -1, "stopped timer pending");
			break;
		default: /* (re)arm */
			timer_queue_remove(&queue, t);
			t->expires = (s_time_t)(rng() % 10000);
			CHECK(timer_queue_add(&queue, t) == 0, "add failed with %u queued",
			      queue.nr);
			break;
		}
		if (step % 16 == 0)
			check_heap(&queue);
	}
	check_heap(&queue);
	unsigned int pending = 0;
	for (unsigned int i = 0; i < N; i++)
		if (timers[i].heap_index >= 0)
			pending++;
	ck_assert_uint_eq(pending, queue.nr);
	ck_assert_uint_eq(drain_sorted(&queue), pending);
}
END_TEST

Suite *timer_queue_suite(void)
{
	Suite *s = suite_create("timer_queue");
	TCase *tc;

	tc = tcase_create("order");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, empty_queue);
	tcase_add_test(tc, single_timer);
	tcase_add_test(tc, first_tracks_minimum);
	tcase_add_loop_test(tc, random_inserts, 0, 12);
	tcase_add_test(tc, extreme_deadlines);
	suite_add_tcase(s, tc);

	tc = tcase_create("remove");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_loop_test(tc, remove_arbitrary, 0, 4);
	tcase_add_test(tc, remove_last_and_root);
	tcase_add_test(tc, remove_needs_sift_up);
	tcase_add_test(tc, remove_foreign_timer);
	tcase_add_test(tc, readd_after_remove);
	suite_add_tcase(s, tc);

	tc = tcase_create("ties");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, equal_deadlines);
	tcase_add_loop_test(tc, equal_deadlines_mixed, 0, 4);
	suite_add_tcase(s, tc);

	tc = tcase_create("capacity");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, full_queue);
	tcase_add_loop_test(tc, random_mix, 0, 3);
	suite_add_tcase(s, tc);
	return s;
}
