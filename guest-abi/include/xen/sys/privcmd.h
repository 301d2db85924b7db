/*
 * xen/sys/privcmd.h - dom0's /dev/xen/privcmd device: ioctl numbers and
 * argument layouts.
 *
 * This is Linux's user-space interface (include/uapi/xen/privcmd.h in Linux
 * 6.1; Xen ships the same layouts as tools/include/xen-sys/Linux/privcmd.h),
 * not a hypervisor interface: the toolstack issues hypercalls and maps
 * foreign frames through it. Layouts are for x86-64 user space.
 */
#ifndef XEN_SYS_PRIVCMD_H
#define XEN_SYS_PRIVCMD_H

#include <stdint.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <xen/xen.h>

/*
 * IOCTL_PRIVCMD_HYPERCALL: issue hypercall @op with up to five arguments.
 * Pointer arguments must point into memory the kernel will not page out
 * while the hypercall runs (mlock'd, or buffers from /dev/xen/hypercall).
 * The ioctl returns the hypercall's result: >= 0, or -1 with errno set to
 * minus Xen's error value.
 */
struct privcmd_hypercall {
	uint64_t op;     /* __HYPERVISOR_* number */
	uint64_t arg[5]; /* rdi, rsi, rdx, r10, r8 */
};

/* One range of IOCTL_PRIVCMD_MMAP: @npages frames from @mfn at @va. */
struct privcmd_mmap_entry {
	uint64_t va;     /* user virtual address, page aligned */
	uint64_t mfn;    /* first frame (a GFN of the target domain) */
	uint64_t npages; /* number of 4 KiB pages */
};

/* IOCTL_PRIVCMD_MMAP: map @num ranges of domain @dom's frames. */
struct privcmd_mmap {
	int num;
	domid_t dom;
	struct privcmd_mmap_entry *entry;
};

/*
 * IOCTL_PRIVCMD_MMAPBATCH (v1): map @num frames of @dom at @addr; a failed
 * frame is reported by or-ing an error marker into its @arr entry.
 */
struct privcmd_mmapbatch {
	int num;
	domid_t dom;
	uint64_t addr;
	xen_pfn_t *arr;
};
#define PRIVCMD_MMAPBATCH_MFN_ERROR   0xf0000000U
#define PRIVCMD_MMAPBATCH_PAGED_ERROR 0x80000000U

/*
 * IOCTL_PRIVCMD_MMAPBATCH_V2: map @num frames of domain @dom, listed by GFN
 * in @arr, at consecutive pages from @addr (which must lie in a VMA made by
 * mmap() of the privcmd file). @err[i] receives 0 or minus Xen's error for
 * frame i. Returns 0 when every frame was tried (check @err), -1 with errno
 * otherwise; -1/ENOENT when the only failures were -ENOENT (paged out).
 */
struct privcmd_mmapbatch_v2 {
	unsigned int num;
	domid_t dom;
	uint64_t addr;
	const xen_pfn_t *arr;
	int *err;
};

/* One buffer of IOCTL_PRIVCMD_DM_OP. */
struct privcmd_dm_op_buf {
	void *uptr;
	size_t size;
};

/* IOCTL_PRIVCMD_DM_OP: a device-model operation on HVM domain @dom. */
struct privcmd_dm_op {
	domid_t dom;
	uint16_t num;
	const struct privcmd_dm_op_buf *ubufs;
};

/*
 * IOCTL_PRIVCMD_MMAP_RESOURCE: map @num frames of resource @type/@id of
 * domain @dom from frame @idx at @addr (XENMEM_acquire_resource).
 */
struct privcmd_mmap_resource {
	domid_t dom;
	uint32_t type;
	uint32_t id;
	uint32_t idx;
	uint64_t num;
	uint64_t addr;
};

#define IOCTL_PRIVCMD_HYPERCALL     _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))
#define IOCTL_PRIVCMD_MMAP          _IOC(_IOC_NONE, 'P', 2, sizeof(struct privcmd_mmap))
#define IOCTL_PRIVCMD_MMAPBATCH     _IOC(_IOC_NONE, 'P', 3, sizeof(struct privcmd_mmapbatch))
#define IOCTL_PRIVCMD_MMAPBATCH_V2  _IOC(_IOC_NONE, 'P', 4, sizeof(struct privcmd_mmapbatch_v2))
#define IOCTL_PRIVCMD_DM_OP         _IOC(_IOC_NONE, 'P', 5, sizeof(struct privcmd_dm_op))
/* Restrict this file descriptor to one domain (argument: a domid_t). */
#define IOCTL_PRIVCMD_RESTRICT      _IOC(_IOC_NONE, 'P', 6, sizeof(domid_t))
#define IOCTL_PRIVCMD_MMAP_RESOURCE _IOC(_IOC_NONE, 'P', 7, sizeof(struct privcmd_mmap_resource))

#endif /* XEN_SYS_PRIVCMD_H */
