/*
 * hypercall_page.S - a page for the hypervisor to fill with hypercall stubs, announced with
 * XEN_ELFNOTE_HYPERCALL_PAGE. Linked only into kernels that test the hypercall page. The
 * page starts out filled with 0x00 so that an unfilled page is recognisable.
 */
#include <xen/xen.h>
#include <xen/elfnote.h>

	.section .note.Xen, "a", @note
	.p2align 2
	.long 2f - 1f
	.long 4f - 3f
	.long XEN_ELFNOTE_HYPERCALL_PAGE
1:	.asciz "Xen"
2:	.p2align 2
3:	.quad hypercall_page
4:	.p2align 2

	.section .hypercall_page, "ax", @progbits
	.p2align 12
	.globl hypercall_page
hypercall_page:
	.fill 4096, 1, 0

/*
 * long rt_hcpage_call(nr, a1, a2, a3, a4, a5): call stub nr (32 bytes each) with the
 * arguments in RDI, RSI, RDX, R10, R8.
 */
	.text
	.globl rt_hcpage_call
rt_hcpage_call:
	mov	%rdi, %rax
	shl	$5, %rax
	lea	hypercall_page(%rip), %r11
	add	%r11, %rax
	mov	%rsi, %rdi
	mov	%rdx, %rsi
	mov	%rcx, %rdx
	mov	%r8, %r10
	mov	%r9, %r8
	call	*%rax
	ret
