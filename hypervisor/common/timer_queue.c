/*
 * timer_queue.c - the min-heap of pending timers, ordered by deadline.
 * Pure logic, unit-tested hosted (tests/unit/test_timer_queue.c).
 */
#include <lamina/errno.h>
#include <lamina/timer.h>

static void place(struct timer_queue *q, unsigned int i, struct timer *t)
{
	q->heap[i] = t;
	t->heap_index = (int)i;
}

static void sift_up(struct timer_queue *q, unsigned int i)
{
	struct timer *t = q->heap[i];

	while (i > 0) {
		unsigned int parent = (i - 1) / 2;
		if (q->heap[parent]->expires <= t->expires)
			break;
		place(q, i, q->heap[parent]);
		i = parent;
	}
	place(q, i, t);
}

static void sift_down(struct timer_queue *q, unsigned int i)
{
	struct timer *t = q->heap[i];

	for (;;) {
		unsigned int child = 2 * i + 1;
		if (child >= q->nr)
			break;
		if (child + 1 < q->nr && q->heap[child + 1]->expires < q->heap[child]->expires)
			child++;
		if (q->heap[child]->expires >= t->expires)
			break;
		place(q, i, q->heap[child]);
		i = child;
	}
	place(q, i, t);
}

void timer_queue_init(struct timer_queue *q)
{
	q->nr = 0;
}

int timer_queue_add(struct timer_queue *q, struct timer *t)
{
	if (q->nr >= TIMER_QUEUE_MAX)
		return -ENOSPC;
	place(q, q->nr, t);
	q->nr++;
	sift_up(q, q->nr - 1);
	return 0;
}

void timer_queue_remove(struct timer_queue *q, struct timer *t)
{
	int i = t->heap_index;

	if (i < 0 || (unsigned int)i >= q->nr || q->heap[i] != t)
		return;
	t->heap_index = -1;
	q->nr--;
	if ((unsigned int)i == q->nr)
		return;
	struct timer *moved = q->heap[q->nr];
	place(q, (unsigned int)i, moved);
	sift_up(q, (unsigned int)i);
	sift_down(q, (unsigned int)moved->heap_index);
}

struct timer *timer_queue_first(const struct timer_queue *q)
{
	return q->nr ? q->heap[0] : NULL;
}
