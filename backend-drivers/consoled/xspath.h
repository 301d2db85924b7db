/*
 * consoled/xspath.h - where a PV domain's console is described in xenstore, what the nodes
 * mean, and the names lamina-consoled derives from them. Pure: strings only. The `lamina
 * console` command shares the paths.
 *
 * A toolstack writes, for the console of a PV domain (Xen 4.17's libxl,
 * libxl__device_console_add; read-only for the guest), under /local/domain/<domid>/console:
 *	ring-ref	the MFN of the ring page, decimal. The domain builder also makes that page
 *			the domain's grant reference GNTTAB_RESERVED_CONSOLE (0), which the
 *			backend maps first (xenconsoled: gnttab, then a foreign mapping)
 *	port		the guest's unbound event channel for the console, decimal (not 0)
 *	type		"xenconsoled": ours. Anything else ("ioemu": QEMU serves the console)
 *			is left alone; no node counts as ours, as in xenconsoled
 *	output		"pty"
 *	limit		bytes of output kept for the terminal, decimal (libxl: 1048576)
 *	tty		"" at first; the backend writes its pseudo-terminal's slave path
 * and /local/domain/<domid>/name, the domain's name, which names its log file.
 *
 * Watches, as xenconsoled sets them: "@introduceDomain" and "@releaseDomain" with the token
 * CONSOLED_TOKEN_DOMLIST (any domain came or went: list them again), and each domain's
 * console directory with the token "dom<domid>".
 */
#ifndef CONSOLED_XSPATH_H
#define CONSOLED_XSPATH_H

#include <stddef.h>
#include <xen/event_channel.h>
#include <xen/xen.h>

/* Paths below /local/domain/<domid>, for consoled_xs_path(). */
#define CONSOLED_XS_CONSOLE "console"
#define CONSOLED_XS_RING_REF "console/ring-ref"
#define CONSOLED_XS_PORT "console/port"
#define CONSOLED_XS_TYPE "console/type"
#define CONSOLED_XS_LIMIT "console/limit"
#define CONSOLED_XS_TTY "console/tty"
#define CONSOLED_XS_NAME "name"

/* The one console type this daemon serves (libxl's LIBXL__CONSOLE_BACKEND_XENCONSOLED). */
#define CONSOLED_TYPE "xenconsoled"

/* Output kept for the terminal without a "limit" node (libxl's LIBXL_XENCONSOLE_LIMIT). */
#define CONSOLED_LIMIT_DEFAULT_BYTES 1048576UL
/* Bounds put on a "limit" node's value. */
#define CONSOLED_LIMIT_MIN_BYTES 4096UL
#define CONSOLED_LIMIT_MAX_BYTES (16UL << 20)

/* Watch tokens. */
#define CONSOLED_TOKEN_DOMLIST "domlist"
#define CONSOLED_TOKEN_DOMAIN "dom" /* followed by the domid in decimal */

/* Where guest logs go (lamina-consoled's --log-dir). */
#define CONSOLED_LOG_DIR "/var/log/lamina/console"

/* Room for any path or token built here, with its NUL. */
#define CONSOLED_PATH_BYTES 64

/*
 * consoled_xs_path - "/local/domain/<@domid>/<@rel>" into @buf of @size bytes (@rel: one of
 * the CONSOLED_XS_* paths). Returns 0, or -ENAMETOOLONG when it does not fit.
 */
int consoled_xs_path(char *buf, size_t size, unsigned int domid, const char *rel);

/* consoled_watch_token - "dom<@domid>" into @buf. Returns 0 or -ENAMETOOLONG. */
int consoled_watch_token(char *buf, size_t size, unsigned int domid);

/* What a watch token names (consoled_parse_token). */
enum consoled_token {
	CONSOLED_TOKEN_IS_DOMLIST, /* the domain list changed */
	CONSOLED_TOKEN_IS_DOMAIN,  /* a domain's console directory changed */
	CONSOLED_TOKEN_IS_OTHER,   /* not one of ours */
};

/*
 * consoled_parse_token - the meaning of watch token @token; for a domain's, its domid in
 * *@domid (decimal digits below DOMID_FIRST_RESERVED, nothing else: "dom07x" is not ours).
 */
enum consoled_token consoled_parse_token(const char *token, domid_t *domid);

/* struct consoled_xs_console - a console's nodes, checked (consoled_xs_parse). */
struct consoled_xs_console {
	unsigned long ring_ref; /* MFN of the ring page */
	evtchn_port_t port;	/* the guest's port */
	size_t limit;		/* bytes kept for the terminal, clamped */
};

/*
 * consoled_xs_parse - check the values read from ring-ref, port, type and limit (each NULL
 * when the node does not exist) into @out.
 * Returns 0; -ENOENT when ring-ref or port is missing (the toolstack has not written them
 * yet); -EINVAL when ring-ref or port is not a decimal number in range (port 0 included);
 * -EOPNOTSUPP when type names another backend. A missing or malformed limit is the default
 * (CONSOLED_LIMIT_DEFAULT_BYTES), and any limit is clamped to
 * [CONSOLED_LIMIT_MIN_BYTES, CONSOLED_LIMIT_MAX_BYTES].
 */
int consoled_xs_parse(const char *ring_ref, const char *port, const char *type, const char *limit,
		      struct consoled_xs_console *out);

/*
 * consoled_log_path - the log file of a domain: "<@dir>/<@name>.log" when @name is usable as
 * a file name (1 to 64 bytes of letters, digits, '-', '_', '.' and '+', not starting with
 * '.'), else "<@dir>/<@domid>.log" (no name, or a name that could escape the directory).
 * Returns 0, or -ENAMETOOLONG when it does not fit in @size bytes.
 */
int consoled_log_path(char *buf, size_t size, const char *dir, const char *name,
		      unsigned int domid);

#endif /* CONSOLED_XSPATH_H */
