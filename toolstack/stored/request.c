/*
 * request.c - dispatch of requests by type, and the handlers of the node requests: READ,
 * WRITE, MKDIR, RM, DIRECTORY, DIRECTORY_PART, GET_PERMS, SET_PERMS.
 *
 * Payloads and replies are those of docs/misc/xenstore.txt; the checks and their order, and
 * so the errno a bad request gets, follow Xen 4.17's xenstored_core.c. A handler returns 0
 * once it queued its reply, or an errno that becomes an XS_ERROR reply.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stored/core.h"

/* Look up the node a request names (its first string), canonicalised, with access @perm. */
static const struct stored_node *request_node(struct stored_conn *c, const char *arg,
					      unsigned int perm, char **name, int *err)
{
	*name = NULL;
	if (!arg) {
		*err = EINVAL;
		return NULL;
	}
	*name = stored_canonical(c, arg);
	if (!*name) {
		*err = ENOMEM;
		return NULL;
	}
	return stored_get_node(c, *name, perm, err);
}

static int do_read(struct stored_conn *c, const struct xs_msg *m)
{
	char *name;
	int err;
	const struct stored_node *n =
	    request_node(c, xs_onearg(m->body, m->hdr.len), XS_PERM_READ, &name, &err);

	free(name);
	return n ? stored_reply(c, XS_READ, n->value, n->vlen) : err;
}

static int do_directory(struct stored_conn *c, const struct xs_msg *m)
{
	char *name;
	int err;
	const struct stored_node *n =
	    request_node(c, xs_onearg(m->body, m->hdr.len), XS_PERM_READ, &name, &err);

	free(name);
	return n ? stored_reply(c, XS_DIRECTORY, n->children, n->clen) : err;
}

/*
 * The children from byte @off of the list, as many whole names as fit one payload after the
 * generation; the part that reaches the list's end carries an extra NUL (an empty name).
 */
static int reply_directory_part(struct stored_conn *c, const struct stored_node *n, size_t off)
{
	char *buf = malloc(XENSTORE_PAYLOAD_MAX);
	size_t glen, len = 0, max;
	int rc;

	if (!buf)
		return ENOMEM;
	glen = (size_t)snprintf(buf, XS_U64_STRING_MAX, "%" PRIu64, n->generation) + 1;
	max = XENSTORE_PAYLOAD_MAX - glen - 1;
	if (off < n->clen) {
		const char *child = n->children + off;

		while (len + strlen(child) < max) {
			len += strlen(child) + 1;
			child += strlen(child) + 1;
			if (off + len == n->clen)
				break;
		}
		memcpy(buf + glen, n->children + off, len);
	}
	if (off + len >= n->clen)
		buf[glen + len++] = 0;
	rc = stored_reply(c, XS_DIRECTORY_PART, buf, glen + len);
	free(buf);
	return rc;
}

static int do_directory_part(struct stored_conn *c, const struct xs_msg *m)
{
	const char *vec[2];
	char *name;
	int err;
	const struct stored_node *n;

	if (xs_get_strings(m->body, m->hdr.len, vec, 2) != 2)
		return EINVAL;
	n = request_node(c, vec[0], XS_PERM_READ, &name, &err);
	free(name);
	return n ? reply_directory_part(c, n, (size_t)strtoul(vec[1], NULL, 10)) : err;
}

static int do_get_perms(struct stored_conn *c, const struct xs_msg *m)
{
	char buf[XENSTORE_PAYLOAD_MAX], *name;
	size_t len = 0;
	int err;
	const struct stored_node *n =
	    request_node(c, xs_onearg(m->body, m->hdr.len), XS_PERM_READ, &name, &err);

	free(name);
	if (!n)
		return err;
	for (unsigned int i = 0; i < n->nperms; i++) {
		int w = xs_perm_format(&n->perms[i], buf + len, sizeof(buf) - len);

		if (w < 0 || (size_t)w >= sizeof(buf) - len)
			return w < 0 ? EINVAL : E2BIG;
		len += (size_t)w + 1;
	}
	return stored_reply(c, XS_GET_PERMS, buf, len);
}

