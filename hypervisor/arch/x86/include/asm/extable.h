/*
 * asm/extable.h - the exception table: instructions allowed to fault.
 *
 * Each entry pairs the address of an instruction that may fault on guest
 * memory (or on an MSR or port a guest asked for) with the address to resume
 * at instead. A #PF or #GP raised by the hypervisor at a listed instruction
 * jumps to its fixup; anything else is a hypervisor bug.
 */
#ifndef ASM_EXTABLE_H
#define ASM_EXTABLE_H

#ifdef __ASSEMBLER__
#define _ASM_EXTABLE(from, to)           \
	.pushsection .extable, "a";      \
	.balign 8;                       \
	.quad from, to;                  \
	.popsection
#else
#include <lamina/types.h>

struct extable_entry {
	unsigned long insn;
	unsigned long fixup;
};

#define _ASM_EXTABLE(from, to)                   \
	".pushsection .extable, \"a\"\n\t"       \
	".balign 8\n\t"                          \
	".quad " #from ", " #to "\n\t"           \
	".popsection\n\t"

/* search_extable - the fixup address for a faulting RIP, or 0. */
unsigned long search_extable(unsigned long rip);
#endif

#endif /* ASM_EXTABLE_H */
