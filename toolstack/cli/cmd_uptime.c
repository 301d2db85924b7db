/*
 * cmd_uptime.c - `lamina uptime [-s] [Domain...]`: how long domains have run. dom0's comes
 * from its own /proc/uptime; other domains' start times from the name source (xenstore's
 * /vm/<uuid>/start_time), which does not know them yet: those are left out, as xl does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cli.h"

enum { OPT_SHORT };

static const struct cli_option options[] = {
	[OPT_SHORT] = { "short", 's', NULL, "print like uptime(1): time, uptime, domain" },
	{ NULL },
};

struct uptime_walk {
	struct cli_ctx *cx;
	bool short_form;
	time_t now;
	char now_hms[16];
	unsigned int unknown;	/* domains left out: no start time */
};

/* dom0's uptime in whole seconds from /proc/uptime, or -1. */
static long dom0_uptime(void)
{
	double up;
	FILE *f = fopen("/proc/uptime", "r");
	int got;

	if (!f)
		return -1;
	got = fscanf(f, "%lf", &up);
	fclose(f);
	return got == 1 && up >= 0 ? (long)up : -1;
}

/* One row, or false when the domain's uptime is unknown. */
static bool show(struct uptime_walk *w, domid_t domid)
{
	char buf[CLI_NAME_MAX];
	const char *name = cli_domain_name(domid, buf, sizeof(buf));
	long long start;
	long up;

	if (domid == 0) {
		up = dom0_uptime();
	} else {
		start = cli_names()->start_time(cli_names()->priv, domid);
		up = start < 0 || start > w->now ? -1 : (long)(w->now - start);
	}
	if (up < 0) {
		w->unknown++;
		return false;
	}
	cli_uptime_row(stdout, name, domid, (unsigned long)up, w->short_form, w->now_hms);
	return true;
}

static int show_named(struct uptime_walk *w, const struct cli_args *args)
{
	struct xen_domctl_getdomaininfo info;

	for (unsigned int i = 0; i < args->argc; i++) {
		if (cli_find_domain(w->cx, args->argv[i], &info))
			return CLI_EXIT_FAIL;
		if (!show(w, info.domain)) {
			cli_error(w->cx, "start time of domain %u unknown (%s)", info.domain,
				  info.domain ? "it comes from xenstore, not available yet"
					      : "cannot read /proc/uptime");
			return CLI_EXIT_FAIL;
		}
	}
	return CLI_EXIT_OK;
}

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	struct uptime_walk w = { .cx = cx, .short_form = args->set[OPT_SHORT] };
	struct xen_domctl_getdomaininfo *infos;
	int n;

	w.now = time(NULL);
	strftime(w.now_hms, sizeof(w.now_hms), "%H:%M:%S", localtime(&w.now));
	if (!w.short_form)
		cli_uptime_header(stdout);
	if (args->argc)
		return show_named(&w, args);
	n = cli_list_domains(cx, &infos);
	if (n < 0)
		return CLI_EXIT_FAIL;
	for (int i = 0; i < n; i++)
		show(&w, infos[i].domain);
	free(infos);
	if (w.unknown)
		cli_error(cx, "%u domain(s) left out: start times come from xenstore, "
			  "not available yet", w.unknown);
	return CLI_EXIT_OK;
}

const struct cli_command cli_cmd_uptime = {
	.name = "uptime",
	.summary = "Print the uptime of all or some domains",
	.usage = "[Domain...]",
	.description = "Prints Name, ID and Uptime (days, H:MM:SS) per domain.",
	.options = options,
	.min_args = 0,
	.max_args = CLI_MAX_ARGS,
	.run = run,
};
