/*
 * xen/xen.h - the core of the Xen PV guest ABI: hypercall numbers, virtual IRQs, page-table
 * update commands, domain ids, and the start-of-day structures shared with every PV guest
 * (start_info, shared_info, vcpu_info, vcpu_time_info).
 *
 * Matches Xen's public xen/include/public/xen.h at interface version 0x00040e00, x86-64 only.
 * Includes xen/arch-x86/xen.h, so one include gives the whole core ABI.
 *
 * Hypercalls (64-bit PV): number in RAX, arguments in RDI, RSI, RDX, R10, R8, result in RAX;
 * negative results are -XEN_E* values from xen/errno.h.
 */
#ifndef XEN_ABI_XEN_H
#define XEN_ABI_XEN_H

#include "lamina-abi.h"
#include "arch-x86/xen.h"

/*
 * Hypercall numbers (__HYPERVISOR_*). The three *_compat calls are the pre-3.0.2 forms of
 * sched_op, event_channel_op and physdev_op; set_segment_base and iret are x86 only.
 */
#define __HYPERVISOR_set_trap_table			0
#define __HYPERVISOR_mmu_update				1
#define __HYPERVISOR_set_gdt				2
#define __HYPERVISOR_stack_switch			3
#define __HYPERVISOR_set_callbacks			4
#define __HYPERVISOR_fpu_taskswitch			5
#define __HYPERVISOR_sched_op_compat			6
#define __HYPERVISOR_platform_op			7
#define __HYPERVISOR_set_debugreg			8
#define __HYPERVISOR_get_debugreg			9
#define __HYPERVISOR_update_descriptor			10
/* 11 is unused */
#define __HYPERVISOR_memory_op				12
#define __HYPERVISOR_multicall				13
#define __HYPERVISOR_update_va_mapping			14
#define __HYPERVISOR_set_timer_op			15
#define __HYPERVISOR_event_channel_op_compat		16
#define __HYPERVISOR_xen_version			17
#define __HYPERVISOR_console_io				18
#define __HYPERVISOR_physdev_op_compat			19
#define __HYPERVISOR_grant_table_op			20
#define __HYPERVISOR_vm_assist				21
#define __HYPERVISOR_update_va_mapping_otherdomain	22
#define __HYPERVISOR_iret				23
#define __HYPERVISOR_vcpu_op				24
#define __HYPERVISOR_set_segment_base			25
#define __HYPERVISOR_mmuext_op				26
#define __HYPERVISOR_xsm_op				27
#define __HYPERVISOR_nmi_op				28
#define __HYPERVISOR_sched_op				29
#define __HYPERVISOR_callback_op			30
#define __HYPERVISOR_xenoprof_op			31
#define __HYPERVISOR_event_channel_op			32
#define __HYPERVISOR_physdev_op				33
#define __HYPERVISOR_hvm_op				34
#define __HYPERVISOR_sysctl				35
#define __HYPERVISOR_domctl				36
#define __HYPERVISOR_kexec_op				37
#define __HYPERVISOR_tmem_op				38
#define __HYPERVISOR_argo_op				39
#define __HYPERVISOR_xenpmu_op				40
#define __HYPERVISOR_dm_op				41
#define __HYPERVISOR_hypfs_op				42

/* Numbers reserved for architecture-specific hypercalls. */
#define __HYPERVISOR_arch_0				48
#define __HYPERVISOR_arch_1				49
#define __HYPERVISOR_arch_2				50
#define __HYPERVISOR_arch_3				51
#define __HYPERVISOR_arch_4				52
#define __HYPERVISOR_arch_5				53
#define __HYPERVISOR_arch_6				54
#define __HYPERVISOR_arch_7				55

/*
 * Virtual IRQs, bound to event channels with EVTCHNOP_bind_virq. "Per vCPU" VIRQs are bound
 * once on each vCPU and stay there; "global" ones are bound once per domain, on vCPU 0, and
 * may be moved later with EVTCHNOP_bind_vcpu.
 */
