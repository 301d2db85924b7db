/*
 * cmd_shutdown.c - `lamina shutdown [-w] <Domain>` and `lamina reboot [-w] <Domain>`: ask a
 * PV guest to power off or reboot through the control/shutdown node it watches (Linux's
 * drivers/xen/manage.c; Xen's libxl__domain_pvcontrol_write), as xl does. With -w, wait
 * until the guest has shut down and, when a monitor watches it (`lamina create`'s, see
 * monitor.h), until the monitor has carried out the configured action.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/domain_store.h"
#include "cli/monitor.h"

#define WAIT_POLL_US 100000
#define WAIT_MAX_S 300

enum { OPT_WAIT };

static const struct cli_option options[] = {
	[OPT_WAIT] = {"wait", 'w', NULL, "wait for the domain to finish shutting down"},
	{NULL},
};

/* Write request into the domain's control/shutdown node. */
static int request(struct cli_ctx *cx, domid_t domid, const char *what)
{
	char path[CLI_XS_PATH_MAX + 24];
	struct xs_handle *xs;
	int rc = xs_open(&xs);

	if (rc) {
		cli_error(cx, "cannot reach the xenstore daemon: %s", strerror(-rc));
		return -1;
	}
	cli_domain_dom_path(domid, path);
	strcat(path, "/control/shutdown");
	rc = xs_write(xs, 0, path, what, (unsigned int)strlen(what));
	xs_close(xs);
	if (rc) {
		cli_error(cx, "asking domain %u to %s (writing %s): %s", domid, what, path,
			  strerror(-rc));
		return -1;
	}
	return 0;
}

/* Is domid gone (or dying)? Otherwise its getdomaininfo is in *info. */
static bool gone(struct cli_ctx *cx, domid_t domid, struct xen_domctl_getdomaininfo *info)
{
	return ctrl_domain_getinfo(cx->ctrl, domid, info) || info->domain != domid ||
	       (info->flags & XEN_DOMINF_dying);
}

/* Until domid is gone or shut down. 1: shut down, 0: gone, -1: timeout. */
static int wait_shutdown(struct cli_ctx *cx, domid_t domid)
{
	for (unsigned int i = 0; i < WAIT_MAX_S * (1000000 / WAIT_POLL_US); i++) {
		struct xen_domctl_getdomaininfo info;
		if (gone(cx, domid, &info))
			return 0;
		if (info.flags & XEN_DOMINF_shutdown) {
			unsigned int reason =
				(info.flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
			fprintf(stderr, "Domain %u has shut down, reason code %u (%s)\n", domid,
				reason, ctrl_shutdown_reason_name(reason));
			return 1;
		}
		usleep(WAIT_POLL_US);
	}
	return -1;
}

/*
 * Wait until domid has shut down (or is gone), then until its monitor, if it has a live
 * one, has acted: the domain is gone or the monitor has let go of it.
 */
static int wait_done(struct cli_ctx *cx, domid_t domid)
{
	struct xs_handle *xs = NULL;
	int rc = wait_shutdown(cx, domid);

	if (rc < 0) {
		cli_error(cx, "domain %u did not shut down within %u s", domid, WAIT_MAX_S);
		return CLI_EXIT_FAIL;
	}
	if (rc == 0 || xs_open(&xs))
		return CLI_EXIT_OK;
	for (unsigned int i = 0; i < WAIT_MAX_S * (1000000 / WAIT_POLL_US); i++) {
		struct xen_domctl_getdomaininfo info;
		if (gone(cx, domid, &info) || !cli_monitor_of(xs, domid)) {
			xs_close(xs);
			return CLI_EXIT_OK;
		}
		usleep(WAIT_POLL_US);
	}
	xs_close(xs);
	cli_error(cx, "the monitor of domain %u did not act within %u s", domid, WAIT_MAX_S);
	return CLI_EXIT_FAIL;
}

static int run_request(struct cli_ctx *cx, const struct cli_args *args, const char *what)
{
	struct xen_domctl_getdomaininfo info;

	if (cli_find_domain(cx, args->argv[0], &info))
		return CLI_EXIT_FAIL;
	if (info.domain == 0) {
		cli_error(cx, "domain 0 cannot be shut down this way (use its own poweroff)");
		return CLI_EXIT_FAIL;
	}
	if (request(cx, info.domain, what))
		return CLI_EXIT_FAIL;
	fprintf(stderr, "%s domain %u\n", !strcmp(what, "reboot") ? "Rebooting" : "Shutting down",
		info.domain);
	return args->set[OPT_WAIT] ? wait_done(cx, info.domain) : CLI_EXIT_OK;
}

static int run_shutdown(struct cli_ctx *cx, const struct cli_args *args)
{
	return run_request(cx, args, "poweroff");
}

static int run_reboot(struct cli_ctx *cx, const struct cli_args *args)
{
	return run_request(cx, args, "reboot");
}

const struct cli_command cli_cmd_shutdown = {
	.name = "shutdown",
	.summary = "Issue a clean shutdown to a domain",
	.usage = "<Domain>",
	.description = "Asks the guest to power off through xenstore (control/shutdown). -w waits\n"
		       "until it has and its monitor has carried out on_poweroff (by default,\n"
		       "destroy).",
	.options = options,
	.min_args = 1,
	.max_args = 1,
	.run = run_shutdown,
};

const struct cli_command cli_cmd_reboot = {
	.name = "reboot",
	.summary = "Issue a clean reboot to a domain",
	.usage = "<Domain>",
	.description = "Asks the guest to reboot through xenstore (control/shutdown). -w waits\n"
		       "until it has shut down and its monitor has carried out on_reboot (by\n"
		       "default, restart: the domain is made again from its configuration, with a\n"
		       "new id).",
	.options = options,
	.min_args = 1,
	.max_args = 1,
	.run = run_reboot,
};
