/*
 * daemon.c - lamina-consoled's loop: xenstore watches, the list of domains, events on the
 * consoles' ports and their terminals, all in one poll() (see consoled.h).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "consoled/consoled.h"
#include "consoled/term.h"

#define PORTS_PER_READ 64  /* fired ports taken from the device at once */
#define FIXED_POLL_SLOTS 2 /* xenstore, the event channel device */

static volatile sig_atomic_t stop_requested, reopen_requested;

void consoled_logf(struct consoled *d, const char *fmt, ...)
{
	struct timespec ts;
	va_list ap;

	clock_gettime(CLOCK_REALTIME, &ts);
	fprintf(d->log, "[%lld.%03ld] ", (long long)ts.tv_sec, ts.tv_nsec / 1000000);
	va_start(ap, fmt);
	vfprintf(d->log, fmt, ap);
	va_end(ap);
	fputc('\n', d->log);
	fflush(d->log);
}

/* ---- start and stop ---- */

int consoled_start(struct consoled *d)
{
	static const char *const specials[] = {"@introduceDomain", "@releaseDomain"};
	int rc = xs_open(&d->xs);

	if (rc) {
		consoled_logf(d, "cannot reach xenstore: %s", strerror(-rc));
		return -1;
	}
	d->ctrl = ctrl_open();
	if (!d->ctrl) {
		consoled_logf(d, "cannot open %s: %s", CTRL_PRIVCMD_PATH, strerror(errno));
		return -1;
	}
	d->evtchn = ctrl_evtchn_open(true);
	if (!d->evtchn) {
		consoled_logf(d, "cannot open %s: %s", CTRL_EVTCHN_PATH, strerror(errno));
		return -1;
	}
	d->gntdev = ctrl_gntdev_open();
	if (!d->gntdev)
		consoled_logf(d, "no %s (%s): rings are mapped by MFN only", CTRL_GNTDEV_PATH,
			      strerror(errno));
	for (unsigned int i = 0; i < sizeof(specials) / sizeof(specials[0]); i++) {
		rc = xs_watch(d->xs, specials[i], CONSOLED_TOKEN_DOMLIST);
		if (rc) {
			consoled_logf(d, "cannot watch %s: %s", specials[i], strerror(-rc));
			return -1;
		}
	}
	return 0;
}

/* Watch (or stop watching) @c's console directory, with the token "dom<domid>". */
static int watch_console(struct consoled *d, struct consoled_console *c, bool on)
{
	char path[CONSOLED_PATH_BYTES], token[CONSOLED_PATH_BYTES];
	int rc = consoled_xs_path(path, sizeof(path), c->domid, CONSOLED_XS_CONSOLE);

	if (!rc)
		rc = consoled_watch_token(token, sizeof(token), c->domid);
	if (!rc)
		rc = on ? xs_watch(d->xs, path, token) : xs_unwatch(d->xs, path, token);
	if (rc)
		consoled_logf(d, "d%u: cannot %swatch %s: %s", c->domid, on ? "" : "un", path,
			      strerror(-rc));
	else
		c->watching = on;
	return rc;
}

/* Take @c out of the list, let go of it. */
static void forget(struct consoled *d, struct consoled_console *c)
{
	struct consoled_console **pp = &d->consoles;

	while (*pp != c)
		pp = &(*pp)->next;
	*pp = c->next;
	if (c->watching && d->xs)
		watch_console(d, c, false);
	domid_t domid = c->domid;
	consoled_console_free(d, c);
	/* Said once it is true: the ring, port, terminal and log are all let go by now. */
	consoled_logf(d, "d%u: gone: its console is let go", domid);
}

void consoled_stop(struct consoled *d)
{
	while (d->consoles)
		forget(d, d->consoles);
	ctrl_gntdev_close(d->gntdev);
	ctrl_evtchn_close_dev(d->evtchn);
	ctrl_close(d->ctrl);
	xs_close(d->xs);
	free(d->fds);
	*d = (struct consoled){.opt = d->opt, .log = d->log};
}

/* ---- domains ---- */

static struct consoled_console *find_domain(struct consoled *d, domid_t domid)
{
	for (struct consoled_console *c = d->consoles; c; c = c->next)
		if (c->domid == domid)
			return c;
	return NULL;
}

