/*
 * xs_client.h - a xenstore client: one connection to the daemon, requests answered one at a
 * time, watch events queued as they arrive between replies.
 *
 * Transports (as Xen 4.17's libxenstore, tools/libs/store/xs.c):
 *  - the daemon's Unix socket, /var/run/xenstored/socket;
 *  - dom0's kernel device /dev/xen/xenbus (Linux's xenbus_dev frontend: each write() carries
 *    whole request messages, read() returns replies and watch events; the kernel keeps the
 *    watches and transactions of the open file and ends them when it is closed);
 *  - a raw ring page (struct xenstore_domain_interface) with a notify callback, as a guest
 *    kernel talks to the daemon; used by the tests against an in-memory daemon.
 *
 * Every function returns 0 (or a count where said) on success and a negative errno value on
 * failure: the errno the daemon sent in an XS_ERROR reply (ENOENT, EACCES, EINVAL, EAGAIN for a
 * transaction that conflicted, ...), or one of the transport (EIO, ECONNRESET, ETIMEDOUT...).
 * Strings and arrays returned are malloc'd; the caller frees them with free().
 */
#ifndef LIBSTORE_XS_CLIENT_H
#define LIBSTORE_XS_CLIENT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/uio.h>
#include <xen/io/xs_wire.h>

#include "libstore/xs_codec.h"

/* The transaction id of requests outside any transaction (Xen's XBT_NULL). */
#define XS_TX_NONE 0u

/* The daemon's socket (Xen 4.17: XEN_RUN_STORED "/socket"), and the variable that replaces it. */
#define XS_DAEMON_SOCKET "/var/run/xenstored/socket"
#define XS_PATH_ENV "XENSTORED_PATH"
/* dom0's kernel xenbus device (Linux's xenbus_dev frontend). */
#define XS_XENBUS_DEV "/dev/xen/xenbus"

struct xs_handle;

/*
 * xs_notify_fn - for ring handles: signal the other end of the ring (the event channel of a
 * real guest). Called after requests were written and whenever the client waits for room or
 * for a reply; an in-memory daemon runs its ring processing from it.
 */
typedef void (*xs_notify_fn)(void *arg);

/*
 * xs_open - connect as Xen's xs_open(0) does: the path in $XENSTORED_PATH, else the daemon
 * socket XS_DAEMON_SOCKET (a socket is connected to, anything else opened as a device), and
 * when that fails the xenbus device ($XENSTORED_PATH, else XS_XENBUS_DEV).
 * Returns 0 and the handle in *@out, or -errno of the last attempt.
 */
int xs_open(struct xs_handle **out);

/* xs_open_socket - connect to the daemon's Unix socket at @path. Returns 0 or -errno. */
int xs_open_socket(const char *path, struct xs_handle **out);

/* xs_open_dev - open the xenbus device at @path (read/write). Returns 0 or -errno. */
int xs_open_dev(const char *path, struct xs_handle **out);

/*
 * xs_open_ring - talk through ring page @intf as a guest, calling @notify(@arg) to signal the
 * daemon. The handle gives up (-ETIMEDOUT) after XS_RING_MAX_IDLE notifications that moved no
 * byte. Returns 0 or -ENOMEM.
 */
#define XS_RING_MAX_IDLE 64
int xs_open_ring(struct xenstore_domain_interface *intf, xs_notify_fn notify, void *arg,
		 struct xs_handle **out);

/* xs_close - close @h (NULL is allowed) and drop its queued watch events. */
void xs_close(struct xs_handle *h);

/* xs_fileno - the file descriptor of @h (to poll for watch events), or -1 for a ring. */
int xs_fileno(const struct xs_handle *h);

/*
 * xs_request - send a request of @type in transaction @tx whose payload is the @n parts in
 * @parts, and wait for its reply, which stays in *@reply (owned by @h) until the next request.
 * Returns 0; -E2BIG when the payload exceeds XENSTORE_PAYLOAD_MAX; the errno of an XS_ERROR
 * reply; -EIO when the reply's type is not the request's.
 */
int xs_request(struct xs_handle *h, uint32_t type, uint32_t tx, const struct iovec *parts,
	       unsigned int n, const struct xs_msg **reply);

/*
 * xs_read - the value of @path: *@value (NUL-terminated for convenience; may hold NULs) and
 * its length in bytes in *@len (@len may be NULL).
 */