/* Create @name with a value, or replace the value of the node @n there. */
static int write_value(struct stored_conn *c, const char *name, const struct stored_node *n,
		       const void *value, size_t len)
{
	struct stored_node *copy;
	const struct stored_node *created;
	int err;

	if (!n) {
		err = stored_tree_create(c->s, c, name, value, len, &created);
		if (!err)
			stored_fire_watches(c->s, c, name, created, false, NULL, 0);
		return err;
	}
	copy = stored_node_dup(n);
	if (!copy || stored_node_set_value(copy, value, len)) {
		stored_node_free(copy);
		return ENOMEM;
	}
	err = stored_tree_write(c->s, c, copy);
	if (!err)
		stored_fire_watches(c->s, c, name, stored_tree_global(c->s, name), false, NULL, 0);
	return err;
}

static int do_write(struct stored_conn *c, const struct xs_msg *m)
{
	const char *vec[1];
	char *name;
	size_t off;
	int err;
	const struct stored_node *n;

	if (xs_get_strings(m->body, m->hdr.len, vec, 1) < 1)
		return EINVAL;
	off = strlen(vec[0]) + 1;
	n = request_node(c, vec[0], XS_PERM_WRITE, &name, &err);
	if (n || err == ENOENT)
		err = write_value(c, name, n, m->body + off, m->hdr.len - off);
	free(name);
	return err ? err : stored_reply_ok(c);
}

static int do_mkdir(struct stored_conn *c, const struct xs_msg *m)
{
	char *name;
	int err = 0;
	const struct stored_node *created;
	const struct stored_node *n =
	    request_node(c, xs_onearg(m->body, m->hdr.len), XS_PERM_WRITE, &name, &err);

	if (!n && err == ENOENT) {
		err = stored_tree_create(c->s, c, name, NULL, 0, &created);
		if (!err)
			stored_fire_watches(c->s, c, name, created, false, NULL, 0);
	}
	free(name);
	return n || !err ? stored_reply_ok(c) : err;
}

/* XS_RM of a node that does not exist: fine when its parent does (Xen's do_rm). */
static int rm_missing(struct stored_conn *c, const char *name)
{
	char *parent = stored_parent(name);
	int err = ENOMEM;

	if (parent && stored_tree_read(c->s, c, parent, &err))
		err = 0;
	else if (parent && err != ENOMEM && err != ENOSPC)
		err = ENOENT;
	free(parent);
	return err;
}

static int do_rm(struct stored_conn *c, const struct xs_msg *m)
{
	char *name;
	int err;
	const struct stored_node *n =
	    request_node(c, xs_onearg(m->body, m->hdr.len), XS_PERM_WRITE, &name, &err);

	if (n)
		err = strcmp(name, "/") ? stored_tree_rm(c->s, c, name) : EINVAL;
	else if (err == ENOENT)
		err = rm_missing(c, name);
	free(name);
	return err ? err : stored_reply_ok(c);
}

/* SET_PERMS on "@introduceDomain" or "@releaseDomain". */
static int set_special_perms(struct stored_conn *c, const char *name, struct xs_perm *perms,
			     unsigned int n)
{
	struct stored_special *sp = stored_special(c->s, name);
	const unsigned int need = XS_PERM_WRITE | XS_PERM_OWNER;

	if (!sp)
		return EINVAL;
	if ((stored_perm_for(c, sp->perms, sp->nperms) & need) != need)
		return EACCES;
	free(sp->perms);
	sp->perms = perms;
	sp->nperms = n;
	return stored_reply_ok(c);
}

/* Give the node @n at @name permissions @perms, moving its entry to the new owner. */
static int set_node_perms(struct stored_conn *c, const char *name, const struct stored_node *n,
			  const struct xs_perm *perms, unsigned int np)
{
	struct xs_perm *old = malloc(n->nperms * sizeof(*old));
	unsigned int old_n = n->nperms, old_owner = n->perms[0].id;
	struct stored_node *copy = stored_node_dup(n);
	int err = ENOMEM;

	if (!old || !copy || stored_node_set_perms(copy, perms, np))
		goto out;
	memcpy(old, n->perms, old_n * sizeof(*old));
	err = stored_entry_add(c->s, c, perms[0].id, 1);
	if (err)
		goto out;
	stored_entry_add(c->s, c, old_owner, -1);
	err = stored_tree_write(c->s, c, copy);
	copy = NULL;
	if (err) {
		stored_entry_add(c->s, c, old_owner, 1);
		stored_entry_add(c->s, c, perms[0].id, -1);
		goto out;
	}
	stored_fire_watches(c->s, c, name, stored_tree_global(c->s, name), false, old, old_n);
	err = stored_reply_ok(c);
out:
	stored_node_free(copy);
	free(old);
	return err;
}

