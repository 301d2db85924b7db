/*
 * memory.c - the memory_op hypercall: what a domain may learn about memory
 * (its reservation, the machine's size, the M2P's place and frames, the
 * E820 maps). Sub-op numbers, layouts and errors: Xen 4.17's
 * xen/include/public/memory.h, xen/common/memory.c, xen/arch/x86/mm.c.
 * XENMEM_exchange trades a domain's frames for others (e.g. contiguous,
 * below 4 GiB, for DMA). The command word carries a start extent above MEMOP_EXTENT_SHIFT for
 * continuations; sub-ops that take none refuse a non-zero one (-EINVAL).
 */
#include <asm/config.h>
#include <asm/uaccess.h>
#include <lamina/boot_info.h>
#include <lamina/domain.h>
#include <lamina/grant_table.h>
#include <lamina/errno.h>
#include <lamina/heap.h>
#include <lamina/hypercall.h>
#include <lamina/lib.h>
#include <asm/pv/mm.h>
#include <lamina/mm.h>
#include <xen/memory.h>
#include <xen/sched.h>

#ifndef MEMOP_EXTENT_SHIFT
#define MEMOP_EXTENT_SHIFT 6 /* xen/include/public/memory.h: continuation extent above the op */
#define MEMOP_CMD_MASK ((1 << MEMOP_EXTENT_SHIFT) - 1)
#endif

#define E820_MAX_ENTRIES 1024 /* Xen's E820MAX */

/* One entry of XENMEM_memory_map/machine_memory_map: Linux's 20-byte E820 record. */
struct e820_record {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
} __packed;

static struct domain *reservation_domain(unsigned long arg, long *rc)
{
	domid_t domid;

	if (copy_from_guest(&domid, arg, sizeof(domid))) {
		*rc = -EFAULT;
		return NULL;
	}
	struct domain *d = domain_by_id(domid);
	if (!d) {
		*rc = -ESRCH;
		return NULL;
	}
	if (d != current->domain && !current->domain->is_privileged) {
		*rc = -EPERM;
		return NULL;
	}
	return d;
}

/*
 * machine_memory_map - the host E820 for dom0, as the guest ABI's 20-byte
 * entries, with the MMIO dom0 may not touch (the hypervisor's APIC pages)
 * added as reserved where the host map has a hole, as Xen reports it. A
 * NULL buffer asks for the count only; otherwise the buffer must have room
 * for one more entry than the host map has (Xen's rule) or -EINVAL.
 */
static long machine_memory_map(unsigned long arg)
{
	static struct e820_map m;
	struct xen_memory_map map;
	const struct e820_map *host = &boot_info.e820;

	if (!current->domain->is_privileged)
		return -EPERM;
	if (copy_from_guest(&map, arg, sizeof(map)))
		return -EFAULT;
	bool store = map.buffer != NULL;
	if (store && map.nr_entries < host->nr + 1)
		return -EINVAL;
	m = *host;
	for (unsigned int k = 0; k < nr_hypervisor_iomem; k++) {
		uint64_t start = (uint64_t)hypervisor_iomem[k].first_mfn << PAGE_SHIFT;
		uint64_t end = start + ((uint64_t)hypervisor_iomem[k].nr << PAGE_SHIFT);
		bool clash = false;
		for (unsigned int i = 0; i < host->nr; i++)
			if (host->map[i].addr < end && host->map[i].addr + host->map[i].size > start)
				clash = true;
		if (!clash)
			e820_add(&m, start, end - start, E820_RESERVED);
	}
	e820_sanitize(&m);
	const struct e820_map *e = &m;
	if (store && map.nr_entries < e->nr)
		return -EINVAL;
	for (unsigned int i = 0; store && i < e->nr; i++) {
		struct e820_record out = { .addr = e->map[i].addr, .size = e->map[i].size,
					 .type = e->map[i].type };
		if (copy_to_guest((unsigned long)map.buffer + i * sizeof(out), &out, sizeof(out)))
			return -EFAULT;
	}
	map.nr_entries = e->nr;
	return copy_to_guest(arg, &map, sizeof(map)) ? -EFAULT : 0;
}

