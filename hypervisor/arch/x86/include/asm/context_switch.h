/*
 * asm/context_switch.h - moving the CPU from one vCPU to another
 * (arch/x86/context_switch.c).
 */
#ifndef ASM_CONTEXT_SWITCH_H
#define ASM_CONTEXT_SWITCH_H

struct vcpu;
struct cpu_user_regs;

/*
 * context_switch - at an exit to the guest, with regs the frame at the top
 * of the stack holding prev's registers: save prev's state (registers,
 * segments, FPU, debug registers) and load next's (page tables, GDT, LDT,
 * FPU, XCR0, CR0.TS, debug registers), leaving next's registers in regs
 * and next as current. Segment selectors and bases are loaded on the way
 * out (pv_load_segments).
 */
void context_switch(struct vcpu *prev, struct vcpu *next, struct cpu_user_regs *regs);

#endif /* ASM_CONTEXT_SWITCH_H */
