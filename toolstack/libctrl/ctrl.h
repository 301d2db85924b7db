/*
 * libctrl/ctrl.h - hypercalls from dom0 user space: the toolstack's control interface.
 *
 * libctrl talks to the hypervisor through Linux's Xen devices:
 *	/dev/xen/privcmd	hypercalls (IOCTL_PRIVCMD_HYPERCALL) and foreign mappings
 *	/dev/xen/hypercall	pinned pages for hypercall arguments (Linux 4.18+, privcmd-buf)
 *	/dev/xen/evtchn		event channels bound in dom0 (struct ctrl_evtchn)
 *	/dev/xen/gntdev		mappings of other domains' grants (struct ctrl_gntdev)
 * The argument layouts are Xen's (guest-abi/include/xen/), the device interfaces Linux's
 * (guest-abi/include/xen/sys/).
 *
 * Errors: every function returns 0 (or the value documented), or -1 with errno set. After
 * a hypercall, errno is Xen's error: Xen's error numbers are Linux's on x86 (xen/errno.h),
 * so strerror() and the E* names apply; ctrl_xen_errno_name() and ctrl_error_hint()
 * (xenerr.h) add Xen's meaning. Device errors (open, mmap, ioctl) leave Linux's errno.
 *
 * Units: memory in pages of 4 KiB unless a name says _kib; time in nanoseconds.
 *
 * A struct ctrl is not thread-safe: one thread uses it at a time (it owns one argument page).
 * Pointer arguments are the caller's ordinary memory; libctrl copies them into hypercall-safe
 * memory (see ctrl_buf_alloc) for the duration of each call.
 */
#ifndef LIBCTRL_CTRL_H
#define LIBCTRL_CTRL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>
#include <xen/memory.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/version.h>

/* The devices, for messages and for tests that look for them. */
#define CTRL_PRIVCMD_PATH	"/dev/xen/privcmd"
#define CTRL_HCBUF_PATH		"/dev/xen/hypercall"
#define CTRL_EVTCHN_PATH	"/dev/xen/evtchn"
#define CTRL_GNTDEV_PATH	"/dev/xen/gntdev"

#define CTRL_PAGE_SHIFT		12
#define CTRL_PAGE_BYTES		(1UL << CTRL_PAGE_SHIFT)

struct ctrl;

/* ---- the handle and raw hypercalls (core.c) ---- */

/*
 * ctrl_open - open the control interface: /dev/xen/privcmd, and /dev/xen/hypercall when the
 * kernel has it (else argument buffers are mlock'd anonymous memory).
 * Returns the handle, or NULL with errno from open() of privcmd (ENOENT: not dom0 or
 * xen-privcmd not loaded; EACCES: not root) or ENOMEM.
 */
struct ctrl *ctrl_open(void);

/* ctrl_close - close the devices and free the handle; NULL is ignored. */
void ctrl_close(struct ctrl *c);

/* ctrl_privcmd_fd - the privcmd file descriptor (for poll-free ioctls of other layers). */
int ctrl_privcmd_fd(const struct ctrl *c);

/* ctrl_uses_hcbuf - true when argument buffers come from /dev/xen/hypercall. */
bool ctrl_uses_hcbuf(const struct ctrl *c);

/*
 * ctrl_buf_alloc - memory the hypervisor may read and write during a hypercall: whole pages
 * that cannot be paged out (mmap'd from /dev/xen/hypercall, or anonymous pages that are
 * mlock'd and not inherited by fork()). @bytes is rounded up to pages; the memory is zeroed.
 * Returns the buffer, or NULL with errno (ENOMEM, or mmap's/mlock's error).
 */
void *ctrl_buf_alloc(struct ctrl *c, size_t bytes);

/* ctrl_buf_free - release a buffer of @bytes from ctrl_buf_alloc; NULL is ignored. */
void ctrl_buf_free(struct ctrl *c, void *buf, size_t bytes);

/*
 * ctrl_hypercall - issue hypercall @op (__HYPERVISOR_*) with five arguments through
 * IOCTL_PRIVCMD_HYPERCALL. Pointer arguments must point into ctrl_buf_alloc memory.
 * Returns the hypercall's non-negative result, or -1 with errno = Xen's error.
 */
long ctrl_hypercall(struct ctrl *c, unsigned int op, uint64_t a1, uint64_t a2, uint64_t a3,
		    uint64_t a4, uint64_t a5);

