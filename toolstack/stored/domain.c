/*
 * domain.c - domains: the records the daemon keeps of them, XS_INTRODUCE and friends, the ring
 * I/O of introduced domains, and what happens when a domain goes (API in stored.h, core.h).
 *
 * Rules (docs/misc/xenstore.txt, xenstored_domain.c; Xen 4.17):
 *  - the daemon keeps a record of every domain that owns nodes or appears in permissions, not
 *    only of introduced ones, stamped with the store's generation when it was made;
 *  - INTRODUCE maps the domain's ring page, binds its port, fires @introduceDomain (not for
 *    dom0) and resets the ring; introducing an introduced domain only rebinds the port;
 *  - RELEASE, a dying domain (VIRQ_DOM_EXC), or a never-introduced domain that vanished:
 *    every node it owns goes (with what lies below), it leaves the special paths'
 *    permissions, its ring and port are let go and @releaseDomain fires;
 *  - a domain that shut down or crashed fires @releaseDomain once, until XS_RESUME.
 *  - INTRODUCE, RELEASE, RESUME, SET_TARGET and IS_DOMAIN_INTRODUCED are for privileged
 *    connections (request.c); RELEASE/RESUME/SET_TARGET need an introduced domain (ENOENT).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libstore/xs_ring.h"
#include "stored/core.h"

struct stored_domain *stored_domain_find(const struct stored *s, unsigned int domid)
{
	for (struct stored_domain *d = s->domains; d; d = d->next)
		if (d->domid == domid)
			return d;
	return NULL;
}

static struct stored_domain *domain_alloc(struct stored *s, unsigned int domid)
{
	struct stored_domain *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->s = s;
	d->domid = domid;
	/*
	 * Newer than every node written so far, older than every node written from now on.
	 * Xen 4.17 takes the counter without incrementing it, so a node written just before
	 * the record is made (no change in between) would count as newer than the domain and
	 * a reborn domid could inherit its permission entry.
	 */
	d->generation = ++s->generation;
	snprintf(d->path, sizeof(d->path), "/local/domain/%u", domid);
	d->next = s->domains;
	s->domains = d;
	return d;
}

/* Ask the hypervisor about @domid; without a domain_info op every domain runs. */
static int domain_info(struct stored *s, unsigned int domid, struct stored_dominfo *info)
{
	*info = (struct stored_dominfo){0};
	if (!s->ops.domain_info)
		return 0;
	return s->ops.domain_info(s->ops.priv, domid, info);
}

struct stored_domain *stored_domain_get(struct stored *s, unsigned int domid)
{
	struct stored_domain *d = stored_domain_find(s, domid);
	struct stored_dominfo info;

	if (d || domain_info(s, domid, &info))
		return d;
	return domain_alloc(s, domid);
}

bool stored_domain_exists(struct stored *s, unsigned int domid)
{
	return stored_domain_get(s, domid) != NULL;
}

int stored_entry_add(struct stored *s, struct stored_conn *c, unsigned int domid, int delta)
{
	struct stored_domain *d;

	if (c && c->trans) {
		stored_trans_entry_delta(c->trans, domid, delta);
		return 0;
	}
	if (c && c->domain && c->id == domid)
		d = c->domain;
	else
		d = delta > 0 ? stored_domain_get(s, domid) : stored_domain_find(s, domid);
	if (!d)
		return delta > 0 ? ENOMEM : 0;
	d->nbentry += delta;
	return 0;
}

int stored_entry_count(const struct stored_conn *c)
{
	return stored_conn_unprivileged(c) ? c->domain->nbentry : 0;
}

