/*
 * transaction.c - transactions (API in core.h).
 *
 * A transaction is a private view of the store. Its first access to a node records the node
 * as the store has it then - a copy, and its generation (STORED_NO_GENERATION when missing) -
 * and later accesses see the transaction's copy, so reads repeat and writes are seen by the
 * transaction alone (read-your-own-writes). Watches fired inside wait in the record.
 *
 * Commit (docs/misc/xenstore.txt, and the scheme in Xen 4.17's xenstored_transaction.c): if
 * any node whose first access was a read has another generation in the store now, someone
 * changed it concurrently and the commit fails with EAGAIN, changing nothing. Otherwise each
 * modified node is written to (or removed from) the store with a new generation, in the order
 * of first access, its queued watch fires, and the node counts per domain move by what the
 * transaction created and removed. A transaction that hit an error midway cannot commit
 * (ENOMEM, as Xen answers); discarding ("F") always succeeds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stored/core.h"

/* One node a transaction touched. */
struct stored_access {
	struct stored_access *next; /* in order of first access */
	char *name;
	struct stored_node *node; /* the transaction's version; NULL: absent */
	uint64_t read_gen;	  /* the store's generation of the node at first access */
	bool check_gen;		  /* first access was a read: check read_gen at commit */
	bool modified;
	bool fire_watch, watch_exact;
	struct xs_perm *old_perms; /* the node's permissions at first access */
	unsigned int old_nperms;
};

/* How many nodes a domain gains (or loses) if the transaction commits. */
struct stored_delta {
	struct stored_delta *next;
	unsigned int domid;
	int delta;
};

struct stored_trans {
	struct stored_trans *next;
	struct stored_conn *conn;
	uint32_t id;
	uint64_t generation;	    /* store generation at start */
	struct stored_map accessed; /* name -> struct stored_access */
	struct stored_access *first, **tail;
	unsigned int nodes;
	struct stored_delta *deltas;
	bool fail;
	bool node_created;
};

static void access_free(struct stored_access *a)
{
	stored_node_free(a->node);
	free(a->old_perms);
	free(a->name);
	free(a);
}

static void trans_free(struct stored_trans *t)
{
	while (t->first) {
		struct stored_access *a = t->first;

		t->first = a->next;
		access_free(a);
	}
	while (t->deltas) {
		struct stored_delta *d = t->deltas;

		t->deltas = d->next;
		free(d);
	}
	stored_map_destroy(&t->accessed);
	free(t);
}

/* Take @t off its connection's list. */
static void trans_unlink(struct stored_trans *t)
{
	struct stored_conn *c = t->conn;

	for (struct stored_trans **pt = &c->transactions; *pt; pt = &(*pt)->next) {
		if (*pt == t) {
			*pt = t->next;
			c->ntrans--;
			return;
		}
	}
}

void stored_trans_free_all(struct stored_conn *c)
{
	while (c->transactions) {
		struct stored_trans *t = c->transactions;

		trans_unlink(t);
		trans_free(t);
	}
	c->trans = NULL;
}

struct stored_trans *stored_trans_find(struct stored_conn *c, uint32_t id)
{
	for (struct stored_trans *t = c->transactions; t; t = t->next)
		if (t->id == id)
			return t;
	return NULL;
}

void stored_trans_fail(struct stored_trans *t)
{
	t->fail = true;
}

void stored_trans_node_created(struct stored_trans *t)
{
	t->node_created = true;
}

/* The record of @path, made (recording the store's node) on first access. */
static struct stored_access *access_get(struct stored_trans *t, const char *path, bool read,
					int *err)
{
	struct stored *s = t->conn->s;
	struct stored_access *a = stored_map_get(&t->accessed, path);
	const struct stored_node *g;

	if (a)
		return a;
	*err = ENOSPC;
	if (stored_conn_unprivileged(t->conn) && t->nodes >= s->quota.trans_nodes)
		goto fail;
	*err = ENOMEM;
	a = calloc(1, sizeof(*a));
	if (!a || !(a->name = strdup(path)))
		goto fail;
	g = stored_tree_global(s, path);
	a->read_gen = g ? g->generation : STORED_NO_GENERATION;
	a->check_gen = read;
	if (g) {
		a->old_perms = malloc(g->nperms * sizeof(*a->old_perms));
		a->node = read ? stored_node_dup(g) : NULL;
		if (!a->old_perms || (read && !a->node))
			goto fail;
		memcpy(a->old_perms, g->perms, g->nperms * sizeof(*a->old_perms));
		a->old_nperms = g->nperms;
	}
	if (stored_map_put(&t->accessed, a->name, a))
		goto fail;
	*t->tail = a;
	t->tail = &a->next;
	t->nodes++;
	return a;
fail:
	if (a)
		access_free(a);
	t->fail = true;
	return NULL;
}

const struct stored_node *stored_trans_read(struct stored_trans *t, const char *path, int *err)
{
	struct stored_access *a = access_get(t, path, true, err);

	if (a && !a->node)
		*err = ENOENT;
	return a ? a->node : NULL;
}

int stored_trans_put(struct stored_trans *t, struct stored_node *n)
{
	int err;
	struct stored_access *a = access_get(t, n->name, false, &err);

	if (!a) {
		stored_node_free(n);
		return err;
	}
	stored_node_free(a->node);
	a->node = n;
	a->modified = true;
	return 0;
}

