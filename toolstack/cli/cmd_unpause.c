/*
 * cmd_unpause.c - `lamina unpause <Domain>`: undo one pause (XEN_DOMCTL_unpausedomain).
 */
#include "cli/cli.h"

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	return cli_domain_action(cx, args, ctrl_domain_unpause, "unpausing");
}

const struct cli_command cli_cmd_unpause = {
	.name = "unpause",
	.summary = "Unpause a paused domain",
	.usage = "<Domain>",
	.description = "Drops one pause of the domain; it runs again when none is left. A domain\n"
		       "that is not paused is refused (EINVAL). <Domain> is an id or a name.",
	.min_args = 1,
	.max_args = 1,
	.run = run,
};
