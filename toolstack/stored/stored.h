/*
 * stored.h - the xenstore daemon's core, as the platform layer (platform.c, main.c) and the
 * tests drive it.
 *
 * The core owns the tree of nodes, transactions, watches, permissions, quotas, domains and
 * connections. It makes no system call: everything that touches the machine - mapping a guest's
 * ring page, event channels, asking the hypervisor about domains, logging - goes through
 * struct stored_ops, which the platform (or a test) provides.
 *
 * Connections come in two kinds, as in Xen's xenstored:
 *  - socket connections: the platform feeds the bytes it reads with stored_conn_input() and
 *    writes out what stored_conn_output() hands it; they are privileged (domid 0);
 *  - domain connections: made by XS_INTRODUCE (and stored_introduce() for dom0), served by the
 *    core itself through the domain's ring page whenever stored_service() runs.
 *
 * A connection that breaks the protocol - a header announcing more than XENSTORE_PAYLOAD_MAX
 * bytes, corrupt ring indexes, a stream that ends inside a message - is ended (a socket) or
 * ignored from then on (a ring, with the reason in its error field, as Xen 4.17 does); the
 * daemon and every other connection carry on. Requests that are well framed but malformed get
 * an XS_ERROR reply (EINVAL; ENOSYS for an unknown type), as on Xen.
 */
#ifndef STORED_STORED_H
#define STORED_STORED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/event_channel.h>
#include <xen/io/xs_wire.h>

struct stored;
struct stored_conn;

/*
 * struct stored_quota - per-domain limits, applied to unprivileged domains only. Defaults are
 * Xen 4.17's (tools/xenstore/xenstored_core.c, quota_* variables); comparisons follow Xen's,
 * which is why a domain may hold one watch and one transaction more than the number says.
 */
struct stored_quota {
	unsigned int entries;	   /* nodes a domain may own (ENOSPC): 1000 */
	unsigned int node_bytes;   /* a node's accounted size must stay below (ENOSPC): 2048 */
	unsigned int watches;	   /* XS_WATCH fails with E2BIG once a domain holds more: 128 */
	unsigned int transactions; /* XS_TRANSACTION_START fails with ENOSPC above: 10 */
	unsigned int perms;	   /* permission entries per node (ENOSPC): 5 */
	unsigned int trans_nodes;  /* nodes one transaction may touch (ENOSPC): 1024 */
	unsigned int path_chars;   /* path length beyond /local/domain/<id>/ (EINVAL): 2048 */
};

/* stored_quota_defaults - fill @q with Xen 4.17's defaults. */
void stored_quota_defaults(struct stored_quota *q);

/* struct stored_dominfo - what the hypervisor says about a domain (sysctl getdomaininfolist). */
struct stored_dominfo {
	bool shutdown; /* shut down or crashed */
	bool dying;    /* being destroyed */
};

/*
 * struct stored_ops - the machine, as the core sees it. Every function gets @priv. Each may be
 * NULL where a test does not need it; the core then behaves as if the call failed (-ENOSYS),
 * except domain_info, whose absence means "every domain exists and runs".
 */
struct stored_ops {
	void *priv;
	/*
	 * Map the xenstore ring page of domain @domid (grant reference 1, or frame @mfn; for
	 * the daemon's own domain the page xenfs offers). Returns the page, or NULL with -errno
	 * in *@err.
	 */
	struct xenstore_domain_interface *(*map_ring)(void *priv, unsigned int domid, uint64_t mfn,
						      int *err);
	void (*unmap_ring)(void *priv, unsigned int domid, struct xenstore_domain_interface *intf);
	/* Bind a local port to unbound port @remote_port of @domid: the local port or -errno. */
	int (*bind_port)(void *priv, unsigned int domid, evtchn_port_t remote_port);
	void (*unbind_port)(void *priv, evtchn_port_t port);
	/* Signal local port @port. */
	void (*notify)(void *priv, evtchn_port_t port);
	/* State of @domid: 0, or -ESRCH when there is no such domain, or another -errno. */
	int (*domain_info)(void *priv, unsigned int domid, struct stored_dominfo *info);
	/* One line of the daemon's log (no newline). */
	void (*log)(void *priv, const char *line);
};

