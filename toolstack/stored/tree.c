/*
 * tree.c - paths, and reading, writing, creating and removing nodes in a connection's view of
 * the store: the store itself, or its current transaction (transaction.c), which records every
 * access (API in core.h).
 *
 * Rules (docs/misc/xenstore.txt and xenstored_core.c, Xen 4.17):
 *  - every existing node's parents exist; a node's children list names exactly its children;
 *  - a new node inherits its parent's permissions; one created by an unprivileged domain is
 *    owned by that domain (the rest of the list stays as inherited);
 *  - every change gives the node a new generation (the store's counter, incremented first);
 *  - removal takes the whole subtree, firing a watch event per node: for the removed path as
 *    for any change, for the nodes below it only for watches on exactly their path.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stored/core.h"

/* "/local/domain/<1-5 digits>/": the part of a path its length limit does not count. */
static size_t local_prefix_len(const char *path)
{
	static const char prefix[] = "/local/domain/";
	size_t len = sizeof(prefix) - 1, digits = 0;

	if (strncmp(path, prefix, len))
		return 0;
	while (digits < 5 && path[len + digits] >= '0' && path[len + digits] <= '9')
		digits++;
	if (!digits || path[len + digits] != '/')
		return 0;
	return len + digits + 1;
}

bool stored_path_valid(const struct stored *s, const char *path)
{
	static const char ok[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-/_@";
	size_t len = strlen(path);

	if (path[0] != '/')
		return false;
	if (len > 1 && path[len - 1] == '/')
		return false;
	if (strstr(path, "//"))
		return false;
	if (len > local_prefix_len(path) + s->quota.path_chars)
		return false;
	return strspn(path, ok) == len;
}

char *stored_canonical(const struct stored_conn *c, const char *path)
{
	const char *base;
	char *abs;

	if (path[0] == '/' || path[0] == '@')
		return strdup(path);
	base = stored_conn_implicit_path(c);
	abs = malloc(strlen(base) + 1 + strlen(path) + 1);
	if (abs)
		sprintf(abs, "%s/%s", base, path);
	return abs;
}

char *stored_parent(const char *path)
{
	const char *slash = strrchr(path + 1, '/');

	return slash ? strndup(path, (size_t)(slash - path)) : strdup("/");
}

const struct stored_node *stored_tree_global(const struct stored *s, const char *path)
{
	struct stored_node *n = stored_map_get(&s->nodes, path);

	if (n)
		stored_perms_mark_stale((struct stored *)s, n);
	return n;
}

const struct stored_node *stored_tree_read(struct stored *s, struct stored_conn *c,
					   const char *path, int *err)
{
	const struct stored_node *n;

	if (c && c->trans)
		return stored_trans_read(c->trans, path, err);
	n = stored_tree_global(s, path);
	if (!n)
		*err = ENOENT;
	return n;
}

/* Install @n in @c's view; @quota: apply the node-size limit (not for shrinking writes). */
static int tree_put(struct stored *s, struct stored_conn *c, struct stored_node *n, bool quota)
{
	struct stored_node *old;

	if (quota && stored_conn_unprivileged(c) &&
	    stored_node_acct_bytes(n) >= s->quota.node_bytes) {
		stored_node_free(n);
		return ENOSPC;
	}
	n->generation = ++s->generation;
	if (c && c->trans)
		return stored_trans_put(c->trans, n);
	old = stored_map_get(&s->nodes, n->name);
	if (stored_map_put(&s->nodes, n->name, n)) {
		stored_node_free(n);
		return ENOMEM;
	}
	stored_node_free(old);
	return 0;
}

int stored_tree_write(struct stored *s, struct stored_conn *c, struct stored_node *n)
{
	int err = tree_put(s, c, n, true);

	if (err == ENOSPC && c && c->trans)
		stored_trans_fail(c->trans);
	return err;
}

/* Remove the single node @path from @c's view. */
static void tree_delete(struct stored *s, struct stored_conn *c, const char *path)
{
	s->generation++;
	if (c && c->trans) {
		stored_trans_delete(c->trans, path);
		return;
	}
	stored_node_free(stored_map_remove(&s->nodes, path));
}

/* Free @nn nodes (NULL allowed) and @n names, and both arrays. */
static void free_chain(struct stored_node **nodes, int nn, char **names, int n)
{
	for (int i = 0; i < nn; i++)
		stored_node_free(nodes[i]);
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(nodes);
	free(names);
}

/* The missing part of @path: *@chain gets @path and each missing ancestor, deepest first;
 * *@top the closest existing ancestor. Returns the number of missing nodes, or -errno. */
static int missing_chain(struct stored *s, struct stored_conn *c, const char *path, char ***chain,
			 const struct stored_node **top)
{
	char **names = NULL, **grown, *name = strdup(path);
	int n = 0, err = ENOMEM;

	while (name) {
		grown = realloc(names, (size_t)(n + 1) * sizeof(*names));
		if (!grown)
			break;
		names = grown;
		names[n++] = name;
		name = stored_parent(name);
		if (!name)
			break;
		*top = stored_tree_read(s, c, name, &err);
		if (*top) {
			free(name);
			*chain = names;
			return n;
		}
		if (err != ENOENT || !strcmp(name, "/"))
			break; /* no root: the store is empty */
	}
	free(name);
	free_chain(NULL, 0, names, n);
	return -err;
}

/* Build the new nodes of @names under a copy of @top: nodes[n] is that copy. */
static int build_chain(struct stored_conn *c, const struct stored_node *top, char **names, int n,
		       const void *value, size_t len, struct stored_node **nodes)
{
	const struct stored_node *parent = top;

	nodes[n] = stored_node_dup(top);
	if (!nodes[n])
		return ENOMEM;
	for (int i = n - 1; i >= 0; i--) {
		nodes[i] = stored_node_new(names[i], parent->perms, parent->nperms);
		if (!nodes[i] ||
		    stored_node_add_child(nodes[i + 1], stored_node_basename(names[i])))
			return ENOMEM;
		if (stored_conn_unprivileged(c))
			nodes[i]->perms[0].id = c->id;
		parent = nodes[i];
	}
	return stored_node_set_value(nodes[0], value, len) ? ENOMEM : 0;
}

/* Quotas an unprivileged creator must meet before the @n new nodes are written. */
static int check_create_quota(struct stored *s, struct stored_conn *c, struct stored_node **nodes,
			      int n)
{
	int owned = stored_entry_count(c);

	if (!stored_conn_unprivileged(c))
		return 0;
	if (c->trans ? owned >= (int)s->quota.entries : owned + n > (int)s->quota.entries)
		return ENOSPC;
	for (int i = 0; i <= n; i++)
		if (stored_node_acct_bytes(nodes[i]) >= s->quota.node_bytes)
			return ENOSPC;
	return 0;
}

/* Count the @n new nodes for their owners; undone on failure. */
static int count_new_entries(struct stored *s, struct stored_conn *c, struct stored_node **nodes,
			     int n)
{
	for (int i = 0; i < n; i++) {
		int err = stored_entry_add(s, c, nodes[i]->perms[0].id, 1);

		if (err) {
			while (i-- > 0)
				stored_entry_add(s, c, nodes[i]->perms[0].id, -1);
			return err;
		}
	}
	return 0;
}

int stored_tree_create(struct stored *s, struct stored_conn *c, const char *path, const void *value,
		       size_t len, const struct stored_node **created)
{
	const struct stored_node *top = NULL;
	struct stored_node **nodes;
	char **names = NULL;
	int n = missing_chain(s, c, path, &names, &top), err;

	if (n < 0)
		return -n;
	nodes = calloc((size_t)n + 1, sizeof(*nodes));
	err = nodes ? build_chain(c, top, names, n, value, len, nodes) : ENOMEM;
	if (!err)
		err = check_create_quota(s, c, nodes, n);
	if (!err)
		err = count_new_entries(s, c, nodes, n);
	if (err) {
		free_chain(nodes, nodes ? n + 1 : 0, names, n);
		return err;
	}
	if (created)
		*created = nodes[0];
	/* Children before parents, as Xen writes them; written nodes belong to the view. */
	for (int i = 0; i <= n && !err; i++) {
		err = tree_put(s, c, nodes[i], false);
		nodes[i] = NULL;
	}
	if (c && c->trans)
		stored_trans_node_created(c->trans);
	free_chain(nodes, n + 1, names, n);
	return err;
}

/* Remove @path and its subtree, deepest first; @root is the path the removal was asked for. */
static int rm_subtree(struct stored *s, struct stored_conn *c, const char *path, const char *root)
{
	const struct stored_node *n;
	char *children, *child;
	uint32_t clen;
	int err;

	n = stored_tree_read(s, c, path, &err);
	if (!n)
		return err == ENOENT ? 0 : err; /* a child already gone is no error */
	clen = n->clen;
	children = malloc(clen + 1);
	if (!children)
		return ENOMEM;
	if (clen)
		memcpy(children, n->children, clen);
	for (uint32_t off = 0; off < clen; off += (uint32_t)strlen(children + off) + 1) {
		child = malloc(strlen(path) + strlen(children + off) + 2);
		if (!child) {
			free(children);
			return ENOMEM;
		}
		sprintf(child, "%s/%s", strcmp(path, "/") ? path : "", children + off);
		err = rm_subtree(s, c, child, root);
		free(child);
		if (err) {
			free(children);
			return err;
		}
	}
	free(children);
	n = stored_tree_read(s, c, path, &err);
	if (!n)
		return err == ENOENT ? 0 : err;
	stored_fire_watches(s, c, path, n, strcmp(path, root) != 0, NULL, 0);
	stored_entry_add(s, c, n->perms[0].id, -1);
	tree_delete(s, c, path);
	return 0;
}

int stored_tree_rm(struct stored *s, struct stored_conn *c, const char *path)
{
	char *pname = stored_parent(path);
	const struct stored_node *parent;
	struct stored_node *copy;
	int err = ENOMEM;

	if (!pname)
		return ENOMEM;
	parent = stored_tree_read(s, c, pname, &err);
	if (!parent) {
		free(pname);
		return err == ENOMEM || err == ENOSPC ? err : EINVAL;
	}
	err = rm_subtree(s, c, path, path);
	parent = err ? NULL : stored_tree_read(s, c, pname, &err);
	free(pname);
	if (!parent)
		return err;
	copy = stored_node_dup(parent);
	if (!copy)
		return ENOMEM;
	stored_node_del_child(copy, stored_node_basename(path));
	return tree_put(s, c, copy, false);
}
