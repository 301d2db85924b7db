/*
 * xen/sched.h - sched_op hypercall: yielding, blocking, polling and shutting down.
 *
 * Matches Xen's public xen/include/public/sched.h. sched_op(cmd, arg) takes a SCHEDOP_*
 * command and the structure named with it (or NULL).
 */
#ifndef XEN_ABI_SCHED_H
#define XEN_ABI_SCHED_H

#include "event_channel.h"

/*
 * Sub-ops.
 *
 * SCHEDOP_block re-enables event delivery (clears the vCPU's upcall mask) and checks for
 * pending events atomically before sleeping, so a wake-up cannot be lost.
 *
 * SCHEDOP_shutdown with SHUTDOWN_suspend: an x86 PV guest also passes the MFN of its
 * start_info page as the third argument (RDX). The call returns 1 when the guest carries on in
 * the same domain (suspend cancelled, or just a checkpoint taken) and 0 when it resumes in a
 * new domain.
 */
#define SCHEDOP_yield			0	/* NULL: give up the physical CPU */
#define SCHEDOP_block			1	/* NULL: sleep until an event is pending */
#define SCHEDOP_shutdown		2	/* struct sched_shutdown: stop the whole domain */
#define SCHEDOP_poll			3	/* struct sched_poll */
#define SCHEDOP_remote_shutdown		4	/* struct sched_remote_shutdown */
#define SCHEDOP_shutdown_code		5	/* struct sched_shutdown: record, don't stop */
#define SCHEDOP_watchdog		6	/* struct sched_watchdog */
#define SCHEDOP_pin_override		7	/* struct sched_pin_override (hardware domain) */

/* Shutdown reasons, passed on to the toolstack. */
#define SHUTDOWN_poweroff		0	/* halt and destroy */
#define SHUTDOWN_reboot			1	/* destroy and restart */
#define SHUTDOWN_suspend		2	/* save state, then destroy */
#define SHUTDOWN_crash			3	/* the guest crashed */
#define SHUTDOWN_watchdog		4	/* a domain watchdog expired */
#define SHUTDOWN_soft_reset		5	/* reset hypervisor state, keep memory and vCPUs */
#define SHUTDOWN_MAX			5	/* highest valid reason */

#ifndef __ASSEMBLER__

/*
 * struct sched_shutdown - SCHEDOP_shutdown and SCHEDOP_shutdown_code.
 */
struct sched_shutdown {
	unsigned int reason;	/* SHUTDOWN_* */
};
typedef struct sched_shutdown sched_shutdown_t;
XEN_ABI_SIZE(struct sched_shutdown, 4);

/*
 * struct sched_poll - SCHEDOP_poll: sleep until one of the listed event-channel ports is
 * pending, or until the timeout passes.
 */
struct sched_poll {
	XEN_GUEST_HANDLE(evtchn_port_t) ports;	/* guest array of ports */
	unsigned int nr_ports;
	uint64_t timeout;			/* absolute system time in ns; 0 means none */
};
typedef struct sched_poll sched_poll_t;
XEN_ABI_SIZE(struct sched_poll, 24);
XEN_ABI_OFFSET(struct sched_poll, nr_ports, 8);
XEN_ABI_OFFSET(struct sched_poll, timeout, 16);

/*
 * struct sched_remote_shutdown - SCHEDOP_remote_shutdown: shut another domain down (used by
 * device models on behalf of HVM guests).
 */
struct sched_remote_shutdown {
	domid_t domain_id;	/* the domain to shut down */
	unsigned int reason;	/* SHUTDOWN_* */
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
XEN_ABI_SIZE(struct sched_remote_shutdown, 8);
XEN_ABI_OFFSET(struct sched_remote_shutdown, reason, 4);

/*
 * struct sched_watchdog - SCHEDOP_watchdog. id 0 creates a watchdog (the call returns its
 * id); an existing id with timeout 0 destroys it, with a non-zero timeout re-arms it.
 * An expired watchdog shuts the domain down with SHUTDOWN_watchdog.
 */
struct sched_watchdog {
	uint32_t id;		/* watchdog id, or 0 to create one */
	uint32_t timeout;	/* seconds */
};
typedef struct sched_watchdog sched_watchdog_t;
XEN_ABI_SIZE(struct sched_watchdog, 8);
XEN_ABI_OFFSET(struct sched_watchdog, timeout, 4);

/*
 * struct sched_pin_override - SCHEDOP_pin_override: temporarily pin the calling vCPU to a
 * physical CPU (e.g. for firmware calls); a negative pcpu undoes the override.
 */
struct sched_pin_override {
	int32_t pcpu;
};
typedef struct sched_pin_override sched_pin_override_t;
XEN_ABI_SIZE(struct sched_pin_override, 4);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_SCHED_H */