#define VIRQ_TIMER		0	/* per vCPU: the vCPU's timer fired */
#define VIRQ_DEBUG		1	/* per vCPU: request to dump debug state */
#define VIRQ_CONSOLE		2	/* global, dom0: input on the hypervisor console */
#define VIRQ_DOM_EXC		3	/* global, dom0: a domain changed state (died, ...) */
#define VIRQ_TBUF		4	/* global, dom0: trace buffer has records */
/* 5 is unused */
#define VIRQ_DEBUGGER		6	/* global, dom0: a domain paused for the debugger */
#define VIRQ_XENOPROF		7	/* per vCPU: new profiling sample */
#define VIRQ_CON_RING		8	/* global, dom0: hypervisor console ring has output */
#define VIRQ_PCPU_STATE		9	/* global, dom0: a physical CPU changed state */
#define VIRQ_MEM_EVENT		10	/* global, dom0: memory event */
#define VIRQ_ARGO		11	/* global: Argo message arrived */
#define VIRQ_ENOMEM		12	/* global, dom0: hypervisor heap is low */
#define VIRQ_XENPMU		13	/* per vCPU: performance counter interrupt */

/* Architecture-specific VIRQs; on x86, VIRQ_ARCH_0 is VIRQ_MCA (machine check, dom0). */
#define VIRQ_ARCH_0		16
#define VIRQ_ARCH_1		17
#define VIRQ_ARCH_2		18
#define VIRQ_ARCH_3		19
#define VIRQ_ARCH_4		20
#define VIRQ_ARCH_5		21
#define VIRQ_ARCH_6		22
#define VIRQ_ARCH_7		23

#define NR_VIRQS		24

/*
 * mmu_update(reqs, count, done, foreigndom): each request's ptr carries the command in its
 * low two bits and a machine address in the rest.
 */
#define MMU_NORMAL_PT_UPDATE		0	/* validated store of val into the PTE at ptr */
#define MMU_MACHPHYS_UPDATE		1	/* M2P entry of frame ptr := val (a pfn) */
#define MMU_PT_UPDATE_PRESERVE_AD	2	/* like NORMAL, keeping the PTE's accessed/dirty */
#define MMU_PT_UPDATE_NO_TRANSLATE	3	/* like NORMAL, val never translated */

/* mmuext_op commands (struct mmuext_op.cmd); arguments noted as arg1 / arg2. */
#define MMUEXT_PIN_L1_TABLE		0	/* mfn: validate as L1 and hold that type */
#define MMUEXT_PIN_L2_TABLE		1	/* mfn */
#define MMUEXT_PIN_L3_TABLE		2	/* mfn */
#define MMUEXT_PIN_L4_TABLE		3	/* mfn */
#define MMUEXT_UNPIN_TABLE		4	/* mfn: drop the pin */
#define MMUEXT_NEW_BASEPTR		5	/* mfn: load as the kernel page-table root */
#define MMUEXT_TLB_FLUSH_LOCAL		6	/* flush this vCPU's TLB */
#define MMUEXT_INVLPG_LOCAL		7	/* linear_addr: flush one page on this vCPU */
#define MMUEXT_TLB_FLUSH_MULTI		8	/* vcpumask: flush the vCPUs in the bitmap */
#define MMUEXT_INVLPG_MULTI		9	/* linear_addr, vcpumask */
#define MMUEXT_TLB_FLUSH_ALL		10	/* flush every vCPU of the domain */
#define MMUEXT_INVLPG_ALL		11	/* linear_addr: on every vCPU */
#define MMUEXT_FLUSH_CACHE		12	/* write back and invalidate this CPU's caches */
#define MMUEXT_SET_LDT			13	/* linear_addr (page aligned), nr_ents */
/* 14 is unused */
#define MMUEXT_NEW_USER_BASEPTR		15	/* mfn: user-mode root; 0 for none (x86-64) */
#define MMUEXT_CLEAR_PAGE		16	/* mfn: zero the frame */
#define MMUEXT_COPY_PAGE		17	/* mfn (destination), src_mfn */
#define MMUEXT_FLUSH_CACHE_GLOBAL	18	/* write back and invalidate on all CPUs */
#define MMUEXT_MARK_SUPER		19	/* mfn: head of a superpage */
#define MMUEXT_UNMARK_SUPER		20	/* mfn */

/*
 * update_va_mapping(va, pte, flags): flags select the TLB flush after the update. The flush
 * type is in bits 1:0; bit 2 widens it to all vCPUs. Alternatively the upper bits may hold a
 * guest pointer to a vCPU bitmap (UVMF_MULTI); a NULL pointer means the local vCPU.
 */