static struct consoled_console *find_port(struct consoled *d, evtchn_port_t port)
{
	for (struct consoled_console *c = d->consoles; c; c = c->next)
		if (c->local_port >= 0 && (evtchn_port_t)c->local_port == port)
			return c;
	return NULL;
}

/* A new domain: track it and watch its console directory (the watch fires once at once). */
static void add_domain(struct consoled *d, domid_t domid)
{
	struct consoled_console *c = consoled_console_new(domid);

	if (!c) {
		consoled_logf(d, "d%u: out of memory", domid);
		return;
	}
	c->seen = d->pass;
	c->next = d->consoles;
	d->consoles = c;
	consoled_logf(d, "d%u: new domain", domid);
	if (watch_console(d, c, true))
		c->dead = true;
}

/*
 * List the domains again, as xenconsoled does on @introduceDomain/@releaseDomain: new ones
 * are tracked, dying or vanished ones marked to be let go. Dom0 has no console here.
 */
static void list_domains(struct consoled *d)
{
	struct xen_domctl_getdomaininfo *infos;
	struct consoled_console *c;
	int n = ctrl_domain_list_all(d->ctrl, &infos);

	if (n < 0) {
		consoled_logf(d, "listing domains: %s", strerror(errno));
		return;
	}
	d->pass++;
	for (int i = 0; i < n; i++) {
		domid_t domid = (domid_t)infos[i].domain;

		if (domid == 0)
			continue;
		c = find_domain(d, domid);
		if (infos[i].flags & XEN_DOMINF_dying)
			continue; /* not seen: let go below */
		if (c)
			c->seen = d->pass;
		else
			add_domain(d, domid);
	}
	free(infos);
	for (c = d->consoles; c; c = c->next)
		if (c->seen != d->pass)
			c->dead = true;
}

static void reap_dead(struct consoled *d)
{
	struct consoled_console *c = d->consoles, *next;

	for (; c; c = next) {
		next = c->next;
		if (c->dead)
			forget(d, c);
	}
}

/* ---- xenstore watches ---- */

static void watch_fired(struct consoled *d, const char *token)
{
	struct consoled_console *c;
	domid_t domid;

	switch (consoled_parse_token(token, &domid)) {
	case CONSOLED_TOKEN_IS_DOMLIST:
		list_domains(d);
		break;
	case CONSOLED_TOKEN_IS_DOMAIN:
		c = find_domain(d, domid);
		/*
		 * No console nodes: not written yet, or removed by a toolstack that destroyed
		 * the domain. Ask the hypervisor, rather than wait for @releaseDomain alone.
		 */
		if (c && consoled_console_refresh(d, c) == -ENOENT)
			list_domains(d);
		break;
	case CONSOLED_TOKEN_IS_OTHER:
		break;
	}
}

/* Every watch event that has arrived. Returns 0, or -1 when xenstore went away. */
static int take_watches(struct consoled *d)
{
	char *path, *token;
	int rc;

	while ((rc = xs_check_watch(d->xs, &path, &token)) == 0) {
		watch_fired(d, token);
		free(path);
		free(token);
	}
	if (rc == -EAGAIN)
		return 0;
	consoled_logf(d, "xenstore: %s", strerror(-rc));
	return -1;
}

/* ---- event channels ---- */

/* Unmask @c's port now, or hold it masked until its period ends (rate.h). */
static void rearm(struct consoled *d, struct consoled_console *c, long long now)
{
	if (c->local_port < 0)
		return;
	if (!consoled_rate_event(&c->rate, now)) {
		c->held = true;
		return;
	}
	if (ctrl_evtchn_unmask(d->evtchn, (evtchn_port_t)c->local_port))
		consoled_logf(d, "d%u: unmask port %d: %s", c->domid, c->local_port,
			      strerror(errno));
}

/* The driver's queue overflowed: start it again and look at every ring. */
static void recover_events(struct consoled *d)
{
	consoled_logf(d, "event queue overflowed: checking every console");
	ctrl_evtchn_reset(d->evtchn);
	for (struct consoled_console *c = d->consoles; c; c = c->next) {
		consoled_console_event(d, c);
		if (c->local_port >= 0)
			ctrl_evtchn_unmask(d->evtchn, (evtchn_port_t)c->local_port);
	}
}

