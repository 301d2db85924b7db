/*
 * traps.c - what the hypervisor does with each exception and interrupt.
 *
 * Exceptions raised by the hypervisor itself are bugs: they print the
 * vector, error code, every register, the control registers and a
 * symbolized backtrace, then stop the machine (reboot, or halt with
 * noreboot). NMIs are reported and survived. Interrupts go to their handler.
 */
#include <asm/apic.h>
#include <asm/config.h>
#include <asm/desc.h>
#include <asm/extable.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <asm/io_apic.h>
#include <asm/irq.h>
#include <asm/pirq.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <lamina/console.h>
#include <lamina/domain.h>
#include <lamina/sched.h>
#include <lamina/shutdown.h>
#include <lamina/symbols.h>
#include <lamina/timer.h>
#include <lamina/perfc.h>

static const char *const exception_names[32] = {
	[X86_EXC_DE] = "divide error",
	[X86_EXC_DB] = "debug",
	[X86_EXC_NMI] = "NMI",
	[X86_EXC_BP] = "breakpoint",
	[X86_EXC_OF] = "overflow",
	[X86_EXC_BR] = "bound range",
	[X86_EXC_UD] = "invalid opcode",
	[X86_EXC_NM] = "device not available",
	[X86_EXC_DF] = "double fault",
	[9] = "coprocessor segment overrun",
	[X86_EXC_TS] = "invalid TSS",
	[X86_EXC_NP] = "segment not present",
	[X86_EXC_SS] = "stack-segment fault",
	[X86_EXC_GP] = "general protection fault",
	[X86_EXC_PF] = "page fault",
	[15] = "reserved vector 15",
	[X86_EXC_MF] = "x87 floating-point error",
	[X86_EXC_AC] = "alignment check",
	[X86_EXC_MC] = "machine check",
	[X86_EXC_XM] = "SIMD floating-point error",
	[X86_EXC_VE] = "virtualization exception",
	[X86_EXC_CP] = "control protection",
};

const char *exception_name(unsigned int vector)
{
	if (vector < 32 && exception_names[vector])
		return exception_names[vector];
	return vector < 32 ? "reserved exception" : "interrupt";
}

void show_registers(const struct cpu_user_regs *r)
{
	printk(LOG_ERR "RIP:    %04lx:[<%016lx>] %pS\n", (unsigned long)r->cs, (unsigned long)r->rip,
	       (void *)r->rip);
	printk(LOG_ERR "RFLAGS: %016lx   CONTEXT: %s\n", (unsigned long)r->rflags,
	       regs_from_guest(r) ? "guest" : "hypervisor");
	printk(LOG_ERR "rax: %016lx   rbx: %016lx   rcx: %016lx\n", r->rax, r->rbx, r->rcx);
	printk(LOG_ERR "rdx: %016lx   rsi: %016lx   rdi: %016lx\n", r->rdx, r->rsi, r->rdi);
	printk(LOG_ERR "rbp: %016lx   rsp: %016lx   r8:  %016lx\n", r->rbp, r->rsp, r->r8);
	printk(LOG_ERR "r9:  %016lx   r10: %016lx   r11: %016lx\n", r->r9, r->r10, r->r11);
	printk(LOG_ERR "r12: %016lx   r13: %016lx   r14: %016lx\n", r->r12, r->r13, r->r14);
	printk(LOG_ERR "r15: %016lx   cs:  %04lx   ss: %04lx\n", r->r15, (unsigned long)r->cs,
	       (unsigned long)r->ss);
	printk(LOG_ERR "cr0: %016lx   cr2: %016lx\n", read_cr0(), read_cr2());
	printk(LOG_ERR "cr3: %016lx   cr4: %016lx\n", read_cr3(), read_cr4());
}

#define X86_PUSH_RBP 0x55
#define FRAME_SETUP_BYTES 4 /* push %rbp; mov %rsp,%rbp */

/*
 * The caller of the interrupted function when that function has not built a
 * frame record (RIP in its prologue, or assembly and leaf functions GCC
 * still compiles frameless despite -mno-omit-leaf-frame-pointer): its return
 * address is then at the top of the stack. 0 when the function has its
 * frame, so the chain from RBP covers the caller.
 */
static unsigned long frameless_caller(const struct cpu_user_regs *regs, unsigned long hi)
{
	unsigned long off;

	if (regs->rsp + 16 > hi)
		return 0;
	if (!symbols_lookup(regs->rip, &off, NULL))
		return 0;
	const uint8_t *fn = (const uint8_t *)(regs->rip - off);
	if (fn[0] == X86_PUSH_RBP && off >= FRAME_SETUP_BYTES)
		return 0;
	if (fn[0] == X86_PUSH_RBP && off >= 1)
		return ((unsigned long *)regs->rsp)[1]; /* rbp pushed, not yet a frame */
	return ((unsigned long *)regs->rsp)[0];
}

/*
 * A frame record is [saved rbp, return address], as pushed by every function
 * compiled with frame pointers. Walk them while they stay, in increasing
 * order, within the stack that holds the interrupted RSP.
 */