#define UVMF_NONE			(XEN_ABI_UL(0) << 0)	/* no flush */
#define UVMF_TLB_FLUSH			(XEN_ABI_UL(1) << 0)	/* full TLB flush */
#define UVMF_INVLPG			(XEN_ABI_UL(2) << 0)	/* flush the one page */
#define UVMF_FLUSHTYPE_MASK		(XEN_ABI_UL(3) << 0)
#define UVMF_MULTI			(XEN_ABI_UL(0) << 2)	/* OR in a vCPU bitmap pointer */
#define UVMF_LOCAL			(XEN_ABI_UL(0) << 2)	/* this vCPU only */
#define UVMF_ALL			(XEN_ABI_UL(1) << 2)	/* every vCPU of the domain */

/* console_io(cmd, count, buffer) commands. */
#define CONSOLEIO_write			0	/* print count bytes from buffer */
#define CONSOLEIO_read			1	/* read up to count bytes; returns bytes read */

/* vm_assist(cmd, type): switch optional hypervisor behaviour on or off. */
#define VMASST_CMD_enable			0
#define VMASST_CMD_disable			1

#define VMASST_TYPE_4gb_segments		0	/* 32-bit guests: emulate 4 GiB limits */
#define VMASST_TYPE_4gb_segments_notify		1	/* 32-bit guests: trap 15 on such use */
#define VMASST_TYPE_writable_pagetables		2	/* direct writes to L1 page tables */
#define VMASST_TYPE_pae_extended_cr3		3	/* PAE guests: L3 above 4 GiB */
#define VMASST_TYPE_architectural_iopl		4	/* virtual IOPL behaves like hardware */
#define VMASST_TYPE_runstate_update_flag	5	/* XEN_RUNSTATE_UPDATE in runstate area */
#define VMASST_TYPE_m2p_strict			32	/* x86-64: keep the M2P out of user L4s */

/*
 * Domain ids. Ids from DOMID_FIRST_RESERVED up are never given to a domain; some of them
 * name special owners in hypercall arguments.
 */
#define DOMID_FIRST_RESERVED		XEN_ABI_U(0x7FF0)
#define DOMID_SELF			XEN_ABI_U(0x7FF0)	/* the calling domain */
#define DOMID_IO			XEN_ABI_U(0x7FF1)	/* foreigndom: I/O memory only */
#define DOMID_XEN			XEN_ABI_U(0x7FF2)	/* the hypervisor's own pages */
#define DOMID_COW			XEN_ABI_U(0x7FF3)	/* owner of shared pages */
#define DOMID_INVALID			XEN_ABI_U(0x7FF4)	/* unknown owner */
#define DOMID_IDLE			XEN_ABI_U(0x7FFF)	/* the idle domain */
#define DOMID_MASK			XEN_ABI_U(0x7FFF)

/* vcpu_time_info.flags */
#define XEN_PVCLOCK_TSC_STABLE_BIT	(1 << 0)	/* TSC is invariant and synchronised */
#define XEN_PVCLOCK_GUEST_STOPPED	(1 << 1)	/* domain was paused; guest clears it */

/* start_info.flags (SIF_*) */
#define SIF_PRIVILEGED			(1 << 0)	/* privileged domain */
#define SIF_INITDOMAIN			(1 << 1)	/* the initial control domain (dom0) */
#define SIF_MULTIBOOT_MOD		(1 << 2)	/* mod_start is a multiboot module list */
#define SIF_MOD_START_PFN		(1 << 3)	/* mod_start is a pfn, not an address */
#define SIF_VIRT_P2M_4TOOLS		(1 << 4)	/* tools understand the virtual P2M list */
#define SIF_PM_MASK			(0xFF << 8)	/* reserved for power-management options */

/* Size of start_info.cmd_line, including the terminating NUL. */
#define MAX_GUEST_CMDLINE		1024

/* dom0_vga_console_info.video_type */
#define XEN_VGATYPE_TEXT_MODE_3		0x03
#define XEN_VGATYPE_VESA_LFB		0x23
#define XEN_VGATYPE_EFI_LFB		0x70

#ifndef __ASSEMBLER__

/* A domain id; values from DOMID_FIRST_RESERVED up are special. */
typedef uint16_t domid_t;

/*
 * struct mmuext_op - one extended MMU operation, passed in arrays to mmuext_op. Which union
 * member is used depends on cmd (see MMUEXT_*).
 */
