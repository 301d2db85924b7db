/*
 * test_vmce.c - the virtual machine-check MSRs (hypervisor/arch/x86/vmce.c), against what
 * Xen 4.17 shows a PV guest.
 */
#include <asm/vmce.h>

#include "unit.h"

static struct vmce m;

static uint64_t rd(uint32_t msr)
{
	uint64_t v = 0x5a5a;
	ck_assert_int_eq(vmce_rdmsr(&m, msr, &v), 1);
	return v;
}

START_TEST(vendor_strings)
{
	ck_assert_int_eq(x86_vendor_of(0x756e6547, 0x6c65746e, 0x49656e69), X86_VENDOR_INTEL);
	ck_assert_int_eq(x86_vendor_of(0x68747541, 0x444d4163, 0x69746e65), X86_VENDOR_AMD);
	ck_assert_int_eq(x86_vendor_of(0x6f677948, 0x656e6975, 0x6e65476e), X86_VENDOR_HYGON);
	ck_assert_int_eq(x86_vendor_of(0x756e6547, 0, 0), X86_VENDOR_UNKNOWN);
	ck_assert_int_eq(x86_vendor_of(0, 0, 0), X86_VENDOR_UNKNOWN);
}
END_TEST

START_TEST(capabilities_by_vendor)
{
	vmce_init(&m, X86_VENDOR_INTEL);
	ck_assert_uint_eq(rd(MSR_IA32_MCG_CAP), 0x1000c02); /* SER | TES | CMCI | 2 banks */
	vmce_init(&m, X86_VENDOR_AMD);
	ck_assert_uint_eq(rd(MSR_IA32_MCG_CAP), 2);
	vmce_init(&m, X86_VENDOR_UNKNOWN);
	ck_assert_uint_eq(rd(MSR_IA32_MCG_CAP), 2);
}
END_TEST

START_TEST(global_registers)
{
	uint64_t v;

	vmce_init(&m, X86_VENDOR_INTEL);
	ck_assert_uint_eq(rd(MSR_IA32_MCG_STATUS), 0);
	ck_assert_int_eq(vmce_wrmsr(&m, MSR_IA32_MCG_STATUS, 4), 1);
	ck_assert_uint_eq(rd(MSR_IA32_MCG_STATUS), 4);
	ck_assert_uint_eq(rd(MSR_IA32_MCG_CTL), 0); /* MCG_CTL_P clear */
	ck_assert_int_eq(vmce_wrmsr(&m, MSR_IA32_MCG_CTL, ~0ULL), 1);
	ck_assert_int_eq(vmce_wrmsr(&m, MSR_IA32_MCG_CAP, 0), 1);
	ck_assert_uint_eq(rd(MSR_IA32_MCG_CAP), 0x1000c02); /* read-only */
	ck_assert_int_eq(vmce_rdmsr(&m, MSR_IA32_MCG_EXT_CTL, &v), -1);
	ck_assert_int_eq(vmce_wrmsr(&m, MSR_IA32_MCG_EXT_CTL, 0), -1);
}
END_TEST

