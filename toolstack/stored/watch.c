/*
 * watch.c - watches and their events (API in core.h).
 *
 * Rules (docs/misc/xenstore.txt, xenstored_watch.c; Xen 4.17):
 *  - a watch on <wpath> with <token> matches a change of <wpath> or of any path below it; a
 *    watch on "/" matches every path; a node removed because a parent was removed only
 *    matches watches on exactly its own path;
 *  - a relative <wpath> (a domain's, taken under its /local/domain/<domid>) gets relative
 *    event paths;
 *  - the watch fires once at registration, with <wpath> as given;
 *  - special paths: "@introduceDomain" fires on XS_INTRODUCE, "@releaseDomain" when a domain
 *    shuts down, crashes, dies or is released; they match exactly, and reach only connections
 *    the special path's permissions (XS_SET_PERMS on it) let read;
 *  - an event reaches a connection only if it may read the node, its parent, or - for a
 *    permission change - the node under its old permissions;
 *  - a watch on the same path with the same token twice is EEXIST; a domain holding more
 *    than quota.watches watches gets E2BIG. XS_WATCH's tx_id is ignored.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stored/core.h"

/* Is @path @parent or below it? */
static bool is_child(const char *path, const char *parent)
{
	size_t len = strlen(parent);

	if (!strcmp(parent, "/"))
		return true;
	return !strncmp(path, parent, len) && (path[len] == '/' || path[len] == 0);
}

/* The event path @c gets for a change of @path through @w: relative for relative watches. */
static const char *event_path(const struct stored_conn *c, const struct stored_watch *w,
			      const char *path)
{
	if (w->relative) {
		path += strlen(stored_conn_implicit_path(c));
		if (*path == '/')
			path++;
	}
	return path;
}

/* May @c hear about a change of @path (node @n, or NULL when it is gone)? */
static bool watch_permitted(struct stored *s, const struct stored_conn *c, const char *path,
			    const struct stored_node *n, const struct xs_perm *old,
			    unsigned int old_n)
{
	const struct stored_node *parent;
	char *pname;

	if (old && (stored_perm_for(c, old, old_n) & XS_PERM_READ))
		return true;
	if (!n)
		n = stored_tree_global(s, path);
	if (!n)
		return false;
	if (stored_perm_for(c, n->perms, n->nperms) & XS_PERM_READ)
		return true;
	pname = stored_parent(path);
	parent = pname ? stored_tree_global(s, pname) : NULL;
	free(pname);
	return parent && (stored_perm_for(c, parent->perms, parent->nperms) & XS_PERM_READ);
}

void stored_fire_watches(struct stored *s, struct stored_conn *c, const char *path,
			 const struct stored_node *n, bool exact, const struct xs_perm *old_perms,
			 unsigned int old_nperms)
{
	const struct stored_special *sp = path[0] == '@' ? stored_special(s, path) : NULL;

	if (c && c->trans) {
		stored_trans_queue_watch(c->trans, path, exact);
		return;
	}
	for (struct stored_conn *i = s->conns; i; i = i->next) {
		if (!i->watches || i->ignored)
			continue;
		if (path[0] == '@') {
			if (!sp || !(stored_perm_for(i, sp->perms, sp->nperms) & XS_PERM_READ))
				continue;
		} else if (!watch_permitted(s, i, path, n, old_perms, old_nperms)) {
			continue;
		}
		for (const struct stored_watch *w = i->watches; w; w = w->next) {
			if (exact ? !strcmp(path, w->node) : is_child(path, w->node))
				stored_send_event(i, event_path(i, w, path), w->token);
		}
	}
}

static void watch_free(struct stored_conn *c, struct stored_watch *w)
{
	if (c->domain && c->domain->nbwatch)
		c->domain->nbwatch--;
	free(w->node);
	free(w->token);
	free(w);
}

void stored_watch_free_all(struct stored_conn *c)
{
	while (c->watches) {
		struct stored_watch *w = c->watches;

		c->watches = w->next;
		watch_free(c, w);
	}
}

/* The absolute form of watch path @path for @c; NULL with *@err when it is not acceptable. */
static char *watch_node(struct stored_conn *c, const char *path, int *err)
{
	char *node;

	*err = EINVAL;
	if (path[0] == '@')
		return strlen(path) > XENSTORE_REL_PATH_MAX ? NULL : strdup(path);
	node = stored_canonical(c, path);
	if (node && !stored_path_valid(c->s, node)) {
		free(node);
		return NULL;
	}
	if (!node)
		*err = ENOMEM;
	return node;
}

static struct stored_watch *find_watch(struct stored_conn *c, const char *node, const char *token)
{
	for (struct stored_watch *w = c->watches; w; w = w->next)
		if (!strcmp(w->node, node) && !strcmp(w->token, token))
			return w;
	return NULL;
}

/* Append a watch to @c (order matters: events go out in registration order). */
static struct stored_watch *add_watch(struct stored_conn *c, char *node, const char *token,
				      bool relative)
{
	struct stored_watch *w = calloc(1, sizeof(*w)), **pw = &c->watches;

	if (!w || !(w->token = strdup(token))) {
		free(w);
		return NULL;
	}
	w->node = node;
	w->relative = relative;
	while (*pw)
		pw = &(*pw)->next;
	*pw = w;
	if (c->domain)
		c->domain->nbwatch++;
	return w;
}

int stored_do_watch(struct stored_conn *c, const struct xs_msg *m)
{
	const char *vec[2];
	struct stored_watch *w;
	char *node;
	int err;

	if (xs_get_strings(m->body, m->hdr.len, vec, 2) != 2)
		return EINVAL;
	node = watch_node(c, vec[0], &err);
	if (!node)
		return err;
	if (find_watch(c, node, vec[1])) {
		free(node);
		return EEXIST;
	}
	if (stored_conn_unprivileged(c) && c->domain->nbwatch > c->s->quota.watches) {
		free(node);
		return E2BIG;
	}
	w = add_watch(c, node, vec[1], vec[0][0] != '/' && vec[0][0] != '@');
	if (!w) {
		free(node);
		return ENOMEM;
	}
	err = stored_reply_ok(c);
	stored_send_event(c, event_path(c, w, w->node), w->token);
	return err;
}

int stored_do_unwatch(struct stored_conn *c, const struct xs_msg *m)
{
	const char *vec[2];
	struct stored_watch *w, **pw;
	char *node;

	if (xs_get_strings(m->body, m->hdr.len, vec, 2) != 2)
		return EINVAL;
	node = stored_canonical(c, vec[0]);
	if (!node)
		return ENOMEM;
	w = find_watch(c, node, vec[1]);
	free(node);
	if (!w)
		return ENOENT;
	for (pw = &c->watches; *pw != w; pw = &(*pw)->next)
		;
	*pw = w->next;
	watch_free(c, w);
	return stored_reply_ok(c);
}

int stored_do_reset_watches(struct stored_conn *c, const struct xs_msg *m)
{
	stored_watch_free_all(c);
	stored_trans_free_all(c);
	return stored_reply_ok(c);
}
