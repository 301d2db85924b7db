/*
 * vmce.c - the machine-check MSRs of a PV vCPU (asm/vmce.h): what Xen 4.17
 * shows a guest that sees MCE and MCA in CPUID - two empty banks it may
 * clear but not fill.
 */
#include <asm/vmce.h>

enum x86_vendor x86_vendor_of(uint32_t ebx, uint32_t ecx, uint32_t edx)
{
	/* The 12-byte string, 4 bytes each from EBX, EDX, ECX; keyed by its first 4. */
	switch (ebx) {
	case 0x756e6547: /* "GenuineIntel" */
		return (edx == 0x49656e69 && ecx == 0x6c65746e) ? X86_VENDOR_INTEL : X86_VENDOR_UNKNOWN;
	case 0x68747541: /* "AuthenticAMD" */
		return (edx == 0x69746e65 && ecx == 0x444d4163) ? X86_VENDOR_AMD : X86_VENDOR_UNKNOWN;
	case 0x746e6543: /* "CentaurHauls" */
		return X86_VENDOR_CENTAUR;
	case 0x68532020: /* "  Shanghai  " */
		return X86_VENDOR_SHANGHAI;
	case 0x6f677948: /* "HygonGenuine" */
		return X86_VENDOR_HYGON;
	default:
		return X86_VENDOR_UNKNOWN;
	}
}

void vmce_init(struct vmce *m, enum x86_vendor vendor)
{
	*m = (struct vmce){ .vendor = vendor };
	/* Intel: software error recovery, architectural status bits, CMCI (never raised). */
	m->mcg_cap = GUEST_MC_BANK_NUM;
	if (vendor == X86_VENDOR_INTEL)
		m->mcg_cap |= MCG_SER_P | MCG_TES_P | MCG_CMCI_P;
}

/* The MSR numbers Xen routes to its vMCE (xen/arch/x86/msr.c): every one answers. */
static bool mce_msr(uint32_t msr)
{
	return msr == MSR_P5_MC_ADDR || msr == MSR_P5_MC_TYPE ||
	       (msr >= MSR_IA32_MCG_CAP && msr <= MSR_IA32_MCG_CTL) ||
	       (msr >= MSR_IA32_MC0_CTL2 && msr < MSR_IA32_MC0_CTL2 + 32) ||
	       (msr >= MSR_IA32_MC0_CTL && msr < MSR_IA32_MC0_CTL + 4 * 32) ||
	       msr == MSR_IA32_MCG_EXT_CTL;
}

static unsigned int nr_banks(const struct vmce *m)
{
	return (unsigned int)(m->mcg_cap & MCG_CAP_COUNT);
}

/* Whether msr is MCi_CTL/STATUS/ADDR/MISC (reg 0-3) of an existing bank. */
static bool bank_reg(const struct vmce *m, uint32_t msr, unsigned int *bank, unsigned int *reg)
{
	if (msr < MSR_IA32_MC0_CTL || msr >= MSR_IA32_MC0_CTL + 4 * nr_banks(m))
		return false;
	*bank = (msr - MSR_IA32_MC0_CTL) / 4;
	*reg = msr & 3;
	return true;
}

/* Whether msr is Intel's MCi_CTL2 of an existing bank. */
static bool ctl2_reg(const struct vmce *m, uint32_t msr, unsigned int *bank)
{
	if (m->vendor != X86_VENDOR_INTEL || msr < MSR_IA32_MC0_CTL2 ||
	    msr >= MSR_IA32_MC0_CTL2 + nr_banks(m))
		return false;
	*bank = msr - MSR_IA32_MC0_CTL2;
	return true;
}

int vmce_rdmsr(const struct vmce *m, uint32_t msr, uint64_t *val)
{
	unsigned int bank, reg;

	if (!mce_msr(msr))
		return 0;
	*val = 0; /* registers of banks the guest does not have read as zero */
	switch (msr) {
	case MSR_IA32_MCG_CAP:
		*val = m->mcg_cap;
		return 1;
	case MSR_IA32_MCG_STATUS:
		*val = m->mcg_status;
		return 1;
	case MSR_IA32_MCG_CTL:
		*val = (m->mcg_cap & MCG_CTL_P) ? ~0ULL : 0;
		return 1;
	case MSR_IA32_MCG_EXT_CTL:
		return -1; /* no local machine checks (MCG_LMCE_P clear) */
	case MSR_P5_MC_ADDR: /* Intel's P5 registers alias bank 1 */
		if (m->vendor == X86_VENDOR_INTEL)
			*val = m->bank[1].mci_addr;
		return 1;
	case MSR_P5_MC_TYPE:
		if (m->vendor == X86_VENDOR_INTEL)
			*val = m->bank[1].mci_status;
		return 1;
	}
	if (ctl2_reg(m, msr, &bank)) {
		*val = m->bank[bank].mci_ctl2;
		return 1;
	}
	if (!bank_reg(m, msr, &bank, &reg))
		return 1;
	switch (reg) {
	case 0: /* MCi_CTL: every error type reported, always */
		*val = ~0ULL;
		break;
	case 1:
		*val = m->bank[bank].mci_status;
		break;
	case 2:
		*val = m->bank[bank].mci_addr;
		break;
	default:
		*val = m->bank[bank].mci_misc;
		break;
	}
	return 1;
}

int vmce_wrmsr(struct vmce *m, uint32_t msr, uint64_t val)
{
	unsigned int bank, reg;

	if (!mce_msr(msr))
		return 0;
	switch (msr) {
	case MSR_IA32_MCG_STATUS:
		m->mcg_status = val;
		return 1;
	case MSR_IA32_MCG_CAP: /* read-only: writes change nothing */
	case MSR_IA32_MCG_CTL: /* all ones if present; writes change nothing */
	case MSR_P5_MC_ADDR:
	case MSR_P5_MC_TYPE:
		return 1;
	case MSR_IA32_MCG_EXT_CTL:
		return -1;
	}
	if (ctl2_reg(m, msr, &bank)) {
		m->bank[bank].mci_ctl2 = val;
		return 1;
	}
	if (!bank_reg(m, msr, &bank, &reg) || reg == 0)
		return 1; /* MCi_CTL stays all ones; absent banks ignore writes */
	if (val)
		return -1; /* a guest may clear a bank, not plant an error */
	if (reg == 1)
		m->bank[bank].mci_status = 0;
	else if (reg == 2)
		m->bank[bank].mci_addr = 0;
	else
		m->bank[bank].mci_misc = 0;
	return 1;
}
