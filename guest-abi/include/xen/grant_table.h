/*
 * xen/grant_table.h - grant tables: how a domain lets another domain map or copy its pages,
 * and the grant_table_op hypercall that performs those mappings and copies.
 *
 * Matches Xen's public xen/include/public/grant_table.h at interface version 0x00040e00.
 * The granting domain writes entries into its grant table, which is shared with the
 * hypervisor; a grant reference (an index into that table) then lets the grantee domain map
 * or copy the page through grant_table_op(cmd, args, count), where args points to an array
 * of count structures of the command's type.
 *
 * Version 1 entries (struct grant_entry_v1) are the default; version 2 is selected with
 * GNTTABOP_set_version and keeps the flags in separate status frames.
 */
#ifndef XEN_ABI_GRANT_TABLE_H
#define XEN_ABI_GRANT_TABLE_H

#include "xen.h"

/*
 * The first entries are kept across version changes and may be filled by the toolstack
 * before the domain starts: entry 0 grants the console ring, entry 1 the xenstore ring.
 */
#define GNTTAB_NR_RESERVED_ENTRIES	8
#define GNTTAB_RESERVED_CONSOLE		0
#define GNTTAB_RESERVED_XENSTORE	1

/*
 * Grant entry flags. Bits 1:0 hold the type; the remaining bits depend on it. Bits marked
 * [hv] are set and cleared by the hypervisor, the others by the granting guest.
 */
#define GTF_invalid			(XEN_ABI_U(0) << 0)	/* grants nothing */
#define GTF_permit_access		(XEN_ABI_U(1) << 0)	/* domid may map/copy frame */
#define GTF_accept_transfer		(XEN_ABI_U(2) << 0)	/* domid may give us a page */
#define GTF_transitive			(XEN_ABI_U(3) << 0)	/* v2: re-grant of another grant */
#define GTF_type_mask			(XEN_ABI_U(3) << 0)

/* With GTF_permit_access or GTF_transitive. */
#define _GTF_readonly			(2)
#define GTF_readonly			(XEN_ABI_U(1) << _GTF_readonly)	/* read-only access only */
#define _GTF_reading			(3)
#define GTF_reading			(XEN_ABI_U(1) << _GTF_reading)	/* [hv] mapped to read */
#define _GTF_writing			(4)
#define GTF_writing			(XEN_ABI_U(1) << _GTF_writing)	/* [hv] mapped to write */
/* With GTF_permit_access only: cache attributes for the grantee's mappings (x86). */
#define _GTF_PWT			(5)
#define GTF_PWT				(XEN_ABI_U(1) << _GTF_PWT)
#define _GTF_PCD			(6)
#define GTF_PCD				(XEN_ABI_U(1) << _GTF_PCD)
#define _GTF_PAT			(7)
#define GTF_PAT				(XEN_ABI_U(1) << _GTF_PAT)
/* v2 with GTF_permit_access: only bytes [page_off, page_off + length) may be copied. */
#define _GTF_sub_page			(8)
#define GTF_sub_page			(XEN_ABI_U(1) << _GTF_sub_page)

/* With GTF_accept_transfer: [hv] committed to transfer, then [hv] frame written. */
#define _GTF_transfer_committed		(2)
#define GTF_transfer_committed		(XEN_ABI_U(1) << _GTF_transfer_committed)
#define _GTF_transfer_completed		(3)
#define GTF_transfer_completed		(XEN_ABI_U(1) << _GTF_transfer_completed)

/* grant_table_op commands. */
#define GNTTABOP_map_grant_ref		0	/* struct gnttab_map_grant_ref */
#define GNTTABOP_unmap_grant_ref	1	/* struct gnttab_unmap_grant_ref */
#define GNTTABOP_setup_table		2	/* struct gnttab_setup_table */
#define GNTTABOP_dump_table		3	/* struct gnttab_dump_table */
#define GNTTABOP_transfer		4	/* struct gnttab_transfer */
#define GNTTABOP_copy			5	/* struct gnttab_copy */
#define GNTTABOP_query_size		6	/* struct gnttab_query_size */
#define GNTTABOP_unmap_and_replace	7	/* struct gnttab_unmap_and_replace */
#define GNTTABOP_set_version		8	/* struct gnttab_set_version */
#define GNTTABOP_get_status_frames	9	/* struct gnttab_get_status_frames */
#define GNTTABOP_get_version		10	/* struct gnttab_get_version */
#define GNTTABOP_swap_grant_ref		11	/* struct gnttab_swap_grant_ref */
#define GNTTABOP_cache_flush		12	/* struct gnttab_cache_flush */

