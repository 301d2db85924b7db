/*
 * xen/sys/evtchn.h - dom0's /dev/xen/evtchn device: ioctl numbers and
 * argument layouts (Linux's include/uapi/xen/evtchn.h, Linux 6.1).
 *
 * Each open file holds a set of event-channel ports. read() returns the
 * ports that fired, as unsigned 32-bit integers; such a port stays masked
 * until its number is written back with write(). The bind ioctls return
 * the new local port (>= 0) or -1 with errno (minus Xen's error).
 */
#ifndef XEN_SYS_EVTCHN_H
#define XEN_SYS_EVTCHN_H

#include <stdint.h>
#include <sys/ioctl.h>
#include <xen/xen.h>

/* Bind a new port to virtual IRQ @virq (VIRQ_*, xen/xen.h). */
struct ioctl_evtchn_bind_virq {
	unsigned int virq;
};
#define IOCTL_EVTCHN_BIND_VIRQ _IOC(_IOC_NONE, 'E', 0, sizeof(struct ioctl_evtchn_bind_virq))

/* Bind a new port to port @remote_port of domain @remote_domain. */
struct ioctl_evtchn_bind_interdomain {
	unsigned int remote_domain, remote_port;
};
#define IOCTL_EVTCHN_BIND_INTERDOMAIN \
	_IOC(_IOC_NONE, 'E', 1, sizeof(struct ioctl_evtchn_bind_interdomain))

/* Allocate a new unbound port that domain @remote_domain may bind to. */
struct ioctl_evtchn_bind_unbound_port {
	unsigned int remote_domain;
};
#define IOCTL_EVTCHN_BIND_UNBOUND_PORT \
	_IOC(_IOC_NONE, 'E', 2, sizeof(struct ioctl_evtchn_bind_unbound_port))

/* Close port @port of this file. */
struct ioctl_evtchn_unbind {
	unsigned int port;
};
#define IOCTL_EVTCHN_UNBIND _IOC(_IOC_NONE, 'E', 3, sizeof(struct ioctl_evtchn_unbind))

/* Signal port @port of this file (EVTCHNOP_send). */
struct ioctl_evtchn_notify {
	unsigned int port;
};
#define IOCTL_EVTCHN_NOTIFY _IOC(_IOC_NONE, 'E', 4, sizeof(struct ioctl_evtchn_notify))

/* Empty the queue of fired ports and clear an overflow. */
#define IOCTL_EVTCHN_RESET _IOC(_IOC_NONE, 'E', 5, 0)

/* From now on, this file may bind interdomain ports of @domid only. */
struct ioctl_evtchn_restrict_domid {
	domid_t domid;
};
#define IOCTL_EVTCHN_RESTRICT_DOMID \
	_IOC(_IOC_NONE, 'E', 6, sizeof(struct ioctl_evtchn_restrict_domid))

#endif /* XEN_SYS_EVTCHN_H */
