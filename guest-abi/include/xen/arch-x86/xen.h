/*
 * xen/arch-x86/xen.h - the x86-64 part of the PV guest ABI.
 *
 * Matches Xen's public xen/include/public/arch-x86/xen.h together with
 * arch-x86/xen-x86_64.h (interface version 0x00040e00), for 64-bit guests only: no 32-bit or
 * compat layouts. It holds the basic ABI types, guest handles, the hypervisor's reserved GDT
 * area and flat selectors, the fixed virtual address ranges, the register and context
 * structures used by set_trap_table, iret and VCPUOP_initialise, and the x86 part of a new
 * domain's configuration (domctl).
 *
 * xen/xen.h includes this file; include that one rather than this directly.
 */
#ifndef XEN_ABI_ARCH_X86_XEN_H
#define XEN_ABI_ARCH_X86_XEN_H

#include "../lamina-abi.h"

#if !defined(__x86_64__)
#error "Lamina's ABI headers describe the x86-64 PV ABI only"
#endif

/*
 * Guest handles: a guest virtual address passed to the hypervisor inside an argument
 * structure. On x86-64 PV a handle is simply a pointer-sized field holding the guest's own
 * pointer, so Lamina spells it as a plain pointer type. The hypervisor must treat the value as
 * an untrusted guest address and copy through its guest-access helpers, never dereference it.
 *
 *	XEN_GUEST_HANDLE(xen_pfn_t) extent_start;	is	xen_pfn_t *extent_start;
 */
#define XEN_GUEST_HANDLE(type)			type *
#define XEN_GUEST_HANDLE_PARAM(type)		type *
#define set_xen_guest_handle(hnd, val)		((hnd) = (val))

/* Set when the ABI has PV start-of-day entry (start_info) and the per-vCPU upcall mask. */
#define XEN_HAVE_PV_GUEST_ENTRY			1
#define XEN_HAVE_PV_UPCALL_MASK			1

/*
 * The hypervisor owns the top part of every GDT: from page 14 (entry 7168, byte 0xe000) on.
 * A guest's own descriptors (set_gdt) occupy entries 0-7167. The LDT is set separately with
 * MMUEXT_SET_LDT.
 */
#define FIRST_RESERVED_GDT_PAGE			14
#define FIRST_RESERVED_GDT_BYTE			(FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY		(FIRST_RESERVED_GDT_BYTE / 8)

/* shared_info holds vcpu_info slots for this many vCPUs; others must register their own. */
#define XEN_LEGACY_MAX_VCPUS			32

/*
 * Flat segment selectors in the reserved GDT page, usable by every 64-bit PV guest. Guest
 * kernel and guest user code both run at CPL 3, so all carry RPL 3:
 * 0xe023 is entry 7172 (32-bit code), 0xe02b entry 7173 (data), 0xe033 entry 7174 (64-bit
 * code). Data segments are the null selector in long mode.
 */
#define FLAT_RING3_CS32				0xe023
#define FLAT_RING3_CS64				0xe033
#define FLAT_RING3_DS32				0xe02b
#define FLAT_RING3_DS64				0x0000
#define FLAT_RING3_SS32				0xe02b
#define FLAT_RING3_SS64				0xe02b

/* Kernel and user views are the same selectors. */
#define FLAT_KERNEL_CS32			FLAT_RING3_CS32
#define FLAT_KERNEL_CS64			FLAT_RING3_CS64
#define FLAT_KERNEL_CS				FLAT_KERNEL_CS64
#define FLAT_KERNEL_DS32			FLAT_RING3_DS32
#define FLAT_KERNEL_DS64			FLAT_RING3_DS64
#define FLAT_KERNEL_DS				FLAT_KERNEL_DS64
#define FLAT_KERNEL_SS32			FLAT_RING3_SS32
#define FLAT_KERNEL_SS64			FLAT_RING3_SS64
#define FLAT_KERNEL_SS				FLAT_KERNEL_SS64