void show_backtrace(const struct cpu_user_regs *regs)
{
	unsigned long lo, hi, fp = regs->rbp;

	printk(LOG_ERR "Backtrace:\n");
	printk(LOG_ERR "  [<%016lx>] %pS\n", (unsigned long)regs->rip, (void *)regs->rip);
	if (regs_from_guest(regs))
		return;
	if (!hypervisor_stack_of(regs->rsp, &lo, &hi)) {
		printk(LOG_ERR "  (RSP %016lx is on no hypervisor stack: no further frames)\n",
		       (unsigned long)regs->rsp);
		return;
	}
	lo = regs->rsp;
	unsigned long caller = frameless_caller(regs, hi);
	if (caller)
		printk(LOG_ERR "  [<%016lx>] %pS\n", caller, (void *)caller);
	for (int depth = 0; depth < 32; depth++) {
		if (fp < lo || fp + 16 > hi || (fp & 7))
			break;
		unsigned long ret = ((unsigned long *)fp)[1];
		unsigned long next = ((unsigned long *)fp)[0];
		if (!ret)
			break;
		printk(LOG_ERR "  [<%016lx>] %pS\n", ret, (void *)ret);
		if (next <= fp)
			break;
		fp = next;
	}
}

static void __noreturn fatal_trap(const struct cpu_user_regs *regs)
{
	unsigned int v = regs->entry_vector;
	unsigned long lo, hi;
	const char *stack = hypervisor_stack_of((unsigned long)regs, &lo, &hi);

	console_force_unlock();
	printk(LOG_ERR "----[ Lamina: fatal exception %u (%s), error code %#x ]----\n", v,
	       exception_name(v), regs->error_code);
	printk(LOG_ERR "Handled on the %s stack\n", stack ? stack : "unknown");
	show_registers(regs);
	show_backtrace(regs);
	panic("fatal exception %u (%s) at %pS", v, exception_name(v), (void *)regs->rip);
}

static unsigned long nmi_count;
static const char *nmi_last_stack;

static void do_nmi(const struct cpu_user_regs *regs)
{
	unsigned long lo, hi;

	nmi_count++;
	nmi_last_stack = hypervisor_stack_of((unsigned long)regs, &lo, &hi);
	printk(LOG_WARNING "NMI received at %pS on the %s stack; continuing\n", (void *)regs->rip,
	       nmi_last_stack ? nmi_last_stack : "unknown");
}

unsigned long nmi_received(const char **stack)
{
	if (stack)
		*stack = nmi_last_stack;
	return nmi_count;
}

__hot_path static void do_irq(struct cpu_user_regs *regs)
{
	unsigned int v = regs->entry_vector;

	switch (v) {
	case LOCAL_TIMER_VECTOR:
		apic_eoi();
		timer_interrupt();
		break;
	case SPURIOUS_APIC_VECTOR:
		break; /* no EOI for spurious interrupts */
	default:
		if (v >= PIC_MASTER_VECTOR && v < PIC_SLAVE_VECTOR + 8)
			break; /* a spurious IRQ 7/15 from the masked 8259s */
		if (io_apic_vector_gsi(v) >= 0) {
			pirq_interrupt(v);
			break;
		}
		printk(LOG_WARNING "unexpected interrupt, vector %#x\n", v);
		apic_eoi();
		break;
	}
}

uint64_t extable_fault;

__hot_path static bool is_guest_software_vector(unsigned int v)
{
	return v == LEGACY_SYSCALL_VECTOR || v == HYPERCALL_VECTOR || v == SYSCALL_ENTRY_VECTOR ||
	       v == SYSCALL32_ENTRY_VECTOR;
}

__hot_path void do_trap(struct cpu_user_regs *regs)
{
	unsigned int v = regs->entry_vector;

	if (regs_from_guest(regs) && current) {
		perfc_incr(guest_entries);
		perfc_incra(exceptions, v);
		if (v >= FIRST_EXTERNAL_VECTOR && !is_guest_software_vector(v))
			do_irq(regs);
		else if (v == X86_EXC_NMI)
			do_nmi(regs);
		else
			pv_do_trap(regs);
		/* Delivering an event can crash the domain: then switch away again. */
		do {
			if (unlikely(need_resched))
				schedule(regs);
			if (unlikely(current->pv.segments_saved))
				pv_load_segments(current, regs);
			pv_deliver_events(current, regs);
		} while (unlikely(need_resched));
		pv_prepare_exit(regs);
		return;
	}
	if (v >= FIRST_EXTERNAL_VECTOR) {
		do_irq(regs);
		return;
	}
	if (v == X86_EXC_NMI) {
		do_nmi(regs);
		return;
	}
	/*
	 * The hypervisor loading a guest selector (IRETQ, a data segment) may
	 * reach an LDT page the guest's view does not show yet: show it, retry.
	 */
	unsigned long ldt_guest_addr;
	if (v == X86_EXC_PF && current && pv_map_ldt_page(current, read_cr2(), &ldt_guest_addr))
		return;
	/* Faults the exception table expects: guest memory, MSRs, guest selectors. */
	if (v == X86_EXC_PF || v == X86_EXC_GP || v == X86_EXC_NP || v == X86_EXC_SS) {
		unsigned long fixup = search_extable(regs->rip);
		if (fixup) {
			extable_fault = (uint64_t)v << 32 | (uint32_t)regs->error_code;
			regs->rip = fixup;
			return;
		}
	}
	fatal_trap(regs);
}
