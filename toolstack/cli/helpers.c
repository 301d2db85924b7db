/*
 * helpers.c - what every verb needs from the hypervisor: the control handle, a domain found
 * by id or name, the domain list, and messages that say what failed and why (see cli.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define DESCRIBE_BYTES 256

struct ctrl *cli_ctrl(struct cli_ctx *cx)
{
	char why[DESCRIBE_BYTES];

	if (cx->ctrl)
		return cx->ctrl;
	cx->ctrl = ctrl_open();
	if (!cx->ctrl) {
		ctrl_describe_error(why, sizeof(why), CTRL_CALL_OPEN_PRIVCMD, errno);
		fprintf(stderr, "%s: cannot open %s: %s\n", CLI_PROGRAM, CTRL_PRIVCMD_PATH, why);
	}
	return cx->ctrl;
}

static void vmessage(const struct cli_ctx *cx, const char *fmt, va_list ap, const char *tail)
{
	fprintf(stderr, "%s %s: ", CLI_PROGRAM, cx->cmd->name);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "%s\n", tail ? tail : "");
}

void cli_error(const struct cli_ctx *cx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(cx, fmt, ap, NULL);
	va_end(ap);
}

int cli_call_error(const struct cli_ctx *cx, enum ctrl_call call, const char *fmt, ...)
{
	char why[DESCRIBE_BYTES], tail[DESCRIBE_BYTES + 16];
	va_list ap;

	ctrl_describe_error(why, sizeof(why), call, errno);
	snprintf(tail, sizeof(tail), " failed: %s", why);
	va_start(ap, fmt);
	vmessage(cx, fmt, ap, tail);
	va_end(ap);
	return CLI_EXIT_FAIL;
}

int cli_list_domains(struct cli_ctx *cx, struct xen_domctl_getdomaininfo **infos)
{
	struct ctrl *c = cli_ctrl(cx);
	int n;

	if (!c)
		return -1;
	n = ctrl_domain_list_all(c, infos);
	if (n < 0)
		cli_call_error(cx, CTRL_CALL_SYSCTL, "listing domains (sysctl getdomaininfolist)");
	return n;
}

static int not_found(const struct cli_ctx *cx, const char *qualifier, bool by_name)
{
	/* With names from domids alone, only Domain-0 has one: say where the others come from. */
	bool no_names = cli_names() == &cli_names_domid_only;

	cli_error(cx, "domain '%s' not found%s", qualifier,
		  by_name && no_names ? " (domain names come from xenstore, not available yet: "
					"give the domain id)"
				      : "");
	return -1;
}

static int find_by_name(struct cli_ctx *cx, const char *name, domid_t *domid)
{
	struct xen_domctl_getdomaininfo *all;
	int n = cli_list_domains(cx, &all), rc;

	if (n < 0)
		return -1;
	rc = cli_lookup_name(name, all, n, domid);
	free(all);
	return rc ? not_found(cx, name, true) : 0;
}

int cli_find_domain(struct cli_ctx *cx, const char *qualifier,
		    struct xen_domctl_getdomaininfo *info)
{
	struct ctrl *c = cli_ctrl(cx);
	domid_t domid;
	bool out_of_range;

	if (!c)
		return -1;
	if (cli_parse_domid(qualifier, &domid, &out_of_range)) {
		if (out_of_range)
			return not_found(cx, qualifier, false);
		if (find_by_name(cx, qualifier, &domid))
			return -1;
	}
	if (ctrl_domain_getinfo(c, domid, info) == 0)
		return 0;
	if (errno == ESRCH)
		return not_found(cx, qualifier, false);
	cli_call_error(cx, CTRL_CALL_DOMCTL, "reading domain %u (domctl getdomaininfo)", domid);
	return -1;
}

int cli_domain_action(struct cli_ctx *cx, const struct cli_args *args,
		      int (*action)(struct ctrl *c, domid_t domid), const char *doing)
{
	struct xen_domctl_getdomaininfo info;

	if (cli_find_domain(cx, args->argv[0], &info))
		return CLI_EXIT_FAIL;
	if (action(cx->ctrl, info.domain))
		return cli_call_error(cx, CTRL_CALL_DOMCTL, "%s domain %u", doing, info.domain);
	return CLI_EXIT_OK;
}
