/*
 * control.c - XS_CONTROL: the daemon's own commands, for privileged connections (the set and
 * the reply texts follow Xen 4.17's xenstored_control.c where the command exists there):
 *	check			check the store's consistency; "OK"
 *	help			the commands, one per line
 *	log on|off		trace every request to the log, or stop
 *	print <string>		write <string> to the log; "OK"
 *	quota			the quota settings
 *	quota set <name> <n>	change one ("nodes", "watches", ...); "OK"
 *	quota <domid>		what a domain holds against its quotas
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stored/core.h"

#define CONTROL_MAX_ARGS 4

static unsigned int count_owned(const struct stored *s, unsigned int domid)
{
	unsigned int n = 0;

	for (const struct stored_map_entry *e = stored_map_next(&s->nodes, NULL); e;
	     e = stored_map_next(&s->nodes, e))
		if (((const struct stored_node *)e->value)->perms[0].id == domid)
			n++;
	return n;
}

/* Is @n's parent there, listing it, and are all its children there? */
static unsigned int check_node(struct stored *s, const struct stored_node *n)
{
	unsigned int problems = 0;
	char *pname = stored_parent(n->name), *child;
	const struct stored_node *p = pname ? stored_map_get(&s->nodes, pname) : NULL;
	const char *base = stored_node_basename(n->name);
	bool listed = false;

	for (uint32_t off = 0; p && off < p->clen; off += (uint32_t)strlen(p->children + off) + 1)
		listed |= !strcmp(p->children + off, base);
	if (strcmp(n->name, "/") && !listed) {
		stored_log(s, "check: %s is not listed by its parent", n->name);
		problems++;
	}
	free(pname);
	for (uint32_t off = 0; off < n->clen; off += (uint32_t)strlen(n->children + off) + 1) {
		child = malloc(strlen(n->name) + strlen(n->children + off) + 2);
		if (!child)
			continue;
		sprintf(child, "%s/%s", strcmp(n->name, "/") ? n->name : "", n->children + off);
		if (!stored_map_get(&s->nodes, child)) {
			stored_log(s, "check: child %s is missing", child);
			problems++;
		}
		free(child);
	}
	return problems;
}

unsigned int stored_check_store(struct stored *s)
{
	unsigned int problems = 0;

	for (const struct stored_map_entry *e = stored_map_next(&s->nodes, NULL); e;
	     e = stored_map_next(&s->nodes, e))
		problems += check_node(s, e->value);
	for (const struct stored_domain *d = s->domains; d; d = d->next) {
		unsigned int owned = count_owned(s, d->domid);

		if ((int)owned != d->nbentry) {
			stored_log(s, "check: d%u owns %u nodes, counted %d", d->domid, owned,
				   d->nbentry);
			problems++;
		}
	}
	return problems;
}

/* The quota values, by the names Xen's "quota" command uses. */
static unsigned int *quota_slot(struct stored_quota *q, const char *name)
{
	static const struct {
		const char *name;
		size_t off;
	} names[] = {
	    {"nodes", offsetof(struct stored_quota, entries)},
	    {"watches", offsetof(struct stored_quota, watches)},
	    {"transactions", offsetof(struct stored_quota, transactions)},
	    {"transaction-nodes", offsetof(struct stored_quota, trans_nodes)},
	    {"node-size", offsetof(struct stored_quota, node_bytes)},
	    {"path-max", offsetof(struct stored_quota, path_chars)},
	    {"permissions", offsetof(struct stored_quota, perms)},
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i].name))
			return (unsigned int *)((char *)q + names[i].off);
	return NULL;
}

static int quota_show(struct stored_conn *c)
{
	const struct stored_quota *q = &c->s->quota;
	char buf[512];

	snprintf(buf, sizeof(buf),
		 "Quota settings:\n%-17s: %8u\n%-17s: %8u\n%-17s: %8u\n%-17s: %8u\n"
		 "%-17s: %8u\n%-17s: %8u\n%-17s: %8u\n",
		 "nodes", q->entries, "watches", q->watches, "transactions", q->transactions,
		 "transaction-nodes", q->trans_nodes, "node-size", q->node_bytes, "path-max",
		 q->path_chars, "permissions", q->perms);
	return stored_reply(c, XS_CONTROL, buf, strlen(buf) + 1);
}

static int quota_domain(struct stored_conn *c, const char *arg)
{
	const struct stored_domain *d = stored_domain_find(c->s, (unsigned int)atoi(arg));
	char buf[256];

	if (!d)
		return ENOENT;
	snprintf(buf, sizeof(buf), "Domain %u:\n%-16s: %8d\n%-16s: %8u\n%-16s: %8u\n", d->domid,
		 "nodes", d->nbentry, "watches", d->nbwatch, "transactions",
		 d->conn ? d->conn->ntrans : 0);
	return stored_reply(c, XS_CONTROL, buf, strlen(buf) + 1);
}

static int do_quota(struct stored_conn *c, const char **arg, unsigned int n)
{
	unsigned int *slot;
	int val;

	if (n == 0)
		return quota_show(c);
	if (strcmp(arg[0], "set"))
		return n == 1 ? quota_domain(c, arg[0]) : EINVAL;
	if (n != 3 || !(slot = quota_slot(&c->s->quota, arg[1])))
		return EINVAL;
	val = atoi(arg[2]);
	if (val < 1)
		return EINVAL;
	*slot = (unsigned int)val;
	return stored_reply_ok(c);
}

static int do_help(struct stored_conn *c)
{
	static const char help[] = "check\t\n"
				   "log\ton|off\n"
				   "print\t<string>\n"
				   "quota\t[set <name> <val>|<domid>]\n"
				   "help\t\n";

	return stored_reply(c, XS_CONTROL, help, sizeof(help));
}

int stored_do_control(struct stored_conn *c, const struct xs_msg *m)
{
	const char *vec[CONTROL_MAX_ARGS + 1];
	unsigned int n = xs_get_strings(m->body, m->hdr.len, vec, CONTROL_MAX_ARGS + 1);
	const char **arg = vec + 1;

	if (n == 0 || n > CONTROL_MAX_ARGS + 1)
		return EINVAL;
	n--;
	if (!strcmp(vec[0], "check") && n == 0) {
		stored_check_store(c->s);
		return stored_reply_ok(c);
	}
	if (!strcmp(vec[0], "print") && n == 1) {
		stored_log(c->s, "control: %s", arg[0]);
		return stored_reply_ok(c);
	}
	if (!strcmp(vec[0], "log") && n == 1 && (!strcmp(arg[0], "on") || !strcmp(arg[0], "off"))) {
		c->s->trace = !strcmp(arg[0], "on");
		return stored_reply_ok(c);
	}
	if (!strcmp(vec[0], "quota"))
		return do_quota(c, arg, n);
	if (!strcmp(vec[0], "help") && n == 0)
		return do_help(c);
	return EINVAL;
}
