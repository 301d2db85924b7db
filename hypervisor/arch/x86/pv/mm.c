/*
 * mm.c - the PV MMU: who may map what, and how guests change page tables.
 *
 * The rules (Xen's model, xen/arch/x86/mm.c, which Linux's PV code obeys):
 *  1. A frame owned by a domain holds one general reference for being
 *     allocated (PGC_allocated); every other use takes one more (get_page).
 *  2. A frame has one type at a time - none, writable, L1-L4 page table or
 *     segment descriptor page - with a type count (get_page_type). The type
 *     can change only while the count is 0. Becoming a page table validates
 *     all 512 entries (validate_table); the last type reference of a page
 *     table drops the references its entries hold and the type itself.
 *  3. A present L1 entry holds a general reference on the frame it maps and,
 *     when RW, a writable type reference: so no frame can be a page table or
 *     descriptor page while a writable mapping of it exists, and no such
 *     mapping can be made while it is one (-EBUSY, "could not pin").
 *  4. A present L2/L3/L4 entry holds a general and an L1/L2/L3 type
 *     reference on its target. L4 slots 256-271 belong to the hypervisor:
 *     validation fills them in, guest writes there are refused.
 *  5. Pinning, and being loaded as a base pointer, each hold a general and a
 *     type reference of the table's level.
 *  6. Frames that are not RAM (MMIO, the low 1 MiB, E820 holes) are I/O
 *     frames: only a privileged domain maps them, without reference counts.
 *     RAM no domain owns (the hypervisor's) is never mappable (-EBUSY).
 *  7. Before a frame that was writable becomes a page table, any writable
 *     translation still cached in a TLB is flushed (tlbflush clock).
 * Every check completes before anything changes: an update either happens
 * whole, or fails with the errno Xen returns and changes nothing.
 */
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <asm/uaccess.h>
#include <lamina/console.h>
#include <lamina/errno.h>
#include <lamina/hypercall.h>
#include <lamina/lib.h>
#include <lamina/perfc.h>
#include <xen/domctl.h>
#include <xen/xen.h>

#define PTE_FLAGS_LOW 0xFFFULL
#define PTE_FLAGS_HIGH 0xFFF0000000000000ULL
#define PTE_FLAGS (PTE_FLAGS_LOW | PTE_FLAGS_HIGH)
#define PAGE_AVAIL (7ULL << 9)
#define PAGE_AVAIL_HIGH (0x7FFULL << 52)
#define PAGE_CACHE_ATTRS (_PAGE_PWT | _PAGE_PCD | _PAGE_PSE) /* PAT is bit 7 in an L1 */

static pte_t base_allowed; /* flags any level may carry */

static uint64_t tlbflush_clock = 1; /* full flushes done, for rule 7 */

void flush_tlb_local(void)
{
	unsigned long cr4 = read_cr4();

	if (cr4 & X86_CR4_PGE) {
		write_cr4(cr4 & ~X86_CR4_PGE);
		write_cr4(cr4);
	} else {
		write_cr3(read_cr3());
	}
	tlbflush_clock++;
	perfc_incr(tlb_flushes);
}

static void init_masks(void)
{
	if (base_allowed)
		return;
	base_allowed = _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY |
		       PAGE_AVAIL | PAGE_AVAIL_HIGH;
	if (cpuid(0x80000001).edx & CPUID80000001_EDX_NX)
		base_allowed |= _PAGE_NX;
}

static pte_t l1_allowed(const struct domain *d)
{
	init_masks();
	pte_t a = base_allowed | _PAGE_GLOBAL;
	/* Domains with I/O rights may choose cache attributes (Xen: cache_flush_permitted). */
	if (d->is_privileged)
		a |= PAGE_CACHE_ATTRS;
	return a;
}

static pte_t upper_allowed(void)
{
	init_masks();
	return base_allowed;
}

static inline unsigned long pte_mfn(pte_t e)
{
	return (e & PTE_ADDR_MASK) >> PAGE_SHIFT;
}

static inline pte_t *map_table(unsigned long mfn)
{
	return __va((paddr_t)mfn << PAGE_SHIFT);
}

static bool is_io_frame(unsigned long mfn)
{
	return mfn >= max_page || (frame_table[mfn].count_info & PGC_io);
}

/*
 * MMIO the hypervisor keeps for itself even from dom0 (Xen's iomem_deny_access
 * at dom0 build): the I/O APIC page and the local APIC / MSI window. Reported
 * to dom0 as reserved in the machine memory map.
 */