/* gnttab_map_grant_ref.flags */
#define _GNTMAP_device_map		(0)
#define GNTMAP_device_map		(1 << _GNTMAP_device_map)	/* for device DMA */
#define _GNTMAP_host_map		(1)
#define GNTMAP_host_map			(1 << _GNTMAP_host_map)		/* for CPU access */
#define _GNTMAP_readonly		(2)
#define GNTMAP_readonly			(1 << _GNTMAP_readonly)
#define _GNTMAP_application_map		(3)
#define GNTMAP_application_map		(1 << _GNTMAP_application_map)	/* user-accessible */
#define _GNTMAP_contains_pte		(4)
#define GNTMAP_contains_pte		(1 << _GNTMAP_contains_pte)	/* host_addr is a PTE's
									 * machine address */
/*
 * Bits 31:16 of the flags are copied into the PTE's software-available bits (x86: bits
 * 11:9) when XENFEAT_gnttab_map_avail_bits is set.
 */
#define _GNTMAP_guest_avail0		(16)
#define GNTMAP_guest_avail_mask		XEN_ABI_U(0xffff0000)

/* gnttab_copy.flags: which side is a grant reference (otherwise it is a local frame). */
#define _GNTCOPY_source_gref		(0)
#define GNTCOPY_source_gref		(1 << _GNTCOPY_source_gref)
#define _GNTCOPY_dest_gref		(1)
#define GNTCOPY_dest_gref		(1 << _GNTCOPY_dest_gref)

/* Per-operation status values (the status fields); all errors are negative. */
#define GNTST_okay			(0)
#define GNTST_general_error		(-1)
#define GNTST_bad_domain		(-2)	/* unknown domain id */
#define GNTST_bad_gntref		(-3)	/* unknown or unusable grant reference */
#define GNTST_bad_handle		(-4)	/* unknown or unusable mapping handle */
#define GNTST_bad_virt_addr		(-5)	/* host address cannot be mapped */
#define GNTST_bad_dev_addr		(-6)	/* device address cannot be unmapped */
#define GNTST_no_device_space		(-7)	/* IOMMU is full */
#define GNTST_permission_denied		(-8)
#define GNTST_bad_page			(-9)	/* page unusable for this operation */
#define GNTST_bad_copy_arg		(-10)	/* copy would cross a page boundary */
#define GNTST_address_too_big		(-11)	/* transferred page address too large */
#define GNTST_eagain			(-12)	/* not done, retry */
#define GNTST_no_space			(-13)	/* out of handles or similar */

/* gnttab_cache_flush.op */
#define GNTTAB_CACHE_CLEAN		(XEN_ABI_U(1) << 0)
#define GNTTAB_CACHE_INVAL		(XEN_ABI_U(1) << 1)
#define GNTTAB_CACHE_SOURCE_GREF	(XEN_ABI_U(1) << 31)	/* a.ref is a grant reference */

#ifndef __ASSEMBLER__

/* Index of an entry in a domain's grant table. */
typedef uint32_t grant_ref_t;

/* Tracks one mapping made with GNTTABOP_map_grant_ref, for unmapping it later. */
typedef uint32_t grant_handle_t;

/* Version 2: one entry of the separate status frames, holding GTF_reading/GTF_writing. */
typedef uint16_t grant_status_t;

/*
 * struct grant_entry_v1 - one entry of a version 1 grant table.
 *
 * To grant, the guest writes domid and frame, then (after a write barrier) flags with the
 * type. To revoke, it swaps flags to 0 with an atomic compare-exchange that fails while
 * GTF_reading/GTF_writing show the grant in use.
 */
struct grant_entry_v1 {
	uint16_t flags;		/* GTF_*; written by guest and hypervisor */
	domid_t domid;		/* domain being granted access; guest writes */
	uint32_t frame;		/* frame granted (gfn), or the MFN transferred in [hv] */
};
typedef struct grant_entry_v1 grant_entry_v1_t;
XEN_ABI_SIZE(struct grant_entry_v1, 8);
XEN_ABI_OFFSET(struct grant_entry_v1, domid, 2);
XEN_ABI_OFFSET(struct grant_entry_v1, frame, 4);

