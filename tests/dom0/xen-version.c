/*
 * xen-version.c - ask the hypervisor its version from dom0 user space with a
 * hypercall through /dev/xen/privcmd (IOCTL_PRIVCMD_HYPERCALL), as the
 * toolstack does. Prints "xen_version: <major>.<minor><extraversion>" and
 * exits 0, or says what failed and exits 1.
 *
 * The ioctl and its argument are Linux's (include/uapi/xen/privcmd.h):
 * struct privcmd_hypercall { __u64 op; __u64 arg[5]; }, command
 * _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall)). The hypercall
 * numbers are Xen's (guest-abi/include/xen).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <xen/xen.h>
#include <xen/version.h>

struct privcmd_hypercall {
	uint64_t op;
	uint64_t arg[5];
};

#define IOCTL_PRIVCMD_HYPERCALL _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

static long hypercall(int fd, uint64_t op, uint64_t a1, uint64_t a2)
{
	struct privcmd_hypercall h = { .op = op, .arg = { a1, a2 } };

	return ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &h);
}

int main(void)
{
	xen_extraversion_t extra;
	int fd = open("/dev/xen/privcmd", O_RDWR);

	if (fd < 0) {
		fprintf(stderr, "xen-version: /dev/xen/privcmd: %s\n", strerror(errno));
		return 1;
	}
	long v = hypercall(fd, __HYPERVISOR_xen_version, XENVER_version, 0);
	if (v < 0) {
		fprintf(stderr, "xen-version: XENVER_version: %s\n", strerror(errno));
		return 1;
	}
	memset(extra, 0, sizeof(extra));
	if (hypercall(fd, __HYPERVISOR_xen_version, XENVER_extraversion, (uintptr_t)extra) < 0) {
		fprintf(stderr, "xen-version: XENVER_extraversion: %s\n", strerror(errno));
		return 1;
	}
	extra[sizeof(extra) - 1] = '\0';
	printf("xen_version: %ld.%ld%s\n", v >> 16, v & 0xffff, extra);
	return 0;
}
