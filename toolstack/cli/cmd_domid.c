/*
 * cmd_domid.c - `lamina domid <name>`: the id of the domain with that name.
 */
#include <stdio.h>

#include "cli/cli.h"

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	struct xen_domctl_getdomaininfo info;
	domid_t domid;

	/* A name only, as xl: an all-digit word is not looked up as an id here. */
	if (cli_parse_domid(args->argv[0], &domid, NULL) == 0) {
		cli_error(cx, "'%s' is a domain id, not a name", args->argv[0]);
		return CLI_EXIT_FAIL;
	}
	if (cli_find_domain(cx, args->argv[0], &info))
		return CLI_EXIT_FAIL;
	printf("%u\n", info.domain);
	return CLI_EXIT_OK;
}

const struct cli_command cli_cmd_domid = {
	.name = "domid",
	.summary = "Convert a domain name to a domain id",
	.usage = "<DomainName>",
	.description = "Names come from xenstore, not available yet: only Domain-0 has one now.",
	.min_args = 1,
	.max_args = 1,
	.run = run,
};
