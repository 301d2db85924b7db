/*
 * consoled-guest.S - the code of consoled-test's tiny PV guest (layout and protocol in
 * consoled-guest.h). consoled-test copies the bytes between consoled_guest_start and
 * consoled_guest_end into the guest's code page; they never run in dom0. The code uses its
 * own pages by absolute address and its strings by RIP-relative address, so it runs wherever
 * GUEST_VA(PFN_CODE) is.
 *
 * Hypercalls: SYSCALL with the number in RAX and arguments in RDI, RSI (a 64-bit PV kernel
 * makes them itself, without a hypercall page). Only RAX, RCX, R11 and the argument
 * registers are assumed clobbered; no state lives in registers across a hypercall.
 */
#include <xen/event_channel.h>
#include <xen/sched.h>
#include <xen/xen.h>

#include "consoled-guest.h"

#define DATA(off) (GUEST_VA(PFN_DATA) + (off))
#define RING(off) (GUEST_VA(PFN_RING) + (off))
#define SHINFO(off) (GUEST_VA(SLOT_SHINFO) + (off))

	.section .rodata.consoled_guest, "a"
	.code64
	.globl consoled_guest_start, consoled_guest_end
consoled_guest_start:
	/* Events are polled for, never delivered: no upcall (consoled-test set this too). */
	movb $1, SHINFO(SHINFO_UPCALL_MASK)
	leaq banner(%rip), %rsi
	movl $(banner_end - banner), %ecx
	call put_bytes
	call signal_console

main_loop:
	/* Clear both ports' pending bits first: what fires from here on wakes the poll. */
	movl DATA(DATA_CONS_PORT), %eax
	lock btrq %rax, SHINFO(SHINFO_EVTCHN_PENDING)
	movl DATA(DATA_KICK_PORT), %eax
	lock btrq %rax, SHINFO(SHINFO_EVTCHN_PENDING)
	call echo_input
	testl %eax, %eax
	jz 1f
	call signal_console
1:	movl DATA(DATA_CMD), %eax
	cmpl $GUEST_CMD_SIGNAL, %eax
	jne 2f
	movl $GUEST_CMD_NONE, DATA(DATA_CMD)
	call signal_console
	lock incl DATA(DATA_ACKS)
	jmp main_loop
2:	cmpl $GUEST_CMD_POWEROFF, %eax
	jne 3f
	movl $__HYPERVISOR_sched_op, %eax
	movl $SCHEDOP_shutdown, %edi
	movq $DATA(DATA_SHUTDOWN), %rsi
	syscall
3:	incl DATA(DATA_LOOPS)
	movl $__HYPERVISOR_sched_op, %eax
	movl $SCHEDOP_poll, %edi
	movq $DATA(DATA_POLL), %rsi
	syscall
	jmp main_loop

/* EVTCHNOP_send on the console port. */
signal_console:
	movl DATA(DATA_CONS_PORT), %eax
	movl %eax, DATA(DATA_SEND)
	movl $__HYPERVISOR_event_channel_op, %eax
	movl $EVTCHNOP_send, %edi
	movq $DATA(DATA_SEND), %rsi
	syscall
	ret

/*
 * Append the byte in %dl to out[] when there is room: out_prod - out_cons below the ring's
 * size, which also refuses corrupt indices. Returns %eax 1 when stored, 0 when not.
 * Clobbers %r8, %r9. x86 keeps stores in order: the byte lands before out_prod moves.
 */
put_byte:
	movl RING(RING_OUT_PROD), %r8d
	movl %r8d, %r9d
	subl RING(RING_OUT_CONS), %r9d
	xorl %eax, %eax
	cmpl $RING_OUT_BYTES, %r9d
	jae 1f
	movl %r8d, %r9d
	andl $RING_OUT_MASK, %r9d
	movb %dl, RING(RING_OUT)(%r9)
	incl %r8d
	movl %r8d, RING(RING_OUT_PROD)
	movl $1, %eax
1:	ret

/* The %ecx bytes at %rsi into out[], as many as fit. */
put_bytes:
	testl %ecx, %ecx
	jz 1f
	movb (%rsi), %dl
	call put_byte
	incq %rsi
	decl %ecx
	jmp put_bytes
1:	ret

/*
 * Every byte waiting in in[], capitalised, into out[] while out[] has room. Returns %eax 1
 * when something moved.
 */
echo_input:
	xorl %r10d, %r10d
1:	movl RING(RING_IN_CONS), %ecx
	cmpl RING(RING_IN_PROD), %ecx
	je 3f
	movl %ecx, %r11d
	andl $RING_IN_MASK, %r11d
	movzbl RING(RING_IN)(%r11), %edx
	leal -0x61(%rdx), %eax		/* 'a' */
	cmpl $25, %eax			/* 'z' - 'a' */
	ja 2f
	subl $0x20, %edx		/* 'a' - 'A' */
2:	call put_byte
	testl %eax, %eax
	jz 3f
	incl %ecx
	movl %ecx, RING(RING_IN_CONS)
	movl $1, %r10d
	jmp 1b
3:	movl %r10d, %eax
	ret

banner:
	.ascii GUEST_BANNER
banner_end:
consoled_guest_end:

	.section .note.GNU-stack, "", @progbits	/* dom0's stack stays non-executable */
