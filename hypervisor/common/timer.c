/*
 * timer.c - software timers on the local APIC timer (see lamina/timer.h).
 * One queue for the boot CPU; the APIC is always armed for its earliest timer.
 */
#include <asm/apic.h>
#include <asm/spinlock.h>
#include <asm/time.h>
#include <lamina/console.h>
#include <lamina/timer.h>

static struct timer_queue queue;
static spinlock_t timer_lock = SPINLOCK_INIT;
static unsigned long interrupts;

static void program(void)
{
	struct timer *first = timer_queue_first(&queue);

	apic_timer_set_deadline(first ? (first->expires > 0 ? first->expires : 1) : 0);
}

void init_timer(struct timer *t, void (*fn)(void *), void *data)
{
	t->expires = 0;
	t->fn = fn;
	t->data = data;
	t->heap_index = -1;
}

void set_timer(struct timer *t, s_time_t expires)
{
	unsigned long flags = spin_lock_irqsave(&timer_lock);

	timer_queue_remove(&queue, t);
	t->expires = expires;
	if (timer_queue_add(&queue, t) < 0)
		panic("timer queue full (%d timers)", TIMER_QUEUE_MAX);
	if (timer_queue_first(&queue) == t)
		program();
	spin_unlock_irqrestore(&timer_lock, flags);
}

void stop_timer(struct timer *t)
{
	unsigned long flags = spin_lock_irqsave(&timer_lock);

	timer_queue_remove(&queue, t);
	program();
	spin_unlock_irqrestore(&timer_lock, flags);
}

void timer_interrupt(void)
{
	unsigned long flags = spin_lock_irqsave(&timer_lock);
	struct timer *t;

	interrupts++;
	while ((t = timer_queue_first(&queue)) && t->expires <= NOW()) {
		timer_queue_remove(&queue, t);
		spin_unlock_irqrestore(&timer_lock, flags);
		t->fn(t->data); /* may re-arm t */
		flags = spin_lock_irqsave(&timer_lock);
	}
	program();
	spin_unlock_irqrestore(&timer_lock, flags);
}

unsigned long timer_interrupt_count(void)
{
	return interrupts;
}
