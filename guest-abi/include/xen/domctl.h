/*
 * xen/domctl.h - domctl, the toolstack's hypercall for managing one domain
 * (__HYPERVISOR_domctl, 36): create, pause, destroy, read its state, set its memory limit,
 * vCPU contexts and affinities, and scheduler parameters.
 *
 * Matches Xen's public xen/include/public/domctl.h at XEN_DOMCTL_INTERFACE_VERSION 0x15
 * (Xen 4.17). Every command number is here; argument structures only for the commands
 * Lamina's toolstack uses. Unlike Xen's header it needs no __XEN_TOOLS__. Xen's
 * uint64_aligned_t / int64_aligned_t fields are plain uint64_t / int64_t here (already 8-byte
 * aligned on x86-64), and its 64-bit handles are plain pointers like every guest handle.
 * struct xenctl_bitmap, which Xen keeps in xen.h for tools, is defined here.
 *
 * domctl(struct xen_domctl *op), checked in this order:
 *	-EFAULT		op cannot be read (or written back);
 *	-EACCES		op->interface_version is not XEN_DOMCTL_INTERFACE_VERSION;
 *	-ESRCH		op->domain names no domain (all commands but createdomain and
 *			getdomaininfo, see there);
 *	-EPERM		the caller is not the control domain (Xen also lets a xenstore
 *			domain call getdomaininfo).
 * Then each command's own checks; op->u is read as the structure named beside the command.
 */
#ifndef XEN_ABI_DOMCTL_H
#define XEN_ABI_DOMCTL_H

#include "xen.h"

#define XEN_DOMCTL_INTERFACE_VERSION		0x00000015