static long machphys_mfn_list(unsigned long arg)
{
	struct xen_machphys_mfn_list l;
	unsigned int i;

	if (copy_from_guest(&l, arg, sizeof(l)))
		return -EFAULT;
	for (i = 0; i < l.max_extents && i < m2p_nr_chunks(); i++) {
		xen_pfn_t mfn = m2p_chunk_mfn(i);
		if (copy_to_guest((unsigned long)l.extent_start + i * sizeof(mfn), &mfn, sizeof(mfn)))
			return -EFAULT;
	}
	l.nr_extents = i;
	return copy_to_guest(arg, &l, sizeof(l)) ? -EFAULT : 0;
}

/* The largest extent order a domain may ask for (Xen's memop-max-order defaults). */
#define DOMU_MAX_ORDER 9
#define CTLDOM_MAX_ORDER 12
#define INVALID_M2P_ENTRY (~0UL)

/*
 * guest_remove_page - give one frame of d back (decrease_reservation): it
 * stops being allocated and pinned, its M2P entry is cleared, and it is
 * freed once its last reference (a mapping still present) goes. False when
 * d does not own it.
 */
static bool guest_remove_page(struct domain *d, unsigned long mfn)
{
	if (mfn >= max_page || !get_page(mfn_to_page(mfn), d))
		return false;
	struct page_info *pg = mfn_to_page(mfn);
	if (pg->count_info & PGC_xen_heap) {
		put_page(pg);
		return false; /* the domain's shared_info or grant frames are not its RAM */
	}
	if (pg->type_info & PGT_pinned) {
		pg->type_info &= ~PGT_pinned;
		put_page_and_type(pg, d);
	}
	set_gpfn_from_mfn(mfn, INVALID_M2P_ENTRY);
	if (pg->count_info & PGC_allocated) {
		pg->count_info &= ~PGC_allocated;
		put_page(pg);
	}
	put_page(pg); /* the reference taken above: frees the frame if it was the last */
	return true;
}

/*
 * reservation_op - increase_reservation, decrease_reservation and
 * populate_physmap for d: returns the number of extents done, from
 * start_extent (a continuation's restart point), stopping at the first
 * failure as Xen does.
 */
static long reservation_op(unsigned int op, unsigned long arg, unsigned long start_extent)
{
	struct xen_memory_reservation r;
	struct domain *cur = current->domain;

	if (copy_from_guest(&r, arg, sizeof(r)))
		return start_extent;
	struct domain *d = domain_by_id(r.domid);
	if (!d)
		return -ESRCH;
	if (d != cur && !cur->is_privileged)
		return -EPERM;
	if (r.extent_order > (cur->is_privileged ? CTLDOM_MAX_ORDER : DOMU_MAX_ORDER) ||
	    start_extent > r.nr_extents)
		return start_extent;

	unsigned long list = (unsigned long)r.extent_start, n = 1UL << r.extent_order, i;
	for (i = start_extent; i < r.nr_extents; i++) {
		xen_pfn_t x = 0;
		if (list && op != XENMEM_increase_reservation &&
		    copy_from_guest(&x, list + i * sizeof(x), sizeof(x)))
			break;
		if (op == XENMEM_decrease_reservation) {
			unsigned long k;
			for (k = 0; k < n && guest_remove_page(d, x + k); k++)
				;
			if (k < n)
				break;
			continue;
		}
		if (d->tot_pages + n > d->max_pages)
			break;
		unsigned long mfn = alloc_guest_frames(r.extent_order, ~0UL);
		if (mfn == INVALID_MFN)
			break;
		assign_pages(d, mfn, r.extent_order);
		if (op == XENMEM_populate_physmap)
			for (unsigned long k = 0; k < n; k++)
				set_gpfn_from_mfn(mfn + k, x + k);
		xen_pfn_t out = mfn;
		if (list && copy_to_guest(list + i * sizeof(out), &out, sizeof(out)))
			break; /* the frames stay the domain's, as in Xen */
	}
	return (long)i;
}

