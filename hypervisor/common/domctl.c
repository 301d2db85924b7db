/*
 * domctl.c - the domctl hypercall: the control domain creating, inspecting,
 * pausing and destroying domains (xen/domctl.h, interface version 0x15).
 *
 * Checks in Xen 4.17's order (xen/common/domctl.c, do_domctl): copy-in
 * (-EFAULT), interface version (-EACCES), the target domain (-ESRCH; not
 * DOMID_SELF), then getdomaininfo, which the control domain may use to walk
 * the domain list, and for everything else the caller's privilege (-EPERM).
 * Commands Lamina does not offer return -ENOSYS.
 */
#include <asm/time.h>
#include <lamina/heap.h>
#include <asm/pv/traps.h>
#include <asm/uaccess.h>
#include <lamina/domctl.h>
#include <lamina/errno.h>
#include <lamina/sched.h>
#include <lamina/hypercall.h>
#include <lamina/lib.h>
#include <lamina/time.h>
#include <xen/domctl.h>

#define CONTROLLER_PAUSE_MAX 255 /* Xen bounds the toolstack's pause count */
#define KNOWN_CDF_FLAGS (XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap | XEN_DOMCTL_CDF_s3_integrity | \
			 XEN_DOMCTL_CDF_oos_off | XEN_DOMCTL_CDF_xs_domain | XEN_DOMCTL_CDF_iommu | \
			 XEN_DOMCTL_CDF_nested_virt | XEN_DOMCTL_CDF_vpmu)

/* The domain with exactly that id, or NULL: domctl takes no DOMID_SELF. */
static struct domain *domain_by_exact_id(domid_t domid)
{
	return domid == DOMID_SELF ? NULL : domain_by_id(domid);
}

static uint64_t vcpu_running_time(const struct vcpu *v)
{
	uint64_t t = v->runstate.time[RUNSTATE_running];

	if (v->runstate.state == RUNSTATE_running)
		t += NOW() - v->runstate.state_entry_time;
	return t;
}

/* Xen's getdomaininfo(): flags from the vCPUs' states, page counts, handle. */
void getdomaininfo(const struct domain *d, struct xen_domctl_getdomaininfo *info)
{
	uint32_t flags = XEN_DOMINF_blocked;

	memset(info, 0, sizeof(*info));
	info->domain = d->domain_id;
	info->max_vcpu_id = XEN_INVALID_MAX_VCPU_ID;
	for (unsigned int i = 0; i < d->max_vcpus; i++) {
		const struct vcpu *v = d->vcpu[i];
		if (!v)
			continue;
		info->cpu_time += vcpu_running_time(v);
		info->max_vcpu_id = v->vcpu_id;
		if (!v->is_up)
			continue;
		if (!v->blocked)
			flags &= ~XEN_DOMINF_blocked;
		if (v == current || v->runstate.state == RUNSTATE_running)
			flags |= XEN_DOMINF_running;
		info->nr_online_vcpus++;
	}
	info->flags = (info->nr_online_vcpus ? flags : 0) |
		      (d->is_shutting_down ? XEN_DOMINF_shutdown : 0) |
		      (d->controller_pause_count ? XEN_DOMINF_paused : 0) |
		      (d->is_dying ? XEN_DOMINF_dying : 0) |
		      d->shutdown_code << XEN_DOMINF_shutdownshift;
	info->tot_pages = d->tot_pages;
	info->max_pages = d->max_pages;
	info->shared_info_frame = d->shared_info_mfn; /* a PV domain's frame numbers are MFNs */
	memcpy(info->handle, d->handle, sizeof(info->handle));
}

