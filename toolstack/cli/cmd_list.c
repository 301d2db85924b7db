/*
 * cmd_list.c - `lamina list [--json] [Domain...]`: the domains, as `xl list` shows them.
 */
#include <stdlib.h>

#include "cli/cli.h"

enum { OPT_JSON };

static const struct cli_option options[] = {
	[OPT_JSON] = { "json", 'j', NULL, "print a JSON array of objects instead of the table" },
	{ NULL },
};

static void print_domains(const struct xen_domctl_getdomaininfo *infos, unsigned int n,
			  bool json)
{
	struct cli_json j;

	if (json) {
		cli_json_init(&j, stdout);
		cli_json_begin_array(&j, NULL);
	} else {
		cli_list_header(stdout);
	}
	for (unsigned int i = 0; i < n; i++) {
		char buf[CLI_NAME_MAX];
		const char *name = cli_domain_name(infos[i].domain, buf, sizeof(buf));
		struct ctrl_dominfo d;

		ctrl_dominfo_decode(&infos[i], &d);
		if (json)
			cli_list_json(&j, &d, name);
		else
			cli_list_row(stdout, &d, name);
	}
	if (json) {
		cli_json_end_array(&j);
		cli_json_finish(&j);
	}
}

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	struct xen_domctl_getdomaininfo *infos;
	int n;

	if (args->argc == 0) {
		n = cli_list_domains(cx, &infos);
		if (n < 0)
			return CLI_EXIT_FAIL;
	} else {
		infos = calloc(args->argc, sizeof(*infos));
		if (!infos)
			return CLI_EXIT_FAIL;
		for (n = 0; n < (int)args->argc; n++)
			if (cli_find_domain(cx, args->argv[n], &infos[n])) {
				free(infos);
				return CLI_EXIT_FAIL;
			}
	}
	print_domains(infos, n, args->set[OPT_JSON]);
	free(infos);
	return CLI_EXIT_OK;
}

const struct cli_command cli_cmd_list = {
	.name = "list",
	.summary = "List information about all or some domains",
	.usage = "[Domain...]",
	.description =
		"Columns as xl's: Name, ID, Mem (MiB, owned plus claimed), VCPUs (online),\n"
		"State and Time(s) (CPU time). State letters, '-' when clear: r running,\n"
		"b blocked, p paused, s shut down, then the shutdown reason (r reboot,\n"
		"s suspend, c crash, w watchdog, S soft reset, '-' poweroff), d dying.\n"
		"Names come from xenstore, not available yet: dom0 is Domain-0 and other\n"
		"domains print as (null), as xl does without names.\n"
		"--json prints per domain: domid, name (null without one), uuid, state, status,\n"
		"running, blocked, paused, shutdown, shutdown_reason, dying, mem_mib,\n"
		"current_memkb, max_memkb, outstanding_memkb, vcpus_online, vcpus_max,\n"
		"cpu_time_s, cpu_time_ns, cpupool.",
	.options = options,
	.min_args = 0,
	.max_args = CLI_MAX_ARGS,
	.run = run,
};
