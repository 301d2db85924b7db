/*
 * entry.S - the hypervisor's trap and interrupt entry points.
 *
 * One stub per IDT vector: it pushes a zero error code where the CPU pushes
 * none, stores the vector beside it and jumps to common_entry, which saves
 * the general registers (struct cpu_user_regs, asm/regs.h), calls
 * do_trap(regs) and returns with IRETQ.
 */
#include <asm/config.h>
#include <asm/extable.h>
#include <asm/regs.h>

/* Vectors for which the CPU pushes an error code: 8, 10-14, 17, 21, 29, 30. */
#define HAS_ERRCODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || \
			(v) == 29 || (v) == 30)

/* The general registers of struct cpu_user_regs, off the stack (the reverse of common_entry's pushes). */
.macro POP_GPRS
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rax
	pop	%rcx
	pop	%rdx
	pop	%rsi
	pop	%rdi
.endm

	.section .text.hot, "ax"

	.align 16
common_entry:
	push	%rdi
	push	%rsi
	push	%rdx
	push	%rcx
	push	%rax
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	cld
	mov	%rsp, %rdi
	/* A frame record linking to the interrupted code, for backtraces. */
	push	15*8+8(%rsp)		/* the interrupted RIP */
	push	10*8+8(%rsp)		/* the interrupted RBP */
	mov	%rsp, %rbp
	sub	$8, %rsp		/* 16-byte alignment at the call */
	call	do_trap
	add	$24, %rsp
	.globl	restore_all
restore_all:
	/* The C code may have chosen the faster SYSRET way back (see pv_exit_via_sysret). */
	cmpl	$EXIT_VIA_SYSRET, 15*8+4(%rsp)
	je	restore_sysret
	POP_GPRS
	add	$8, %rsp		/* error code and vector */
.Lguest_iret:
	iretq
	_ASM_EXTABLE(.Lguest_iret, iret_fault)

	/*
	 * IRETQ to the guest faulted on something the guest gave (a selector it
	 * cannot load, a non-canonical RIP); the frame it tried is at RSP. As in
	 * Xen, this is that exception raised by the guest at the frame's RIP:
	 * push the error code and vector do_trap() recorded and take the ordinary
	 * entry, which bounces it to the guest's trap handler (#GP or #NP with the
	 * selector) or maps a lazily shown LDT page and tries again.
	 */
iret_fault:
	push	extable_fault(%rip)
	jmp	common_entry

	/*
	 * Back to 64-bit guest code at CPL 3 with SYSRET: RIP from RCX and RFLAGS
	 * from R11 (the C code copied them there), CS/SS the flat ring-3
	 * selectors (STAR), RSP from the frame. Interrupts stay off until SYSRET
	 * loads RFLAGS.
	 */
restore_sysret:
	POP_GPRS
	mov	4*8(%rsp), %rsp		/* the guest RSP slot, past error code, RIP, CS, RFLAGS */
	sysretq

	/*
	 * SYSCALL from a guest (LSTAR). SFMASK has cleared IF, DF, TF, AC and NT;
	 * RSP is still the guest's. Build the same frame as an interrupt from
	 * ring 3 at the top of this CPU's stack (TSS.RSP0) and go through
	 * common_entry with entry_vector SYSCALL_ENTRY_VECTOR. One CPU for now:
	 * the guest RSP is parked in a global, as a per-CPU stub would do.
	 */
	.align	16
	.globl	syscall_entry
syscall_entry:
	mov	%rsp, syscall_guest_rsp(%rip)
	mov	boot_tss+4(%rip), %rsp
	push	$FLAT_RING3_DS32	/* SS */
	push	syscall_guest_rsp(%rip)
	push	%r11			/* RFLAGS */
	push	$FLAT_RING3_CS64	/* CS */
	push	%rcx			/* RIP */
	push	$0
	movl	$SYSCALL_ENTRY_VECTOR, 4(%rsp)
	jmp	common_entry

	/* SYSCALL from 32-bit compat mode (CSTAR): the same, with the 32-bit code selector. */
	.align	16
	.globl	syscall32_entry
syscall32_entry:
	mov	%rsp, syscall_guest_rsp(%rip)
	mov	boot_tss+4(%rip), %rsp
	push	$FLAT_RING3_DS32
	push	syscall_guest_rsp(%rip)
	push	%r11
	push	$FLAT_RING3_CS32
	push	%rcx
	push	$0
	movl	$SYSCALL32_ENTRY_VECTOR, 4(%rsp)
	jmp	common_entry

	/*
	 * void enter_guest(const struct cpu_user_regs *regs): load regs into the
	 * frame at the top of this CPU's stack and return to the guest with them.
	 */
	.globl	enter_guest
enter_guest:
	mov	boot_tss+4(%rip), %rsp
	sub	$CPU_USER_REGS_BYTES, %rsp
	mov	%rdi, %rsi
	mov	%rsp, %rdi
	mov	$CPU_USER_REGS_BYTES, %ecx
	rep movsb
	jmp	restore_all

	.bss
	.align	8
syscall_guest_rsp:
	.quad	0

	.text
	/*
	 * The stubs, VECTOR_STUB_BYTES apart: vector v's entry point is
	 * vector_stubs + v * VECTOR_STUB_BYTES (see desc.c). Each is at most
	 * 2 (push) + 8 (movl) + 5 (jmp rel32) = 15 bytes.
	 */
	.align	16
	.globl	vector_stubs
vector_stubs:
	.set	v, 0
	.rept	256
	.if !HAS_ERRCODE(v)
	push	$0
	.endif
	movl	$v, 4(%rsp)
	jmp	common_entry
	.align	16, 0xcc
	.set	v, v + 1
	.endr
	.section .note.GNU-stack, "", @progbits
