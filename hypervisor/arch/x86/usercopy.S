/*
 * usercopy.S - copies that survive faults on guest memory (asm/uaccess.h).
 * The only instructions that touch guest memory are the REP string
 * instructions below; the exception table sends a fault on them to the
 * fixup, which returns the count of bytes left (RCX).
 */
#include <asm/extable.h>

	.text
	/* size_t raw_copy(void *dst, const void *src, size_t len) */
	.globl	raw_copy
raw_copy:
	mov	%rdx, %rcx
1:	rep movsb
2:	mov	%rcx, %rax
	ret
	_ASM_EXTABLE(1b, 2b)

	/* size_t clear_guest(unsigned long va, size_t len) -- checked in C first */
	.globl	raw_clear
raw_clear:
	mov	%rsi, %rcx
	xor	%eax, %eax
3:	rep stosb
4:	mov	%rcx, %rax
	ret
	_ASM_EXTABLE(3b, 4b)

	.section .note.GNU-stack, "", @progbits