const struct iomem_range hypervisor_iomem[] = {
	{ 0xFEC00000UL >> PAGE_SHIFT, 1 },
	{ 0xFEE00000UL >> PAGE_SHIFT, 256 },
};
const unsigned int nr_hypervisor_iomem = ARRAY_SIZE(hypervisor_iomem);

static bool iomem_permitted(const struct domain *d, unsigned long mfn)
{
	if (!d->is_privileged)
		return false;
	for (unsigned int i = 0; i < nr_hypervisor_iomem; i++)
		if (mfn - hypervisor_iomem[i].first_mfn < hypervisor_iomem[i].nr)
			return false;
	return true;
}

bool get_page(struct page_info *pg, const struct domain *d)
{
	uint32_t c = pg->count_info;

	if (!(c & PGC_allocated) || pg->owner != d->domain_id)
		return false;
	if ((c & PGC_count_mask) == PGC_count_mask)
		return false;
	pg->count_info = c + 1;
	return true;
}

void put_page(struct page_info *pg)
{
	BUG_ON((pg->count_info & PGC_count_mask) == 0);
	pg->count_info--;
	/* The last reference to a frame its domain gave back: free it. */
	if (!(pg->count_info & (PGC_count_mask | PGC_allocated | PGC_xen_heap)))
		free_domain_page(pg);
}

/* ---- validation: the references a table's entries hold ---- */

static int get_page_from_entry(pte_t e, unsigned int level, struct domain *d,
			       struct domain *pg_owner);
static pte_t adjust_entry(pte_t e, unsigned int level);
static void put_page_from_entry(pte_t e, unsigned int level, struct domain *d);

static bool is_guest_l4_slot(unsigned int i)
{
	return i < HYPERVISOR_FIRST_SLOT || i > HYPERVISOR_LAST_SLOT;
}

static int validate_table(unsigned long mfn, unsigned int level, struct domain *d)
{
	pte_t *t = map_table(mfn);
	unsigned int i;
	int rc = 0;

	for (i = 0; i < 512; i++) {
		if (level == 4 && !is_guest_l4_slot(i))
			continue;
		if (!(t[i] & _PAGE_PRESENT))
			continue;
		rc = get_page_from_entry(t[i], level, d, d);
		if (rc)
			break;
		t[i] = adjust_entry(t[i], level); /* what Xen writes back on validation */
	}
	if (rc) {
		printk(LOG_DEBUG "d%u: L%u table %#lx entry %u (%#lx) refused (%d)\n",
		       d->domain_id, level, mfn, i, (unsigned long)t[i], rc);
		while (i-- > 0)
			if ((level != 4 || is_guest_l4_slot(i)) && (t[i] & _PAGE_PRESENT))
				put_page_from_entry(t[i], level, d);
		return rc;
	}
	if (level == 4)
		pv_fill_hypervisor_slots(t, d);
	return 0;
}

static void devalidate_table(unsigned long mfn, unsigned int level, struct domain *d)
{
	pte_t *t = map_table(mfn);

	for (unsigned int i = 0; i < 512; i++)
		if ((level != 4 || is_guest_l4_slot(i)) && (t[i] & _PAGE_PRESENT))
			put_page_from_entry(t[i], level, d);
}

static uint64_t level_type(unsigned int level)
{
	return (uint64_t)level << PGT_type_shift; /* PGT_l1_page_table .. PGT_l4_page_table */
}

static unsigned int type_level(uint64_t type)
{
	uint64_t t = type & PGT_type_mask;

	return t >= PGT_l1_page_table && t <= PGT_l4_page_table ? (unsigned int)(t >> PGT_type_shift)
								 : 0;
}

int get_page_type(struct page_info *pg, uint64_t type, struct domain *d)
{
	uint64_t t = pg->type_info;
	unsigned long mfn = page_to_mfn(pg);

	if ((t & PGT_count_mask) != 0) {
		if ((t & PGT_type_mask) != type || !(t & PGT_validated))
			return -EINVAL;
		if ((t & PGT_count_mask) == PGT_count_mask)
			return -EINVAL;
		pg->type_info = t + 1;
		return 0;
	}
	/* Count 0: the frame may take any type. */
	if ((t & PGT_type_mask) == PGT_writable_page && type != PGT_writable_page &&
	    pg->reserved >= tlbflush_clock - 1)
		flush_tlb_local(); /* rule 7: a writable translation may still be cached */
	unsigned int level = type_level(type);
	pg->type_info = type | 1; /* typed but not validated: a self-reference fails */
	int rc = 0;
	if (level) {
		rc = validate_table(mfn, level, d);
		perfc_incr(table_validations);
	} else if (type == PGT_seg_desc_page)
		rc = validate_descriptor_page(mfn);
	if (rc) {
		pg->type_info = PGT_none;
		return rc;
	}
	pg->type_info = type | PGT_validated | 1;
	return 0;
}

