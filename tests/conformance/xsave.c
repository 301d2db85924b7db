/*
 * xsave.c - XSAVE for a PV kernel: CPUID leaf 0xD, the guest's own CR4.OSXSAVE, XSETBV
 * (emulated: privileged at CPL 3) with its refusals, XGETBV, and AVX registers kept across
 * hypercalls and traps. Skipped where the CPU has no XSAVE (-cpu qemu64). Built without SSE:
 * compiled C never touches the vector registers between the asm statements.
 */
#include "rt.h"

#define CR4_OSXSAVE (1UL << 18)
#define XSTATE_FP_SSE 3UL
#define XSTATE_YMM 4UL

static uint8_t pat[64] RT_ALIGNED(32);
static uint8_t got[64] RT_ALIGNED(32);

static bool has_xsave(void)
{
	uint32_t r[4];

	rt_cpuid_pv(1, 0, r);
	if (!(r[2] & (1U << 26))) {
		rt_skip("no XSAVE in CPUID 1.ECX");
		return false;
	}
	return true;
}

static unsigned long read_cr4(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr4, %0" : "=r"(v));
	return v;
}

static void write_cr4(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr4" ::"r"(v) : "memory");
}

static uint64_t xgetbv(uint32_t index)
{
	uint32_t lo, hi;

	__asm__ __volatile__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(index));
	return ((uint64_t)hi << 32) | lo;
}

/* XSETBV that may fault: the vector (X86_GP, X86_UD) or -1 when it went through. */
static int xsetbv(uint32_t index, uint64_t v)
{
	struct rt_catch c;

	if (TRAPS(c, RT_MARK_AT "xsetbv" RT_MARK_END ::"c"(index), "a"((uint32_t)v),
		  "d"((uint32_t)(v >> 32)) : "r11", "memory")) {
		CHECK_EQ(c.trap.rip, rt_at, "faulting XSETBV's RIP");
		return (int)c.trap.vector;
	}
	return -1;
}

static void leaf_0xd(void)
{
	uint32_t r[4], s1[4];

	if (!has_xsave())
		return;
	rt_cpuid_pv(0xd, 0, r);
	rt_info("0xD.0: %#x %#x %#x %#x", r[0], r[1], r[2], r[3]);
	CHECK_EQ(r[0] & XSTATE_FP_SSE, XSTATE_FP_SSE, "0xD.0 EAX: x87 and SSE");
	CHECK_EQ(xgetbv(0), XSTATE_FP_SSE, "XCR0 of a new vCPU");
	CHECK_EQ(r[1], 576, "0xD.0 EBX (size for XCR0 = x87|SSE)");
	CHECK(r[2] >= 576, "0xD.0 ECX %u below the legacy area and header", r[2]);
	rt_cpuid_pv(0xd, 1, s1);
	CHECK_EQ(s1[0] & (1U << 3), 0, "0xD.1 EAX: XSAVES (supervisor states) hidden");
	CHECK_EQ(s1[2] | s1[3], 0, "0xD.1 ECX|EDX (XSS components)");
	if (r[0] & XSTATE_YMM) {
		rt_cpuid_pv(0xd, 2, s1);
		CHECK_EQ(s1[0], 256, "0xD.2 EAX (YMM upper halves: 256 bytes)");
		CHECK_EQ(s1[1], 576, "0xD.2 EBX (at offset 576)");
	}
	rt_cpuid_pv(0xd, 9, s1); /* PKRU: not offered to PV guests */
	CHECK_EQ(s1[0] | s1[1] | s1[2] | s1[3], 0, "0xD.9 (PKRU)");
}

static void osxsave_is_the_guests(void)
{
	uint32_t r[4];

	if (!has_xsave())
		return;
	CHECK_EQ(read_cr4() & CR4_OSXSAVE, 0, "CR4.OSXSAVE of a new vCPU");
	rt_cpuid_pv(1, 0, r);
	CHECK(r[2] & (1U << 27), "CPUID 1.ECX %#x: OSXSAVE clear for the guest kernel", r[2]);
	CHECK_EQ(xsetbv(0, XSTATE_FP_SSE), X86_UD, "XSETBV with the guest's CR4.OSXSAVE clear");
	write_cr4(read_cr4() | CR4_OSXSAVE);
	CHECK_EQ(read_cr4() & CR4_OSXSAVE, CR4_OSXSAVE, "CR4.OSXSAVE after setting it");
}

