/*
 * xen/features.h - feature bits reported by XENVER_get_features.
 *
 * Matches Xen's public xen/include/public/features.h (Xen 4.17). XENFEAT_* values are bit
 * numbers within submap 0, the only submap defined. The same names, without the XENFEAT_
 * prefix and separated by '|', make up the XEN_ELFNOTE_FEATURES string, where a leading '!'
 * marks a feature the kernel cannot run without.
 *
 * A 64-bit PV Linux 6.1 guest refuses to boot unless bits 5 and 7 are set.
 */
#ifndef XEN_ABI_FEATURES_H
#define XEN_ABI_FEATURES_H

/* Guest may write its page tables directly, without write-protecting them. */
#define XENFEAT_writable_page_tables		0
/* Guest may write its descriptor tables directly. */
#define XENFEAT_writable_descriptor_tables	1
/* The hypervisor translates guest-physical to machine addresses (HVM/PVH style). */
#define XENFEAT_auto_translated_physmap		2
/* The guest kernel runs in supervisor mode (ring 0). */
#define XENFEAT_supervisor_mode_kernel		3
/* PAE page directories may live above 4 GiB. */
#define XENFEAT_pae_pgdir_above_4gb		4
/* x86: MMU_PT_UPDATE_PRESERVE_AD is supported. */
#define XENFEAT_mmu_pt_update_preserve_ad	5
/* x86: MMUEXT_CLEAR_PAGE and MMUEXT_COPY_PAGE are supported. */
#define XENFEAT_highmem_assist			6
/* GNTTABOP_map_grant_ref copies GNTMAP_guest_avail bits into the PTE. */
#define XENFEAT_gnttab_map_avail_bits		7
/* x86: the HVM callback-vector upcall is available. */
#define XENFEAT_hvm_callback_vector		8
/* x86: pvclock is safe to use in HVM guests. */
#define XENFEAT_hvm_safe_pvclock		9
/* x86: HVM guests may use PIRQs. */
#define XENFEAT_hvm_pirqs			10
/* The domain may run as dom0. */
#define XENFEAT_dom0				11
/* Bit 12 (grant_map_identity) is retired. */
/* XENMEMF_vnode may be used in memory operations. */
#define XENFEAT_memory_op_vnode_supported	13
/* Arm: the SMC calling convention is supported. */
#define XENFEAT_ARM_SMCCC_supported		14
/* x86 PVH: the ACPI RSDP may be anywhere, not only below 1 MiB. */
#define XENFEAT_linux_rsdp_unrestricted		15
/* The domain's frames are not 1:1 (gfn != mfn). */
#define XENFEAT_not_direct_mapped		16
/* The domain's frames are mapped 1:1 (gfn == mfn). */
#define XENFEAT_direct_mapped			17

/* Number of 32-bit feature submaps. */
#define XENFEAT_NR_SUBMAPS			1

#endif /* XEN_ABI_FEATURES_H */
