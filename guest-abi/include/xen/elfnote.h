/*
 * xen/elfnote.h - types of the ELF notes a PV kernel carries for the domain builder.
 *
 * Matches Xen's public xen/include/public/elfnote.h. The notes sit in a PT_NOTE segment with
 * owner name "Xen". Numeric descriptors are 4 or 8 bytes (addresses are 8 on x86-64); string
 * descriptors are NUL-terminated ASCII.
 */
#ifndef XEN_ABI_ELFNOTE_H
#define XEN_ABI_ELFNOTE_H

#define XEN_ELFNOTE_INFO		0	/* string: NAME=VALUE pair */
#define XEN_ELFNOTE_ENTRY		1	/* numeric: virtual address of the PV entry point */
#define XEN_ELFNOTE_HYPERCALL_PAGE	2	/* numeric: virtual address of the hypercall page */
#define XEN_ELFNOTE_VIRT_BASE		3	/* numeric: virtual address of pseudo-physical 0 */
#define XEN_ELFNOTE_PADDR_OFFSET	4	/* numeric: subtracted from p_paddr; default 0 */
#define XEN_ELFNOTE_XEN_VERSION		5	/* string: hypervisor version wanted, "xen-3.0" */
#define XEN_ELFNOTE_GUEST_OS		6	/* string: guest OS name, e.g. "linux" */
#define XEN_ELFNOTE_GUEST_VERSION	7	/* string: guest OS version */
#define XEN_ELFNOTE_LOADER		8	/* string: loader type, "generic" */
#define XEN_ELFNOTE_PAE_MODE		9	/* string: "yes", "no", "bimodal" (32-bit only) */
#define XEN_ELFNOTE_FEATURES		10	/* string: '|'-separated features, '!' = needed */
#define XEN_ELFNOTE_BSD_SYMTAB		11	/* string: "yes" to have the symbol table loaded */
#define XEN_ELFNOTE_HV_START_LOW	12	/* numeric: lowest start of the hypervisor hole */
#define XEN_ELFNOTE_L1_MFN_VALID	13	/* numeric pairs: mask, value of MFN-holding PTEs */
#define XEN_ELFNOTE_SUSPEND_CANCEL	14	/* numeric: 1 = copes with cancelled suspend */
#define XEN_ELFNOTE_INIT_P2M		15	/* numeric: virtual address to map the P2M at */
#define XEN_ELFNOTE_MOD_START_PFN	16	/* numeric: 1 = ramdisk may stay unmapped */
#define XEN_ELFNOTE_SUPPORTED_FEATURES	17	/* numeric: XENFEAT_* bitmap of submap 0 */
#define XEN_ELFNOTE_PHYS32_ENTRY	18	/* numeric: 32-bit PVH entry (physical address) */

/* Highest note type defined above. */
#define XEN_ELFNOTE_MAX			XEN_ELFNOTE_PHYS32_ENTRY

/* Notes in crash dumps written by the hypervisor's kexec support. */
#define XEN_ELFNOTE_CRASH_INFO		0x1000001	/* one per dump: system information */
#define XEN_ELFNOTE_CRASH_REGS		0x1000002	/* one per CPU: extra registers */

/* Notes in "xm dump-core" style domain dumps. */
#define XEN_ELFNOTE_DUMPCORE_NONE		0x2000000	/* marks the file as such a dump */
#define XEN_ELFNOTE_DUMPCORE_HEADER		0x2000001
#define XEN_ELFNOTE_DUMPCORE_XEN_VERSION	0x2000002	/* XENVER_* results */
#define XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION	0x2000003

#endif /* XEN_ABI_ELFNOTE_H */
