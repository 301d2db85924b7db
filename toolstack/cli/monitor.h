/*
 * cli/monitor.h - the domain monitor: the process `lamina create` leaves behind (as `xl
 * create` does) that waits for its domain to shut down and then carries out what the
 * configuration says for the reason (on_poweroff, on_reboot, on_crash, on_watchdog,
 * on_soft_reset; xl.cfg(5) "Event Actions"): destroy it, restart it from the same
 * configuration, rename it and restart, or preserve it.
 *
 * The decision is pure (monitor_policy.c, unit-tested); the loop that watches
 * @releaseDomain and acts is monitor.c.
 */
#ifndef CLI_MONITOR_H
#define CLI_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "cli/cli.h"
#include "config/config.h"
#include "libstore/xs_client.h"

/* What the monitor does next. */
enum cli_monitor_step {
	CLI_MONITOR_WAIT,	    /* running, paused or suspended: keep waiting */
	CLI_MONITOR_GONE,	    /* destroyed by someone else (or dying): stop monitoring */
	CLI_MONITOR_DESTROY,	    /* destroy it, stop monitoring */
	CLI_MONITOR_RESTART,	    /* destroy it and create it again from the configuration */
	CLI_MONITOR_RENAME_RESTART, /* rename it (kept as it is) and create a new one */
	CLI_MONITOR_PRESERVE,	    /* leave it shut down, stop monitoring */
};

/* The monitor's decision on one look at its domain. */
struct cli_monitor_decision {
	enum cli_monitor_step step;
	unsigned int reason;	 /* SHUTDOWN_* (xen/sched.h), when it has shut down */
	enum cfg_action action;	 /* the configured action for that reason */
	const char *note;	 /* why the step differs from the action, or NULL */
};

/*
 * cli_monitor_decide - what to do about @domid, given getdomaininfo's answer for it: @found
 * is false when the call failed with ESRCH or answered for another (higher) domain id.
 * Shutdown reasons map to @cfg's on_* actions as xl's handle_domain_death does (Xen 4.17
 * tools/xl/xl_vmcontrol.c): suspend waits, an unknown reason destroys. Actions Lamina cannot
 * carry out become the nearest it can, with d->note saying so: coredump-destroy and
 * coredump-restart write no core file (xl carries on the same way when the dump fails) and
 * soft-reset (XEN_DOMCTL_soft_reset is not offered) destroys.
 */
void cli_monitor_decide(const struct domain_config *cfg, domid_t domid, bool found,
			const struct xen_domctl_getdomaininfo *info,
			struct cli_monitor_decision *d);

/*
 * cli_preserved_name - the name a renamed-and-restarted domain keeps: @name followed by
 * "-YYYYMMDDTHHMMZ" of @when in UTC (xl's suffix). Writes at most @size bytes with the NUL
 * into @buf; returns 0, or -1 when it does not fit.
 */
int cli_preserved_name(const char *name, time_t when, char *buf, size_t size);

/* Where a monitor writes its pid in xenstore, under the domain's /libxl/<id> (dom0 only). */
#define CLI_MONITOR_PID_NODE "monitor-pid"

/*
 * cli_monitor_run - monitor domain @domid, built from @cfg, until it is gone or preserved:
 * watches @releaseDomain, looks at the domain on each event (and every few seconds) and
 * acts as cli_monitor_decide says, restarting as often as the configuration asks. Logs
 * each step to stdout. Records its pid in /libxl/<id>/monitor-pid while it watches.
 * Returns CLI_EXIT_OK, or CLI_EXIT_FAIL when xenstore is unreachable or a restart failed.
 */
int cli_monitor_run(struct ctrl *c, const struct domain_config *cfg, domid_t domid);

/*
 * cli_monitor_spawn - run cli_monitor_run for @domid in a background process of its own
 * (a new session, stdin from /dev/null, stdout and stderr appended to
 * /var/log/lamina/monitor-<name>.log) and return at once in the caller. Returns the
 * child's pid, or -1 with errno when it could not be forked.
 */
int cli_monitor_spawn(const struct domain_config *cfg, domid_t domid);

/*
 * cli_monitor_of - the pid of the live monitor of @domid recorded in xenstore, or 0 when
 * none is recorded or that process is gone.
 */
int cli_monitor_of(struct xs_handle *xs, domid_t domid);

#endif /* CLI_MONITOR_H */