/* Commands (xen_domctl.cmd); the argument is the union member named. */
#define XEN_DOMCTL_createdomain			1	/* createdomain */
#define XEN_DOMCTL_destroydomain		2	/* none */
#define XEN_DOMCTL_pausedomain			3	/* none */
#define XEN_DOMCTL_unpausedomain		4	/* none */
#define XEN_DOMCTL_getdomaininfo		5	/* getdomaininfo */
/* 6-8 are retired (getmemlist, getpageframeinfo, getpageframeinfo2) */
#define XEN_DOMCTL_setvcpuaffinity		9	/* vcpuaffinity */
#define XEN_DOMCTL_shadow_op			10
#define XEN_DOMCTL_max_mem			11	/* max_mem */
#define XEN_DOMCTL_setvcpucontext		12	/* vcpucontext */
#define XEN_DOMCTL_getvcpucontext		13	/* vcpucontext */
#define XEN_DOMCTL_getvcpuinfo			14	/* getvcpuinfo */
#define XEN_DOMCTL_max_vcpus			15	/* max_vcpus */
#define XEN_DOMCTL_scheduler_op			16	/* scheduler_op */
#define XEN_DOMCTL_setdomainhandle		17	/* setdomainhandle */
#define XEN_DOMCTL_setdebugging			18
#define XEN_DOMCTL_irq_permission		19
#define XEN_DOMCTL_iomem_permission		20
#define XEN_DOMCTL_ioport_permission		21
#define XEN_DOMCTL_hypercall_init		22
/* 23 is hypervisor-internal (soft_reset_cont) */
#define XEN_DOMCTL_settimeoffset		24	/* settimeoffset */
#define XEN_DOMCTL_getvcpuaffinity		25	/* vcpuaffinity */
#define XEN_DOMCTL_real_mode_area		26	/* obsolete (PPC) */
#define XEN_DOMCTL_resumedomain			27	/* none */
#define XEN_DOMCTL_sendtrigger			28
#define XEN_DOMCTL_subscribe			29
/* 30-32 are unused */
#define XEN_DOMCTL_gethvmcontext		33
#define XEN_DOMCTL_sethvmcontext		34
#define XEN_DOMCTL_set_address_size		35
#define XEN_DOMCTL_get_address_size		36
#define XEN_DOMCTL_assign_device		37
#define XEN_DOMCTL_bind_pt_irq			38
#define XEN_DOMCTL_memory_mapping		39
#define XEN_DOMCTL_ioport_mapping		40
/* 41 is retired (pin_mem_cacheattr, now a dm_op) */
#define XEN_DOMCTL_set_ext_vcpucontext		42
#define XEN_DOMCTL_get_ext_vcpucontext		43
#define XEN_DOMCTL_set_opt_feature		44	/* obsolete (IA64) */
#define XEN_DOMCTL_test_assign_device		45
#define XEN_DOMCTL_set_target			46
#define XEN_DOMCTL_deassign_device		47
#define XEN_DOMCTL_unbind_pt_irq		48
/* 49 is retired (set_cpuid, now set_cpu_policy) */
#define XEN_DOMCTL_get_device_group		50
/* 51-53 are retired */
#define XEN_DOMCTL_debug_op			54
#define XEN_DOMCTL_gethvmcontext_partial	55
#define XEN_DOMCTL_vm_event_op			56
#define XEN_DOMCTL_mem_sharing_op		57
/* 58 is retired (disable_migrate) */
#define XEN_DOMCTL_gettscinfo			59
#define XEN_DOMCTL_settscinfo			60
#define XEN_DOMCTL_getpageframeinfo3		61	/* getpageframeinfo3 */
#define XEN_DOMCTL_setvcpuextstate		62
#define XEN_DOMCTL_getvcpuextstate		63
#define XEN_DOMCTL_set_access_required		64
#define XEN_DOMCTL_audit_p2m			65
#define XEN_DOMCTL_set_virq_handler		66
#define XEN_DOMCTL_set_broken_page_p2m		67
#define XEN_DOMCTL_setnodeaffinity		68
#define XEN_DOMCTL_getnodeaffinity		69
/* 70 is retired (set_max_evtchn: createdomain.max_evtchn_port instead) */
#define XEN_DOMCTL_cacheflush			71
#define XEN_DOMCTL_get_vcpu_msrs		72
#define XEN_DOMCTL_set_vcpu_msrs		73
#define XEN_DOMCTL_setvnumainfo			74
#define XEN_DOMCTL_psr_cmt_op			75
/* 76 is unused */
#define XEN_DOMCTL_monitor_op			77
#define XEN_DOMCTL_psr_alloc			78
#define XEN_DOMCTL_soft_reset			79
/* 80 is retired (set_gnttab_limits: createdomain's grant limits instead) */
#define XEN_DOMCTL_vuart_op			81
#define XEN_DOMCTL_get_cpu_policy		82
#define XEN_DOMCTL_set_cpu_policy		83
#define XEN_DOMCTL_vmtrace_op			84
#define XEN_DOMCTL_get_paging_mempool_size	85
#define XEN_DOMCTL_set_paging_mempool_size	86
#define XEN_DOMCTL_gdbsx_guestmemio		1000
#define XEN_DOMCTL_gdbsx_pausevcpu		1001
#define XEN_DOMCTL_gdbsx_unpausevcpu		1002
#define XEN_DOMCTL_gdbsx_domstatus		1003

