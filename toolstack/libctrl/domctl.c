/*
 * domctl.c - managing one domain: the XEN_DOMCTL_* wrappers of ctrl.h. Each builds its
 * request with marshal.c, bounces any array through hypercall memory, and runs ctrl_domctl().
 */
#include <errno.h>
#include <string.h>

#include "libctrl/marshal.h"
#include "libctrl/private.h"

/* A domctl on @domid with no argument. */
static int domctl_simple(struct ctrl *c, uint32_t cmd, domid_t domid)
{
	struct xen_domctl op;

	ctrl_domctl_prepare(&op, cmd, domid);
	return ctrl_domctl(c, &op);
}

int ctrl_domain_create(struct ctrl *c, domid_t *domid,
		       const struct xen_domctl_createdomain *config)
{
	struct xen_domctl op;

	ctrl_domctl_prepare(&op, XEN_DOMCTL_createdomain, *domid);
	op.u.createdomain = *config;
	if (ctrl_domctl(c, &op))
		return -1;
	*domid = op.domain;
	return 0;
}

int ctrl_domain_destroy(struct ctrl *c, domid_t domid)
{
	int rc;

	/* Xen 4.17 finishes a long teardown in steps, asking to be called again. */
	do
		rc = domctl_simple(c, XEN_DOMCTL_destroydomain, domid);
	while (rc && (errno == EAGAIN || errno == ERESTART || errno == EINTR));
	return rc;
}

int ctrl_domain_pause(struct ctrl *c, domid_t domid)
{
	return domctl_simple(c, XEN_DOMCTL_pausedomain, domid);
}

int ctrl_domain_unpause(struct ctrl *c, domid_t domid)
{
	return domctl_simple(c, XEN_DOMCTL_unpausedomain, domid);
}

int ctrl_domain_getinfo(struct ctrl *c, domid_t domid, struct xen_domctl_getdomaininfo *info)
{
	struct xen_domctl op;

	ctrl_domctl_prepare(&op, XEN_DOMCTL_getdomaininfo, domid);
	if (ctrl_domctl(c, &op))
		return -1;
	if (op.domain != domid) {
		errno = ESRCH;
		return -1;
	}
	*info = op.u.getdomaininfo;
	return 0;
}

int ctrl_domain_max_mem(struct ctrl *c, domid_t domid, uint64_t max_kib)
{
	struct xen_domctl op;

	ctrl_domctl_prepare(&op, XEN_DOMCTL_max_mem, domid);
	op.u.max_mem.max_memkb = max_kib;
	return ctrl_domctl(c, &op);
}

int ctrl_domain_max_vcpus(struct ctrl *c, domid_t domid, unsigned int max)
{
	struct xen_domctl op;

	ctrl_domctl_prepare(&op, XEN_DOMCTL_max_vcpus, domid);
	op.u.max_vcpus.max = max;
	return ctrl_domctl(c, &op);
}

int ctrl_domain_sethandle(struct ctrl *c, domid_t domid, const xen_domain_handle_t handle)
{
	struct xen_domctl op;

	ctrl_domctl_prepare(&op, XEN_DOMCTL_setdomainhandle, domid);
	memcpy(op.u.setdomainhandle.handle, handle, sizeof(xen_domain_handle_t));
	return ctrl_domctl(c, &op);
}

int ctrl_domain_settimeoffset(struct ctrl *c, domid_t domid, int64_t seconds)
{
	struct xen_domctl op;

	ctrl_domctl_prepare(&op, XEN_DOMCTL_settimeoffset, domid);
	op.u.settimeoffset.time_offset_seconds = seconds;
	return ctrl_domctl(c, &op);
}

/* set/getvcpucontext: the context (5 KiB) travels in its own hypercall buffer. */
static int vcpucontext(struct ctrl *c, uint32_t cmd, domid_t domid, unsigned int vcpu,
		       vcpu_guest_context_t *ctxt, enum bounce_dir dir)
{
	struct xen_domctl op;
	struct bounce b;
	int rc;

	if (bounce_pre(c, &b, ctxt, sizeof(*ctxt), dir))
		return -1;
	ctrl_domctl_prepare(&op, cmd, domid);
	op.u.vcpucontext.vcpu = vcpu;
	op.u.vcpucontext.ctxt = b.hc;
	rc = ctrl_domctl(c, &op);
	bounce_post(c, &b);
	return rc;
}

