/*
 * lamina/timer.h - software timers with nanosecond deadlines.
 *
 * A timer runs fn(data) from the timer interrupt once system time reaches its
 * deadline. The pending timers form a binary min-heap on the deadline
 * (common/timer_queue.c, pure logic, unit-tested); common/timer.c programs the
 * local APIC for the earliest one.
 */
#ifndef LAMINA_TIMER_H
#define LAMINA_TIMER_H

#include <lamina/types.h>

struct timer {
	s_time_t expires; /* deadline, ns of system time */
	void (*fn)(void *data);
	void *data;
	int heap_index; /* position in the queue; -1 when not pending */
};

#define TIMER_QUEUE_MAX 1024

struct timer_queue {
	unsigned int nr;
	struct timer *heap[TIMER_QUEUE_MAX];
};

void timer_queue_init(struct timer_queue *q);
/* timer_queue_add - insert t (not pending). Returns 0, or -ENOSPC when full. */
int timer_queue_add(struct timer_queue *q, struct timer *t);
/* timer_queue_remove - take t out if pending; harmless otherwise. */
void timer_queue_remove(struct timer_queue *q, struct timer *t);
/* timer_queue_first - the earliest pending timer, or NULL. */
struct timer *timer_queue_first(const struct timer_queue *q);

/* init_timer - prepare t to call fn(data); it is not pending. */
void init_timer(struct timer *t, void (*fn)(void *), void *data);
/* set_timer - (re)arm t for the deadline expires (ns of system time). */
void set_timer(struct timer *t, s_time_t expires);
/* stop_timer - disarm t; harmless when not pending. */
void stop_timer(struct timer *t);
/* timer_is_pending - whether t is armed. */
static inline bool timer_is_pending(const struct timer *t)
{
	return t->heap_index >= 0;
}

/* timer_softirq - run every expired timer and program the next deadline (IRQ context). */
void timer_interrupt(void);

/* Statistics for the self-tests and debug keys. */
unsigned long timer_interrupt_count(void);

#endif /* LAMINA_TIMER_H */