/* xen_domctl_createdomain.flags (CDF: create-domain flags) */
#define _XEN_DOMCTL_CDF_hvm		0
#define XEN_DOMCTL_CDF_hvm		(XEN_ABI_U(1) << _XEN_DOMCTL_CDF_hvm)	/* HVM, not PV */
#define _XEN_DOMCTL_CDF_hap		1
#define XEN_DOMCTL_CDF_hap		(XEN_ABI_U(1) << _XEN_DOMCTL_CDF_hap)	/* HW paging */
#define _XEN_DOMCTL_CDF_s3_integrity	2	/* tboot checks its memory across S3 */
#define XEN_DOMCTL_CDF_s3_integrity	(XEN_ABI_U(1) << _XEN_DOMCTL_CDF_s3_integrity)
#define _XEN_DOMCTL_CDF_oos_off		3	/* no out-of-sync shadow page tables */
#define XEN_DOMCTL_CDF_oos_off		(XEN_ABI_U(1) << _XEN_DOMCTL_CDF_oos_off)
#define _XEN_DOMCTL_CDF_xs_domain	4	/* the domain will run xenstored */
#define XEN_DOMCTL_CDF_xs_domain	(XEN_ABI_U(1) << _XEN_DOMCTL_CDF_xs_domain)
#define _XEN_DOMCTL_CDF_iommu		5	/* may use the IOMMU (passthrough) */
#define XEN_DOMCTL_CDF_iommu		(XEN_ABI_U(1) << _XEN_DOMCTL_CDF_iommu)
#define _XEN_DOMCTL_CDF_nested_virt	6
#define XEN_DOMCTL_CDF_nested_virt	(XEN_ABI_U(1) << _XEN_DOMCTL_CDF_nested_virt)
#define XEN_DOMCTL_CDF_vpmu		(XEN_ABI_U(1) << 7)	/* guest sees the vPMU */
#define XEN_DOMCTL_CDF_MAX		XEN_DOMCTL_CDF_vpmu	/* highest flag defined */

/* xen_domctl_createdomain.iommu_opts */
#define _XEN_DOMCTL_IOMMU_no_sharept	0	/* IOMMU keeps its own page tables */
#define XEN_DOMCTL_IOMMU_no_sharept	(XEN_ABI_U(1) << _XEN_DOMCTL_IOMMU_no_sharept)
#define XEN_DOMCTL_IOMMU_MAX		XEN_DOMCTL_IOMMU_no_sharept

/* xen_domctl_createdomain.grant_opts: bits 3:0 are the highest grant-table version. */
#define XEN_DOMCTL_GRANT_version_mask	0xf
#define XEN_DOMCTL_GRANT_version(v)	((v) & XEN_DOMCTL_GRANT_version_mask)

/* xen_domctl_getdomaininfo.flags; bits 23:16 hold the SHUTDOWN_* reason once shut down. */
#define _XEN_DOMINF_dying		0	/* being destroyed */
#define XEN_DOMINF_dying		(XEN_ABI_U(1) << _XEN_DOMINF_dying)
#define _XEN_DOMINF_hvm_guest		1
#define XEN_DOMINF_hvm_guest		(XEN_ABI_U(1) << _XEN_DOMINF_hvm_guest)
#define _XEN_DOMINF_shutdown		2	/* the guest shut itself down */
#define XEN_DOMINF_shutdown		(XEN_ABI_U(1) << _XEN_DOMINF_shutdown)
#define _XEN_DOMINF_paused		3	/* paused by the toolstack */
#define XEN_DOMINF_paused		(XEN_ABI_U(1) << _XEN_DOMINF_paused)
#define _XEN_DOMINF_blocked		4	/* every online vCPU waits for an event */
#define XEN_DOMINF_blocked		(XEN_ABI_U(1) << _XEN_DOMINF_blocked)
#define _XEN_DOMINF_running		5	/* a vCPU is on a physical CPU now */
#define XEN_DOMINF_running		(XEN_ABI_U(1) << _XEN_DOMINF_running)
#define _XEN_DOMINF_debugged		6
#define XEN_DOMINF_debugged		(XEN_ABI_U(1) << _XEN_DOMINF_debugged)
#define _XEN_DOMINF_xs_domain		7	/* created with XEN_DOMCTL_CDF_xs_domain */
#define XEN_DOMINF_xs_domain		(XEN_ABI_U(1) << _XEN_DOMINF_xs_domain)
#define _XEN_DOMINF_hap			8
#define XEN_DOMINF_hap			(XEN_ABI_U(1) << _XEN_DOMINF_hap)
#define XEN_DOMINF_shutdownmask		255
#define XEN_DOMINF_shutdownshift	16

/* xen_domctl_getdomaininfo.max_vcpu_id of a domain without vCPUs. */
#define XEN_INVALID_MAX_VCPU_ID		XEN_ABI_U(0xffffffff)

