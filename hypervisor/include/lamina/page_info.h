/*
 * lamina/page_info.h - the frame table: one descriptor per machine frame.
 *
 * frame_table[mfn] describes machine frame mfn. Its fields carry the page's
 * state for the allocator now and for the PV MMU later:
 *   - count_info: PGC_* state flags in the high bits, the general reference
 *     count (references of any kind, e.g. mappings) in the low PGC_COUNT_BITS;
 *   - type_info: PGT_* type (none, L1-L4 page table, segment descriptor,
 *     writable) in the high bits, the type reference count in the low bits;
 *   - owner: the domid owning the frame (DOMID_INVALID when free or the
 *     hypervisor's own);
 *   - next/prev: links (MFNs) of whatever list the frame is on: a buddy free
 *     list while free, its owner's page list while allocated.
 * Rules of the buddy allocator (common/buddy.c): every frame of a free block
 * has PGC_free; the first frame of a block also has PGC_buddy_head and the
 * block's order. Frames never given to the allocator (holes, reserved RAM,
 * the image) have neither. A free frame with PGC_scrubbed is known to hold
 * only zeroes; a frame that held a guest's data waits on the allocator's
 * dirty list with PGC_need_scrub (neither free nor allocated) until it is
 * cleared, so it never reaches another owner with that data.
 */
#ifndef LAMINA_PAGE_INFO_H
#define LAMINA_PAGE_INFO_H

#include <lamina/types.h>

#define PGC_free (1U << 31) /* on a buddy free list */
#define PGC_buddy_head (1U << 30) /* first frame of a free block */
#define PGC_allocated (1U << 29) /* handed out by the allocator */
#define PGC_xen_heap (1U << 28) /* a hypervisor page shared with its owner (shared_info, grant frames) */
#define PGC_io (1U << 27) /* not RAM: MMIO, the low 1 MiB, E820 holes (Xen's dom_io frames) */
#define PGC_shared_ro (1U << 26) /* a hypervisor page guests may map read-only (the M2P) */
#define PGC_scrubbed (1U << 25) /* free and all zeroes (cleared since its last use) */
#define PGC_need_scrub (1U << 24) /* on the dirty list: to be cleared before reuse */
#define PGC_COUNT_BITS 24
#define PGC_count_mask ((1U << PGC_COUNT_BITS) - 1)

#define PGT_type_shift 60
#define PGT_none (0ULL << PGT_type_shift)
#define PGT_l1_page_table (1ULL << PGT_type_shift)
#define PGT_l2_page_table (2ULL << PGT_type_shift)
#define PGT_l3_page_table (3ULL << PGT_type_shift)
#define PGT_l4_page_table (4ULL << PGT_type_shift)
#define PGT_seg_desc_page (5ULL << PGT_type_shift)
#define PGT_writable_page (7ULL << PGT_type_shift)
#define PGT_type_mask (15ULL << PGT_type_shift)
#define PGT_count_mask ((1ULL << 32) - 1)

#define FRAME_LINK_NONE 0xFFFFFFFFU /* end of a next/prev list */
#define DOMID_NONE_OWNER 0x7FF4 /* DOMID_INVALID (xen/xen.h): no owner */

struct page_info {
	uint32_t next; /* MFN of the next frame on a list, FRAME_LINK_NONE at the end */
	uint32_t prev;
	uint32_t count_info;
	uint16_t owner;
	uint8_t order; /* buddy order, valid with PGC_buddy_head */
	uint8_t pad;
	uint64_t type_info;
	uint64_t reserved;
};

_Static_assert(sizeof(struct page_info) == 32, "page_info must stay 32 bytes");

#endif /* LAMINA_PAGE_INFO_H */
