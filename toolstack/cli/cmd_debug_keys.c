/*
 * cmd_debug_keys.c - `lamina debug-keys <Keys>`: send debug keys to the hypervisor
 * (XEN_SYSCTL_debug_keys), as `xl debug-keys` does; `lamina dmesg` shows what they print.
 */
#include <string.h>

#include "cli/cli.h"

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	const char *keys = args->argv[0];

	if (!cli_ctrl(cx))
		return CLI_EXIT_FAIL;
	if (ctrl_debug_keys(cx->ctrl, keys, (uint32_t)strlen(keys)))
		return cli_call_error(cx, CTRL_CALL_SYSCTL, "sending debug keys '%s'", keys);
	return CLI_EXIT_OK;
}

const struct cli_command cli_cmd_debug_keys = {
	.name = "debug-keys",
	.summary = "Send debug keys to the hypervisor",
	.usage = "<Keys>",
	.description = "Each character is a debug key: the hypervisor prints some of its state to\n"
		       "its console ring, which 'lamina dmesg' shows. 'h' lists the keys.",
	.min_args = 1,
	.max_args = 1,
	.run = run,
};
