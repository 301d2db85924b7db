/*
 * traps.c - delivering exceptions, events and system calls to a PV guest.
 *
 * A guest's exceptions are "bounced": the hypervisor writes a frame on the
 * guest kernel stack and resumes the guest at the handler its trap table
 * names. The frame (lowest address first) is RCX, R11, [error code], RIP,
 * CS | saved upcall mask << 32, RFLAGS, RSP, SS; from user mode it goes on
 * the stack of the last stack_switch and the vCPU changes to kernel mode
 * (kernel L4, kernel GS base); from kernel mode it goes on the current stack
 * and the saved CS has its RPL cleared, which is how the guest tells the two
 * apart. RFLAGS.IF in the frame is the inverse of the upcall mask before the
 * event (the real IF of a running guest is always set). Layout and rules:
 * Xen's xen/arch/x86/x86_64/entry.S (create_bounce_frame) and
 * docs/guest-guide/x86/pv-traps.rst; see also ../shared reference 3.3.
 */
#include <asm/processor.h>
#include <asm/time.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <asm/traps.h>
#include <asm/uaccess.h>
#include <lamina/console.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <xen/sched.h>
#include <lamina/lib.h>
#include <lamina/sched.h>
#include <lamina/time.h>
#include <lamina/perfc.h>


static bool clobber_rcx_r11; /* this CPU's current exit may clobber RCX and R11 */

/* toggle_guest_mode - between guest kernel and guest user mode: page tables and GS base. */
__hot_path void toggle_guest_mode(struct vcpu *v)
{
	v->pv.kernel_mode = !v->pv.kernel_mode;
	asm volatile("swapgs" ::: "memory"); /* the other mode's GS base becomes active */
	pv_load_cr3(v);
}

void pv_domain_crash(struct vcpu *v, const struct cpu_user_regs *regs, const char *why)
{
	struct domain *d = v->domain;

	printk(LOG_ERR "d%uv%u crashed: %s\n", d->domain_id, v->vcpu_id, why);
	show_guest_state(v, regs);
	domain_shutdown(d, SHUTDOWN_crash);
}

__hot_path bool pv_push_frame(struct vcpu *v, struct cpu_user_regs *regs, unsigned long handler,
			      const uint64_t *extra, unsigned int n_extra, bool mask_events)
{
	vcpu_info_t *vi = v->vcpu_info;
	uint8_t saved_mask = vi->evtchn_upcall_mask;
	unsigned long cs = regs->cs, rsp;
	uint64_t frame[7 + PV_FRAME_MAX_EXTRA];
	unsigned int n = 0;

	if (v->pv.kernel_mode) {
		rsp = regs->rsp;
		cs &= ~3UL;
	} else {
		toggle_guest_mode(v);
		rsp = v->pv.kernel_sp;
	}
	rsp &= ~15UL;

	frame[n++] = regs->rcx;
	frame[n++] = regs->r11;
	for (unsigned int i = 0; i < n_extra; i++)
		frame[n++] = extra[i];
	frame[n++] = regs->rip;
	frame[n++] = cs | ((uint64_t)saved_mask << 32);
	frame[n++] = (regs->rflags & ~(X86_EFLAGS_IF | X86_EFLAGS_IOPL)) |
		     (saved_mask ? 0 : X86_EFLAGS_IF);
	frame[n++] = regs->rsp;
	frame[n++] = regs->ss;
	rsp -= n * sizeof(uint64_t);
	perfc_incr(bounces);
	if (copy_to_guest(rsp, frame, n * sizeof(uint64_t))) {
		pv_domain_crash(v, regs, "fault writing a bounce frame on the guest stack");
		return false;
	}
	if (mask_events)
		vi->evtchn_upcall_mask = 1;
	regs->rip = handler;
	regs->rsp = rsp;
	regs->cs = FLAT_KERNEL_CS;
	regs->ss = FLAT_KERNEL_SS;
	regs->rflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF | X86_EFLAGS_AC |
			  X86_EFLAGS_VM | X86_EFLAGS_IOPL);
	regs->rflags |= X86_EFLAGS_IF;
	clobber_rcx_r11 = true; /* the handler finds them in the frame */
	return true;
}