void put_page_type(struct page_info *pg, struct domain *d)
{
	uint64_t t = pg->type_info;

	BUG_ON((t & PGT_count_mask) == 0);
	if ((t & PGT_count_mask) > 1) {
		pg->type_info = t - 1;
		return;
	}
	unsigned int level = type_level(t);
	if (level) {
		pg->type_info = PGT_none;
		devalidate_table(page_to_mfn(pg), level, d);
		return;
	}
	if ((t & PGT_type_mask) == PGT_writable_page)
		pg->reserved = tlbflush_clock; /* when the last writable mapping went */
	pg->type_info = (t & PGT_type_mask) | PGT_validated; /* count 0 */
}

int get_page_and_type(struct page_info *pg, uint64_t type, struct domain *d)
{
	if (!get_page(pg, d))
		return -EINVAL;
	int rc = get_page_type(pg, type, d);
	if (rc)
		put_page(pg);
	return rc;
}

void put_page_and_type(struct page_info *pg, struct domain *d)
{
	put_page_type(pg, d);
	put_page(pg);
}

/*
 * get_page_from_l1e - the references an L1 entry of d takes on the frame it
 * maps, which must belong to pg_owner (d itself, or the owner named as the
 * foreign domain of mmu_update: DOMID_XEN for the frames the hypervisor
 * shares read-only, e.g. the M2P).
 */
static int get_page_from_l1e(pte_t e, struct domain *d, struct domain *pg_owner)
{
	unsigned long mfn = pte_mfn(e);

	if (e & ~PTE_ADDR_MASK & ~l1_allowed(d))
		return -EINVAL;
	if (is_io_frame(mfn)) {
		/* I/O access is the frames' owner's: a domain mapping another's has none here. */
		return pg_owner == d && iomem_permitted(d, mfn) ? 0 : -EPERM;
	}
	struct page_info *pg = &frame_table[mfn];
	if (!get_page(pg, pg_owner))
		return -EBUSY;
	if ((e & _PAGE_RW) && ((pg->count_info & PGC_shared_ro) ||
			       get_page_type(pg, PGT_writable_page, pg_owner))) {
		put_page(pg);
		return -EBUSY;
	}
	return 0;
}

static void put_page_from_l1e(pte_t e, struct domain *d)
{
	unsigned long mfn = pte_mfn(e);

	if (!(e & _PAGE_PRESENT) || is_io_frame(mfn))
		return;
	struct page_info *pg = &frame_table[mfn];
	if (e & _PAGE_RW)
		put_page_type(pg, d);
	put_page(pg);
}

static int get_page_from_entry(pte_t e, unsigned int level, struct domain *d,
			       struct domain *pg_owner)
{
	if (level == 1)
		return get_page_from_l1e(e, d, pg_owner);
	if (pg_owner != d)
		return -EINVAL; /* upper levels only link the domain's own tables */
	if (e & ~PTE_ADDR_MASK & ~upper_allowed())
		return -EINVAL;
	unsigned long mfn = pte_mfn(e);
	if (is_io_frame(mfn))
		return -EINVAL;
	return get_page_and_type(&frame_table[mfn], level_type(level - 1), d);
}

static void put_page_from_entry(pte_t e, unsigned int level, struct domain *d)
{
	if (level == 1) {
		put_page_from_l1e(e, d);
		return;
	}
	put_page_and_type(&frame_table[pte_mfn(e)], d);
}

/* ---- write-time adjustments Xen makes, visible to the guest (see rule 4 above) ---- */

static pte_t adjust_entry(pte_t e, unsigned int level)
{
	if (!(e & _PAGE_PRESENT))
		return e;
	switch (level) {
	case 1:
		/* The guest kernel runs at CPL 3: its mappings must be user pages. */
		if (!(e & _PAGE_USER))
			e |= _PAGE_USER | _PAGE_GUEST_KERNEL;
		if (!(e & _PAGE_GUEST_KERNEL))
			e |= _PAGE_GLOBAL; /* a user mapping */
		return e;
	case 4:
		return e | _PAGE_USER | _PAGE_ACCESSED;
	default:
		return e | _PAGE_USER;
	}
}

