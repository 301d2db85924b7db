/*
 * xen/arch-x86/cpuid.h - the hypervisor's CPUID leaves as a guest sees them.
 *
 * Matches Xen's public xen/include/public/arch-x86/cpuid.h. The leaves start at the first
 * 0x100-aligned base from 0x40000000 on that is not taken by another hypervisor interface
 * (0x40000000 for a PV guest); a PV guest reaches them through the forced-emulation prefix.
 *
 *	base + 0  EAX: highest leaf offered; EBX/ECX/EDX: "XenVMMXenVMM"
 *	base + 1  EAX: major version << 16 | minor version
 *	base + 2  EAX: number of hypercall pages; EBX: MSR base for hypercall page setup;
 *		  ECX: XEN_CPUID_FEAT1_* flags
 *	base + 3  TSC mode and scaling (sub-leaves 0-2)
 *	base + 4  HVM features (XEN_HVM_CPUID_*), zero for PV guests
 *	base + 5  PV parameters: sub-leaf 0 EBX[7:0] is the machine address width
 */
#ifndef XEN_ABI_ARCH_X86_CPUID_H
#define XEN_ABI_ARCH_X86_CPUID_H

#include "../lamina-abi.h"

#define XEN_CPUID_FIRST_LEAF			0x40000000
#define XEN_CPUID_LEAF(n)			(XEN_CPUID_FIRST_LEAF + (n))

/* Signature registers of the first leaf: "XenV", "MMXe", "nVMM" in little-endian order. */
#define XEN_CPUID_SIGNATURE_EBX			0x566e6558
#define XEN_CPUID_SIGNATURE_ECX			0x65584d4d
#define XEN_CPUID_SIGNATURE_EDX			0x4d4d566e

/* base + 2, ECX: MMU_PT_UPDATE_PRESERVE_AD is available to this guest. */
#define _XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD	0
#define XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD	(XEN_ABI_U(1) << 0)

/*
 * base + 4, sub-leaf 0, EAX (HVM guests only; a PV guest must see 0 here), in bit order: APIC
 * registers virtualised; x2APIC accesses virtualised; foreign mappings have IOMMU entries; EBX
 * holds the vCPU id; ECX holds the domain id; 15-bit interrupt destination IDs; per-vCPU
 * upcall vectors work with physical IRQs.
 */
#define XEN_HVM_CPUID_APIC_ACCESS_VIRT		(XEN_ABI_U(1) << 0)
#define XEN_HVM_CPUID_X2APIC_VIRT		(XEN_ABI_U(1) << 1)
#define XEN_HVM_CPUID_IOMMU_MAPPINGS		(XEN_ABI_U(1) << 2)
#define XEN_HVM_CPUID_VCPU_ID_PRESENT		(XEN_ABI_U(1) << 3)
#define XEN_HVM_CPUID_DOMID_PRESENT		(XEN_ABI_U(1) << 4)
#define XEN_HVM_CPUID_EXT_DEST_ID		(XEN_ABI_U(1) << 5)
#define XEN_HVM_CPUID_UPCALL_VECTOR		(XEN_ABI_U(1) << 6)

/* base + 5, sub-leaf 0, EBX: machine address width in bits, memory hotplug included. */
#define XEN_CPUID_MACHINE_ADDRESS_WIDTH_MASK	(XEN_ABI_U(0xff) << 0)

/* Offset of the highest leaf Xen offers: the first leaf reports base + 5 in EAX. */
#define XEN_CPUID_MAX_NUM_LEAVES		5

#endif /* XEN_ABI_ARCH_X86_CPUID_H */
