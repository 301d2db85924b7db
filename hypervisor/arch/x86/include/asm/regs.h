/*
 * asm/regs.h - the register frame every trap and interrupt entry builds.
 *
 * The order is that of Xen's struct cpu_user_regs for x86-64
 * (xen/include/public/arch-x86/xen-x86_64.h), so the frame can later be
 * copied to and from guests' vcpu contexts field by field. entry.S builds it:
 * the CPU pushes ss..rip (and an error code, or the stub pushes 0), the stub
 * stores the vector in the upper half of that slot, then the GPRs follow.
 */
#ifndef ASM_REGS_H
#define ASM_REGS_H

/* entry_vector values beyond the IDT: the frame came from SYSCALL (64-bit or compat). */
#define SYSCALL_ENTRY_VECTOR 0x100
#define SYSCALL32_ENTRY_VECTOR 0x101
#define CPU_USER_REGS_BYTES (21 * 8)

#ifndef __ASSEMBLER__
#include <lamina/types.h>

struct cpu_user_regs {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	uint64_t rax, rcx, rdx, rsi, rdi;
	uint32_t error_code;
	uint32_t entry_vector;
	uint64_t rip;
	uint64_t cs;
	uint64_t rflags;
	uint64_t rsp;
	uint64_t ss;
};

_Static_assert(__builtin_offsetof(struct cpu_user_regs, error_code) == 15 * 8, "frame layout");
_Static_assert(sizeof(struct cpu_user_regs) == 21 * 8, "frame layout");

static inline bool regs_from_guest(const struct cpu_user_regs *r)
{
	return (r->cs & 3) != 0;
}
#endif

#endif /* ASM_REGS_H */