/* Entries that differ only in these bits need no new references (Xen's fast path). */
#define FASTPATH_FLAGS (_PAGE_NX | PAGE_AVAIL_HIGH | PAGE_AVAIL | _PAGE_GLOBAL | _PAGE_DIRTY | \
			_PAGE_ACCESSED | _PAGE_USER)

/*
 * mod_entry - replace *p, an entry of a validated level-`level` table of d,
 * with nv: check and reference the new target, store, release the old one.
 * preserve_ad keeps the A/D bits the CPU may have set meanwhile.
 */
static int mod_entry(pte_t *p, pte_t nv, unsigned int level, struct domain *d,
		     struct domain *pg_owner, bool preserve_ad)
{
	pte_t ov = *p;
	int rc;

	if (level == 4 && !is_guest_l4_slot(((unsigned long)p & ~PAGE_MASK) / sizeof(pte_t)))
		return -EINVAL;
	if (nv & _PAGE_PRESENT) {
		pte_t allowed = level == 1 ? l1_allowed(d) : upper_allowed();
		if (nv & ~PTE_ADDR_MASK & ~allowed)
			return -EINVAL;
		nv = adjust_entry(nv, level);
		bool same_target = (ov & _PAGE_PRESENT) && !((ov ^ nv) & ~FASTPATH_FLAGS);
		if (!same_target) {
			rc = get_page_from_entry(nv, level, d, pg_owner);
			if (rc)
				return rc;
		}
		if (preserve_ad)
			nv |= ov & (_PAGE_ACCESSED | _PAGE_DIRTY);
		*p = nv;
		if (!same_target && (ov & _PAGE_PRESENT))
			put_page_from_entry(ov, level, d);
		return 0;
	}
	if (preserve_ad)
		nv |= ov & (_PAGE_ACCESSED | _PAGE_DIRTY);
	*p = nv;
	if (ov & _PAGE_PRESENT)
		put_page_from_entry(ov, level, d);
	return 0;
}

/*
 * update_entry_at - MMU_NORMAL_PT_UPDATE on the 8-byte entry at machine
 * address ma, owned by d. Page tables get mod_entry; frames that are not
 * page tables take a plain store when they may be writable.
 */
static int update_entry_at(struct domain *d, struct domain *pg_owner, paddr_t ma, pte_t val,
			   bool preserve_ad)
{
	unsigned long mfn = ma >> PAGE_SHIFT;

	if (mfn >= max_page || !get_page(&frame_table[mfn], d))
		return -EINVAL;
	struct page_info *pg = &frame_table[mfn];
	pte_t *p = (pte_t *)__va(ma & ~(paddr_t)7);
	uint64_t t = pg->type_info;
	int rc = -EINVAL;

	if ((t & PGT_count_mask) && (t & PGT_validated)) {
		unsigned int level = type_level(t);
		if (level)
			rc = mod_entry(p, val, level, d, pg_owner, preserve_ad);
		else if ((t & PGT_type_mask) == PGT_writable_page) {
			*p = val;
			rc = 0;
		}
	} else if (!get_page_type(pg, PGT_writable_page, d)) {
		*p = val;
		put_page_type(pg, d);
		rc = 0;
	}
	put_page(pg);
	return rc;
}

/*
 * page_owner_domain - whose frames an mmu_update may map: its own
 * (DOMID_SELF), the hypervisor's shared frames (DOMID_XEN), or another
 * domain's for the control domain. NULL: no such domain (-ESRCH).
 */
static struct domain *page_owner_domain(struct domain *d, domid_t foreigndom)
{
	if (foreigndom == DOMID_SELF || foreigndom == d->domain_id)
		return d;
	if (foreigndom == DOMID_XEN)
		return &dom_xen;
	struct domain *f = domain_by_id(foreigndom);
	return f && d->is_privileged ? f : NULL;
}

