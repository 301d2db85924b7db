/*
 * asm/vmce.h - the virtual machine-check MSRs a PV vCPU sees (vMCE).
 *
 * Guest-visible behaviour follows Xen 4.17 (xen/arch/x86/cpu/mcheck/vmce.c,
 * mce_intel.c, mce_amd.c, msr.c): two banks, MCG_CAP as Xen builds it for the
 * host's vendor, MCi_CTL reading all ones, MCi_STATUS/ADDR/MISC accepting
 * only 0, MCG_EXT_CTL faulting (no LMCE). Nothing is ever injected: the banks
 * stay clear. Pure logic (no hardware access): built hosted for unit tests.
 */
#ifndef ASM_VMCE_H
#define ASM_VMCE_H

#include <lamina/types.h>

/* Machine-check MSRs (Intel SDM vol. 4; AMD APM vol. 2). */
#define MSR_P5_MC_ADDR		0x00000000
#define MSR_P5_MC_TYPE		0x00000001
#define MSR_IA32_MCG_CAP	0x00000179
#define MSR_IA32_MCG_STATUS	0x0000017a
#define MSR_IA32_MCG_CTL	0x0000017b
#define MSR_IA32_MC0_CTL2	0x00000280	/* MCi_CTL2: 0x280 + i (Intel) */
#define MSR_IA32_MC0_CTL	0x00000400	/* MCi_CTL/STATUS/ADDR/MISC: 0x400 + 4i + 0..3 */
#define MSR_IA32_MC0_STATUS	0x00000401
#define MSR_IA32_MC0_ADDR	0x00000402
#define MSR_IA32_MC0_MISC	0x00000403
#define MSR_IA32_MCG_EXT_CTL	0x000004d0

/* MCG_CAP bits. */
#define MCG_CAP_COUNT	0xffULL		/* number of banks */
#define MCG_CTL_P	(1ULL << 8)
#define MCG_CMCI_P	(1ULL << 10)
#define MCG_TES_P	(1ULL << 11)
#define MCG_SER_P	(1ULL << 24)
#define MCG_LMCE_P	(1ULL << 27)

/* Banks a guest has: 0 for the old "bank 0 quirk", 1 to report errors in (Xen's choice). */
#define GUEST_MC_BANK_NUM 2

/* CPU vendors, as Xen's X86_VENDOR_* bits (also struct mcinfo_logical_cpu.mc_vendor). */
enum x86_vendor {
	X86_VENDOR_UNKNOWN = 0,
	X86_VENDOR_INTEL = 1 << 0,
	X86_VENDOR_AMD = 1 << 1,
	X86_VENDOR_CENTAUR = 1 << 2,
	X86_VENDOR_SHANGHAI = 1 << 3,
	X86_VENDOR_HYGON = 1 << 4,
};

/* x86_vendor_of - the vendor named by CPUID leaf 0's EBX, EDX, ECX ("GenuineIntel", ...). */
enum x86_vendor x86_vendor_of(uint32_t ebx, uint32_t ecx, uint32_t edx);

struct vmce_bank {
	uint64_t mci_status, mci_addr, mci_misc, mci_ctl2;
};

/* struct vmce - one vCPU's machine-check registers. */
struct vmce {
	enum x86_vendor vendor; /* the host's: decides MCG_CAP and the vendor MSRs */
	uint64_t mcg_cap;
	uint64_t mcg_status;
	struct vmce_bank bank[GUEST_MC_BANK_NUM];
};

/* vmce_init - a vCPU's registers at creation: banks clear, MCG_CAP for the vendor. */
void vmce_init(struct vmce *m, enum x86_vendor vendor);

/*
 * vmce_rdmsr / vmce_wrmsr - a guest access to MSR msr. Return 1 when msr is
 * a machine-check MSR and the access is done (*val set for reads), -1 when it
 * must raise #GP(0), 0 when msr is not a machine-check MSR (the caller goes on).
 */
int vmce_rdmsr(const struct vmce *m, uint32_t msr, uint64_t *val);
int vmce_wrmsr(struct vmce *m, uint32_t msr, uint64_t val);

#endif /* ASM_VMCE_H */
