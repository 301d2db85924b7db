/*
 * cmd_help.c - `lamina help [command]`: the commands, or one command's help.
 */
#include <stdio.h>

#include "cli/cli.h"

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	const struct cli_command *cmd;

	if (!args->argc) {
		cli_print_commands(stdout, cli_commands);
		return CLI_EXIT_OK;
	}
	cmd = cli_command_lookup(cli_commands, args->argv[0]);
	if (!cmd) {
		cli_error(cx, "unknown command '%s'", args->argv[0]);
		return CLI_EXIT_FAIL;
	}
	cli_print_help(stdout, cmd);
	return CLI_EXIT_OK;
}

const struct cli_command cli_cmd_help = {
	.name = "help",
	.summary = "Print the commands, or help on one",
	.usage = "[command]",
	.min_args = 0,
	.max_args = 1,
	.run = run,
};
