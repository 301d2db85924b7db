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
#include <asm/pv/mm.h>
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
	d->max_evtchn_port = MIN(op->u.createdomain.max_evtchn_port, (uint32_t)d->max_evtchns - 1);
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

/*
 * XEN_DOMCTL_getvcpucontext: -EINVAL for a vCPU id beyond max_vcpus, -ESRCH when it does
 * not exist, -ENODATA before it has a context.
 */
static long getvcpucontext(struct domain *d, const struct xen_domctl_vcpucontext *vc)
{
	if (vc->vcpu >= d->max_vcpus)
		return -EINVAL;
	if (!d->vcpu[vc->vcpu])
		return -ESRCH;
	if (!d->vcpu[vc->vcpu]->is_initialised)
		return -ENODATA;
	struct vcpu_guest_context *c = xmalloc(struct vcpu_guest_context);
	if (!c)
		return -ENOMEM;
	pv_get_vcpu_context(d->vcpu[vc->vcpu], c);
	long rc = copy_to_guest((unsigned long)vc->ctxt, c, sizeof(*c)) ? -EFAULT : 0;
	xfree(c);
	return rc;
}

/*
 * XEN_DOMCTL_hypercall_init (Xen 4.17, arch/x86/domctl.c): write the hypercall stubs into
 * frame gmfn of d. -EINVAL when d does not own it, -EPERM when it cannot be written.
 */
static long hypercall_init(struct domain *d, uint64_t gmfn)
{
	if (gmfn >= max_page || !get_page(mfn_to_page(gmfn), d))
		return -EINVAL;
	struct page_info *pg = mfn_to_page(gmfn);
	if (get_page_type(pg, PGT_writable_page, d)) {
		put_page(pg);
		return -EPERM;
	}
	pv_write_hypercall_page(__va((paddr_t)gmfn << PAGE_SHIFT));
	put_page_and_type(pg, d);
	return 0;
}

/* ---- vCPU affinity: this machine has one physical CPU (nr_cpu_ids 1) ---- */

#define NR_CPU_IDS 1
#define CPU_MASK_ALL ((1U << NR_CPU_IDS) - 1)

/* A guest bitmap into a CPU mask: bits beyond the guest's nr_bits or our CPUs are dropped. */
static int bitmap_from_guest(const struct xenctl_bitmap *b, uint32_t *mask)
{
	uint8_t byte = 0;

	if (b->nr_bits && copy_from_guest(&byte, (unsigned long)b->bitmap, 1))
		return -EFAULT;
	if (b->nr_bits < 8)
		byte &= (uint8_t)((1U << b->nr_bits) - 1);
	*mask = byte & CPU_MASK_ALL;
	return 0;
}

/* A CPU mask into a guest bitmap of nr_bits bits, zero beyond our CPUs (Xen's rule). */
static int bitmap_to_guest(const struct xenctl_bitmap *b, uint32_t mask)
{
	uint32_t bytes = (b->nr_bits + 7) / 8;

	for (uint32_t i = 0; i < bytes; i++) {
		uint8_t byte = i == 0 ? (uint8_t)(mask & CPU_MASK_ALL) : 0;
		if (i == bytes - 1 && (b->nr_bits & 7))
			byte &= (uint8_t)((1U << (b->nr_bits & 7)) - 1);
		if (copy_to_guest((unsigned long)b->bitmap + i, &byte, 1))
			return -EFAULT;
	}
	return 0;
}

/*
 * XEN_DOMCTL_setvcpuaffinity / getvcpuaffinity (Xen 4.17's vcpu_affinity_domctl): -EINVAL
 * for a vCPU id beyond max_vcpus, unknown flags, neither HARD nor SOFT, a selected map
 * without a buffer, or a hard affinity with no online CPU; -ESRCH when the vCPU does not
 * exist. set writes back the affinity in effect.
 */
static long vcpu_affinity(struct domain *d, uint32_t cmd, struct xen_domctl_vcpuaffinity *a)
{
	uint32_t flags = a->flags, hard, soft;
	bool want_hard = flags & XEN_VCPUAFFINITY_HARD, want_soft = flags & XEN_VCPUAFFINITY_SOFT;

	if (a->vcpu >= d->max_vcpus)
		return -EINVAL;
	struct vcpu *v = d->vcpu[a->vcpu];
	if (!v)
		return -ESRCH;
	if ((flags & ~(XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT | XEN_VCPUAFFINITY_FORCE)) ||
	    !(want_hard || want_soft) || (want_hard && !a->cpumap_hard.bitmap) ||
	    (want_soft && !a->cpumap_soft.bitmap))
		return -EINVAL;
	if (cmd == XEN_DOMCTL_getvcpuaffinity) {
		if (want_hard && bitmap_to_guest(&a->cpumap_hard, v->affinity_hard))
			return -EFAULT;
		if (want_soft && bitmap_to_guest(&a->cpumap_soft, v->affinity_soft))
			return -EFAULT;
		return 0;
	}
	hard = v->affinity_hard;
	soft = v->affinity_soft;
	if (want_hard && bitmap_from_guest(&a->cpumap_hard, &hard))
		return -EFAULT;
	if (want_hard && !(hard & CPU_MASK_ALL))
		return -EINVAL;
	if (want_soft && bitmap_from_guest(&a->cpumap_soft, &soft))
		return -EFAULT;
	v->affinity_hard = hard;
	v->affinity_soft = soft;
	if (want_hard && bitmap_to_guest(&a->cpumap_hard, hard))
		return -EFAULT;
	if (want_soft && bitmap_to_guest(&a->cpumap_soft, soft & hard))
		return -EFAULT;
	return 0;
}

/*
 * XEN_DOMCTL_getpageframeinfo3: each of up to 1024 frame numbers (a PV domain's are
 * MFNs) becomes its type: L1TAB-L4TAB (validated or pinned; LPINTAB when pinned), NOTAB,
 * or XTAB for a frame the domain does not own or a hypervisor page it was given. -E2BIG
 * for more, -EFAULT. Xen: arch_do_domctl in xen/arch/x86/domctl.c.
 */
static long getpageframeinfo3(struct domain *d, const struct xen_domctl_getpageframeinfo3 *g)
{
	if (g->num > 1024)
		return -E2BIG;
	for (uint64_t i = 0; i < g->num; i++) {
		unsigned long at = (unsigned long)g->array + i * sizeof(xen_pfn_t);
		xen_pfn_t mfn, type = XEN_DOMCTL_PFINFO_XTAB;
		if (copy_from_guest(&mfn, at, sizeof(mfn)))
			return -EFAULT;
		struct page_info *pg = mfn < max_page ? mfn_to_page(mfn) : NULL;
		if (pg && !(pg->count_info & PGC_xen_heap) && get_page(pg, d)) {
			type = pv_page_table_type(pg);
			put_page(pg);
		}
		if (copy_to_guest(at, &type, sizeof(type)))
			return -EFAULT;
	}
	return 0;
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
	case XEN_DOMCTL_setvcpuaffinity:
	case XEN_DOMCTL_getvcpuaffinity:
		rc = vcpu_affinity(d, op.cmd, &op.u.vcpuaffinity);
		copyback = rc == 0;
		break;
	case XEN_DOMCTL_getpageframeinfo3:
		rc = getpageframeinfo3(d, &op.u.getpageframeinfo3);
		break;
	case XEN_DOMCTL_hypercall_init:
		rc = hypercall_init(d, op.u.hypercall_init.gmfn);
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