struct mmuext_op {
	unsigned int cmd;			/* MMUEXT_* */
	union {
		xen_pfn_t mfn;			/* machine frame: pin/unpin, base pointers, pages */
		unsigned long linear_addr;	/* guest virtual address: INVLPG_*, SET_LDT */
	} arg1;
	union {
		unsigned int nr_ents;			/* SET_LDT: number of LDT entries */
		XEN_GUEST_HANDLE(const void) vcpumask;	/* *_MULTI: vCPU bitmap (guest VA) */
		xen_pfn_t src_mfn;			/* COPY_PAGE: source frame */
	} arg2;
};
typedef struct mmuext_op mmuext_op_t;
XEN_ABI_SIZE(struct mmuext_op, 24);
XEN_ABI_OFFSET(struct mmuext_op, arg1, 8);
XEN_ABI_OFFSET(struct mmuext_op, arg2, 16);

/*
 * struct mmu_update - one page-table or M2P update, passed in arrays to mmu_update.
 */
struct mmu_update {
	uint64_t ptr;	/* machine address of the entry, MMU_* command in bits 1:0 */
	uint64_t val;	/* new entry: a PTE with an MFN, or a pfn for MMU_MACHPHYS_UPDATE */
};
typedef struct mmu_update mmu_update_t;
XEN_ABI_SIZE(struct mmu_update, 16);
XEN_ABI_OFFSET(struct mmu_update, val, 8);

/*
 * struct multicall_entry - one hypercall in a multicall batch. The hypervisor runs op with
 * args[] as its arguments and writes the return value into result.
 */
struct multicall_entry {
	xen_ulong_t op;		/* __HYPERVISOR_* number */
	xen_ulong_t result;	/* return value; hv writes */
	xen_ulong_t args[6];	/* arguments in register order; unused ones ignored */
};
typedef struct multicall_entry multicall_entry_t;
XEN_ABI_SIZE(struct multicall_entry, 64);
XEN_ABI_OFFSET(struct multicall_entry, result, 8);
XEN_ABI_OFFSET(struct multicall_entry, args, 16);

/*
 * struct vcpu_time_info - per-vCPU system-time parameters, written by the hypervisor.
 *
 * Guests read it lock-free: version is odd while an update is in progress, so a reader takes
 * version (even), reads the fields, and retries if version changed meanwhile. System time in
 * ns is
 *	system_time + (((tsc - tsc_timestamp) << tsc_shift) * tsc_to_system_mul) >> 32
 * with a negative tsc_shift meaning a right shift, and the product taken at 96 bits.
 */
struct vcpu_time_info {
	uint32_t version;		/* update counter, odd during an update */
	uint32_t pad0;
	uint64_t tsc_timestamp;		/* TSC when system_time was sampled */
	uint64_t system_time;		/* ns since an arbitrary epoch (hypervisor boot) */
	uint32_t tsc_to_system_mul;	/* TSC-to-ns multiplier, 32.32 fixed point */
	int8_t tsc_shift;		/* pre-shift of the TSC delta, -31..31 */
	uint8_t flags;			/* XEN_PVCLOCK_* */
	uint8_t pad1[2];
};
typedef struct vcpu_time_info vcpu_time_info_t;
XEN_ABI_SIZE(struct vcpu_time_info, 32);
XEN_ABI_OFFSET(struct vcpu_time_info, tsc_timestamp, 8);
XEN_ABI_OFFSET(struct vcpu_time_info, system_time, 16);
XEN_ABI_OFFSET(struct vcpu_time_info, tsc_to_system_mul, 24);
XEN_ABI_OFFSET(struct vcpu_time_info, tsc_shift, 28);
XEN_ABI_OFFSET(struct vcpu_time_info, flags, 29);

/*
 * struct vcpu_info - per-vCPU block shared between hypervisor and guest: event delivery
 * state, the last page-fault address and the time parameters. It lives in shared_info for
 * vCPUs below XEN_LEGACY_MAX_VCPUS until the guest registers its own copy with
 * VCPUOP_register_vcpu_info.
 *
 * The hypervisor sets evtchn_upcall_pending when an event is pending for the vCPU; the guest
 * clears it before scanning. evtchn_upcall_mask is the guest's virtual interrupt flag (non-zero
 * blocks upcalls); only the vCPU itself and the hypervisor on its behalf touch it, so plain
 * (unlocked) accesses are enough.
 */