/*
 * stored_new - a daemon core with an empty store (not even "/"; see stored_setup_structure),
 * driven through @ops (copied), limited by @quota (copied; NULL: the defaults).
 * Returns NULL when out of memory.
 */
struct stored *stored_new(const struct stored_ops *ops, const struct stored_quota *quota);

/* stored_free - end every connection, release every domain, free the store. */
void stored_free(struct stored *s);

/*
 * stored_setup_structure - the nodes a fresh Xen 4.17 dom0 has: what xenstored itself makes
 * ("/", "/tool", "/tool/xenstored": setup_structure()) and what xen-init-dom0 adds
 * ("/local/domain/0/domid" = "0", "/local/domain/0/name" = "Domain-0", "/local/pool/0/name" =
 * "Pool-0"), all owned by dom0 with no access for others. Returns 0 or -ENOMEM.
 */
int stored_setup_structure(struct stored *s);

/*
 * stored_introduce - serve domain @domid through ring page @mfn and its unbound port @port:
 * what XS_INTRODUCE does (the platform calls it for dom0, with the port from xenfs's xsd_port).
 * Returns 0 or -errno (of map_ring or bind_port; -EINVAL for port 0).
 */
int stored_introduce(struct stored *s, unsigned int domid, uint64_t mfn, evtchn_port_t port);

/*
 * stored_service - serve every domain ring: read the requests that are there, handle them,
 * write replies and watch events while there is room, signal each domain whose ring moved.
 * Repeats until nothing moves, at most STORED_SERVICE_ROUNDS times, so a busy guest cannot
 * hold the daemon. The platform calls it after any event channel fired and after handling
 * socket input (socket requests may queue watch events for domains).
 * Returns true when work was left over: the platform should call again without waiting.
 */
#define STORED_SERVICE_ROUNDS 64
bool stored_service(struct stored *s);

/*
 * stored_check_domains - ask the hypervisor (ops->domain_info) about every domain the daemon
 * knows, as Xen's check_domains() on VIRQ_DOM_EXC: a domain that shut down or crashed fires
 * @releaseDomain once (until XS_RESUME); a dying or vanished one is released - its nodes
 * removed, its ring unmapped, its port unbound, @releaseDomain fired.
 */
void stored_check_domains(struct stored *s);

/*
 * stored_conn_new - a privileged socket connection; @cookie is the platform's (its fd, say).
 * Returns NULL when out of memory.
 */
struct stored_conn *stored_conn_new(struct stored *s, void *cookie);

/* stored_conn_cookie - the cookie given to stored_conn_new(). */
void *stored_conn_cookie(const struct stored_conn *c);

/*
 * stored_conn_input - handle @len bytes read from socket connection @c: whole requests are
 * handled at once, a partial one is kept for the next call. Returns 0, or -E2BIG for an
 * oversized message: the caller must then end the connection (stored_conn_close).
 */
int stored_conn_input(struct stored_conn *c, const void *data, size_t len);

/*
 * stored_conn_output - the next bytes queued for socket connection @c: a pointer in *@data and
 * the count (0: nothing queued). They stay queued until stored_conn_advance().
 */
size_t stored_conn_output(struct stored_conn *c, const void **data);

/* stored_conn_advance - @n bytes of what stored_conn_output() gave were written. */
void stored_conn_advance(struct stored_conn *c, size_t n);

/*
 * stored_conn_close - end socket connection @c (its peer went away or broke the protocol): its
 * watches and transactions go; a message it left unfinished is logged as truncated. @c must
 * not be used afterwards.
 */
void stored_conn_close(struct stored_conn *c);

/* stored_conn_has_partial - true while @c holds part of a message. */
bool stored_conn_has_partial(const struct stored_conn *c);

/* stored_set_trace - log (ops.log) every request as it comes in, when @on. */
void stored_set_trace(struct stored *s, bool on);

/* stored_node_count - the number of nodes in the store (outside transactions). */
size_t stored_node_count(const struct stored *s);

/* stored_port_is_domain - true when local port @port belongs to a served domain. */
bool stored_port_is_domain(const struct stored *s, evtchn_port_t port);

#endif /* STORED_STORED_H */
