/*
 * libctrl/marshal.h - building hypercall requests: pure functions (no system calls) that
 * fill Xen's argument structures, so the unit tests check every field that goes to the
 * hypervisor. The syscall layer (core.c, domctl.c, ...) only adds buffers and the ioctl.
 *
 * Layouts: guest-abi/include/xen/{domctl,sysctl,memory,xen}.h (Xen 4.17).
 */
#ifndef LIBCTRL_MARSHAL_H
#define LIBCTRL_MARSHAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>
#include <xen/memory.h>

/*
 * ctrl_domctl_prepare - zero @op and set its command @cmd, @domid and interface version
 * (XEN_DOMCTL_INTERFACE_VERSION: Xen refuses any other with EACCES).
 */
void ctrl_domctl_prepare(struct xen_domctl *op, uint32_t cmd, domid_t domid);

/* ctrl_sysctl_prepare - zero @op, set @cmd and XEN_SYSCTL_INTERFACE_VERSION. */
void ctrl_sysctl_prepare(struct xen_sysctl *op, uint32_t cmd);

/* Defaults of a PV domain as xl creates one (libxl's defaults in Xen 4.17). */
#define CTRL_PV_MAX_EVTCHN_PORT	1023	/* xl's event_channels default */
#define CTRL_PV_GRANT_VERSION	1	/* grant table v1, what PV frontends use */

/*
 * ctrl_createdomain_pv - fill @cfg for a PV domain with @max_vcpus vCPUs: no flags, 1023
 * event channels, the hypervisor's default grant and maptrack frames (-1), grant version 1,
 * no emulated devices, the default CPU pool, a zero handle.
 */
void ctrl_createdomain_pv(struct xen_domctl_createdomain *cfg, unsigned int max_vcpus);

/*
 * ctrl_reservation_prepare - fill @r for XENMEM_{increase,decrease}_reservation and
 * populate_physmap of @domid: @nr extents of 2^@order pages listed in @frames (which must be
 * hypercall memory), with XENMEMF_* @mem_flags.
 */
void ctrl_reservation_prepare(struct xen_memory_reservation *r, domid_t domid, xen_pfn_t *frames,
			      unsigned long nr, unsigned int order, unsigned int mem_flags);

/*
 * ctrl_readconsole_prepare - fill @op for XEN_SYSCTL_readconsole into @buf (hypercall memory)
 * of @count bytes; CTRL_CONSOLE_* @flags (ctrl.h). @index is where an incremental read starts
 * (ignored without CTRL_CONSOLE_INCREMENTAL).
 */
void ctrl_readconsole_prepare(struct xen_sysctl *op, char *buf, uint32_t count, uint32_t index,
			      unsigned int flags);

/*
 * ctrl_vcpuaffinity_prepare - fill @op for XEN_DOMCTL_{set,get}vcpuaffinity (@cmd) of vCPU
 * @vcpu: XEN_VCPUAFFINITY_HARD with a non-NULL @hard, _SOFT with a non-NULL @soft, each map
 * @nr_bits wide (hypercall memory).
 */
void ctrl_vcpuaffinity_prepare(struct xen_domctl *op, uint32_t cmd, domid_t domid,
			       unsigned int vcpu, uint8_t *hard, uint8_t *soft,
			       unsigned int nr_bits);

/*
 * ctrl_sched_credit_prepare - fill @op for XEN_DOMCTL_scheduler_op @sched_cmd
 * (XEN_DOMCTL_SCHEDOP_getinfo/putinfo) with scheduler @sched_id and, for putinfo, @params.
 * Returns 0, or -1 with errno EINVAL when @sched_id is neither credit nor credit2 (the only
 * schedulers whose parameters are weight and cap).
 */
int ctrl_sched_credit_prepare(struct xen_domctl *op, domid_t domid, uint32_t sched_id,
			      uint32_t sched_cmd, const struct xen_domctl_sched_credit *params);

/* ctrl_bitmap_bytes - bytes of a CPU bitmap of @nr_bits bits (xenctl_bitmap's rule). */
size_t ctrl_bitmap_bytes(unsigned int nr_bits);

/*
 * ctrl_mmu_machphys - an mmu_update request setting the M2P entry of machine frame @mfn to
 * @pfn (MMU_MACHPHYS_UPDATE: the frame's address with the command in bits 1:0).
 */
struct mmu_update ctrl_mmu_machphys(xen_pfn_t mfn, xen_pfn_t pfn);

/*
 * ctrl_mmu_pt - an mmu_update request writing @val into the page-table entry at machine
 * address @pte_maddr (MMU_NORMAL_PT_UPDATE; @pte_maddr must be 8-byte aligned).
 */
struct mmu_update ctrl_mmu_pt(uint64_t pte_maddr, uint64_t val);

/*
 * ctrl_mmuext_pin - fill @op to pin machine frame @mfn as a page table of @level (1..4:
 * MMUEXT_PIN_L1_TABLE..MMUEXT_PIN_L4_TABLE). Returns 0, or -1 with errno EINVAL for
 * another level.
 */
int ctrl_mmuext_pin(struct mmuext_op *op, unsigned int level, xen_pfn_t mfn);

/* ctrl_mmuext_unpin - an MMUEXT_UNPIN_TABLE request for @mfn. */
struct mmuext_op ctrl_mmuext_unpin(xen_pfn_t mfn);

/* A UUID as text: 8-4-4-4-12 hex digits, lower case, without the NUL. */
#define CTRL_UUID_STRLEN 36

/* ctrl_uuid_format - @handle as a UUID string into @out (CTRL_UUID_STRLEN + 1 bytes). */
void ctrl_uuid_format(const xen_domain_handle_t handle, char *out);

/*
 * ctrl_uuid_parse - parse the UUID string @s (either case, with the four dashes) into
 * @handle. Returns 0, or -1 with errno EINVAL (and @handle untouched).
 */
int ctrl_uuid_parse(const char *s, xen_domain_handle_t handle);

#endif /* LIBCTRL_MARSHAL_H */
