/*
 * descriptor.c - guest descriptor tables: set_gdt and update_descriptor,
 * and each vCPU's view of its GDT.
 *
 * Each vCPU has a GDT view of GDT_VIEW_PAGES pages in the per-domain slot
 * of the hypervisor's address range (pv_gdt_view): pages 0-13 map the
 * guest's set_gdt frames read-only (a shared zero page where it gave none)
 * and page 14 maps the hypervisor's own descriptors (selectors 0xe000 and
 * up). GDTR points there while the vCPU runs. A frame given to set_gdt
 * takes the segment-descriptor type (no writable mapping may exist, rule 2
 * of pv/mm.c); each of its 512 descriptors is audited as Xen does
 * (xen/arch/x86/pv/descriptor-tables.c, check_descriptor in x86_64/mm.c):
 * not-present is fine; code and data are accepted with DPL raised to 3;
 * of system descriptors only call gates survive, forced to DPL 0.
 *
 * The LDT (MMUEXT_SET_LDT) is mapped lazily, as Xen does: LDTR points at the
 * vCPU's LDT view (GDT view + LDT_VIEW_OFFSET) and the CPU's first access to
 * an unmapped page of it faults; pv_map_ldt_page then maps the guest's page
 * there, read-only, as a descriptor page - or the guest gets the #PF at its
 * own LDT address when the page cannot be one.
 */
#include <asm/config.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <asm/uaccess.h>
#include <lamina/console.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/heap.h>
#include <lamina/hypercall.h>
#include <lamina/lib.h>
#include <lamina/mm.h>

#define SEG_P (1U << 15) /* in the high word */
#define SEG_S (1U << 12)
#define SEG_DPL_SHIFT 13
#define SEG_DPL (3U << SEG_DPL_SHIFT)
#define SEG_TYPE (0xFU << 8)
#define SEG_TYPE_CALL_GATE (0xCU << 8)
#define GDT_VIEW_PAGES 16 /* 14 guest pages, the hypervisor's page, one spare */
#define PERDOMAIN_PAGES_PER_VCPU 32
#define LDT_VIEW_OFFSET (GDT_VIEW_PAGES * PAGE_SIZE) /* 16 pages: 8192 entries */
#define LDT_VIEW_PAGES 16
#define DESC_LDT 0x82 /* present, DPL 0, LDT system descriptor */

extern uint64_t *const boot_gdt_page; /* desc.c: the page with selectors 0xe000-0xefff */

static void *zero_page;

/*
 * check_descriptor - audit one descriptor (low word a, high word b) as a
 * 64-bit PV guest may have it; fixes the DPL in place. False: refuse it.
 */
static bool check_descriptor(uint32_t *a, uint32_t *b)
{
	uint32_t hi = *b;

	if (!(hi & SEG_P))
		return true;
	hi |= SEG_DPL; /* the guest kernel runs at CPL 3: raise every DPL to 3 */
	if (hi & SEG_S) {
		*b = hi;
		return true;
	}
	if ((hi & SEG_TYPE) == 0)
		return true; /* harmless: e.g. the upper half of a 16-byte descriptor */
	if ((hi & SEG_TYPE) != SEG_TYPE_CALL_GATE)
		return false;
	uint16_t cs = (uint16_t)(*a >> 16);
	/* A gate must target a guest code selector (not the hypervisor's); force DPL 0. */
	if ((cs & ~3) >= FIRST_RESERVED_GDT_BYTE && cs != FLAT_RING3_CS64 && cs != FLAT_RING3_CS32)
		return false;
	*b = hi & ~SEG_DPL;
	return true;
}

/* validate_descriptor_page - audit all 512 descriptors of a frame becoming a GDT/LDT page. */
int validate_descriptor_page(unsigned long mfn)
{
	uint32_t *d = __va((paddr_t)mfn << PAGE_SHIFT);

	for (unsigned int i = 0; i < 512; i++)
		if (!check_descriptor(&d[2 * i], &d[2 * i + 1]))
			return -EINVAL;
	return 0;
}

/* ---- the per-domain area ---- */

unsigned long pv_gdt_view(const struct vcpu *v)
{
	return PERDOMAIN_VIRT_START + (unsigned long)v->vcpu_id * PERDOMAIN_PAGES_PER_VCPU * PAGE_SIZE;
}

static pte_t *perdomain_l1e(struct domain *d, unsigned long va)
{
	pte_t *l3 = __va((paddr_t)d->perdomain_l3_mfn << PAGE_SHIFT);
	pte_t *l2 = __va(l3[l3_index(va)] & PTE_ADDR_MASK);
	pte_t *l1 = __va(l2[l2_index(va)] & PTE_ADDR_MASK);

	return &l1[l1_index(va)];
}