long do_mmu_update(unsigned long ureqs, unsigned long count, unsigned long pdone,
		   unsigned long foreigndom, unsigned long a5)
{
	struct domain *d = current->domain;
	struct domain *pg_owner = page_owner_domain(d, (domid_t)foreigndom);
	unsigned int i, done = 0;
	long rc = 0;

	if (!pg_owner)
		return -ESRCH;

	for (i = 0; i < (unsigned int)count; i++) {
		struct mmu_update req;

		perfc_incr(mmu_update_entries);
		if (copy_from_guest(&req, ureqs + i * sizeof(req), sizeof(req))) {
			rc = -EFAULT;
			break;
		}
		unsigned int cmd = req.ptr & 3;
		switch (cmd) {
		case MMU_NORMAL_PT_UPDATE:
		case MMU_PT_UPDATE_PRESERVE_AD:
		case MMU_PT_UPDATE_NO_TRANSLATE:
			rc = update_entry_at(d, pg_owner, req.ptr & ~3ULL, req.val,
					     cmd == MMU_PT_UPDATE_PRESERVE_AD);
			break;
		case MMU_MACHPHYS_UPDATE: {
			unsigned long mfn = req.ptr >> PAGE_SHIFT;
			if (mfn >= max_page || !get_page(&frame_table[mfn], pg_owner)) {
				rc = -EINVAL;
				break;
			}
			set_gpfn_from_mfn(mfn, req.val);
			put_page(&frame_table[mfn]);
			rc = 0;
			break;
		}
		default:
			rc = -ENOSYS;
			break;
		}
		if (rc)
			break;
		done++;
	}
	if (pdone && copy_to_guest(pdone, &done, sizeof(done)) && !rc)
		rc = -EFAULT;
	return rc;
}

/* ---- base pointers and pins ---- */

__hot_path void pv_load_cr3(struct vcpu *v)
{
	unsigned long mfn = v->pv.kernel_mode || !v->pv.guest_table_user ? v->pv.guest_table
									   : v->pv.guest_table_user;

	write_cr3((paddr_t)mfn << PAGE_SHIFT);
	tlbflush_clock++;
	perfc_incr(cr3_loads);
}

int pv_new_baseptr(struct vcpu *v, unsigned long mfn, bool user)
{
	struct domain *d = v->domain;
	unsigned long *slot = user ? &v->pv.guest_table_user : &v->pv.guest_table;
	unsigned long old = *slot;

	if (user && mfn == 0) {
		*slot = 0;
	} else {
		if (mfn == old)
			goto reload;
		if (mfn >= max_page)
			return -EINVAL;
		int rc = get_page_and_type(&frame_table[mfn], PGT_l4_page_table, d);
		if (rc)
			return rc;
		*slot = mfn;
	}
	if (old)
		put_page_and_type(&frame_table[old], d);
reload:
	if (v == current && (user ? !v->pv.kernel_mode : v->pv.kernel_mode))
		pv_load_cr3(v);
	return 0;
}

int pv_pin_table(struct domain *d, unsigned long mfn, unsigned int level)
{
	if (mfn >= max_page || !get_page(&frame_table[mfn], d))
		return -EINVAL;
	struct page_info *pg = &frame_table[mfn];
	int rc = get_page_type(pg, level_type(level), d);
	if (rc) {
		put_page(pg);
		return rc;
	}
	if (pg->type_info & PGT_pinned) {
		put_page_and_type(pg, d);
		return -EINVAL;
	}
	pg->type_info |= PGT_pinned;
	return 0;
}

static int unpin_table(struct domain *d, unsigned long mfn)
{
	if (mfn >= max_page || !get_page(&frame_table[mfn], d))
		return -EINVAL;
	struct page_info *pg = &frame_table[mfn];
	if (!(pg->type_info & PGT_pinned)) {
		put_page(pg);
		return -EINVAL;
	}
	pg->type_info &= ~PGT_pinned;
	put_page_and_type(pg, d); /* the pin's references */
	put_page(pg);
	return 0;
}

/* flush_for_vcpumask - TLB_FLUSH_MULTI/INVLPG_MULTI: one CPU now, so a local flush after checking the mask. */
static int flush_for_vcpumask(unsigned long mask_va, unsigned long va, bool one)
{
	unsigned long mask;

	if (copy_from_guest(&mask, mask_va, sizeof(mask)))
		return -EFAULT;
	if (one)
		invlpg(va);
	else
		flush_tlb_local();
	return 0;
}

/*
 * clear_or_copy_page - MMUEXT_CLEAR_PAGE / COPY_PAGE: the destination must be
 * one of d's frames that may be writable (not a page table or descriptor
 * page), the source any of its frames. -EINVAL otherwise (Xen's result).
 */
