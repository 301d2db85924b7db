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
/* entry_vector on the way out: return with SYSRET (entry.S restore_sysret). */
#define EXIT_VIA_SYSRET 0x200
#define CPU_USER_REGS_BYTES (21 * 8) /* the frame entry code builds: r15 .. ss */
#define CPU_USER_REGS_SLACK 32 /* es, ds, fs, gs of the ABI struct, above RSP0 */

#ifndef __ASSEMBLER__
#include <lamina/types.h>
#include <xen/arch-x86/xen.h>

/*
 * The frame is the ABI's struct cpu_user_regs (one definition of it, in
 * xen/arch-x86/xen.h); entry code fills it up to ss. The four segment
 * fields after ss exist only in the ABI's copies (vcpu_guest_context);
 * on the stack they lie in the CPU_USER_REGS_SLACK bytes reserved above
 * TSS.RSP0, never written.
 */
_Static_assert(__builtin_offsetof(struct cpu_user_regs, error_code) == 15 * 8, "frame layout");
_Static_assert(__builtin_offsetof(struct cpu_user_regs, rip) == 16 * 8, "frame layout");
_Static_assert(__builtin_offsetof(struct cpu_user_regs, ss) + 8 == CPU_USER_REGS_BYTES,
	       "frame layout");

static inline bool regs_from_guest(const struct cpu_user_regs *r)
{
	return (r->cs & 3) != 0;
}
#endif

#endif /* ASM_REGS_H */
