/*
 * lamina.c - main() of the `lamina` command: find the verb, parse its options, run it.
 *
 *	lamina <verb> [options] [arguments]
 *	lamina help [verb] | lamina --help | lamina <verb> --help
 *
 * Exit status as xl's: 0 done, 1 failed (or no/unknown verb), 2 bad options or arguments.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#define PARSE_ERROR_BYTES 160

static bool is_help(const char *word)
{
	return !strcmp(word, "-h") || !strcmp(word, "--help");
}

static int run_verb(const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_ctx cx = { .cmd = cmd };
	char err[PARSE_ERROR_BYTES];
	struct cli_args args;
	int rc;

	switch (cli_parse(cmd, argc, argv, &args, err, sizeof(err))) {
	case CLI_PARSE_HELP:
		cli_print_help(stdout, cmd);
		return CLI_EXIT_OK;
	case CLI_PARSE_ERROR:
		cli_error(&cx, "%s", err);
		cli_print_usage(stderr, cmd);
		return CLI_EXIT_USAGE;
	}
	rc = cmd->run(&cx, &args);
	ctrl_close(cx.ctrl);
	return rc;
}

int main(int argc, char **argv)
{
	const struct cli_command *cmd;
	int rc;

	if (argc < 2) {
		cli_print_commands(stderr, cli_commands);
		return CLI_EXIT_FAIL;
	}
	if (is_help(argv[1])) {
		cli_print_commands(stdout, cli_commands);
		return CLI_EXIT_OK;
	}
	cmd = cli_command_lookup(cli_commands, argv[1]);
	if (!cmd) {
		fprintf(stderr, "%s: unknown command '%s' (see '%s help')\n", CLI_PROGRAM, argv[1],
			CLI_PROGRAM);
		return CLI_EXIT_FAIL;
	}
	cli_names_use_xenstore();
	rc = run_verb(cmd, argc - 2, argv + 2);
	/* Output that could not be written is a failure too (a full disk, a closed pipe). */
	if (fflush(stdout) || ferror(stdout)) {
		perror(CLI_PROGRAM ": writing the output");
		return CLI_EXIT_FAIL;
	}
	return rc;
}