int stored_trans_delete(struct stored_trans *t, const char *path)
{
	int err;
	struct stored_access *a = access_get(t, path, false, &err);

	if (!a)
		return err;
	stored_node_free(a->node);
	a->node = NULL;
	a->modified = true;
	return 0;
}

void stored_trans_queue_watch(struct stored_trans *t, const char *path, bool exact)
{
	struct stored_access *a = stored_map_get(&t->accessed, path);

	if (!a) {
		t->fail = true;
		return;
	}
	/* A prefix event covers an exact one, not the other way round. */
	a->watch_exact = a->fire_watch ? a->watch_exact && exact : exact;
	a->fire_watch = true;
}

void stored_trans_entry_delta(struct stored_trans *t, unsigned int domid, int delta)
{
	struct stored_delta *d;

	for (d = t->deltas; d; d = d->next) {
		if (d->domid == domid) {
			d->delta += delta;
			return;
		}
	}
	d = malloc(sizeof(*d));
	if (!d) {
		t->fail = true;
		return;
	}
	d->domid = domid;
	d->delta = delta;
	d->next = t->deltas;
	t->deltas = d;
}

int stored_do_transaction_start(struct stored_conn *c, const struct xs_msg *m)
{
	struct stored *s = c->s;
	struct stored_trans *t;
	char id[16];

	if (c->trans)
		return EBUSY; /* no nesting */
	if (stored_conn_unprivileged(c) && c->ntrans > s->quota.transactions)
		return ENOSPC;
	t = calloc(1, sizeof(*t));
	if (!t || stored_map_init(&t->accessed)) {
		free(t);
		return ENOMEM;
	}
	t->conn = c;
	t->tail = &t->first;
	t->generation = ++s->generation;
	do
		t->id = c->next_tx_id++;
	while (!t->id || stored_trans_find(c, t->id));
	t->next = c->transactions;
	c->transactions = t;
	c->ntrans++;
	snprintf(id, sizeof(id), "%u", t->id);
	return stored_reply(c, XS_TRANSACTION_START, id, strlen(id) + 1);
}

/* Would the nodes the transaction adds take an unprivileged domain over its quota? */
static int check_deltas(struct stored_trans *t)
{
	struct stored *s = t->conn->s;
	bool quota = t->node_created && stored_conn_unprivileged(t->conn);

	for (const struct stored_delta *d = t->deltas; d; d = d->next) {
		const struct stored_domain *dom = stored_domain_find(s, d->domid);
		int cnt = (dom ? dom->nbentry : 0) + d->delta;

		if (!dom && d->delta > 0)
			return ENOMEM; /* owner gone meanwhile */
		if (quota && d->domid != 0 && d->domid != STORED_PRIV_DOMID &&
		    cnt >= (int)s->quota.entries)
			return ENOSPC;
	}
	return 0;
}

/* Has any node the transaction read changed in the store since? */
static bool conflicts(struct stored_trans *t)
{
	for (const struct stored_access *a = t->first; a; a = a->next) {
		const struct stored_node *g;

		if (!a->check_gen)
			continue;
		g = stored_tree_global(t->conn->s, a->name);
		if ((g ? g->generation : STORED_NO_GENERATION) != a->read_gen)
			return true;
	}
	return false;
}

/* Write one modified node to the store (or remove it) and fire its watch. */
static void apply_access(struct stored *s, struct stored_conn *c, struct stored_access *a)
{
	struct stored_node *old = stored_map_remove(&s->nodes, a->name);

	if (a->node) {
		a->node->generation = ++s->generation;
		if (!stored_map_put(&s->nodes, a->node->name, a->node)) {
			a->node = NULL;
			stored_node_free(old);
			old = NULL;
		} else {
			stored_log(s, "transaction commit: no memory for %s", a->name);
		}
	}
	stored_node_free(old);
	if (a->fire_watch)
		stored_fire_watches(s, c, a->name, NULL, a->watch_exact, a->old_perms,
				    a->old_nperms);
}

static int commit(struct stored_trans *t)
{
	struct stored_conn *c = t->conn;
	struct stored *s = c->s;
	int err;

	if (t->fail)
		return ENOMEM;
	err = check_deltas(t);
	if (err)
		return err;
	if (conflicts(t))
		return EAGAIN;
	for (struct stored_access *a = t->first; a; a = a->next)
		if (a->modified)
			apply_access(s, c, a);
	for (const struct stored_delta *d = t->deltas; d; d = d->next)
		stored_entry_add(s, NULL, d->domid, d->delta);
	return 0;
}

int stored_do_transaction_end(struct stored_conn *c, const struct xs_msg *m)
{
	const char *arg = xs_onearg(m->body, m->hdr.len);
	struct stored_trans *t = c->trans;
	int err = 0;

	if (!arg || (strcmp(arg, "T") && strcmp(arg, "F")))
		return EINVAL;
	if (!t)
		return ENOENT;
	c->trans = NULL; /* from here on, changes and watches are the store's */
	trans_unlink(t);
	if (!strcmp(arg, "T"))
		err = commit(t);
	trans_free(t);
	return err ? err : stored_reply_ok(c);
}