/*
 * memory_exchange - XENMEM_exchange: trade the frames listed in exch.in for
 * new ones allocated per exch.out (its address_bits: below 2^bits bytes),
 * chunk by chunk, as Xen's memory_exchange in xen/common/memory.c. A PV
 * domain names frames by MFN; the new MFNs are written over out's list
 * (which held the PFNs they get in the M2P). An input frame must be the
 * domain's with nothing else holding it (unmapped, untyped): -EINVAL
 * otherwise. nr_exchanged (input extents done) is written back, on error
 * too; the domain's page count does not change.
 */
static long memory_exchange(unsigned long arg)
{
	struct xen_memory_exchange exch;
	struct domain *cur = current->domain;
	unsigned long in_chunk_order, out_chunk_order, i;
	long rc = 0;

	if (copy_from_guest(&exch, arg, sizeof(exch)))
		return -EFAULT;
	unsigned int max_order = cur->is_privileged ? CTLDOM_MAX_ORDER : DOMU_MAX_ORDER;
	if (MAX(exch.in.extent_order, exch.out.extent_order) > max_order) {
		rc = -EPERM;
		goto out;
	}
	if (exch.nr_exchanged > exch.in.nr_extents || exch.in.domid != exch.out.domid ||
	    (~0UL >> exch.in.extent_order) < exch.in.nr_extents ||
	    (~0UL >> exch.out.extent_order) < exch.out.nr_extents ||
	    (exch.in.nr_extents << exch.in.extent_order) !=
		    (exch.out.nr_extents << exch.out.extent_order)) {
		rc = -EINVAL;
		goto out;
	}
	if (exch.nr_exchanged == exch.in.nr_extents)
		return 0;
	if (exch.in.extent_order <= exch.out.extent_order) {
		in_chunk_order = exch.out.extent_order - exch.in.extent_order;
		out_chunk_order = 0;
	} else {
		in_chunk_order = 0;
		out_chunk_order = exch.in.extent_order - exch.out.extent_order;
	}
	struct domain *d = domain_by_id(exch.in.domid);
	if (!d) {
		rc = -ESRCH;
		goto out;
	}
	if (d != cur && !cur->is_privileged) {
		rc = -EPERM;
		goto out;
	}
	unsigned int bits = XENMEMF_get_address_bits(exch.out.mem_flags);
	unsigned long limit = bits && bits < 64 ? 1UL << (bits - PAGE_SHIFT) : ~0UL;
	unsigned long in_list = (unsigned long)exch.in.extent_start;
	unsigned long out_list = (unsigned long)exch.out.extent_start;
	unsigned long in_pages = 1UL << exch.in.extent_order, out_pages = 1UL << exch.out.extent_order;
	unsigned long per_chunk = in_pages << in_chunk_order; /* pages traded per chunk */

	unsigned long *stolen = xmalloc_bytes(per_chunk * sizeof(unsigned long));
	unsigned long *out_mfn = xmalloc_bytes((1UL << out_chunk_order) * sizeof(unsigned long));
	i = exch.nr_exchanged >> in_chunk_order;
	if (!stolen || !out_mfn)
		rc = -ENOMEM;
	for (; !rc && i < exch.in.nr_extents >> in_chunk_order; i++) {
		unsigned long nr_stolen = 0, nr_out = 0;
		xen_pfn_t gmfn, gpfn;

		/* Take a chunk's worth of input frames from the domain. */
		for (unsigned long j = 0; j < (1UL << in_chunk_order) && !rc; j++) {
			if (copy_from_guest(&gmfn, in_list + ((i << in_chunk_order) + j) * sizeof(gmfn),
					    sizeof(gmfn))) {
				rc = -EFAULT;
				break;
			}
			for (unsigned long k = 0; k < in_pages; k++) {
				if (steal_page(d, gmfn + k)) {
					rc = -EINVAL;
					break;
				}
				stolen[nr_stolen++] = gmfn + k;
			}
		}
		/* Allocate the chunk's output extents. */
		for (unsigned long j = 0; j < (1UL << out_chunk_order) && !rc; j++) {
			unsigned long mfn = alloc_guest_frames(exch.out.extent_order, limit);
			if (mfn == INVALID_MFN)
				rc = -ENOMEM;
			else
				out_mfn[nr_out++] = mfn;
		}
		if (rc) {
			/* Give the stolen frames back (they were untouched) and free the new ones. */
			for (unsigned long j = 0; j < nr_stolen; j++) {
				d->max_pages++; /* assign_pages checks the limit; tot_pages is below it */
				assign_pages(d, stolen[j], 0);
				d->max_pages--;
			}
			for (unsigned long j = 0; j < nr_out; j++)
				free_frames(out_mfn[j], exch.out.extent_order);
			break;
		}
		/* The chunk cannot fail now: old frames out of the M2P and freed, new ones in. */
		for (unsigned long j = 0; j < nr_stolen; j++) {
			set_gpfn_from_mfn(stolen[j], INVALID_M2P_ENTRY);
			free_guest_frame(stolen[j]);
		}
		for (unsigned long j = 0; j < nr_out; j++) {
			unsigned long slot = (i << out_chunk_order) + j, mfn = out_mfn[j];
			d->max_pages += out_pages; /* the domain holds as many pages as before */
			assign_pages(d, mfn, exch.out.extent_order);
			d->max_pages -= out_pages;
			if (copy_from_guest(&gpfn, out_list + slot * sizeof(gpfn), sizeof(gpfn))) {
				rc = -EFAULT;
				continue;
			}
			for (unsigned long k = 0; k < out_pages; k++)
				set_gpfn_from_mfn(mfn + k, gpfn + k);
			xen_pfn_t m = mfn;
			if (copy_to_guest(out_list + slot * sizeof(m), &m, sizeof(m)))
				rc = -EFAULT;
		}
		if (rc)
			break; /* as Xen: this chunk is not counted, though traded */
	}
	xfree(stolen);
	xfree(out_mfn);
	exch.nr_exchanged = i << in_chunk_order;
out:
	if (copy_to_guest(arg + offsetof(struct xen_memory_exchange, nr_exchanged),
			  &exch.nr_exchanged, sizeof(exch.nr_exchanged)))
		rc = -EFAULT;
	return rc;
}

