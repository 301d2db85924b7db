/*
 * xen/sysctl.h - sysctl, the toolstack's hypercall about the whole machine
 * (__HYPERVISOR_sysctl, 35): the hypervisor console ring, physical resources, the list of
 * domains, the scheduler in use.
 *
 * Matches Xen's public xen/include/public/sysctl.h at XEN_SYSCTL_INTERFACE_VERSION 0x15
 * (Xen 4.17). Every command number is here; argument structures only for the commands
 * Lamina's toolstack uses. As in domctl.h, no __XEN_TOOLS__ is needed, 64-bit fields are
 * plain uint64_t and handles are plain pointers.
 *
 * sysctl(struct xen_sysctl *op), checked in this order:
 *	-EFAULT		op cannot be read (or written back);
 *	-EACCES		op->interface_version is not XEN_SYSCTL_INTERFACE_VERSION;
 *	-EPERM		the caller is not the control domain.
 * Then each command's own checks; op->u is read as the structure named beside the command.
 */
#ifndef XEN_ABI_SYSCTL_H
#define XEN_ABI_SYSCTL_H

#include "xen.h"
#include "domctl.h"

#define XEN_SYSCTL_INTERFACE_VERSION		0x00000015

/* Commands (xen_sysctl.cmd); the argument is the union member named. */
#define XEN_SYSCTL_readconsole			1	/* readconsole */
#define XEN_SYSCTL_tbuf_op			2
#define XEN_SYSCTL_physinfo			3	/* physinfo */
#define XEN_SYSCTL_sched_id			4	/* sched_id */
#define XEN_SYSCTL_perfc_op			5
#define XEN_SYSCTL_getdomaininfolist		6	/* getdomaininfolist */
#define XEN_SYSCTL_debug_keys			7	/* debug_keys */
#define XEN_SYSCTL_getcpuinfo			8
#define XEN_SYSCTL_availheap			9
#define XEN_SYSCTL_get_pmstat			10
#define XEN_SYSCTL_cpu_hotplug			11
#define XEN_SYSCTL_pm_op			12
/* 13 is unused */
#define XEN_SYSCTL_page_offline_op		14
#define XEN_SYSCTL_lockprof_op			15
#define XEN_SYSCTL_cputopoinfo			16
#define XEN_SYSCTL_numainfo			17
#define XEN_SYSCTL_cpupool_op			18
#define XEN_SYSCTL_scheduler_op			19
#define XEN_SYSCTL_coverage_op			20
#define XEN_SYSCTL_psr_cmt_op			21
#define XEN_SYSCTL_pcitopoinfo			22
#define XEN_SYSCTL_psr_alloc			23
/* 24 is retired (tmem_op) */
#define XEN_SYSCTL_get_cpu_levelling_caps	25
#define XEN_SYSCTL_get_cpu_featureset		26
#define XEN_SYSCTL_livepatch_op			27
/* 28 is retired (set_parameter) */
#define XEN_SYSCTL_get_cpu_policy		29

/*
 * xen_sysctl_physinfo.capabilities: what the machine and this hypervisor support. x86 defines
 * no arch_capabilities bits in Xen 4.17.
 */
#define _XEN_SYSCTL_PHYSCAP_hvm			0	/* HVM guests */
#define XEN_SYSCTL_PHYSCAP_hvm			(XEN_ABI_U(1) << _XEN_SYSCTL_PHYSCAP_hvm)
#define _XEN_SYSCTL_PHYSCAP_pv			1	/* PV guests */
#define XEN_SYSCTL_PHYSCAP_pv			(XEN_ABI_U(1) << _XEN_SYSCTL_PHYSCAP_pv)
#define _XEN_SYSCTL_PHYSCAP_directio		2	/* device passthrough with an IOMMU */
#define XEN_SYSCTL_PHYSCAP_directio		(XEN_ABI_U(1) << _XEN_SYSCTL_PHYSCAP_directio)
#define _XEN_SYSCTL_PHYSCAP_hap			3	/* hardware-assisted paging */
#define XEN_SYSCTL_PHYSCAP_hap			(XEN_ABI_U(1) << _XEN_SYSCTL_PHYSCAP_hap)
#define _XEN_SYSCTL_PHYSCAP_shadow		4	/* shadow paging */
#define XEN_SYSCTL_PHYSCAP_shadow		(XEN_ABI_U(1) << _XEN_SYSCTL_PHYSCAP_shadow)
#define _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share	5	/* IOMMU can use the HAP tables */
#define XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share	\
	(XEN_ABI_U(1) << _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share)
#define XEN_SYSCTL_PHYSCAP_vmtrace		(XEN_ABI_U(1) << 6)	/* processor trace */
#define XEN_SYSCTL_PHYSCAP_vpmu			(XEN_ABI_U(1) << 7)	/* virtual PMU */
#define XEN_SYSCTL_PHYSCAP_gnttab_v1		(XEN_ABI_U(1) << 8)	/* grant tables v1 */
#define XEN_SYSCTL_PHYSCAP_gnttab_v2		(XEN_ABI_U(1) << 9)	/* grant tables v2 */
#define XEN_SYSCTL_PHYSCAP_MAX			XEN_SYSCTL_PHYSCAP_gnttab_v2	/* highest bit */

#ifndef __ASSEMBLER__

/*
 * struct xen_sysctl_readconsole - XEN_SYSCTL_readconsole: copy text from the hypervisor's
 * console ring. index counts bytes ever written to the ring.
 */