START_TEST(bank_registers)
{
	vmce_init(&m, X86_VENDOR_AMD);
	for (uint32_t b = 0; b < 2; b++) {
		ck_assert_uint_eq(rd(MSR_IA32_MC0_CTL + 4 * b), ~0ULL);
		ck_assert_uint_eq(rd(MSR_IA32_MC0_STATUS + 4 * b), 0);
		ck_assert_uint_eq(rd(MSR_IA32_MC0_ADDR + 4 * b), 0);
		ck_assert_uint_eq(rd(MSR_IA32_MC0_MISC + 4 * b), 0);
	}
	/* MCi_CTL writes are ignored; STATUS/ADDR/MISC take 0 only. */
	ck_assert_int_eq(vmce_wrmsr(&m, MSR_IA32_MC0_CTL + 4, 0), 1);
	ck_assert_uint_eq(rd(MSR_IA32_MC0_CTL + 4), ~0ULL);
	ck_assert_int_eq(vmce_wrmsr(&m, MSR_IA32_MC0_STATUS + 4, 0), 1);
	ck_assert_int_eq(vmce_wrmsr(&m, MSR_IA32_MC0_STATUS + 4, 1ULL << 63), -1);
	ck_assert_int_eq(vmce_wrmsr(&m, MSR_IA32_MC0_ADDR, 0x1000), -1);
	ck_assert_int_eq(vmce_wrmsr(&m, MSR_IA32_MC0_MISC, 1), -1);
	m.bank[1].mci_status = 0xbe00000000000000ULL;
	ck_assert_uint_eq(rd(MSR_IA32_MC0_STATUS + 4), 0xbe00000000000000ULL);
	ck_assert_int_eq(vmce_wrmsr(&m, MSR_IA32_MC0_STATUS + 4, 0), 1);
	ck_assert_uint_eq(rd(MSR_IA32_MC0_STATUS + 4), 0);
	/* Banks beyond MCG_CAP.COUNT read as zero and ignore any write. */
	ck_assert_uint_eq(rd(MSR_IA32_MC0_CTL + 8), 0);
	ck_assert_uint_eq(rd(MSR_IA32_MC0_STATUS + 4 * 31), 0);
	ck_assert_int_eq(vmce_wrmsr(&m, MSR_IA32_MC0_STATUS + 8, 5), 1);
	ck_assert_uint_eq(rd(MSR_IA32_MC0_STATUS + 8), 0);
}
END_TEST

START_TEST(intel_ctl2_and_p5)
{
	vmce_init(&m, X86_VENDOR_INTEL);
	ck_assert_int_eq(vmce_wrmsr(&m, MSR_IA32_MC0_CTL2 + 1, 0x40000005), 1);
	ck_assert_uint_eq(rd(MSR_IA32_MC0_CTL2 + 1), 0x40000005);
	ck_assert_uint_eq(rd(MSR_IA32_MC0_CTL2), 0);
	ck_assert_uint_eq(rd(MSR_IA32_MC0_CTL2 + 2), 0); /* no bank 2 */
	m.bank[1].mci_addr = 0x1234000;
	ck_assert_uint_eq(rd(MSR_P5_MC_ADDR), 0x1234000);
	/* AMD has no CTL2 registers: they read as zero and keep nothing. */
	vmce_init(&m, X86_VENDOR_AMD);
	ck_assert_int_eq(vmce_wrmsr(&m, MSR_IA32_MC0_CTL2 + 1, 7), 1);
	ck_assert_uint_eq(rd(MSR_IA32_MC0_CTL2 + 1), 0);
	m.bank[1].mci_addr = 0x1234000;
	ck_assert_uint_eq(rd(MSR_P5_MC_ADDR), 0);
}
END_TEST

START_TEST(other_msrs_not_claimed)
{
	uint64_t v = 7;

	vmce_init(&m, X86_VENDOR_INTEL);
	ck_assert_int_eq(vmce_rdmsr(&m, 0x10, &v), 0); /* TSC */
	ck_assert_int_eq(vmce_rdmsr(&m, 0x178, &v), 0);
	ck_assert_int_eq(vmce_rdmsr(&m, 0x17c, &v), 0);
	ck_assert_int_eq(vmce_rdmsr(&m, 0x2a0, &v), 0);
	ck_assert_int_eq(vmce_rdmsr(&m, 0x480, &v), 0); /* IA32_VMX_BASIC */
	ck_assert_int_eq(vmce_wrmsr(&m, 0xc0000080, 0), 0); /* EFER */
	ck_assert_uint_eq(v, 7);
}
END_TEST

Suite *vmce_suite(void)
{
	Suite *s = suite_create("vmce");
	TCase *tc = tcase_create("msrs");

	tcase_add_test(tc, vendor_strings);
	tcase_add_test(tc, capabilities_by_vendor);
	tcase_add_test(tc, global_registers);
	tcase_add_test(tc, bank_registers);
	tcase_add_test(tc, intel_ctl2_and_p5);
	tcase_add_test(tc, other_msrs_not_claimed);
	suite_add_tcase(s, tc);
	return s;
}
