/*
 * console.c - one domain's console: its ring page and port, its pseudo-terminal and its log
 * (the life of a console is told in consoled.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "consoled/consoled.h"
#include "consoled/ring.h"
#include "consoled/term.h"

#define OUT_RING_BYTES sizeof(((struct xencons_interface *)0)->out)
#define IN_RING_BYTES sizeof(((struct xencons_interface *)0)->in)
/* Ring-fulls of output taken per event at most: a guest that refills as fast waits a round. */
#define OUTPUT_ROUNDS 4

struct consoled_console *consoled_console_new(domid_t domid)
{
	struct consoled_console *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->domid = domid;
	c->local_port = c->master_fd = c->slave_fd = c->log_fd = c->poll_index = -1;
	consoled_fifo_set_limit(&c->out, CONSOLED_LIMIT_DEFAULT_BYTES);
	return c;
}

/* ---- xenstore ---- */

/* /local/domain/<domid>/<rel>, malloc'd, or NULL when it does not exist (or cannot be read). */
static char *read_node(struct consoled *d, domid_t domid, const char *rel)
{
	char path[CONSOLED_PATH_BYTES], *value = NULL;
	int rc = consoled_xs_path(path, sizeof(path), domid, rel);

	if (!rc)
		rc = xs_read(d->xs, XS_TX_NONE, path, &value, NULL);
	if (rc && rc != -ENOENT)
		consoled_logf(d, "d%u: reading %s: %s", domid, path, strerror(-rc));
	return rc ? NULL : value;
}

/* Write the terminal's path (or "" when it has none) to console/tty. */
static void publish_tty(struct consoled *d, struct consoled_console *c)
{
	char path[CONSOLED_PATH_BYTES];
	int rc = consoled_xs_path(path, sizeof(path), c->domid, CONSOLED_XS_TTY);

	if (!rc)
		rc = xs_write(d->xs, XS_TX_NONE, path, c->tty, (unsigned int)strlen(c->tty));
	if (rc)
		consoled_logf(d, "d%u: writing %s: %s", c->domid, path, strerror(-rc));
}

/* The console's nodes, checked (consoled_xs_parse's returns). */
static int read_console(struct consoled *d, struct consoled_console *c,
			struct consoled_xs_console *xc)
{
	char *ring_ref = read_node(d, c->domid, CONSOLED_XS_RING_REF);
	char *port = read_node(d, c->domid, CONSOLED_XS_PORT);
	char *type = read_node(d, c->domid, CONSOLED_XS_TYPE);
	char *limit = read_node(d, c->domid, CONSOLED_XS_LIMIT);
	int rc = consoled_xs_parse(ring_ref, port, type, limit, xc);

	if (rc == -EINVAL)
		consoled_logf(d, "d%u: console ring-ref '%s' or port '%s' is not usable", c->domid,
			      ring_ref, port);
	else if (rc == -EOPNOTSUPP)
		consoled_logf(d, "d%u: console type '%s' is served by another backend", c->domid,
			      type);
	free(ring_ref);
	free(port);
	free(type);
	free(limit);
	return rc;
}

/* ---- the ring page and the port ---- */

/* Map the ring: grant GNTTAB_RESERVED_CONSOLE first, as xenconsoled, else the MFN. */
static int map_ring(struct consoled *d, struct consoled_console *c, unsigned long mfn)
{
	const grant_ref_t ref = GNTTAB_RESERVED_CONSOLE;
	int grant_err = ENODEV;
	xen_pfn_t frame = mfn;

	if (d->gntdev) {
		c->intf = ctrl_gntdev_map(d->gntdev, c->domid, &ref, 1, PROT_READ | PROT_WRITE);
		c->intf_granted = c->intf != NULL;
		if (c->intf)
			return 0;
		grant_err = errno;
	}
	c->intf = ctrl_map_foreign(d->ctrl, c->domid, PROT_READ | PROT_WRITE, &frame, NULL, 1);
	if (c->intf)
		return 0;
	consoled_logf(d, "d%u: cannot map the console ring: grant %u: %s; MFN %#lx: %s", c->domid,
		      ref, strerror(grant_err), mfn, strerror(errno));
	return -1;
}

static void unmap_ring(struct consoled *d, struct consoled_console *c)
{
	int rc;

	if (!c->intf)
		return;
	if (c->intf_granted)
		rc = ctrl_gntdev_unmap(d->gntdev, c->intf, 1);
	else
		rc = ctrl_unmap_foreign(c->intf, 1);
	if (rc)
		consoled_logf(d, "d%u: unmapping the console ring: %s", c->domid, strerror(errno));
	c->intf = NULL;
}

