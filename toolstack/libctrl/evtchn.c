/*
 * evtchn.c - event channels: EVTCHNOP_* on any domain through privcmd, and dom0's own ports
 * through /dev/xen/evtchn (Linux's drivers/xen/evtchn.c: read() returns fired ports, each
 * masked until written back).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <xen/sys/evtchn.h>

#include "libctrl/private.h"

static long evtchn_op(struct ctrl *c, unsigned int cmd, void *arg, size_t bytes)
{
	return hypercall_arg(c, __HYPERVISOR_event_channel_op, cmd, arg, bytes);
}

int ctrl_evtchn_alloc_unbound(struct ctrl *c, domid_t dom, domid_t remote, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote };

	if (evtchn_op(c, EVTCHNOP_alloc_unbound, &a, sizeof(a)) < 0)
		return -1;
	*port = a.port;
	return 0;
}

int ctrl_evtchn_close(struct ctrl *c, evtchn_port_t port)
{
	struct evtchn_close a = { .port = port };

	return evtchn_op(c, EVTCHNOP_close, &a, sizeof(a)) < 0 ? -1 : 0;
}

int ctrl_evtchn_status(struct ctrl *c, domid_t dom, evtchn_port_t port,
		       struct evtchn_status *status)
{
	struct evtchn_status s = { .dom = dom, .port = port };

	if (evtchn_op(c, EVTCHNOP_status, &s, sizeof(s)) < 0)
		return -1;
	*status = s;
	return 0;
}

struct ctrl_evtchn {
	int fd;
};

struct ctrl_evtchn *ctrl_evtchn_open(bool nonblock)
{
	struct ctrl_evtchn *e = malloc(sizeof(*e));

	if (!e)
		return NULL;
	e->fd = open(CTRL_EVTCHN_PATH, O_RDWR | O_CLOEXEC | (nonblock ? O_NONBLOCK : 0));
	if (e->fd < 0) {
		int err = errno;

		free(e);
		errno = err;
		return NULL;
	}
	return e;
}

void ctrl_evtchn_close_dev(struct ctrl_evtchn *e)
{
	if (!e)
		return;
	close(e->fd);
	free(e);
}

int ctrl_evtchn_fd(const struct ctrl_evtchn *e)
{
	return e->fd;
}

int ctrl_evtchn_bind_virq(struct ctrl_evtchn *e, unsigned int virq)
{
	struct ioctl_evtchn_bind_virq a = { .virq = virq };

	return ioctl(e->fd, IOCTL_EVTCHN_BIND_VIRQ, &a);
}

int ctrl_evtchn_bind_interdomain(struct ctrl_evtchn *e, domid_t remote, evtchn_port_t remote_port)
{
	struct ioctl_evtchn_bind_interdomain a = { .remote_domain = remote,
						   .remote_port = remote_port };

	return ioctl(e->fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &a);
}

int ctrl_evtchn_bind_unbound_port(struct ctrl_evtchn *e, domid_t remote)
{
	struct ioctl_evtchn_bind_unbound_port a = { .remote_domain = remote };

	return ioctl(e->fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &a);
}

int ctrl_evtchn_unbind(struct ctrl_evtchn *e, evtchn_port_t port)
{
	struct ioctl_evtchn_unbind a = { .port = port };

	return ioctl(e->fd, IOCTL_EVTCHN_UNBIND, &a) < 0 ? -1 : 0;
}

int ctrl_evtchn_notify(struct ctrl_evtchn *e, evtchn_port_t port)
{
	struct ioctl_evtchn_notify a = { .port = port };

	return ioctl(e->fd, IOCTL_EVTCHN_NOTIFY, &a) < 0 ? -1 : 0;
}

int ctrl_evtchn_pending(struct ctrl_evtchn *e, evtchn_port_t *ports, unsigned int max)
{
	ssize_t n = read(e->fd, ports, (size_t)max * sizeof(*ports));

	return n < 0 ? -1 : (int)(n / sizeof(*ports));
}

int ctrl_evtchn_unmask(struct ctrl_evtchn *e, evtchn_port_t port)
{
	return write(e->fd, &port, sizeof(port)) == sizeof(port) ? 0 : -1;
}

int ctrl_evtchn_reset(struct ctrl_evtchn *e)
{
	return ioctl(e->fd, IOCTL_EVTCHN_RESET, 0) < 0 ? -1 : 0;
}
