/*
 * memory.c - another domain's memory: memory_op reservations and queries, mmu_update and
 * mmuext_op with a foreign domain (the wrappers of ctrl.h).
 */
#include <errno.h>
#include <string.h>

#include "libctrl/marshal.h"
#include "libctrl/private.h"

/*
 * One reservation op (@cmd) on @nr extents listed in @frames: the list is bounced in and,
 * for populate/increase, back out (they write the frames they allocated).
 */
static long reservation(struct ctrl *c, unsigned int cmd, domid_t domid, unsigned long nr,
			unsigned int order, unsigned int mem_flags, xen_pfn_t *frames,
			enum bounce_dir dir)
{
	struct xen_memory_reservation r;
	struct bounce b;
	long rc;

	if (!nr)
		return 0;
	if (bounce_pre(c, &b, frames, nr * sizeof(*frames), dir))
		return -1;
	ctrl_reservation_prepare(&r, domid, b.hc, nr, order, mem_flags);
	rc = hypercall_arg(c, __HYPERVISOR_memory_op, cmd, &r, sizeof(r));
	bounce_post(c, &b);
	return rc;
}

long ctrl_populate_physmap(struct ctrl *c, domid_t domid, unsigned long nr, unsigned int order,
			   unsigned int mem_flags, xen_pfn_t *frames)
{
	return reservation(c, XENMEM_populate_physmap, domid, nr, order, mem_flags, frames,
			   BOUNCE_BOTH);
}

long ctrl_increase_reservation(struct ctrl *c, domid_t domid, unsigned long nr,
			       unsigned int order, unsigned int mem_flags, xen_pfn_t *frames)
{
	return reservation(c, XENMEM_increase_reservation, domid, nr, order, mem_flags, frames,
			   BOUNCE_OUT);
}

long ctrl_decrease_reservation(struct ctrl *c, domid_t domid, unsigned long nr,
			       unsigned int order, const xen_pfn_t *frames)
{
	return reservation(c, XENMEM_decrease_reservation, domid, nr, order, 0,
			   (xen_pfn_t *)frames, BOUNCE_IN);
}

static long domain_query(struct ctrl *c, unsigned int cmd, domid_t domid)
{
	struct xen_memory_domain d = { .domid = domid };

	return hypercall_arg(c, __HYPERVISOR_memory_op, cmd, &d, sizeof(d));
}

long ctrl_current_reservation(struct ctrl *c, domid_t domid)
{
	return domain_query(c, XENMEM_current_reservation, domid);
}

long ctrl_maximum_reservation(struct ctrl *c, domid_t domid)
{
	return domain_query(c, XENMEM_maximum_reservation, domid);
}

/*
 * mmu_update and mmuext_op share a shape: (array, count, &done, foreigndom). The array is
 * bounced in; done lives in the argument page.
 */
static int mmu_batch(struct ctrl *c, unsigned int op, domid_t foreign, const void *reqs,
		     size_t size, unsigned int count, unsigned int *done)
{
	unsigned int *done_hc = c->arg;
	struct bounce b;
	long rc;

	if (bounce_pre(c, &b, (void *)reqs, (size_t)count * size, BOUNCE_IN))
		return -1;
	*done_hc = 0;
	rc = ctrl_hypercall(c, op, (uintptr_t)b.hc, count, (uintptr_t)done_hc, foreign, 0);
	if (done)
		*done = *done_hc;
	bounce_post(c, &b);
	return rc < 0 ? -1 : 0;
}

int ctrl_mmu_update(struct ctrl *c, domid_t foreign, const struct mmu_update *reqs,
		    unsigned int count, unsigned int *done)
{
	return mmu_batch(c, __HYPERVISOR_mmu_update, foreign, reqs, sizeof(*reqs), count, done);
}

int ctrl_mmuext_op(struct ctrl *c, domid_t foreign, const struct mmuext_op *ops,
		   unsigned int count, unsigned int *done)
{
	return mmu_batch(c, __HYPERVISOR_mmuext_op, foreign, ops, sizeof(*ops), count, done);
}