/*
 * ctrl_domctl - run one domctl: @op is stamped with XEN_DOMCTL_INTERFACE_VERSION, copied into
 * the handle's argument page, issued, and copied back (also on failure, as Xen may have
 * written it). Pointers inside @op must point into ctrl_buf_alloc memory.
 * Returns 0, or -1 with errno: EACCES (interface version refused), EPERM (not the control
 * domain), ESRCH (no such domain), or the command's own error (xen/domctl.h).
 */
int ctrl_domctl(struct ctrl *c, struct xen_domctl *op);

/* ctrl_sysctl - as ctrl_domctl, for sysctl (XEN_SYSCTL_INTERFACE_VERSION, xen/sysctl.h). */
int ctrl_sysctl(struct ctrl *c, struct xen_sysctl *op);

/* ---- domctl: one domain (domctl.c) ---- */

/*
 * ctrl_domain_create - XEN_DOMCTL_createdomain with @config (see ctrl_createdomain_pv() for
 * a PV default). *@domid: in, the id wanted or 0 to let the hypervisor pick; out, the new id.
 * The new domain has no memory and no vCPUs, and is paused once by its creation.
 * Returns 0, or -1 with errno: EEXIST (id taken), EINVAL (bad config), ENOMEM.
 */
int ctrl_domain_create(struct ctrl *c, domid_t *domid,
		       const struct xen_domctl_createdomain *config);

/*
 * ctrl_domain_destroy - XEN_DOMCTL_destroydomain: kill @domid and release its resources. Xen
 * may take several calls (EAGAIN/ERESTART); this retries until done. The domain stays listed
 * as dying until its last reference is dropped. Returns 0 or -1 (ESRCH, EINVAL for the caller).
 */
int ctrl_domain_destroy(struct ctrl *c, domid_t domid);

/*
 * ctrl_domain_pause / ctrl_domain_unpause - XEN_DOMCTL_pausedomain / unpausedomain: the
 * toolstack's pause count of @domid up or down (Xen 4.17 counts; unpause at 0 is EINVAL).
 * Returns 0 or -1 (ESRCH, EINVAL for the caller itself).
 */
int ctrl_domain_pause(struct ctrl *c, domid_t domid);
int ctrl_domain_unpause(struct ctrl *c, domid_t domid);

/*
 * ctrl_domain_getinfo - XEN_DOMCTL_getdomaininfo of exactly @domid into @info. (Xen reports
 * the first domain at or after the id asked; a different domain counts as ESRCH here.)
 * Returns 0, or -1 with errno ESRCH (no such domain) or EINVAL (reserved id).
 */
int ctrl_domain_getinfo(struct ctrl *c, domid_t domid, struct xen_domctl_getdomaininfo *info);

/* ctrl_domain_max_mem - XEN_DOMCTL_max_mem: @domid may own at most @max_kib KiB. */
int ctrl_domain_max_mem(struct ctrl *c, domid_t domid, uint64_t max_kib);

/*
 * ctrl_domain_max_vcpus - XEN_DOMCTL_max_vcpus: create @domid's vCPUs 0..@max-1; @max must
 * equal createdomain's max_vcpus (else EINVAL). Returns 0 or -1.
 */
int ctrl_domain_max_vcpus(struct ctrl *c, domid_t domid, unsigned int max);

/* ctrl_domain_sethandle - XEN_DOMCTL_setdomainhandle: @domid's UUID becomes @handle. */
int ctrl_domain_sethandle(struct ctrl *c, domid_t domid, const xen_domain_handle_t handle);

/* ctrl_domain_settimeoffset - XEN_DOMCTL_settimeoffset: wall clock offset, in seconds. */
int ctrl_domain_settimeoffset(struct ctrl *c, domid_t domid, int64_t seconds);

/*
 * ctrl_vcpu_setcontext - XEN_DOMCTL_setvcpucontext: load @ctxt into vCPU @vcpu of @domid,
 * which must not be running (pause the domain). For PV, ctrlreg[3] names the kernel L4 (it
 * gains a root-table type reference), selectors are forced to ring 3 and addresses must be
 * canonical. Returns 0, or -1 with errno EINVAL (bad context or vCPU), ESRCH, ENOMEM.
 */
int ctrl_vcpu_setcontext(struct ctrl *c, domid_t domid, unsigned int vcpu,
			 const vcpu_guest_context_t *ctxt);

