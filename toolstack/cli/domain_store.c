/*
 * domain_store.c - the xenstore layout of a new domain (see domain_store.h). The node list is
 * pure; the writer and remover use libstore.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/domain_store.h"

void cli_domain_dom_path(unsigned int domid, char buf[CLI_XS_PATH_MAX])
{
	snprintf(buf, CLI_XS_PATH_MAX, "/local/domain/%u", domid);
}

void cli_domain_vm_path(const char *uuid, char buf[CLI_XS_PATH_MAX])
{
	snprintf(buf, CLI_XS_PATH_MAX, "/vm/%s", uuid);
}

enum perm_kind { PERM_INHERIT, PERM_RO, PERM_RW, PERM_DOM0 };

struct builder {
	struct cli_xs_node *out;
	unsigned int max, n;
	int err;
	unsigned int domid;
};

/* Append node base/fmt... with value (NULL: no value) and permissions kind. */
static void add(struct builder *b, enum perm_kind kind, const char *value, const char *fmt, ...)
{
	va_list ap;

	if (b->err)
		return;
	if (b->n == b->max) {
		b->err = -ENOSPC;
		return;
	}
	struct cli_xs_node *node = &b->out[b->n];
	memset(node, 0, sizeof(*node));
	va_start(ap, fmt);
	int len = vsnprintf(node->path, sizeof(node->path), fmt, ap);
	va_end(ap);
	if (len < 0 || (size_t)len >= sizeof(node->path) ||
	    (value && strlen(value) >= sizeof(node->value))) {
		b->err = -ENAMETOOLONG;
		return;
	}
	if (value) {
		strcpy(node->value, value);
		node->has_value = true;
	}
	switch (kind) {
	case PERM_RO: /* libxl's roperm: owner dom0, the domain may read */
		node->perms[0] = (struct xs_perm){0, XS_PERM_NONE};
		node->perms[1] = (struct xs_perm){b->domid, XS_PERM_READ};
		node->nr_perms = 2;
		break;
	case PERM_RW: /* rwperm: owned by the domain */
		node->perms[0] = (struct xs_perm){b->domid, XS_PERM_NONE};
		node->nr_perms = 1;
		break;
	case PERM_DOM0: /* noperm: dom0's alone */
		node->perms[0] = (struct xs_perm){0, XS_PERM_NONE};
		node->nr_perms = 1;
		break;
	case PERM_INHERIT:
		break;
	}
	b->n++;
}

static const char *num(char buf[32], uint64_t v)
{
	snprintf(buf, 32, "%" PRIu64, v);
	return buf;
}

int cli_domain_nodes(const struct cli_domain_layout *l, struct cli_xs_node *out,
		     unsigned int max)
{
	struct builder b = {.out = out, .max = max, .domid = l->domid};
	char dom[CLI_XS_PATH_MAX], vm[CLI_XS_PATH_MAX], n[32];
	static const char *const rw_dirs[] = {"device", "data", "drivers", "feature", "attr",
					      "error"};
	static const char *const control_rw[] = {"shutdown", "feature-poweroff",
						 "feature-reboot", "feature-suspend", "sysrq"};

	cli_domain_dom_path(l->domid, dom);
	cli_domain_vm_path(l->uuid, vm);
	add(&b, PERM_RO, NULL, "%s", dom);
	add(&b, PERM_RO, NULL, "%s", vm);
	add(&b, PERM_DOM0, NULL, "/libxl/%u", l->domid);
	add(&b, PERM_INHERIT, "pv", "/libxl/%u/type", l->domid);
	add(&b, PERM_INHERIT, vm, "%s/vm", dom);
	add(&b, PERM_INHERIT, l->name, "%s/name", dom);
	add(&b, PERM_INHERIT, num(n, l->domid), "%s/domid", dom);
	add(&b, PERM_RO, NULL, "%s/cpu", dom);
	for (unsigned int i = 0; i < l->max_vcpus; i++)
		add(&b, PERM_INHERIT, i < l->vcpus ? "online" : "offline", "%s/cpu/%u/availability",
		    dom, i);
	add(&b, PERM_RO, NULL, "%s/memory", dom);
	add(&b, PERM_INHERIT, num(n, l->max_kib), "%s/memory/static-max", dom);
	add(&b, PERM_INHERIT, num(n, l->target_kib), "%s/memory/target", dom);
	add(&b, PERM_INHERIT, "-1", "%s/memory/videoram", dom);
	add(&b, PERM_RO, NULL, "%s/control", dom);
	for (unsigned int i = 0; i < sizeof(control_rw) / sizeof(control_rw[0]); i++)
		add(&b, PERM_RW, NULL, "%s/control/%s", dom, control_rw[i]);
	add(&b, PERM_INHERIT, "1", "%s/control/platform-feature-multiprocessor-suspend", dom);
	add(&b, PERM_INHERIT, "1", "%s/control/platform-feature-xs_reset_watches", dom);
	for (unsigned int i = 0; i < sizeof(rw_dirs) / sizeof(rw_dirs[0]); i++)
		add(&b, PERM_RW, NULL, "%s/%s", dom, rw_dirs[i]);
	add(&b, PERM_INHERIT, num(n, l->store_port), "%s/store/port", dom);
	add(&b, PERM_INHERIT, num(n, l->store_mfn), "%s/store/ring-ref", dom);
	add(&b, PERM_RW, NULL, "%s/console", dom);
	add(&b, PERM_INHERIT, num(n, l->console_port), "%s/console/port", dom);
	add(&b, PERM_INHERIT, num(n, l->console_mfn), "%s/console/ring-ref", dom);
	add(&b, PERM_INHERIT, num(n, CLI_CONSOLE_LIMIT_BYTES), "%s/console/limit", dom);
	add(&b, PERM_INHERIT, "xenconsoled", "%s/console/type", dom);
	add(&b, PERM_INHERIT, "pty", "%s/console/output", dom);
	add(&b, PERM_INHERIT, "", "%s/console/tty", dom);
	add(&b, PERM_INHERIT, l->uuid, "%s/uuid", vm);
	add(&b, PERM_INHERIT, l->name, "%s/name", vm);
	add(&b, PERM_INHERIT, num(n, l->start_time_s), "%s/start_time", vm);
	add(&b, PERM_INHERIT, "linux", "%s/image/ostype", vm);
	if (l->kernel)
		add(&b, PERM_INHERIT, l->kernel, "%s/image/kernel", vm);
	if (l->ramdisk)
		add(&b, PERM_INHERIT, l->ramdisk, "%s/image/ramdisk", vm);
	if (l->cmdline)
		add(&b, PERM_INHERIT, l->cmdline, "%s/image/cmdline", vm);
	return b.err ? b.err : (int)b.n;
}