/*
 * getpageframeinfo3: a frame's type, in bits 31:28 of its entry. L1TAB..L4TAB are page
 * tables of that level, with LPINTAB set when pinned.
 */
#define XEN_DOMCTL_PFINFO_LTAB_SHIFT	28
#define XEN_DOMCTL_PFINFO_NOTAB		(XEN_ABI_U(0x0) << XEN_DOMCTL_PFINFO_LTAB_SHIFT)
#define XEN_DOMCTL_PFINFO_L1TAB		(XEN_ABI_U(0x1) << XEN_DOMCTL_PFINFO_LTAB_SHIFT)
#define XEN_DOMCTL_PFINFO_L2TAB		(XEN_ABI_U(0x2) << XEN_DOMCTL_PFINFO_LTAB_SHIFT)
#define XEN_DOMCTL_PFINFO_L3TAB		(XEN_ABI_U(0x3) << XEN_DOMCTL_PFINFO_LTAB_SHIFT)
#define XEN_DOMCTL_PFINFO_L4TAB		(XEN_ABI_U(0x4) << XEN_DOMCTL_PFINFO_LTAB_SHIFT)
#define XEN_DOMCTL_PFINFO_LTABTYPE_MASK	(XEN_ABI_U(0x7) << XEN_DOMCTL_PFINFO_LTAB_SHIFT)
#define XEN_DOMCTL_PFINFO_LPINTAB	(XEN_ABI_U(0x1) << 31)
/* XTAB: no such frame; XALLOC: to be allocated, no contents; BROKEN: the RAM is faulty. */
#define XEN_DOMCTL_PFINFO_XTAB		(XEN_ABI_U(0xf) << XEN_DOMCTL_PFINFO_LTAB_SHIFT)
#define XEN_DOMCTL_PFINFO_XALLOC	(XEN_ABI_U(0xe) << XEN_DOMCTL_PFINFO_LTAB_SHIFT)
#define XEN_DOMCTL_PFINFO_BROKEN	(XEN_ABI_U(0xd) << XEN_DOMCTL_PFINFO_LTAB_SHIFT)
#define XEN_DOMCTL_PFINFO_LTAB_MASK	(XEN_ABI_U(0xf) << XEN_DOMCTL_PFINFO_LTAB_SHIFT)

/* xen_domctl_vcpuaffinity.flags: which affinities to set or get. */
#define _XEN_VCPUAFFINITY_HARD		0	/* the CPUs the vCPU may run on */
#define XEN_VCPUAFFINITY_HARD		(XEN_ABI_U(1) << _XEN_VCPUAFFINITY_HARD)
#define _XEN_VCPUAFFINITY_SOFT		1	/* the CPUs it prefers */
#define XEN_VCPUAFFINITY_SOFT		(XEN_ABI_U(1) << _XEN_VCPUAFFINITY_SOFT)
#define _XEN_VCPUAFFINITY_FORCE		2	/* also drop a SCHEDOP_pin_override */
#define XEN_VCPUAFFINITY_FORCE		(XEN_ABI_U(1) << _XEN_VCPUAFFINITY_FORCE)

/* Scheduler ids (xen_domctl_scheduler_op.sched_id, xen_sysctl_sched_id); 4 was SEDF. */
#define XEN_SCHEDULER_CREDIT		5
#define XEN_SCHEDULER_CREDIT2		6
#define XEN_SCHEDULER_ARINC653		7
#define XEN_SCHEDULER_RTDS		8
#define XEN_SCHEDULER_NULL		9

/*
 * xen_domctl_scheduler_op.cmd. putinfo sets the parameters of all the domain's vCPUs,
 * getinfo reads the domain's (or default) ones; put/getvcpuinfo work on the u.v array and
 * fail for schedulers without per-vCPU parameters.
 */
