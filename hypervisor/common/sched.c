/*
 * sched.c - running, blocking and waking vCPUs; sched_op and the vCPU timers.
 *
 * One physical CPU and, for now, one runnable vCPU: a vCPU that blocks
 * waits in the hypervisor's halt loop with interrupts on until an event is
 * pending for it (its timer's VIRQ, an IPI, an interdomain event). The
 * per-vCPU timers raise VIRQ_TIMER: the one-shot timer of set_timer_op and
 * VCPUOP_set_singleshot_timer, and the periodic one (10 ms by default, as
 * Xen arms it for every PV vCPU, until VCPUOP_stop_periodic_timer).
 * Semantics and errors: Xen's xen/common/sched/core.c.
 */
#include <asm/processor.h>
#include <asm/time.h>
#include <asm/uaccess.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/event.h>
#include <lamina/hypercall.h>
#include <lamina/sched.h>
#include <lamina/time.h>
#include <xen/sched.h>

#define DEFAULT_PERIOD_NS (10 * NS_PER_MS)
#define POLL_MAX_PORTS 128

static void singleshot_fn(void *data)
{
	send_guest_vcpu_virq(data, VIRQ_TIMER);
}

static void periodic_fn(void *data)
{
	struct vcpu *v = data;

	send_guest_vcpu_virq(v, VIRQ_TIMER);
	if (v->periodic_period)
		set_timer(&v->periodic_timer, v->periodic_timer.expires + v->periodic_period);
}

/* The poll timeout only ends the wait: unlike the one-shot timer, it raises no event. */
static void poll_timeout_fn(void *data)
{
	vcpu_kick(data);
}

void sched_init_vcpu(struct vcpu *v)
{
	init_timer(&v->poll_timer, poll_timeout_fn, v);
	init_timer(&v->singleshot_timer, singleshot_fn, v);
	init_timer(&v->periodic_timer, periodic_fn, v);
	v->periodic_period = DEFAULT_PERIOD_NS;
}

void vcpu_start_timers(struct vcpu *v)
{
	if (v->periodic_period)
		set_timer(&v->periodic_timer, NOW() + v->periodic_period);
}

void vcpu_kick(struct vcpu *v)
{
	v->blocked = false; /* the halt loop in vcpu_block sees it */
}

static bool events_need_delivery(const struct vcpu *v)
{
	const vcpu_info_t *vi = v->vcpu_info;

	return vi->evtchn_upcall_pending && !vi->evtchn_upcall_mask;
}

static void set_runstate(struct vcpu *v, int state)
{
	s_time_t now = NOW();

	v->runstate.time[v->runstate.state] += now - v->runstate.state_entry_time;
	v->runstate.state = state;
	v->runstate.state_entry_time = now;
	update_runstate_area(v);
}

/* vcpu_block - wait until an event can be delivered (or `until` returns true). */
static void vcpu_block(struct vcpu *v, bool (*until)(struct vcpu *))
{
	v->blocked = true;
	set_runstate(v, RUNSTATE_blocked);
	while (v->blocked && !events_need_delivery(v) && !(until && until(v)) &&
	       !v->domain->is_shutting_down) {
		safe_halt();
		local_irq_disable();
	}
	v->blocked = false;
	set_runstate(v, RUNSTATE_running);
	update_vcpu_system_time(v);
}

static struct sched_poll poll_args;

static bool poll_port_pending(struct vcpu *v)
{
	const shared_info_t *s = v->domain->shared_info;

	for (unsigned int i = 0; i < poll_args.nr_ports; i++) {
		evtchn_port_t port;
		if (copy_from_guest(&port, (unsigned long)poll_args.ports + i * sizeof(port),
				    sizeof(port)))
			return true;
		if (port < EVTCHN_2L_NR_CHANNELS &&
		    (((const uint64_t *)s->evtchn_pending)[port / 64] & (1ULL << (port % 64))))
			return true;
	}
	return poll_args.timeout && NOW() >= (s_time_t)poll_args.timeout;
}

static long do_poll(struct vcpu *v, const struct sched_poll *p)
{
	if (p->nr_ports > POLL_MAX_PORTS)
		return -EINVAL;
	if (!guest_range_ok((unsigned long)p->ports, p->nr_ports * sizeof(evtchn_port_t)))
		return -EFAULT;
	poll_args = *p;
	if (events_need_delivery(v) || poll_port_pending(v))
		return 0;
	if (p->timeout)
		set_timer(&v->poll_timer, (s_time_t)p->timeout); /* wakes the halt loop */
	vcpu_block(v, poll_port_pending);
	stop_timer(&v->poll_timer);
	return 0;
}

long do_sched_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
		 unsigned long a5)
{
	struct vcpu *v = current;

	switch ((int)cmd) {
	case SCHEDOP_yield:
		return 0;
	case SCHEDOP_block:
		v->vcpu_info->evtchn_upcall_mask = 0; /* Xen: local_event_delivery_enable() */
		if (!events_need_delivery(v))
			vcpu_block(v, NULL);
		return 0;
	case SCHEDOP_shutdown: {
		struct sched_shutdown s;
		if (copy_from_guest(&s, arg, sizeof(s)))
			return -EFAULT;
		domain_shutdown(v->domain, (uint8_t)s.reason);
		return 0;
	}
	case SCHEDOP_shutdown_code: {
		struct sched_shutdown s;
		if (copy_from_guest(&s, arg, sizeof(s)))
			return -EFAULT;
		v->domain->shutdown_code = (uint8_t)s.reason;
		return 0;
	}
	case SCHEDOP_poll: {
		struct sched_poll p;
		if (copy_from_guest(&p, arg, sizeof(p)))
			return -EFAULT;
		return do_poll(v, &p);
	}
	case SCHEDOP_remote_shutdown: {
		struct sched_remote_shutdown s;
		if (copy_from_guest(&s, arg, sizeof(s)))
			return -EFAULT;
		struct domain *d = domain_by_id(s.domain_id);
		if (!d)
			return -ESRCH;
		if (!v->domain->is_privileged)
			return -EPERM;
		domain_shutdown(d, (uint8_t)s.reason);
		return 0;
	}
	case SCHEDOP_pin_override:
		if (!v->domain->is_privileged)
			return -EPERM;
		return 0;
	default:
		return -ENOSYS;
	}
}

long do_set_timer_op(unsigned long timeout, unsigned long a2, unsigned long a3, unsigned long a4,
		     unsigned long a5)
{
	struct vcpu *v = current;
	s_time_t t = (s_time_t)timeout, offset = t - NOW();

	if (t == 0)
		stop_timer(&v->singleshot_timer);
	else if (t < 0 || (offset > 0 && (uint32_t)(offset >> 50) != 0))
		set_timer(&v->singleshot_timer, NOW() + 100 * (s_time_t)NS_PER_MS);
	else
		set_timer(&v->singleshot_timer, t);
	return 0;
}
