/*
 * grant_table.c - grant tables, version 1: the shared frames where a domain
 * writes its grant entries (setup_table, query_size, set_version). Mapping
 * and copying grants come with the split drivers (the toolstack issue).
 * A domain may have up to GRANT_MAX_FRAMES frames (Xen 4.17's default
 * gnttab_max_frames); they are hypervisor pages shared with it, allocated
 * on first use. Results and status codes: Xen 4.17's xen/common/grant_table.c.
 */
#include <asm/page.h>
#include <asm/uaccess.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/heap.h>
#include <lamina/hypercall.h>
#include <lamina/lib.h>
#include <lamina/mm.h>
#include <xen/grant_table.h>
#include <lamina/grant_table.h>

#define GRANT_MAX_FRAMES 64
#define GRANT_INITIAL_FRAMES 1

struct grant_table {
	unsigned int nr_frames;
	unsigned int version;
	void *frames[GRANT_MAX_FRAMES];
};

static struct grant_table *grant_table_of(struct domain *d)
{
	if (!d->grant_table) {
		d->grant_table = xzalloc(struct grant_table);
		if (d->grant_table)
			d->grant_table->version = 1;
	}
	return d->grant_table;
}

void gnttab_destroy(struct domain *d)
{
	struct grant_table *gt = d->grant_table;

	if (!gt)
		return;
	for (unsigned int i = 0; i < gt->nr_frames; i++)
		free_xenheap_pages(gt->frames[i], 0);
	xfree(gt);
	d->grant_table = NULL;
}

static int grow(struct domain *d, struct grant_table *gt, unsigned int nr)
{
	nr = MAX(nr, (unsigned int)GRANT_INITIAL_FRAMES);
	for (unsigned int i = gt->nr_frames; i < nr; i++) {
		void *p = alloc_xenheap_pages(0);
		if (!p)
			return -ENOMEM;
		memset(p, 0, PAGE_SIZE);
		share_xen_page(d, p);
		gt->frames[i] = p;
		gt->nr_frames = i + 1;
	}
	return 0;
}

/* The domain an op names, or NULL with *status set (Xen's GNTST_* for that case). */
static struct domain *target_domain(domid_t dom, int16_t *status)
{
	struct domain *cur = current->domain, *d = domain_by_id(dom);

	if (!d) {
		*status = GNTST_bad_domain;
		return NULL;
	}
	if (d != cur && !cur->is_privileged) {
		*status = GNTST_permission_denied;
		return NULL;
	}
	return d;
}

static long setup_table(unsigned long uop, unsigned long count)
{
	struct gnttab_setup_table op;

	if (count != 1)
		return -EINVAL;
	if (copy_from_guest(&op, uop, sizeof(op)))
		return -EFAULT;
	if (!guest_range_ok((unsigned long)op.frame_list, (size_t)op.nr_frames * sizeof(xen_pfn_t)))
		return -EFAULT;
	struct domain *d = target_domain(op.dom, &op.status);
	if (d) {
		struct grant_table *gt = grant_table_of(d);
		op.status = GNTST_okay;
		if (!gt || op.nr_frames > GRANT_MAX_FRAMES ||
		    (op.nr_frames > gt->nr_frames && grow(d, gt, op.nr_frames)))
			op.status = GNTST_general_error;
		for (unsigned int i = 0; op.status == GNTST_okay && i < op.nr_frames; i++) {
			xen_pfn_t mfn = __pa(gt->frames[i]) >> PAGE_SHIFT;
			if (copy_to_guest((unsigned long)op.frame_list + i * sizeof(mfn), &mfn,
					  sizeof(mfn)))
				op.status = GNTST_bad_virt_addr;
		}
	}
	if (copy_to_guest(uop + offsetof(struct gnttab_setup_table, status), &op.status,
			  sizeof(op.status)))
		return -EFAULT;
	return 0;
}

static long query_size(unsigned long uop, unsigned long count)
{
	struct gnttab_query_size op;

	if (count != 1)
		return -EINVAL;
	if (copy_from_guest(&op, uop, sizeof(op)))
		return -EFAULT;
	struct domain *d = target_domain(op.dom, &op.status);
	if (d) {
		struct grant_table *gt = grant_table_of(d);
		if (gt && !gt->nr_frames)
			grow(d, gt, GRANT_INITIAL_FRAMES);
		op.nr_frames = gt ? gt->nr_frames : 0;
		op.max_nr_frames = GRANT_MAX_FRAMES;
		op.status = GNTST_okay;
	}
	return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

static long set_version(unsigned long uop, unsigned long count)
{
	struct gnttab_set_version op;

	if (count != 1)
		return -EINVAL;
	if (copy_from_guest(&op, uop, sizeof(op)))
		return -EFAULT;
	if (op.version != 1)
		return -EINVAL; /* only version 1 is offered */
	return 0;
}

long do_grant_table_op(unsigned long cmd, unsigned long uop, unsigned long count,
		       unsigned long a4, unsigned long a5)
{
	switch ((unsigned int)cmd) {
	case GNTTABOP_setup_table:
		return setup_table(uop, count);
	case GNTTABOP_query_size:
		return query_size(uop, count);
	case GNTTABOP_set_version:
		return set_version(uop, count);
	default:
		return -ENOSYS;
	}
}