struct vcpu_info {
	uint8_t evtchn_upcall_pending;		/* hv sets, guest clears */
	uint8_t evtchn_upcall_mask;		/* guest's "interrupts disabled" */
	xen_ulong_t evtchn_pending_sel;		/* 2-level: bit n = word n of evtchn_pending */
	struct arch_vcpu_info arch;
	struct vcpu_time_info time;		/* hv writes */
};
typedef struct vcpu_info vcpu_info_t;
XEN_ABI_SIZE(struct vcpu_info, 64);
XEN_ABI_OFFSET(struct vcpu_info, evtchn_upcall_mask, 1);
XEN_ABI_OFFSET(struct vcpu_info, evtchn_pending_sel, 8);
XEN_ABI_OFFSET(struct vcpu_info, arch, 16);
XEN_ABI_OFFSET(struct vcpu_info, time, 32);

/*
 * struct shared_info - the page shared between the hypervisor and a guest, found at the
 * machine address start_info.shared_info. It holds the legacy vcpu_info slots, the 2-level
 * event-channel bitmaps and the wall clock.
 *
 * 2-level events: port p is pending when bit p of evtchn_pending is set and masked when bit p
 * of evtchn_mask is set. The hypervisor sets pending bits (the guest clears them); only the
 * guest writes mask bits. A pending, unmasked port also sets bit p / 64 of its vCPU's
 * evtchn_pending_sel.
 *
 * Wall clock: wc_sec/wc_nsec (plus wc_sec_hi) is the UTC time at system time 0, updated under
 * the same odd/even wc_version protocol as vcpu_time_info.
 */
struct shared_info {
	struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
	xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];	/* hv sets, guest clears */
	xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];	/* guest writes */
	uint32_t wc_version;	/* odd while the wall clock is updated; hv writes */
	uint32_t wc_sec;	/* seconds of the wall clock at system time 0 */
	uint32_t wc_nsec;	/* nanoseconds part */
	uint32_t wc_sec_hi;	/* upper 32 bits of the seconds */
	struct arch_shared_info arch;
};
typedef struct shared_info shared_info_t;
XEN_ABI_SIZE(struct shared_info, 3136);
XEN_ABI_OFFSET(struct shared_info, evtchn_pending, 2048);
XEN_ABI_OFFSET(struct shared_info, evtchn_mask, 2560);
XEN_ABI_OFFSET(struct shared_info, wc_version, 3072);
XEN_ABI_OFFSET(struct shared_info, wc_sec_hi, 3084);
XEN_ABI_OFFSET(struct shared_info, arch, 3088);

/*
 * struct start_info - what a PV guest finds at RSI on entry, inside its bootstrap mapping.
 *
 * The fields up to and including console are rewritten on resume after suspend; the rest is
 * only valid on the first boot. The guest owns the page and may overwrite it.
 *
 * Bootstrap region: the builder maps one virtually contiguous, 4 MiB aligned region, with
 * pfn n at the region start plus n pages, containing in this order: kernel image, initial
 * ramdisk (optional), the P2M list (mfn_list, nr_pages entries, unless placed per
 * XEN_ELFNOTE_INIT_P2M), this structure (for dom0 followed by the console info), the xenstore
 * and console rings (domU only), the bootstrap page tables (pt_base, mapped read-only) and a
 * bootstrap stack, followed by at least 512 KiB of padding. Every element is page aligned.
 */
struct start_info {
	char magic[32];			/* "xen-<version>-<platform>", e.g. "xen-3.0-x86_64" */
	unsigned long nr_pages;		/* pages given to the domain */
	unsigned long shared_info;	/* machine address of the shared_info page */
	uint32_t flags;			/* SIF_* */
	xen_pfn_t store_mfn;		/* machine frame of the xenstore ring */
	uint32_t store_evtchn;		/* event channel of the xenstore ring */
	union {
		struct {
			xen_pfn_t mfn;		/* machine frame of the console ring */
			uint32_t evtchn;	/* event channel of the console ring */
		} domU;
		struct {
			uint32_t info_off;	/* dom0_vga_console_info offset, bytes */
			uint32_t info_size;	/* its size */
		} dom0;
	} console;
	unsigned long pt_base;		/* virtual address of the bootstrap L4 table */
	unsigned long nr_pt_frames;	/* bootstrap page-table frames, contiguous from pt_base */
	unsigned long mfn_list;		/* virtual address of the P2M list */
	unsigned long mod_start;	/* virtual address of the initial ramdisk, or its first pfn
					 * with SIF_MOD_START_PFN */
	unsigned long mod_len;		/* ramdisk length in bytes; 0 if none */
	int8_t cmd_line[MAX_GUEST_CMDLINE];	/* NUL-terminated kernel command line */
	unsigned long first_p2m_pfn;	/* first pfn of a separately mapped P2M (INIT_P2M), or 0 */
	unsigned long nr_p2m_frames;	/* frames of that P2M, page tables included, or 0 */
};
typedef struct start_info start_info_t;
XEN_ABI_SIZE(struct start_info, 1168);
XEN_ABI_OFFSET(struct start_info, nr_pages, 32);
XEN_ABI_OFFSET(struct start_info, shared_info, 40);
XEN_ABI_OFFSET(struct start_info, flags, 48);
XEN_ABI_OFFSET(struct start_info, store_mfn, 56);
XEN_ABI_OFFSET(struct start_info, store_evtchn, 64);
XEN_ABI_OFFSET(struct start_info, console.domU.mfn, 72);
XEN_ABI_OFFSET(struct start_info, console.domU.evtchn, 80);
XEN_ABI_OFFSET(struct start_info, console.dom0.info_size, 76);
XEN_ABI_OFFSET(struct start_info, pt_base, 88);
XEN_ABI_OFFSET(struct start_info, mfn_list, 104);
XEN_ABI_OFFSET(struct start_info, mod_len, 120);
XEN_ABI_OFFSET(struct start_info, cmd_line, 128);
XEN_ABI_OFFSET(struct start_info, first_p2m_pfn, 1152);
XEN_ABI_OFFSET(struct start_info, nr_p2m_frames, 1160);

