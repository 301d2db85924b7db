/*
 * vcpu.c - the vcpu_op hypercall: a vCPU's registered areas (vcpu_info,
 * runstate, time), its timers and its up/down state. Rules and errors:
 * Xen 4.17's xen/common/domain.c (common_vcpu_op, map_vcpu_info) and
 * xen/arch/x86/domain.c (do_vcpu_op).
 */
#include <asm/page.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <asm/time.h>
#include <asm/uaccess.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <xen/sched.h>
#include <lamina/event.h>
#include <lamina/heap.h>
#include <lamina/hypercall.h>
#include <lamina/sched.h>
#include <lamina/time.h>
#include <xen/vcpu.h>

#define STIME_DELTA_MAX (1ULL << 62)

static long map_vcpu_info(struct vcpu *v, unsigned long mfn, unsigned int offset)
{
	struct domain *d = v->domain;

	if (offset > PAGE_SIZE - sizeof(vcpu_info_t) || (offset & 7))
		return -ENXIO;
	if (v->vcpu_info_mfn)
		return -EINVAL;
	if (v != current && v->is_up)
		return -EINVAL;
	if (mfn >= max_page || !get_page(mfn_to_page(mfn), d))
		return -EINVAL;
	if (get_page_type(mfn_to_page(mfn), PGT_writable_page, d)) {
		put_page(mfn_to_page(mfn));
		return -EINVAL;
	}
	vcpu_info_t *vi = (vcpu_info_t *)((char *)__va((paddr_t)mfn << PAGE_SHIFT) + offset);
	*vi = *v->vcpu_info;
	v->vcpu_info = vi;
	v->vcpu_info_mfn = mfn;
	/* Mark everything pending so nothing is lost in the move (Xen does the same). */
	vi->evtchn_pending_sel = ~0UL;
	vcpu_mark_events_pending(v);
	return 0;
}

/* VCPUOP_initialise: the first context of a vCPU of the caller's domain (Xen: default_initialise_vcpu). */
static long vcpu_initialise(struct vcpu *v, unsigned long arg)
{
	struct vcpu_guest_context *c = xmalloc(struct vcpu_guest_context);
	long rc;

	if (!c)
		return -ENOMEM;
	if (copy_from_guest(c, arg, sizeof(*c)))
		rc = -EFAULT;
	else if (v->is_initialised)
		rc = -EEXIST;
	else
		rc = pv_set_vcpu_context(v, c);
	xfree(c);
	return rc;
}

void vcpu_release_vcpu_info(struct vcpu *v)
{
	if (!v->vcpu_info_mfn)
		return;
	put_page_and_type(mfn_to_page(v->vcpu_info_mfn), v->domain);
	v->vcpu_info_mfn = 0;
	v->vcpu_info = &v->domain->shared_info->vcpu_info[v->vcpu_id];
}

long do_vcpu_op(unsigned long cmd, unsigned long vcpuid, unsigned long arg, unsigned long a4,
		unsigned long a5)
{
	struct domain *d = current->domain;

	if (vcpuid >= d->max_vcpus || !d->vcpu[vcpuid])
		return -ENOENT;
	struct vcpu *v = d->vcpu[vcpuid];

	switch ((int)cmd) {
	case VCPUOP_is_up:
		return v->is_up;
	case VCPUOP_get_runstate_info: {
		struct vcpu_runstate_info r = v->runstate;
		return copy_to_guest(arg, &r, sizeof(r)) ? -EFAULT : 0;
	}
	case VCPUOP_set_periodic_timer: {
		struct vcpu_set_periodic_timer set;
		if (copy_from_guest(&set, arg, sizeof(set)))
			return -EFAULT;
		if (set.period_ns < NS_PER_MS || set.period_ns > STIME_DELTA_MAX)
			return -EINVAL;
		v->periodic_period = (s_time_t)set.period_ns;
		set_timer(&v->periodic_timer, NOW() + v->periodic_period);
		return 0;
	}
	case VCPUOP_stop_periodic_timer:
		v->periodic_period = 0;
		stop_timer(&v->periodic_timer);
		return 0;
	case VCPUOP_set_singleshot_timer: {
		struct vcpu_set_singleshot_timer set;
		if (v != current)
			return -EINVAL;
		if (copy_from_guest(&set, arg, sizeof(set)))
			return -EFAULT;
		/* VCPU_SSHOTTMR_future is ignored, as by Xen 4.17.7: a past deadline fires at once. */
		if ((s_time_t)set.timeout_abs_ns < NOW()) {
			stop_timer(&v->singleshot_timer);
			send_guest_vcpu_virq(v, VIRQ_TIMER);
			return 0;
		}
		set_timer(&v->singleshot_timer, (s_time_t)set.timeout_abs_ns);
		return 0;
	}
	case VCPUOP_stop_singleshot_timer:
		if (v != current)
			return -EINVAL;
		stop_timer(&v->singleshot_timer);
		return 0;
	case VCPUOP_register_vcpu_info: {
		struct vcpu_register_vcpu_info info;
		if (copy_from_guest(&info, arg, sizeof(info)))
			return -EFAULT;
		long rc = map_vcpu_info(v, info.mfn, info.offset);
		update_vcpu_system_time(v);
		return rc;
	}
	case VCPUOP_register_runstate_memory_area: {
		struct vcpu_register_runstate_memory_area area;
		if (copy_from_guest(&area, arg, sizeof(area)))
			return -EFAULT;
		unsigned long va = (unsigned long)area.addr.v;
		if (!guest_range_ok(va, sizeof(struct vcpu_runstate_info)))
			return -EFAULT;
		v->runstate_guest = va;
		update_runstate_area(v);
		return 0;
	}
	case VCPUOP_register_vcpu_time_memory_area: {
		struct vcpu_register_time_memory_area area;
		if (copy_from_guest(&area, arg, sizeof(area)))
			return -EFAULT;
		unsigned long va = (unsigned long)area.addr.v;
		if (!guest_range_ok(va, sizeof(vcpu_time_info_t)))
			return -EFAULT;
		v->time_area_guest = va;
		update_vcpu_system_time(v);
		return 0;
	}
	case VCPUOP_send_nmi:
		if (arg)
			return -EINVAL;
		if (!v->pv.nmi_pending) {
			v->pv.nmi_pending = true;
			vcpu_kick(v);
		}
		return 0;
	case VCPUOP_initialise:
		return vcpu_initialise(v, arg);
	case VCPUOP_up:
		if (!v->is_initialised)
			return -EINVAL;
		if (!v->is_up) {
			v->is_up = true;
			vcpu_start_timers(v);
			vcpu_sched_update(v);
		}
		return 0;
	case VCPUOP_down: {
		for (unsigned int i = 0; i < d->max_vcpus; i++) {
			if (i != vcpuid && d->vcpu[i] && d->vcpu[i]->is_up) {
				v->is_up = false;
				vcpu_sched_update(v);
				return 0;
			}
		}
		domain_shutdown(d, SHUTDOWN_poweroff); /* the last vCPU going down */
		return 0;
	}
	default:
		return -ENOSYS;
	}
}