/*
 * struct grant_entry_header - the first 4 bytes shared by v1 and v2 entries.
 */
struct grant_entry_header {
	uint16_t flags;		/* GTF_* */
	domid_t domid;
};
typedef struct grant_entry_header grant_entry_header_t;
XEN_ABI_SIZE(struct grant_entry_header, 4);

/*
 * union grant_entry_v2 - one entry of a version 2 grant table (16 bytes). The member in use
 * follows the type and GTF_sub_page bits of hdr.flags.
 */
union grant_entry_v2 {
	grant_entry_header_t hdr;
	struct {
		grant_entry_header_t hdr;
		uint32_t pad0;
		uint64_t frame;		/* as in v1, but 64 bits wide */
	} full_page;			/* permit_access without sub_page, accept_transfer */
	struct {
		grant_entry_header_t hdr;
		uint16_t page_off;	/* first byte granted */
		uint16_t length;	/* bytes granted */
		uint64_t frame;
	} sub_page;			/* permit_access with sub_page (copy only) */
	struct {
		grant_entry_header_t hdr;
		domid_t trans_domid;	/* domain that granted gref to us */
		uint16_t pad0;
		grant_ref_t gref;	/* its grant, passed on (copy only) */
	} transitive;			/* GTF_transitive */
	uint32_t __spacer[4];		/* size is a power of two */
};
typedef union grant_entry_v2 grant_entry_v2_t;
XEN_ABI_SIZE(union grant_entry_v2, 16);
XEN_ABI_OFFSET(union grant_entry_v2, full_page.frame, 8);
XEN_ABI_OFFSET(union grant_entry_v2, sub_page.length, 6);
XEN_ABI_OFFSET(union grant_entry_v2, transitive.gref, 8);

/*
 * struct gnttab_map_grant_ref - GNTTABOP_map_grant_ref: map grant <dom, ref> for the CPU
 * (GNTMAP_host_map: at the virtual address host_addr in the current page tables, or, with
 * GNTMAP_contains_pte, by writing the PTE at machine address host_addr) and/or for devices
 * (GNTMAP_device_map: dev_bus_addr is returned). Unmap only with GNTTABOP_unmap_grant_ref.
 */
struct gnttab_map_grant_ref {
	uint64_t host_addr;		/* in */
	uint32_t flags;			/* in: GNTMAP_* */
	grant_ref_t ref;		/* in */
	domid_t dom;			/* in: granting domain */
	int16_t status;			/* out: GNTST_* */
	grant_handle_t handle;		/* out: for unmapping */
	uint64_t dev_bus_addr;		/* out: address for device access */
};
typedef struct gnttab_map_grant_ref gnttab_map_grant_ref_t;
XEN_ABI_SIZE(struct gnttab_map_grant_ref, 32);
XEN_ABI_OFFSET(struct gnttab_map_grant_ref, flags, 8);
XEN_ABI_OFFSET(struct gnttab_map_grant_ref, ref, 12);
XEN_ABI_OFFSET(struct gnttab_map_grant_ref, dom, 16);
XEN_ABI_OFFSET(struct gnttab_map_grant_ref, status, 18);
XEN_ABI_OFFSET(struct gnttab_map_grant_ref, handle, 20);
XEN_ABI_OFFSET(struct gnttab_map_grant_ref, dev_bus_addr, 24);

/*
 * struct gnttab_unmap_grant_ref - GNTTABOP_unmap_grant_ref: remove the mappings made under
 * handle. A zero host_addr or dev_bus_addr leaves that mapping alone. When a batch returns,
 * no stale TLB or IOTLB entries remain.
 */
struct gnttab_unmap_grant_ref {
	uint64_t host_addr;		/* in */
	uint64_t dev_bus_addr;		/* in */
	grant_handle_t handle;		/* in */
	int16_t status;			/* out: GNTST_* */
};
typedef struct gnttab_unmap_grant_ref gnttab_unmap_grant_ref_t;
XEN_ABI_SIZE(struct gnttab_unmap_grant_ref, 24);
XEN_ABI_OFFSET(struct gnttab_unmap_grant_ref, handle, 16);
XEN_ABI_OFFSET(struct gnttab_unmap_grant_ref, status, 20);

