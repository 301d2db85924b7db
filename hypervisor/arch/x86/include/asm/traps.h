/* asm/traps.h - exception handling and crash reporting. */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <asm/regs.h>

#define X86_EXC_DE 0
#define X86_EXC_DB 1
#define X86_EXC_NMI 2
#define X86_EXC_BP 3
#define X86_EXC_OF 4
#define X86_EXC_BR 5
#define X86_EXC_UD 6
#define X86_EXC_NM 7
#define X86_EXC_DF 8
#define X86_EXC_TS 10
#define X86_EXC_NP 11
#define X86_EXC_SS 12
#define X86_EXC_GP 13
#define X86_EXC_PF 14
#define X86_EXC_MF 16
#define X86_EXC_AC 17
#define X86_EXC_MC 18
#define X86_EXC_XM 19
#define X86_EXC_VE 20
#define X86_EXC_CP 21

/* do_trap - the C entry for every vector (from entry.S). */
void do_trap(struct cpu_user_regs *regs);

/*
 * extable_fault - the last fault do_trap() sent to an exception-table fixup,
 * as the error-code/vector word of struct cpu_user_regs: error code in bits
 * 0-31, vector in bits 32-63. entry.S iret_fault re-raises it for the guest.
 */
extern uint64_t extable_fault;

/* show_registers - print every register of regs plus CR0/CR2/CR3/CR4. */
void show_registers(const struct cpu_user_regs *regs);

/* show_backtrace - print the frame-pointer chain starting at regs' RIP and RBP, symbolized. */
void show_backtrace(const struct cpu_user_regs *regs);

/* nmi_received - NMIs handled so far; *stack names the stack the last one ran on. */
unsigned long nmi_received(const char **stack);

/* exception_name - "page fault" etc. for vectors 0-31. */
const char *exception_name(unsigned int vector);

#endif /* ASM_TRAPS_H */