/*
 * ctrl_vcpu_getcontext - XEN_DOMCTL_getvcpucontext: vCPU @vcpu's register state into @ctxt.
 * Returns 0, or -1 with errno ENODATA (vCPU never initialised), EINVAL, ESRCH.
 */
int ctrl_vcpu_getcontext(struct ctrl *c, domid_t domid, unsigned int vcpu,
			 vcpu_guest_context_t *ctxt);

/*
 * ctrl_vcpu_getinfo - XEN_DOMCTL_getvcpuinfo: online/blocked/running, CPU time (ns) and the
 * physical CPU of vCPU @vcpu. Returns 0, or -1 with errno EINVAL (no such vCPU).
 */
int ctrl_vcpu_getinfo(struct ctrl *c, domid_t domid, unsigned int vcpu,
		      struct xen_domctl_getvcpuinfo *info);

/*
 * ctrl_vcpu_setaffinity - XEN_DOMCTL_setvcpuaffinity: the physical CPUs vCPU @vcpu may use
 * (@hard) and prefers (@soft), as bitmaps of @nr_bits CPUs (bit n = byte n/8, bit n%8). Either
 * may be NULL to leave it alone (not both); on return each given map holds the affinity in
 * effect. Returns 0, or -1 with errno EINVAL (empty effective map, no such vCPU).
 */
int ctrl_vcpu_setaffinity(struct ctrl *c, domid_t domid, unsigned int vcpu, uint8_t *hard,
			  uint8_t *soft, unsigned int nr_bits);

/* ctrl_vcpu_getaffinity - XEN_DOMCTL_getvcpuaffinity: as set, into @hard/@soft (NULL: skip). */
int ctrl_vcpu_getaffinity(struct ctrl *c, domid_t domid, unsigned int vcpu, uint8_t *hard,
			  uint8_t *soft, unsigned int nr_bits);

/*
 * ctrl_domain_pageframeinfo - XEN_DOMCTL_getpageframeinfo3: on entry @frames[0..@num-1] are
 * gfns of @domid (MFNs for a PV domain); on return each holds its XEN_DOMCTL_PFINFO_* type
 * (L1TAB..L4TAB, LPINTAB when pinned, XTAB for no page). Returns 0 or -1 (EINVAL, E2BIG).
 */
int ctrl_domain_pageframeinfo(struct ctrl *c, domid_t domid, xen_pfn_t *frames,
			      unsigned int num);

/*
 * ctrl_sched_credit_get / ctrl_sched_credit_set - XEN_DOMCTL_scheduler_op getinfo/putinfo of
 * @domid's weight and cap, for scheduler @sched_id (XEN_SCHEDULER_CREDIT or CREDIT2, whose
 * parameters share a layout; ctrl_sched_id() tells which runs). set ignores a zero weight
 * (Xen's rule). Returns 0, or -1 with errno EINVAL (another scheduler, bad value), ESRCH.
 */
int ctrl_sched_credit_get(struct ctrl *c, domid_t domid, uint32_t sched_id,
			  struct xen_domctl_sched_credit *params);
int ctrl_sched_credit_set(struct ctrl *c, domid_t domid, uint32_t sched_id,
			  const struct xen_domctl_sched_credit *params);

/* ---- sysctl: the machine (sysctl.c) ---- */

/*
 * ctrl_domain_list - XEN_SYSCTL_getdomaininfolist: up to @max domains with ids from @first
 * up, in id order, into @infos. Returns how many were written, or -1 with errno.
 */
int ctrl_domain_list(struct ctrl *c, domid_t first, unsigned int max,
		     struct xen_domctl_getdomaininfo *infos);

/*
 * ctrl_domain_list_all - every domain, into a malloc'd array *@infos (free() it).
 * Returns the number of domains, or -1 with errno (ENOMEM, or the sysctl's error).
 */
int ctrl_domain_list_all(struct ctrl *c, struct xen_domctl_getdomaininfo **infos);

/* ctrl_physinfo - XEN_SYSCTL_physinfo into @info (CPUs, memory in pages). Returns 0 or -1. */
int ctrl_physinfo(struct ctrl *c, struct xen_sysctl_physinfo *info);

