/*
 * usercopy.S - copies that survive faults on guest memory (asm/uaccess.h).
 * The only instructions that touch guest memory are the REP string
 * instructions below; the exception table sends a fault on them to a fixup
 * that returns the count of bytes left. Whole quadwords go first (REP MOVSQ
 * is several times cheaper than byte moves, under emulation especially),
 * then the remaining bytes.
 */
#include <asm/extable.h>

	.section .text.hot, "ax"
	/* size_t raw_copy(void *dst, const void *src, size_t len) */
	.globl	raw_copy
raw_copy:
	mov	%rdx, %rcx
	shr	$3, %rcx
	and	$7, %edx
1:	rep movsq
	mov	%rdx, %rcx
2:	rep movsb
3:	mov	%rcx, %rax
	ret
	/* A fault in the quadword part: the bytes left are RCX * 8 plus the tail. */
4:	lea	(%rdx, %rcx, 8), %rax
	ret
	_ASM_EXTABLE(1b, 4b)
	_ASM_EXTABLE(2b, 3b)

	/* size_t raw_clear(unsigned long va, size_t len) -- checked in C first */
	.globl	raw_clear
raw_clear:
	mov	%rsi, %rcx
	xor	%eax, %eax
5:	rep stosb
6:	mov	%rcx, %rax
	ret
	_ASM_EXTABLE(5b, 6b)

	.section .note.GNU-stack, "", @progbits
