/*
 * foreign.c - mapping another domain's frames into this process through privcmd: an mmap()
 * of the privcmd file reserves the virtual range, then an ioctl asks Linux to fill it
 * (drivers/xen/privcmd.c: MMAPBATCH_V2 wants a fresh, whole mapping; MMAP_RESOURCE
 * acquires a resource such as a grant table with XENMEM_acquire_resource).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <xen/sys/privcmd.h>

#include "libctrl/private.h"
#include "libctrl/xenerr.h"

/* A privcmd-backed range of @num pages, or NULL with errno. */
static void *privcmd_range(struct ctrl *c, unsigned long num, int prot)
{
	void *addr;

	if (!num) {
		errno = EINVAL;
		return NULL;
	}
	addr = mmap(NULL, num << CTRL_PAGE_SHIFT, prot, MAP_SHARED, c->privcmd_fd, 0);
	return addr == MAP_FAILED ? NULL : addr;
}

void *ctrl_map_foreign(struct ctrl *c, domid_t domid, int prot, const xen_pfn_t *frames,
		       int *errs, unsigned int num)
{
	int *own_errs = NULL;
	void *addr = privcmd_range(c, num, prot);
	unsigned int first;
	int rc;

	if (!addr)
		return NULL;
	if (!errs) {
		errs = own_errs = calloc(num, sizeof(*errs));
		if (!errs)
			goto fail;
	}
	struct privcmd_mmapbatch_v2 m = {
		.num = num, .dom = domid, .addr = (uintptr_t)addr, .arr = frames, .err = errs
	};
	/* ENOENT: every failure was a paged-out frame, still reported per frame. */
	rc = ioctl(c->privcmd_fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &m);
	if (rc < 0 && errno != ENOENT)
		goto fail;
	if (own_errs && ctrl_batch_errors(own_errs, num, &first)) {
		/* No array to report in: any failed frame fails the call. */
		errno = -own_errs[first];
		goto fail;
	}
	free(own_errs);
	return addr;
fail:;
	int err = errno;

	free(own_errs);
	munmap(addr, (size_t)num << CTRL_PAGE_SHIFT);
	errno = err;
	return NULL;
}

void *ctrl_map_resource(struct ctrl *c, domid_t domid, unsigned int type, unsigned int id,
			unsigned long first, unsigned long num, int prot)
{
	void *addr = privcmd_range(c, num, prot);

	if (!addr)
		return NULL;
	struct privcmd_mmap_resource m = {
		.dom = domid, .type = type, .id = id, .idx = first, .num = num,
		.addr = (uintptr_t)addr,
	};
	if (ioctl(c->privcmd_fd, IOCTL_PRIVCMD_MMAP_RESOURCE, &m) < 0) {
		int err = errno;

		munmap(addr, num << CTRL_PAGE_SHIFT);
		errno = err;
		return NULL;
	}
	return addr;
}

int ctrl_unmap_foreign(void *addr, unsigned long num)
{
	return munmap(addr, num << CTRL_PAGE_SHIFT);
}
