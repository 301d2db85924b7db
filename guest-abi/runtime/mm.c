/*
 * mm.c - frames and page tables: P2M/M2P, walking the kernel tables, a page allocator over
 * the spare part of the bootstrap region, and one-request MMU wrappers.
 */
#include "rt.h"

unsigned long *rt_p2m;
unsigned long rt_region_end_pfn;
unsigned long rt_cur_l4_mfn;
static unsigned long next_free_pfn, next_unmapped_pfn;

uint64_t *rt_pte_lookup(unsigned long va, int level, uint64_t *maddr)
{
	unsigned long mfn = rt_cur_l4_mfn;

	for (int lvl = 4;; lvl--) {
		unsigned long pfn = rt_m2p(mfn);
		unsigned int idx = (va >> (RT_PAGE_SHIFT + 9 * (lvl - 1))) & 511;
		uint64_t *table, e;

		if (pfn >= rt_region_end_pfn)
			return NULL;
		table = rt_pfn_to_virt(pfn);
		if (lvl == level) {
			if (maddr)
				*maddr = (mfn << RT_PAGE_SHIFT) + idx * 8;
			return &table[idx];
		}
		e = table[idx];
		if (!(e & PTE_P) || (lvl == 2 && (e & PTE_PSE)))
			return NULL;
		mfn = (e & PTE_ADDR_MASK) >> RT_PAGE_SHIFT;
	}
}

uint64_t rt_pte_of(unsigned long va)
{
	uint64_t *p = rt_pte_lookup(va, 1, NULL);

	return p ? *p : 0;
}

void rt_mm_init(void)
{
	start_info_t *si = rt_start_info;
	unsigned long pfn, end = 0;

	rt_p2m = (unsigned long *)si->mfn_list;
	rt_region_end_pfn = si->nr_pages;	/* provisional, for the walk below */
	rt_cur_l4_mfn = rt_virt_to_mfn((void *)si->pt_base);

	/* The region is pfn-linear from VIRT_BASE: find where its mapping ends. */
	for (pfn = 0; pfn < si->nr_pages; pfn += 512) {
		uint64_t *l2e = rt_pte_lookup((unsigned long)rt_pfn_to_virt(pfn), 2, NULL);
		uint64_t *l1;

		if (!l2e || !(*l2e & PTE_P))
			break;
		l1 = rt_mfn_to_virt((*l2e & PTE_ADDR_MASK) >> RT_PAGE_SHIFT);
		for (unsigned int i = 0; i < 512 && pfn + i < si->nr_pages; i++)
			if (l1[i] & PTE_P)
				end = pfn + i + 1;
	}
	rt_region_end_pfn = end;

	/* Spare pages: after the page tables and the boot stack page, and after our image. */
	next_free_pfn = rt_virt_to_pfn((void *)si->pt_base) + si->nr_pt_frames + 1;
	if (next_free_pfn < rt_virt_to_pfn(_end))
		next_free_pfn = rt_virt_to_pfn(_end);
	next_unmapped_pfn = si->nr_pages;
}

void *rt_alloc_page(void)
{
	void *p;

	if (next_free_pfn >= rt_region_end_pfn) {
		rt_printf("runtime: fatal: out of bootstrap-region pages\n");
		rt_exit(1);
	}
	p = rt_pfn_to_virt(next_free_pfn++);
	memset(p, 0, RT_PAGE_SIZE);
	return p;
}

unsigned long rt_alloc_unmapped_pfn(void)
{
	if (next_unmapped_pfn <= rt_region_end_pfn) {
		rt_printf("runtime: fatal: out of unmapped pages\n");
		rt_exit(1);
	}
	return --next_unmapped_pfn;
}

long rt_mmu_update1(uint64_t ptr, uint64_t val)
{
	struct mmu_update u = { .ptr = ptr, .val = val };

	return hc_mmu_update(&u, 1, NULL, DOMID_SELF);
}

long rt_mmuext1(unsigned int cmd, unsigned long arg1, unsigned long arg2)
{
	struct mmuext_op op;

	memset(&op, 0, sizeof(op));
	op.cmd = cmd;
	op.arg1.mfn = arg1;
	op.arg2.src_mfn = arg2;
	return hc_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

long rt_set_page_rw(void *va, bool writable)
{
	uint64_t pte = (rt_virt_to_mfn(va) << RT_PAGE_SHIFT) | PTE_P | PTE_A | PTE_D;

	if (writable)
		pte |= PTE_RW;
	return hc_update_va_mapping(va, pte, UVMF_INVLPG);
}

static bool owned_mfn(unsigned long mfn)
{
	unsigned long pfn = rt_m2p(mfn);

	return (pfn < rt_start_info->nr_pages && rt_p2m[pfn] == mfn) ||
	       mfn == rt_start_info->shared_info >> RT_PAGE_SHIFT;
}

unsigned long rt_foreign_ram_mfn(void)
{
	static unsigned long cached = ~0UL;
	long max;

	if (cached != ~0UL)
		return cached;
	max = hc_memory_op(XENMEM_maximum_ram_page, NULL);
	{
		unsigned long cand[] = { 0x100, 0x1000, 0x2000, 0x4000,
					 max > 0x4000 ? (unsigned long)max - 1 : 0x100 };

		cached = 0;
		for (unsigned int i = 0; i < RT_ARRAY_SIZE(cand); i++)
			if (!owned_mfn(cand[i])) {
				cached = cand[i];
				break;
			}
	}
	rt_printf("info %s: RAM frame outside the domain used by refusal tests: %#lx\n",
		  rt_suite.area, cached);
	return cached;
}
