/*
 * core.h - the daemon core's own structures and the calls between its files. Not for the
 * platform layer (it uses stored.h).
 *
 * Who owns what:
 *  - struct stored owns the node table (path -> struct stored_node), the domains and the
 *    connections, and the store's generation counter (bumped by every change, inside a
 *    transaction or not; Xen 4.17's global "generation").
 *  - a connection owns its watches, its transactions and its queue of outgoing messages;
 *  - a domain connection belongs to its domain (struct stored_domain), which also counts the
 *    nodes the domain owns (quota) even before and after it is introduced.
 * Errors inside the core are positive errno values (0: success), as in Xen's handlers; the API
 * of stored.h returns them negated.
 */
#ifndef STORED_CORE_H
#define STORED_CORE_H

#include <stdarg.h>
#include <stdbool.h>

#include "libstore/xs_codec.h"
#include "stored/map.h"
#include "stored/node.h"
#include "stored/stored.h"

/* The privileged domain besides dom0 (Xen's priv_domid, also 0 unless configured). */
#define STORED_PRIV_DOMID 0u
/* DOMID_SELF in XS_IS_DOMAIN_INTRODUCED (xen/xen.h). */
#define STORED_DOMID_SELF 0x7FF0u

/* One queued outgoing message. */
struct stored_out {
	struct stored_out *next;
	size_t len, off; /* bytes in data, bytes already written */
	bool event;	 /* an XS_WATCH_EVENT (duplicates are dropped) */
	char data[];
};

/* One watch: @node is absolute (or "@..."); @relative: events are sent relative to the
 * connection's domain path, as it was given. */
struct stored_watch {
	struct stored_watch *next;
	char *node;
	char *token;
	bool relative;
};

struct stored_trans;

struct stored_domain {
	struct stored_domain *next;
	struct stored *s;
	unsigned int domid;
	uint64_t generation; /* a store generation of its own, taken when the record was made */
	bool introduced;
	bool shutdown; /* @releaseDomain fired for its shutdown */
	int nbentry;   /* nodes it owns (outside transactions) */
	unsigned int nbwatch;
	evtchn_port_t port; /* our local port, 0: none */
	struct xenstore_domain_interface *intf;
	struct stored_conn *conn; /* NULL unless introduced */
	char path[32];		  /* "/local/domain/<domid>" */
};

struct stored_conn {
	struct stored_conn *next;
	struct stored *s;
	unsigned int id;	      /* domid; 0 for sockets */
	struct stored_domain *domain; /* NULL: a socket */
	struct stored_conn *target;   /* XS_SET_TARGET */
	void *cookie;
	bool ignored; /* a ring that broke the protocol: no more I/O */
	struct xs_reader reader;
	struct stored_out *out, **out_tail;
	struct stored_watch *watches;
	struct stored_trans *transactions;
	unsigned int ntrans;
	uint32_t next_tx_id;
	/* While a request is handled: the request, and its transaction (NULL: none). */
	const struct xs_msg *req;
	struct stored_trans *trans;
};

/* Permission entries of one special watch path (@introduceDomain, @releaseDomain). */
struct stored_special {
	const char *name;
	unsigned int nperms;
	struct xs_perm *perms;
};

enum { STORED_SPECIAL_INTRODUCE, STORED_SPECIAL_RELEASE, STORED_SPECIALS };

struct stored {
	struct stored_ops ops;
	struct stored_quota quota;
	struct stored_map nodes;
	uint64_t generation;
	struct stored_conn *conns;
	struct stored_domain *domains;
	struct stored_special specials[STORED_SPECIALS];
	unsigned int epoch; /* bumped when a domain goes: iterations restart */
	bool trace;	    /* log every request and reply */
};

/* ---- stored.c ---- */