#define FLAT_USER_CS32				FLAT_RING3_CS32
#define FLAT_USER_CS64				FLAT_RING3_CS64
#define FLAT_USER_CS				FLAT_USER_CS64
#define FLAT_USER_DS32				FLAT_RING3_DS32
#define FLAT_USER_DS64				FLAT_RING3_DS64
#define FLAT_USER_DS				FLAT_USER_DS64
#define FLAT_USER_SS32				FLAT_RING3_SS32
#define FLAT_USER_SS64				FLAT_RING3_SS64
#define FLAT_USER_SS				FLAT_USER_SS64

/*
 * Virtual address space the hypervisor reserves in every guest page table: L4 slots 256-271.
 * The first 256 GiB of it is the read-only machine-to-phys table (8 bytes per MFN), mapped
 * for the guest to read.
 */
#define __HYPERVISOR_VIRT_START			0xFFFF800000000000
#define __HYPERVISOR_VIRT_END			0xFFFF880000000000
#define __MACH2PHYS_VIRT_START			0xFFFF800000000000
#define __MACH2PHYS_VIRT_END			0xFFFF804000000000

#define HYPERVISOR_VIRT_START			XEN_ABI_UL(__HYPERVISOR_VIRT_START)
#define HYPERVISOR_VIRT_END			XEN_ABI_UL(__HYPERVISOR_VIRT_END)
#define MACH2PHYS_VIRT_START			XEN_ABI_UL(__MACH2PHYS_VIRT_START)
#define MACH2PHYS_VIRT_END			XEN_ABI_UL(__MACH2PHYS_VIRT_END)
#define MACH2PHYS_NR_ENTRIES			((MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START) >> 3)

/* set_segment_base(which, value): which base to set. */
#define SEGBASE_FS				0
#define SEGBASE_GS_USER				1
#define SEGBASE_GS_KERNEL			2
#define SEGBASE_GS_USER_SEL			3	/* value[15:0] is a user GS selector */

/*
 * vcpu_guest_context.flags (VGCF_*). Bit numbers have a leading underscore, masks do not.
 * in_syscall is only meaningful in the flags word of an iret_context: the guest came from a
 * SYSCALL, so RCX/R11/CS/SS need not be restored and the hypervisor may return with SYSRET.
 */
#define _VGCF_i387_valid			0	/* fpu_ctxt holds valid state */
#define VGCF_i387_valid				(1 << _VGCF_i387_valid)
#define _VGCF_in_kernel				2	/* vCPU starts in guest kernel mode */
#define VGCF_in_kernel				(1 << _VGCF_in_kernel)
#define _VGCF_failsafe_disables_events		3	/* mask events on failsafe callback */
#define VGCF_failsafe_disables_events		(1 << _VGCF_failsafe_disables_events)
#define _VGCF_syscall_disables_events		4	/* mask events on syscall callback */
#define VGCF_syscall_disables_events		(1 << _VGCF_syscall_disables_events)
#define _VGCF_online				5	/* vCPU is up */
#define VGCF_online				(1 << _VGCF_online)
#define _VGCF_in_syscall			8
#define VGCF_in_syscall				(1 << _VGCF_in_syscall)
#define VGCF_I387_VALID				VGCF_i387_valid
#define VGCF_IN_KERNEL				VGCF_in_kernel
#define VGCF_IN_SYSCALL				VGCF_in_syscall

/* CR3 value for a page-table root frame, and back. */
#define xen_pfn_to_cr3(pfn)			((unsigned long)(pfn) << 12)
#define xen_cr3_to_pfn(cr3)			((unsigned long)(cr3) >> 12)

/*
 * Forced-emulation prefix: ud2 followed by the bytes "xen". Placed before an instruction that
 * would not trap on its own (only CPUID today), it makes the hypervisor emulate it, which is
 * how a PV guest sees the hypervisor's CPUID policy.
 */
