/*
 * xen/arch-x86/xen-mca.h - the machine-check hypercall (__HYPERVISOR_mca, 48) through which
 * dom0 learns about the physical CPUs and fetches machine-check telemetry, and VIRQ_MCA, the
 * event that says telemetry is waiting.
 *
 * Matches Xen's public xen/include/public/arch-x86/xen-mca.h (interface 0x01ecc003).
 * mca(struct xen_mc *) is for the control domain only (-EPERM otherwise); -EFAULT if the
 * struct cannot be read or written back, -EACCES if interface_version differs, -EINVAL for an
 * unknown cmd.
 *
 *	XEN_MC_physcpuinfo	ncpus (OUT) = the number of online physical CPUs; if info is not
 *				null, ncpus (IN, > 0 or -EINVAL) entries of it are filled, one
 *				struct mcinfo_logical_cpu per online CPU, in CPU order.
 *	XEN_MC_fetch		flags (IN) = exactly one of XEN_MC_NONURGENT, XEN_MC_URGENT, or
 *				-EINVAL; with XEN_MC_ACK, acknowledges fetch_id; otherwise data
 *				(not null, or -EINVAL) receives the oldest struct mc_info of that
 *				class and fetch_id its id, or flags (OUT) says XEN_MC_NODATA.
 *	XEN_MC_notifydomain	-EINVAL (no longer supported by Xen).
 *	XEN_MC_msrinject, XEN_MC_mceinject	error injection for testing (privileged tools).
 */
#ifndef XEN_ABI_ARCH_X86_XEN_MCA_H
#define XEN_ABI_ARCH_X86_XEN_MCA_H

#include "../xen.h"

#define __HYPERVISOR_mca		__HYPERVISOR_arch_0
#define XEN_MCA_INTERFACE_VERSION	0x01ecc003

/* xen_mc_fetch.flags, IN: which class to fetch, or acknowledge. */
#define XEN_MC_NONURGENT		0x0001
#define XEN_MC_URGENT			0x0002
#define XEN_MC_ACK			0x0004

/* xen_mc_fetch.flags, OUT. */
#define XEN_MC_OK			0x0
#define XEN_MC_FETCHFAILED		0x1	/* the telemetry could not be written */
#define XEN_MC_NODATA			0x2	/* nothing of that class is waiting */
#define XEN_MC_NOMATCH			0x4
#define XEN_MC_CANNOTHANDLE		0x8
#define XEN_MC_NOTDELIVERED		0x10

#define XEN_MC_VCPUID_INVALID		0xffff

/* Commands (struct xen_mc.cmd). */
#define XEN_MC_fetch			1
#define XEN_MC_notifydomain		2
#define XEN_MC_physcpuinfo		3
#define XEN_MC_msrinject		4
#define XEN_MC_mceinject		5

/* Global VIRQ (dom0, vCPU 0): machine-check telemetry is waiting to be fetched. */
#define VIRQ_MCA			VIRQ_ARCH_0

/* struct mcinfo_common.type: what follows the header in struct mc_info.mi_data. */
#define MC_TYPE_GLOBAL			0
#define MC_TYPE_BANK			1
#define MC_TYPE_EXTENDED		2
#define MC_TYPE_RECOVERY		3

/* struct mcinfo_global.mc_flags. */
#define MC_FLAG_CORRECTABLE		(1 << 0)
#define MC_FLAG_UNCORRECTABLE		(1 << 1)
#define MC_FLAG_RECOVERABLE		(1 << 2)
#define MC_FLAG_POLLED			(1 << 3)
#define MC_FLAG_RESET			(1 << 4)
#define MC_FLAG_CMCI			(1 << 5)
#define MC_FLAG_MCE			(1 << 6)

/* Sizes of a telemetry record (bytes). */
#define MCINFO_HYPERCALLSIZE		1024
#define MCINFO_MAXSIZE			768
#define MCINFO_FLAGS_UNCOMPLETE		0x1	/* struct mc_info.flags: entries were dropped */

/* Entries of struct mcinfo_logical_cpu.mc_msrvalues, and of mc_cpu_caps. */
#define __MC_MSR_ARRAYSIZE		8
#define MC_NCAPS			7

