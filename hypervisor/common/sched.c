/*
 * sched.c - which vCPU runs: runnability, blocking and waking, the switch
 * at guest exit, sched_op, and the vCPU timers.
 *
 * One physical CPU is shared by every runnable vCPU of every domain under
 * the credit scheduler (common/sched_credit.c: weights, caps, 30 ms time
 * slices, boost on wake). The switch is stackless: every return to a guest
 * passes do_trap(), which calls schedule() when need_resched is set; the
 * outgoing vCPU's registers are the frame at the top of the stack, so
 * switching copies that frame out and the incoming vCPU's frame in
 * (context_switch, arch/x86/context_switch.c). With nothing runnable the
 * CPU halts inside schedule() until an interrupt makes a vCPU runnable.
 *
 * A vCPU is runnable when it is up, not blocked (SCHEDOP_block/poll), not
 * paused by the toolstack, and its domain is not shutting down. Any change
 * to those goes through vcpu_sched_update(). SCHEDOP_block and SCHEDOP_poll
 * mark the vCPU blocked and return; the hypercall's result is already in
 * the saved frame when it runs again. The per-vCPU timers raise VIRQ_TIMER:
 * the one-shot timer of set_timer_op and VCPUOP_set_singleshot_timer, and
 * the periodic one (10 ms by default, as Xen arms it for every PV vCPU,
 * until VCPUOP_stop_periodic_timer). Semantics and errors: Xen's
 * xen/common/sched/core.c.
 */
#include <asm/context_switch.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <asm/uaccess.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/event.h>
#include <lamina/hypercall.h>
#include <lamina/sched.h>
#include <lamina/sched_credit.h>
#include <lamina/time.h>
#include <lamina/lib.h>
#include <lamina/mm.h>
#include <lamina/param.h>
#include <xen/domctl.h>
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
	sched_add_vcpu(v);
}

void vcpu_start_timers(struct vcpu *v)
{
	if (v->periodic_period)
		set_timer(&v->periodic_timer, NOW() + v->periodic_period);
}

static struct csched csched;
static struct vcpu *running; /* the vCPU on the CPU, NULL while idle */
bool need_resched; /* a switch is due at the next exit to a guest */
static bool yield_pending; /* the running vCPU asked to yield */
static struct timer tick_timer;
static s_time_t slice_end;

static void set_runstate(struct vcpu *v, int state)
{
	s_time_t now = NOW();

	if (v->runstate.state == state)
		return;
	v->runstate.time[v->runstate.state] += now - v->runstate.state_entry_time;
	v->runstate.state = state;
	v->runstate.state_entry_time = now;
}

bool vcpu_runnable(const struct vcpu *v)
{
	const struct domain *d = v->domain;

	return v->is_up && !v->blocked && !v->pause_count && !d->controller_pause_count &&
	       !d->is_shutting_down && !d->is_dying;
}

void vcpu_sched_update(struct vcpu *v)
{
	bool runnable = vcpu_runnable(v);

	if (v == running) {
		if (!runnable)
			need_resched = true;
		return;
	}
	if (runnable) {
		set_runstate(v, RUNSTATE_runnable);
		if (csched_wake(&csched, &v->sched_unit, running ? &running->sched_unit : NULL))
			need_resched = true;
	} else {
		set_runstate(v, v->blocked ? RUNSTATE_blocked : RUNSTATE_offline);
		csched_sleep(&csched, &v->sched_unit);
	}
}

void domain_sched_update(struct domain *d)
{
	for (unsigned int i = 0; i < d->max_vcpus; i++)
		if (d->vcpu[i])
			vcpu_sched_update(d->vcpu[i]);
}

void vcpu_kick(struct vcpu *v)
{
	if (!v->blocked)
		return;
	v->blocked = false;
	v->poll_evtchn = 0;
	stop_timer(&v->poll_timer);
	vcpu_sched_update(v);
}

void sched_evtchn_pending(struct domain *d, evtchn_port_t port)
{
	for (unsigned int i = 0; i < d->max_vcpus; i++) {
		struct vcpu *v = d->vcpu[i];
		if (v && v->poll_evtchn && (v->poll_evtchn < 0 || v->poll_evtchn == (int)port))
			vcpu_kick(v);
	}
}

static bool events_need_delivery(const struct vcpu *v)
{
	const vcpu_info_t *vi = v->vcpu_info;

	return vi->evtchn_upcall_pending && !vi->evtchn_upcall_mask;
}

/* The accounting tick: burn credit, share it out, preempt at the end of a slice. */
static void tick_fn(void *data)
{
	s_time_t now = NOW();

	if (csched_tick(&csched, running ? &running->sched_unit : NULL, now) ||
	    (running && now >= slice_end && !csched_runq_empty(&csched)))
		need_resched = true;
	set_timer(&tick_timer, tick_timer.expires + CSCHED_TICK_NS);
}

void sched_init(void)
{
	csched_init(&csched);
	init_timer(&tick_timer, tick_fn, NULL);
}