#ifdef __ASSEMBLER__
#define XEN_EMULATE_PREFIX			.byte 0x0f, 0x0b, 0x78, 0x65, 0x6e ;
#define XEN_CPUID				XEN_EMULATE_PREFIX cpuid
#else
#define XEN_EMULATE_PREFIX			".byte 0x0f,0x0b,0x78,0x65,0x6e ; "
#define XEN_CPUID				XEN_EMULATE_PREFIX "cpuid"
#endif

/* I/O port whose writes go to the hypervisor console (HVM guests; "port E9 hack"). */
#define XEN_HVM_DEBUGCONS_IOPORT		0xe9

/*
 * xen_arch_domainconfig.emulation_flags: the devices the hypervisor emulates for the domain.
 * Xen accepts 0 or XEN_X86_EMU_PIT alone for a PV domain (its PV dom0 has the PIT), all but
 * VPCI for an HVM domU, and LAPIC alone for a PVH domU.
 */
#define _XEN_X86_EMU_LAPIC			0
#define XEN_X86_EMU_LAPIC			(XEN_ABI_U(1) << _XEN_X86_EMU_LAPIC)
#define _XEN_X86_EMU_HPET			1
#define XEN_X86_EMU_HPET			(XEN_ABI_U(1) << _XEN_X86_EMU_HPET)
#define _XEN_X86_EMU_PM				2	/* ACPI power-management timer */
#define XEN_X86_EMU_PM				(XEN_ABI_U(1) << _XEN_X86_EMU_PM)
#define _XEN_X86_EMU_RTC			3
#define XEN_X86_EMU_RTC				(XEN_ABI_U(1) << _XEN_X86_EMU_RTC)
#define _XEN_X86_EMU_IOAPIC			4
#define XEN_X86_EMU_IOAPIC			(XEN_ABI_U(1) << _XEN_X86_EMU_IOAPIC)
#define _XEN_X86_EMU_PIC			5
#define XEN_X86_EMU_PIC				(XEN_ABI_U(1) << _XEN_X86_EMU_PIC)
#define _XEN_X86_EMU_VGA			6
#define XEN_X86_EMU_VGA				(XEN_ABI_U(1) << _XEN_X86_EMU_VGA)
#define _XEN_X86_EMU_IOMMU			7
#define XEN_X86_EMU_IOMMU			(XEN_ABI_U(1) << _XEN_X86_EMU_IOMMU)
#define _XEN_X86_EMU_PIT			8
#define XEN_X86_EMU_PIT				(XEN_ABI_U(1) << _XEN_X86_EMU_PIT)
#define _XEN_X86_EMU_USE_PIRQ			9	/* interrupts may be routed as PIRQs */
#define XEN_X86_EMU_USE_PIRQ			(XEN_ABI_U(1) << _XEN_X86_EMU_USE_PIRQ)
#define _XEN_X86_EMU_VPCI			10	/* virtual PCI config space */
#define XEN_X86_EMU_VPCI			(XEN_ABI_U(1) << _XEN_X86_EMU_VPCI)
#define XEN_X86_EMU_ALL								\
	(XEN_X86_EMU_LAPIC | XEN_X86_EMU_HPET | XEN_X86_EMU_PM | XEN_X86_EMU_RTC |		\
	 XEN_X86_EMU_IOAPIC | XEN_X86_EMU_PIC | XEN_X86_EMU_VGA | XEN_X86_EMU_IOMMU |		\
	 XEN_X86_EMU_PIT | XEN_X86_EMU_USE_PIRQ | XEN_X86_EMU_VPCI)

/*
 * xen_arch_domainconfig.misc_flags. MSR_RELAXED: an MSR the hypervisor does not handle but the
 * CPU has reads as 0 and ignores writes instead of raising #GP; the real MSR is not touched.
 */
#define XEN_X86_MSR_RELAXED			(XEN_ABI_U(1) << 0)
#define XEN_X86_MISC_FLAGS_MAX			XEN_X86_MSR_RELAXED	/* highest flag defined */

#ifndef __ASSEMBLER__