/*
 * XENMEM_set_memory_map: the toolstack gives a domain its pseudo-physical
 * E820 (at most E820_MAX_ENTRIES; -EINVAL beyond, -ESRCH for no such
 * domain, -EPERM for another domain unless privileged, -EFAULT). Xen:
 * arch_memory_op in xen/arch/x86/mm.c.
 */
static long set_memory_map(unsigned long arg)
{
	struct xen_foreign_memory_map fmap;
	struct domain *cur = current->domain;

	if (copy_from_guest(&fmap, arg, sizeof(fmap)))
		return -EFAULT;
	if (fmap.map.nr_entries > E820_MAX_ENTRIES)
		return -EINVAL;
	struct domain *d = domain_by_id(fmap.domid);
	if (!d)
		return -ESRCH;
	if (d != cur && !cur->is_privileged)
		return -EPERM;
	size_t bytes = fmap.map.nr_entries * sizeof(struct e820_record);
	struct e820_record *map = xmalloc_bytes(bytes ? bytes : 1);
	if (!map)
		return -ENOMEM;
	if (copy_from_guest(map, (unsigned long)fmap.map.buffer, bytes)) {
		xfree(map);
		return -EFAULT;
	}
	xfree(d->e820);
	d->e820 = map;
	d->nr_e820 = fmap.map.nr_entries;
	return 0;
}

/* XENMEM_memory_map: the caller's map as the toolstack set it; -ENOSYS when none was. */
static long memory_map(unsigned long arg)
{
	struct xen_memory_map map;
	struct domain *d = current->domain;

	if (copy_from_guest(&map, arg, sizeof(map)))
		return -EFAULT;
	if (!d->nr_e820 || !d->e820)
		return -ENOSYS;
	map.nr_entries = MIN(map.nr_entries, d->nr_e820);
	if (copy_to_guest((unsigned long)map.buffer, d->e820,
			  map.nr_entries * sizeof(struct e820_record)) ||
	    copy_to_guest(arg, &map, sizeof(map)))
		return -EFAULT;
	return 0;
}

