/*
 * monitor_policy.c - the domain monitor's decisions (cli/monitor.h): from a look at the
 * domain and its configuration to the next step. Pure: no hypercalls, no xenstore.
 */
#include <stdio.h>

#include <xen/sched.h>

#include "cli/monitor.h"

/* The step that carries out @action. */
static enum cli_monitor_step step_of(enum cfg_action action, const char **note)
{
	switch (action) {
	case CFG_ACTION_RESTART:
		return CLI_MONITOR_RESTART;
	case CFG_ACTION_RENAME_RESTART:
		return CLI_MONITOR_RENAME_RESTART;
	case CFG_ACTION_PRESERVE:
		return CLI_MONITOR_PRESERVE;
	case CFG_ACTION_COREDUMP_DESTROY:
		*note = "core dumps are not supported: no core file written";
		return CLI_MONITOR_DESTROY;
	case CFG_ACTION_COREDUMP_RESTART:
		*note = "core dumps are not supported: no core file written";
		return CLI_MONITOR_RESTART;
	case CFG_ACTION_SOFT_RESET:
		*note = "soft reset is not supported: destroying the domain instead";
		return CLI_MONITOR_DESTROY;
	case CFG_ACTION_DESTROY:
	default:
		return CLI_MONITOR_DESTROY;
	}
}

void cli_monitor_decide(const struct domain_config *cfg, domid_t domid, bool found,
			const struct xen_domctl_getdomaininfo *info,
			struct cli_monitor_decision *d)
{
	*d = (struct cli_monitor_decision){.step = CLI_MONITOR_WAIT, .action = CFG_ACTION_DESTROY};
	if (!found || info->domain != domid || (info->flags & XEN_DOMINF_dying)) {
		d->step = CLI_MONITOR_GONE;
		return;
	}
	if (!(info->flags & XEN_DOMINF_shutdown))
		return;
	d->reason = (info->flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
	switch (d->reason) {
	case SHUTDOWN_poweroff:
		d->action = cfg->on_poweroff;
		break;
	case SHUTDOWN_reboot:
		d->action = cfg->on_reboot;
		break;
	case SHUTDOWN_suspend:
		return; /* a save or migration in progress: its toolstack acts, not the monitor */
	case SHUTDOWN_crash:
		d->action = cfg->on_crash;
		break;
	case SHUTDOWN_watchdog:
		d->action = cfg->on_watchdog;
		break;
	case SHUTDOWN_soft_reset:
		d->action = cfg->on_soft_reset;
		break;
	default:
		d->note = "unknown shutdown reason: destroying the domain";
		d->step = CLI_MONITOR_DESTROY;
		return;
	}
	d->step = step_of(d->action, &d->note);
}

int cli_preserved_name(const char *name, time_t when, char *buf, size_t size)
{
	struct tm tm;
	char suffix[24];

	if (!gmtime_r(&when, &tm) || !strftime(suffix, sizeof(suffix), "-%Y%m%dT%H%MZ", &tm))
		return -1;
	int n = snprintf(buf, size, "%s%s", name, suffix);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}