/* Machine or guest frame number. */
typedef unsigned long xen_pfn_t;
#define PRI_xen_pfn				"lx"
#define PRIu_xen_pfn				"lu"

/* Native-word-sized unsigned value; an unsigned long on x86-64. */
typedef unsigned long xen_ulong_t;
#define PRI_xen_ulong				"lx"

/* Guest virtual address of a callback entry point. */
typedef unsigned long xen_callback_t;

/* A TSC reading. */
typedef uint64_t tsc_timestamp_t;

/*
 * struct trap_info - one virtual IDT entry, passed in arrays to set_trap_table (the array
 * ends at the first entry whose address is 0) and stored in vcpu_guest_context.trap_ctxt.
 *
 * flags[1:0] is the lowest guest privilege allowed to raise the vector with a software INT:
 * 0 nobody, 1 or 2 guest kernel, 3 everybody. flags[2] set means "mask events on entry"
 * (interrupt-gate behaviour).
 */
struct trap_info {
	uint8_t vector;		/* exception or interrupt vector, 0-255 */
	uint8_t flags;		/* DPL in bits 1:0, mask-events in bit 2 */
	uint16_t cs;		/* code selector; RPL forced to 3, otherwise unused on x86-64 */
	unsigned long address;	/* guest virtual address of the handler */
};
typedef struct trap_info trap_info_t;
XEN_ABI_SIZE(struct trap_info, 16);
XEN_ABI_OFFSET(struct trap_info, cs, 2);
XEN_ABI_OFFSET(struct trap_info, address, 8);

#define TI_GET_DPL(ti)				(((ti)->flags) & 3)
#define TI_GET_IF(ti)				(((ti)->flags) & 4)
#define TI_SET_DPL(ti, dpl)			((ti)->flags |= (uint8_t)(dpl))
#define TI_SET_IF(ti, on)			((ti)->flags |= (uint8_t)((on) ? 4 : 0))

/*
 * struct iret_context - the frame the iret hypercall pops from the guest kernel stack.
 *
 * The guest pushes a hardware-style interrupt frame (ss down to rip), then flags, rcx, r11
 * and rax, and issues the hypercall with RSP pointing at rax. CS with RPL 3 returns to guest
 * user mode, otherwise to guest kernel mode. With VGCF_in_syscall in flags, only rax, rip,
 * rflags and rsp are restored.
 */
struct iret_context {
	uint64_t rax;		/* lowest address: RSP at the hypercall points here */
	uint64_t r11;
	uint64_t rcx;
	uint64_t flags;		/* VGCF_in_syscall or 0 */
	uint64_t rip;
	uint64_t cs;
	uint64_t rflags;	/* IF here becomes the inverse of the event mask */
	uint64_t rsp;
	uint64_t ss;
};
XEN_ABI_SIZE(struct iret_context, 72);
XEN_ABI_OFFSET(struct iret_context, flags, 24);
XEN_ABI_OFFSET(struct iret_context, rip, 32);
XEN_ABI_OFFSET(struct iret_context, ss, 64);

/*
 * struct cpu_user_regs - a vCPU's general-purpose register state, as found in
 * vcpu_guest_context.user_regs. Segment selectors are 16 bits wide, each padded to 8 bytes.
 */
