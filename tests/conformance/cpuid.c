/*
 * cpuid.c - CPUID through the forced-emulation prefix (ud2; "xen"; cpuid): the hypervisor
 * leaves and the PV view of the feature leaves.
 */
#include "rt.h"

static void leaf_0x40000000_signature(void)
{
	uint32_t r[4];

	rt_cpuid_pv(XEN_CPUID_LEAF(0), 0, r);
	rt_info("0x40000000: %#x %#x %#x %#x", r[0], r[1], r[2], r[3]);
	CHECK(r[1] == XEN_CPUID_SIGNATURE_EBX && r[2] == XEN_CPUID_SIGNATURE_ECX &&
	      r[3] == XEN_CPUID_SIGNATURE_EDX,
	      "signature %#x %#x %#x is not \"XenVMMXenVMM\"", r[1], r[2], r[3]);
	CHECK(r[0] >= XEN_CPUID_LEAF(2), "EAX (highest leaf) %#x < 0x40000002", r[0]);
	CHECK(r[0] <= XEN_CPUID_LEAF(XEN_CPUID_MAX_NUM_LEAVES), "EAX %#x above base + 5", r[0]);
}

static void leaf_0x40000001_version(void)
{
	uint32_t r[4];
	long v = hc_xen_version(XENVER_version, NULL);

	rt_cpuid_pv(XEN_CPUID_LEAF(1), 0, r);
	CHECK_EQ(r[0], v, "0x40000001 EAX vs XENVER_version");
}

static void leaf_0x40000002_features(void)
{
	uint32_t r[4];

	rt_cpuid_pv(XEN_CPUID_LEAF(2), 0, r);
	CHECK_EQ(r[0], 1, "0x40000002 EAX (hypercall pages)");
	CHECK_EQ(r[1], 0x40000000, "0x40000002 EBX (hypercall MSR base)");
	CHECK(r[2] & XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD,
	      "0x40000002 ECX %#x: MMU_PT_UPDATE_PRESERVE_AD bit clear", r[2]);
}

static void leaf_0x40000004_zero_for_pv(void)
{
	uint32_t r[4], top[4];

	rt_cpuid_pv(XEN_CPUID_LEAF(0), 0, top);
	if (top[0] < XEN_CPUID_LEAF(4)) {
		rt_skip("highest hypervisor leaf %#x < 0x40000004", top[0]);
		return;
	}
	rt_cpuid_pv(XEN_CPUID_LEAF(4), 0, r);
	CHECK(!r[0] && !r[1] && !r[2] && !r[3], "0x40000004 (HVM features) = %#x %#x %#x %#x, "
	      "expected all zero for PV", r[0], r[1], r[2], r[3]);
}

static void leaf_0x40000005_address_width(void)
{
	uint32_t r[4], top[4];

	rt_cpuid_pv(XEN_CPUID_LEAF(0), 0, top);
	if (top[0] < XEN_CPUID_LEAF(5)) {
		rt_skip("highest hypervisor leaf %#x < 0x40000005", top[0]);
		return;
	}
	rt_cpuid_pv(XEN_CPUID_LEAF(5), 0, r);
	rt_info("0x40000005: %#x %#x %#x %#x", r[0], r[1], r[2], r[3]);
	/* Machine address width: 512 MiB of RAM needs 29 bits; <= 44 keeps Linux on grant v1. */
	CHECK((r[1] & 0xff) >= 29 && (r[1] & 0xff) <= 44,
	      "0x40000005 EBX[7:0] (machine address width) = %u", r[1] & 0xff);
	CHECK_EQ(r[0] | r[2] | r[3], 0, "0x40000005 EAX|ECX|EDX");
}

static void leaves_beyond_max_zero(void)
{
	uint32_t r[4], top[4];

	rt_cpuid_pv(XEN_CPUID_LEAF(0), 0, top);
	rt_cpuid_pv(top[0] + 1, 0, r);
	CHECK(!r[0] && !r[1] && !r[2] && !r[3], "leaf %#x beyond the maximum = %#x %#x %#x %#x",
	      top[0] + 1, r[0], r[1], r[2], r[3]);
	rt_cpuid_pv(0x40000100, 0, r);
	CHECK(!r[0] && !r[1] && !r[2] && !r[3], "leaf 0x40000100 = %#x %#x %#x %#x", r[0], r[1],
	      r[2], r[3]);
}

static void leaf1_hypervisor_bit(void)
{
	uint32_t r[4];

	rt_cpuid_pv(1, 0, r);
	rt_info("leaf 1: %#x %#x %#x %#x", r[0], r[1], r[2], r[3]);
	CHECK(r[2] & (1U << 31), "leaf 1 ECX %#x: hypervisor bit (31) clear", r[2]);
}