/* ctrl_sched_id - XEN_SYSCTL_sched_id: the default pool's XEN_SCHEDULER_* into *@sched_id. */
int ctrl_sched_id(struct ctrl *c, uint32_t *sched_id);

/* ctrl_readconsole flags */
#define CTRL_CONSOLE_CLEAR		(1U << 0)	/* empty the ring up to what was read */
#define CTRL_CONSOLE_INCREMENTAL	(1U << 1)	/* start at *index, not the oldest byte */

/*
 * ctrl_readconsole - XEN_SYSCTL_readconsole: copy up to *@count bytes of the hypervisor's
 * console ring into @buf (not NUL-terminated). *@index (may be NULL without INCREMENTAL) is
 * the ring position to start from with CTRL_CONSOLE_INCREMENTAL and receives the position
 * after the last byte read. *@count receives the bytes read (0: nothing new).
 * Returns 0 or -1 with errno.
 */
int ctrl_readconsole(struct ctrl *c, char *buf, uint32_t *count, uint32_t *index,
		     unsigned int flags);

/*
 * ctrl_debug_keys - XEN_SYSCTL_debug_keys: the hypervisor handles @nr_keys characters of
 * @keys as debug keys typed on its console; what they print lands in its console ring
 * (ctrl_readconsole). Unknown keys are ignored. Returns 0 or -1 with errno.
 */
int ctrl_debug_keys(struct ctrl *c, const char *keys, uint32_t nr_keys);

/* ---- memory_op, mmu_update and mmuext_op on a (foreign) domain (memory.c) ---- */

/*
 * ctrl_populate_physmap - XENMEM_populate_physmap for @domid: fill @nr extents of
 * 2^@order pages at the gfns in @frames[]; for a PV domain @frames[] receives the MFNs given
 * (and the M2P is set). @mem_flags: XENMEMF_*. Returns the number of extents done (fewer
 * than @nr when memory or the domain's max_mem ran out), or -1 with errno.
 */
long ctrl_populate_physmap(struct ctrl *c, domid_t domid, unsigned long nr, unsigned int order,
			   unsigned int mem_flags, xen_pfn_t *frames);

/*
 * ctrl_increase_reservation - XENMEM_increase_reservation for @domid: allocate @nr extents
 * of 2^@order pages outside its physmap; @frames[] receives their MFNs. Returns extents done
 * or -1.
 */
long ctrl_increase_reservation(struct ctrl *c, domid_t domid, unsigned long nr,
			       unsigned int order, unsigned int mem_flags, xen_pfn_t *frames);

/*
 * ctrl_decrease_reservation - XENMEM_decrease_reservation for @domid: release the @nr
 * extents of 2^@order pages at the gfns (MFNs for PV) in @frames[]. Returns extents done or -1.
 */
long ctrl_decrease_reservation(struct ctrl *c, domid_t domid, unsigned long nr,
			       unsigned int order, const xen_pfn_t *frames);

/* ctrl_current_reservation - XENMEM_current_reservation: pages @domid owns now, or -1. */
long ctrl_current_reservation(struct ctrl *c, domid_t domid);

/* ctrl_maximum_reservation - XENMEM_maximum_reservation: @domid's max_mem in pages, or -1. */
long ctrl_maximum_reservation(struct ctrl *c, domid_t domid);

/*
 * ctrl_mmu_update - mmu_update(@reqs, @count, &done, @foreign): page-table and M2P updates of
 * the pages of domain @foreign (DOMID_SELF for dom0's own). Requests are built with
 * ctrl_mmu_machphys() and ctrl_mmu_pt(). Returns 0 when all were done, or -1 with errno
 * (EINVAL, EPERM, ESRCH) and *@done (may be NULL) = requests completed before the failure.
 */
int ctrl_mmu_update(struct ctrl *c, domid_t foreign, const struct mmu_update *reqs,
		    unsigned int count, unsigned int *done);

/*
 * ctrl_mmuext_op - mmuext_op(@ops, @count, &done, @foreign). On another domain's frames Xen
 * pins and unpins page tables (ctrl_mmuext_pin(), ctrl_mmuext_unpin()); flushes, base
 * pointers and LDTs act on the caller alone and fail with EPERM for another domain (Xen
 * 4.17's do_mmuext_op). Returns 0 or -1 with errno and *@done as for ctrl_mmu_update.
 */
int ctrl_mmuext_op(struct ctrl *c, domid_t foreign, const struct mmuext_op *ops,
		   unsigned int count, unsigned int *done);