static void take_events(struct consoled *d)
{
	evtchn_port_t ports[PORTS_PER_READ];
	long long now = consoled_now_ms();
	int n;

	while ((n = ctrl_evtchn_pending(d->evtchn, ports, PORTS_PER_READ)) > 0) {
		for (int i = 0; i < n; i++) {
			struct consoled_console *c = find_port(d, ports[i]);

			if (!c) /* unbound since it fired */
				continue;
			consoled_console_event(d, c);
			rearm(d, c, now);
		}
	}
	if (n < 0 && errno == EFBIG)
		recover_events(d);
	else if (n < 0 && errno != EAGAIN && errno != EINTR)
		consoled_logf(d, "reading fired ports: %s", strerror(errno));
}

/* Unmask the ports whose rate-limit period has ended; look at their rings. */
static void release_held(struct consoled *d, long long now)
{
	for (struct consoled_console *c = d->consoles; c; c = c->next) {
		if (!c->held || now < consoled_rate_release_ms(&c->rate))
			continue;
		c->held = false;
		if (c->local_port < 0)
			continue;
		ctrl_evtchn_unmask(d->evtchn, (evtchn_port_t)c->local_port);
		consoled_console_event(d, c);
	}
}

/* ---- the loop ---- */

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		reopen_requested = 1;
	else
		stop_requested = 1;
}

/* The poll set of this round into d->fds; *@timeout_ms: -1, or when a held port is due. */
static int build_poll_set(struct consoled *d, int *timeout_ms, long long now)
{
	size_t n = FIXED_POLL_SLOTS, want = FIXED_POLL_SLOTS;
	long long due = -1;
	struct consoled_console *c;

	for (c = d->consoles; c; c = c->next)
		want++;
	if (want > d->fds_cap) {
		struct pollfd *fds = realloc(d->fds, want * sizeof(*fds));

		if (!fds)
			return -1;
		d->fds = fds;
		d->fds_cap = want;
	}
	d->fds[0] = (struct pollfd){.fd = xs_fileno(d->xs), .events = POLLIN};
	d->fds[1] = (struct pollfd){.fd = ctrl_evtchn_fd(d->evtchn), .events = POLLIN};
	for (c = d->consoles; c; c = c->next) {
		short events = consoled_console_poll_events(c);

		c->poll_index = -1;
		if (events) {
			c->poll_index = (int)n;
			d->fds[n++] = (struct pollfd){.fd = c->master_fd, .events = events};
		}
		if (c->held && (due < 0 || consoled_rate_release_ms(&c->rate) < due))
			due = consoled_rate_release_ms(&c->rate);
	}
	*timeout_ms = due < 0 ? -1 : due <= now ? 0 : (int)(due - now);
	return (int)n;
}

static void serve_terminals(struct consoled *d)
{
	for (struct consoled_console *c = d->consoles; c; c = c->next)
		if (c->poll_index >= 0 && d->fds[c->poll_index].revents)
			consoled_console_tty_ready(d, c, d->fds[c->poll_index].revents);
}

int consoled_run(struct consoled *d)
{
	int nfds, timeout;

	consoled_catch_signals(on_signal);
	list_domains(d);
	while (!stop_requested) {
		if (take_watches(d))
			return 1;
		reap_dead(d);
		nfds = build_poll_set(d, &timeout, consoled_now_ms());
		if (nfds < 0) {
			consoled_logf(d, "out of memory for the poll set");
			return 1;
		}
		if (poll(d->fds, (nfds_t)nfds, timeout) < 0 && errno != EINTR) {
			consoled_logf(d, "poll: %s", strerror(errno));
			return 1;
		}
		if (reopen_requested) {
			reopen_requested = 0;
			consoled_reopen_logs(d);
		}
		if (d->fds[1].revents & POLLIN)
			take_events(d);
		serve_terminals(d);
		release_held(d, consoled_now_ms());
	}
	consoled_logf(d, "stopping on a signal");
	return 0;
}
