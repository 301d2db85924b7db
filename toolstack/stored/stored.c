/*
 * stored.c - the daemon core as a whole: creation and teardown, the nodes of a fresh store,
 * logging, and the service loop over domain rings (API in stored.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stored/core.h"

void stored_quota_defaults(struct stored_quota *q)
{
	q->entries = 1000;
	q->node_bytes = 2048;
	q->watches = 128;
	q->transactions = 10;
	q->perms = 5;
	q->trans_nodes = 1024;
	q->path_chars = XENSTORE_REL_PATH_MAX;
}

void stored_log(struct stored *s, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (!s->ops.log)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	s->ops.log(s->ops.priv, line);
}

/* Special paths start with no access for anyone but dom0 (Xen's set_dom_perms_default). */
static int specials_init(struct stored *s)
{
	static const char *const names[STORED_SPECIALS] = {
	    [STORED_SPECIAL_INTRODUCE] = "@introduceDomain",
	    [STORED_SPECIAL_RELEASE] = "@releaseDomain",
	};

	for (int i = 0; i < STORED_SPECIALS; i++) {
		s->specials[i].name = names[i];
		s->specials[i].perms = calloc(1, sizeof(struct xs_perm));
		if (!s->specials[i].perms)
			return -ENOMEM;
		s->specials[i].nperms = 1;
	}
	return 0;
}

struct stored *stored_new(const struct stored_ops *ops, const struct stored_quota *quota)
{
	struct stored *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->ops = *ops;
	if (quota)
		s->quota = *quota;
	else
		stored_quota_defaults(&s->quota);
	if (stored_map_init(&s->nodes) || specials_init(s)) {
		stored_free(s);
		return NULL;
	}
	return s;
}

/* Free a domain struct without the ceremony of a release (the daemon is going away). */
static void domain_free_quietly(struct stored *s, struct stored_domain *d)
{
	if (d->conn)
		stored_conn_destroy(d->conn);
	if (d->intf && s->ops.unmap_ring)
		s->ops.unmap_ring(s->ops.priv, d->domid, d->intf);
	if (d->port && s->ops.unbind_port)
		s->ops.unbind_port(s->ops.priv, d->port);
	free(d);
}

void stored_free(struct stored *s)
{
	const struct stored_map_entry *e;

	if (!s)
		return;
	while (s->conns)
		stored_conn_destroy(s->conns);
	while (s->domains) {
		struct stored_domain *d = s->domains;

		s->domains = d->next;
		domain_free_quietly(s, d);
	}
	if (s->nodes.buckets) {
		for (e = stored_map_next(&s->nodes, NULL); e; e = stored_map_next(&s->nodes, e))
			stored_node_free(e->value);
		stored_map_destroy(&s->nodes);
	}
	for (int i = 0; i < STORED_SPECIALS; i++)
		free(s->specials[i].perms);
	free(s);
}

/* The three nodes xenstored writes itself (Xen 4.17 setup_structure/manual_node). */
static int manual_node(struct stored *s, const char *path, const char *child)
{
	static const struct xs_perm dom0_only = {0, XS_PERM_NONE};
	struct stored_node *n = stored_node_new(path, &dom0_only, 1);

	if (!n || (child && stored_node_add_child(n, child))) {
		stored_node_free(n);
		return -ENOMEM;
	}
	n->generation = ++s->generation;
	if (stored_map_put(&s->nodes, n->name, n)) {
		stored_node_free(n);
		return -ENOMEM;
	}
	return -stored_entry_add(s, NULL, 0, 1);
}

int stored_setup_structure(struct stored *s)
{
	/* What xen-init-dom0 (tools/helpers/xen-init-dom0.c, Xen 4.17) writes next. */
	static const char *const dom0_nodes[][2] = {
	    {"/local/domain/0/domid", "0"},
	    {"/local/domain/0/name", "Domain-0"},
	    {"/local/pool/0/name", "Pool-0"},
	};
	int rc = manual_node(s, "/", "tool");

	if (!rc)
		rc = manual_node(s, "/tool", "xenstored");
	if (!rc)
		rc = manual_node(s, "/tool/xenstored", NULL);
	for (size_t i = 0; !rc && i < sizeof(dom0_nodes) / sizeof(dom0_nodes[0]); i++)
		rc = -stored_tree_create(s, NULL, dom0_nodes[i][0], dom0_nodes[i][1],
					 strlen(dom0_nodes[i][1]), NULL);
	return rc;
}

/* One pass over the domain rings; true when a byte moved. */
static bool service_pass(struct stored *s)
{
	bool moved = false;
	unsigned int epoch;
	struct stored_domain *d;

restart:
	epoch = s->epoch;
	for (d = s->domains; d; d = d->next) {
		if (d->conn && stored_service_domain(d))
			moved = true;
		if (s->epoch != epoch)
			goto restart; /* a domain went: the list changed under us */
	}
	return moved;
}

bool stored_service(struct stored *s)
{
	for (int round = 0; round < STORED_SERVICE_ROUNDS; round++)
		if (!service_pass(s))
			return false;
	return true;
}

void stored_set_trace(struct stored *s, bool on)
{
	s->trace = on;
}

size_t stored_node_count(const struct stored *s)
{
	return s->nodes.count;
}

bool stored_port_is_domain(const struct stored *s, evtchn_port_t port)
{
	for (const struct stored_domain *d = s->domains; d; d = d->next)
		if (d->conn && d->port == port)
			return true;
	return false;
}
