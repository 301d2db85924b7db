/*
 * context_switch.c - handing the CPU from one vCPU to another at an exit to
 * the guest (see asm/context_switch.h and common/sched.c).
 *
 * What a PV vCPU keeps in the CPU while it runs, and where it goes:
 *   general registers and the return frame  the frame at the top of the stack <-> v->regs
 *   DS/ES/FS/GS, FS and both GS bases      pv_save_segments / pv_load_segments (on exit)
 *   page tables (kernel or user L4)         CR3 from v->pv (pv_load_cr3)
 *   GDT and LDT                             the vCPU's views in the per-domain area
 *   FPU, SSE, AVX..., XCR0, CR0.TS          fpu_switch (asm/fpu.h)
 *   debug registers                         v->pv.debugreg, loaded when either side uses them
 * Everything else (trap table, callbacks, kernel stack, virtual IOPL, event
 * masks) lives in struct vcpu and is read from there.
 */
#include <asm/context_switch.h>
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <lamina/domain.h>

#define DR7_ENABLE_BITS 0xffUL /* L0-L3, G0-G3 */

static void switch_debugregs(const struct vcpu *prev, const struct vcpu *next)
{
	if (!((prev->pv.debugreg[7] | next->pv.debugreg[7]) & DR7_ENABLE_BITS))
		return;
	write_debugreg(7, 0);
	for (unsigned int i = 0; i < 4; i++)
		write_debugreg(i, next->pv.debugreg[i]);
	if (next->pv.debugreg[7] & DR7_ENABLE_BITS)
		write_debugreg(7, next->pv.debugreg[7]);
}

void context_switch(struct vcpu *prev, struct vcpu *next, struct cpu_user_regs *regs)
{
	prev->regs = *regs;
	pv_save_segments(prev);
	fpu_switch(prev, next);
	switch_debugregs(prev, next);

	current = next;
	pv_load_cr3(next);
	pv_load_gdt(next);
	pv_load_ldt(next);
	*regs = next->regs;
	next->pv.segments_saved = true; /* selectors and bases are loaded on the way out */
	pv_exit_keep_all_registers();
}