/*
 * struct gnttab_setup_table - GNTTABOP_setup_table: grow dom's grant table to at least
 * nr_frames frames and return the first nr_frames of them (a PV guest then maps them).
 */
struct gnttab_setup_table {
	domid_t dom;					/* in: DOMID_SELF unless privileged */
	uint32_t nr_frames;				/* in */
	int16_t status;					/* out: GNTST_* */
	XEN_GUEST_HANDLE(xen_pfn_t) frame_list;	/* out: nr_frames frame numbers */
};
typedef struct gnttab_setup_table gnttab_setup_table_t;
XEN_ABI_SIZE(struct gnttab_setup_table, 24);
XEN_ABI_OFFSET(struct gnttab_setup_table, nr_frames, 4);
XEN_ABI_OFFSET(struct gnttab_setup_table, status, 8);
XEN_ABI_OFFSET(struct gnttab_setup_table, frame_list, 16);

/*
 * struct gnttab_dump_table - GNTTABOP_dump_table: print dom's grant table on the hypervisor
 * console (debugging).
 */
struct gnttab_dump_table {
	domid_t dom;		/* in */
	int16_t status;		/* out: GNTST_* */
};
typedef struct gnttab_dump_table gnttab_dump_table_t;
XEN_ABI_SIZE(struct gnttab_dump_table, 4);

/*
 * struct gnttab_transfer - GNTTABOP_transfer: give the page mfn to domid, which offered to
 * take it with an accept_transfer grant ref. The page is gone even on failure, except with
 * GNTST_bad_page. PV guests only.
 */
struct gnttab_transfer {
	xen_pfn_t mfn;		/* in */
	domid_t domid;		/* in */
	grant_ref_t ref;	/* in */
	int16_t status;		/* out: GNTST_* */
};
typedef struct gnttab_transfer gnttab_transfer_t;
XEN_ABI_SIZE(struct gnttab_transfer, 24);
XEN_ABI_OFFSET(struct gnttab_transfer, domid, 8);
XEN_ABI_OFFSET(struct gnttab_transfer, ref, 12);
XEN_ABI_OFFSET(struct gnttab_transfer, status, 16);

/*
 * struct gnttab_copy_ptr - one side of a GNTTABOP_copy: a grant reference of domid, or a
 * local frame, as selected by GNTCOPY_*_gref.
 */
struct gnttab_copy_ptr {
	union {
		grant_ref_t ref;
		xen_pfn_t gmfn;
	} u;
	domid_t domid;
	uint16_t offset;	/* byte offset within the page */
};
XEN_ABI_SIZE(struct gnttab_copy_ptr, 16);
XEN_ABI_OFFSET(struct gnttab_copy_ptr, domid, 8);
XEN_ABI_OFFSET(struct gnttab_copy_ptr, offset, 10);

/*
 * struct gnttab_copy - GNTTABOP_copy: the hypervisor copies len bytes between two pages, each
 * a local frame or a page granted to the caller. Neither range may cross a page boundary.
 */
struct gnttab_copy {
	struct gnttab_copy_ptr source;	/* in */
	struct gnttab_copy_ptr dest;	/* in */
	uint16_t len;			/* in: bytes */
	uint16_t flags;			/* in: GNTCOPY_* */
	int16_t status;			/* out: GNTST_* */
};
typedef struct gnttab_copy gnttab_copy_t;
XEN_ABI_SIZE(struct gnttab_copy, 40);
XEN_ABI_OFFSET(struct gnttab_copy, dest, 16);
XEN_ABI_OFFSET(struct gnttab_copy, len, 32);
XEN_ABI_OFFSET(struct gnttab_copy, flags, 34);
XEN_ABI_OFFSET(struct gnttab_copy, status, 36);

/*
 * struct gnttab_query_size - GNTTABOP_query_size: current and maximum size of dom's grant
 * table, in frames.
 */
struct gnttab_query_size {
	domid_t dom;			/* in */
	uint32_t nr_frames;		/* out */
	uint32_t max_nr_frames;		/* out */
	int16_t status;			/* out: GNTST_* */
};
typedef struct gnttab_query_size gnttab_query_size_t;
XEN_ABI_SIZE(struct gnttab_query_size, 16);
XEN_ABI_OFFSET(struct gnttab_query_size, nr_frames, 4);
XEN_ABI_OFFSET(struct gnttab_query_size, max_nr_frames, 8);
XEN_ABI_OFFSET(struct gnttab_query_size, status, 12);

