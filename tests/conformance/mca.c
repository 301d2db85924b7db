/*
 * mca.c - machine checks as a PV kernel sees them: MCE and MCA in CPUID, the virtual
 * machine-check MSRs (two empty banks) and the mca hypercall (physcpuinfo, fetch, errors),
 * VIRQ_MCA.
 */
#include <xen/arch-x86/xen-mca.h>

#include "rt.h"

#define MCG_CAP 0x179
#define MCG_STATUS 0x17a
#define MCG_CTL 0x17b
#define MC0_CTL 0x400
#define MCG_EXT_CTL 0x4d0

static struct xen_mc op;
static struct mcinfo_logical_cpu cpus[2];
static struct mc_info telemetry;

static bool is_intel(void)
{
	uint32_t r[4];

	rt_cpuid_pv(0, 0, r);
	return r[1] == 0x756e6547 && r[3] == 0x49656e69 && r[2] == 0x6c65746e;
}

static long mca(uint32_t cmd)
{
	op.cmd = cmd;
	op.interface_version = XEN_MCA_INTERFACE_VERSION;
	return HC1(__HYPERVISOR_mca, &op);
}

static void cpuid_shows_mce_and_mca(void)
{
	uint32_t r[4];

	rt_cpuid_pv(1, 0, r);
	CHECK(r[3] & (1U << 7), "CPUID 1.EDX %#x: MCE clear", r[3]);
	CHECK(r[3] & (1U << 14), "CPUID 1.EDX %#x: MCA clear", r[3]);
}

/* Two banks, MCG_CAP as Xen builds it for the vendor, MCi_CTL all ones, the rest zero. */
static void vmce_registers(void)
{
	uint64_t cap = rt_rdmsr(MCG_CAP);

	rt_info("MCG_CAP %#lx", (unsigned long)cap);
	CHECK_EQ(cap, is_intel() ? 0x1000c02 : 2, "MCG_CAP");
	CHECK_EQ(rt_rdmsr(MCG_STATUS), 0, "MCG_STATUS");
	CHECK_EQ(rt_rdmsr(MCG_CTL), 0, "MCG_CTL (MCG_CTL_P clear)");
	for (uint32_t b = 0; b < 2; b++) {
		CHECK_EQ(rt_rdmsr(MC0_CTL + 4 * b), ~0UL, "MCi_CTL");
		CHECK_EQ(rt_rdmsr(MC0_CTL + 4 * b + 1), 0, "MCi_STATUS");
		CHECK_EQ(rt_rdmsr(MC0_CTL + 4 * b + 2), 0, "MCi_ADDR");
		CHECK_EQ(rt_rdmsr(MC0_CTL + 4 * b + 3), 0, "MCi_MISC");
	}
	CHECK_EQ(rt_rdmsr(MC0_CTL + 8), 0, "MC2_CTL (no bank 2)");
	CHECK_EQ(rt_rdmsr(MC0_CTL + 4 * 31 + 1), 0, "MC31_STATUS");
}

static void vmce_writes(void)
{
	struct rt_catch c;

	rt_wrmsr(MC0_CTL + 4, 0);
	CHECK_EQ(rt_rdmsr(MC0_CTL + 4), ~0UL, "MC1_CTL after writing 0 (writes ignored)");
	rt_wrmsr(MC0_CTL + 5, 0);
	rt_wrmsr(MCG_STATUS, 0);
	rt_wrmsr(MCG_CAP, 0);
	CHECK_EQ(rt_rdmsr(MCG_CAP) & 0xff, 2, "MCG_CAP.COUNT after a write (read-only)");
	rt_wrmsr(MC0_CTL + 9, 5); /* bank 2's status: no such bank, ignored */
	CHECK_EQ(rt_rdmsr(MC0_CTL + 9), 0, "MC2_STATUS after writing 5");
	if (!TRAPS(c, "mov $0x405, %%ecx\n\txor %%edx, %%edx\n\tmov $1, %%eax\n\t" RT_MARK_AT
		   "wrmsr" RT_MARK_END ::: "rax", "rcx", "rdx", "r11", "memory"))
		rt_fail("writing 1 to MC1_STATUS did not trap");
	else
		rt_check_trap(&c.trap, X86_GP, 0, rt_at, "wrmsr MC1_STATUS, 1");
	if (!TRAPS(c, "mov $0x4d0, %%ecx\n\t" RT_MARK_AT "rdmsr" RT_MARK_END
		   ::: "rax", "rcx", "rdx", "r11", "memory"))
		rt_fail("reading MCG_EXT_CTL did not trap");
	else
		rt_check_trap(&c.trap, X86_GP, 0, rt_at, "rdmsr MCG_EXT_CTL");
}

static void physcpuinfo_count(void)
{
	memset(&op, 0, sizeof(op));
	CHECK_RC(mca(XEN_MC_physcpuinfo), 0, "XEN_MC_physcpuinfo without a buffer");
	CHECK_EQ(op.u.mc_physcpuinfo.ncpus, 1, "ncpus (QEMU's one CPU)");
}