/* XEN_DOMCTL_createdomain's configuration checks (Xen's sanitise_domain_config). */
static long check_config(const struct xen_domctl_createdomain *c)
{
	if (c->flags & ~KNOWN_CDF_FLAGS)
		return -EINVAL;
	if (c->grant_opts & ~XEN_DOMCTL_GRANT_version_mask)
		return -EINVAL;
	if (c->max_vcpus < 1)
		return -EINVAL;
	if ((c->flags & XEN_DOMCTL_CDF_hap) && !(c->flags & XEN_DOMCTL_CDF_hvm))
		return -EINVAL;
	if (!(c->flags & XEN_DOMCTL_CDF_iommu) && c->iommu_opts)
		return -EINVAL;
	/* PV only, no IOMMU, vPMU, tboot or vmtrace here. */
	if (c->flags & (XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_iommu | XEN_DOMCTL_CDF_vpmu |
			XEN_DOMCTL_CDF_s3_integrity | XEN_DOMCTL_CDF_nested_virt))
		return -EINVAL;
	if (c->vmtrace_size || c->max_vcpus > MAX_VIRT_CPUS)
		return -EINVAL;
	return 0;
}

static bool domid_free(domid_t id)
{
	return id != 0 && id < DOMID_FIRST_RESERVED && !domain_by_exact_id(id);
}

static long createdomain(struct xen_domctl *op)
{
	static domid_t rover; /* the last id handed out automatically */
	domid_t dom = op->domain;
	long rc = check_config(&op->u.createdomain);

	if (rc)
		return rc;
	if (dom > 0 && dom < DOMID_FIRST_RESERVED) {
		if (!domid_free(dom))
			return -EEXIST;
	} else {
		for (dom = rover + 1; dom != rover; dom++) {
			if (dom == DOMID_FIRST_RESERVED)
				dom = 1;
			if (domid_free(dom))
				break;
		}
		if (dom == rover)
			return -ENOMEM;
		rover = dom;
	}
	struct domain *d = domain_alloc(dom, false, op->u.createdomain.max_vcpus);
	if (!d)
		return -ENOMEM;
	memcpy(d->handle, op->u.createdomain.handle, sizeof(d->handle));
	d->max_pages = 0; /* until XEN_DOMCTL_max_mem */
	d->controller_pause_count = 1; /* it runs when the toolstack unpauses it */
	op->domain = dom;
	return 0;
}

/*
 * XEN_DOMCTL_setvcpucontext: load a vCPU of another domain (Xen 4.17, common/domctl.c):
 * -EINVAL for the caller's own domain or a vCPU that does not exist, -EFAULT for an
 * unreadable context, else pv_set_vcpu_context's result. A NULL context (a vCPU reset)
 * is not supported: -EOPNOTSUPP.
 */
static long setvcpucontext(struct domain *d, const struct xen_domctl_vcpucontext *vc)
{
	if (d == current->domain || vc->vcpu >= d->max_vcpus || !d->vcpu[vc->vcpu])
		return -EINVAL;
	if (!vc->ctxt)
		return -EOPNOTSUPP;
	struct vcpu_guest_context *c = xmalloc(struct vcpu_guest_context);
	if (!c)
		return -ENOMEM;
	long rc = copy_from_guest(c, (unsigned long)vc->ctxt, sizeof(*c))
			  ? -EFAULT
			  : pv_set_vcpu_context(d->vcpu[vc->vcpu], c);
	xfree(c);
	return rc;
}

/* XEN_DOMCTL_getvcpucontext: -EINVAL for a vCPU id beyond max_vcpus, -ESRCH when it does not exist. */
static long getvcpucontext(struct domain *d, const struct xen_domctl_vcpucontext *vc)
{
	if (vc->vcpu >= d->max_vcpus)
		return -EINVAL;
	if (!d->vcpu[vc->vcpu])
		return -ESRCH;
	struct vcpu_guest_context *c = xmalloc(struct vcpu_guest_context);
	if (!c)
		return -ENOMEM;
	pv_get_vcpu_context(d->vcpu[vc->vcpu], c);
	long rc = copy_to_guest((unsigned long)vc->ctxt, c, sizeof(*c)) ? -EFAULT : 0;
	xfree(c);
	return rc;
}