__hot_path bool pv_bounce(struct vcpu *v, struct cpu_user_regs *regs, unsigned long handler,
			  bool has_error, uint32_t error_code, bool mask_events)
{
	uint64_t ec = error_code;

	if (!handler) {
		pv_domain_crash(v, regs, "no handler registered for the event");
		return false;
	}
	return pv_push_frame(v, regs, handler, &ec, has_error, mask_events);
}

/* pv_inject_trap - deliver exception `vector` through the guest's trap table. */
__hot_path bool pv_inject_trap(struct vcpu *v, struct cpu_user_regs *regs, unsigned int vector,
		    bool has_error, uint32_t error_code)
{
	const struct trap_info *ti = &v->pv.trap_ctxt[vector];

	if (!ti->address) {
		char why[64];
		lamina_snprintf(why, sizeof(why), "unhandled %s (vector %u), error code %#x",
				exception_name(vector), vector, error_code);
		pv_domain_crash(v, regs, why);
		return false;
	}
	return pv_bounce(v, regs, ti->address, has_error, error_code, ti->flags & 4);
}

/* Vectors whose exceptions carry an error code (8, 10-14, 17). */
static bool vector_has_error(unsigned int v)
{
	return v == 8 || (v >= 10 && v <= 14) || v == 17;
}

__hot_path static bool pv_handle_page_fault(struct vcpu *v, struct cpu_user_regs *regs)
{
	unsigned long addr = read_cr2();
	uint32_t ec = regs->error_code;
	unsigned long ldt_addr = 0;

	/* The CPU reached an LDT page not mapped yet: map it, or fault at the guest's address. */
	if (addr >= HYPERVISOR_VIRT_START && addr < HYPERVISOR_VIRT_END) {
		if (pv_map_ldt_page(v, addr, &ldt_addr))
			return true;
		if (ldt_addr)
			addr = ldt_addr;
	}
	/* A guest kernel store into one of its read-only page tables: emulate it. */
	if (v->pv.kernel_mode && (ec & 3) == 3 && pv_ro_page_fault(regs, addr)) {
		perfc_incr(ptwr_emulations);
		return true;
	}
	v->pv.cr2 = addr;
	v->vcpu_info->arch.cr2 = addr;
	/* Hardware always reports CPL 3: say whether the guest was in user mode. */
	ec = (ec & ~4U) | (v->pv.kernel_mode ? 0 : 4U);
	return pv_inject_trap(v, regs, X86_EXC_PF, true, ec);
}

/* permit_softint - may the guest, in its current mode, raise vector n with `int $n`? */
static bool permit_softint(const struct vcpu *v, unsigned int n)
{
	unsigned int dpl = v->pv.trap_ctxt[n].flags & 3;

	return v->pv.trap_ctxt[n].address && dpl >= (v->pv.kernel_mode ? 1U : 3U);
}

/* A software `int $n` the IDT refused (#GP with the IDT bit): deliver n if its DPL allows. */
static bool pv_soft_int(struct vcpu *v, struct cpu_user_regs *regs)
{
	uint8_t insn[2];

	/* Decode the instruction: QEMU 7.2 reports a wrong vector in the error code. */
	if (copy_from_guest(insn, regs->rip, 2) || insn[0] != 0xCD)
		return pv_inject_trap(v, regs, X86_EXC_GP, true, regs->error_code);
	unsigned int n = insn[1];
	if (!permit_softint(v, n)) /* the guest kernel counts as ring 1 */
		return pv_inject_trap(v, regs, X86_EXC_GP, true, (n << 3) | 2);
	regs->rip += 2;
	return pv_inject_trap(v, regs, n, false, 0);
}

