/*
 * xen/vcpu.h - vcpu_op hypercall: bringing vCPUs up and down, timers, and the per-vCPU areas
 * a guest registers (vcpu_info, runstate, secondary time info).
 *
 * Matches Xen's public xen/include/public/vcpu.h. vcpu_op(cmd, vcpuid, arg) applies VCPUOP_*
 * to vCPU vcpuid of the calling domain; arg is the structure named with each command, or NULL.
 */
#ifndef XEN_ABI_VCPU_H
#define XEN_ABI_VCPU_H

#include "xen.h"

#define VCPUOP_initialise			0	/* struct vcpu_guest_context; only once */
#define VCPUOP_up				1	/* NULL: start an initialised vCPU */
#define VCPUOP_down				2	/* NULL: stop the vCPU (maybe later) */
#define VCPUOP_is_up				3	/* NULL: returns 1 if up, 0 if down */
#define VCPUOP_get_runstate_info		4	/* struct vcpu_runstate_info (out) */
#define VCPUOP_register_runstate_memory_area	5	/* vcpu_register_runstate_memory_area */
#define VCPUOP_set_periodic_timer		6	/* struct vcpu_set_periodic_timer */
#define VCPUOP_stop_periodic_timer		7	/* NULL */
#define VCPUOP_set_singleshot_timer		8	/* struct vcpu_set_singleshot_timer */
#define VCPUOP_stop_singleshot_timer		9	/* NULL */
#define VCPUOP_register_vcpu_info		10	/* struct vcpu_register_vcpu_info; once */
#define VCPUOP_send_nmi				11	/* NULL: inject an NMI into the vCPU */
#define VCPUOP_get_physid			12	/* struct vcpu_get_physid (out) */
#define VCPUOP_register_vcpu_time_memory_area	13	/* struct vcpu_register_time_memory_area */

/* vcpu_runstate_info.state */
#define RUNSTATE_running		0	/* running on a physical CPU */
#define RUNSTATE_runnable		1	/* ready, waiting for a physical CPU */
#define RUNSTATE_blocked		2	/* waiting for an event (idle) */
#define RUNSTATE_offline		3	/* neither of those: down, paused, ... */

/*
 * Set in vcpu_runstate_info.state_entry_time while the hypervisor rewrites a registered
 * runstate area, if the guest enabled VMASST_TYPE_runstate_update_flag.
 */
#define XEN_RUNSTATE_UPDATE		(XEN_ABI_ULL(1) << 63)

/* vcpu_set_singleshot_timer.flags */
#define _VCPU_SSHOTTMR_future		0
#define VCPU_SSHOTTMR_future		(XEN_ABI_U(1) << _VCPU_SSHOTTMR_future)	/* -ETIME if past */

/* vcpu_get_physid.phys_id on x86: APIC id in bits 31:0, ACPI id in bits 63:32. */
#define xen_vcpu_physid_to_x86_apicid(physid)	((uint32_t)((physid) & 0xffffffffu))
#define xen_vcpu_physid_to_x86_acpiid(physid)	((uint32_t)((physid) >> 32))

#ifndef __ASSEMBLER__

/*
 * struct vcpu_runstate_info - how a vCPU has spent its time, in ns of system time. The
 * hypervisor keeps it up to date in the area registered with
 * VCPUOP_register_runstate_memory_area, rewriting it at every state change of the vCPU.
 */
struct vcpu_runstate_info {
	int state;			/* RUNSTATE_* */
	uint64_t state_entry_time;	/* system time (ns) the state was entered; bit 63 is
					 * XEN_RUNSTATE_UPDATE */
	uint64_t time[4];		/* ns spent in each RUNSTATE_*, indexed by state */
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
XEN_ABI_SIZE(struct vcpu_runstate_info, 48);
XEN_ABI_OFFSET(struct vcpu_runstate_info, state_entry_time, 8);
XEN_ABI_OFFSET(struct vcpu_runstate_info, time, 16);

/*
 * struct vcpu_register_runstate_memory_area - where the hypervisor should keep the vCPU's
 * vcpu_runstate_info. On x86 the address is a guest virtual address, valid under the vCPU's
 * kernel page tables. Registering again replaces the area; NULL stops the updates.
 */
struct vcpu_register_runstate_memory_area {
	union {
		XEN_GUEST_HANDLE(vcpu_runstate_info_t) h;
		struct vcpu_runstate_info *v;
		uint64_t p;
	} addr;
};
typedef struct vcpu_register_runstate_memory_area vcpu_register_runstate_memory_area_t;
XEN_ABI_SIZE(struct vcpu_register_runstate_memory_area, 8);

/*
 * struct vcpu_set_periodic_timer - VCPUOP_set_periodic_timer: raise VIRQ_TIMER every
 * period_ns.
 */
struct vcpu_set_periodic_timer {
	uint64_t period_ns;
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;
XEN_ABI_SIZE(struct vcpu_set_periodic_timer, 8);

/*
 * struct vcpu_set_singleshot_timer - VCPUOP_set_singleshot_timer: raise VIRQ_TIMER once when
 * system time reaches timeout_abs_ns. Arming again replaces the previous deadline; a deadline
 * already past fires at once unless VCPU_SSHOTTMR_future is given.
 */
struct vcpu_set_singleshot_timer {
	uint64_t timeout_abs_ns;	/* absolute system time, ns */
	uint32_t flags;			/* VCPU_SSHOTTMR_* */
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;
XEN_ABI_SIZE(struct vcpu_set_singleshot_timer, 16);
XEN_ABI_OFFSET(struct vcpu_set_singleshot_timer, flags, 8);

/*
 * struct vcpu_register_vcpu_info - VCPUOP_register_vcpu_info: move the vCPU's vcpu_info out
 * of shared_info to mfn:offset. The 64-byte area must not cross a page boundary.
 */
struct vcpu_register_vcpu_info {
	uint64_t mfn;		/* machine frame holding the new vcpu_info */
	uint32_t offset;	/* byte offset within that frame */
	uint32_t rsvd;		/* must be zero */
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;
XEN_ABI_SIZE(struct vcpu_register_vcpu_info, 16);
XEN_ABI_OFFSET(struct vcpu_register_vcpu_info, offset, 8);
XEN_ABI_OFFSET(struct vcpu_register_vcpu_info, rsvd, 12);

/*
 * struct vcpu_get_physid - VCPUOP_get_physid: identity of the physical CPU a pinned vCPU runs
 * on (see xen_vcpu_physid_to_x86_apicid/acpiid).
 */
struct vcpu_get_physid {
	uint64_t phys_id;
};
typedef struct vcpu_get_physid vcpu_get_physid_t;
XEN_ABI_SIZE(struct vcpu_get_physid, 8);

/*
 * struct vcpu_register_time_memory_area - VCPUOP_register_vcpu_time_memory_area: a second
 * copy of the vCPU's vcpu_time_info that the hypervisor updates together with the one in
 * vcpu_info (same version protocol), e.g. for a user-mapped clock page.
 */
struct vcpu_register_time_memory_area {
	union {
		XEN_GUEST_HANDLE(vcpu_time_info_t) h;
		struct vcpu_time_info *v;
		uint64_t p;
	} addr;
};
typedef struct vcpu_register_time_memory_area vcpu_register_time_memory_area_t;
XEN_ABI_SIZE(struct vcpu_register_time_memory_area, 8);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_VCPU_H */
