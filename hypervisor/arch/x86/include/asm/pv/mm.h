/*
 * asm/pv/mm.h - the PV MMU: page types, reference counts, and the
 * hypercalls through which guests change their page tables.
 */
#ifndef ASM_PV_MM_H
#define ASM_PV_MM_H

#include <asm/page.h>
#include <lamina/domain.h>
#include <lamina/mm.h>

#define PGT_pinned (1ULL << 59) /* held by MMUEXT_PIN_Ln_TABLE */
#define PGT_validated (1ULL << 58) /* every entry checked, references taken */

/* Xen's marker for guest-kernel L1 mappings, set by the hypervisor (bit 52). */
#define _PAGE_GUEST_KERNEL (1ULL << 52)

/* A range of machine frames. */
struct iomem_range {
	unsigned long first_mfn;
	unsigned long nr;
};

/* MMIO no guest may map: the hypervisor's own APIC pages (pv/mm.c). */
extern const struct iomem_range hypervisor_iomem[];
extern const unsigned int nr_hypervisor_iomem;

/* get_page - one general reference on pg for domain d; false when d does not own it. */
bool get_page(struct page_info *pg, const struct domain *d);
void put_page(struct page_info *pg);

/*
 * get_page_type - one type reference of type (PGT_*) on pg, validating the
 * frame as a page table when it becomes one. Returns 0, -EINVAL when the
 * frame has another type in use or fails validation (or the errno of the
 * entry that failed).
 */
int get_page_type(struct page_info *pg, uint64_t type, struct domain *d);
void put_page_type(struct page_info *pg, struct domain *d);
int get_page_and_type(struct page_info *pg, uint64_t type, struct domain *d);
void put_page_and_type(struct page_info *pg, struct domain *d);

/* pv_pin_table - MMUEXT_PIN_Ln_TABLE for level (1-4) on mfn. Returns 0 or -errno. */
int pv_pin_table(struct domain *d, unsigned long mfn, unsigned int level);

/* pv_set_baseptr - load mfn as v's kernel (user: false) or user L4. Returns 0 or -errno. */
int pv_new_baseptr(struct vcpu *v, unsigned long mfn, bool user);

/* pv_write_cr3 - load the L4 the vCPU's current mode uses. */
void pv_load_cr3(struct vcpu *v);

/* Descriptor tables (pv/descriptor.c). */
int validate_descriptor_page(unsigned long mfn);
int pv_perdomain_init(struct domain *d);
/* pv_perdomain_free - free the per-domain L3 and its tables (the domain's vCPUs no longer run). */
void pv_perdomain_free(struct domain *d);
unsigned long pv_gdt_view(const struct vcpu *v);
/*
 * pv_domain_relinquish_memory - d is dying and none of its vCPUs runs: drop
 * its vCPUs' page-table bases, GDTs and LDT mappings, every pin (page tables
 * lose their types, top down) and every allocation reference. Frames nothing
 * else holds are freed now; frames another domain still maps (a foreign
 * mapping, a grant) are freed when that mapping goes.
 */
void pv_domain_relinquish_memory(struct domain *d);
/*
 * pv_page_table_type - a frame's type as XEN_DOMCTL_getpageframeinfo3 gives it
 * (xen/domctl.h XEN_DOMCTL_PFINFO_*): its page-table level when pinned (with
 * LPINTAB) or validated, NOTAB otherwise.
 */
uint64_t pv_page_table_type(const struct page_info *pg);
/*
 * pv_grant_map - a grant's host mapping: frame mfn of owner at the L1
 * entry given by addr (a virtual address in v's page tables, or the
 * entry's machine address with contains_pte), read-only or writable, with
 * the references any foreign mapping holds. -EINVAL when addr names no
 * entry of v's validated L1 tables, the mapping errors otherwise.
 */
int pv_grant_map(struct vcpu *v, uint64_t addr, bool contains_pte, unsigned long mfn,
		 bool readonly, struct domain *owner);
/* pv_grant_unmap - remove that mapping: -EINVAL unless the entry maps mfn now. */
int pv_grant_unmap(struct vcpu *v, uint64_t addr, bool contains_pte, unsigned long mfn);
/*
 * pv_set_gdt - v's GDT becomes frames[0..] with entries descriptors (0: none):
 * each frame takes the segment-descriptor type. 0, or -EINVAL with nothing
 * changed when a frame is not the domain's or fails the audit.
 */
long pv_set_gdt(struct vcpu *v, const unsigned long *frames, unsigned int entries);
void pv_load_gdt(const struct vcpu *v);
void pv_load_ldt(const struct vcpu *v);
/* pv_set_ldt - MMUEXT_SET_LDT: a new LDT (base VA, entries), mapped lazily. */
void pv_set_ldt(struct vcpu *v, unsigned long base, unsigned int ents);
/*
 * pv_map_ldt_page - a fault at addr in v's LDT view: map the guest's page
 * there. False when addr is not in the view or the page cannot be a
 * descriptor page; *guest_addr is then the guest address to report.
 */
bool pv_map_ldt_page(struct vcpu *v, unsigned long addr, unsigned long *guest_addr);

/*
 * guest_l1e_of - the L1 entry mapping va in v's kernel page tables (through
 * present, non-superpage upper entries); NULL when there is none. *l1_mfn
 * is the L1's frame.
 */
pte_t *guest_l1e_of(struct vcpu *v, unsigned long va, unsigned long *l1_mfn);

/* pv_mod_l1_entry - replace *p, an entry of a validated L1 of d, checking and counting as mmu_update does. */
int pv_mod_l1_entry(struct domain *d, pte_t *p, pte_t nv);

/* flush_tlb_local - a full local TLB flush (global entries included). */
void flush_tlb_local(void);

/*
 * pv_ro_page_fault - the writable-page-table assist: a guest kernel write
 * that faulted on a read-only L1 page-table page is decoded, checked like
 * mmu_update and performed. Returns true when handled.
 */
struct cpu_user_regs;
bool pv_ro_page_fault(struct cpu_user_regs *regs, unsigned long addr);


#endif /* ASM_PV_MM_H */