/* stored_log - format one log line and hand it to ops.log. */
void stored_log(struct stored *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- conn.c ---- */

/* stored_conn_unprivileged - true for a domain connection other than dom0's (Xen's
 * domain_is_unprivileged); NULL (the daemon itself) is privileged. */
bool stored_conn_unprivileged(const struct stored_conn *c);

/* stored_conn_implicit_path - the base of @c's relative paths: its domain's path, or
 * "/local/domain/0" for sockets (Xen's get_implicit_path). */
const char *stored_conn_implicit_path(const struct stored_conn *c);

/* stored_conn_new_domain - the connection of introduced domain @d (privileged when dom0). */
struct stored_conn *stored_conn_new_domain(struct stored *s, struct stored_domain *d);

/* stored_conn_destroy - free @c after dropping its watches, transactions and queue, and the
 * target links other connections hold to it. */
void stored_conn_destroy(struct stored_conn *c);

/* stored_conn_feed - give @c bytes of its stream; whole requests are handled. 0 or E2BIG. */
int stored_conn_feed(struct stored_conn *c, const void *data, size_t len);

/* stored_conn_drop_pending - forget partial input and queued output (ring resets). */
void stored_conn_drop_pending(struct stored_conn *c);

/*
 * stored_reply - queue the reply of type @type with @len bytes of @data to the request being
 * handled on @c (same req_id and tx_id). A payload over XENSTORE_PAYLOAD_MAX becomes an E2BIG
 * error, as Xen's send_reply. Returns 0 or ENOMEM.
 */
int stored_reply(struct stored_conn *c, uint32_t type, const void *data, size_t len);

/* stored_reply_ok - the "OK" reply to the request being handled. */
int stored_reply_ok(struct stored_conn *c);

/* stored_reply_error - the XS_ERROR reply naming errno @err. */
int stored_reply_error(struct stored_conn *c, int err);

/*
 * stored_send_event - queue XS_WATCH_EVENT @path / @token for @c (req_id and tx_id 0). Dropped
 * when too long, or when the same event is still queued (not for special paths), as Xen's
 * send_event.
 */
void stored_send_event(struct stored_conn *c, const char *path, const char *token);

/* ---- request.c ---- */

/* stored_request - handle one whole request @m from @c and queue its reply. */
void stored_request(struct stored_conn *c, const struct xs_msg *m);

/* ---- tree.c: paths and the views of the store ---- */

/* stored_path_valid - Xen's is_valid_nodename: absolute, no "//", no trailing '/', only
 * [A-Za-z0-9-/_@], at most quota.path_chars beyond a "/local/domain/<id>/" prefix. */
bool stored_path_valid(const struct stored *s, const char *path);

/*
 * stored_canonical - @path made absolute for @c (a path not starting with '/' or '@' is taken
 * relative to stored_conn_implicit_path). Returns a malloc'd string, or NULL (ENOMEM).
 */
char *stored_canonical(const struct stored_conn *c, const char *path);

/* stored_parent - the parent of absolute path @path ("/" for "/x"), malloc'd; NULL: ENOMEM. */
char *stored_parent(const char *path);

/* stored_tree_global - the node at @path outside any transaction, or NULL. */
const struct stored_node *stored_tree_global(const struct stored *s, const char *path);

/*
 * stored_tree_read - the node at @path as @c sees it: through its current transaction, which
 * records the access, or the store itself (@c NULL or no transaction). NULL with *@err set:
 * ENOENT, or ENOSPC/ENOMEM from the transaction.
 */
const struct stored_node *stored_tree_read(struct stored *s, struct stored_conn *c,
					   const char *path, int *err);

/*
 * stored_tree_write - put @n (taken over, freed on failure) at its path in @c's view, with a
 * new generation. Checks the node-size quota for unprivileged @c (a failure inside a
 * transaction fails the transaction, as in Xen). Returns 0, ENOSPC, ENOMEM.
 */
int stored_tree_write(struct stored *s, struct stored_conn *c, struct stored_node *n);

/*
 * stored_tree_create - create @path with @len bytes of @value and every missing parent (empty),
 * each inheriting its parent's permissions, owned by @c's domain when @c is unprivileged
 * (Xen's construct_node/create_node). Checks the entry and node-size quotas before anything
 * is written. The new node in *@created (may be NULL). Returns 0 or errno.
 */
int stored_tree_create(struct stored *s, struct stored_conn *c, const char *path, const void *value,
		       size_t len, const struct stored_node **created);

/*
 * stored_tree_rm - remove @path and all below it in @c's view, firing watches for each removed
 * node (exact ones below @path), and unlink it from its parent, which must exist (else
 * EINVAL). @c may be NULL (the daemon removing a dead domain's nodes). Returns 0 or errno.
 */
int stored_tree_rm(struct stored *s, struct stored_conn *c, const char *path);

/* ---- perms.c ---- */

/* stored_perm_for - XS_PERM_* bits @c has by permission list @perms (Xen's perm_for_conn). */
unsigned int stored_perm_for(const struct stored_conn *c, const struct xs_perm *perms,
			     unsigned int nperms);

/*
 * stored_get_node - the node at absolute @path if @c has all of @perm on it. Otherwise NULL and
 * *@err: EINVAL (bad path), EACCES, or ENOENT - reported as EACCES when @c may not see the
 * closest existing ancestor either (Xen's get_node and errno_from_parents).
 */
const struct stored_node *stored_get_node(struct stored_conn *c, const char *path,
					  unsigned int perm, int *err);

/*
 * stored_perms_parse - turn the @n permission strings from @strs into *@perms (malloc'd),
 * marking entries of unknown domains XS_PERM_IGNORE. Returns 0, EINVAL, ENOMEM, or ENOENT when
 * the owner is unknown (Xen's do_set_perms).
 */
int stored_perms_parse(struct stored *s, const char *strs, unsigned int n, struct xs_perm **perms);

/* stored_perms_mark_stale - flag XS_PERM_IGNORE on entries of @n naming domains that are newer
 * than @n's generation (Xen's domain_adjust_node_perms). */
void stored_perms_mark_stale(struct stored *s, struct stored_node *n);

/* stored_special - the special path named @name, or NULL. */
struct stored_special *stored_special(struct stored *s, const char *name);

/* ---- transaction.c ---- */

/* stored_trans_find - transaction @id of @c; NULL when there is none. */
struct stored_trans *stored_trans_find(struct stored_conn *c, uint32_t id);

/*
 * stored_trans_read - the node at @path as transaction @t sees it; the first access records
 * the store's node and generation. NULL with *@err: ENOENT; ENOSPC when the transaction
 * touched quota.trans_nodes nodes already (an unprivileged connection's; it then fails);
 * ENOMEM.
 */
const struct stored_node *stored_trans_read(struct stored_trans *t, const char *path, int *err);

/* stored_trans_put - @n (taken over) is @t's version of its path now. 0, ENOSPC or ENOMEM. */
int stored_trans_put(struct stored_trans *t, struct stored_node *n);

/* stored_trans_delete - @path is gone in @t. 0, ENOSPC or ENOMEM. */
int stored_trans_delete(struct stored_trans *t, const char *path);

/* stored_trans_queue_watch - fire the watches of @path (@exact: exact ones only) at commit. */
void stored_trans_queue_watch(struct stored_trans *t, const char *path, bool exact);

/* stored_trans_entry_delta - at commit, @domid owns @delta nodes more (or fewer). */
void stored_trans_entry_delta(struct stored_trans *t, unsigned int domid, int delta);

/* stored_trans_node_created - @t created a node: its commit checks the entry quota. */
void stored_trans_node_created(struct stored_trans *t);

/* stored_trans_fail - something went wrong inside @t: it can only be discarded now. */
void stored_trans_fail(struct stored_trans *t);

/* stored_trans_free_all - discard every transaction of @c. */
void stored_trans_free_all(struct stored_conn *c);

/*
 * Request handlers (here and below): called by request.c with the request @m of @c; they
 * return 0 once the reply is queued, or an errno that becomes the XS_ERROR reply.
 * XS_TRANSACTION_START and XS_TRANSACTION_END.
 */
int stored_do_transaction_start(struct stored_conn *c, const struct xs_msg *m);
int stored_do_transaction_end(struct stored_conn *c, const struct xs_msg *m);

/* ---- watch.c ---- */

/*
 * stored_fire_watches - a change to @path by @c (NULL: the daemon). Inside @c's transaction the
 * event is queued until commit; otherwise each connection allowed to see it (the node @n or its
 * parent readable, or @old_perms readable) gets an event per matching watch: a watch on @path
 * or a parent of it, or on exactly @path when @exact. Special paths ("@...") match exactly
 * and go to connections the special path's permissions let read.
 */
void stored_fire_watches(struct stored *s, struct stored_conn *c, const char *path,
			 const struct stored_node *n, bool exact, const struct xs_perm *old_perms,
			 unsigned int old_nperms);

/* stored_watch_free_all - remove every watch of @c. */
void stored_watch_free_all(struct stored_conn *c);

/* Handlers of XS_WATCH, XS_UNWATCH, XS_RESET_WATCHES. */
int stored_do_watch(struct stored_conn *c, const struct xs_msg *m);
int stored_do_unwatch(struct stored_conn *c, const struct xs_msg *m);
int stored_do_reset_watches(struct stored_conn *c, const struct xs_msg *m);

/* ---- domain.c ---- */

/* stored_domain_find - the domain struct of @domid, or NULL. */
struct stored_domain *stored_domain_find(const struct stored *s, unsigned int domid);

/*
 * stored_domain_get - the domain struct of @domid, made when the hypervisor knows the domain
 * (Xen's find_or_alloc_existing_domain); NULL when it does not, or out of memory.
 */
struct stored_domain *stored_domain_get(struct stored *s, unsigned int domid);

/* stored_domain_exists - whether the daemon or the hypervisor knows @domid. */
bool stored_domain_exists(struct stored *s, unsigned int domid);

/*
 * stored_entry_add - a node owned by @domid came (@delta 1) or went (-1) in @c's view: counted
 * in @c's transaction, or on the owner's domain. Returns 0, or ENOMEM when the owner is unknown.
 */
int stored_entry_add(struct stored *s, struct stored_conn *c, unsigned int domid, int delta);

/* stored_entry_count - nodes @c's unprivileged domain owns; 0 for privileged connections. */
int stored_entry_count(const struct stored_conn *c);

/* stored_domain_destroy - release @d: its nodes, ring, port, connection; fire @releaseDomain. */
void stored_domain_destroy(struct stored_domain *d);

/* stored_service_domain - one round of ring I/O for @d; true when a byte moved. */
bool stored_service_domain(struct stored_domain *d);

/* Handlers of the domain requests. */
int stored_do_introduce(struct stored_conn *c, const struct xs_msg *m);
int stored_do_release(struct stored_conn *c, const struct xs_msg *m);
int stored_do_resume(struct stored_conn *c, const struct xs_msg *m);
int stored_do_set_target(struct stored_conn *c, const struct xs_msg *m);
int stored_do_get_domain_path(struct stored_conn *c, const struct xs_msg *m);
int stored_do_is_domain_introduced(struct stored_conn *c, const struct xs_msg *m);

/* ---- control.c ---- */

/* Handler of XS_CONTROL. */
int stored_do_control(struct stored_conn *c, const struct xs_msg *m);

/* stored_check_store - check the tree's consistency (every child exists, every node is
 * reachable, counts add up); logs what it finds. Returns the number of problems. */
unsigned int stored_check_store(struct stored *s);

#endif /* STORED_CORE_H */
