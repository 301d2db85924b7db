/* asm/cpu.h - what the host CPU is, in the terms Xen reports it to dom0 (arch/x86/cpu.c). */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <asm/vmce.h>
#include <lamina/types.h>

/* host_vendor - the vendor of the CPU the hypervisor runs on (X86_VENDOR_*, from CPUID 0). */
enum x86_vendor host_vendor(void);

#define NR_XEN_FEATURE_WORDS 8

/*
 * host_feature_words - the host's CPUID feature words in Xen's featureset
 * order (xen/include/public/arch-x86/cpufeatureset.h): 1.EDX, 1.ECX,
 * 0x80000001.EDX, 0x80000001.ECX, 0xD/1.EAX, 7/0.EBX, 7/0.ECX,
 * 0x80000007.EDX; leaves the CPU lacks read as 0. Used for mcinfo_logical_cpu
 * and physinfo.hw_cap.
 */
void host_feature_words(uint32_t w[NR_XEN_FEATURE_WORDS]);

#endif /* ASM_CPU_H */