static void *zeroed_page(void)
{
	void *p = alloc_xenheap_pages(0);

	if (p)
		memset(p, 0, PAGE_SIZE);
	return p;
}

/* pv_perdomain_init - the per-domain L3 and the GDT views of all vCPUs. Returns 0 or -ENOMEM. */
int pv_perdomain_init(struct domain *d)
{
	unsigned int l1s = (MAX_VIRT_CPUS * PERDOMAIN_PAGES_PER_VCPU + 511) / 512;
	pte_t *l3 = zeroed_page(), *l2 = zeroed_page();

	if (!zero_page)
		zero_page = zeroed_page();
	if (l3)
		d->perdomain_l3_mfn = __pa(l3) >> PAGE_SHIFT; /* pv_perdomain_free undoes a partial set-up */
	if (l3 && l2)
		l3[0] = __pa(l2) | PAGE_HYPERVISOR_RW;
	else if (l2)
		free_xenheap_pages(l2, 0);
	if (!l3 || !l2 || !zero_page)
		return -ENOMEM;
	for (unsigned int i = 0; i < l1s; i++) {
		pte_t *l1 = zeroed_page();
		if (!l1)
			return -ENOMEM;
		l2[i] = __pa(l1) | PAGE_HYPERVISOR_RW;
	}
	for (unsigned int v = 0; v < MAX_VIRT_CPUS; v++) {
		unsigned long va = PERDOMAIN_VIRT_START + (unsigned long)v * PERDOMAIN_PAGES_PER_VCPU * PAGE_SIZE;
		for (unsigned int p = 0; p < FIRST_RESERVED_GDT_PAGE; p++)
			*perdomain_l1e(d, va + p * PAGE_SIZE) =
				__pa(zero_page) | (PAGE_HYPERVISOR_RW & ~_PAGE_RW);
		*perdomain_l1e(d, va + FIRST_RESERVED_GDT_PAGE * PAGE_SIZE) =
			__pa(boot_gdt_page) | (PAGE_HYPERVISOR_RW & ~_PAGE_RW);
	}
	return 0;
}

void pv_perdomain_free(struct domain *d)
{
	if (!d->perdomain_l3_mfn)
		return;
	pte_t *l3 = __va((paddr_t)d->perdomain_l3_mfn << PAGE_SHIFT);
	if (l3[0] & _PAGE_PRESENT) {
		pte_t *l2 = __va(l3[0] & PTE_ADDR_MASK);
		for (unsigned int i = 0; i < 512; i++)
			if (l2[i] & _PAGE_PRESENT)
				free_xenheap_pages(__va(l2[i] & PTE_ADDR_MASK), 0);
		free_xenheap_pages(l2, 0);
	}
	free_xenheap_pages(l3, 0);
	d->perdomain_l3_mfn = 0;
}

/* pv_load_gdt - point GDTR at v's view. */
void pv_load_gdt(const struct vcpu *v)
{
	struct __packed {
		uint16_t limit;
		uint64_t base;
	} gdtr = { GDT_ENTRIES * 8 - 1, pv_gdt_view(v) };

	asm volatile("lgdt %0" : : "m"(gdtr));
}

static void release_gdt(struct vcpu *v)
{
	struct domain *d = v->domain;
	unsigned long va = pv_gdt_view(v);

	for (unsigned int i = 0; i < FIRST_RESERVED_GDT_PAGE; i++) {
		if (!v->pv.gdt_frames[i])
			continue;
		*perdomain_l1e(d, va + i * PAGE_SIZE) = __pa(zero_page) | (PAGE_HYPERVISOR_RW & ~_PAGE_RW);
		invlpg(va + i * PAGE_SIZE);
		put_page_and_type(mfn_to_page(v->pv.gdt_frames[i]), d);
		v->pv.gdt_frames[i] = 0;
	}
	v->pv.gdt_ents = 0;
}

long pv_set_gdt(struct vcpu *v, const unsigned long *frames, unsigned int entries)
{
	struct domain *d = v->domain;
	unsigned int nr = (entries + 511) / 512;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (frames[i] >= max_page ||
		    get_page_and_type(mfn_to_page(frames[i]), PGT_seg_desc_page, d))
			break;
	}
	if (i < nr) {
		while (i-- > 0)
			put_page_and_type(mfn_to_page(frames[i]), d);
		return -EINVAL;
	}
	release_gdt(v);
	unsigned long va = pv_gdt_view(v);
	for (i = 0; i < nr; i++) {
		v->pv.gdt_frames[i] = frames[i];
		*perdomain_l1e(d, va + i * PAGE_SIZE) =
			((pte_t)frames[i] << PAGE_SHIFT) | (PAGE_HYPERVISOR_RW & ~_PAGE_RW);
		invlpg(va + i * PAGE_SIZE);
	}
	v->pv.gdt_ents = entries;
	return 0;
}

