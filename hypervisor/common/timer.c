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
/* The deadline the APIC timer is armed for (0: disarmed); -1 when unknown, as after it fired. */
static s_time_t armed = -1;

/* Arms the APIC for the earliest timer, unless it is armed for that already: a write to the
 * APIC is a trap to the emulator under QEMU, and most set_timer/stop_timer calls leave the
 * earliest timer as it was. */
static void program(void)
{
	struct timer *first = timer_queue_first(&queue);
	s_time_t deadline = first ? (first->expires > 0 ? first->expires : 1) : 0;

	if (deadline == armed)
		return;
	armed = deadline;
	apic_timer_set_deadline(deadline);
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
	armed = -1; /* a one-shot or TSC-deadline timer disarms itself when it fires */
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