/*
 * struct gnttab_unmap_and_replace - GNTTABOP_unmap_and_replace: remove the host mapping made
 * under handle at host_addr, atomically replacing the PTE with the one mapping new_addr; the
 * mapping at new_addr is cleared.
 */
struct gnttab_unmap_and_replace {
	uint64_t host_addr;		/* in */
	uint64_t new_addr;		/* in */
	grant_handle_t handle;		/* in */
	int16_t status;			/* out: GNTST_* */
};
typedef struct gnttab_unmap_and_replace gnttab_unmap_and_replace_t;
XEN_ABI_SIZE(struct gnttab_unmap_and_replace, 24);
XEN_ABI_OFFSET(struct gnttab_unmap_and_replace, handle, 16);
XEN_ABI_OFFSET(struct gnttab_unmap_and_replace, status, 20);

/*
 * struct gnttab_set_version - GNTTABOP_set_version: choose grant-table format 1 or 2; only
 * while no grants are in use. Returns the version in effect.
 */
struct gnttab_set_version {
	uint32_t version;	/* in/out */
};
typedef struct gnttab_set_version gnttab_set_version_t;
XEN_ABI_SIZE(struct gnttab_set_version, 4);

/*
 * struct gnttab_get_status_frames - GNTTABOP_get_status_frames: the frames holding dom's
 * version 2 status array.
 */
struct gnttab_get_status_frames {
	uint32_t nr_frames;				/* in: size of frame_list */
	domid_t dom;					/* in */
	int16_t status;					/* out: GNTST_* */
	XEN_GUEST_HANDLE(uint64_t) frame_list;	/* out */
};
typedef struct gnttab_get_status_frames gnttab_get_status_frames_t;
XEN_ABI_SIZE(struct gnttab_get_status_frames, 16);
XEN_ABI_OFFSET(struct gnttab_get_status_frames, dom, 4);
XEN_ABI_OFFSET(struct gnttab_get_status_frames, status, 6);
XEN_ABI_OFFSET(struct gnttab_get_status_frames, frame_list, 8);

/*
 * struct gnttab_get_version - GNTTABOP_get_version: grant-table version used by dom.
 */
struct gnttab_get_version {
	domid_t dom;		/* in */
	uint16_t pad;
	uint32_t version;	/* out */
};
typedef struct gnttab_get_version gnttab_get_version_t;
XEN_ABI_SIZE(struct gnttab_get_version, 8);
XEN_ABI_OFFSET(struct gnttab_get_version, version, 4);

/*
 * struct gnttab_swap_grant_ref - GNTTABOP_swap_grant_ref: exchange two entries of the
 * caller's grant table.
 */
struct gnttab_swap_grant_ref {
	grant_ref_t ref_a;	/* in */
	grant_ref_t ref_b;	/* in */
	int16_t status;		/* out: GNTST_* */
};
typedef struct gnttab_swap_grant_ref gnttab_swap_grant_ref_t;
XEN_ABI_SIZE(struct gnttab_swap_grant_ref, 12);
XEN_ABI_OFFSET(struct gnttab_swap_grant_ref, status, 8);

/*
 * struct gnttab_cache_flush - GNTTABOP_cache_flush: clean and/or invalidate the caches for
 * part of a page granted to the caller.
 */
struct gnttab_cache_flush {
	union {
		uint64_t dev_bus_addr;	/* the page, by address */
		grant_ref_t ref;	/* or by grant, with GNTTAB_CACHE_SOURCE_GREF */
	} a;
	uint16_t offset;	/* first byte, relative to the grant */
	uint16_t length;	/* bytes */
	uint32_t op;		/* GNTTAB_CACHE_* */
};
typedef struct gnttab_cache_flush gnttab_cache_flush_t;
XEN_ABI_SIZE(struct gnttab_cache_flush, 16);
XEN_ABI_OFFSET(struct gnttab_cache_flush, offset, 8);
XEN_ABI_OFFSET(struct gnttab_cache_flush, op, 12);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_GRANT_TABLE_H */