#define MC_MSRINJ_MAXMSRS		8
#define MC_MSRINJ_F_INTERPOSE		0x1	/* interpose: do not write the real MSR */
#define MC_MSRINJ_F_GPADDR		0x2	/* MCi_ADDR values are guest physical addresses */

#ifndef __ASSEMBLER__

/* struct mcinfo_common - the header of each entry in struct mc_info.mi_data. */
struct mcinfo_common {
	uint16_t type;		/* MC_TYPE_* */
	uint16_t size;		/* bytes of this entry, header included */
};
typedef struct mcinfo_common xen_mcinfo_common_t;
XEN_ABI_SIZE(struct mcinfo_common, 4);

/* struct mcinfo_global - MC_TYPE_GLOBAL: where the error was seen. */
struct mcinfo_global {
	xen_mcinfo_common_t common;
	uint16_t mc_domid;	/* the domain running at the time */
	uint16_t mc_vcpuid;	/* its vCPU */
	uint32_t mc_socketid;
	uint16_t mc_coreid;
	uint16_t mc_core_threadid;
	uint32_t mc_apicid;
	uint32_t mc_flags;	/* MC_FLAG_* */
	uint64_t mc_gstatus;	/* MCG_STATUS */
};
XEN_ABI_SIZE(struct mcinfo_global, 32);

/* struct mcinfo_bank - MC_TYPE_BANK: one bank's registers. */
struct mcinfo_bank {
	xen_mcinfo_common_t common;
	uint16_t mc_bank;
	uint16_t mc_domid;	/* the domain owning mc_addr, when known (dom0 only) */
	uint64_t mc_status;	/* MCi_STATUS */
	uint64_t mc_addr;	/* MCi_ADDR, valid if MCi_STATUS.ADDRV */
	uint64_t mc_misc;	/* MCi_MISC */
	uint64_t mc_ctrl2;	/* MCi_CTL2 */
	uint64_t mc_tsc;
};
XEN_ABI_SIZE(struct mcinfo_bank, 48);

/* struct mcinfo_msr - one MSR and its value. */
struct mcinfo_msr {
	uint64_t reg;
	uint64_t value;
};
typedef struct mcinfo_msr xen_mcinfo_msr_t;
XEN_ABI_SIZE(struct mcinfo_msr, 16);

/* struct mcinfo_extended - MC_TYPE_EXTENDED: further MSRs of the CPU that saw the error. */
struct mcinfo_extended {
	xen_mcinfo_common_t common;
	uint32_t mc_msrs;	/* valid entries of mc_msr */
	xen_mcinfo_msr_t mc_msr[32];
};
XEN_ABI_SIZE(struct mcinfo_extended, 520);

/* struct mc_info - one telemetry record: mi_nentries mcinfo_* entries packed in mi_data. */
struct mc_info {
	uint32_t mi_nentries;
	uint32_t flags;		/* MCINFO_FLAGS_* */
	uint64_t mi_data[(MCINFO_MAXSIZE - 1) / 8];
};
typedef struct mc_info mc_info_t;
XEN_ABI_SIZE(struct mc_info, 768);

/*
 * struct mcinfo_logical_cpu - XEN_MC_physcpuinfo: one physical CPU. mc_vendor is Xen's
 * X86_VENDOR_* bit (Intel 1, AMD 2, Centaur 4, Shanghai 8, Hygon 16); mc_cpu_caps are the
 * first MC_NCAPS words of the hypervisor's feature set (CPUID 1.EDX, 1.ECX, 0x80000001.EDX,
 * 0x80000001.ECX, 0xD/1.EAX, 7/0.EBX, 7/0.ECX); mc_cache_size is in KiB, mc_cache_alignment
 * in bytes; mc_msrvalues[0] is MCG_CAP.
 */