static int bind_port(struct consoled *d, struct consoled_console *c, evtchn_port_t port)
{
	int local = ctrl_evtchn_bind_interdomain(d->evtchn, c->domid, port);

	if (local < 0) {
		consoled_logf(d, "d%u: cannot bind the console's port %u: %s", c->domid, port,
			      strerror(errno));
		return -1;
	}
	c->local_port = local;
	c->remote_port = port;
	c->held = false;
	c->rate = (struct consoled_rate){0};
	return 0;
}

static void unbind_port(struct consoled *d, struct consoled_console *c)
{
	if (c->local_port < 0)
		return;
	if (ctrl_evtchn_unbind(d->evtchn, (evtchn_port_t)c->local_port))
		consoled_logf(d, "d%u: unbinding port %d: %s", c->domid, c->local_port,
			      strerror(errno));
	c->local_port = -1;
}

static void notify(struct consoled *d, struct consoled_console *c)
{
	if (ctrl_evtchn_notify(d->evtchn, (evtchn_port_t)c->local_port))
		consoled_logf(d, "d%u: notify on port %d: %s", c->domid, c->local_port,
			      strerror(errno));
}

/* ---- the pseudo-terminal and the log ---- */

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/*
 * A new pseudo-terminal in raw mode, as xenconsoled makes it. The daemon keeps the slave
 * open too, so the master never sees a hang-up while nobody is attached.
 */
