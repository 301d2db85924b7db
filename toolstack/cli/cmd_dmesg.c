/*
 * cmd_dmesg.c - `lamina dmesg [-c]`: the hypervisor's console ring (XEN_SYSCTL_readconsole).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"

#define CHUNK_BYTES 16384
#define MAX_CHUNKS 4096 /* 64 MiB: far beyond any ring; ends a ring that never drains */

enum { OPT_CLEAR };

static const struct cli_option options[] = {
	[OPT_CLEAR] = { "clear", 'c', NULL, "clear the ring after reading it" },
	{ NULL },
};

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	unsigned int flags = CTRL_CONSOLE_INCREMENTAL;
	struct ctrl *c = cli_ctrl(cx);
	uint32_t index = 0, count;
	char *buf;

	if (!c)
		return CLI_EXIT_FAIL;
	buf = malloc(CHUNK_BYTES);
	if (!buf)
		return CLI_EXIT_FAIL;
	if (args->set[OPT_CLEAR])
		flags |= CTRL_CONSOLE_CLEAR;
	/* From the oldest byte on, chunk by chunk, until a read brings nothing new. */
	for (unsigned int i = 0; i < MAX_CHUNKS; i++) {
		count = CHUNK_BYTES;
		if (ctrl_readconsole(c, buf, &count, &index, flags)) {
			free(buf);
			return cli_call_error(cx, CTRL_CALL_SYSCTL,
					      "reading the console ring (sysctl readconsole)");
		}
		if (!count)
			break;
		fwrite(buf, 1, count, stdout);
	}
	free(buf);
	return CLI_EXIT_OK;
}

const struct cli_command cli_cmd_dmesg = {
	.name = "dmesg",
	.summary = "Read and/or clear the hypervisor's message buffer",
	.usage = "",
	.description = "Prints the hypervisor's console ring, oldest first.",
	.options = options,
	.min_args = 0,
	.max_args = 0,
	.run = run,
};