int ctrl_vcpu_setcontext(struct ctrl *c, domid_t domid, unsigned int vcpu,
			 const vcpu_guest_context_t *ctxt)
{
	/* BOUNCE_IN only: the caller's context is never written. */
	return vcpucontext(c, XEN_DOMCTL_setvcpucontext, domid, vcpu, (vcpu_guest_context_t *)ctxt,
			   BOUNCE_IN);
}

int ctrl_vcpu_getcontext(struct ctrl *c, domid_t domid, unsigned int vcpu,
			 vcpu_guest_context_t *ctxt)
{
	return vcpucontext(c, XEN_DOMCTL_getvcpucontext, domid, vcpu, ctxt, BOUNCE_OUT);
}

int ctrl_vcpu_getinfo(struct ctrl *c, domid_t domid, unsigned int vcpu,
		      struct xen_domctl_getvcpuinfo *info)
{
	struct xen_domctl op;

	ctrl_domctl_prepare(&op, XEN_DOMCTL_getvcpuinfo, domid);
	op.u.getvcpuinfo.vcpu = vcpu;
	if (ctrl_domctl(c, &op))
		return -1;
	*info = op.u.getvcpuinfo;
	return 0;
}

/* set/getvcpuaffinity: both maps are in and out (set writes back the effective maps). */
static int vcpuaffinity(struct ctrl *c, uint32_t cmd, domid_t domid, unsigned int vcpu,
			uint8_t *hard, uint8_t *soft, unsigned int nr_bits)
{
	size_t bytes = ctrl_bitmap_bytes(nr_bits);
	struct bounce bh, bs;
	struct xen_domctl op;
	int rc = -1;

	if ((!hard && !soft) || !nr_bits) {
		errno = EINVAL;
		return -1;
	}
	if (bounce_pre(c, &bh, hard, bytes, BOUNCE_BOTH))
		return -1;
	if (bounce_pre(c, &bs, soft, bytes, BOUNCE_BOTH))
		goto out;
	ctrl_vcpuaffinity_prepare(&op, cmd, domid, vcpu, bh.hc, bs.hc, nr_bits);
	rc = ctrl_domctl(c, &op);
out:
	bounce_post(c, &bs);
	bounce_post(c, &bh);
	return rc;
}

int ctrl_vcpu_setaffinity(struct ctrl *c, domid_t domid, unsigned int vcpu, uint8_t *hard,
			  uint8_t *soft, unsigned int nr_bits)
{
	return vcpuaffinity(c, XEN_DOMCTL_setvcpuaffinity, domid, vcpu, hard, soft, nr_bits);
}

int ctrl_vcpu_getaffinity(struct ctrl *c, domid_t domid, unsigned int vcpu, uint8_t *hard,
			  uint8_t *soft, unsigned int nr_bits)
{
	return vcpuaffinity(c, XEN_DOMCTL_getvcpuaffinity, domid, vcpu, hard, soft, nr_bits);
}

int ctrl_domain_pageframeinfo(struct ctrl *c, domid_t domid, xen_pfn_t *frames,
			      unsigned int num)
{
	struct xen_domctl op;
	struct bounce b;
	int rc;

	if (!num)
		return 0;
	if (bounce_pre(c, &b, frames, num * sizeof(*frames), BOUNCE_BOTH))
		return -1;
	ctrl_domctl_prepare(&op, XEN_DOMCTL_getpageframeinfo3, domid);
	op.u.getpageframeinfo3.num = num;
	op.u.getpageframeinfo3.array = b.hc;
	rc = ctrl_domctl(c, &op);
	bounce_post(c, &b);
	return rc;
}

int ctrl_sched_credit_get(struct ctrl *c, domid_t domid, uint32_t sched_id,
			  struct xen_domctl_sched_credit *params)
{
	struct xen_domctl op;

	if (ctrl_sched_credit_prepare(&op, domid, sched_id, XEN_DOMCTL_SCHEDOP_getinfo, NULL) ||
	    ctrl_domctl(c, &op))
		return -1;
	*params = op.u.scheduler_op.u.credit;
	return 0;
}

int ctrl_sched_credit_set(struct ctrl *c, domid_t domid, uint32_t sched_id,
			  const struct xen_domctl_sched_credit *params)
{
	struct xen_domctl op;

	if (ctrl_sched_credit_prepare(&op, domid, sched_id, XEN_DOMCTL_SCHEDOP_putinfo, params))
		return -1;
	return ctrl_domctl(c, &op);
}
