/*
 * gntdev.c - mapping pages other domains grant, through /dev/xen/gntdev: the grants are
 * recorded with an ioctl that returns a file offset, and an mmap() of that offset maps
 * them (Linux's drivers/xen/gntdev.c issues GNTTABOP_map_grant_ref then).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen/sys/gntdev.h>

#include "libctrl/ctrl.h"

struct ctrl_gntdev {
	int fd;
};

struct ctrl_gntdev *ctrl_gntdev_open(void)
{
	struct ctrl_gntdev *g = malloc(sizeof(*g));

	if (!g)
		return NULL;
	g->fd = open(CTRL_GNTDEV_PATH, O_RDWR | O_CLOEXEC);
	if (g->fd < 0) {
		int err = errno;

		free(g);
		errno = err;
		return NULL;
	}
	return g;
}

void ctrl_gntdev_close(struct ctrl_gntdev *g)
{
	if (!g)
		return;
	close(g->fd);
	free(g);
}

/* Forget @count grants recorded at file offset @index. */
static int forget_grants(struct ctrl_gntdev *g, uint64_t index, unsigned int count)
{
	struct ioctl_gntdev_unmap_grant_ref u = { .index = index, .count = count };

	return ioctl(g->fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u) < 0 ? -1 : 0;
}

void *ctrl_gntdev_map(struct ctrl_gntdev *g, domid_t domid, const grant_ref_t *refs,
		      unsigned int count, int prot)
{
	struct ioctl_gntdev_map_grant_ref *m;
	void *addr = NULL;
	int err;

	if (!count) {
		errno = EINVAL;
		return NULL;
	}
	/* The struct ends in refs[1]: room for count - 1 more. */
	m = calloc(1, sizeof(*m) + (count - 1) * sizeof(m->refs[0]));
	if (!m)
		return NULL;
	m->count = count;
	for (unsigned int i = 0; i < count; i++) {
		m->refs[i].domid = domid;
		m->refs[i].ref = refs[i];
	}
	if (ioctl(g->fd, IOCTL_GNTDEV_MAP_GRANT_REF, m) < 0)
		goto out;
	addr = mmap(NULL, (size_t)count << CTRL_PAGE_SHIFT, prot, MAP_SHARED, g->fd,
		    (off_t)m->index);
	if (addr == MAP_FAILED) {
		addr = NULL;
		err = errno;
		forget_grants(g, m->index, count);
		errno = err;
	}
out:
	err = errno;
	free(m);
	errno = err;
	return addr;
}

int ctrl_gntdev_unmap(struct ctrl_gntdev *g, void *addr, unsigned int count)
{
	struct ioctl_gntdev_get_offset_for_vaddr q = { .vaddr = (uintptr_t)addr };

	/* Find the grants' offset first: after munmap() the address means nothing. */
	if (ioctl(g->fd, IOCTL_GNTDEV_GET_OFFSET_FOR_VADDR, &q) < 0)
		return -1;
	if (munmap(addr, (size_t)count << CTRL_PAGE_SHIFT))
		return -1;
	return forget_grants(g, q.offset, q.count);
}