#define XEN_DOMCTL_SCHEDOP_putinfo	0
#define XEN_DOMCTL_SCHEDOP_getinfo	1
#define XEN_DOMCTL_SCHEDOP_putvcpuinfo	2
#define XEN_DOMCTL_SCHEDOP_getvcpuinfo	3

/* xen_domctl_sched_rtds.flags */
#define _XEN_DOMCTL_SCHEDRT_extra	0	/* may run past its budget when CPUs are idle */
#define XEN_DOMCTL_SCHEDRT_extra	(XEN_ABI_U(1) << _XEN_DOMCTL_SCHEDRT_extra)

#ifndef __ASSEMBLER__

/*
 * struct xenctl_bitmap - a bitmap in the caller's memory (CPUs, NUMA nodes): bit n is bit
 * n % 8 of byte n / 8. The hypervisor reads or writes (nr_bits + 7) / 8 bytes, zero-filling
 * bits it has no CPU for.
 */
struct xenctl_bitmap {
	XEN_GUEST_HANDLE(uint8_t) bitmap;
	uint32_t nr_bits;
};
typedef struct xenctl_bitmap xenctl_bitmap_t;
XEN_ABI_SIZE(struct xenctl_bitmap, 16);
XEN_ABI_OFFSET(struct xenctl_bitmap, nr_bits, 8);

/*
 * struct xen_domctl_createdomain - XEN_DOMCTL_createdomain: the fixed properties of a new
 * domain. xen_domctl.domain is IN/OUT: an id from 1 below DOMID_FIRST_RESERVED is used as
 * is (-EEXIST if taken); 0 or a reserved id asks the hypervisor to pick one, returned there.
 */
struct xen_domctl_createdomain {
	uint32_t ssidref;		/* XSM security label; 0 without XSM */
	xen_domain_handle_t handle;	/* the toolstack's UUID for the domain */
	uint32_t flags;			/* XEN_DOMCTL_CDF_* */
	uint32_t iommu_opts;		/* XEN_DOMCTL_IOMMU_* */
	uint32_t max_vcpus;		/* vCPUs the domain may ever have */
	uint32_t max_evtchn_port;	/* highest event-channel port it may bind */
	int32_t max_grant_frames;	/* grant-table frames; < 0: the hypervisor's default */
	int32_t max_maptrack_frames;	/* maptrack frames; < 0: the hypervisor's default */
	uint32_t grant_opts;		/* XEN_DOMCTL_GRANT_version(n) */
	uint32_t vmtrace_size;		/* per-vCPU trace buffer, bytes; 0 for none */
	uint32_t cpupool_id;		/* CPU pool to start in; 0 is the default pool */
	struct xen_arch_domainconfig arch;
};
XEN_ABI_SIZE(struct xen_domctl_createdomain, 64);
XEN_ABI_OFFSET(struct xen_domctl_createdomain, handle, 4);
XEN_ABI_OFFSET(struct xen_domctl_createdomain, flags, 20);
XEN_ABI_OFFSET(struct xen_domctl_createdomain, max_grant_frames, 36);
XEN_ABI_OFFSET(struct xen_domctl_createdomain, cpupool_id, 52);
XEN_ABI_OFFSET(struct xen_domctl_createdomain, arch, 56);

/*
 * struct xen_domctl_getdomaininfo - XEN_DOMCTL_getdomaininfo (OUT), and one entry of
 * XEN_SYSCTL_getdomaininfolist: a domain's state and usage. In Xen 4.17 getdomaininfo
 * reports the first domain whose id is >= xen_domctl.domain (-ESRCH if none, -EINVAL for a
 * reserved id), so domain says which one it was.
 */
