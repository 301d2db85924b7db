/*
 * names_store.c - domain names and start times from xenstore, as xl reads them:
 * /local/domain/<id>/name, and start_time under the domain's /vm/<uuid> path (libxl's
 * layout, domain_store.h). `lamina` uses this source whenever the xenstore daemon answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/domain_store.h"

/* Read path into a new string (free it), or NULL. */
static char *read_node(struct xs_handle *xs, const char *path)
{
	char *value = NULL;
	unsigned int len;

	if (xs_read(xs, 0, path, &value, &len))
		return NULL;
	return value;
}

static int name_of(void *priv, domid_t domid, char *buf, size_t size)
{
	char path[CLI_XS_PATH_MAX + 8];

	cli_domain_dom_path(domid, path);
	strcat(path, "/name");
	char *name = read_node(priv, path);
	if (!name) /* dom0 before anyone named it: what xen-init-dom0 writes */
		return cli_names_domid_only.name_of(NULL, domid, buf, size);
	snprintf(buf, size, "%s", name);
	free(name);
	return 0;
}

static long long start_time(void *priv, domid_t domid)
{
	char path[CLI_XS_PATH_MAX + 16];
	long long t = -1;

	cli_domain_dom_path(domid, path);
	strcat(path, "/vm");
	char *vm = read_node(priv, path);
	if (!vm)
		return -1;
	snprintf(path, sizeof(path), "%s/start_time", vm);
	free(vm);
	char *value = read_node(priv, path);
	if (value)
		t = atoll(value);
	free(value);
	return t;
}

void cli_names_use_xenstore(void)
{
	static struct cli_names names = {.source = "xenstore", .name_of = name_of,
					 .start_time = start_time};
	struct xs_handle *xs;

	/* The daemon's socket only: the kernel's xenbus device would wait for a dead daemon. */
	const char *path = getenv("XENSTORED_PATH");
	if (xs_open_socket(path ? path : "/var/run/xenstored/socket", &xs))
		return; /* no daemon: stay with domain ids */
	names.priv = xs;
	cli_names_use(&names);
}