static long clear_or_copy_page(struct domain *d, unsigned int cmd, unsigned long dst,
			       unsigned long src)
{
	if (dst >= max_page || !get_page(&frame_table[dst], d))
		return -EINVAL;
	if (get_page_type(&frame_table[dst], PGT_writable_page, d)) {
		put_page(&frame_table[dst]);
		return -EINVAL;
	}
	long rc = 0;
	if (cmd == MMUEXT_CLEAR_PAGE) {
		memset(map_table(dst), 0, PAGE_SIZE);
	} else if (src < max_page && get_page(&frame_table[src], d)) {
		memcpy(map_table(dst), map_table(src), PAGE_SIZE);
		put_page(&frame_table[src]);
	} else {
		rc = -EINVAL;
	}
	put_page_and_type(&frame_table[dst], d);
	return rc;
}

/* Commands that act on pages of the domain named by foreigndom rather than on the caller's vCPU. */
static bool mmuext_may_be_foreign(unsigned int cmd)
{
	switch (cmd) {
	case MMUEXT_PIN_L1_TABLE:
	case MMUEXT_PIN_L2_TABLE:
	case MMUEXT_PIN_L3_TABLE:
	case MMUEXT_PIN_L4_TABLE:
	case MMUEXT_UNPIN_TABLE:
	case MMUEXT_CLEAR_PAGE:
	case MMUEXT_COPY_PAGE:
		return true;
	default:
		return false;
	}
}

long do_mmuext_op(unsigned long uops, unsigned long count, unsigned long pdone,
		  unsigned long foreigndom, unsigned long a5)
{
	struct vcpu *v = current;
	struct domain *d = v->domain;
	unsigned int i, done = 0;
	long rc = 0;

	/* The control domain may pin, unpin, clear and copy another domain's pages (builders). */
	struct domain *pg_owner = page_owner_domain(d, (domid_t)foreigndom);

	if (!pg_owner || pg_owner == &dom_xen)
		return -ESRCH;

	for (i = 0; i < (unsigned int)count; i++) {
		struct mmuext_op op;

		if (copy_from_guest(&op, uops + i * sizeof(op), sizeof(op))) {
			rc = -EFAULT;
			break;
		}
		if (pg_owner != d && !mmuext_may_be_foreign(op.cmd)) {
			rc = -EPERM;
			break;
		}
		switch (op.cmd) {
		case MMUEXT_PIN_L1_TABLE:
		case MMUEXT_PIN_L2_TABLE:
		case MMUEXT_PIN_L3_TABLE:
		case MMUEXT_PIN_L4_TABLE:
			rc = pv_pin_table(pg_owner, op.arg1.mfn, op.cmd - MMUEXT_PIN_L1_TABLE + 1);
			break;
		case MMUEXT_UNPIN_TABLE:
			rc = unpin_table(pg_owner, op.arg1.mfn);
			break;
		case MMUEXT_NEW_BASEPTR:
			rc = pv_new_baseptr(v, op.arg1.mfn, false);
			break;
		case MMUEXT_NEW_USER_BASEPTR:
			rc = pv_new_baseptr(v, op.arg1.mfn, true);
			break;
		case MMUEXT_TLB_FLUSH_LOCAL:
		case MMUEXT_TLB_FLUSH_ALL:
			flush_tlb_local();
			break;
		case MMUEXT_INVLPG_LOCAL:
		case MMUEXT_INVLPG_ALL:
			if (guest_range_ok(op.arg1.linear_addr, 1))
				invlpg(op.arg1.linear_addr);
			break;
		case MMUEXT_TLB_FLUSH_MULTI:
		case MMUEXT_INVLPG_MULTI:
			rc = flush_for_vcpumask((unsigned long)op.arg2.vcpumask, op.arg1.linear_addr,
						op.cmd == MMUEXT_INVLPG_MULTI);
			if (rc)
				rc = -EINVAL;
			break;
		case MMUEXT_FLUSH_CACHE:
		case MMUEXT_FLUSH_CACHE_GLOBAL:
			if (!d->is_privileged) {
				rc = -EACCES;
				break;
			}
			asm volatile("wbinvd" ::: "memory");
			break;
		case MMUEXT_SET_LDT: {
			unsigned int ents = op.arg2.nr_ents;
			unsigned long ptr = op.arg1.linear_addr;
			if (ents > 8192 || (ents && ((ptr & ~PAGE_MASK) || !guest_range_ok(ptr, ents * 8)))) {
				rc = -EINVAL;
				break;
			}
			if (ents != v->pv.ldt_ents || (ents ? ptr : 0) != v->pv.ldt_base)
				pv_set_ldt(v, ents ? ptr : 0, ents);
			break;
		}
		case MMUEXT_CLEAR_PAGE:
		case MMUEXT_COPY_PAGE:
			rc = clear_or_copy_page(pg_owner, op.cmd, op.arg1.mfn, op.arg2.src_mfn);
			break;
		case MMUEXT_MARK_SUPER:
		case MMUEXT_UNMARK_SUPER:
			rc = -EOPNOTSUPP;
			break;
		default:
			rc = -ENOSYS;
			break;
		}
		if (rc)
			break;
		done++;
	}
	if (pdone && copy_to_guest(pdone, &done, sizeof(done)) && !rc)
		rc = -EFAULT;
	return rc;
}

