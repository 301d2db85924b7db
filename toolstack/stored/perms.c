/*
 * perms.c - who may do what to a node (API in core.h).
 *
 * The rules, from docs/misc/xenstore.txt and xenstored_core.c / xenstored_domain.c (Xen 4.17):
 *  1. Privileged connections (sockets, dom0) may do everything; so may the node's owner (the
 *     first entry's domain) and a domain whose XS_SET_TARGET target owns it.
 *  2. Otherwise the first later entry naming the connection's domain (or its target) gives its
 *     rights; with none, the owner entry's bits are everyone's rights.
 *  3. Entries flagged XS_PERM_IGNORE do not count: they name a domain that did not exist when
 *     they were set, or one that was created after the node was last written - so a new
 *     domain reusing a domid inherits nothing.
 *  4. A request for a node the connection may not access fails with EACCES; one for a missing
 *     node says ENOENT only when the connection may access its closest existing ancestor,
 *     and EACCES otherwise, so errors leak nothing about hidden nodes.
 *  5. Only the owner (or a privileged connection) changes permissions (XS_PERM_OWNER); only
 *     privileged connections change the owner (EPERM).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stored/core.h"

/* Does entry @p name @c's domain or its target? */
static bool names_conn(const struct stored_conn *c, const struct xs_perm *p)
{
	return p->id == c->id || (c->target && p->id == c->target->id);
}

unsigned int stored_perm_for(const struct stored_conn *c, const struct xs_perm *perms,
			     unsigned int nperms)
{
	const unsigned int all = XS_PERM_READ | XS_PERM_WRITE | XS_PERM_OWNER;

	if (!stored_conn_unprivileged(c) || names_conn(c, &perms[0]))
		return all;
	for (unsigned int i = 1; i < nperms; i++)
		if (!(perms[i].perms & XS_PERM_IGNORE) && names_conn(c, &perms[i]))
			return perms[i].perms & all;
	return perms[0].perms & all;
}

/* Rule 4: what @c may learn about a missing or hidden @path. */
static int errno_from_parents(struct stored_conn *c, const char *path, int err, unsigned int perm)
{
	char *name = strdup(path), *up;
	const struct stored_node *n = NULL;
	unsigned int have = XS_PERM_NONE;
	int rerr = err;

	while (name && strcmp(name, "/")) {
		up = stored_parent(name);
		free(name);
		name = up;
		if (!name)
			break;
		n = stored_tree_read(c->s, c, name, &rerr);
		if (n || rerr == ENOMEM || rerr == ENOSPC)
			break;
	}
	free(name);
	if (!n && (rerr == ENOMEM || rerr == ENOSPC))
		return rerr;
	if (n)
		have = stored_perm_for(c, n->perms, n->nperms);
	return have & perm ? err : EACCES;
}

const struct stored_node *stored_get_node(struct stored_conn *c, const char *path,
					  unsigned int perm, int *err)
{
	const struct stored_node *n;

	if (!stored_path_valid(c->s, path)) {
		*err = EINVAL;
		return NULL;
	}
	n = stored_tree_read(c->s, c, path, err);
	if (n && (stored_perm_for(c, n->perms, n->nperms) & perm) != perm) {
		*err = EACCES;
		n = NULL;
	}
	if (!n && *err != ENOMEM && *err != ENOSPC)
		*err = errno_from_parents(c, path, *err, perm);
	return n;
}

int stored_perms_parse(struct stored *s, const char *strs, unsigned int n, struct xs_perm **out)
{
	struct xs_perm *perms = calloc(n, sizeof(*perms));

	if (!perms)
		return ENOMEM;
	for (unsigned int i = 0; i < n; i++, strs += strlen(strs) + 1) {
		if (xs_perm_parse(strs, &perms[i])) {
			free(perms);
			return EINVAL;
		}
		if (!stored_domain_exists(s, perms[i].id))
			perms[i].perms |= XS_PERM_IGNORE;
	}
	if (perms[0].perms & XS_PERM_IGNORE) {
		free(perms);
		return ENOENT;
	}
	*out = perms;
	return 0;
}

void stored_perms_mark_stale(struct stored *s, struct stored_node *n)
{
	for (unsigned int i = 1; i < n->nperms; i++) {
		const struct stored_domain *d;

		if (n->perms[i].perms & XS_PERM_IGNORE)
			continue;
		d = stored_domain_find(s, n->perms[i].id);
		if (!d || d->generation > n->generation)
			n->perms[i].perms |= XS_PERM_IGNORE;
	}
}

struct stored_special *stored_special(struct stored *s, const char *name)
{
	for (int i = 0; i < STORED_SPECIALS; i++)
		if (!strcmp(s->specials[i].name, name))
			return &s->specials[i];
	return NULL;
}