/* ---- event channels (evtchn.c) ---- */

/*
 * ctrl_evtchn_alloc_unbound - EVTCHNOP_alloc_unbound: a new port of domain @dom that
 * domain @remote may bind to; *@port receives it. Returns 0 or -1 (ESRCH, ENOSPC, EPERM).
 */
int ctrl_evtchn_alloc_unbound(struct ctrl *c, domid_t dom, domid_t remote, evtchn_port_t *port);

/*
 * ctrl_evtchn_close - EVTCHNOP_close of dom0's own @port (Xen closes only the caller's
 * ports; ports of a dying domain go with it). Ports bound through struct ctrl_evtchn are
 * closed with ctrl_evtchn_unbind() instead. Returns 0 or -1 (EINVAL: no such port).
 */
int ctrl_evtchn_close(struct ctrl *c, evtchn_port_t port);

/*
 * ctrl_evtchn_status - EVTCHNOP_status of <@dom, @port> into @status (EVTCHNSTAT_* and the
 * peer). Returns 0 or -1 (ESRCH: no such domain, EINVAL: no such port).
 */
int ctrl_evtchn_status(struct ctrl *c, domid_t dom, evtchn_port_t port,
		       struct evtchn_status *status);

struct ctrl_evtchn;

/*
 * ctrl_evtchn_open - open /dev/xen/evtchn: a set of dom0 ports whose events this process
 * reads. @nonblock: reads return at once (EAGAIN) instead of waiting. Returns the handle or
 * NULL with errno from open() (ENOENT: xen-evtchn not loaded).
 */
struct ctrl_evtchn *ctrl_evtchn_open(bool nonblock);

/* ctrl_evtchn_close_dev - close the device: Linux closes every port bound through it. */
void ctrl_evtchn_close_dev(struct ctrl_evtchn *e);

/* ctrl_evtchn_fd - the device's descriptor, readable (poll) when an event is pending. */
int ctrl_evtchn_fd(const struct ctrl_evtchn *e);

/*
 * Binding: each returns the new local port (>= 0), or -1 with errno = Xen's error (EINVAL,
 * EEXIST, ESRCH, EBUSY) or the driver's (EACCES when the handle is restricted).
 *	bind_virq		a global VIRQ_* of dom0 (VIRQ_DOM_EXC, VIRQ_CON_RING, ...)
 *	bind_interdomain	connect to unbound port @remote_port of @remote
 *	bind_unbound_port	a new dom0 port that @remote may connect to
 */
int ctrl_evtchn_bind_virq(struct ctrl_evtchn *e, unsigned int virq);
int ctrl_evtchn_bind_interdomain(struct ctrl_evtchn *e, domid_t remote, evtchn_port_t remote_port);
int ctrl_evtchn_bind_unbound_port(struct ctrl_evtchn *e, domid_t remote);

/* ctrl_evtchn_unbind - close @port of this handle. Returns 0 or -1 (ENOTCONN: not ours). */
int ctrl_evtchn_unbind(struct ctrl_evtchn *e, evtchn_port_t port);

/* ctrl_evtchn_notify - send an event on @port (to its peer). Returns 0 or -1 (ENOTCONN). */
int ctrl_evtchn_notify(struct ctrl_evtchn *e, evtchn_port_t port);

/*
 * ctrl_evtchn_pending - read up to @max ports that fired into @ports. Each stays masked until
 * ctrl_evtchn_unmask(). Returns the number read (waits for one unless non-blocking), or -1
 * with errno EAGAIN (non-blocking, none pending) or EFBIG (the driver's queue overflowed:
 * reset with ctrl_evtchn_reset()).
 */
int ctrl_evtchn_pending(struct ctrl_evtchn *e, evtchn_port_t *ports, unsigned int max);

/* ctrl_evtchn_unmask - let @port fire again (written to the device). Returns 0 or -1. */
int ctrl_evtchn_unmask(struct ctrl_evtchn *e, evtchn_port_t port);

/* ctrl_evtchn_reset - empty the queue of fired ports and clear an overflow. */
int ctrl_evtchn_reset(struct ctrl_evtchn *e);

/* ---- foreign mappings (foreign.c) and grant mappings (gntdev.c) ---- */

