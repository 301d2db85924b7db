/*
 * mca.c - the machine-check hypercall (xen/arch-x86/xen-mca.h): dom0 asks
 * for the physical CPUs' identity (XEN_MC_physcpuinfo, which Linux's
 * xen-mcelog needs before it offers /dev/mcelog) and fetches telemetry
 * (XEN_MC_fetch). Lamina does not take over the host's machine-check banks,
 * so there is never telemetry to fetch and no bank to inject into. Checks
 * in Xen 4.17's order (xen/arch/x86/cpu/mcheck/mce.c, do_mca): privilege
 * (-EPERM), copy (-EFAULT), interface version (-EACCES), command.
 */
#include <asm/apic.h>
#include <asm/cpu.h>
#include <asm/processor.h>
#include <asm/uaccess.h>
#include <asm/vmce.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/hypercall.h>
#include <lamina/lib.h>
#include <xen/arch-x86/xen-mca.h>

#define CPUID1_EDX_MCA (1U << 14)

/* The one physical CPU as Xen describes it (do_mc_get_cpu_info, x86_mc_get_cpu_info). */
static void logical_cpu_info(struct mcinfo_logical_cpu *c)
{
	struct cpuid_regs r0 = cpuid(0), r1 = cpuid(1);
	uint32_t ext = cpuid(0x80000000).eax, family = (r1.eax >> 8) & 0xf,
		 model = (r1.eax >> 4) & 0xf, words[NR_XEN_FEATURE_WORDS];

	*c = (struct mcinfo_logical_cpu){ 0 };
	c->mc_apicid = apic_id();
	c->mc_ncores = c->mc_ncores_active = c->mc_nthreads = 1;
	c->mc_clusterid = r1.ebx >> 24;
	c->mc_cpuid_level = (int32_t)r0.eax;
	if (family == 0xf)
		family += (r1.eax >> 20) & 0xff;
	if (family >= 6)
		model += ((r1.eax >> 16) & 0xf) << 4;
	c->mc_family = family;
	c->mc_model = model;
	c->mc_step = r1.eax & 0xf;
	c->mc_vendor = host_vendor();
	memcpy(c->mc_vendorid, &r0.ebx, 4);
	memcpy(c->mc_vendorid + 4, &r0.edx, 4);
	memcpy(c->mc_vendorid + 8, &r0.ecx, 4);
	if (ext >= 0x80000004) {
		char brand[48];
		unsigned int skip = 0;
		for (uint32_t leaf = 0; leaf < 3; leaf++) {
			struct cpuid_regs b = cpuid(0x80000002 + leaf);
			memcpy(brand + 16 * leaf, &b, 16);
		}
		while (skip < sizeof(brand) && brand[skip] == ' ')
			skip++; /* Intel right-justifies it; Xen undoes that */
		memcpy(c->mc_brandid, brand + skip, sizeof(brand) - skip);
	}
	host_feature_words(words);
	memcpy(c->mc_cpu_caps, words, sizeof(c->mc_cpu_caps)); /* the first MC_NCAPS */
	if (ext >= 0x80000006)
		c->mc_cache_size = cpuid(0x80000006).ecx >> 16; /* L2, KiB */
	c->mc_cache_alignment = ((r1.ebx >> 8) & 0xff) * 8; /* CLFLUSH line size */
	c->mc_nmsrvals = 1;
	c->mc_msrvalues[0].reg = MSR_IA32_MCG_CAP;
	if (r1.edx & CPUID1_EDX_MCA)
		c->mc_msrvalues[0].value = rdmsr(MSR_IA32_MCG_CAP);
}

static long physcpuinfo(struct xen_mc *op, unsigned long arg)
{
	struct xen_mc_physcpuinfo *p = &op->u.mc_physcpuinfo;
	uint32_t online = 1;

	if (p->info) {
		struct mcinfo_logical_cpu c;
		if ((int32_t)p->ncpus <= 0)
			return -EINVAL;
		logical_cpu_info(&c);
		if (copy_to_guest((unsigned long)p->info, &c, sizeof(c)))
			return -EFAULT;
	}
	p->ncpus = online;
	return copy_to_guest(arg, op, sizeof(*op)) ? -EFAULT : 0;
}

static long fetch(struct xen_mc *op, unsigned long arg)
{
	struct xen_mc_fetch *f = &op->u.mc_fetch;
	uint32_t class = f->flags & (XEN_MC_NONURGENT | XEN_MC_URGENT);

	if (class != XEN_MC_NONURGENT && class != XEN_MC_URGENT)
		return -EINVAL;
	if (f->flags & XEN_MC_ACK)
		return 0; /* nothing was handed out, so nothing to release */
	if (!f->data)
		return -EINVAL;
	f->flags = XEN_MC_OK | XEN_MC_NODATA;
	f->fetch_id = 0;
	return copy_to_guest(arg, op, sizeof(*op)) ? -EFAULT : 0;
}

long do_mca(unsigned long arg, unsigned long a2, unsigned long a3, unsigned long a4,
	    unsigned long a5)
{
	struct xen_mc op;

	if (!current->domain->is_privileged)
		return -EPERM;
	if (copy_from_guest(&op, arg, sizeof(op)))
		return -EFAULT;
	if (op.interface_version != XEN_MCA_INTERFACE_VERSION)
		return -EACCES;
	switch (op.cmd) {
	case XEN_MC_fetch:
		return fetch(&op, arg);
	case XEN_MC_physcpuinfo:
		return physcpuinfo(&op, arg);
	case XEN_MC_msrinject:
	case XEN_MC_mceinject:
		return -ENODEV; /* Xen's answer when it has no machine-check banks in use */
	default: /* XEN_MC_notifydomain is no longer supported either */
		return -EINVAL;
	}
}