long do_set_gdt(unsigned long frame_list, unsigned long entries, unsigned long a3,
		unsigned long a4, unsigned long a5)
{
	unsigned long frames[FIRST_RESERVED_GDT_PAGE];
	unsigned int nr = ((unsigned int)entries + 511) / 512;

	if (entries > FIRST_RESERVED_GDT_ENTRY)
		return -EINVAL;
	if (copy_from_guest(frames, frame_list, nr * sizeof(frames[0])))
		return -EFAULT;
	long rc = pv_set_gdt(current, frames, (unsigned int)entries);
	if (!rc)
		flush_tlb_local();
	return rc;
}

long do_update_descriptor(unsigned long ma, unsigned long desc, unsigned long a3,
			  unsigned long a4, unsigned long a5)
{
	struct domain *d = current->domain;
	uint32_t a = (uint32_t)desc, b = (uint32_t)(desc >> 32);
	unsigned long mfn = ma >> PAGE_SHIFT;

	if ((ma & 7) || !check_descriptor(&a, &b))
		return -EINVAL;
	if (mfn >= max_page || !get_page(mfn_to_page(mfn), d))
		return -EINVAL;
	struct page_info *pg = mfn_to_page(mfn);
	uint64_t type = (pg->type_info & PGT_count_mask) ? (pg->type_info & PGT_type_mask)
							 : PGT_writable_page;
	long rc = -EINVAL;
	if (type == PGT_seg_desc_page || type == PGT_writable_page) {
		if (!get_page_type(pg, type, d)) {
			uint64_t *p = __va(ma);
			*p = ((uint64_t)b << 32) | a;
			put_page_type(pg, d);
			rc = 0;
		}
	}
	put_page(pg);
	return rc;
}

/* ---- the LDT ---- */

static void release_ldt(struct vcpu *v)
{
	struct domain *d = v->domain;
	unsigned long va = pv_gdt_view(v) + LDT_VIEW_OFFSET;

	for (unsigned int i = 0; i < LDT_VIEW_PAGES; i++) {
		pte_t *e = perdomain_l1e(d, va + i * PAGE_SIZE);
		if (!(*e & _PAGE_PRESENT))
			continue;
		unsigned long mfn = (*e & PTE_ADDR_MASK) >> PAGE_SHIFT;
		*e = 0;
		invlpg(va + i * PAGE_SIZE);
		put_page_and_type(mfn_to_page(mfn), d);
	}
}

void pv_load_ldt(const struct vcpu *v)
{
	if (!v->pv.ldt_ents) {
		asm volatile("lldt %w0" : : "r"(0));
		return;
	}
	uint64_t base = pv_gdt_view(v) + LDT_VIEW_OFFSET;
	uint64_t limit = v->pv.ldt_ents * 8 - 1;
	uint64_t *slot = &boot_gdt_page[(LDT_SELECTOR - FIRST_RESERVED_GDT_BYTE) >> 3];
	slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | ((uint64_t)DESC_LDT << 40) |
		  (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	slot[1] = base >> 32;
	asm volatile("lldt %w0" : : "r"(LDT_SELECTOR));
}

void pv_set_ldt(struct vcpu *v, unsigned long base, unsigned int ents)
{
	release_ldt(v);
	v->pv.ldt_base = base;
	v->pv.ldt_ents = ents;
	if (v == current)
		pv_load_ldt(v);
}

bool pv_map_ldt_page(struct vcpu *v, unsigned long addr, unsigned long *guest_addr)
{
	struct domain *d = v->domain;
	unsigned long view = pv_gdt_view(v) + LDT_VIEW_OFFSET;

	if (addr < view || addr >= view + LDT_VIEW_PAGES * PAGE_SIZE || !v->pv.ldt_ents)
		return false;
	unsigned long page = (addr - view) >> PAGE_SHIFT;
	*guest_addr = v->pv.ldt_base + (addr - view);
	unsigned long l1_mfn;
	pte_t *g = guest_l1e_of(v, v->pv.ldt_base + (page << PAGE_SHIFT), &l1_mfn);
	if (!g || !(*g & _PAGE_PRESENT))
		return false;
	unsigned long mfn = (*g & PTE_ADDR_MASK) >> PAGE_SHIFT;
	if (mfn >= max_page || get_page_and_type(mfn_to_page(mfn), PGT_seg_desc_page, d))
		return false;
	*perdomain_l1e(d, view + (page << PAGE_SHIFT)) =
		((pte_t)mfn << PAGE_SHIFT) | (PAGE_HYPERVISOR_RW & ~_PAGE_RW);
	return true;
}
