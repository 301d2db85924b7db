/*
 * cmd_pause.c - `lamina pause <Domain>`: stop scheduling a domain (XEN_DOMCTL_pausedomain).
 */
#include "cli/cli.h"

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	return cli_domain_action(cx, args, ctrl_domain_pause, "pausing");
}

const struct cli_command cli_cmd_pause = {
	.name = "pause",
	.summary = "Pause execution of a domain",
	.usage = "<Domain>",
	.description = "Stops scheduling the domain's vCPUs until 'lamina unpause'. Pauses count:\n"
		       "each pause needs its own unpause. <Domain> is an id or a name.",
	.min_args = 1,
	.max_args = 1,
	.run = run,
};