__hot_path void pv_do_trap(struct cpu_user_regs *regs)
{
	struct vcpu *v = current;
	unsigned int vec = regs->entry_vector;

	switch (vec) {
	case SYSCALL_ENTRY_VECTOR:
	case SYSCALL32_ENTRY_VECTOR:
		pv_syscall(v, regs);
		break;
	case HYPERCALL_VECTOR:
		if (v->pv.kernel_mode)
			pv_hypercall(v, regs);
		else
			pv_inject_trap(v, regs, X86_EXC_GP, true, (HYPERCALL_VECTOR << 3) | 2);
		break;
	case X86_EXC_PF:
		pv_handle_page_fault(v, regs);
		break;
	case X86_EXC_GP:
		if (regs->error_code & 2)
			pv_soft_int(v, regs);
		else if (!regs->error_code && pv_emulate_privileged(v, regs))
			perfc_incr(priv_emulations);
		else
			pv_inject_trap(v, regs, X86_EXC_GP, true, regs->error_code);
		break;
	case X86_EXC_UD:
		if (!pv_emulate_forced_insn(v, regs))
			pv_inject_trap(v, regs, X86_EXC_UD, false, 0);
		break;
	case X86_EXC_NM:
		clts();
		if (v->pv.ctrlreg0_ts) {
			v->pv.ctrlreg0_ts = 0;
			pv_inject_trap(v, regs, X86_EXC_NM, false, 0);
		}
		break;
	case X86_EXC_DB:
		v->pv.debugreg[6] = read_dr6();
		write_dr6(0xFFFF0FF0);
		pv_inject_trap(v, regs, X86_EXC_DB, false, 0);
		break;
	default:
		if (vec < 32)
			pv_inject_trap(v, regs, vec, vector_has_error(vec), regs->error_code);
		else if (vec == LEGACY_SYSCALL_VECTOR) {
			/* The gate let `int $0x80` through; the guest's table decides. */
			if (permit_softint(v, vec)) {
				pv_inject_trap(v, regs, vec, false, 0);
			} else {
				regs->rip -= 2; /* report it at the instruction, as #GP does */
				pv_inject_trap(v, regs, X86_EXC_GP, true, (vec << 3) | 2);
			}
		}
		break;
	}
}

/*
 * pv_syscall - SYSCALL from the guest. From kernel mode it is a hypercall;
 * from user mode it goes to the guest's syscall callback, with the user RIP
 * and RFLAGS in the RCX and R11 slots as the instruction left them.
 */
__hot_path void pv_syscall(struct vcpu *v, struct cpu_user_regs *regs)
{
	bool compat = regs->entry_vector == SYSCALL32_ENTRY_VECTOR;
	unsigned long cb = compat ? v->pv.syscall32_callback_eip : v->pv.syscall_callback_eip;
	bool mask = compat ? v->pv.syscall32_disables_events : v->pv.syscall_disables_events;

	regs->entry_vector = 0;
	if (v->pv.kernel_mode && !compat) {
		pv_hypercall(v, regs);
		return;
	}
	if (!cb) {
		regs->rip -= 2; /* back onto the instruction: #UD, as hardware without SYSCALL */
		pv_inject_trap(v, regs, X86_EXC_UD, false, 0);
		return;
	}
	regs->rflags &= ~X86_EFLAGS_DF;
	pv_bounce(v, regs, cb, false, 0, mask);
}

/*
 * pv_deliver_events - on the way back to the guest: an upcall when an event
 * is pending and not masked, NMIs first.
 */
__hot_path void pv_deliver_events(struct vcpu *v, struct cpu_user_regs *regs)
{
	vcpu_info_t *vi = v->vcpu_info;

	if (v->pv.nmi_pending && !v->pv.nmi_masked) {
		v->pv.nmi_pending = false;
		if (v->pv.trap_ctxt[X86_EXC_NMI].address) {
			v->pv.nmi_masked = true;
			pv_inject_trap(v, regs, X86_EXC_NMI, false, 0);
		} else {
			/* As Xen: an NMI without a handler is dropped, not kept. */
			printk(LOG_WARNING "d%uv%u Unhandled: vec 2, NMI\n", v->domain->domain_id,
			       v->vcpu_id);
		}
	}
	if (vi->evtchn_upcall_pending && !vi->evtchn_upcall_mask && v->pv.event_callback_eip) {
		perfc_incr(event_upcalls);
		pv_bounce(v, regs, v->pv.event_callback_eip, false, 0, true);
	}
}

