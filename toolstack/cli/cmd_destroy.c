/*
 * cmd_destroy.c - `lamina destroy [-f] <Domain>`: kill a domain at once
 * (XEN_DOMCTL_destroydomain) and remove its xenstore nodes; the console backend lets go
 * of it on @releaseDomain.
 */
#include "cli/cli.h"
#include "cli/domain_build.h"

enum { OPT_FORCE };

static const struct cli_option options[] = {
	[OPT_FORCE] = { "force", 'f', NULL, "allow destroying domain 0" },
	{ NULL },
};

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	struct xen_domctl_getdomaininfo info;

	if (cli_find_domain(cx, args->argv[0], &info))
		return CLI_EXIT_FAIL;
	/* xl's guard: dom0 goes only on request (a disaggregated toolstack may mean it). */
	if (info.domain == 0 && !args->set[OPT_FORCE]) {
		cli_error(cx, "not destroying domain 0; use -f to force");
		return CLI_EXIT_FAIL;
	}
	if (cli_domain_destroy(cx->ctrl, info.domain))
		return cli_call_error(cx, CTRL_CALL_DOMCTL, "destroying domain %u", info.domain);
	return CLI_EXIT_OK;
}

const struct cli_command cli_cmd_destroy = {
	.name = "destroy",
	.summary = "Terminate a domain immediately",
	.usage = "<Domain>",
	.description = "Kills the domain without asking it to shut down and releases its memory,\n"
		       "event channels and grants. <Domain> is an id or a name.",
	.options = options,
	.min_args = 1,
	.max_args = 1,
	.run = run,
};