struct cpu_user_regs {
	uint64_t r15;
	uint64_t r14;
	uint64_t r13;
	uint64_t r12;
	uint64_t rbp;
	uint64_t rbx;
	uint64_t r11;
	uint64_t r10;
	uint64_t r9;
	uint64_t r8;
	uint64_t rax;
	uint64_t rcx;
	uint64_t rdx;
	uint64_t rsi;
	uint64_t rdi;
	uint32_t error_code;		/* hypervisor-private */
	uint32_t entry_vector;		/* hypervisor-private */
	uint64_t rip;
	uint16_t cs;
	uint16_t _pad0[1];
	uint8_t saved_upcall_mask;	/* event mask at the time of the exception */
	uint8_t _pad1[3];
	uint64_t rflags;		/* IF is the inverse of saved_upcall_mask */
	uint64_t rsp;
	uint16_t ss;
	uint16_t _pad2[3];
	uint16_t es;
	uint16_t _pad3[3];
	uint16_t ds;
	uint16_t _pad4[3];
	uint16_t fs;
	uint16_t _pad5[3];
	uint16_t gs;
	uint16_t _pad6[3];
};
typedef struct cpu_user_regs cpu_user_regs_t;
XEN_ABI_SIZE(struct cpu_user_regs, 200);
XEN_ABI_OFFSET(struct cpu_user_regs, rax, 80);
XEN_ABI_OFFSET(struct cpu_user_regs, error_code, 120);
XEN_ABI_OFFSET(struct cpu_user_regs, rip, 128);
XEN_ABI_OFFSET(struct cpu_user_regs, cs, 136);
XEN_ABI_OFFSET(struct cpu_user_regs, saved_upcall_mask, 140);
XEN_ABI_OFFSET(struct cpu_user_regs, rflags, 144);
XEN_ABI_OFFSET(struct cpu_user_regs, ss, 160);
XEN_ABI_OFFSET(struct cpu_user_regs, gs, 192);

/*
 * struct vcpu_guest_context - the complete initial state of a vCPU, passed by the guest to
 * VCPUOP_initialise to start a secondary vCPU (and by the toolstack to build a domain).
 *
 * Only the syscall callback exists as a field here; sysenter and syscall32 callbacks are
 * registered with callback_op afterwards.
 */
struct vcpu_guest_context {
	struct {
		char x[512];
	} fpu_ctxt;				/* FXSAVE image, valid with VGCF_i387_valid */
	unsigned long flags;			/* VGCF_* */
	struct cpu_user_regs user_regs;		/* initial registers */
	struct trap_info trap_ctxt[256];	/* virtual IDT, indexed by vector */
	unsigned long ldt_base;			/* LDT: guest virtual address */
	unsigned long ldt_ents;			/* LDT: number of 8-byte entries */
	unsigned long gdt_frames[16];		/* GDT: machine frames, read-only in the guest */
	unsigned long gdt_ents;			/* GDT: number of 8-byte entries */
	unsigned long kernel_ss;		/* stack for user->kernel transitions */
	unsigned long kernel_sp;
	unsigned long ctrlreg[8];		/* CR0-CR7; ctrlreg[3] kernel root, [1] user root */
	unsigned long debugreg[8];		/* DR0-DR7 */
	unsigned long event_callback_eip;	/* CALLBACKTYPE_event entry */
	unsigned long failsafe_callback_eip;	/* CALLBACKTYPE_failsafe entry */
	unsigned long syscall_callback_eip;	/* CALLBACKTYPE_syscall entry */
	unsigned long vm_assist;		/* bitmap of enabled VMASST_TYPE_* */
	uint64_t fs_base;
	uint64_t gs_base_kernel;		/* GS base while in guest kernel mode */
	uint64_t gs_base_user;			/* GS base while in guest user mode */
};
typedef struct vcpu_guest_context vcpu_guest_context_t;
XEN_ABI_SIZE(struct vcpu_guest_context, 5168);
XEN_ABI_OFFSET(struct vcpu_guest_context, flags, 512);
XEN_ABI_OFFSET(struct vcpu_guest_context, user_regs, 520);
XEN_ABI_OFFSET(struct vcpu_guest_context, trap_ctxt, 720);
XEN_ABI_OFFSET(struct vcpu_guest_context, ldt_base, 4816);
XEN_ABI_OFFSET(struct vcpu_guest_context, gdt_frames, 4832);
XEN_ABI_OFFSET(struct vcpu_guest_context, gdt_ents, 4960);
XEN_ABI_OFFSET(struct vcpu_guest_context, kernel_ss, 4968);
XEN_ABI_OFFSET(struct vcpu_guest_context, ctrlreg, 4984);
XEN_ABI_OFFSET(struct vcpu_guest_context, debugreg, 5048);
XEN_ABI_OFFSET(struct vcpu_guest_context, event_callback_eip, 5112);
XEN_ABI_OFFSET(struct vcpu_guest_context, syscall_callback_eip, 5128);
XEN_ABI_OFFSET(struct vcpu_guest_context, vm_assist, 5136);
XEN_ABI_OFFSET(struct vcpu_guest_context, fs_base, 5144);
XEN_ABI_OFFSET(struct vcpu_guest_context, gs_base_user, 5160);

