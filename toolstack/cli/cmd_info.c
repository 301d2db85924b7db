/*
 * cmd_info.c - `lamina info [name]`: the host and the hypervisor, as `xl info` shows them.
 */
#include <string.h>
#include <sys/utsname.h>

#include "cli/cli.h"

/* Does the `info <only>` filter select the line @name (no filter: all lines)? */
static bool selected(const char *only, const char *name)
{
	return !only || !strncmp(name, only, strlen(only));
}

/*
 * Fill @info's hypervisor parts; a part that fails is reported and left out. The scheduler
 * is asked for only when its line will be printed.
 */
static int read_hypervisor(struct cli_ctx *cx, struct cli_info *info,
			   struct xen_sysctl_physinfo *p, struct ctrl_version *v, const char *only)
{
	struct ctrl *c = cx->ctrl;
	uint32_t sched_id;
	int failed = 0;

	if (ctrl_physinfo(c, p) == 0)
		info->phys = p;
	else {
		cli_call_error(cx, CTRL_CALL_SYSCTL, "reading the machine (sysctl physinfo)");
		failed++;
	}
	if (ctrl_version_get(c, v) == 0)
		info->xen = v;
	else {
		cli_call_error(cx, CTRL_CALL_OTHER, "reading the hypervisor version (xen_version)");
		failed++;
	}
	if (!selected(only, "xen_scheduler"))
		return failed;
	if (ctrl_sched_id(c, &sched_id) == 0)
		info->scheduler = ctrl_scheduler_name(sched_id);
	else
		cli_call_error(cx, CTRL_CALL_SYSCTL, "reading the scheduler (sysctl sched_id)");
	return failed;
}

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	struct cli_info info = { 0 };
	struct xen_sysctl_physinfo p;
	struct ctrl_version v;
	struct utsname uts;
	const char *only = args->argc ? args->argv[0] : NULL;

	if (!cli_ctrl(cx))
		return CLI_EXIT_FAIL;
	if (uname(&uts) == 0) {
		info.host = uts.nodename;
		info.release = uts.release;
		info.version = uts.version;
		info.machine = uts.machine;
	}
	/* Nothing to show when neither the machine nor the version could be read. */
	if (read_hypervisor(cx, &info, &p, &v, only) == 2)
		return CLI_EXIT_FAIL;
	if (!cli_info_print(stdout, &info, only) && only) {
		cli_error(cx, "no information named '%s'", only);
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

const struct cli_command cli_cmd_info = {
	.name = "info",
	.summary = "Get information about the host and the hypervisor",
	.usage = "[name]",
	.description =
		"Prints 'name : value' lines as xl does: the host (uname), the machine\n"
		"(sysctl physinfo; memory in MiB) and the hypervisor (xen_version, sysctl\n"
		"sched_id). With a name, prints only the values of the lines whose names start\n"
		"with it, e.g. 'lamina info free_memory'. A part the hypervisor will not tell\n"
		"is reported on standard error and the rest still printed.",
	.min_args = 0,
	.max_args = 1,
	.run = run,
};
