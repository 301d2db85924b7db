/*
 * asm/xstate.h - extended processor state (XSAVE): which state components
 * guests may enable in XCR0, and the guest's XSETBV.
 *
 * Guests get x87, SSE and AVX (and the AVX-512 components where the host
 * has them); the rules for a valid XCR0 are the SDM's (vol. 1, 13.3), as Xen
 * 4.17 applies them (xen/arch/x86/xstate.c, valid_xcr0 and handle_xsetbv).
 */
#ifndef ASM_XSTATE_H
#define ASM_XSTATE_H

#include <lamina/types.h>

#define XSTATE_FP	(1ULL << 0)
#define XSTATE_SSE	(1ULL << 1)
#define XSTATE_YMM	(1ULL << 2)
#define XSTATE_BNDREGS	(1ULL << 3)
#define XSTATE_BNDCSR	(1ULL << 4)
#define XSTATE_OPMASK	(1ULL << 5)
#define XSTATE_ZMM	(1ULL << 6)
#define XSTATE_HI_ZMM	(1ULL << 7)
#define XSTATE_FP_SSE	(XSTATE_FP | XSTATE_SSE)
#define XSTATE_AVX512	(XSTATE_OPMASK | XSTATE_ZMM | XSTATE_HI_ZMM)
/* What Lamina lets a guest enable, before intersecting with the host's support. */
#define XSTATE_GUEST	(XSTATE_FP_SSE | XSTATE_YMM | XSTATE_AVX512)

#define X86_CR4_OSXSAVE	(1UL << 18)
#define XCR_XFEATURE_ENABLED_MASK 0

/*
 * xcr0_valid - whether hardware accepts xcr0: x87 always on, AVX only with
 * SSE, the three AVX-512 components together and only with AVX, MPX's two
 * together.
 */
static inline bool xcr0_valid(uint64_t xcr0)
{
	if (!(xcr0 & XSTATE_FP))
		return false;
	if ((xcr0 & XSTATE_YMM) && !(xcr0 & XSTATE_SSE))
		return false;
	if ((xcr0 & XSTATE_AVX512) && (xcr0 & XSTATE_AVX512) != XSTATE_AVX512)
		return false;
	if ((xcr0 & XSTATE_AVX512) && !(xcr0 & XSTATE_YMM))
		return false;
	return !(xcr0 & (XSTATE_BNDREGS | XSTATE_BNDCSR)) ||
	       (xcr0 & (XSTATE_BNDREGS | XSTATE_BNDCSR)) == (XSTATE_BNDREGS | XSTATE_BNDCSR);
}

struct vcpu;

/* xfeature_mask - the components guests may enable: XSTATE_GUEST & the host's; 0 without XSAVE. */
extern uint64_t xfeature_mask;

/* xstate_init - at boot: CR4.OSXSAVE on and XCR0 = x87|SSE when the CPU has XSAVE. */
void xstate_init(void);

/* xstate_set_xcr0 - load XCR0 (skipped when it already holds xcr0). */
void xstate_set_xcr0(uint64_t xcr0);

/*
 * handle_xsetbv - a guest kernel's XSETBV(index, value). Returns 0 with the
 * vCPU's XCR0 loaded, -EOPNOTSUPP for an index other than 0, -EINVAL for a
 * value hardware or the guest's policy would refuse (the guest gets #GP).
 */
int handle_xsetbv(struct vcpu *v, uint32_t index, uint64_t value);

#endif /* ASM_XSTATE_H */