static void physcpuinfo_fill(void)
{
	uint32_t r0[4], r1[4];
	char vendor[13];

	rt_cpuid_pv(0, 0, r0);
	rt_cpuid_pv(1, 0, r1);
	memcpy(vendor, &r0[1], 4);
	memcpy(vendor + 4, &r0[3], 4);
	memcpy(vendor + 8, &r0[2], 4);
	vendor[12] = 0;
	memset(&op, 0, sizeof(op));
	memset(cpus, 0xa5, sizeof(cpus));
	op.u.mc_physcpuinfo.ncpus = 2;
	op.u.mc_physcpuinfo.info = cpus;
	CHECK_RC(mca(XEN_MC_physcpuinfo), 0, "XEN_MC_physcpuinfo with room for 2");
	CHECK_EQ(op.u.mc_physcpuinfo.ncpus, 1, "ncpus");
	CHECK_EQ(cpus[0].mc_cpunr, 0, "mc_cpunr");
	CHECK_EQ(cpus[0].mc_apicid, 0, "mc_apicid");
	CHECK_EQ(cpus[0].mc_ncores, 1, "mc_ncores");
	CHECK_EQ(cpus[0].mc_nthreads, 1, "mc_nthreads");
	CHECK(!memcmp(cpus[0].mc_vendorid, vendor, 13), "mc_vendorid \"%s\", CPUID says \"%s\"",
	      cpus[0].mc_vendorid, vendor);
	CHECK_EQ(cpus[0].mc_vendor, is_intel() ? 1 : 2, "mc_vendor (Xen's X86_VENDOR_* bit)");
	CHECK_EQ(cpus[0].mc_step, r1[0] & 0xf, "mc_step");
	CHECK_EQ(cpus[0].mc_cpu_caps[0] & 1, 1, "mc_cpu_caps[0] (CPUID 1.EDX): FPU");
	CHECK_EQ(cpus[0].mc_cache_alignment, ((r1[1] >> 8) & 0xff) * 8, "mc_cache_alignment");
	CHECK(cpus[0].mc_nmsrvals >= 1, "mc_nmsrvals %d", cpus[0].mc_nmsrvals);
	CHECK_EQ(cpus[0].mc_msrvalues[0].reg, MCG_CAP, "mc_msrvalues[0].reg");
	CHECK((cpus[0].mc_msrvalues[0].value & 0xff) > 0, "host MCG_CAP %#lx: no banks",
	      (unsigned long)cpus[0].mc_msrvalues[0].value);
	CHECK_EQ(cpus[1].mc_cpunr, 0xa5a5a5a5, "the second entry is left alone");
	rt_info("%s family %u model %u: %.48s", cpus[0].mc_vendorid, cpus[0].mc_family,
		cpus[0].mc_model, cpus[0].mc_brandid);
}

static void refusals(void)
{
	memset(&op, 0, sizeof(op));
	op.u.mc_physcpuinfo.info = cpus;
	CHECK_RC(mca(XEN_MC_physcpuinfo), -XEN_EINVAL, "physcpuinfo: buffer with ncpus 0");
	op.cmd = XEN_MC_physcpuinfo;
	op.interface_version = XEN_MCA_INTERFACE_VERSION - 1;
	CHECK_RC(HC1(__HYPERVISOR_mca, &op), -XEN_EACCES, "interface version 0x01ecc002");
	memset(&op, 0, sizeof(op));
	CHECK_RC(mca(XEN_MC_notifydomain), -XEN_EINVAL, "XEN_MC_notifydomain");
	CHECK_RC(mca(99), -XEN_EINVAL, "command 99");
	CHECK_RC(HC1(__HYPERVISOR_mca, (void *)0x10), -XEN_EFAULT, "unmapped argument");
}

static void fetch_nothing(void)
{
	memset(&op, 0, sizeof(op));
	CHECK_RC(mca(XEN_MC_fetch), -XEN_EINVAL, "fetch with no class");
	op.u.mc_fetch.flags = XEN_MC_URGENT | XEN_MC_NONURGENT;
	CHECK_RC(mca(XEN_MC_fetch), -XEN_EINVAL, "fetch with both classes");
	op.u.mc_fetch.flags = XEN_MC_URGENT;
	CHECK_RC(mca(XEN_MC_fetch), -XEN_EINVAL, "fetch without a buffer");
	for (uint32_t class = XEN_MC_NONURGENT; class <= XEN_MC_URGENT; class <<= 1) {
		memset(&op, 0, sizeof(op));
		op.u.mc_fetch.flags = class;
		op.u.mc_fetch.fetch_id = 77;
		op.u.mc_fetch.data = &telemetry;
		CHECK_RC(mca(XEN_MC_fetch), 0, "fetch");
		CHECK_EQ(op.u.mc_fetch.flags, XEN_MC_NODATA, "fetch flags (nothing waiting)");
		CHECK_EQ(op.u.mc_fetch.fetch_id, 0, "fetch_id");
	}
	memset(&op, 0, sizeof(op));
	op.u.mc_fetch.flags = XEN_MC_NONURGENT | XEN_MC_ACK;
	CHECK_RC(mca(XEN_MC_fetch), 0, "acknowledging fetch_id 0");
}

static void virq_mca(void)
{
	evtchn_port_t port, again;

	CHECK_RC(rt_evtchn_bind_virq(VIRQ_MCA, 0, &port), 0, "bind VIRQ_MCA");
	CHECK_RC(rt_evtchn_bind_virq(VIRQ_MCA, 0, &again), -XEN_EEXIST, "bind VIRQ_MCA twice");
	rt_evtchn_close(port);
}

static const struct rt_case cases[] = {
	RT_CASE(cpuid_shows_mce_and_mca),
	RT_CASE(vmce_registers),
	RT_CASE(vmce_writes),
	RT_CASE(physcpuinfo_count),
	RT_CASE(physcpuinfo_fill),
	RT_CASE(refusals),
	RT_CASE(fetch_nothing),
	RT_CASE(virq_mca),
};
RT_SUITE("mca", cases, NULL);