/* Remove every node @domid owns, topmost first (what lies below goes with them). */
static void remove_owned_nodes(struct stored *s, struct stored_domain *d)
{
	const struct stored_map_entry *e;
	char **paths = NULL;
	size_t n = 0, cap = 0;

	for (e = stored_map_next(&s->nodes, NULL); e; e = stored_map_next(&s->nodes, e)) {
		const struct stored_node *node = e->value;

		if (node->perms[0].id != d->domid || !strcmp(node->name, "/"))
			continue;
		if (n == cap) {
			char **grown = realloc(paths, (cap = cap ? cap * 2 : 16) * sizeof(*paths));

			if (!grown)
				break;
			paths = grown;
		}
		paths[n] = strdup(node->name);
		if (paths[n])
			n++;
	}
	/* Shorter paths first: a parent before its children. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strlen(paths[j]) < strlen(paths[j - 1]); j--) {
			char *t = paths[j];

			paths[j] = paths[j - 1];
			paths[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		if (stored_map_get(&s->nodes, paths[i]) && stored_tree_rm(s, NULL, paths[i]))
			stored_log(s, "d%u: could not remove its node %s", d->domid, paths[i]);
		free(paths[i]);
	}
	free(paths);
}

/* Drop @domid from a special path's permissions; its ownership passes to dom0. */
static void special_forget(struct stored_special *sp, unsigned int domid)
{
	unsigned int out = 1;

	if (sp->perms[0].id == domid)
		sp->perms[0].id = STORED_PRIV_DOMID;
	for (unsigned int i = 1; i < sp->nperms; i++)
		if (sp->perms[i].id != domid)
			sp->perms[out++] = sp->perms[i];
	sp->nperms = out;
}

/* Let go of @d's connection, ring and port. */
static void domain_disconnect(struct stored_domain *d)
{
	struct stored *s = d->s;

	if (d->conn)
		stored_conn_destroy(d->conn);
	d->conn = NULL;
	if (d->port && s->ops.unbind_port)
		s->ops.unbind_port(s->ops.priv, d->port);
	d->port = 0;
	if (d->intf && s->ops.unmap_ring)
		s->ops.unmap_ring(s->ops.priv, d->domid, d->intf);
	d->intf = NULL;
}

void stored_domain_destroy(struct stored_domain *d)
{
	struct stored *s = d->s;
	bool introduced = d->introduced;

	domain_disconnect(d);
	if (d->nbentry > 0)
		remove_owned_nodes(s, d);
	for (int i = 0; i < STORED_SPECIALS; i++)
		special_forget(&s->specials[i], d->domid);
	for (struct stored_domain **pd = &s->domains; *pd; pd = &(*pd)->next) {
		if (*pd == d) {
			*pd = d->next;
			break;
		}
	}
	stored_log(s, "d%u: released", d->domid);
	free(d);
	s->epoch++;
	if (introduced)
		stored_fire_watches(s, NULL, "@releaseDomain", NULL, true, NULL, 0);
}

/* Map the ring and bind the port of @d (Xen's introduce_domain for a new domain). */
static int domain_connect(struct stored_domain *d, uint64_t mfn, evtchn_port_t port)
{
	struct stored *s = d->s;
	int err = -ENOSYS, lport;

	if (s->ops.map_ring)
		d->intf = s->ops.map_ring(s->ops.priv, d->domid, mfn, &err);
	if (!d->intf)
		return -err;
	lport = s->ops.bind_port ? s->ops.bind_port(s->ops.priv, d->domid, port) : -ENOSYS;
	if (lport >= 0) {
		d->port = (evtchn_port_t)lport;
		d->conn = stored_conn_new_domain(s, d);
		if (d->conn)
			return 0;
		lport = -ENOMEM;
	}
	domain_disconnect(d);
	return -lport;
}

/* Introduce @domid; *@out gets its record. 0 or errno. */
static int introduce(struct stored *s, unsigned int domid, uint64_t mfn, evtchn_port_t port,
		     struct stored_domain **out)
{
	struct stored_domain *d = stored_domain_find(s, domid);
	int err, lport;

	if (!port)
		return EINVAL;
	if (!d && !(d = domain_alloc(s, domid)))
		return ENOMEM;
	*out = d;
	if (d->introduced) {
		/* Again: only a new event channel (Xen 4.17). */
		if (d->port && s->ops.unbind_port)
			s->ops.unbind_port(s->ops.priv, d->port);
		lport = s->ops.bind_port ? s->ops.bind_port(s->ops.priv, domid, port) : -ENOSYS;
		d->port = lport < 0 ? 0 : (evtchn_port_t)lport;
		return 0;
	}
	err = domain_connect(d, mfn, port);
	if (err)
		return err;
	d->introduced = true;
	d->shutdown = false;
	stored_log(s, "d%u: introduced, ring frame %#llx, port %u -> local port %u", domid,
		   (unsigned long long)mfn, port, d->port);
	if (domid != 0)
		stored_fire_watches(s, NULL, "@introduceDomain", NULL, true, NULL, 0);
	return 0;
}

static void notify(struct stored_domain *d)
{
	if (d->port && d->s->ops.notify)
		d->s->ops.notify(d->s->ops.priv, d->port);
}

int stored_introduce(struct stored *s, unsigned int domid, uint64_t mfn, evtchn_port_t port)
{
	struct stored_domain *d;
	int err = introduce(s, domid, mfn, port, &d);

	if (!err)
		notify(d);
	return -err;
}

/* A connection that broke the protocol: no more I/O, the reason in the ring (Xen's
 * ignore_connection). The domain stays introduced. */
static void ignore_conn(struct stored_conn *c, uint32_t reason)
{
	struct stored_domain *d = c->domain;

	stored_log(c->s, "d%u: ring connection ignored from now on (reason %u)", c->id, reason);
	d->intf->error = reason;
	c->ignored = true;
	stored_watch_free_all(c);
	stored_trans_free_all(c);
	stored_conn_drop_pending(c);
}

/* Forget the connection state of @d and zero its ring (Xen's domain_conn_reset). */
static void conn_reset(struct stored_domain *d)
{
	struct stored_conn *c = d->conn;

	stored_watch_free_all(c);
	stored_trans_free_all(c);
	stored_conn_drop_pending(c);
	d->intf->req_cons = d->intf->req_prod = 0;
	d->intf->rsp_cons = d->intf->rsp_prod = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

bool stored_service_domain(struct stored_domain *d)
{
	struct stored_conn *c = d->conn;
	char buf[XENSTORE_RING_SIZE];
	bool moved = false;
	int n;

	if (c->ignored)
		return false;
	n = xs_ring_read_req(d->intf, buf, sizeof(buf));
	if (n < 0) {
		ignore_conn(c, XENSTORE_ERROR_RINGIDX);
		return false;
	}
	if (n > 0) {
		moved = true;
		if (stored_conn_feed(c, buf, (size_t)n)) {
			ignore_conn(c, XENSTORE_ERROR_PROTO);
			notify(d);
			return true;
		}
	}
	while (c->out) {
		const void *data;
		size_t len = stored_conn_output(c, &data);

		n = xs_ring_write_rsp(d->intf, data, len);
		if (n < 0) {
			ignore_conn(c, XENSTORE_ERROR_RINGIDX);
			break;
		}
		if (n == 0)
			break;
		stored_conn_advance(c, (size_t)n);
		moved = true;
	}
	if (moved)
		notify(d);
	return moved;
}

void stored_check_domains(struct stored *s)
{
	struct stored_dominfo info;
	struct stored_domain *d;
	bool fire = false;
	int rc;

again:
	for (d = s->domains; d; d = d->next) {
		rc = domain_info(s, d->domid, &info);
		if (!rc && !info.dying) {
			if (d->introduced && info.shutdown && !d->shutdown) {
				d->shutdown = true;
				fire = true;
			}
			continue;
		}
		if (rc && rc != -ESRCH)
			continue; /* the hypervisor could not tell: try again next time */
		if (!d->introduced && !rc)
			continue; /* dying but never introduced: wait until it is gone */
		stored_domain_destroy(d);
		goto again;
	}
	if (fire)
		stored_fire_watches(s, NULL, "@releaseDomain", NULL, true, NULL, 0);
}

/* Parse a domid argument as Xen does (atoi): garbage reads as 0. */
static unsigned int parse_domid(const char *str)
{
	return (unsigned int)strtoul(str, NULL, 10);
}

/* The introduced domain a one-argument request names (Xen's onearg_domain). */
static struct stored_domain *onearg_domain(struct stored_conn *c, const struct xs_msg *m, int *err)
{
	const char *arg = xs_onearg(m->body, m->hdr.len);
	struct stored_domain *d;
	unsigned int domid;

	*err = EINVAL;
	if (!arg || !(domid = parse_domid(arg)))
		return NULL;
	d = stored_domain_find(c->s, domid);
	*err = ENOENT;
	return d && d->introduced ? d : NULL;
}

int stored_do_introduce(struct stored_conn *c, const struct xs_msg *m)
{
	const char *vec[3];
	struct stored_domain *d;
	int err;

	if (xs_get_strings(m->body, m->hdr.len, vec, 3) < 3)
		return EINVAL;
	err = introduce(c->s, parse_domid(vec[0]), strtoull(vec[1], NULL, 10),
			(evtchn_port_t)parse_domid(vec[2]), &d);
	if (err)
		return err;
	if (d->conn)
		conn_reset(d);
	if (d->intf && d->intf->connection == XENSTORE_RECONNECT) {
		d->intf->connection = XENSTORE_CONNECTED;
		notify(d);
	}
	return stored_reply_ok(c);
}

int stored_do_release(struct stored_conn *c, const struct xs_msg *m)
{
	int err;
	struct stored_domain *d = onearg_domain(c, m, &err);

	if (!d)
		return err;
	stored_domain_destroy(d);
	return stored_reply_ok(c);
}

int stored_do_resume(struct stored_conn *c, const struct xs_msg *m)
{
	int err;
	struct stored_domain *d = onearg_domain(c, m, &err);

	if (!d)
		return err;
	d->shutdown = false;
	return stored_reply_ok(c);
}

int stored_do_set_target(struct stored_conn *c, const struct xs_msg *m)
{
	const char *vec[2];
	struct stored_domain *d, *t;

	if (xs_get_strings(m->body, m->hdr.len, vec, 2) < 2)
		return EINVAL;
	d = stored_domain_find(c->s, parse_domid(vec[0]));
	t = stored_domain_find(c->s, parse_domid(vec[1]));
	if (!d || !d->introduced || !t || !t->introduced)
		return ENOENT;
	d->conn->target = t->conn;
	return stored_reply_ok(c);
}

int stored_do_get_domain_path(struct stored_conn *c, const struct xs_msg *m)
{
	const char *arg = xs_onearg(m->body, m->hdr.len);
	char path[32];

	if (!arg)
		return EINVAL;
	snprintf(path, sizeof(path), "/local/domain/%u", parse_domid(arg));
	return stored_reply(c, XS_GET_DOMAIN_PATH, path, strlen(path) + 1);
}

int stored_do_is_domain_introduced(struct stored_conn *c, const struct xs_msg *m)
{
	const char *arg = xs_onearg(m->body, m->hdr.len);
	const struct stored_domain *d;
	unsigned int domid;

	if (!arg)
		return EINVAL;
	domid = parse_domid(arg);
	d = stored_domain_find(c->s, domid);
	return stored_reply(c, XS_IS_DOMAIN_INTRODUCED,
			    domid == STORED_DOMID_SELF || (d && d->introduced) ? "T" : "F", 2);
}
