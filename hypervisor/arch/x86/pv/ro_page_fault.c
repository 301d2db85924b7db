/*
 * ro_page_fault.c - the writable-page-table assist.
 *
 * A PV kernel's page tables are mapped read-only, yet Linux writes L1
 * entries directly early in boot (a plain store), and later with xchg
 * (ptep_get_and_clear) and lock btr (ptep_set_wrprotect). Such a write
 * faults; when its target is an L1 page table of the writing domain, the
 * instruction is decoded (lib/x86_decode.c), the resulting entry checked
 * exactly as mmu_update would, stored, and the guest resumes after the
 * instruction with the registers and flags the instruction would have left.
 * A write whose new entry is refused is not emulated: the guest takes the
 * #PF (Xen: xen/arch/x86/pv/ro-page-fault.c).
 */
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <asm/uaccess.h>
#include <lamina/domain.h>
#include <lamina/x86_decode.h>

#define MAX_INSN_BYTES 15
#define FLAG_CF (1UL << 0)
#define FLAG_ZF (1UL << 6)

static uint64_t *gpr_of(struct cpu_user_regs *r, unsigned int n)
{
	uint64_t *order[16] = { &r->rax, &r->rcx, &r->rdx, &r->rbx, &r->rsp, &r->rbp,
				&r->rsi, &r->rdi, &r->r8,  &r->r9,  &r->r10, &r->r11,
				&r->r12, &r->r13, &r->r14, &r->r15 };
	return order[n & 15];
}

/* set_reg_part - write a result of `bytes` bytes to a register, as the CPU would. */
static void set_reg_part(uint64_t *reg, uint64_t val, unsigned int bytes, bool high_byte)
{
	if (bytes == 8)
		*reg = val;
	else if (bytes == 4)
		*reg = (uint32_t)val; /* 32-bit results zero-extend */
	else if (bytes == 2)
		*reg = (*reg & ~0xFFFFULL) | (val & 0xFFFF);
	else if (high_byte)
		*reg = (*reg & ~0xFF00ULL) | ((val & 0xFF) << 8);
	else
		*reg = (*reg & ~0xFFULL) | (val & 0xFF);
}

bool pv_ro_page_fault(struct cpu_user_regs *regs, unsigned long addr)
{
	struct vcpu *v = current;
	struct domain *d = v->domain;
	unsigned long l1_mfn;
	uint8_t insn[MAX_INSN_BYTES];
	struct pte_write w;

	/* The page written must be an L1 page table of this domain, mapped read-only. */
	pte_t *map = guest_l1e_of(v, addr, &l1_mfn);
	if (!map || !(*map & _PAGE_PRESENT) || (*map & _PAGE_RW))
		return false;
	unsigned long target = (*map & PTE_ADDR_MASK) >> PAGE_SHIFT;
	if (target >= max_page)
		return false;
	struct page_info *pg = mfn_to_page(target);
	if (pg->owner != d->domain_id || (pg->type_info & PGT_type_mask) != PGT_l1_page_table ||
	    !(pg->type_info & PGT_count_mask))
		return false;

	size_t n = MAX_INSN_BYTES;
	while (n && copy_from_guest(insn, regs->rip, n))
		n--; /* the instruction may end just before an unmapped page */
	if (!n || !x86_decode_pte_write(insn, n, &w))
		return false;
	unsigned long off = addr & ~PAGE_MASK;
	if (off & (w.operand_bytes - 1))
		return false; /* must lie within one entry */

	pte_t *entry = (pte_t *)((char *)__va((paddr_t)target << PAGE_SHIFT) + (off & ~7UL));
	unsigned int shift = (off & 7) * 8; /* a narrower write into part of the entry */
	uint64_t mask = w.operand_bytes == 8 ? ~0ULL : (1ULL << (8 * w.operand_bytes)) - 1;
	uint64_t old = (*entry >> shift) & mask;
	uint64_t src = w.src_is_reg ? *gpr_of(regs, w.src_reg) : (uint64_t)w.imm;
	if (w.src_high_byte)
		src >>= 8;
	if (w.op >= PTW_BTS && (src & mask) >= w.operand_bytes * 8)
		return false; /* a bit outside the operand: not a PTE update */
	bool cf, equal;
	uint64_t val = pte_write_apply(&w, old, src & mask, regs->rax, &cf, &equal) & mask;

	if (w.op == PTW_CMPXCHG && !equal) {
		set_reg_part(gpr_of(regs, 0), old, w.operand_bytes, false);
		regs->rflags &= ~FLAG_ZF;
		regs->rip += w.length;
		return true;
	}
	pte_t nv = (*entry & ~(mask << shift)) | (val << shift);
	if (pv_mod_l1_entry(d, entry, nv))
		return false;
	if (w.op == PTW_XCHG)
		set_reg_part(gpr_of(regs, w.src_reg), old, w.operand_bytes, w.src_high_byte);
	if (w.op == PTW_CMPXCHG)
		regs->rflags |= FLAG_ZF;
	if (w.op >= PTW_BTS)
		regs->rflags = (regs->rflags & ~FLAG_CF) | (cf ? FLAG_CF : 0);
	regs->rip += w.length;
	return true;
}