/* ---- update_va_mapping ---- */

/*
 * guest_l1e_of - the L1 entry mapping va in v's kernel page tables, through
 * a validated L1 of v's domain; NULL when the walk ends before an L1.
 */
pte_t *guest_l1e_of(struct vcpu *v, unsigned long va, unsigned long *l1_mfn)
{
	pte_t e = ((paddr_t)v->pv.guest_table << PAGE_SHIFT) | _PAGE_PRESENT;

	for (unsigned int level = 4; level > 1; level--) {
		pte_t *t = map_table(pte_mfn(e));
		e = t[(va >> (12 + 9 * (level - 1))) & 511];
		if (!(e & _PAGE_PRESENT) || (e & _PAGE_PSE) || pte_mfn(e) >= max_page)
			return NULL;
	}
	*l1_mfn = pte_mfn(e);
	return &map_table(*l1_mfn)[(va >> 12) & 511];
}

long do_update_va_mapping(unsigned long va, unsigned long val, unsigned long flags,
			  unsigned long a4, unsigned long a5)
{
	struct vcpu *v = current;
	struct domain *d = v->domain;
	unsigned long l1_mfn;

	if (!guest_range_ok(va, 1))
		return -EINVAL;
	pte_t *p = guest_l1e_of(v, va, &l1_mfn);
	if (!p)
		return -EINVAL;
	struct page_info *pg = &frame_table[l1_mfn];
	if (!get_page(pg, d))
		return -EINVAL;
	int rc = -EINVAL;
	if ((pg->type_info & PGT_type_mask) == PGT_l1_page_table && (pg->type_info & PGT_count_mask))
		rc = mod_entry(p, val, 1, d, d, false);
	put_page(pg);
	if (rc)
		return rc;

	/*
	 * The flush: local (UVMF_LOCAL), every vCPU of the domain (UVMF_ALL), or
	 * those of a guest bitmap whose address fills the upper bits of flags.
	 * One CPU for now: all of them mean this CPU, but a bitmap must be
	 * readable (-EFAULT after the update, as Xen).
	 */
	unsigned long scope = flags & ~UVMF_FLUSHTYPE_MASK;
	if ((flags & UVMF_FLUSHTYPE_MASK) && scope != UVMF_LOCAL && scope != UVMF_ALL) {
		unsigned long mask;
		if (copy_from_guest(&mask, scope, sizeof(mask)))
			rc = -EFAULT;
	}
	switch (flags & UVMF_FLUSHTYPE_MASK) {
	case UVMF_TLB_FLUSH:
		flush_tlb_local();
		break;
	case UVMF_INVLPG:
		invlpg(va);
		break;
	}
	return rc;
}

/*
 * The L1 entry a grant operation names (held by a reference on its L1 frame
 * *l1_mfn, which the caller drops): by machine address (GNTMAP_contains_pte)
 * or by virtual address in v's page tables. NULL unless it is in one of d's
 * validated L1 tables.
 */
static pte_t *grant_l1e(struct vcpu *v, uint64_t addr, bool contains_pte, unsigned long *l1_mfn)
{
	struct domain *d = v->domain;
	pte_t *p;

	if (contains_pte) {
		*l1_mfn = addr >> PAGE_SHIFT;
		if (*l1_mfn >= max_page)
			return NULL;
		p = (pte_t *)__va(addr & ~(paddr_t)7);
	} else {
		if (!guest_range_ok(addr, 1) || !(p = guest_l1e_of(v, addr, l1_mfn)))
			return NULL;
	}
	struct page_info *pg = &frame_table[*l1_mfn];
	if (!get_page(pg, d))
		return NULL;
	if ((pg->type_info & PGT_type_mask) != PGT_l1_page_table || !(pg->type_info & PGT_count_mask)) {
		put_page(pg);
		return NULL;
	}
	return p;
}

