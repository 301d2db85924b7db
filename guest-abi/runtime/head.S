/*
 * head.S - entry point, ELF notes, trap/callback entry stubs and the iret paths of the
 * conformance runtime.
 *
 * Bounce frames (what the hypervisor pushes on the guest kernel stack, lowest first):
 *	RCX, R11, [error code], RIP, CS | mask << 32, RFLAGS, RSP, SS
 * Every stub pops RCX and R11 (leaving a hardware-like frame), pushes a zero error code if
 * the vector has none, pushes the vector, and joins rt_entry_common, which saves the
 * registers as a struct rt_regs and calls rt_trap_dispatch(regs). The way out rebuilds an
 * iret_context {rax, r11, rcx, flags, rip, cs, rflags, rsp, ss} in place and issues the iret
 * hypercall.
 */
#include <xen/xen.h>
#include <xen/elfnote.h>

/* struct rt_regs offsets */
#define R_R15		0
#define R_R14		8
#define R_R13		16
#define R_R12		24
#define R_RBP		32
#define R_RBX		40
#define R_R11		48
#define R_R10		56
#define R_R9		64
#define R_R8		72
#define R_RAX		80
#define R_RCX		88
#define R_RDX		96
#define R_RSI		104
#define R_RDI		112
#define R_IRETFL	120
#define R_VEC		128
#define R_ERR		136
#define R_RIP		144

/* ---------------------------------------------------------------------------------------
 * ELF notes read by the domain builder.
 */
#define NOTE(type, desctype, desc...)						\
	.p2align 2;								\
	.long 2f - 1f;								\
	.long 4f - 3f;								\
	.long type;								\
1:	.asciz "Xen";								\
2:	.p2align 2;								\
3:	desctype desc;								\
4:	.p2align 2

	.section .note.Xen, "a", @note
	NOTE(XEN_ELFNOTE_XEN_VERSION, .asciz, "xen-3.0")
	NOTE(XEN_ELFNOTE_GUEST_OS, .asciz, "linux")
	NOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz, "lamina-conformance")
	NOTE(XEN_ELFNOTE_LOADER, .asciz, "generic")
	NOTE(XEN_ELFNOTE_VIRT_BASE, .quad, 0xffffffff80000000)
	NOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad, 0)
	NOTE(XEN_ELFNOTE_ENTRY, .quad, _start)

/* ---------------------------------------------------------------------------------------
 * Entry: RSI = start_info. Save the initial register state before touching anything.
 */
	.text
	.globl _start
_start:
	mov	%rax, rt_boot_regs+0(%rip)
	mov	%rbx, rt_boot_regs+8(%rip)
	mov	%rcx, rt_boot_regs+16(%rip)
	mov	%rdx, rt_boot_regs+24(%rip)
	mov	%rsi, rt_boot_regs+32(%rip)
	mov	%rdi, rt_boot_regs+40(%rip)
	mov	%rbp, rt_boot_regs+48(%rip)
	mov	%rsp, rt_boot_regs+56(%rip)
	mov	%r8, rt_boot_regs+64(%rip)
	mov	%r9, rt_boot_regs+72(%rip)
	mov	%r10, rt_boot_regs+80(%rip)
	mov	%r11, rt_boot_regs+88(%rip)
	mov	%r12, rt_boot_regs+96(%rip)
	mov	%r13, rt_boot_regs+104(%rip)
	mov	%r14, rt_boot_regs+112(%rip)
	mov	%r15, rt_boot_regs+120(%rip)
	pushfq
	popq	rt_boot_regs+128(%rip)
	xor	%eax, %eax
	mov	%cs, %ax
	mov	%rax, rt_boot_regs+136(%rip)
	mov	%ss, %ax
	mov	%rax, rt_boot_regs+144(%rip)
	mov	%ds, %ax
	mov	%rax, rt_boot_regs+152(%rip)
	mov	%es, %ax
	mov	%rax, rt_boot_regs+160(%rip)
	mov	%fs, %ax
	mov	%rax, rt_boot_regs+168(%rip)
	mov	%gs, %ax
	mov	%rax, rt_boot_regs+176(%rip)

	/* Zero .bss (the stack lives there, so no calls before this is done). */
	lea	__bss_start(%rip), %rdi
	lea	__bss_end(%rip), %rcx
	sub	%rdi, %rcx
	xor	%eax, %eax
	cld
	rep stosb

	lea	rt_stack_top(%rip), %rsp
	xor	%ebp, %ebp
	mov	rt_boot_regs+32(%rip), %rdi
	call	rt_start
1:	ud2
	jmp	1b

/* ---------------------------------------------------------------------------------------
 * Trap entry stubs, 16 bytes apart so rt_trap_stub() can compute them.
 */
.macro STUB_NOEC vec
	.p2align 4
	pop	%rcx
	pop	%r11
	pushq	$0
	pushq	$\vec
	jmp	rt_entry_common
.endm
.macro STUB_EC vec
	.p2align 4
	pop	%rcx
	pop	%r11
	pushq	$\vec
	jmp	rt_entry_common
.endm

	.p2align 4
	.globl rt_trap_stubs
