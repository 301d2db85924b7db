/*
 * commands.c - the table of `lamina`'s verbs: one line per cmd_<verb>.c.
 */
#include "cli/cli.h"

extern const struct cli_command cli_cmd_create, cli_cmd_list, cli_cmd_info, cli_cmd_dmesg,
	cli_cmd_pause, cli_cmd_unpause, cli_cmd_destroy, cli_cmd_vcpu_list, cli_cmd_uptime,
	cli_cmd_domid, cli_cmd_domname, cli_cmd_console, cli_cmd_shutdown, cli_cmd_reboot,
	cli_cmd_mem_set, cli_cmd_debug_keys, cli_cmd_help;

const struct cli_command *const cli_commands[] = {
	&cli_cmd_create,  &cli_cmd_list,    &cli_cmd_info,   &cli_cmd_dmesg,
	&cli_cmd_shutdown, &cli_cmd_reboot, &cli_cmd_pause, &cli_cmd_unpause,
	&cli_cmd_destroy, &cli_cmd_console, &cli_cmd_mem_set,
	&cli_cmd_vcpu_list, &cli_cmd_uptime, &cli_cmd_domid,  &cli_cmd_domname,
	&cli_cmd_debug_keys,
	&cli_cmd_help,	  NULL,
};
