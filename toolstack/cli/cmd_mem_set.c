/*
 * cmd_mem_set.c - `lamina mem-set <Domain> <Mem>`: set a domain's balloon target, as xl's
 * mem-set does (Xen 4.17 libxl_set_memory_target with enforce): the hypervisor's limit
 * (XEN_DOMCTL_max_mem) becomes the target, then the target goes to
 * /local/domain/<id>/memory/target (KiB), which the guest's balloon driver watches
 * (Linux drivers/xen/xen-balloon.c) and meets by giving pages back or taking them again.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/domain_store.h"

#define MIN_DOM0_KIB (128 * 1024) /* libxl's LIBXL_MIN_DOM0_MEM */

/* Read the KiB figure at /local/domain/<id>/<node>. 0, or a negative errno. */
static int read_kib(struct xs_handle *xs, domid_t domid, const char *node, uint64_t *kib)
{
	char path[CLI_XS_PATH_MAX + 32], *value = NULL, *end;
	unsigned int len;

	cli_domain_dom_path(domid, path);
	strcat(path, node);
	int rc = xs_read(xs, 0, path, &value, &len);
	if (rc)
		return rc;
	errno = 0;
	*kib = strtoull(value, &end, 10);
	rc = errno || end == value || *end ? -EINVAL : 0;
	free(value);
	return rc;
}

static int write_kib(struct xs_handle *xs, domid_t domid, const char *node, uint64_t kib)
{
	char path[CLI_XS_PATH_MAX + 32], value[24];

	cli_domain_dom_path(domid, path);
	strcat(path, node);
	snprintf(value, sizeof(value), "%" PRIu64, kib);
	return xs_write(xs, 0, path, value, (unsigned int)strlen(value));
}

/*
 * dom0 has no memory nodes until a toolstack writes them (Xen's xen-init-dom0 does not):
 * start them, as libxl does, from what it has now and the most it may have.
 */
static int fill_dom0_nodes(struct xs_handle *xs, const struct xen_domctl_getdomaininfo *info)
{
	uint64_t now_kib = info->tot_pages * 4;
	/* An unlimited (or absurd) max_pages leaves static-max at what dom0 has now. */
	uint64_t max_kib = info->max_pages > UINT64_MAX / 4 ? now_kib : info->max_pages * 4;
	int rc = write_kib(xs, 0, "/memory/static-max", max_kib > now_kib ? max_kib : now_kib);

	return rc ? rc : write_kib(xs, 0, "/memory/target", now_kib);
}

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	struct xen_domctl_getdomaininfo info;
	struct xs_handle *xs;
	uint64_t target_kib, static_max_kib, old_kib;
	int rc;

	if (cli_parse_mem_kib(args->argv[1], &target_kib)) {
		cli_error(cx, "invalid memory size '%s' (a number, with b, k, m, g or t; MiB "
			      "without)", args->argv[1]);
		return CLI_EXIT_USAGE;
	}
	if (cli_find_domain(cx, args->argv[0], &info))
		return CLI_EXIT_FAIL;
	rc = xs_open(&xs);
	if (rc) {
		cli_error(cx, "cannot reach the xenstore daemon: %s", strerror(-rc));
		return CLI_EXIT_FAIL;
	}
	rc = CLI_EXIT_FAIL;
	if (info.domain == 0 && read_kib(xs, 0, "/memory/target", &old_kib) == -ENOENT &&
	    fill_dom0_nodes(xs, &info)) {
		cli_error(cx, "cannot write domain 0's memory nodes in xenstore");
		goto out;
	}
	if (read_kib(xs, info.domain, "/memory/static-max", &static_max_kib) ||
	    read_kib(xs, info.domain, "/memory/target", &old_kib)) {
		cli_error(cx, "domain %u has no memory/static-max or memory/target in xenstore "
			      "(not made by a toolstack?)", info.domain);
		goto out;
	}
	if (info.domain == 0 && target_kib < MIN_DOM0_KIB) {
		cli_error(cx, "%" PRIu64 " KiB is below domain 0's minimum of %u KiB", target_kib,
			  MIN_DOM0_KIB);
		goto out;
	}
	if (target_kib > static_max_kib) {
		cli_error(cx, "%" PRIu64 " KiB is above domain %u's maximum (memory/static-max, "
			      "%" PRIu64 " KiB: maxmem in its configuration)", target_kib,
			  info.domain, static_max_kib);
		goto out;
	}
	if (ctrl_domain_max_mem(cx->ctrl, info.domain, target_kib)) {
		rc = cli_call_error(cx, CTRL_CALL_DOMCTL, "setting domain %u's memory limit "
							  "(domctl max_mem)", info.domain);
		goto out;
	}
	int err = write_kib(xs, info.domain, "/memory/target", target_kib);
	if (err) {
		cli_error(cx, "writing domain %u's memory/target: %s", info.domain, strerror(-err));
		goto out;
	}
	rc = CLI_EXIT_OK;
out:
	xs_close(xs);
	return rc;
}

const struct cli_command cli_cmd_mem_set = {
	.name = "mem-set",
	.summary = "Set the current memory usage for a domain",
	.usage = "<Domain> <Mem>",
	.description = "Sets the domain's balloon target: its guest gives memory back, or takes\n"
		       "it again, until it has <Mem>. <Mem> is a number with a unit b, k, m, g or\n"
		       "t (MiB without one), at most the domain's maxmem. The hypervisor keeps the\n"
		       "domain at or below it from now on.",
	.min_args = 2,
	.max_args = 2,
	.run = run,
};
