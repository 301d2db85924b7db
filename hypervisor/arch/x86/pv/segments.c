/*
 * segments.c - a PV vCPU's data segments across a full context switch, and
 * the failsafe callback when one of them cannot be loaded again.
 *
 * While a vCPU runs, its DS, ES, FS and GS selectors and the FS/GS bases
 * live in the CPU; the hypervisor never touches them on its own entries and
 * exits. When the vCPU's state has to leave the CPU (another context runs
 * there), pv_save_segments() records them and the next return to the guest
 * loads them again with pv_load_segments(). The guest may meanwhile have
 * taken away what a selector names (a GDT or LDT change), so the load can
 * fault: the selector is then NUL and, as in Xen's load_segments()
 * (xen/arch/x86/domain.c), the guest is entered at its failsafe callback
 * with this frame on its kernel stack, lowest address first:
 *
 *   RCX, R11, DS, ES, FS, GS (the saved selectors, the failed ones among
 *   them), RIP, CS | upcall mask << 32, RFLAGS (IF = !mask), RSP, SS
 *
 * 11 words ending at the stack pointer rounded down to 16 bytes: the
 * current RSP in guest kernel mode, the stack_switch stack from user mode
 * (the vCPU changes to kernel mode). CS has its RPL cleared in kernel mode.
 * The failsafe address is not checked: 0 resumes the guest at RIP 0.
 */
#include <asm/extable.h>
#include <asm/processor.h>
#include <asm/pv/traps.h>
#include <asm/uaccess.h>
#include <lamina/console.h>
#include <lamina/domain.h>

enum { SEG_DS, SEG_ES, SEG_FS, SEG_GS };

void pv_save_segments(struct vcpu *v)
{
	struct pv_vcpu *pv = &v->pv;
	uint16_t ds, es, fs, gs;

	if (pv->segments_saved)
		return;
	asm volatile("mov %%ds, %0; mov %%es, %1; mov %%fs, %2; mov %%gs, %3"
		     : "=r"(ds), "=r"(es), "=r"(fs), "=r"(gs));
	pv->saved_sel[SEG_DS] = ds;
	pv->saved_sel[SEG_ES] = es;
	pv->saved_sel[SEG_FS] = fs;
	pv->saved_sel[SEG_GS] = gs;
	/* A selector load in guest code may have changed a base behind our back. */
	pv->fs_base = rdmsr(MSR_FS_BASE);
	if (pv->kernel_mode) {
		pv->gs_base_kernel = rdmsr(MSR_GS_BASE);
		pv->gs_base_user = rdmsr(MSR_SHADOW_GS_BASE);
	} else {
		pv->gs_base_user = rdmsr(MSR_GS_BASE);
		pv->gs_base_kernel = rdmsr(MSR_SHADOW_GS_BASE);
	}
	pv->segments_saved = true;
}

/*
 * Load sel into a segment register; on a fault (#GP, #NP, or #PF on the LDT)
 * load NUL instead and return false.
 */
#define LOAD_SEGMENT(seg, sel)                                                                     \
	({                                                                                         \
		unsigned int ok_ = 1, s_ = (sel);                                                  \
		asm volatile("1: mov %w[s], %%" #seg "\n\t"                                        \
			     "2:\n\t"                                                              \
			     ".pushsection .text.fixup, \"ax\"\n\t"                                \
			     "3: xor %k[s], %k[s]\n\t"                                             \
			     "   mov %w[s], %%" #seg "\n\t"                                        \
			     "   xor %k[ok], %k[ok]\n\t"                                           \
			     "   jmp 2b\n\t"                                                       \
			     ".popsection\n\t" _ASM_EXTABLE(1b, 3b)                                \
			     : [ok] "+r"(ok_), [s] "+r"(s_)                                        \
			     :                                                                     \
			     : "memory");                                                          \
		ok_;                                                                               \
	})

/* Enter the failsafe callback with the frame of the header comment. */
static void enter_failsafe(struct vcpu *v, struct cpu_user_regs *regs)
{
	const struct pv_vcpu *pv = &v->pv;
	uint64_t sels[4] = {pv->saved_sel[SEG_DS], pv->saved_sel[SEG_ES], pv->saved_sel[SEG_FS],
			    pv->saved_sel[SEG_GS]};

	/* On failure the domain has crashed; its vCPU is descheduled before it could run. */
	pv_push_frame(v, regs, pv->failsafe_callback_eip, sels, 4, pv->failsafe_disables_events);
}

void pv_load_segments(struct vcpu *v, struct cpu_user_regs *regs)
{
	struct pv_vcpu *pv = &v->pv;
	bool ok = true;

	pv->segments_saved = false;
	ok &= LOAD_SEGMENT(ds, pv->saved_sel[SEG_DS]);
	ok &= LOAD_SEGMENT(es, pv->saved_sel[SEG_ES]);
	ok &= LOAD_SEGMENT(fs, pv->saved_sel[SEG_FS]);
	ok &= LOAD_SEGMENT(gs, pv->saved_sel[SEG_GS]);
	/* Loading FS and GS set their bases from the descriptors: the saved ones win. */
	wrmsr(MSR_FS_BASE, pv->fs_base);
	wrmsr(MSR_GS_BASE, pv->kernel_mode ? pv->gs_base_kernel : pv->gs_base_user);
	wrmsr(MSR_SHADOW_GS_BASE, pv->kernel_mode ? pv->gs_base_user : pv->gs_base_kernel);
	if (!ok) {
		printk(LOG_DEBUG "d%uv%u: data selectors %04x/%04x/%04x/%04x could not all be "
				 "reloaded: failsafe callback\n",
		       v->domain->domain_id, v->vcpu_id, pv->saved_sel[SEG_DS],
		       pv->saved_sel[SEG_ES], pv->saved_sel[SEG_FS], pv->saved_sel[SEG_GS]);
		enter_failsafe(v, regs);
	}
}