void sched_start(struct vcpu *v)
{
	running = v;
	v->sched_unit.burn_from = NOW();
	slice_end = NOW() + CSCHED_TSLICE_NS;
	set_runstate(v, RUNSTATE_running);
	set_timer(&tick_timer, NOW() + CSCHED_TICK_NS);
}

/* Halt until a vCPU is runnable; the interrupts that wake one run meanwhile. */
static struct csched_unit *idle(s_time_t *slice)
{
	for (;;) {
		if (dirty_ram_pages()) {
			/* Clear memory guests gave back while nothing runs (Xen's idle scrub). */
			local_irq_enable();
			scrub_free_frames(SCRUB_BATCH);
		} else {
			safe_halt();
		}
		local_irq_disable();
		struct csched_unit *u = csched_pick(&csched, NULL, false, false, NOW(), slice);
		if (u)
			return u;
	}
}

void schedule(struct cpu_user_regs *regs)
{
	struct vcpu *prev = current, *next;
	bool yield = yield_pending;
	s_time_t slice;

	need_resched = yield_pending = false;
	struct csched_unit *u =
		csched_pick(&csched, &prev->sched_unit, vcpu_runnable(prev), yield, NOW(), &slice);
	if (!u) {
		set_runstate(prev, prev->blocked ? RUNSTATE_blocked : RUNSTATE_offline);
		update_runstate_area(prev);
		running = NULL;
		u = idle(&slice);
	}
	next = u->owner;
	running = next;
	slice_end = NOW() + slice;
	if (next == prev) {
		set_runstate(next, RUNSTATE_running);
		update_runstate_area(next);
		return;
	}
	if (prev->runstate.state == RUNSTATE_running)
		set_runstate(prev, vcpu_runnable(prev) ? RUNSTATE_runnable
						       : prev->blocked ? RUNSTATE_blocked
								       : RUNSTATE_offline);
	update_runstate_area(prev);
	context_switch(prev, next, regs);
	set_runstate(next, RUNSTATE_running);
	update_vcpu_system_time(next);
	update_runstate_area(next);
}

void sched_add_vcpu(struct vcpu *v)
{
	csched_unit_init(&v->sched_unit, &v->domain->sched_dom, v);
}

void sched_remove_vcpu(struct vcpu *v)
{
	csched_unit_remove(&csched, &v->sched_unit);
}

void sched_remove_domain(struct domain *d)
{
	csched_dom_remove(&csched, &d->sched_dom);
}

long sched_adjust(struct domain *d, struct xen_domctl_scheduler_op *op)
{
	if (op->sched_id != XEN_SCHEDULER_CREDIT)
		return -EINVAL;
	switch (op->cmd) {
	case XEN_DOMCTL_SCHEDOP_getinfo:
		op->u.credit.weight = (uint16_t)d->sched_dom.weight;
		op->u.credit.cap = (uint16_t)d->sched_dom.cap;
		return 0;
	case XEN_DOMCTL_SCHEDOP_putinfo:
		csched_set_params(&d->sched_dom, op->u.credit.weight, op->u.credit.cap);
		return 0;
	default:
		return -EINVAL; /* the credit scheduler has no per-vCPU parameters */
	}
}

/* sched=: the only scheduler is credit (Xen's "credit"). */
static int parse_sched(const char *s)
{
	return strcmp(s, "credit") ? -EINVAL : 0;
}
custom_param("sched", parse_sched);

/* vcpu_block - mark v blocked: it leaves the CPU at this exit, until an event wakes it. */
static void vcpu_block(struct vcpu *v)
{
	v->blocked = true;
	vcpu_sched_update(v);
}

static long do_poll(struct vcpu *v, const struct sched_poll *p)
{
	evtchn_port_t port = 0;

	if (p->nr_ports > POLL_MAX_PORTS)
		return -EINVAL;
	if (!guest_range_ok((unsigned long)p->ports, p->nr_ports * sizeof(evtchn_port_t)))
		return -EFAULT;
	if (events_need_delivery(v))
		return 0;
	for (unsigned int i = 0; i < p->nr_ports; i++) {
		if (copy_from_guest(&port, (unsigned long)p->ports + i * sizeof(port), sizeof(port)))
			return -EFAULT;
		if (evtchn_port_pending(v->domain, port))
			return 0;
	}
	if (p->timeout && NOW() >= (s_time_t)p->timeout)
		return 0;
	/* Woken by an event on the one port polled, or on any port when several are. */
	v->poll_evtchn = p->nr_ports == 1 ? (int)port : -1;
	if (p->timeout)
		set_timer(&v->poll_timer, (s_time_t)p->timeout);
	vcpu_block(v);
	return 0;
}

long do_sched_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
		 unsigned long a5)
{
	struct vcpu *v = current;

	switch ((int)cmd) {
	case SCHEDOP_yield:
		yield_pending = need_resched = true;
		return 0;
	case SCHEDOP_block:
		v->vcpu_info->evtchn_upcall_mask = 0; /* Xen: local_event_delivery_enable() */
		if (!events_need_delivery(v))
			vcpu_block(v);
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