static int do_set_perms(struct stored_conn *c, const struct xs_msg *m)
{
	unsigned int np = xs_count_strings(m->body, m->hdr.len);
	struct xs_perm *perms;
	char *name;
	int err;
	const struct stored_node *n;

	if (np < 2)
		return EINVAL;
	np--;
	if (stored_conn_unprivileged(c) && np > c->s->quota.perms)
		return ENOSPC;
	err = stored_perms_parse(c->s, m->body + strlen(m->body) + 1, np, &perms);
	if (err)
		return err;
	if (m->body[0] == '@') {
		err = set_special_perms(c, m->body, perms, np);
		if (err)
			free(perms);
		return err;
	}
	n = request_node(c, m->body, XS_PERM_WRITE | XS_PERM_OWNER, &name, &err);
	if (n && stored_conn_unprivileged(c) && perms[0].id != n->perms[0].id)
		err = EPERM;
	else if (n)
		err = set_node_perms(c, name, n, perms, np);
	free(name);
	free(perms);
	return err;
}

/* Flags of a request type (Xen's XS_FLAG_*). */
#define REQ_NOTID 1u /* the tx_id is ignored */
#define REQ_PRIV 2u  /* privileged connections only (EACCES) */

typedef int (*request_fn)(struct stored_conn *c, const struct xs_msg *m);

static const struct {
	request_fn fn;
	unsigned int flags;
} requests[XS_TYPE_COUNT] = {
    [XS_CONTROL] = {stored_do_control, REQ_PRIV},
    [XS_DIRECTORY] = {do_directory, 0},
    [XS_READ] = {do_read, 0},
    [XS_GET_PERMS] = {do_get_perms, 0},
    [XS_WATCH] = {stored_do_watch, REQ_NOTID},
    [XS_UNWATCH] = {stored_do_unwatch, REQ_NOTID},
    [XS_TRANSACTION_START] = {stored_do_transaction_start, 0},
    [XS_TRANSACTION_END] = {stored_do_transaction_end, 0},
    [XS_INTRODUCE] = {stored_do_introduce, REQ_PRIV},
    [XS_RELEASE] = {stored_do_release, REQ_PRIV},
    [XS_GET_DOMAIN_PATH] = {stored_do_get_domain_path, 0},
    [XS_WRITE] = {do_write, 0},
    [XS_MKDIR] = {do_mkdir, 0},
    [XS_RM] = {do_rm, 0},
    [XS_SET_PERMS] = {do_set_perms, 0},
    [XS_IS_DOMAIN_INTRODUCED] = {stored_do_is_domain_introduced, REQ_PRIV},
    [XS_RESUME] = {stored_do_resume, REQ_PRIV},
    [XS_SET_TARGET] = {stored_do_set_target, REQ_PRIV},
    [XS_RESET_WATCHES] = {stored_do_reset_watches, 0},
    [XS_DIRECTORY_PART] = {do_directory_part, 0},
};

/* Trace one message, as Xen's -T trace file does ("IN"/"OUT", type, payload). */
static void trace_msg(struct stored_conn *c, const char *dir, const struct xs_msg *m)
{
	char text[128];
	const char *type = xs_type_name(m->hdr.type);
	size_t n = m->hdr.len < sizeof(text) - 1 ? m->hdr.len : sizeof(text) - 1;

	for (size_t i = 0; i < n; i++)
		text[i] = m->body[i] ? m->body[i] : ' ';
	text[n] = 0;
	stored_log(c->s, "%s d%u %s req %u tx %u (%s)", dir, c->id, type ? type : "?",
		   m->hdr.req_id, m->hdr.tx_id, text);
}

void stored_request(struct stored_conn *c, const struct xs_msg *m)
{
	uint32_t type = m->hdr.type;
	int err;

	if (c->s->trace)
		trace_msg(c, "IN", m);
	c->req = m;
	c->trans = NULL;
	if (type >= XS_TYPE_COUNT || !requests[type].fn)
		err = ENOSYS;
	else if ((requests[type].flags & REQ_PRIV) && stored_conn_unprivileged(c))
		err = EACCES;
	else if (!(requests[type].flags & REQ_NOTID) && m->hdr.tx_id &&
		 !(c->trans = stored_trans_find(c, m->hdr.tx_id)))
		err = ENOENT;
	else
		err = requests[type].fn(c, m);
	if (err)
		stored_reply_error(c, err);
	c->req = NULL;
	c->trans = NULL;
}
