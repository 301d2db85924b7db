/*
 * xstate.c - XSAVE for guests: the host turns CR4.OSXSAVE on at boot, and a
 * PV guest kernel sets its XCR0 with XSETBV, which faults at CPL 3 and is
 * checked and performed here (Xen 4.17: xen/arch/x86/xstate.c).
 *
 * The hardware XCR0 is the running vCPU's (XGETBV and the native CPUID leaf
 * 0xD answer from it); a vCPU switch (fpu.c) saves and restores every
 * component a vCPU has ever enabled (xcr0_accum) and loads the next one's.
 */
#include <asm/processor.h>
#include <asm/xstate.h>
#include <lamina/domain.h>
#include <lamina/errno.h>

#define CPUID1_ECX_XSAVE (1U << 26)

uint64_t xfeature_mask;

static uint64_t hw_xcr0; /* what XCR0 holds now */

void xstate_set_xcr0(uint64_t xcr0)
{
	if (xcr0 == hw_xcr0)
		return;
	hw_xcr0 = xcr0;
	asm volatile("xsetbv" ::"c"(XCR_XFEATURE_ENABLED_MASK), "a"((uint32_t)xcr0),
		     "d"((uint32_t)(xcr0 >> 32)));
}

void xstate_init(void)
{
	if (!(cpuid(1).ecx & CPUID1_ECX_XSAVE))
		return;
	struct cpuid_regs d = cpuid_count(0xd, 0);
	write_cr4(read_cr4() | X86_CR4_OSXSAVE);
	xfeature_mask = (d.eax | ((uint64_t)d.edx << 32)) & XSTATE_GUEST;
	if ((xfeature_mask & XSTATE_AVX512) != XSTATE_AVX512)
		xfeature_mask &= ~XSTATE_AVX512;
	xstate_set_xcr0(XSTATE_FP_SSE);
}

int handle_xsetbv(struct vcpu *v, uint32_t index, uint64_t value)
{
	if (index != XCR_XFEATURE_ENABLED_MASK)
		return -EOPNOTSUPP;
	if ((value & ~xfeature_mask) || !xcr0_valid(value))
		return -EINVAL;
	xstate_set_xcr0(value);
	v->xcr0 = value;
	v->xcr0_accum |= value;
	return 0;
}
