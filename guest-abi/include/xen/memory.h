/*
 * xen/memory.h - memory_op hypercall: reservations, the physical memory map, the M2P table.
 *
 * Matches the guest-visible part of Xen's public xen/include/public/memory.h at interface
 * version 0x00040e00 (the toolstack-only sub-ops for paging, sharing, access and claims are
 * left out). memory_op(cmd, arg) takes one of the XENMEM_* commands below and a pointer to
 * the structure named with it.
 */
#ifndef XEN_ABI_MEMORY_H
#define XEN_ABI_MEMORY_H

#include "xen.h"

/* Sub-ops. Reservation ops return the number of extents done. */
#define XENMEM_increase_reservation	0	/* struct xen_memory_reservation */
#define XENMEM_decrease_reservation	1	/* struct xen_memory_reservation */
#define XENMEM_maximum_ram_page		2	/* arg NULL; returns the highest RAM MFN */
#define XENMEM_current_reservation	3	/* struct xen_memory_domain; returns pages */
#define XENMEM_maximum_reservation	4	/* struct xen_memory_domain; returns pages */
#define XENMEM_machphys_mfn_list	5	/* struct xen_machphys_mfn_list */
#define XENMEM_populate_physmap		6	/* struct xen_memory_reservation */
#define XENMEM_add_to_physmap		7	/* struct xen_add_to_physmap (translated guests) */
/* 8 is retired */
#define XENMEM_memory_map		9	/* struct xen_memory_map: the domain's E820 */
#define XENMEM_machine_memory_map	10	/* struct xen_memory_map: the host E820 (dom0) */
#define XENMEM_exchange			11	/* struct xen_memory_exchange (PV only) */
#define XENMEM_machphys_mapping		12	/* struct xen_machphys_mapping */
#define XENMEM_set_memory_map		13	/* struct xen_foreign_memory_map (toolstack) */
#define XENMEM_maximum_gpfn		14	/* struct xen_memory_domain; returns highest gfn */
#define XENMEM_remove_from_physmap	15	/* struct xen_remove_from_physmap */
#define XENMEM_set_pod_target		16	/* struct xen_pod_target */
#define XENMEM_get_pod_target		17	/* struct xen_pod_target */
#define XENMEM_add_to_physmap_batch	23	/* struct xen_add_to_physmap_batch */
#define XENMEM_machphys_compat_mfn_list	25	/* like machphys_mfn_list, for the compat M2P */
#define XENMEM_get_vnumainfo		26	/* struct xen_vnuma_topology_info */
#define XENMEM_acquire_resource		28	/* struct xen_mem_acquire_resource */

/*
 * xen_memory_reservation.mem_flags: bits 7:0 are an address-width limit for the allocated
 * frames (0 = none), bits 15:8 a NUMA node plus one (0 = any), and single-bit flags above.
 */
#define XENMEMF_address_bits(bits)	(bits)
#define XENMEMF_get_address_bits(flags)	((flags) & 0xffu)
#define XENMEMF_node(node)		(((node) + 1) << 8)
#define XENMEMF_get_node(flags)		((((flags) >> 8) - 1) & 0xffu)
#define XENMEMF_populate_on_demand	(1 << 16)	/* populate with PoD entries */
#define XENMEMF_exact_node_request	(1 << 17)	/* only from the node given */
#define XENMEMF_exact_node(node)	(XENMEMF_node(node) | XENMEMF_exact_node_request)
#define XENMEMF_vnode			(1 << 18)	/* the node is a virtual node */

/* Mapping spaces for xen_add_to_physmap.space. */
#define XENMAPSPACE_shared_info		0	/* the shared_info page */
#define XENMAPSPACE_grant_table		1	/* a grant-table frame */
#define XENMAPSPACE_gmfn		2	/* one of the domain's own frames */
#define XENMAPSPACE_gmfn_range		3	/* a range of them (add_to_physmap only) */
#define XENMAPSPACE_gmfn_foreign	4	/* another domain's frame (batch only) */
#define XENMAPSPACE_dev_mmio		5	/* device MMIO (Arm only) */

/* xen_add_to_physmap.idx flag with XENMAPSPACE_grant_table: a status frame (grant v2). */
#define XENMAPIDX_grant_table_status	0x80000000