static void grant_flush(uint64_t addr, bool contains_pte)
{
	if (contains_pte)
		flush_tlb_local();
	else
		invlpg(addr);
}

int pv_grant_map(struct vcpu *v, uint64_t addr, bool contains_pte, unsigned long mfn,
		 bool readonly, struct domain *owner)
{
	unsigned long l1_mfn;
	pte_t *p = grant_l1e(v, addr, contains_pte, &l1_mfn);

	if (!p)
		return -EINVAL;
	pte_t nv = ((pte_t)mfn << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED |
		   (readonly ? 0 : _PAGE_RW | _PAGE_DIRTY);
	int rc = mod_entry(p, nv, 1, v->domain, owner, false);
	put_page(&frame_table[l1_mfn]);
	if (!rc)
		grant_flush(addr, contains_pte);
	return rc;
}

int pv_grant_unmap(struct vcpu *v, uint64_t addr, bool contains_pte, unsigned long mfn)
{
	unsigned long l1_mfn;
	pte_t *p = grant_l1e(v, addr, contains_pte, &l1_mfn);
	int rc = -EINVAL;

	if (!p)
		return -EINVAL;
	if ((*p & _PAGE_PRESENT) && pte_mfn(*p) == mfn) {
		rc = mod_entry(p, 0, 1, v->domain, v->domain, false);
		grant_flush(addr, contains_pte);
	}
	put_page(&frame_table[l1_mfn]);
	return rc;
}

int pv_mod_l1_entry(struct domain *d, pte_t *p, pte_t nv)
{
	return mod_entry(p, nv, 1, d, d, false);
}

uint64_t pv_page_table_type(const struct page_info *pg)
{
	static const uint64_t level_info[5] = {XEN_DOMCTL_PFINFO_NOTAB, XEN_DOMCTL_PFINFO_L1TAB,
					       XEN_DOMCTL_PFINFO_L2TAB, XEN_DOMCTL_PFINFO_L3TAB,
					       XEN_DOMCTL_PFINFO_L4TAB};
	uint64_t t = pg->type_info;
	uint64_t info = level_info[type_level(t)];

	if (t & PGT_pinned)
		return info | XEN_DOMCTL_PFINFO_LPINTAB;
	return (t & PGT_validated) ? info : XEN_DOMCTL_PFINFO_NOTAB;
}

/* ---- a dying domain lets go of its frames ---- */

/* Run fn on each frame of d's page list; fn may free the frame it is given. */
static void for_each_domain_page(struct domain *d, void (*fn)(struct domain *, struct page_info *))
{
	unsigned long mfn = d->page_list_head;

	while (mfn != FRAME_LINK_NONE) {
		struct page_info *pg = mfn_to_page(mfn);
		mfn = pg->next;
		fn(d, pg);
	}
}

static void drop_pin(struct domain *d, struct page_info *pg)
{
	if (pg->type_info & PGT_pinned) {
		pg->type_info &= ~PGT_pinned;
		put_page_and_type(pg, d);
	}
}

static void drop_allocation(struct domain *d, struct page_info *pg)
{
	if (pg->count_info & PGC_allocated) {
		pg->count_info &= ~PGC_allocated;
		put_page(pg);
	}
}

void pv_domain_relinquish_memory(struct domain *d)
{
	for (unsigned int i = 0; i < d->max_vcpus; i++) {
		struct vcpu *v = d->vcpu[i];
		if (!v)
			continue;
		pv_set_gdt(v, v->pv.gdt_frames, 0);
		pv_set_ldt(v, 0, 0);
		if (v->pv.guest_table_user)
			put_page_and_type(mfn_to_page(v->pv.guest_table_user), d);
		if (v->pv.guest_table)
			put_page_and_type(mfn_to_page(v->pv.guest_table), d);
		v->pv.guest_table = v->pv.guest_table_user = 0;
	}
	/* Unpinned roots lose their last type references: validated tables below them follow. */
	for_each_domain_page(d, drop_pin);
	for_each_domain_page(d, drop_allocation);
}
