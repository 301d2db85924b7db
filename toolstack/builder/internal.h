/*
 * builder/internal.h - what the builder's files share beyond builder.h.
 */
#ifndef LAMINA_BUILDER_INTERNAL_H
#define LAMINA_BUILDER_INTERNAL_H

#include <lamina/pv_image.h>
#include <lamina/pv_layout.h>

#include "builder/builder.h"

/* x86-64 page-table entry bits (Intel SDM vol. 3, 4.5). */
#define BLD_PTE_PRESENT (1ULL << 0)
#define BLD_PTE_RW (1ULL << 1)
#define BLD_PTE_USER (1ULL << 2)
#define BLD_PTE_ACCESSED (1ULL << 5)
#define BLD_PTE_DIRTY (1ULL << 6)
#define BLD_PTE_ADDR_MASK 0x000ffffffffff000ULL

/*
 * The bootstrap tables' flags, as Xen's toolstack writes them
 * (xg_dom_x86.c alloc_pgtables_x86_64): leaves present, writable, accessed
 * (the hypervisor adds its own user/guest-kernel marking when it validates
 * them); upper levels also dirty and user.
 */
#define BLD_L1_PROT (BLD_PTE_PRESENT | BLD_PTE_RW | BLD_PTE_ACCESSED)
#define BLD_UPPER_PROT                                                                             \
	(BLD_PTE_PRESENT | BLD_PTE_RW | BLD_PTE_ACCESSED | BLD_PTE_DIRTY | BLD_PTE_USER)

#define BLD_PT_ENTRIES 512
#define BLD_PAGE_SHIFT 12
#define BLD_L1_COVER_SHIFT 21 /* an L1 table maps 2 MiB */
#define BLD_LEVEL_SHIFT 9     /* each level up covers 512 times more */

/*
 * bld_fail - write one line into err->msg (printf-style) and return rc,
 * a negative errno value.
 */
int bld_fail(struct bld_err *err, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* bld_pages - pages needed for bytes (rounded up). */
static inline uint64_t bld_pages(uint64_t bytes)
{
	return (bytes + BLD_PAGE_BYTES - 1) / BLD_PAGE_BYTES;
}

/*
 * bld_pt_build - write the bootstrap page tables of plan into tables, the
 * plan->nr_pt_frames pages of guest frames pfn plan->pt_pfn on (zeroed by
 * the caller): the L4 first, then the L3s, the L2s and the L1s, each level
 * in address order (Xen's toolstack order, which Linux relies on to free
 * the first three). Every page of the region maps its pfn's MFN
 * (p2m[pfn]); the table frames are mapped read-only.
 */
void bld_pt_build(const struct bld_plan *plan, const uint64_t *p2m, uint64_t *tables);

#endif /* LAMINA_BUILDER_INTERNAL_H */