/* xen_mem_acquire_resource.type, and the frame ids within each resource. */
#define XENMEM_resource_ioreq_server			0
#define XENMEM_resource_grant_table			1
#define XENMEM_resource_vmtrace_buf			2
#define XENMEM_resource_grant_table_id_shared		0
#define XENMEM_resource_grant_table_id_status		1
#define XENMEM_resource_ioreq_server_frame_bufioreq	0
#define XENMEM_resource_ioreq_server_frame_ioreq(n)	((n) + 1)

#ifndef __ASSEMBLER__

/*
 * struct xen_memory_reservation - argument of increase_reservation, decrease_reservation and
 * populate_physmap: a list of extents of 2^extent_order pages each.
 *
 * extent_start holds, per extent: for decrease, the gfns to release (in); for populate, the
 * pfns to fill (in) and then the frames allocated (out; the M2P is updated as well); for
 * increase, the MFNs allocated (out).
 */
struct xen_memory_reservation {
	XEN_GUEST_HANDLE(xen_pfn_t) extent_start;	/* guest array of nr_extents frames */
	xen_ulong_t nr_extents;
	unsigned int extent_order;	/* log2 of pages per extent */
	unsigned int mem_flags;		/* XENMEMF_*; ignored by decrease */
	domid_t domid;			/* DOMID_SELF unless privileged */
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
XEN_ABI_SIZE(struct xen_memory_reservation, 32);
XEN_ABI_OFFSET(struct xen_memory_reservation, nr_extents, 8);
XEN_ABI_OFFSET(struct xen_memory_reservation, extent_order, 16);
XEN_ABI_OFFSET(struct xen_memory_reservation, mem_flags, 20);
XEN_ABI_OFFSET(struct xen_memory_reservation, domid, 24);

/*
 * struct xen_memory_exchange - XENMEM_exchange: atomically trade the frames listed in in for
 * newly allocated ones described by out (same domain, same total number of pages, e.g. many
 * single pages for one machine-contiguous extent below an address limit). On return
 * out.extent_start lists the new frames and nr_exchanged says how many input extents were
 * traded; the caller must zero nr_exchanged first.
 */
struct xen_memory_exchange {
	struct xen_memory_reservation in;	/* frames given up (gfns) */
	struct xen_memory_reservation out;	/* in: pfns to fill; out: the new frames */
	xen_ulong_t nr_exchanged;		/* input extents done; hv writes */
};
typedef struct xen_memory_exchange xen_memory_exchange_t;
XEN_ABI_SIZE(struct xen_memory_exchange, 72);
XEN_ABI_OFFSET(struct xen_memory_exchange, out, 32);
XEN_ABI_OFFSET(struct xen_memory_exchange, nr_exchanged, 64);

/*
 * struct xen_memory_domain - names the domain for the reservation and maximum_gpfn queries.
 */
struct xen_memory_domain {
	domid_t domid;	/* may be DOMID_SELF */
};
XEN_ABI_SIZE(struct xen_memory_domain, 2);

/*
 * struct xen_machphys_mfn_list - XENMEM_machphys_mfn_list: the MFNs of the 2 MiB chunks that
 * make up the M2P table (0 for a chunk in a hole of the machine address space).
 */
struct xen_machphys_mfn_list {
	unsigned int max_extents;			/* in: capacity of extent_start */
	XEN_GUEST_HANDLE(xen_pfn_t) extent_start;	/* out: one MFN per 2 MiB chunk */
	unsigned int nr_extents;			/* out: entries written */
};
typedef struct xen_machphys_mfn_list xen_machphys_mfn_list_t;
XEN_ABI_SIZE(struct xen_machphys_mfn_list, 24);
XEN_ABI_OFFSET(struct xen_machphys_mfn_list, extent_start, 8);
XEN_ABI_OFFSET(struct xen_machphys_mfn_list, nr_extents, 16);

/*
 * struct xen_machphys_mapping - XENMEM_machphys_mapping: where the read-only M2P table is
 * mapped in the guest's address space, and how many MFNs it covers.
 */
struct xen_machphys_mapping {
	xen_ulong_t v_start;	/* first virtual address of the table */
	xen_ulong_t v_end;	/* end of the table (exclusive) */
	xen_ulong_t max_mfn;	/* highest MFN the table covers */
};
typedef struct xen_machphys_mapping xen_machphys_mapping_t;
XEN_ABI_SIZE(struct xen_machphys_mapping, 24);
XEN_ABI_OFFSET(struct xen_machphys_mapping, max_mfn, 16);

/*
 * struct xen_add_to_physmap - XENMEM_add_to_physmap: make a page of the given space appear at
 * gpfn in a translated guest's physical address space.
 */
struct xen_add_to_physmap {
	domid_t domid;		/* domain whose physmap changes */
	uint16_t size;		/* pages, for XENMAPSPACE_gmfn_range */
	unsigned int space;	/* XENMAPSPACE_* */
	xen_ulong_t idx;	/* index within the space */
	xen_pfn_t gpfn;		/* where the page should appear */
};
typedef struct xen_add_to_physmap xen_add_to_physmap_t;
XEN_ABI_SIZE(struct xen_add_to_physmap, 24);
XEN_ABI_OFFSET(struct xen_add_to_physmap, space, 4);
XEN_ABI_OFFSET(struct xen_add_to_physmap, idx, 8);
XEN_ABI_OFFSET(struct xen_add_to_physmap, gpfn, 16);

/*
 * union xen_add_to_physmap_batch_extra - space-specific word of xen_add_to_physmap_batch.
 */
union xen_add_to_physmap_batch_extra {
	domid_t foreign_domid;	/* XENMAPSPACE_gmfn_foreign: the owning domain */
	uint16_t res0;		/* other spaces: must be zero */
};
XEN_ABI_SIZE(union xen_add_to_physmap_batch_extra, 2);

/*
 * struct xen_add_to_physmap_batch - XENMEM_add_to_physmap_batch: several pages at once,
 * with a per-page error code.
 */
struct xen_add_to_physmap_batch {
	domid_t domid;		/* domain whose physmap changes */
	uint16_t space;		/* XENMAPSPACE_* */
	uint16_t size;		/* number of entries in idxs, gpfns and errs */
	union xen_add_to_physmap_batch_extra u;
	XEN_GUEST_HANDLE(xen_ulong_t) idxs;	/* in: indexes within the space */
	XEN_GUEST_HANDLE(xen_pfn_t) gpfns;	/* in: where each page should appear */
	XEN_GUEST_HANDLE(int) errs;		/* out: per-page result */
};
typedef struct xen_add_to_physmap_batch xen_add_to_physmap_batch_t;
XEN_ABI_SIZE(struct xen_add_to_physmap_batch, 32);
XEN_ABI_OFFSET(struct xen_add_to_physmap_batch, u, 6);
XEN_ABI_OFFSET(struct xen_add_to_physmap_batch, idxs, 8);
XEN_ABI_OFFSET(struct xen_add_to_physmap_batch, errs, 24);

/*
 * struct xen_remove_from_physmap - XENMEM_remove_from_physmap: unmap the page at gpfn from a
 * translated guest's physical address space.
 */
struct xen_remove_from_physmap {
	domid_t domid;
	xen_pfn_t gpfn;
};
typedef struct xen_remove_from_physmap xen_remove_from_physmap_t;
XEN_ABI_SIZE(struct xen_remove_from_physmap, 16);
XEN_ABI_OFFSET(struct xen_remove_from_physmap, gpfn, 8);

/*
 * struct xen_memory_map - XENMEM_memory_map and XENMEM_machine_memory_map: an E820-style map
 * of 20-byte entries { u64 addr, u64 size, u32 type }, packed.
 */
struct xen_memory_map {
	unsigned int nr_entries;		/* in: capacity of buffer; out: entries written */
	XEN_GUEST_HANDLE(void) buffer;		/* the entries */
};
typedef struct xen_memory_map xen_memory_map_t;
XEN_ABI_SIZE(struct xen_memory_map, 16);
XEN_ABI_OFFSET(struct xen_memory_map, buffer, 8);

/*
 * struct xen_foreign_memory_map - XENMEM_set_memory_map: the toolstack sets a domain's map.
 */
struct xen_foreign_memory_map {
	domid_t domid;
	struct xen_memory_map map;
};
typedef struct xen_foreign_memory_map xen_foreign_memory_map_t;
XEN_ABI_SIZE(struct xen_foreign_memory_map, 24);
XEN_ABI_OFFSET(struct xen_foreign_memory_map, map, 8);

/*
 * struct xen_pod_target - XENMEM_set_pod_target / XENMEM_get_pod_target: populate-on-demand
 * target and statistics of a domain, in pages.
 */
struct xen_pod_target {
	uint64_t target_pages;		/* in (set) */
	uint64_t tot_pages;		/* out */
	uint64_t pod_cache_pages;	/* out */
	uint64_t pod_entries;		/* out */
	domid_t domid;			/* in */
};
typedef struct xen_pod_target xen_pod_target_t;
XEN_ABI_SIZE(struct xen_pod_target, 40);
XEN_ABI_OFFSET(struct xen_pod_target, domid, 32);

/*
 * struct xen_mem_acquire_resource - XENMEM_acquire_resource: map frames of a domain's
 * resource (grant table, ioreq server, trace buffer) into a tools domain. With frame_list
 * NULL and nr_frames 0 it asks for the resource size instead.
 */
struct xen_mem_acquire_resource {
	domid_t domid;		/* in: owner of the resource */
	uint16_t type;		/* in: XENMEM_resource_* */
	uint32_t id;		/* in: type-specific id, e.g. XENMEM_resource_grant_table_id_* */
	uint32_t nr_frames;	/* in/out: frames to map; size when querying */
	uint32_t pad;		/* must be zero */
	uint64_t frame;		/* in: first frame index within the resource */
	XEN_GUEST_HANDLE(xen_pfn_t) frame_list;	/* PV caller: out MFNs; HVM caller: in gfns */
};
typedef struct xen_mem_acquire_resource xen_mem_acquire_resource_t;
XEN_ABI_SIZE(struct xen_mem_acquire_resource, 32);
XEN_ABI_OFFSET(struct xen_mem_acquire_resource, id, 4);
XEN_ABI_OFFSET(struct xen_mem_acquire_resource, frame, 16);
XEN_ABI_OFFSET(struct xen_mem_acquire_resource, frame_list, 24);

/*
 * struct xen_vmemrange - one virtual NUMA memory range [start, end) of node nid.
 */
struct xen_vmemrange {
	uint64_t start;		/* guest physical address */
	uint64_t end;		/* exclusive */
	unsigned int flags;
	unsigned int nid;	/* virtual node */
};
typedef struct xen_vmemrange xen_vmemrange_t;
XEN_ABI_SIZE(struct xen_vmemrange, 24);
XEN_ABI_OFFSET(struct xen_vmemrange, nid, 20);

/*
 * struct xen_vnuma_topology_info - XENMEM_get_vnumainfo: the guest's virtual NUMA topology.
 * The guest passes the capacities of its three arrays; if they are too small the call fails
 * and returns the sizes needed.
 */
struct xen_vnuma_topology_info {
	domid_t domid;			/* in */
	uint16_t pad;
	unsigned int nr_vnodes;		/* in/out */
	unsigned int nr_vcpus;		/* in/out */
	unsigned int nr_vmemranges;	/* in/out */
	union {
		XEN_GUEST_HANDLE(unsigned int) h;
		uint64_t pad;
	} vdistance;			/* out: nr_vnodes x nr_vnodes distances */
	union {
		XEN_GUEST_HANDLE(unsigned int) h;
		uint64_t pad;
	} vcpu_to_vnode;		/* out: node of each vCPU */
	union {
		XEN_GUEST_HANDLE(xen_vmemrange_t) h;
		uint64_t pad;
	} vmemrange;			/* out: the memory ranges */
};
typedef struct xen_vnuma_topology_info xen_vnuma_topology_info_t;
XEN_ABI_SIZE(struct xen_vnuma_topology_info, 40);
XEN_ABI_OFFSET(struct xen_vnuma_topology_info, nr_vmemranges, 12);
XEN_ABI_OFFSET(struct xen_vnuma_topology_info, vdistance, 16);
XEN_ABI_OFFSET(struct xen_vnuma_topology_info, vmemrange, 32);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_MEMORY_H */
