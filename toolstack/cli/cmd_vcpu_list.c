/*
 * cmd_vcpu_list.c - `lamina vcpu-list [Domain...]`: every vCPU, as `xl vcpu-list` shows them
 * (XEN_DOMCTL_getvcpuinfo and getvcpuaffinity per vCPU).
 */
#include <errno.h>
#include <stdlib.h>

#include "cli/cli.h"

#define MAX_CPUS 4096 /* CPUs a map here can hold */

struct vcpu_walk {
	struct cli_ctx *cx;
	unsigned int nr_cpus;	/* bits of each CPU map */
	bool affinity_broken;	/* getvcpuaffinity failed once: reported, maps shown as "-" */
	int status;
};

static void list_vcpu(struct vcpu_walk *w, domid_t domid, const char *name, unsigned int vcpu)
{
	static uint8_t hard[MAX_CPUS / 8], soft[MAX_CPUS / 8];
	struct xen_domctl_getvcpuinfo vi;
	struct ctrl *c = w->cx->ctrl;
	bool maps = !w->affinity_broken;

	if (ctrl_vcpu_getinfo(c, domid, vcpu, &vi)) {
		/* ESRCH: an id below max_vcpus the domain has no vCPU for. */
		if (errno != ESRCH)
			w->status = cli_call_error(w->cx, CTRL_CALL_DOMCTL,
						   "reading d%uv%u (domctl getvcpuinfo)", domid,
						   vcpu);
		return;
	}
	if (maps && ctrl_vcpu_getaffinity(c, domid, vcpu, hard, soft, w->nr_cpus)) {
		cli_call_error(w->cx, CTRL_CALL_DOMCTL, "reading vCPU affinity (domctl "
			       "getvcpuaffinity) of d%uv%u", domid, vcpu);
		cli_error(w->cx, "affinities are shown as '-'");
		w->affinity_broken = true;
		maps = false;
	}
	cli_vcpu_row(stdout, name, domid, vcpu, &vi, maps ? hard : NULL, maps ? soft : NULL,
		     w->nr_cpus);
}

static void list_domain(struct vcpu_walk *w, const struct xen_domctl_getdomaininfo *info)
{
	char buf[CLI_NAME_MAX];
	const char *name = cli_domain_name(info->domain, buf, sizeof(buf));
	struct ctrl_dominfo d;

	ctrl_dominfo_decode(info, &d);
	for (unsigned int vcpu = 0; vcpu < d.nr_vcpus; vcpu++)
		list_vcpu(w, d.domid, name, vcpu);
}

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	struct vcpu_walk w = { .cx = cx, .status = CLI_EXIT_OK };
	struct xen_domctl_getdomaininfo *infos, one;
	struct xen_sysctl_physinfo p;
	int n;

	if (!cli_ctrl(cx))
		return CLI_EXIT_FAIL;
	if (ctrl_physinfo(cx->ctrl, &p))
		return cli_call_error(cx, CTRL_CALL_SYSCTL,
				      "reading the machine (sysctl physinfo)");
	w.nr_cpus = p.max_cpu_id + 1 < MAX_CPUS ? p.max_cpu_id + 1 : MAX_CPUS;
	cli_vcpu_header(stdout);
	if (args->argc) {
		for (unsigned int i = 0; i < args->argc; i++) {
			if (cli_find_domain(cx, args->argv[i], &one))
				return CLI_EXIT_FAIL;
			list_domain(&w, &one);
		}
		return w.status;
	}
	n = cli_list_domains(cx, &infos);
	if (n < 0)
		return CLI_EXIT_FAIL;
	for (int i = 0; i < n; i++)
		list_domain(&w, &infos[i]);
	free(infos);
	return w.status;
}

const struct cli_command cli_cmd_vcpu_list = {
	.name = "vcpu-list",
	.summary = "List the vCPUs of all or some domains",
	.usage = "[Domain...]",
	.description =
		"Columns as xl's: Name, ID, VCPU, CPU (where it runs or last ran), State\n"
		"(r running, b blocked, p down), Time(s) (CPU time) and the hard / soft\n"
		"affinity ('all', 'none' or CPU ranges).",
	.min_args = 0,
	.max_args = CLI_MAX_ARGS,
	.run = run,
};
