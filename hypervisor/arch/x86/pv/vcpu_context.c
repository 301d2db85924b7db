/*
 * vcpu_context.c - a PV vCPU's whole state as struct vcpu_guest_context
 * (xen/arch-x86/xen.h): loaded by VCPUOP_initialise and
 * XEN_DOMCTL_setvcpucontext, read by XEN_DOMCTL_getvcpucontext.
 *
 * Loading follows Xen 4.17's arch_set_info_guest (xen/arch/x86/domain.c),
 * check by check, before anything changes:
 *  - every address the vCPU may jump to or load (RIP, RSP, kernel stack,
 *    LDT base when there is an LDT, FS/GS bases, callbacks, trap handlers)
 *    must be canonical, and the LDT base in the guest half: -EINVAL;
 *  - the LDT base must be page aligned and have at most 8192 entries,
 *    and the GDT at most 16 frames: -EINVAL;
 *  - vCPU 0 may only ask for vm_assist types a PV guest has: -EINVAL;
 *  - a first context starting in user mode needs a user page table: -EINVAL;
 *  - an already initialised vCPU keeps its page tables, GDT and LDT: a
 *    context naming others is refused with -EOPNOTSUPP (the rest loads);
 *  - the GDT frames must be the domain's and valid descriptor pages
 *    (pv_set_gdt's errors), the page tables its valid L4s: -EINVAL.
 * Selectors with RPL 0 get RPL 3 (the guest kernel runs in ring 3),
 * RFLAGS.IOPL becomes the virtual IOPL and IF is forced on.
 */
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <asm/uaccess.h>
#include <asm/xstate.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/lib.h>
#include <lamina/mm.h>
#include <lamina/sched.h>
#include <lamina/time.h>

#define MAX_LDT_ENTS 8192
#define EFLAGS_IOPL_SHIFT 12

static bool ctxt_addresses_ok(const struct vcpu_guest_context *c)
{
	if (!is_canonical_address(c->user_regs.rip) || !is_canonical_address(c->user_regs.rsp) ||
	    !is_canonical_address(c->kernel_sp) ||
	    (c->ldt_ents && !is_canonical_address(c->ldt_base)) ||
	    !is_canonical_address(c->fs_base) || !is_canonical_address(c->gs_base_kernel) ||
	    !is_canonical_address(c->gs_base_user) || !is_canonical_address(c->event_callback_eip) ||
	    !is_canonical_address(c->syscall_callback_eip) ||
	    !is_canonical_address(c->failsafe_callback_eip))
		return false;
	for (unsigned int i = 0; i < ARRAY_SIZE(c->trap_ctxt); i++)
		if (!is_canonical_address(c->trap_ctxt[i].address))
			return false;
	return guest_range_ok(c->ldt_base, 1);
}

static uint16_t guest_sel(uint16_t sel)
{
	return (sel & 3) ? sel : sel | 3;
}

/* For an initialised vCPU: the context must name the page tables, GDT and LDT it has. */
static bool same_tables(const struct vcpu *v, const struct vcpu_guest_context *c)
{
	unsigned int nr_gdt = (unsigned int)((c->gdt_ents + 511) / 512);

	if (xen_cr3_to_pfn(c->ctrlreg[3]) != v->pv.guest_table)
		return false;
	if (!v->pv.guest_table_user) {
		if (c->ctrlreg[1] || !(c->flags & VGCF_in_kernel))
			return false;
	} else if (xen_cr3_to_pfn(c->ctrlreg[1]) != v->pv.guest_table_user) {
		return false;
	}
	if (v->pv.gdt_ents != c->gdt_ents)
		return false;
	for (unsigned int i = 0; i < nr_gdt; i++)
		if (v->pv.gdt_frames[i] != c->gdt_frames[i])
			return false;
	return v->pv.ldt_ents == c->ldt_ents && (!c->ldt_ents || v->pv.ldt_base == c->ldt_base);
}