/*
 * XENMEM_acquire_resource (Xen 4.17, common/memory.c): the control domain
 * takes the MFNs of another domain's grant table frames, to map them.
 * -EINVAL for a non-zero pad, a range beyond 32 bits, an unknown resource or
 * frames beyond it; -ESRCH for no such domain, -EPERM for itself or without
 * privilege; with a NULL frame_list and nr_frames 0 it returns the size.
 */
static long acquire_resource(unsigned long arg, unsigned long start_extent)
{
	struct xen_mem_acquire_resource r;
	struct domain *cur = current->domain;

	if (copy_from_guest(&r, arg, sizeof(r)))
		return -EFAULT;
	if (r.pad || (r.frame >> 32) || ((r.frame + r.nr_frames) >> 32))
		return -EINVAL;
	struct domain *d = domain_by_id(r.domid);
	if (!d)
		return -ESRCH;
	if (d == cur || !cur->is_privileged)
		return -EPERM;
	unsigned int max = r.type == XENMEM_resource_grant_table ? gnttab_resource_max_frames(r.id)
								   : 0;
	if (!max)
		return -EINVAL;
	if (!r.frame_list) {
		if (r.nr_frames || start_extent)
			return -EINVAL;
		r.nr_frames = max;
		return copy_to_guest(arg + offsetof(struct xen_mem_acquire_resource, nr_frames),
				     &r.nr_frames, sizeof(r.nr_frames))
			       ? -EFAULT
			       : 0;
	}
	if (start_extent || !r.nr_frames)
		return -EINVAL;
	for (uint32_t done = 0; done < r.nr_frames;) {
		xen_pfn_t mfns[32];
		unsigned int todo = MIN((uint32_t)ARRAY_SIZE(mfns), r.nr_frames - done);
		int rc = gnttab_acquire_frames(d, r.id, (unsigned int)r.frame + done, todo, mfns);
		if (rc < 0)
			return rc;
		if (copy_to_guest((unsigned long)r.frame_list + done * sizeof(xen_pfn_t), mfns,
				  todo * sizeof(xen_pfn_t)))
			return -EFAULT;
		done += todo;
	}
	return 0;
}

long do_memory_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
		  unsigned long a5)
{
	unsigned int op = cmd & MEMOP_CMD_MASK;
	unsigned long start_extent = cmd >> MEMOP_EXTENT_SHIFT;
	struct domain *d;
	long rc = 0;

	switch (op) {
	case XENMEM_increase_reservation:
	case XENMEM_decrease_reservation:
	case XENMEM_populate_physmap:
		return reservation_op(op, arg, start_extent);
	case XENMEM_maximum_ram_page:
		return start_extent ? -EINVAL : (long)max_page;
	case XENMEM_current_reservation:
	case XENMEM_maximum_reservation:
	case XENMEM_maximum_gpfn:
		if (start_extent)
			return -EINVAL;
		if (!(d = reservation_domain(arg, &rc)))
			return rc;
		if (op == XENMEM_current_reservation)
			return (long)d->tot_pages;
		if (op == XENMEM_maximum_reservation)
			return (long)d->max_pages;
		return (long)d->tot_pages - 1; /* PV: the highest pfn the domain was given */
	case XENMEM_machphys_mapping: {
		struct xen_machphys_mapping m = {
			.v_start = MACH2PHYS_VIRT_START,
			.v_end = MACH2PHYS_VIRT_END,
			.max_mfn = current->domain->is_privileged ? max_page - 1
								  : MACH2PHYS_NR_ENTRIES - 1,
		};
		return copy_to_guest(arg, &m, sizeof(m)) ? -EFAULT : 0;
	}
	case XENMEM_machphys_mfn_list:
		return machphys_mfn_list(arg);
	case XENMEM_memory_map:
		return start_extent ? -EINVAL : memory_map(arg);
	case XENMEM_set_memory_map:
		return start_extent ? -EINVAL : set_memory_map(arg);
	case XENMEM_acquire_resource:
		return acquire_resource(arg, start_extent);
	case XENMEM_machine_memory_map:
		return machine_memory_map(arg);
	case XENMEM_exchange:
		return start_extent ? -EINVAL : memory_exchange(arg);
	default:
		return -ENOSYS;
	}
}