/*
 * ctrl_map_foreign - map @num frames of domain @domid (gfns in @frames; for a PV domain,
 * MFNs) at consecutive pages of a new region with protection @prot (PROT_READ/PROT_WRITE),
 * with IOCTL_PRIVCMD_MMAPBATCH_V2. @errs[i] receives 0, or Xen's error for frame i as a
 * negative number (-EINVAL: not the domain's, -ENOENT: paged out); a failed page faults on
 * access. Returns the region (unmap with ctrl_unmap_foreign) even when some frames failed,
 * or NULL with errno (EINVAL, ENOMEM, mmap's error) when nothing was mapped. With @errs
 * NULL, any failed frame fails the whole call (errno = that frame's error).
 */
void *ctrl_map_foreign(struct ctrl *c, domid_t domid, int prot, const xen_pfn_t *frames,
		       int *errs, unsigned int num);

/*
 * ctrl_map_resource - map frames [@first, @first + @num) of resource @type/@id of @domid
 * (XENMEM_resource_grant_table with XENMEM_resource_grant_table_id_shared: its grant table)
 * with IOCTL_PRIVCMD_MMAP_RESOURCE. Returns the region or NULL with errno (EOPNOTSUPP,
 * EINVAL, ESRCH).
 */
void *ctrl_map_resource(struct ctrl *c, domid_t domid, unsigned int type, unsigned int id,
			unsigned long first, unsigned long num, int prot);

/* ctrl_unmap_foreign - unmap a region of @num pages from ctrl_map_foreign/_resource. */
int ctrl_unmap_foreign(void *addr, unsigned long num);

struct ctrl_gntdev;

/* ctrl_gntdev_open - open /dev/xen/gntdev. Returns the handle or NULL with open()'s errno. */
struct ctrl_gntdev *ctrl_gntdev_open(void);

/* ctrl_gntdev_close - close the device (Linux unmaps what is still mapped). */
void ctrl_gntdev_close(struct ctrl_gntdev *g);

/*
 * ctrl_gntdev_map - map the @count grant references @refs of domain @domid at consecutive
 * pages with @prot (read-only grants need PROT_READ only). Returns the region, or NULL with
 * errno: EINVAL (bad grant: Xen's GNTST status is logged by Linux), ENOMEM, or mmap's error.
 */
void *ctrl_gntdev_map(struct ctrl_gntdev *g, domid_t domid, const grant_ref_t *refs,
		      unsigned int count, int prot);

/* ctrl_gntdev_unmap - unmap a region of @count pages from ctrl_gntdev_map. Returns 0 or -1. */
int ctrl_gntdev_unmap(struct ctrl_gntdev *g, void *addr, unsigned int count);

/* ---- xen_version and console_io (version.c) ---- */

/*
 * struct ctrl_version - what xen_version tells dom0 (`xl info`'s xen_* lines). Strings are
 * NUL-terminated.
 */
struct ctrl_version {
	unsigned int major, minor;
	xen_extraversion_t extra;		/* ".7", "-lamina" */
	xen_capabilities_info_t capabilities;	/* "xen-3.0-x86_64 hvm-3.0-x86_32 ..." */
	xen_changeset_info_t changeset;
	xen_commandline_t commandline;		/* the hypervisor's command line */
	struct xen_compile_info compile;
	unsigned long pagesize;			/* bytes */
	unsigned long virt_start;		/* start of the hypervisor's virtual area */
};

/*
 * ctrl_xen_version - xen_version(@cmd, @arg): @arg (may be NULL) is copied in and out as
 * @bytes. Returns the hypercall's result (the version for XENVER_version), or -1 with errno.
 */
long ctrl_xen_version(struct ctrl *c, unsigned int cmd, void *arg, size_t bytes);

/*
 * ctrl_version_get - every field of @v. The version, extraversion and capabilities must
 * answer; the others are left empty/0 when the hypervisor refuses them (EPERM/ENOSYS).
 * Returns 0 or -1 with errno.
 */
int ctrl_version_get(struct ctrl *c, struct ctrl_version *v);

/*
 * ctrl_console_read - console_io(CONSOLEIO_read): up to @bytes (at most a page) of hypervisor
 * console input (dom0 only; this takes the input away from dom0's hvc console). Returns the
 * number of bytes read (0: none waiting) or -1 with errno.
 */
long ctrl_console_read(struct ctrl *c, char *buf, size_t bytes);

#endif /* LIBCTRL_CTRL_H */
