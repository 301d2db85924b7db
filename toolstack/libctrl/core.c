/*
 * core.c - the control handle: opening privcmd, memory for hypercall arguments, issuing
 * hypercalls, domctl and sysctl.
 *
 * Why special memory: Xen reads and writes hypercall arguments through dom0's page tables
 * while the hypercall runs; a page the kernel has swapped out, or is migrating, makes the
 * hypercall fail with EFAULT. Linux 4.18+ offers /dev/xen/hypercall, whose mmap() gives
 * kernel-owned pages that never move (drivers/xen/privcmd-buf.c); older kernels get
 * anonymous pages that are mlock'd and kept out of children (MADV_DONTFORK, so a fork's
 * copy-on-write cannot move the parent's copy), as Xen's libxencall does.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen/sys/privcmd.h>

#include "libctrl/private.h"

static size_t page_round(size_t bytes)
{
	return (bytes + CTRL_PAGE_BYTES - 1) & ~(CTRL_PAGE_BYTES - 1);
}

struct ctrl *ctrl_open(void)
{
	struct ctrl *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->hcbuf_fd = -1;
	c->privcmd_fd = open(CTRL_PRIVCMD_PATH, O_RDWR | O_CLOEXEC);
	if (c->privcmd_fd < 0)
		goto fail;
	/* Optional: older kernels lack it (ENOENT); any error means "use mlock". */
	c->hcbuf_fd = open(CTRL_HCBUF_PATH, O_RDWR | O_CLOEXEC);
	c->arg = ctrl_buf_alloc(c, CTRL_PAGE_BYTES);
	if (!c->arg)
		goto fail;
	return c;
fail:;
	int err = errno;

	ctrl_close(c);
	errno = err;
	return NULL;
}

void ctrl_close(struct ctrl *c)
{
	if (!c)
		return;
	ctrl_buf_free(c, c->arg, CTRL_PAGE_BYTES);
	if (c->hcbuf_fd >= 0)
		close(c->hcbuf_fd);
	if (c->privcmd_fd >= 0)
		close(c->privcmd_fd);
	free(c);
}

int ctrl_privcmd_fd(const struct ctrl *c)
{
	return c->privcmd_fd;
}

bool ctrl_uses_hcbuf(const struct ctrl *c)
{
	return c->hcbuf_fd >= 0;
}

static void *locked_alloc(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	if (mlock(p, bytes) || madvise(p, bytes, MADV_DONTFORK)) {
		int err = errno;

		munmap(p, bytes);
		errno = err;
		return NULL;
	}
	return p;
}

void *ctrl_buf_alloc(struct ctrl *c, size_t bytes)
{
	void *p;

	bytes = page_round(bytes ? bytes : 1);
	if (c->hcbuf_fd < 0)
		return locked_alloc(bytes);
	/* privcmd-buf insists on MAP_SHARED; its pages arrive zeroed. */
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, c->hcbuf_fd, 0);
	return p == MAP_FAILED ? NULL : p;
}

void ctrl_buf_free(struct ctrl *c, void *buf, size_t bytes)
{
	if (buf)
		munmap(buf, page_round(bytes ? bytes : 1));
}

int bounce_pre(struct ctrl *c, struct bounce *b, void *user, size_t bytes, enum bounce_dir dir)
{
	b->user = user;
	b->bytes = bytes;
	b->dir = dir;
	b->hc = NULL;
	if (!user)
		return 0;
	b->hc = ctrl_buf_alloc(c, bytes);
	if (!b->hc)
		return -1;
	if (dir & BOUNCE_IN)
		memcpy(b->hc, user, bytes);
	return 0;
}

void bounce_post(struct ctrl *c, struct bounce *b)
{
	int err = errno;

	if (!b->hc)
		return;
	if (b->dir & BOUNCE_OUT)
		memcpy(b->user, b->hc, b->bytes);
	ctrl_buf_free(c, b->hc, b->bytes);
	b->hc = NULL;
	errno = err;
}

long ctrl_hypercall(struct ctrl *c, unsigned int op, uint64_t a1, uint64_t a2, uint64_t a3,
		    uint64_t a4, uint64_t a5)
{
	struct privcmd_hypercall h = { .op = op, .arg = { a1, a2, a3, a4, a5 } };

	/* privcmd returns the hypercall's result, or -1 with errno = -(Xen's error). */
	return ioctl(c->privcmd_fd, IOCTL_PRIVCMD_HYPERCALL, &h);
}

/*
 * page_call - run hypercall @op with @arg (@bytes) copied through the argument page, whose
 * address goes in argument 1 (@arg_first) or argument 2 after @cmd; copied back afterwards,
 * also on failure (Xen may have written results before failing).
 */
static long page_call(struct ctrl *c, unsigned int op, bool arg_first, uint64_t cmd, void *arg,
		      size_t bytes)
{
	uint64_t page = arg ? (uintptr_t)c->arg : 0;
	long rc;

	if (bytes > CTRL_PAGE_BYTES) {
		errno = EINVAL;
		return -1;
	}
	if (arg)
		memcpy(c->arg, arg, bytes);
	if (arg_first)
		rc = ctrl_hypercall(c, op, page, 0, 0, 0, 0);
	else
		rc = ctrl_hypercall(c, op, cmd, page, 0, 0, 0);
	if (arg) {
		int err = errno;

		memcpy(arg, c->arg, bytes);
		errno = err;
	}
	return rc;
}

long hypercall_arg(struct ctrl *c, unsigned int op, uint64_t cmd, void *arg, size_t bytes)
{
	return page_call(c, op, false, cmd, arg, bytes);
}

int ctrl_domctl(struct ctrl *c, struct xen_domctl *op)
{
	op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	return page_call(c, __HYPERVISOR_domctl, true, 0, op, sizeof(*op)) < 0 ? -1 : 0;
}

int ctrl_sysctl(struct ctrl *c, struct xen_sysctl *op)
{
	op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
	return page_call(c, __HYPERVISOR_sysctl, true, 0, op, sizeof(*op)) < 0 ? -1 : 0;
}
