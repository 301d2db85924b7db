/*
 * memory.c - the memory_op hypercall: what a domain may learn about memory
 * (its reservation, the machine's size, the M2P's place and frames, the
 * E820 maps). Sub-op numbers, layouts and errors: Xen 4.17's
 * xen/include/public/memory.h, xen/common/memory.c, xen/arch/x86/mm.c.
 * The command word carries a start extent above MEMOP_EXTENT_SHIFT for
 * continuations; sub-ops that take none refuse a non-zero one (-EINVAL).
 */
#include <asm/config.h>
#include <asm/uaccess.h>
#include <lamina/boot_info.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/hypercall.h>
#include <lamina/mm.h>
#include <xen/memory.h>
#include <xen/sched.h>

#ifndef MEMOP_EXTENT_SHIFT
#define MEMOP_EXTENT_SHIFT 6 /* xen/include/public/memory.h: continuation extent above the op */
#define MEMOP_CMD_MASK ((1 << MEMOP_EXTENT_SHIFT) - 1)
#endif

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

/* The host E820 as the guest ABI's 20-byte entries, into a guest buffer. */
static long machine_memory_map(unsigned long arg)
{
	struct xen_memory_map map;
	const struct e820_map *e = &boot_info.e820;

	if (!current->domain->is_privileged)
		return -EPERM;
	if (copy_from_guest(&map, arg, sizeof(map)))
		return -EFAULT;
	if (map.nr_entries < e->nr + 1)
		return -EINVAL; /* Xen wants room for one more entry than the host map has */
	for (unsigned int i = 0; i < e->nr; i++) {
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

long do_memory_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
		  unsigned long a5)
{
	unsigned int op = cmd & MEMOP_CMD_MASK;
	unsigned long start_extent = cmd >> MEMOP_EXTENT_SHIFT;
	struct domain *d;
	long rc = 0;

	switch (op) {
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
		return -ENOSYS; /* no pseudo-physical map was set for the domain */
	case XENMEM_machine_memory_map:
		return machine_memory_map(arg);
	default:
		return -ENOSYS;
	}
}