/*
 * struct arch_vcpu_info - x86 part of vcpu_info.
 */
struct arch_vcpu_info {
	unsigned long cr2;	/* fault address of the last #PF bounced to the guest; hv writes */
	unsigned long pad;	/* keeps vcpu_info at 64 bytes */
};
typedef struct arch_vcpu_info arch_vcpu_info_t;
XEN_ABI_SIZE(struct arch_vcpu_info, 16);
XEN_ABI_OFFSET(struct arch_vcpu_info, pad, 8);

/*
 * struct arch_shared_info - x86 part of shared_info. Apart from nmi_reason, the guest writes
 * these fields to describe its physical-to-machine (P2M) table for save/restore tools.
 */
struct arch_shared_info {
	unsigned long max_pfn;		/* number of valid P2M entries; guest writes */
	xen_pfn_t pfn_to_mfn_frame_list_list;	/* MFN of the 3-level P2M root; 0 unset, ~0 none */
	unsigned long nmi_reason;	/* dom0 NMI cause bits; hv writes */
	unsigned long p2m_cr3;		/* CR3-format root of the tables mapping p2m_vaddr, or 0 */
	unsigned long p2m_vaddr;	/* where the guest maps its P2M array (virtual) */
	unsigned long p2m_generation;	/* odd while the guest changes the P2M mapping */
};
typedef struct arch_shared_info arch_shared_info_t;
XEN_ABI_SIZE(struct arch_shared_info, 48);
XEN_ABI_OFFSET(struct arch_shared_info, nmi_reason, 16);
XEN_ABI_OFFSET(struct arch_shared_info, p2m_generation, 40);

/*
 * struct xen_arch_domainconfig - the x86 part of XEN_DOMCTL_createdomain (and of getdomaininfo's
 * report): what the hypervisor emulates for the domain. Versioned with domctl.
 */
struct xen_arch_domainconfig {
	uint32_t emulation_flags;	/* XEN_X86_EMU_* */
	uint32_t misc_flags;		/* XEN_X86_MSR_RELAXED */
};
XEN_ABI_SIZE(struct xen_arch_domainconfig, 8);
XEN_ABI_OFFSET(struct xen_arch_domainconfig, misc_flags, 4);

/*
 * struct xen_cpuid_leaf - one CPUID leaf/subleaf result, the serialised form used for CPUID
 * policies (domctl/sysctl).
 */
struct xen_cpuid_leaf {
#define XEN_CPUID_NO_SUBLEAF			0xffffffffu
	uint32_t leaf;
	uint32_t subleaf;	/* XEN_CPUID_NO_SUBLEAF when the leaf has none */
	uint32_t a;		/* EAX */
	uint32_t b;		/* EBX */
	uint32_t c;		/* ECX */
	uint32_t d;		/* EDX */
};
typedef struct xen_cpuid_leaf xen_cpuid_leaf_t;
XEN_ABI_SIZE(struct xen_cpuid_leaf, 24);
XEN_ABI_OFFSET(struct xen_cpuid_leaf, d, 20);

/*
 * struct xen_msr_entry - one MSR index/value pair, the serialised form used for MSR policies.
 */
struct xen_msr_entry {
	uint32_t idx;		/* MSR number */
	uint32_t flags;		/* reserved, must be zero */
	uint64_t val;
};
typedef struct xen_msr_entry xen_msr_entry_t;
XEN_ABI_SIZE(struct xen_msr_entry, 16);
XEN_ABI_OFFSET(struct xen_msr_entry, val, 8);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_ARCH_X86_XEN_H */