struct xen_domctl_getdomaininfo {
	domid_t domain;			/* the domain described */
	uint16_t pad1;
	uint32_t flags;			/* XEN_DOMINF_*, shutdown reason in bits 23:16 */
	uint64_t tot_pages;		/* pages it owns now */
	uint64_t max_pages;		/* its limit (XEN_DOMCTL_max_mem), pages */
	uint64_t outstanding_pages;	/* claimed but not yet allocated, pages */
	uint64_t shr_pages;		/* shared (deduplicated) pages */
	uint64_t paged_pages;		/* pages paged out */
	uint64_t shared_info_frame;	/* its shared_info page: MFN (PV) or GFN (HVM) */
	uint64_t cpu_time;		/* CPU time used by all its vCPUs, ns */
	uint32_t nr_online_vcpus;
	uint32_t max_vcpu_id;		/* highest vCPU id, or XEN_INVALID_MAX_VCPU_ID */
	uint32_t ssidref;
	xen_domain_handle_t handle;
	uint32_t cpupool;
	uint8_t gpaddr_bits;		/* width of its guest-physical address space, bits */
	uint8_t pad2[7];
	struct xen_arch_domainconfig arch_config;
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;
XEN_ABI_SIZE(struct xen_domctl_getdomaininfo, 112);
XEN_ABI_OFFSET(struct xen_domctl_getdomaininfo, flags, 4);
XEN_ABI_OFFSET(struct xen_domctl_getdomaininfo, tot_pages, 8);
XEN_ABI_OFFSET(struct xen_domctl_getdomaininfo, cpu_time, 56);
XEN_ABI_OFFSET(struct xen_domctl_getdomaininfo, nr_online_vcpus, 64);
XEN_ABI_OFFSET(struct xen_domctl_getdomaininfo, handle, 76);
XEN_ABI_OFFSET(struct xen_domctl_getdomaininfo, cpupool, 92);
XEN_ABI_OFFSET(struct xen_domctl_getdomaininfo, gpaddr_bits, 96);
XEN_ABI_OFFSET(struct xen_domctl_getdomaininfo, arch_config, 104);

/*
 * struct xen_domctl_getpageframeinfo3 - XEN_DOMCTL_getpageframeinfo3: the types of num
 * frames. array holds gfns on entry; each is replaced by its XEN_DOMCTL_PFINFO_* value. The
 * hypervisor may advance num and array when it preempts the call.
 */
struct xen_domctl_getpageframeinfo3 {
	uint64_t num;				/* entries of array */
	XEN_GUEST_HANDLE(xen_pfn_t) array;	/* IN: gfns; OUT: types */
};
XEN_ABI_SIZE(struct xen_domctl_getpageframeinfo3, 16);
XEN_ABI_OFFSET(struct xen_domctl_getpageframeinfo3, array, 8);

/* struct xen_domctl_max_mem - XEN_DOMCTL_max_mem: the domain's memory limit. */
struct xen_domctl_max_mem {
	uint64_t max_memkb;	/* KiB */
};
XEN_ABI_SIZE(struct xen_domctl_max_mem, 8);

/*
 * struct xen_domctl_vcpucontext - XEN_DOMCTL_setvcpucontext / getvcpucontext: a vCPU's full
 * register state, read from or written to ctxt.
 */
struct xen_domctl_vcpucontext {
	uint32_t vcpu;					/* vCPU id */
	XEN_GUEST_HANDLE(vcpu_guest_context_t) ctxt;	/* IN (set) or OUT (get) */
};
XEN_ABI_SIZE(struct xen_domctl_vcpucontext, 16);
XEN_ABI_OFFSET(struct xen_domctl_vcpucontext, ctxt, 8);

/* struct xen_domctl_getvcpuinfo - XEN_DOMCTL_getvcpuinfo: one vCPU's run state. */
struct xen_domctl_getvcpuinfo {
	uint32_t vcpu;		/* IN: vCPU id */
	uint8_t online;		/* OUT: 1 if up */
	uint8_t blocked;	/* OUT: 1 if waiting for an event */
	uint8_t running;	/* OUT: 1 if on a physical CPU now */
	uint64_t cpu_time;	/* OUT: CPU time used, ns */
	uint32_t cpu;		/* OUT: the physical CPU it runs or last ran on */
};
XEN_ABI_SIZE(struct xen_domctl_getvcpuinfo, 24);
XEN_ABI_OFFSET(struct xen_domctl_getvcpuinfo, online, 4);
XEN_ABI_OFFSET(struct xen_domctl_getvcpuinfo, cpu_time, 8);
XEN_ABI_OFFSET(struct xen_domctl_getvcpuinfo, cpu, 16);

/*
 * struct xen_domctl_vcpuaffinity - XEN_DOMCTL_setvcpuaffinity / getvcpuaffinity: the
 * physical CPUs a vCPU may (hard) or prefers to (soft) run on, each selected by flags. set
 * writes back the affinity in effect (hard: within the CPU pool; soft: within hard too); get
 * returns the maps as last set.
 */
struct xen_domctl_vcpuaffinity {
	uint32_t vcpu;				/* vCPU id */
	uint32_t flags;				/* XEN_VCPUAFFINITY_* */
	struct xenctl_bitmap cpumap_hard;	/* IN/OUT with XEN_VCPUAFFINITY_HARD */
	struct xenctl_bitmap cpumap_soft;	/* IN/OUT with XEN_VCPUAFFINITY_SOFT */
};
XEN_ABI_SIZE(struct xen_domctl_vcpuaffinity, 40);
XEN_ABI_OFFSET(struct xen_domctl_vcpuaffinity, cpumap_hard, 8);
XEN_ABI_OFFSET(struct xen_domctl_vcpuaffinity, cpumap_soft, 24);

/*
 * struct xen_domctl_max_vcpus - XEN_DOMCTL_max_vcpus: allocate the domain's vCPUs; max
 * must equal createdomain's max_vcpus.
 */
struct xen_domctl_max_vcpus {
	uint32_t max;	/* vCPUs */
};
XEN_ABI_SIZE(struct xen_domctl_max_vcpus, 4);

/*
 * struct xen_domctl_sched_credit - credit scheduler parameters of a domain: its share of CPU
 * time relative to other domains' weights (default 256), and a cap in percent of one CPU.
 */
struct xen_domctl_sched_credit {
	uint16_t weight;	/* relative share */
	uint16_t cap;		/* % of one CPU; 0 for no cap */
};
XEN_ABI_SIZE(struct xen_domctl_sched_credit, 4);
XEN_ABI_OFFSET(struct xen_domctl_sched_credit, cap, 2);

/* struct xen_domctl_sched_credit2 - credit2 scheduler parameters, as for credit. */
struct xen_domctl_sched_credit2 {
	uint16_t weight;	/* relative share */
	uint16_t cap;		/* % of one CPU; 0 for no cap */
};
XEN_ABI_SIZE(struct xen_domctl_sched_credit2, 4);
XEN_ABI_OFFSET(struct xen_domctl_sched_credit2, cap, 2);

/* struct xen_domctl_sched_rtds - RTDS (real-time) parameters: budget every period. */
struct xen_domctl_sched_rtds {
	uint32_t period;	/* microseconds */
	uint32_t budget;	/* microseconds of CPU time per period */
	uint32_t flags;		/* XEN_DOMCTL_SCHEDRT_* */
};
XEN_ABI_SIZE(struct xen_domctl_sched_rtds, 12);
XEN_ABI_OFFSET(struct xen_domctl_sched_rtds, flags, 8);

/* struct xen_domctl_schedparam_vcpu - one vCPU's parameters, for SCHEDOP_put/getvcpuinfo. */
typedef struct xen_domctl_schedparam_vcpu {
	union {
		struct xen_domctl_sched_credit credit;
		struct xen_domctl_sched_credit2 credit2;
		struct xen_domctl_sched_rtds rtds;
	} u;
	uint32_t vcpuid;	/* vCPU id */
} xen_domctl_schedparam_vcpu_t;
XEN_ABI_SIZE(struct xen_domctl_schedparam_vcpu, 16);
XEN_ABI_OFFSET(struct xen_domctl_schedparam_vcpu, vcpuid, 12);

/*
 * struct xen_domctl_scheduler_op - XEN_DOMCTL_scheduler_op: read or set a domain's
 * scheduling parameters. sched_id must be the scheduler of the domain's CPU pool; u is the
 * member for that scheduler, or v for the per-vCPU commands.
 */
struct xen_domctl_scheduler_op {
	uint32_t sched_id;	/* XEN_SCHEDULER_* */
	uint32_t cmd;		/* XEN_DOMCTL_SCHEDOP_* */
	union {
		struct xen_domctl_sched_credit credit;
		struct xen_domctl_sched_credit2 credit2;
		struct xen_domctl_sched_rtds rtds;
		struct {
			XEN_GUEST_HANDLE(xen_domctl_schedparam_vcpu_t) vcpus;
			uint32_t nr_vcpus;	/* IN: entries of vcpus; OUT: entries done */
			uint32_t padding;
		} v;
	} u;
};
XEN_ABI_SIZE(struct xen_domctl_scheduler_op, 24);
XEN_ABI_OFFSET(struct xen_domctl_scheduler_op, u, 8);
XEN_ABI_OFFSET(struct xen_domctl_scheduler_op, u.v.nr_vcpus, 16);

/* struct xen_domctl_setdomainhandle - XEN_DOMCTL_setdomainhandle: replace the UUID. */
struct xen_domctl_setdomainhandle {
	xen_domain_handle_t handle;
};
XEN_ABI_SIZE(struct xen_domctl_setdomainhandle, 16);

/*
 * struct xen_domctl_settimeoffset - XEN_DOMCTL_settimeoffset: shift the domain's wall clock
 * (shared_info wc_*) by this many seconds from the hypervisor's.
 */
struct xen_domctl_settimeoffset {
	int64_t time_offset_seconds;	/* seconds, may be negative */
};
XEN_ABI_SIZE(struct xen_domctl_settimeoffset, 8);

/*
 * struct xen_domctl_hypercall_init - XEN_DOMCTL_hypercall_init: fill a page of the domain
 * with the hypercall stubs of its XEN_ELFNOTE_HYPERCALL_PAGE (stub n at byte n * 32).
 * -EINVAL when gmfn is not the domain's, -EPERM when it cannot be written.
 */
struct xen_domctl_hypercall_init {
	uint64_t gmfn;			/* a PV domain's frame numbers are MFNs */
};
XEN_ABI_SIZE(struct xen_domctl_hypercall_init, 8);

/*
 * struct xen_domctl - the argument of every domctl: command, interface version, target
 * domain and the command's data in a union padded to 128 bytes.
 */
struct xen_domctl {
	uint32_t cmd;			/* XEN_DOMCTL_* */
	uint32_t interface_version;	/* XEN_DOMCTL_INTERFACE_VERSION */
	domid_t domain;			/* the domain acted on */
	uint16_t _pad[3];
	union {
		struct xen_domctl_createdomain createdomain;
		struct xen_domctl_getdomaininfo getdomaininfo;
		struct xen_domctl_getpageframeinfo3 getpageframeinfo3;
		struct xen_domctl_vcpuaffinity vcpuaffinity;
		struct xen_domctl_max_mem max_mem;
		struct xen_domctl_vcpucontext vcpucontext;
		struct xen_domctl_getvcpuinfo getvcpuinfo;
		struct xen_domctl_max_vcpus max_vcpus;
		struct xen_domctl_scheduler_op scheduler_op;
		struct xen_domctl_setdomainhandle setdomainhandle;
		struct xen_domctl_settimeoffset settimeoffset;
		struct xen_domctl_hypercall_init hypercall_init;
		uint8_t pad[128];
	} u;
};
typedef struct xen_domctl xen_domctl_t;
XEN_ABI_SIZE(struct xen_domctl, 144);
XEN_ABI_OFFSET(struct xen_domctl, interface_version, 4);
XEN_ABI_OFFSET(struct xen_domctl, domain, 8);
XEN_ABI_OFFSET(struct xen_domctl, u, 16);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_DOMCTL_H */
