/*
 * asm/desc.h - the GDT, TSS and IDT of each CPU.
 *
 * The GDT has Xen's shape: the first FIRST_RESERVED_GDT_PAGE pages are for a
 * guest's own descriptors (later), the hypervisor's entries sit at selector
 * 0xe000 and up (asm/config.h). The TSS gives RSP0 for entries from ring 3
 * and the IST stacks: IST_DF for double faults, IST_NMI, IST_MC, so that
 * those always run on a known-good stack.
 */
#ifndef ASM_DESC_H
#define ASM_DESC_H

#include <lamina/types.h>

#define IST_DF 1
#define IST_NMI 2
#define IST_MC 3
#define IST_COUNT 3

#define VECTOR_STUB_BYTES 16

struct tss64 {
	uint32_t reserved0;
	uint64_t rsp0, rsp1, rsp2;
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __packed;

_Static_assert(sizeof(struct tss64) == 104, "TSS layout (Intel SDM vol. 3, 8.7)");

/* cpu_init_descriptors - build and load this CPU's GDT, TSS and IDT. */
void cpu_init_descriptors(void);

/* cpu_init_syscall - this CPU's SYSCALL MSRs and PAT for running PV guests. */
void cpu_init_syscall(void);

/*
 * hypervisor_stack_of - which of this CPU's stacks holds sp: "primary" or the
 * IST stack's name, with its bounds in *lo and *hi; NULL when none does.
 */
const char *hypervisor_stack_of(unsigned long sp, unsigned long *lo, unsigned long *hi);

/* The boot CPU's TSS (RSP0 changes on context switch later). */
extern struct tss64 boot_tss;

#endif /* ASM_DESC_H */