static void leaf1_hidden_features(void)
{
	uint32_t r[4];
	const struct {
		int reg;
		int bit;
		const char *name;
	} hidden[] = {
		{ 2, 3, "MONITOR" }, { 2, 5, "VMX" }, { 2, 17, "PCID" }, { 2, 21, "X2APIC" },
		{ 2, 24, "TSC_DEADLINE" }, { 3, 1, "VME" }, { 3, 3, "PSE" }, { 3, 13, "PGE" },
		{ 3, 17, "PSE36" },
	};

	rt_cpuid_pv(1, 0, r);
	for (unsigned int i = 0; i < RT_ARRAY_SIZE(hidden); i++)
		CHECK(!(r[hidden[i].reg] & (1U << hidden[i].bit)),
		      "leaf 1 %s bit %d (%s) shown to a PV guest", hidden[i].reg == 2 ? "ECX" : "EDX",
		      hidden[i].bit, hidden[i].name);
}

static void ext_leaf_features(void)
{
	uint32_t r[4], r7[4];

	rt_cpuid_pv(0x80000001, 0, r);
	rt_info("leaf 0x80000001: %#x %#x %#x %#x", r[0], r[1], r[2], r[3]);
	CHECK(r[3] & (1U << 29), "0x80000001 EDX %#x: LM clear", r[3]);
	CHECK(r[3] & (1U << 11), "0x80000001 EDX %#x: SYSCALL clear", r[3]);
	CHECK(!(r[2] & (1U << 2)), "0x80000001 ECX %#x: SVM shown to a PV guest", r[2]);
	CHECK(!(r[3] & (1U << 26)), "0x80000001 EDX %#x: PAGE1GB shown to a PV guest", r[3]);
	rt_cpuid_pv(7, 0, r7);
	rt_info("leaf 7.0: %#x %#x %#x %#x", r7[0], r7[1], r7[2], r7[3]);
	CHECK(!(r7[1] & ((1U << 7) | (1U << 20) | (1U << 10))),
	      "leaf 7 EBX %#x: SMEP/SMAP/INVPCID shown to a PV guest", r7[1]);
	CHECK(!(r7[2] & ((1U << 2) | (1U << 3) | (1U << 16))),
	      "leaf 7 ECX %#x: UMIP/PKU/LA57 shown to a PV guest", r7[2]);
}

static void prefix_advances_rip(void)
{
	struct rt_catch c;
	uint32_t a;

	if (rt_catch(&c) == 0) {
		__asm__ __volatile__(RT_MARK_AT XEN_CPUID RT_MARK_END
				     "\n\tmov $0x5a5a, %%eax"
				     : "=a"(a) : "0"(0) : "rbx", "rcx", "rdx", "r11", "memory");
		rt_catch_end();
		CHECK_EQ(a, 0x5a5a, "instruction after the emulated CPUID executed");
		CHECK_EQ(rt_after - rt_at, 7, "prefix + cpuid length");
	} else {
		rt_fail("forced-emulation CPUID trapped: vector %u at %#lx", c.trap.vector,
			c.trap.rip);
	}
}

static void prefix_without_cpuid_is_ud(void)
{
	struct rt_catch c;

	/* ud2; "xen"; nop: only CPUID is emulated, anything else is a plain #UD. */
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__(RT_MARK_AT XEN_EMULATE_PREFIX "nop" RT_MARK_END
				     ::: "r11", "memory");
		rt_catch_end();
		rt_fail("ud2 \"xen\" nop did not trap");
		return;
	}
	rt_check_trap(&c.trap, X86_UD, 0, rt_at, "emulation prefix before a nop");
}

static void cpuid_preserves_other_registers(void)
{
	static volatile unsigned long out[3];

	__asm__ __volatile__("mov $0x11, %%rsi\n\tmov $0x22, %%rdi\n\tmov $0x33, %%r8\n\t"
			     "mov $0x40000000, %%eax\n\txor %%ecx, %%ecx\n\t" XEN_CPUID "\n\t"
			     "mov %%rsi, 0(%0)\n\tmov %%rdi, 8(%0)\n\tmov %%r8, 16(%0)"
			     :: "r"(out) : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "memory");
	CHECK(out[0] == 0x11 && out[1] == 0x22 && out[2] == 0x33,
	      "RSI/RDI/R8 changed by emulated CPUID: %#lx %#lx %#lx", out[0], out[1], out[2]);
}

static const struct rt_case cases[] = {
	RT_CASE(leaf_0x40000000_signature),
	RT_CASE(leaf_0x40000001_version),
	RT_CASE(leaf_0x40000002_features),
	RT_CASE(leaf_0x40000004_zero_for_pv),
	RT_CASE(leaf_0x40000005_address_width),
	RT_CASE(leaves_beyond_max_zero),
	RT_CASE(leaf1_hypervisor_bit),
	RT_CASE(leaf1_hidden_features),
	RT_CASE(ext_leaf_features),
	RT_CASE(prefix_advances_rip),
	RT_CASE(prefix_without_cpuid_is_ud),
	RT_CASE(cpuid_preserves_other_registers),
};
RT_SUITE("cpuid", cases, NULL);