/*
 * do_iret - the iret hypercall: return from a bounce frame, possibly to user
 * mode. The guest's RSP points at struct iret_context.
 */
__hot_path long do_iret(struct cpu_user_regs *regs)
{
	struct vcpu *v = current;
	struct iret_context ic;

	if (copy_from_guest(&ic, regs->rsp, sizeof(ic))) {
		pv_domain_crash(v, regs, "fault reading the iret frame");
		return -EFAULT;
	}
	if ((ic.cs & 3) == 3 && v->pv.kernel_mode) {
		if (!v->pv.guest_table_user) {
			pv_domain_crash(v, regs, "iret to user mode with no user page table");
			return -EFAULT;
		}
		toggle_guest_mode(v);
	}
	regs->rip = ic.rip;
	regs->cs = ic.cs | 3;
	regs->rsp = ic.rsp;
	regs->ss = ic.ss | 3;
	regs->rflags = (ic.rflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM)) | X86_EFLAGS_IF;
	v->vcpu_info->evtchn_upcall_mask = !(ic.rflags & X86_EFLAGS_IF);
	if (!(ic.flags & VGCF_in_syscall)) {
		regs->r11 = ic.r11;
		regs->rcx = ic.rcx;
	} else {
		clobber_rcx_r11 = true; /* a return from a system call: SYSRET may be used */
	}
	v->pv.nmi_masked = false;
	return (long)ic.rax; /* the hypercall return value is the restored RAX */
}

/*
 * pv_exit_via_sysret - on the way back to the guest: when its RCX and R11
 * are free to clobber (a hypercall returns; a bounce enters a handler that
 * finds them in the frame; an iret with VGCF_in_syscall) and the RIP is
 * canonical, return with SYSRET instead of IRET, as Xen does: RCX and R11
 * are made the RIP and RFLAGS SYSRET loads.
 */

__hot_path void pv_hypercall_clobbers(void)
{
	clobber_rcx_r11 = true;
}

void pv_exit_keep_all_registers(void)
{
	clobber_rcx_r11 = false;
}

__hot_path void pv_prepare_exit(struct cpu_user_regs *regs)
{
	/*
	 * Xen's rule (restore_all_guest): a canonical RIP is enough; the CS and
	 * SS in the frame are not looked at, SYSRET loads the flat ones. 32-bit
	 * user code goes back with IRET (Xen would use SYSRETL).
	 */
	bool ok = clobber_rcx_r11 && is_canonical_address(regs->rip) && regs->cs != FLAT_USER_CS32;

	clobber_rcx_r11 = false;
	if (!ok)
		return;
	regs->rcx = regs->rip;
	regs->r11 = regs->rflags;
	regs->entry_vector = EXIT_VIA_SYSRET;
	perfc_incr(exit_sysret);
}

void pv_vcpu_enter(struct vcpu *v)
{
	current = v;
	sched_start(v);
	/* The active GS base is the current mode's; the other waits in the shadow MSR. */
	wrmsr(MSR_GS_BASE, v->pv.kernel_mode ? v->pv.gs_base_kernel : v->pv.gs_base_user);
	wrmsr(MSR_SHADOW_GS_BASE, v->pv.kernel_mode ? v->pv.gs_base_user : v->pv.gs_base_kernel);
	wrmsr(MSR_FS_BASE, v->pv.fs_base);
	pv_load_cr3(v);
	pv_load_gdt(v);
	pv_load_ldt(v);
	update_vcpu_system_time(v);
	vcpu_start_timers(v);
	enter_guest(&v->regs);
}