#define MAX_NODES 160
#define TRANSACTION_TRIES 8

static int write_nodes(struct xs_handle *xs, uint32_t tx, const struct cli_xs_node *nodes, int n)
{
	for (int i = 0; i < n; i++) {
		const struct cli_xs_node *node = &nodes[i];
		int rc = node->has_value ? xs_write(xs, tx, node->path, node->value,
						    (unsigned int)strlen(node->value))
					 : xs_mkdir(xs, tx, node->path);
		if (!rc && node->nr_perms)
			rc = xs_set_perms(xs, tx, node->path, node->perms, node->nr_perms);
		if (rc)
			return rc;
	}
	return 0;
}

int cli_domain_store_write(struct xs_handle *xs, const struct cli_domain_layout *l)
{
	struct cli_xs_node *nodes = calloc(MAX_NODES, sizeof(*nodes));
	int n, rc = -ENOMEM;

	if (!nodes)
		return rc;
	n = cli_domain_nodes(l, nodes, MAX_NODES);
	rc = n < 0 ? n : -EAGAIN;
	for (int t = 0; n >= 0 && rc == -EAGAIN && t < TRANSACTION_TRIES; t++) {
		uint32_t tx;
		rc = xs_transaction_start(xs, &tx);
		if (rc)
			break;
		rc = write_nodes(xs, tx, nodes, n);
		int end = xs_transaction_end(xs, tx, rc != 0);
		if (!rc)
			rc = end;
	}
	free(nodes);
	if (!rc)
		rc = xs_introduce_domain(xs, l->domid, l->store_mfn, l->store_port);
	return rc;
}

int cli_domain_store_remove(struct xs_handle *xs, unsigned int domid)
{
	char dom[CLI_XS_PATH_MAX], path[CLI_XS_PATH_MAX + 8], *vm = NULL;
	unsigned int len;
	int rc;

	cli_domain_dom_path(domid, dom);
	snprintf(path, sizeof(path), "%s/vm", dom);
	if (xs_read(xs, 0, path, &vm, &len) == 0 && vm && !strncmp(vm, "/vm/", 4))
		xs_rm(xs, 0, vm);
	free(vm);
	xs_release_domain(xs, domid); /* not introduced (a failed create): nothing to release */
	snprintf(path, sizeof(path), "/libxl/%u", domid);
	rc = xs_rm(xs, 0, path);
	if (rc && rc != -ENOENT)
		return rc;
	rc = xs_rm(xs, 0, dom);
	if (rc && rc != -ENOENT)
		return rc;
	/* The parents the toolstack made go with the last domain: no node is left behind. */
	static const char *const parents[] = {"/vm", "/libxl"};
	for (unsigned int i = 0; i < 2; i++) {
		char **names = NULL;
		unsigned int n = 0;
		if (xs_directory(xs, 0, parents[i], &names, &n) == 0 && n == 0)
			xs_rm(xs, 0, parents[i]);
		free(names);
	}
	return 0;
}