/*
 * struct xen_multiboot_mod_list - one module descriptor in a SIF_MULTIBOOT_MOD package. The
 * descriptors sit at the start of the package and end with one whose mod_start is 0; all
 * addresses are relative to the package start.
 */
struct xen_multiboot_mod_list {
	uint32_t mod_start;	/* first byte of the module */
	uint32_t mod_end;	/* last byte of the module (inclusive) */
	uint32_t cmdline;	/* NUL-terminated command line */
	uint32_t pad;		/* must be zero */
};
XEN_ABI_SIZE(struct xen_multiboot_mod_list, 16);
XEN_ABI_OFFSET(struct xen_multiboot_mod_list, pad, 12);

/*
 * struct dom0_vga_console_info - the firmware console dom0 inherits, located through
 * start_info.console.dom0. video_type selects the union member.
 */
typedef struct dom0_vga_console_info {
	uint8_t video_type;			/* XEN_VGATYPE_* */
	union {
		struct {
			uint16_t font_height;	/* pixels */
			uint16_t cursor_x;	/* column */
			uint16_t cursor_y;	/* row */
			uint16_t rows;		/* characters */
			uint16_t columns;	/* characters */
		} text_mode_3;
		struct {
			uint16_t width;		/* pixels */
			uint16_t height;	/* pixels */
			uint16_t bytes_per_line;
			uint16_t bits_per_pixel;
			uint32_t lfb_base;	/* physical address, low 32 bits */
			uint32_t lfb_size;	/* in 64 KiB units */
			uint8_t red_pos;	/* colour field positions and widths (VBE) */
			uint8_t red_size;
			uint8_t green_pos;
			uint8_t green_size;
			uint8_t blue_pos;
			uint8_t blue_size;
			uint8_t rsvd_pos;
			uint8_t rsvd_size;
			uint32_t gbl_caps;	/* VBE capabilities */
			uint16_t mode_attrs;	/* VBE mode attributes */
			uint16_t pad;
			uint32_t ext_lfb_base;	/* physical address, high 32 bits */
		} vesa_lfb;
	} u;
} dom0_vga_console_info_t;
XEN_ABI_SIZE(struct dom0_vga_console_info, 40);
XEN_ABI_OFFSET(struct dom0_vga_console_info, u, 4);
XEN_ABI_OFFSET(struct dom0_vga_console_info, u.vesa_lfb.lfb_base, 12);
XEN_ABI_OFFSET(struct dom0_vga_console_info, u.vesa_lfb.red_pos, 20);
XEN_ABI_OFFSET(struct dom0_vga_console_info, u.vesa_lfb.gbl_caps, 28);
XEN_ABI_OFFSET(struct dom0_vga_console_info, u.vesa_lfb.ext_lfb_base, 36);

/* A domain's 16-byte handle (its UUID), set by the toolstack. */
typedef uint8_t xen_domain_handle_t[16];
XEN_ABI_SIZE(xen_domain_handle_t, 16);

/* A UUID in byte order: 00112233-4455-... is { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, ... }. */
typedef struct {
	uint8_t a[16];
} xen_uuid_t;
XEN_ABI_SIZE(xen_uuid_t, 16);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_XEN_H */