static void xsetbv_rules(void)
{
	uint32_t r[4], y[4];

	if (!has_xsave())
		return;
	rt_cpuid_pv(0xd, 0, r);
	CHECK_EQ(xsetbv(0, XSTATE_FP_SSE), -1, "XSETBV(0, x87|SSE)");
	CHECK_EQ(xsetbv(0, 0), X86_GP, "XSETBV(0, 0): x87 off");
	CHECK_EQ(xsetbv(0, 2), X86_GP, "XSETBV(0, SSE): x87 off");
	CHECK_EQ(xsetbv(0, 5), X86_GP, "XSETBV(0, x87|YMM): YMM without SSE");
	CHECK_EQ(xsetbv(1, XSTATE_FP_SSE), X86_GP, "XSETBV(1, ...): no XCR1 to write");
	CHECK_EQ(xsetbv(0, XSTATE_FP_SSE | (1UL << 9)), X86_GP, "XSETBV(0, ...|PKRU): not offered");
	CHECK_EQ(xsetbv(0, XSTATE_FP_SSE | (1UL << 62)), X86_GP, "XSETBV(0, ...|bit 62)");
	CHECK_EQ(xgetbv(0), XSTATE_FP_SSE, "XCR0 after the refusals");
	if (!(r[0] & XSTATE_YMM)) {
		rt_skip("no AVX state");
		return;
	}
	CHECK_EQ(xsetbv(0, XSTATE_FP_SSE | XSTATE_YMM), -1, "XSETBV(0, x87|SSE|YMM)");
	CHECK_EQ(xgetbv(0), XSTATE_FP_SSE | XSTATE_YMM, "XCR0 after enabling AVX");
	rt_cpuid_pv(0xd, 2, y);
	rt_cpuid_pv(0xd, 0, r);
	CHECK_EQ(r[1], y[0] + y[1], "0xD.0 EBX (size for XCR0 = x87|SSE|YMM)");
}

/* With AVX on (after xsetbv_rules): YMM registers survive a hypercall and a trap. */
static void ymm_preserved(void)
{
	struct rt_catch c;

	if (!has_xsave() || !(xgetbv(0) & XSTATE_YMM)) {
		rt_skip("AVX not enabled");
		return;
	}
	for (unsigned int i = 0; i < sizeof(pat); i++)
		pat[i] = (uint8_t)(i * 7 + 3);
	memset(got, 0, sizeof(got));
	__asm__ __volatile__("vmovdqu (%0), %%ymm0\n\tvmovdqu 32(%0), %%ymm15\n\t"
			     "mov %2, %%eax\n\txor %%edi, %%edi\n\txor %%esi, %%esi\n\tsyscall\n\t"
			     "vmovdqu %%ymm0, (%1)\n\tvmovdqu %%ymm15, 32(%1)"
			     :
			     : "r"(pat), "r"(got), "i"(__HYPERVISOR_xen_version)
			     : "rax", "rcx", "rdi", "rsi", "r11", "memory");
	CHECK(!memcmp(pat, got, sizeof(pat)), "YMM0/YMM15 changed across a hypercall");
	memset(got, 0, sizeof(got));
	__asm__ __volatile__("vmovdqu (%0), %%ymm1\n\tvmovdqu 32(%0), %%ymm14" ::"r"(pat));
	if (!TRAPS(c, RT_MARK_AT "int3" RT_MARK_END ::: "r11", "memory"))
		rt_fail("int3 did not trap");
	__asm__ __volatile__("vmovdqu %%ymm1, (%0)\n\tvmovdqu %%ymm14, 32(%0)" ::"r"(got)
			     : "memory");
	CHECK(!memcmp(pat, got, sizeof(pat)), "YMM1/YMM14 changed across a trap");
}

static void osxsave_cleared(void)
{
	if (!has_xsave())
		return;
	CHECK_EQ(xsetbv(0, XSTATE_FP_SSE), -1, "XSETBV(0, x87|SSE) back");
	write_cr4(read_cr4() & ~CR4_OSXSAVE);
	CHECK_EQ(read_cr4() & CR4_OSXSAVE, 0, "CR4.OSXSAVE after clearing it");
	CHECK_EQ(xsetbv(0, XSTATE_FP_SSE), X86_UD, "XSETBV after clearing CR4.OSXSAVE");
}

static const struct rt_case cases[] = {
	RT_CASE(leaf_0xd),
	RT_CASE(osxsave_is_the_guests),
	RT_CASE(xsetbv_rules),
	RT_CASE(ymm_preserved),
	RT_CASE(osxsave_cleared),
};
RT_SUITE("xsave", cases, NULL);
