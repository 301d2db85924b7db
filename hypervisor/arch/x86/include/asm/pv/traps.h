/*
 * asm/pv/traps.h - running a PV guest's vCPU: mode switches, bounced
 * exceptions, event upcalls, the iret hypercall and instruction emulation.
 */
#ifndef ASM_PV_TRAPS_H
#define ASM_PV_TRAPS_H

#include <asm/regs.h>
#include <lamina/domain.h>

/* toggle_guest_mode - switch v between guest kernel and guest user mode (page tables, GS). */
void toggle_guest_mode(struct vcpu *v);

/*
 * pv_push_frame - resume v in guest kernel mode at handler with a frame for
 * the interrupted context in regs, lowest address first: RCX, R11, the
 * n_extra words of extra (at most PV_FRAME_MAX_EXTRA), RIP, CS | saved
 * upcall mask << 32, RFLAGS (IF = !mask), RSP, SS. It goes on the current
 * stack in kernel mode (CS with RPL 0) or on the stack_switch stack from
 * user mode (the vCPU changes mode), 16-byte aligned; mask_events sets the
 * upcall mask. handler is not checked. False (domain crashed) when the
 * frame cannot be written. Xen: create_bounce_frame, load_segments.
 */
#define PV_FRAME_MAX_EXTRA 4
bool pv_push_frame(struct vcpu *v, struct cpu_user_regs *regs, unsigned long handler,
		   const uint64_t *extra, unsigned int n_extra, bool mask_events);

/*
 * pv_bounce - resume the guest at handler, writing Xen's bounce frame for the
 * context in regs on the guest kernel stack. Returns false when the domain
 * had to be crashed instead (no handler, unwritable stack).
 */
bool pv_bounce(struct vcpu *v, struct cpu_user_regs *regs, unsigned long handler, bool has_error,
	       uint32_t error_code, bool mask_events);

/* pv_inject_trap - deliver exception vector through v's trap table. */
bool pv_inject_trap(struct vcpu *v, struct cpu_user_regs *regs, unsigned int vector,
		    bool has_error, uint32_t error_code);

/* pv_do_trap - everything that enters the hypervisor from a PV guest. */
void pv_do_trap(struct cpu_user_regs *regs);
void pv_syscall(struct vcpu *v, struct cpu_user_regs *regs);
void pv_hypercall(struct vcpu *v, struct cpu_user_regs *regs);

/* pv_deliver_events - before returning to the guest: pending NMI, then a pending upcall. */
void pv_deliver_events(struct vcpu *v, struct cpu_user_regs *regs);

/*
 * pv_prepare_exit - last step before returning to the guest: switch to the
 * SYSRET way back when the exit allows it (pv_hypercall_clobbers, bounces).
 */
void pv_prepare_exit(struct cpu_user_regs *regs);
void pv_hypercall_clobbers(void);

/*
 * pv_save_segments - the vCPU's state leaves the CPU: record its DS, ES, FS,
 * GS selectors and FS/GS bases (pv/segments.c). The next return to the
 * guest must call pv_load_segments() (pv.segments_saved says so).
 */
void pv_save_segments(struct vcpu *v);

/*
 * pv_load_segments - load what pv_save_segments() recorded. A selector that
 * faults becomes NUL and the guest is sent to its failsafe callback with
 * Xen's frame; the domain is crashed if that frame cannot be written.
 */
void pv_load_segments(struct vcpu *v, struct cpu_user_regs *regs);

/* do_iret - the iret hypercall; returns the RAX to resume with. */
long do_iret(struct cpu_user_regs *regs);

/* pv_domain_crash - report a fatal guest error with its registers and stack; shuts the domain down. */
void pv_domain_crash(struct vcpu *v, const struct cpu_user_regs *regs, const char *why);
void show_guest_state(const struct vcpu *v, const struct cpu_user_regs *regs);

/* Emulation of what the guest kernel executes without asking (pv/emulate.c). */
bool pv_emulate_privileged(struct vcpu *v, struct cpu_user_regs *regs);
bool pv_emulate_forced_insn(struct vcpu *v, struct cpu_user_regs *regs);
long load_user_gs_selector(struct vcpu *v, uint16_t sel);

/*
 * pv_set_segment_base - set_segment_base's SEGBASE_* `which` for v (the
 * running vCPU): the base goes into the MSR now active or shadowed for that
 * mode and into v's record. -EINVAL for a non-canonical base or an unknown
 * which. Also what WRMSR of the FS/GS base MSRs is emulated with.
 */
long pv_set_segment_base(struct vcpu *v, unsigned int which, unsigned long base);
long set_debugreg(struct vcpu *v, unsigned int reg, unsigned long value);

/*
 * pv_write_hypercall_page - fill a 4 KiB page with the hypercall stubs a PV
 * kernel's XEN_ELFNOTE_HYPERCALL_PAGE asks for: stub n (32 bytes at n * 32)
 * makes hypercall n with SYSCALL, keeping RCX and R11; the iret stub does not
 * return.
 */
void pv_write_hypercall_page(uint8_t *page);

struct vcpu_guest_context;
/*
 * pv_set_vcpu_context - load v's state from c (VCPUOP_initialise,
 * XEN_DOMCTL_setvcpucontext); v is not on the CPU. Xen's checks and errors
 * (-EINVAL, -EOPNOTSUPP; pv/vcpu_context.c lists them); nothing changes on
 * an error. v is up afterwards iff c->flags has VGCF_online.
 */
int pv_set_vcpu_context(struct vcpu *v, const struct vcpu_guest_context *c);

/*
 * pv_get_vcpu_context - v's state as a vcpu_guest_context (XEN_DOMCTL_getvcpucontext):
 * registers as saved when it last left the CPU, its FPU state (VGCF_i387_valid), tables,
 * callbacks, VGCF_online when up.
 */
void pv_get_vcpu_context(struct vcpu *v, struct vcpu_guest_context *c);

/*
 * pv_exit_keep_all_registers - the next exit returns to another vCPU's
 * frame: every register must come back as saved (IRET, no SYSRET).
 */
void pv_exit_keep_all_registers(void);

/* pv_vcpu_enter - load v's state (page tables, segment bases, GDT) and run it; never returns. */
void pv_vcpu_enter(struct vcpu *v) __noreturn;

/* enter_guest - entry.S: copy regs to this CPU's guest frame and IRET to it. */
void enter_guest(const struct cpu_user_regs *regs) __noreturn;

#endif /* ASM_PV_TRAPS_H */
