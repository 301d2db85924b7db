/*
 * consoled/consoled.h - lamina-consoled, the console backend of PV domains (the role of Xen's
 * xenconsoled): the daemon's state and the calls between its files.
 *
 *	main.c		options, becoming a daemon, the pid file
 *	daemon.c	the poll loop, xenstore watches, the list of domains, event dispatch
 *	console.c	one domain's console: ring mapping, event channel, pseudo-terminal, log
 *	ring.c, fifo.c, xspath.c, rate.c	the pure rules (ring indices, output queue,
 *			xenstore paths and values, event rate), unit-tested
 *
 * The life of a console (struct consoled_console):
 *  - a domain appears in the hypervisor's domain list (listed again whenever
 *    @introduceDomain or @releaseDomain fires): the daemon watches its console directory;
 *  - the directory holds ring-ref and port (and a type that is ours): the ring page is mapped
 *    (grant reference GNTTAB_RESERVED_CONSOLE through gntdev, else a foreign mapping of the
 *    ring-ref MFN through privcmd), the guest's port bound, a pseudo-terminal made (its slave
 *    path written to console/tty) and the log file opened; what the guest wrote before is
 *    taken at once. A later change of ring-ref or port reconnects;
 *  - then: an event moves the guest's output to the log and the terminal queue; bytes typed on
 *    the terminal go to the ring as it has room; each side is signalled when bytes moved;
 *  - indices out of range drop the console for good (ring unmapped, port unbound, terminal
 *    closed, tty emptied): a broken guest costs nothing more;
 *  - the domain dies (dying, or no longer listed, when the domain list is read again:
 *    on @releaseDomain, and when a console's nodes vanish - a toolstack removes them after
 *    destroying the domain): everything it held is let go.
 */
#ifndef CONSOLED_CONSOLED_H
#define CONSOLED_CONSOLED_H

#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "consoled/fifo.h"
#include "consoled/rate.h"
#include "consoled/xspath.h"
#include "libctrl/ctrl.h"
#include "libstore/xs_client.h"

/* struct consoled_options - the command line (main.c). */
struct consoled_options {
	const char *log_dir;  /* guest logs: <dir>/<name or domid>.log */
	const char *log_file; /* the daemon's own messages; NULL: standard error */
	const char *pid_file; /* NULL: none */
	bool foreground;      /* -i: stay in the foreground */
};

enum consoled_state {
	CONSOLED_WAITING,   /* no usable ring-ref/port yet */
	CONSOLED_CONNECTED, /* ring mapped, port bound, terminal open */
	CONSOLED_DROPPED,   /* the guest broke its ring: nothing more until it dies */
};

/* struct consoled_console - one domain's console. */
struct consoled_console {
	domid_t domid;
	enum consoled_state state;
	unsigned int seen;		/* the domain-list pass that last saw the domain */
	bool watching;			/* its console directory is watched */
	bool dead;			/* to be let go at the end of this loop round */
	struct xencons_interface *intf; /* the ring page, or NULL */
	bool intf_granted;		/* mapped through gntdev (else privcmd) */
	unsigned long ring_ref;		/* console/ring-ref in use */
	evtchn_port_t remote_port;	/* console/port in use */
	int local_port;			/* our end, or -1 */
	bool held;			/* port left masked by the rate limit */
	struct consoled_rate rate;
	int master_fd, slave_fd;       /* the pseudo-terminal, or -1 */
	char tty[CONSOLED_PATH_BYTES]; /* its slave's path */
	int log_fd;		       /* or -1 */
	struct consoled_fifo out;      /* output not yet written to the terminal */
	int poll_index;		       /* master_fd's slot in this round's poll set, or -1 */
	struct consoled_console *next;
};

/* struct consoled - the daemon. */
struct consoled {
	const struct consoled_options *opt;
	FILE *log; /* the daemon's messages */
	struct xs_handle *xs;
	struct ctrl *ctrl;
	struct ctrl_evtchn *evtchn; /* every console's port, non-blocking */
	struct ctrl_gntdev *gntdev; /* NULL: foreign mappings only */
	struct consoled_console *consoles;
	unsigned int pass;  /* domain-list passes so far */
	struct pollfd *fds; /* this round's poll set */
	size_t fds_cap;	    /* its room, in entries */
};

/* ---- daemon.c ---- */

/*
 * consoled_logf - one line "[seconds.ms] <message>" in the daemon's log. Messages about a
 * domain start with "d<domid>: ".
 */
void consoled_logf(struct consoled *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * consoled_start - open what the daemon needs (xenstore, privcmd, evtchn, gntdev when there is
 * one), watch @introduceDomain and @releaseDomain. Returns 0, or -1 after logging why.
 */
int consoled_start(struct consoled *d);

/* consoled_run - serve until SIGTERM/SIGINT or a fatal error. Returns the exit status. */
int consoled_run(struct consoled *d);

/* consoled_stop - let go of every console and close the handles. */
void consoled_stop(struct consoled *d);

/* ---- console.c ---- */

/* consoled_console_new - a console of @domid, not yet connected; NULL when out of memory. */
struct consoled_console *consoled_console_new(domid_t domid);

/*
 * consoled_console_refresh - read the console's nodes and connect, reconnect or leave it, as
 * they say (the console directory changed); a dropped console is only looked at. Logs what
 * happened. Returns 0, or consoled_xs_parse()'s error: -ENOENT when ring-ref or port is
 * missing (not written yet, or the toolstack removed the domain's nodes).
 */
int consoled_console_refresh(struct consoled *d, struct consoled_console *c);

/*
 * consoled_console_event - an event came on @c's port: move its output (the caller counted it
 * against the rate limit and unmasks the port).
 */
void consoled_console_event(struct consoled *d, struct consoled_console *c);

/* consoled_console_poll_events - what to poll the terminal for now (0: leave it out). */
short consoled_console_poll_events(const struct consoled_console *c);

/* consoled_console_tty_ready - the terminal polled @revents: read input, write output. */
void consoled_console_tty_ready(struct consoled *d, struct consoled_console *c, short revents);

/* consoled_console_free - let go of everything @c holds (the domain went) and free it. */
void consoled_console_free(struct consoled *d, struct consoled_console *c);

/* consoled_reopen_logs - reopen every console's log file (SIGHUP: logs were rotated). */
void consoled_reopen_logs(struct consoled *d);

#endif /* CONSOLED_CONSOLED_H */
