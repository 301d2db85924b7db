/*
 * lamina/domain.h - domains and their virtual CPUs.
 *
 * A domain owns machine frames (listed on its page list, owner field in the
 * frame table), a shared_info page, event channels and, per vCPU, the state
 * of a deprivileged x86-64 PV CPU: saved registers, which of its two page
 * tables is live (guest kernel or guest user mode), the callbacks and trap
 * table the guest registered, its segment bases, FPU state and timers.
 */
#ifndef LAMINA_DOMAIN_H
#define LAMINA_DOMAIN_H

#include <asm/regs.h>
#include <asm/spinlock.h>
#include <asm/vmce.h>
#include <lamina/sched_credit.h>
#include <lamina/timer.h>
#include <lamina/types.h>
#include <xen/vcpu.h>
#include <xen/xen.h>

#define MAX_VIRT_CPUS XEN_LEGACY_MAX_VCPUS /* vcpu_info slots in shared_info */
#define DOMID_HYPERVISOR DOMID_XEN
#define SHUTDOWN_CODE_INVALID (~0U) /* no shutdown code yet (as Xen) */

struct domain;

/* vm_assist types a 64-bit PV guest may enable (Xen: VM_ASSIST_VALID for PV). */
#define VM_ASSIST_VALID                                                                   \
	((1UL << VMASST_TYPE_4gb_segments) | (1UL << VMASST_TYPE_4gb_segments_notify) |  \
	 (1UL << VMASST_TYPE_writable_pagetables) | (1UL << VMASST_TYPE_pae_extended_cr3) | \
	 (1UL << VMASST_TYPE_architectural_iopl) | (1UL << VMASST_TYPE_runstate_update_flag) | \
	 (1UL << VMASST_TYPE_m2p_strict))

/* The x86 PV part of a vCPU: what Xen keeps in struct pv_vcpu. */
struct pv_vcpu {
	bool kernel_mode; /* guest kernel (true) or guest user mode */
	unsigned long guest_table; /* MFN of the kernel L4 (CR3 in kernel mode) */
	unsigned long guest_table_user; /* MFN of the user L4, 0: none */
	unsigned long kernel_ss, kernel_sp; /* stack_switch: the kernel stack for bounces from user mode */
	unsigned long event_callback_eip, failsafe_callback_eip;
	unsigned long syscall_callback_eip, syscall32_callback_eip, sysenter_callback_eip;
	bool syscall_disables_events, failsafe_disables_events;
	bool syscall32_disables_events, sysenter_disables_events;
	unsigned long fs_base, gs_base_kernel, gs_base_user;
	uint16_t saved_sel[4]; /* DS, ES, FS, GS while the state is off the CPU */
	bool segments_saved; /* pv_save_segments ran: reload them before the guest runs */
	unsigned int iopl; /* virtual IOPL (PHYSDEVOP_set_iopl), 0-3 */
	unsigned long ctrlreg0_ts; /* virtual CR0.TS (fpu_taskswitch) */
	unsigned long ctrlreg4; /* the CR4 bits the guest controls: OSXSAVE */
	unsigned long cr2; /* the last #PF address given to the guest */
	unsigned long debugreg[8];
	unsigned long gdt_frames[FIRST_RESERVED_GDT_PAGE];
	unsigned int gdt_ents;
	unsigned long ldt_base;
	unsigned int ldt_ents;
	bool nmi_pending, nmi_masked;
	unsigned long vm_assist;
	/* Last: 4 KiB of which a bounce reads one entry (the fields above are read on every entry). */
	struct trap_info trap_ctxt[256];
};

struct vcpu {
	struct domain *domain;
	unsigned int vcpu_id;
	vcpu_info_t *vcpu_info; /* hypervisor view of the vCPU's current vcpu_info */
	unsigned long vcpu_info_mfn; /* registered with VCPUOP_register_vcpu_info, 0: in shared_info */
	unsigned long runstate_guest; /* guest VA of its vcpu_runstate_info, 0: none */
	unsigned long time_area_guest; /* guest VA of a second vcpu_time_info, 0: none */
	struct vcpu_runstate_info runstate;
	struct timer singleshot_timer;
	struct timer periodic_timer;
	struct timer poll_timer; /* ends a SCHEDOP_poll with a timeout */
	s_time_t periodic_period; /* ns, 0: off */
	unsigned int virq_to_evtchn[NR_VIRQS];
	bool is_initialised; /* has a context (dom0 build, VCPUOP_initialise, setvcpucontext) */
	bool is_up; /* initialised and not down (VCPUOP_is_up) */
	bool blocked; /* in SCHEDOP_block or SCHEDOP_poll, waiting for an event */
	int poll_evtchn; /* SCHEDOP_poll: 0 not polling, -1 any port, else the port */
	unsigned int pause_count; /* vcpu_pause minus vcpu_unpause */
	uint32_t affinity_hard, affinity_soft; /* physical CPUs, bit n = CPU n (domctl vcpuaffinity) */
	struct csched_unit sched_unit; /* credit scheduler state (lamina/sched_credit.h) */
	void *fpu_area, *fpu_alloc; /* saved FPU/XSAVE state (asm/fpu.h) and its allocation */
	struct cpu_user_regs regs; /* saved guest registers while the vCPU is not on a CPU */
	/*
	 * Last, ending with its trap table: the fields every guest entry and
	 * exit reads stay in the first page (under TCG each page touched after a
	 * CR3 load costs a page walk).
	 */
	struct pv_vcpu pv;
	struct vmce vmce; /* its machine-check MSRs */
	uint64_t xcr0; /* its XCR0 (asm/xstate.h) */
	uint64_t xcr0_accum; /* every component it has ever enabled: what a switch must save */
};