int xs_read(struct xs_handle *h, uint32_t tx, const char *path, char **value, unsigned int *len);

/* xs_write - set @path to @len bytes of @value, creating it and missing parents. */
int xs_write(struct xs_handle *h, uint32_t tx, const char *path, const void *value,
	     unsigned int len);

/* xs_mkdir - make sure @path exists (empty value when created). */
int xs_mkdir(struct xs_handle *h, uint32_t tx, const char *path);

/* xs_rm - remove @path and everything below it; no error when it does not exist. */
int xs_rm(struct xs_handle *h, uint32_t tx, const char *path);

/*
 * xs_directory - the children of @path: *@names is one allocation holding *@num pointers and
 * the names. Falls back to XS_DIRECTORY_PART when the list exceeds one payload (E2BIG),
 * restarting when the node's generation changed between parts, as libxenstore does.
 */
int xs_directory(struct xs_handle *h, uint32_t tx, const char *path, char ***names,
		 unsigned int *num);

/* xs_get_perms - the permissions of @path: *@perms holds *@num entries, the owner first. */
int xs_get_perms(struct xs_handle *h, uint32_t tx, const char *path, struct xs_perm **perms,
		 unsigned int *num);

/* xs_set_perms - set the @num permissions @perms (owner first) on @path. */
int xs_set_perms(struct xs_handle *h, uint32_t tx, const char *path, const struct xs_perm *perms,
		 unsigned int num);

/*
 * xs_watch - watch @path (a path, or "@introduceDomain" / "@releaseDomain") with @token. The
 * daemon fires the watch once at once (docs/misc/xenstore.txt), so one event is queued soon.
 */
int xs_watch(struct xs_handle *h, const char *path, const char *token);

/* xs_unwatch - remove the watch of @path with @token (-ENOENT when there is none). */
int xs_unwatch(struct xs_handle *h, const char *path, const char *token);

/* xs_reset_watches - drop every watch and transaction of this connection (XS_RESET_WATCHES). */
int xs_reset_watches(struct xs_handle *h);

/*
 * xs_read_watch - the oldest watch event: its path in *@path and token in *@token (both
 * malloc'd). Waits for one when none is queued (a ring handle: -ETIMEDOUT when the daemon
 * stays silent).
 */
int xs_read_watch(struct xs_handle *h, char **path, char **token);

/*
 * xs_check_watch - as xs_read_watch but never waits: takes in what already arrived and
 * returns -EAGAIN when no event is queued.
 */
int xs_check_watch(struct xs_handle *h, char **path, char **token);

/* xs_transaction_start - start a transaction; its id in *@tx. */
int xs_transaction_start(struct xs_handle *h, uint32_t *tx);

/*
 * xs_transaction_end - commit transaction @tx, or discard it when @abort. Returns -EAGAIN when
 * the commit conflicted with a concurrent change (the caller retries the transaction).
 */
int xs_transaction_end(struct xs_handle *h, uint32_t tx, bool abort);

/*
 * xs_introduce_domain - tell the daemon to serve domain @domid through its ring page @mfn and
 * its unbound event channel @port (privileged callers only: -EACCES otherwise).
 */
int xs_introduce_domain(struct xs_handle *h, unsigned int domid, uint64_t mfn, unsigned int port);

/* xs_release_domain - stop serving @domid; its nodes go and @releaseDomain fires. */
int xs_release_domain(struct xs_handle *h, unsigned int domid);

/* xs_resume_domain - re-arm @releaseDomain for @domid after it was shut down and resumed. */
int xs_resume_domain(struct xs_handle *h, unsigned int domid);

/* xs_set_target - give domain @domid the rights of its target @target (device models). */
int xs_set_target(struct xs_handle *h, unsigned int domid, unsigned int target);

/* xs_get_domain_path - "/local/domain/<domid>" as the daemon says, in *@path. */
int xs_get_domain_path(struct xs_handle *h, unsigned int domid, char **path);

/* xs_is_domain_introduced - whether the daemon serves @domid, in *@yes. */
int xs_is_domain_introduced(struct xs_handle *h, unsigned int domid, bool *yes);

/*
 * xs_control - send XS_CONTROL with the @n strings @args (the command first); the reply's text
 * in *@reply (may be NULL when the caller does not want it).
 */
int xs_control(struct xs_handle *h, const char *const *args, unsigned int n, char **reply);

#endif /* LIBSTORE_XS_CLIENT_H */