static int open_tty(struct consoled *d, struct consoled_console *c)
{
	c->master_fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (c->master_fd < 0 || grantpt(c->master_fd) || unlockpt(c->master_fd) ||
	    ptsname_r(c->master_fd, c->tty, sizeof(c->tty)))
		goto fail;
	c->slave_fd = open(c->tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (c->slave_fd < 0 || consoled_make_raw(c->slave_fd, NULL) ||
	    fcntl(c->master_fd, F_SETFL, O_NONBLOCK))
		goto fail;
	publish_tty(d, c);
	return 0;
fail:
	consoled_logf(d, "d%u: cannot make a pseudo-terminal: %s", c->domid, strerror(errno));
	close_fd(&c->master_fd);
	close_fd(&c->slave_fd);
	c->tty[0] = '\0';
	return -1;
}

static void close_tty(struct consoled_console *c)
{
	close_fd(&c->master_fd);
	close_fd(&c->slave_fd);
	c->tty[0] = '\0';
	consoled_fifo_release(&c->out);
}

static void open_log(struct consoled *d, struct consoled_console *c)
{
	char *name = read_node(d, c->domid, CONSOLED_XS_NAME), path[PATH_MAX];

	if (consoled_log_path(path, sizeof(path), d->opt->log_dir, name, c->domid))
		consoled_logf(d, "d%u: log file name too long", c->domid);
	else if ((c->log_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) < 0)
		consoled_logf(d, "d%u: cannot open %s: %s", c->domid, path, strerror(errno));
	free(name);
}

/* The guest's output: every byte to the log, and to the terminal's queue when it has one. */
static void keep_output(struct consoled *d, struct consoled_console *c, const char *buf, size_t n)
{
	if (c->log_fd >= 0 && consoled_write_all(c->log_fd, buf, n)) {
		consoled_logf(d, "d%u: writing its log: %s (log closed)", c->domid,
			      strerror(errno));
		close_fd(&c->log_fd);
	}
	if (c->master_fd >= 0 && consoled_fifo_push(&c->out, buf, n) < 0)
		consoled_logf(d, "d%u: out of memory: %zu bytes of output not shown", c->domid, n);
}

/* ---- connecting and letting go ---- */

static void disconnect(struct consoled *d, struct consoled_console *c)
{
	unbind_port(d, c);
	unmap_ring(d, c);
	if (c->state == CONSOLED_CONNECTED)
		c->state = CONSOLED_WAITING;
}

/* The guest broke its ring: let go of it and of the terminal, and do not come back. */
static void drop(struct consoled *d, struct consoled_console *c)
{
	struct xencons_interface *i = c->intf;

	consoled_logf(d,
		      "d%u: console ring indices out of range (in %u/%u, out %u/%u cons/prod): "
		      "console dropped",
		      c->domid, i->in_cons, i->in_prod, i->out_cons, i->out_prod);
	disconnect(d, c);
	close_tty(c);
	publish_tty(d, c);
	close_fd(&c->log_fd);
	c->state = CONSOLED_DROPPED;
}

static int connect_ring(struct consoled *d, struct consoled_console *c,
			const struct consoled_xs_console *xc)
{
	bool again = c->state == CONSOLED_CONNECTED;

	disconnect(d, c);
	if (map_ring(d, c, xc->ring_ref) || bind_port(d, c, xc->port))
		return -1;
	c->ring_ref = xc->ring_ref;
	if (c->master_fd < 0 && open_tty(d, c))
		return -1;
	if (c->log_fd < 0)
		open_log(d, c);
	c->state = CONSOLED_CONNECTED;
	consoled_logf(d, "d%u: %s: ring %s %#lx, port %u (ours %d), tty %s", c->domid,
		      again ? "reconnected" : "connected",
		      c->intf_granted ? "grant 0 of MFN" : "MFN", c->ring_ref, c->remote_port,
		      c->local_port, c->tty);
	return 0;
}

int consoled_console_refresh(struct consoled *d, struct consoled_console *c)
{
	struct consoled_xs_console xc;
	int rc;

	if (c->dead)
		return 0;
	rc = read_console(d, c, &xc);
	if (rc || c->state == CONSOLED_DROPPED)
		return rc;
	consoled_fifo_set_limit(&c->out, xc.limit);
	if (c->state == CONSOLED_CONNECTED && xc.ring_ref == c->ring_ref &&
	    xc.port == c->remote_port)
		return 0;
	if (connect_ring(d, c, &xc)) {
		disconnect(d, c);
		return 0;
	}
	consoled_console_event(d, c); /* what the guest wrote before we came */
	return 0;
}

void consoled_console_free(struct consoled *d, struct consoled_console *c)
{
	disconnect(d, c);
	close_tty(c);
	close_fd(&c->log_fd);
	free(c);
}

void consoled_reopen_logs(struct consoled *d)
{
	for (struct consoled_console *c = d->consoles; c; c = c->next) {
		if (c->log_fd < 0)
			continue;
		close_fd(&c->log_fd);
		open_log(d, c);
	}
}

/* ---- moving bytes ---- */

void consoled_console_event(struct consoled *d, struct consoled_console *c)
{
	char buf[OUT_RING_BYTES];
	bool moved = false;

	if (c->state != CONSOLED_CONNECTED)
		return;
	for (unsigned int round = 0; round < OUTPUT_ROUNDS; round++) {
		long n = consoled_ring_read_out(c->intf, buf, sizeof(buf));

		if (n < 0) {
			drop(d, c);
			return;
		}
		if (!n)
			break;
		keep_output(d, c, buf, (size_t)n);
		moved = true;
	}
	/* The guest may have taken input too: check its indices now rather than never. */
	if (consoled_ring_in_room(c->intf) < 0) {
		drop(d, c);
		return;
	}
	if (moved)
		notify(d, c);
}

short consoled_console_poll_events(const struct consoled_console *c)
{
	short events = 0;

	if (c->master_fd < 0)
		return 0;
	if (c->state == CONSOLED_CONNECTED && consoled_ring_in_room(c->intf) > 0)
		events |= POLLIN;
	if (c->out.len)
		events |= POLLOUT;
	return events;
}

/* The terminal failed (or hung up): make a new one, as xenconsoled does. */
static void renew_tty(struct consoled *d, struct consoled_console *c, int err)
{
	consoled_logf(d, "d%u: tty %s failed (%s): making a new one", c->domid, c->tty,
		      strerror(err));
	close_tty(c);
	if (open_tty(d, c))
		publish_tty(d, c);
}

/* Bytes typed on the terminal, as many as the ring has room for. */
static void tty_input(struct consoled *d, struct consoled_console *c)
{
	char buf[IN_RING_BYTES];
	long room = consoled_ring_in_room(c->intf), given;
	ssize_t n;

	if (room < 0) {
		drop(d, c);
		return;
	}
	n = read(c->master_fd, buf, (size_t)room < sizeof(buf) ? (size_t)room : sizeof(buf));
	if (n < 0 && errno != EAGAIN && errno != EINTR)
		renew_tty(d, c, errno);
	if (n <= 0)
		return;
	given = consoled_ring_write_in(c->intf, buf, (size_t)n);
	if (given < 0) {
		drop(d, c);
		return;
	}
	if (given < n)
		consoled_logf(d, "d%u: %ld bytes of input lost (the ring shrank under us)",
			      c->domid, (long)n - given);
	if (given)
		notify(d, c);
}

/* Queued output, as much as the terminal takes. */
static void tty_output(struct consoled *d, struct consoled_console *c)
{
	const char *p;
	size_t len = consoled_fifo_peek(&c->out, &p);
	ssize_t n = write(c->master_fd, p, len);

	if (n > 0)
		consoled_fifo_consume(&c->out, (size_t)n);
	else if (n < 0 && errno != EAGAIN && errno != EINTR)
		renew_tty(d, c, errno);
}

void consoled_console_tty_ready(struct consoled *d, struct consoled_console *c, short revents)
{
	if (c->master_fd < 0) /* closed earlier in this round */
		return;
	if ((revents & POLLIN) && c->state == CONSOLED_CONNECTED)
		tty_input(d, c);
	if (c->master_fd >= 0 && (revents & POLLOUT))
		tty_output(d, c);
	if (c->master_fd >= 0 && (revents & (POLLERR | POLLHUP | POLLNVAL)) &&
	    !(revents & (POLLIN | POLLOUT)))
		renew_tty(d, c, EIO);
}
