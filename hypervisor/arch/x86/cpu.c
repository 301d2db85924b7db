/*
 * cpu.c - the host CPU's identity as the hypervisor reports it (asm/cpu.h).
 */
#include <asm/cpu.h>
#include <asm/processor.h>

enum x86_vendor host_vendor(void)
{
	struct cpuid_regs r = cpuid(0);

	return x86_vendor_of(r.ebx, r.ecx, r.edx);
}

void host_feature_words(uint32_t w[NR_XEN_FEATURE_WORDS])
{
	uint32_t max = cpuid(0).eax, ext = cpuid(0x80000000).eax;
	struct cpuid_regs r1 = cpuid(1), none = { 0 };
	struct cpuid_regs e1 = ext >= 0x80000001 ? cpuid(0x80000001) : none;
	struct cpuid_regs d1 = max >= 0xd ? cpuid_count(0xd, 1) : none;
	struct cpuid_regs r7 = max >= 7 ? cpuid_count(7, 0) : none;
	struct cpuid_regs e7 = ext >= 0x80000007 ? cpuid(0x80000007) : none;

	w[0] = r1.edx;
	w[1] = r1.ecx;
	w[2] = e1.edx;
	w[3] = e1.ecx;
	w[4] = d1.eax;
	w[5] = r7.ebx;
	w[6] = r7.ecx;
	w[7] = e7.edx;
}
