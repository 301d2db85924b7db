/*
 * pagetable.c - the bootstrap page tables of a 64-bit PV domain.
 *
 * Four levels of 4 KiB tables map the bootstrap region [v_start, v_end)
 * page by page, pfn n at v_start + n pages, as Xen's toolstack builds them
 * (xg_dom_x86.c count_pgtables/setup_pgtables_pv): the tables sit in the
 * region's own frames, the L4 first, then every L3, every L2 and every L1,
 * each level in address order; the frames holding tables are mapped
 * read-only, everything else writable. Linux (arch/x86/xen/mmu_pv.c
 * xen_setup_kernel_pagetable) reuses the one L2 and hands the first three
 * table frames back as free memory, which is why their order matters.
 */
#include "builder/internal.h"

/* cover_shift - log2 of the bytes one table of this level maps (L1: 21, L2: 30, ...). */
static unsigned int cover_shift(unsigned int level)
{
	return BLD_L1_COVER_SHIFT + BLD_LEVEL_SHIFT * (level - 1);
}

/* first_base - VA of the first level-`level` table's coverage. */
static uint64_t first_base(const struct bld_plan *l, unsigned int level)
{
	return l->v_start & ~((1ULL << cover_shift(level)) - 1);
}

/* nr_tables - level-`level` tables needed for [v_start, v_end) (1 for the L4). */
static uint64_t nr_tables(const struct bld_plan *l, unsigned int level)
{
	unsigned int shift = cover_shift(level);
	uint64_t last = (l->v_end - 1) >> shift;

	return level == 4 ? 1 : last - (l->v_start >> shift) + 1;
}

/* first_index - the index (from the L4's frame) of the first table of a level. */
static uint64_t first_index(const struct bld_plan *l, unsigned int level)
{
	uint64_t idx = 0;

	for (unsigned int up = 4; up > level; up--)
		idx += nr_tables(l, up);
	return idx;
}

static uint64_t entry(const uint64_t *p2m, uint64_t pfn, uint64_t prot)
{
	return (p2m[pfn] << BLD_PAGE_SHIFT) | prot;
}

/* link_level - point the level-(level+1) tables' entries at every level-`level` table. */
static void link_level(const struct bld_plan *plan, const uint64_t *p2m, uint64_t *tables,
		       unsigned int level)
{
	const struct bld_plan *l = plan;
	uint64_t first = first_index(l, level), parent_first = first_index(l, level + 1);
	unsigned int shift = cover_shift(level), parent_shift = cover_shift(level + 1);

	for (uint64_t t = 0; t < nr_tables(l, level); t++) {
		uint64_t base = first_base(l, level) + (t << shift);
		uint64_t parent =
		    parent_first + ((base - first_base(l, level + 1)) >> parent_shift);
		uint64_t slot = (base >> shift) & (BLD_PT_ENTRIES - 1);

		tables[parent * BLD_PT_ENTRIES + slot] =
		    entry(p2m, plan->pt_pfn + first + t, BLD_UPPER_PROT);
	}
}

void bld_pt_build(const struct bld_plan *plan, const uint64_t *p2m, uint64_t *tables)
{
	const struct bld_plan *l = plan;
	uint64_t l1_first = first_index(l, 1), base = first_base(l, 1);

	for (unsigned int level = 3; level >= 1; level--)
		link_level(plan, p2m, tables, level);
	for (uint64_t pfn = 0; pfn < l->region_pages; pfn++) {
		uint64_t va = l->v_start + pfn * BLD_PAGE_BYTES;
		uint64_t table = l1_first + ((va - base) >> BLD_L1_COVER_SHIFT);
		uint64_t slot = (va >> BLD_PAGE_SHIFT) & (BLD_PT_ENTRIES - 1);
		bool is_table = pfn >= plan->pt_pfn && pfn < plan->pt_pfn + plan->nr_pt_frames;

		tables[table * BLD_PT_ENTRIES + slot] =
		    entry(p2m, pfn, is_table ? BLD_L1_PROT & ~BLD_PTE_RW : BLD_L1_PROT);
	}
}