/* Take a reference and the L4 type on frame mfn of d; -EINVAL when it is not one. */
static int get_root_table(struct domain *d, unsigned long mfn)
{
	if (mfn >= max_page || get_page_and_type(mfn_to_page(mfn), PGT_l4_page_table, d))
		return -EINVAL;
	return 0;
}

/* The first context of a vCPU: vm_assist, GDT, LDT and page tables. */
static int load_tables(struct vcpu *v, const struct vcpu_guest_context *c)
{
	struct domain *d = v->domain;
	unsigned long kernel = xen_cr3_to_pfn(c->ctrlreg[3]);
	unsigned long user = c->ctrlreg[1] ? xen_cr3_to_pfn(c->ctrlreg[1]) : 0;
	long rc;

	if (v->vcpu_id == 0)
		d->vm_assist = c->vm_assist;
	rc = pv_set_gdt(v, c->gdt_frames, (unsigned int)c->gdt_ents);
	if (rc)
		return (int)rc;
	if (get_root_table(d, kernel))
		goto fail_gdt;
	if (user && get_root_table(d, user)) {
		put_page_and_type(mfn_to_page(kernel), d);
		goto fail_gdt;
	}
	v->pv.guest_table = kernel;
	v->pv.guest_table_user = user;
	pv_set_ldt(v, c->ldt_ents ? c->ldt_base : 0, (unsigned int)c->ldt_ents);
	return 0;
fail_gdt:
	pv_set_gdt(v, c->gdt_frames, 0);
	return -EINVAL;
}

int pv_set_vcpu_context(struct vcpu *v, const struct vcpu_guest_context *c)
{
	struct pv_vcpu *pv = &v->pv;
	int rc;

	if (!ctxt_addresses_ok(c))
		return -EINVAL;
	if ((c->ldt_base & (PAGE_SIZE - 1)) || c->ldt_ents > MAX_LDT_ENTS)
		return -EINVAL;
	if (v->vcpu_id == 0 && (c->vm_assist & ~VM_ASSIST_VALID))
		return -EINVAL;
	if ((c->gdt_ents + 511) / 512 > ARRAY_SIZE(pv->gdt_frames))
		return -EINVAL;
	if (!v->is_initialised) {
		if (!(c->flags & VGCF_in_kernel) && !c->ctrlreg[1])
			return -EINVAL;
		rc = load_tables(v, c);
		if (rc)
			return rc;
	} else if (!same_tables(v, c)) {
		return -EOPNOTSUPP;
	}

	pv->kernel_mode = c->flags & VGCF_in_kernel;
	vcpu_fpu_set(v, (c->flags & VGCF_i387_valid) ? c->fpu_ctxt.x : NULL);
	v->regs = c->user_regs;
	v->regs.cs = guest_sel(c->user_regs.cs);
	v->regs.ss = guest_sel(c->user_regs.ss);
	v->regs.entry_vector = 0;
	pv->iopl = (c->user_regs.rflags & X86_EFLAGS_IOPL) >> EFLAGS_IOPL_SHIFT;
	v->regs.rflags = (c->user_regs.rflags & ~X86_EFLAGS_IOPL) | X86_EFLAGS_IF;
	pv->saved_sel[0] = c->user_regs.ds;
	pv->saved_sel[1] = c->user_regs.es;
	pv->saved_sel[2] = c->user_regs.fs;
	pv->saved_sel[3] = c->user_regs.gs;
	pv->segments_saved = true;
	memcpy(pv->trap_ctxt, c->trap_ctxt, sizeof(pv->trap_ctxt));
	for (unsigned int i = 0; i < ARRAY_SIZE(pv->trap_ctxt); i++)
		pv->trap_ctxt[i].cs = guest_sel(pv->trap_ctxt[i].cs);
	pv->kernel_ss = guest_sel((uint16_t)c->kernel_ss);
	pv->kernel_sp = c->kernel_sp;
	pv->event_callback_eip = c->event_callback_eip;
	pv->failsafe_callback_eip = c->failsafe_callback_eip;
	pv->syscall_callback_eip = c->syscall_callback_eip;
	pv->failsafe_disables_events = c->flags & VGCF_failsafe_disables_events;
	pv->syscall_disables_events = c->flags & VGCF_syscall_disables_events;
	pv->fs_base = c->fs_base;
	pv->gs_base_kernel = c->gs_base_kernel;
	pv->gs_base_user = c->gs_base_user;
	pv->ctrlreg0_ts = (c->ctrlreg[0] & X86_CR0_TS) ? 1 : 0;
	pv->ctrlreg4 = xfeature_mask ? c->ctrlreg[4] & X86_CR4_OSXSAVE : 0;
	memset(pv->debugreg, 0, sizeof(pv->debugreg));
	for (unsigned int i = 0; i < 4; i++)
		set_debugreg(v, i, c->debugreg[i]);
	set_debugreg(v, 6, c->debugreg[6]);
	set_debugreg(v, 7, c->debugreg[7]);
	if (!v->is_initialised && v->vcpu_id == 0)
		update_domain_wallclock(v->domain);
	v->is_initialised = true;
	v->is_up = c->flags & VGCF_online;
	vcpu_sched_update(v);
	return 0;
}

