/*
 * entry.S - the hypervisor's trap and interrupt entry points.
 *
 * One stub per IDT vector: it pushes a zero error code where the CPU pushes
 * none, stores the vector beside it and jumps to common_entry, which saves
 * the general registers (struct cpu_user_regs, asm/regs.h), calls
 * do_trap(regs) and returns with IRETQ.
 */
#include <asm/config.h>

/* Vectors for which the CPU pushes an error code: 8, 10-14, 17, 21, 29, 30. */
#define HAS_ERRCODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || \
			(v) == 29 || (v) == 30)

	.section .text, "ax"

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
	call	do_trap
	add	$16, %rsp
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
	add	$8, %rsp		/* error code and vector */
	iretq

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
