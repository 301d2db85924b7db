/*
 * lamina/hypercall.h - the hypercall handlers. Each takes the five
 * argument registers (RDI, RSI, RDX, R10, R8) as unsigned long and returns
 * the value for RAX: >= 0 on success, -XEN_E* on failure.
 */
#ifndef LAMINA_HYPERCALL_H
#define LAMINA_HYPERCALL_H

#include <lamina/types.h>

#define NR_HYPERCALLS 64

#define HYPERCALL(name)                                                                     \
	long do_##name(unsigned long a1, unsigned long a2, unsigned long a3, unsigned long a4, \
		       unsigned long a5)

HYPERCALL(set_trap_table);
HYPERCALL(mmu_update);
HYPERCALL(mmuext_op);
HYPERCALL(update_va_mapping);
HYPERCALL(stack_switch);
HYPERCALL(set_callbacks);
HYPERCALL(nmi_op);
HYPERCALL(mca);
HYPERCALL(domctl);
HYPERCALL(sysctl);
HYPERCALL(fpu_taskswitch);
HYPERCALL(set_debugreg);
HYPERCALL(get_debugreg);
HYPERCALL(memory_op);
HYPERCALL(multicall);
HYPERCALL(set_timer_op);
HYPERCALL(xen_version);
HYPERCALL(console_io);
HYPERCALL(grant_table_op);
HYPERCALL(vm_assist);
HYPERCALL(vcpu_op);
HYPERCALL(set_segment_base);
HYPERCALL(sched_op);
HYPERCALL(callback_op);
HYPERCALL(event_channel_op);
HYPERCALL(physdev_op);
HYPERCALL(set_gdt);
HYPERCALL(update_descriptor);
HYPERCALL(platform_op);

/* hypercall_dispatch - run hypercall nr with its arguments (also used by multicall). */
long hypercall_dispatch(unsigned long nr, unsigned long a1, unsigned long a2, unsigned long a3,
			unsigned long a4, unsigned long a5);

#endif /* LAMINA_HYPERCALL_H */