struct domain {
	domid_t domain_id;
	xen_domain_handle_t handle; /* the toolstack's UUID for the domain */
	bool is_privileged; /* the control domain: dom0 */
	spinlock_t lock;
	struct vcpu *vcpu[MAX_VIRT_CPUS];
	unsigned int max_vcpus;
	shared_info_t *shared_info; /* hypervisor mapping */
	unsigned long shared_info_mfn;
	unsigned long page_list_head; /* MFN of the first owned frame, FRAME_LINK_NONE if none */
	unsigned long tot_pages, max_pages;
	unsigned long vm_assist; /* VMASST_TYPE_* bits enabled */
	struct evtchn *evtchn; /* event channel ports, EVTCHN_2L_NR_CHANNELS of them */
	unsigned long max_evtchns;
	unsigned long max_evtchn_port; /* the highest port it may get (createdomain.max_evtchn_port) */
	struct grant_table *grant_table;
	bool is_shutting_down;
	enum { DOMDYING_alive, DOMDYING_dying, DOMDYING_dead } is_dying; /* destroydomain: dying while
		it lets go of its memory, then dead: freed when its last page goes (Xen's states) */
	unsigned int shutdown_code; /* SHUTDOWN_*, SHUTDOWN_CODE_INVALID until one is given */
	unsigned int controller_pause_count; /* XEN_DOMCTL_pausedomain minus unpausedomain */
	struct csched_dom sched_dom; /* weight and cap (lamina/sched_credit.h) */
	int64_t time_offset_seconds; /* XEN_DOMCTL_settimeoffset: its wall clock minus UTC */
	unsigned long perdomain_l3_mfn; /* L3 of the per-domain slot (GDT/LDT views) */
	uint64_t wallclock_offset_ns;
	void *e820; /* XENMEM_set_memory_map: nr_e820 20-byte E820 records, or NULL */
	unsigned int nr_e820;
	struct domain_pirqs *pirqs; /* physical interrupts it mapped (asm/pirq.h), or NULL */
};

extern struct domain *hardware_domain; /* dom0 */
extern struct domain dom_xen; /* owns the hypervisor frames guests may map read-only */

/* current - the vCPU whose context is on this CPU, NULL while idle before any guest. */
extern struct vcpu *current;

/* domain_create - a new domain with max_vcpus vCPUs. Returns NULL when out of memory. */
struct domain *domain_create(domid_t domid, bool privileged, unsigned int max_vcpus);

/*
 * domain_alloc - a new domain that may have max_vcpus vCPUs but has none
 * yet (XEN_DOMCTL_createdomain); NULL when out of memory, when domid is
 * taken or max_vcpus is 0 or above MAX_VIRT_CPUS.
 */
struct domain *domain_alloc(domid_t domid, bool privileged, unsigned int max_vcpus);

/* domain_create_vcpus - create d's vCPUs 0..nr-1 that do not exist yet. 0 or -ENOMEM. */
int domain_create_vcpus(struct domain *d, unsigned int nr);

/*
 * domain_free - release everything d holds (event channels, grant table,
 * vCPUs, per-domain tables, shared_info) and forget it. Its own pages must
 * be gone already.
 */
void domain_free(struct domain *d);

/*
 * domain_kill - XEN_DOMCTL_destroydomain: d stops for good; its event
 * channels close and it lets go of its memory. The domain itself is freed
 * (and dom0 gets VIRQ_DOM_EXC) once its last page is freed, which may be
 * later when another domain still maps one. Returns 0.
 */
int domain_kill(struct domain *d);

/*
 * vcpu_release_vcpu_info - give back the page VCPUOP_register_vcpu_info took (the vCPU's
 * vcpu_info moves back into shared_info): for a dying domain.
 */
void vcpu_release_vcpu_info(struct vcpu *v);

/* for_each_domain - iterate over every domain that exists (not dom_xen). */
struct domain *domain_next(struct domain *prev);
#define for_each_domain(d) for (struct domain *d = domain_next(NULL); d; d = domain_next(d))

/* domain_by_id - the domain with that domid (DOMID_SELF: the current one), or NULL. */
struct domain *domain_by_id(domid_t domid);

/* domain_at_or_after - the domain with the lowest domid >= domid (domain lists in id order), or NULL. */
struct domain *domain_at_or_after(domid_t domid);

/*
 * assign_pages - give 2^order frames from mfn to d: owner set, one general
 * reference (the allocation), on d's page list. Returns 0, or -ENOMEM when d
 * would exceed max_pages.
 */
int assign_pages(struct domain *d, unsigned long mfn, unsigned int order);

/*
 * steal_page - take frame mfn away from d (XENMEM_exchange): only when d
 * owns it and nothing else holds it (just the allocation reference, no
 * type, not a hypervisor page); -EINVAL otherwise. The frame is left
 * allocated and ownerless: the caller frees it (free_frames) or keeps it.
 * One page less for d. Xen: steal_page in xen/arch/x86/mm.c.
 */
int steal_page(struct domain *d, unsigned long mfn);

/* free_domain_page - a frame of a domain lost its last reference: off the list, back to the allocator. */
struct page_info;
void free_domain_page(struct page_info *pg);

/* domain_shutdown - record a shutdown request (SHUTDOWN_* reason); dom0's ends the machine. */
void domain_shutdown(struct domain *d, unsigned int reason);

/* share_xen_page - let d map a page the hypervisor allocated (shared_info, grant frames). */
void share_xen_page(struct domain *d, void *va);

/* dom0_construct - build d from the kernel module (PV ELF with Xen notes). Returns 0 or -errno. */
struct boot_module;
int dom0_construct(struct domain *d, const struct boot_module *kernel,
		   const struct boot_module *initrd, const char *cmdline, unsigned long nr_pages);

#endif /* LAMINA_DOMAIN_H */