long do_domctl(unsigned long arg, unsigned long a2, unsigned long a3, unsigned long a4,
	       unsigned long a5)
{
	struct xen_domctl op;
	struct domain *d = NULL, *cur = current->domain;
	bool copyback = false;
	long rc = 0;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -EFAULT;
	if (op.interface_version != XEN_DOMCTL_INTERFACE_VERSION)
		return -EACCES;
	if (op.cmd != XEN_DOMCTL_createdomain) {
		d = domain_by_exact_id(op.domain);
		if (!d && op.cmd != XEN_DOMCTL_getdomaininfo)
			return -ESRCH;
	}
	if (op.cmd == XEN_DOMCTL_getdomaininfo) {
		if (!d) {
			if (op.domain >= DOMID_FIRST_RESERVED)
				return -EINVAL;
			d = domain_at_or_after(op.domain);
			if (!d)
				return -ESRCH;
		}
		if (!cur->is_privileged)
			return -EPERM;
		getdomaininfo(d, &op.u.getdomaininfo);
		op.domain = op.u.getdomaininfo.domain;
		return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : 0;
	}
	if (!cur->is_privileged)
		return -EPERM;

	switch (op.cmd) {
	case XEN_DOMCTL_createdomain:
		rc = createdomain(&op);
		copyback = rc == 0;
		break;
	case XEN_DOMCTL_destroydomain:
		if (d == cur)
			return -EINVAL;
		rc = domain_kill(d);
		break;
	case XEN_DOMCTL_pausedomain:
		if (d == cur)
			return -EINVAL;
		if (d->controller_pause_count >= CONTROLLER_PAUSE_MAX)
			return -EOVERFLOW;
		d->controller_pause_count++;
		domain_sched_update(d);
		break;
	case XEN_DOMCTL_unpausedomain:
		if (!d->controller_pause_count)
			return -EINVAL;
		d->controller_pause_count--;
		domain_sched_update(d);
		break;
	case XEN_DOMCTL_max_vcpus:
		if (d == cur || op.u.max_vcpus.max != d->max_vcpus)
			return -EINVAL;
		rc = domain_create_vcpus(d, d->max_vcpus);
		break;
	case XEN_DOMCTL_max_mem:
		d->max_pages = op.u.max_mem.max_memkb >> (PAGE_SHIFT - 10);
		break;
	case XEN_DOMCTL_setdomainhandle:
		memcpy(d->handle, op.u.setdomainhandle.handle, sizeof(d->handle));
		break;
	case XEN_DOMCTL_settimeoffset:
		d->time_offset_seconds = op.u.settimeoffset.time_offset_seconds;
		update_domain_wallclock(d);
		break;
	case XEN_DOMCTL_setvcpucontext:
		rc = setvcpucontext(d, &op.u.vcpucontext);
		break;
	case XEN_DOMCTL_getvcpucontext:
		rc = getvcpucontext(d, &op.u.vcpucontext);
		copyback = rc == 0;
		break;
	case XEN_DOMCTL_scheduler_op:
		rc = sched_adjust(d, &op.u.scheduler_op);
		copyback = rc == 0;
		break;
	case XEN_DOMCTL_getvcpuinfo: {
		struct xen_domctl_getvcpuinfo *g = &op.u.getvcpuinfo;
		if (g->vcpu >= d->max_vcpus)
			return -EINVAL;
		const struct vcpu *v = d->vcpu[g->vcpu];
		if (!v)
			return -ESRCH;
		g->online = v->is_up;
		g->blocked = v->blocked;
		g->running = v == current;
		g->cpu_time = vcpu_running_time(v);
		g->cpu = 0;
		copyback = true;
		break;
	}
	default:
		return -ENOSYS;
	}
	if (copyback && copy_to_guest(arg, &op, sizeof(op)))
		rc = -EFAULT;
	return rc;
}
