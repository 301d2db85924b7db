/*
 * cmd_create.c - `lamina create [-p] [-c] [-F|-e] <ConfigFile>`: make a PV domain from a
 * domain configuration (JSON, or xl.cfg syntax; toolstack/config), build it
 * (domain_build.c), publish it in xenstore and start it, and leave a monitor behind that
 * carries out the on_poweroff/on_reboot/on_crash actions (monitor.c), as `xl create` does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/domain_build.h"
#include "cli/domain_store.h"
#include "cli/monitor.h"

enum { OPT_PAUSED, OPT_CONSOLE, OPT_FOREGROUND, OPT_NO_MONITOR };

static const struct cli_option options[] = {
	[OPT_PAUSED] = {"paused", 'p', NULL, "leave the domain paused after creating it"},
	[OPT_CONSOLE] = {"console", 'c', NULL, "attach to the domain's console once created"},
	[OPT_FOREGROUND] = {"foreground", 'F', NULL,
			    "stay in the foreground and monitor the domain until it is gone"},
	[OPT_NO_MONITOR] = {"no-monitor", 'e', NULL,
			    "leave no monitor: nothing acts when the domain shuts down"},
	{NULL},
};

/* Is there a domain called name already? (xl refuses a second one.) */
static bool name_taken(struct cli_ctx *cx, const char *name)
{
	struct xen_domctl_getdomaininfo *infos;
	char buf[128];
	bool taken = false;
	int n = ctrl_domain_list_all(cx->ctrl, &infos);

	for (int i = 0; i < n && !taken; i++) {
		const char *other = cli_domain_name(infos[i].domain, buf, sizeof(buf));
		taken = other && !strcmp(other, name);
	}
	if (n >= 0)
		free(infos);
	return taken;
}

static int attach_console(struct cli_ctx *cx, domid_t domid)
{
	const struct cli_command *console = cli_command_lookup(cli_commands, "console");
	char id[16];
	char *argv[] = {id, NULL};
	struct cli_args args;
	char err[160];

	if (!console) {
		cli_error(cx, "this lamina has no console command");
		return CLI_EXIT_FAIL;
	}
	snprintf(id, sizeof(id), "%u", domid);
	struct cli_ctx ccx = {.cmd = console, .ctrl = cx->ctrl};
	if (cli_parse(console, 1, argv, &args, err, sizeof(err)) != CLI_PARSE_OK) {
		cli_error(cx, "%s", err);
		return CLI_EXIT_FAIL;
	}
	return console->run(&ccx, &args);
}

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	const char *file = args->argv[0];
	struct domain_config cfg;
	struct cfg_error cerr;
	struct cli_built b;
	struct xs_handle *xs = NULL;
	int rc;

	if (args->set[OPT_FOREGROUND] && (args->set[OPT_CONSOLE] || args->set[OPT_NO_MONITOR])) {
		cli_error(cx, "-F cannot go with -c or -e");
		return CLI_EXIT_USAGE;
	}
	fprintf(stderr, "Parsing config from %s\n", file);
	if (cfg_load(file, &cfg, &cerr)) {
		cli_error(cx, "%s", cerr.msg);
		return CLI_EXIT_FAIL;
	}
	for (size_t i = 0; i < cfg.nr_warnings; i++)
		fprintf(stderr, "warning: %s\n", cfg.warnings[i]);
	rc = CLI_EXIT_FAIL;
	if (!cli_ctrl(cx))
		goto out;
	if (name_taken(cx, cfg.name)) {
		cli_error(cx, "domain '%s' already exists", cfg.name);
		goto out;
	}
	rc = xs_open(&xs);
	if (rc) {
		cli_error(cx, "cannot reach the xenstore daemon: %s (is lamina-stored running?)",
			  strerror(-rc));
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	rc = CLI_EXIT_FAIL;
	if (cli_domain_create(cx->ctrl, xs, &cfg, args->set[OPT_PAUSED], &b)) {
		cli_error(cx, "%s", b.error);
		goto out;
	}
	xs_close(xs);
	xs = NULL;
	if (args->set[OPT_FOREGROUND]) {
		rc = cli_monitor_run(cx->ctrl, &cfg, b.domid);
		goto out;
	}
	if (!args->set[OPT_NO_MONITOR] && cli_monitor_spawn(&cfg, b.domid) < 0)
		fprintf(stderr, "warning: no monitor for domain %u (fork: %s); its on_* actions "
				"will not be carried out\n", b.domid, strerror(errno));
	rc = args->set[OPT_CONSOLE] ? attach_console(cx, b.domid) : CLI_EXIT_OK;
out:
	xs_close(xs);
	cfg_free(&cfg);
	return rc;
}

const struct cli_command cli_cmd_create = {
	.name = "create",
	.summary = "Create a domain from a config file",
	.usage = "<ConfigFile>",
	.description = "Builds a PV domain as the file describes (JSON, or xl.cfg syntax: name,\n"
		       "memory, maxmem, vcpus, kernel, ramdisk, cmdline/extra/root, on_*), publishes\n"
		       "it in xenstore and starts it. -p leaves it paused, -c attaches its console.\n"
		       "A monitor process stays behind (log: /var/log/lamina/monitor-<name>.log)\n"
		       "and carries out on_poweroff, on_reboot, on_crash and on_watchdog when the\n"
		       "domain shuts down; -F runs it in the foreground, -e leaves none.",
	.options = options,
	.min_args = 1,
	.max_args = 1,
	.run = run,
};