void pv_get_vcpu_context(struct vcpu *v, struct vcpu_guest_context *c)
{
	const struct pv_vcpu *pv = &v->pv;

	memset(c, 0, sizeof(*c));
	vcpu_fpu_get(v, c->fpu_ctxt.x);
	c->flags = VGCF_i387_valid | (pv->kernel_mode ? VGCF_in_kernel : 0) |
		   (v->is_up ? VGCF_online : 0) |
		   (pv->failsafe_disables_events ? VGCF_failsafe_disables_events : 0) |
		   (pv->syscall_disables_events ? VGCF_syscall_disables_events : 0);
	c->user_regs = v->regs;
	c->user_regs.entry_vector = 0;
	c->user_regs.rflags = (v->regs.rflags & ~X86_EFLAGS_IOPL) |
			      ((unsigned long)pv->iopl << EFLAGS_IOPL_SHIFT);
	c->user_regs.ds = pv->saved_sel[0];
	c->user_regs.es = pv->saved_sel[1];
	c->user_regs.fs = pv->saved_sel[2];
	c->user_regs.gs = pv->saved_sel[3];
	memcpy(c->trap_ctxt, pv->trap_ctxt, sizeof(c->trap_ctxt));
	c->ldt_base = pv->ldt_base;
	c->ldt_ents = pv->ldt_ents;
	for (unsigned int i = 0; i < ARRAY_SIZE(pv->gdt_frames); i++)
		c->gdt_frames[i] = pv->gdt_frames[i];
	c->gdt_ents = pv->gdt_ents;
	c->kernel_ss = pv->kernel_ss;
	c->kernel_sp = pv->kernel_sp;
	c->ctrlreg[0] = (read_cr0() & ~X86_CR0_TS) | (pv->ctrlreg0_ts ? X86_CR0_TS : 0);
	c->ctrlreg[1] = pv->guest_table_user ? xen_pfn_to_cr3(pv->guest_table_user) : 0;
	c->ctrlreg[3] = xen_pfn_to_cr3(pv->guest_table);
	c->ctrlreg[4] = pv->ctrlreg4;
	memcpy(c->debugreg, pv->debugreg, sizeof(c->debugreg));
	c->event_callback_eip = pv->event_callback_eip;
	c->failsafe_callback_eip = pv->failsafe_callback_eip;
	c->syscall_callback_eip = pv->syscall_callback_eip;
	c->vm_assist = v->domain->vm_assist;
	c->fs_base = pv->fs_base;
	c->gs_base_kernel = pv->gs_base_kernel;
	c->gs_base_user = pv->gs_base_user;
}