rt_trap_stubs:
	STUB_NOEC 0
	STUB_NOEC 1
	STUB_NOEC 2
	STUB_NOEC 3
	STUB_NOEC 4
	STUB_NOEC 5
	STUB_NOEC 6
	STUB_NOEC 7
	STUB_EC   8
	STUB_NOEC 9
	STUB_EC   10
	STUB_EC   11
	STUB_EC   12
	STUB_EC   13
	STUB_EC   14
	STUB_NOEC 15
	STUB_NOEC 16
	STUB_EC   17
	STUB_NOEC 18
	STUB_NOEC 19
	STUB_NOEC 20
	STUB_EC   21
	STUB_NOEC 22
	STUB_NOEC 23
	STUB_NOEC 24
	STUB_NOEC 25
	STUB_NOEC 26
	STUB_NOEC 27
	STUB_NOEC 28
	STUB_EC   29
	STUB_EC   30
	STUB_NOEC 31
	.p2align 4
	.globl rt_trap_stub_0x80
rt_trap_stub_0x80:
	STUB_NOEC 0x80

	/* Event upcall: frame without error code. */
	.p2align 4
	.globl rt_event_entry
rt_event_entry:
	pop	%rcx
	pop	%r11
	pushq	$0
	pushq	$0x100
	jmp	rt_entry_common

	/* SYSCALL from guest user mode: RCX/R11 slots hold the user RIP/RFLAGS. */
	.p2align 4
	.globl rt_syscall_entry
rt_syscall_entry:
	pop	%rcx
	pop	%r11
	pushq	$0
	pushq	$0x101
	jmp	rt_entry_common

	/*
	 * Failsafe: RCX, R11, DS, ES, FS, GS, RIP, CS, RFLAGS, RSP, SS. Record the four
	 * selectors and drop them.
	 */
	.p2align 4
	.globl rt_failsafe_entry
rt_failsafe_entry:
	pop	%rcx
	pop	%r11
	popq	rt_failsafe_sels+0(%rip)
	popq	rt_failsafe_sels+8(%rip)
	popq	rt_failsafe_sels+16(%rip)
	popq	rt_failsafe_sels+24(%rip)
	pushq	$0
	pushq	$0x102
	jmp	rt_entry_common

rt_entry_common:
	pushq	$0			/* iret_flags */
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
	mov	%rsp, %rbx
	and	$-16, %rsp
	call	rt_trap_dispatch
	mov	%rbx, %rsp
	/* fall through */

	/* rt_regs_exit: RSP points at a struct rt_regs; return to it through iret. */
	.globl rt_regs_exit
rt_regs_exit:
	mov	R_RDI(%rsp), %rdi
	mov	R_IRETFL(%rsp), %rax
	mov	%rax, R_ERR(%rsp)	/* iret_context.flags */
	mov	R_RCX(%rsp), %rax
	mov	%rax, R_VEC(%rsp)	/* iret_context.rcx */
	mov	R_R11(%rsp), %rax
	mov	%rax, R_IRETFL(%rsp)	/* iret_context.r11 */
	mov	R_RAX(%rsp), %rax
	mov	%rax, R_RDI(%rsp)	/* iret_context.rax */
	mov	R_R15(%rsp), %r15
	mov	R_R14(%rsp), %r14
	mov	R_R13(%rsp), %r13
	mov	R_R12(%rsp), %r12
	mov	R_RBP(%rsp), %rbp
	mov	R_RBX(%rsp), %rbx
	mov	R_R10(%rsp), %r10
	mov	R_R9(%rsp), %r9
	mov	R_R8(%rsp), %r8
	mov	R_RDX(%rsp), %rdx
	mov	R_RSI(%rsp), %rsi
	lea	R_RDI(%rsp), %rsp
	mov	$__HYPERVISOR_iret, %eax
	syscall
	ud2

/* void rt_iret_to(struct iret_context *ctx, unsigned long rdi) */
	.globl rt_iret_to
rt_iret_to:
	mov	%rdi, %rsp
	mov	%rsi, %rdi
	mov	$__HYPERVISOR_iret, %eax
	syscall
	ud2

/*
 * int rt_setjmp(struct rt_jmpbuf *jb): save callee-saved registers, the stack pointer after
 * return, the return address and the current event mask.
 */
	.globl rt_setjmp
rt_setjmp:
	mov	%rbx, 0(%rdi)
	mov	%rbp, 8(%rdi)
	mov	%r12, 16(%rdi)
	mov	%r13, 24(%rdi)
	mov	%r14, 32(%rdi)
	mov	%r15, 40(%rdi)
	lea	8(%rsp), %rax
	mov	%rax, 48(%rdi)
	mov	(%rsp), %rax
	mov	%rax, 56(%rdi)
	mov	rt_vcpu_info(%rip), %rax
	movzbl	1(%rax), %eax
	mov	%rax, 64(%rdi)
	xor	%eax, %eax
	ret

/* User-mode helper: SYSCALL with rax = RT_USER_EXIT_NR, rdi = code. */
	.globl rt_user_exit
rt_user_exit:
	mov	$0x5eed, %eax
	syscall
	ud2

	.bss
	.p2align 12
	.globl rt_stack
rt_stack:
	.skip	65536
	.globl rt_stack_top
rt_stack_top:
	.globl rt_failsafe_sels
rt_failsafe_sels:
	.skip	32

	.text
/* void rt_longjmp(const struct rt_jmpbuf *jb, uint64_t val): plain longjmp (no trap). */
	.globl rt_longjmp
rt_longjmp:
	mov	rt_vcpu_info(%rip), %rax
	mov	64(%rdi), %rcx
	mov	%cl, 1(%rax)
	mov	0(%rdi), %rbx
	mov	8(%rdi), %rbp
	mov	16(%rdi), %r12
	mov	24(%rdi), %r13
	mov	32(%rdi), %r14
	mov	40(%rdi), %r15
	mov	48(%rdi), %rsp
	mov	%rsi, %rax
	jmp	*56(%rdi)
