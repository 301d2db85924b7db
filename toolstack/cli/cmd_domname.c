/*
 * cmd_domname.c - `lamina domname <id>`: the name of the domain with that id.
 */
#include <stdio.h>

#include "cli/cli.h"

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	struct xen_domctl_getdomaininfo info;
	char buf[CLI_NAME_MAX];
	const char *name;
	domid_t domid;

	if (cli_parse_domid(args->argv[0], &domid, NULL)) {
		cli_error(cx, "'%s' is not a domain id", args->argv[0]);
		return CLI_EXIT_FAIL;
	}
	if (cli_find_domain(cx, args->argv[0], &info))
		return CLI_EXIT_FAIL;
	name = cli_domain_name(domid, buf, sizeof(buf));
	if (!name) {
		cli_error(cx, "domain %u has no name (names come from xenstore, not available yet)",
			  domid);
		return CLI_EXIT_FAIL;
	}
	printf("%s\n", name);
	return CLI_EXIT_OK;
}

const struct cli_command cli_cmd_domname = {
	.name = "domname",
	.summary = "Convert a domain id to a domain name",
	.usage = "<DomainId>",
	.description = "Names come from xenstore, not available yet: only Domain-0 has one now.",
	.min_args = 1,
	.max_args = 1,
	.run = run,
};
