/*
 * platform.h - lamina-stored on dom0's Linux: the machine behind struct stored_ops, the Unix
 * socket server, and the main loop. Everything here is a thin layer of system calls around
 * the core (stored.h):
 *  - event channels through /dev/xen/evtchn (bind, notify, unbind; fired ports are read and
 *    written back to unmask them);
 *  - a guest's ring page through /dev/xen/gntdev (grant reference GNTTAB_RESERVED_XENSTORE of
 *    that domain), else a privcmd foreign mapping of the frame XS_INTRODUCE named; dom0's own
 *    page is the one xenfs offers in /proc/xen/xsd_kva (its port in /proc/xen/xsd_port);
 *  - the hypervisor's view of a domain: sysctl getdomaininfolist through IOCTL_PRIVCMD_HYPERCALL
 *    with an mlock'd buffer;
 *  - VIRQ_DOM_EXC, on which the core checks which domains died.
 * Xen's own xenstored does the same through libxenctrl, libxenevtchn and libxengnttab.
 */
#ifndef STORED_PLATFORM_H
#define STORED_PLATFORM_H

#include <stdbool.h>
#include <stdio.h>

#include "stored/stored.h"

/* Xen 4.17's run directory and dom0 xenfs files (tools/xenstore/xenstored_posix.c). */
#define STORED_RUNDIR "/var/run/xenstored"
#define STORED_XSD_PORT "/proc/xen/xsd_port"
#define STORED_XSD_KVA "/proc/xen/xsd_kva"

struct stored_platform;

/*
 * stored_platform_new - open what dom0 offers (/dev/xen/evtchn, gntdev, privcmd; a missing
 * device only disables what needs it), log to @log (NULL: nowhere), and fill @ops with the
 * platform's operations. Returns NULL when out of memory.
 */
struct stored_platform *stored_platform_new(FILE *log, struct stored_ops *ops);

/* stored_platform_free - close everything (the core must be freed first). */
void stored_platform_free(struct stored_platform *p);

/*
 * stored_platform_listen - serve the Unix socket at @path (made 0600; an old one is replaced).
 * Returns 0 or -errno.
 */
int stored_platform_listen(struct stored_platform *p, const char *path);

/*
 * stored_platform_dom0 - introduce dom0 to core @s through xenfs (STORED_XSD_PORT and
 * STORED_XSD_KVA), as Xen's dom0_init(). Returns 0 or -errno.
 */
int stored_platform_dom0(struct stored_platform *p, struct stored *s);

/*
 * stored_platform_watch_domains - bind VIRQ_DOM_EXC so that the loop checks domains when one
 * changes state. Returns 0 or -errno.
 */
int stored_platform_watch_domains(struct stored_platform *p);

/*
 * stored_platform_run - the main loop: accept socket connections, read and write them, take
 * fired event channels, serve the rings. Returns only on a fatal poll() error (-errno).
 */
int stored_platform_run(struct stored_platform *p, struct stored *s);

#endif /* STORED_PLATFORM_H */