struct mcinfo_logical_cpu {
	uint32_t mc_cpunr;
	uint32_t mc_chipid;
	uint16_t mc_coreid;
	uint16_t mc_threadid;
	uint32_t mc_apicid;
	uint32_t mc_clusterid;
	uint32_t mc_ncores;
	uint32_t mc_ncores_active;
	uint32_t mc_nthreads;
	int32_t mc_cpuid_level;
	uint32_t mc_family;
	uint32_t mc_vendor;
	uint32_t mc_model;
	uint32_t mc_step;
	char mc_vendorid[16];
	char mc_brandid[64];
	uint32_t mc_cpu_caps[MC_NCAPS];
	uint32_t mc_cache_size;
	uint32_t mc_cache_alignment;
	int32_t mc_nmsrvals;
	xen_mcinfo_msr_t mc_msrvalues[__MC_MSR_ARRAYSIZE];
};
typedef struct mcinfo_logical_cpu xen_mc_logical_cpu_t;
XEN_ABI_SIZE(struct mcinfo_logical_cpu, 304);

/* struct xen_mc_fetch - XEN_MC_fetch. */
struct xen_mc_fetch {
	uint32_t flags;		/* IN: XEN_MC_(NON)URGENT [| XEN_MC_ACK]; OUT: XEN_MC_OK etc. */
	uint32_t _pad0;
	uint64_t fetch_id;	/* OUT: the record's id; IN with XEN_MC_ACK: the id acknowledged */
	XEN_GUEST_HANDLE(mc_info_t) data; /* OUT: where the record goes */
};
typedef struct xen_mc_fetch xen_mc_fetch_t;
XEN_ABI_SIZE(struct xen_mc_fetch, 24);

/* struct xen_mc_notifydomain - XEN_MC_notifydomain (unsupported). */
struct xen_mc_notifydomain {
	uint16_t mc_domid;
	uint16_t mc_vcpuid;
	uint32_t flags;
};
typedef struct xen_mc_notifydomain xen_mc_notifydomain_t;
XEN_ABI_SIZE(struct xen_mc_notifydomain, 8);

/* struct xen_mc_physcpuinfo - XEN_MC_physcpuinfo. */
struct xen_mc_physcpuinfo {
	uint32_t ncpus;		/* IN: entries of info; OUT: online physical CPUs */
	uint32_t _pad0;
	XEN_GUEST_HANDLE(xen_mc_logical_cpu_t) info; /* OUT, may be null */
};
typedef struct xen_mc_physcpuinfo xen_mc_physcpuinfo_t;
XEN_ABI_SIZE(struct xen_mc_physcpuinfo, 16);

/* struct xen_mc_msrinject - XEN_MC_msrinject: MSR values to plant on CPU mcinj_cpunr. */
struct xen_mc_msrinject {
	uint32_t mcinj_cpunr;
	uint32_t mcinj_flags;	/* MC_MSRINJ_F_* */
	uint32_t mcinj_count;	/* valid entries of mcinj_msr */
	domid_t mcinj_domid;	/* with MC_MSRINJ_F_GPADDR */
	uint16_t _pad0;
	xen_mcinfo_msr_t mcinj_msr[MC_MSRINJ_MAXMSRS];
};
typedef struct xen_mc_msrinject xen_mc_msrinject_t;
XEN_ABI_SIZE(struct xen_mc_msrinject, 144);

/* struct xen_mc_mceinject - XEN_MC_mceinject: raise #MC on CPU mceinj_cpunr. */
struct xen_mc_mceinject {
	unsigned int mceinj_cpunr;
};
typedef struct xen_mc_mceinject xen_mc_mceinject_t;
XEN_ABI_SIZE(struct xen_mc_mceinject, 4);

/* struct xen_mc - the argument of every mca() command. */
struct xen_mc {
	uint32_t cmd;			/* XEN_MC_* */
	uint32_t interface_version;	/* XEN_MCA_INTERFACE_VERSION */
	union {
		xen_mc_fetch_t mc_fetch;
		xen_mc_notifydomain_t mc_notifydomain;
		xen_mc_physcpuinfo_t mc_physcpuinfo;
		xen_mc_msrinject_t mc_msrinject;
		xen_mc_mceinject_t mc_mceinject;
	} u;
};
typedef struct xen_mc xen_mc_t;
XEN_ABI_SIZE(struct xen_mc, 152);

#endif /* __ASSEMBLER__ */

#endif /* XEN_ABI_ARCH_X86_XEN_MCA_H */