struct xen_sysctl_readconsole {
	uint8_t clear;			/* IN: non-zero empties the ring after reading */
	uint8_t incremental;		/* IN: non-zero starts at index, else at the oldest */
	uint8_t pad0;
	uint8_t pad1;
	uint32_t index;			/* IN: where to start; OUT: where the next read starts */
	XEN_GUEST_HANDLE(char) buffer;	/* OUT: the text, not NUL-terminated */
	uint32_t count;			/* IN: size of buffer; OUT: bytes written */
};
XEN_ABI_SIZE(struct xen_sysctl_readconsole, 24);
XEN_ABI_OFFSET(struct xen_sysctl_readconsole, index, 4);
XEN_ABI_OFFSET(struct xen_sysctl_readconsole, buffer, 8);
XEN_ABI_OFFSET(struct xen_sysctl_readconsole, count, 16);

/*
 * struct xen_sysctl_physinfo - XEN_SYSCTL_physinfo (OUT): the machine's CPUs, NUMA nodes and
 * memory, in pages of 4 KiB.
 */
struct xen_sysctl_physinfo {
	uint32_t threads_per_core;
	uint32_t cores_per_socket;
	uint32_t nr_cpus;		/* CPUs online */
	uint32_t max_cpu_id;		/* highest CPU number possible on this machine */
	uint32_t nr_nodes;		/* NUMA nodes online */
	uint32_t max_node_id;		/* highest node number possible */
	uint32_t cpu_khz;		/* CPU (TSC) frequency, kHz */
	uint32_t capabilities;		/* XEN_SYSCTL_PHYSCAP_* */
	uint32_t arch_capabilities;	/* none defined on x86 */
	uint32_t pad;
	uint64_t total_pages;		/* RAM the hypervisor manages */
	uint64_t free_pages;		/* not allocated */
	uint64_t scrub_pages;		/* free but not yet scrubbed */
	uint64_t outstanding_pages;	/* claimed by domains, not yet allocated */
	uint64_t max_mfn;		/* highest machine frame number possible */
	uint32_t hw_cap[8];		/* x86: the boot CPU's first 8 CPUID feature words */
};
XEN_ABI_SIZE(struct xen_sysctl_physinfo, 112);
XEN_ABI_OFFSET(struct xen_sysctl_physinfo, cpu_khz, 24);
XEN_ABI_OFFSET(struct xen_sysctl_physinfo, pad, 36);
XEN_ABI_OFFSET(struct xen_sysctl_physinfo, total_pages, 40);
XEN_ABI_OFFSET(struct xen_sysctl_physinfo, max_mfn, 72);
XEN_ABI_OFFSET(struct xen_sysctl_physinfo, hw_cap, 80);

/* struct xen_sysctl_sched_id - XEN_SYSCTL_sched_id: the default CPU pool's scheduler. */
struct xen_sysctl_sched_id {
	uint32_t sched_id;	/* OUT: XEN_SCHEDULER_* */
};
XEN_ABI_SIZE(struct xen_sysctl_sched_id, 4);

/*
 * struct xen_sysctl_getdomaininfolist - XEN_SYSCTL_getdomaininfolist: getdomaininfo for up
 * to max_domains domains with ids from first_domain up, in id order.
 */
struct xen_sysctl_getdomaininfolist {
	domid_t first_domain;					/* IN */
	uint32_t max_domains;					/* IN: entries of buffer */
	XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t) buffer;	/* OUT */
	uint32_t num_domains;					/* OUT: entries filled */
};
XEN_ABI_SIZE(struct xen_sysctl_getdomaininfolist, 24);
XEN_ABI_OFFSET(struct xen_sysctl_getdomaininfolist, max_domains, 4);
XEN_ABI_OFFSET(struct xen_sysctl_getdomaininfolist, buffer, 8);
XEN_ABI_OFFSET(struct xen_sysctl_getdomaininfolist, num_domains, 16);

/*
 * struct xen_sysctl_debug_keys - XEN_SYSCTL_debug_keys (IN): nr_keys characters, each
 * handled as if typed on the hypervisor's console (its debug keys; what they print goes to
 * the console ring). Xen 4.17 public/sysctl.h.
 */
struct xen_sysctl_debug_keys {
	XEN_GUEST_HANDLE(const char) keys;
	uint32_t nr_keys;
};
XEN_ABI_SIZE(struct xen_sysctl_debug_keys, 16);
XEN_ABI_OFFSET(struct xen_sysctl_debug_keys, nr_keys, 8);

/*
 * struct xen_sysctl - the argument of every sysctl: command, interface version and the
 * command's data in a union padded to 128 bytes.
 */
struct xen_sysctl {
	uint32_t cmd;			/* XEN_SYSCTL_* */
	uint32_t interface_version;	/* XEN_SYSCTL_INTERFACE_VERSION */
	union {
		struct xen_sysctl_readconsole readconsole;
		struct xen_sysctl_physinfo physinfo;
		struct xen_sysctl_sched_id sched_id;
		struct xen_sysctl_getdomaininfolist getdomaininfolist;
		struct xen_sysctl_debug_keys debug_keys;
		uint8_t pad[128];
	} u;
};
typedef struct xen_sysctl xen_sysctl_t;
XEN_ABI_SIZE(struct xen_sysctl, 136);
XEN_ABI_OFFSET(struct xen_sysctl, interface_version, 4);
XEN_ABI_OFFSET(struct xen_sysctl, u, 8);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_SYSCTL_H */
