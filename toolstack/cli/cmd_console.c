/*
 * cmd_console.c - `lamina console <Domain>`: this terminal on a domain's console, as `xl
 * console` (Xen 4.17's xenconsole) does it.
 *
 * lamina-consoled keeps a pseudo-terminal per domain and writes its slave's path to
 * /local/domain/<domid>/console/tty (backend-drivers/consoled). The session waits up to
 * CONSOLE_WAIT_MS for that path (a domain just created may not have it yet), takes the
 * domain's console lock (one session per domain, as xenconsole's flock), opens the terminal,
 * puts it and ours (when standard input is a terminal) in raw mode and copies bytes both
 * ways. It ends, with our terminal restored, on Ctrl-] (exit 0), at the end of standard input
 * (0), on SIGTERM/SIGINT/SIGHUP (0), and when the console goes away (0, with a note on
 * standard error): the domain died, or the daemon dropped a console whose ring the guest
 * broke. A terminal the daemon replaced (its path changed) is followed.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "consoled/term.h"
#include "consoled/xspath.h"
#include "libstore/xs_client.h"

#define CONSOLE_WAIT_MS 5000 /* for the tty path to appear (xenconsole waits 5 s) */
#define RENEW_WAIT_MS 1000   /* for a new tty after ours closed */
#define LOCK_DIR "/var/run/lamina"
#define IO_BYTES 512
#define WATCH_TOKEN "tty"
#define GO_ON (-1) /* a step's result: the session continues */

struct session {
	struct cli_ctx *cx;
	domid_t domid;
	struct xs_handle *xs;
	char path[CONSOLED_PATH_BYTES]; /* /local/domain/<domid>/console/tty */
	char tty[CONSOLED_PATH_BYTES];	/* the terminal open now ("" none) */
	int pty;			/* or -1 */
	int open_errno;			/* why the last open() of the terminal failed, or 0 */
};

static struct termios saved_stdin;
static bool stdin_raw;
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = 1;
}

static void restore_stdin(void)
{
	if (stdin_raw)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_stdin);
	stdin_raw = false;
}

/* One session per domain: an exclusive lock on LOCK_DIR/console.<domid>.lock. */
static int take_lock(struct session *s)
{
	char file[sizeof(LOCK_DIR) + 32];
	int fd;

	snprintf(file, sizeof(file), LOCK_DIR "/console.%u.lock", s->domid);
	if (mkdir(LOCK_DIR, 0755) && errno != EEXIST)
		return 0; /* a read-only /var/run: no lock, as better than no console */
	fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return 0;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 0; /* held until we exit */
	cli_error(s->cx, "the console of domain %u is in use by another session (%s)", s->domid,
		  file);
	close(fd);
	return -1;
}

/* Throw away the watch events that arrived: only the node's value matters. */
static void drain_watch(struct session *s)
{
	char *path, *token;

	while (xs_check_watch(s->xs, &path, &token) == 0) {
		free(path);
		free(token);
	}
}

/* One look at console/tty: 0 with s->pty open, or -errno as open_pty() says. */
static int try_open(struct session *s, const char *stale)
{
	char *value = NULL;
	int rc = xs_read(s->xs, XS_TX_NONE, s->path, &value, NULL);

	s->open_errno = 0;
	if (rc)
		return rc;
	if (!value[0] || !strcmp(value, stale)) {
		rc = -EAGAIN;
	} else if (strlen(value) >= sizeof(s->tty)) {
		rc = -ENAMETOOLONG;
	} else {
		s->pty = open(value, O_RDWR | O_NOCTTY | O_CLOEXEC);
		s->open_errno = s->pty < 0 ? errno : 0;
		rc = -s->open_errno;
		if (s->pty >= 0) {
			snprintf(s->tty, sizeof(s->tty), "%s", value);
			consoled_make_raw(s->pty, NULL);
		}
	}
	free(value);
	return rc;
}

/*
 * Open the terminal named in console/tty, waiting up to @wait_ms for it to appear (or to
 * differ from @stale, a path that just closed). Returns 0, or -errno of the last look: ENOENT
 * (no such node), EAGAIN (the node is empty or unchanged), or open()'s error (also in
 * s->open_errno).
 */
static int open_pty(struct session *s, int wait_ms, const char *stale)
{
	long long end = consoled_now_ms() + wait_ms, left;
	int rc;

	for (;;) {
		drain_watch(s);
		rc = try_open(s, stale);
		left = end - consoled_now_ms();
		if (!rc || left <= 0 || interrupted)
			return rc;
		poll(&(struct pollfd){.fd = xs_fileno(s->xs), .events = POLLIN}, 1, (int)left);
	}
}

static void close_pty(struct session *s)
{
	if (s->pty >= 0)
		close(s->pty);
	s->pty = -1;
}

/* The console went away: a new terminal of the daemon's, or the end of the session. */
static int console_gone(struct session *s)
{
	struct xen_domctl_getdomaininfo info;
	char old[CONSOLED_PATH_BYTES];

	snprintf(old, sizeof(old), "%s", s->tty);
	close_pty(s);
	if (open_pty(s, RENEW_WAIT_MS, old) == 0)
		return GO_ON;
	restore_stdin();
	if (ctrl_domain_getinfo(s->cx->ctrl, s->domid, &info) ||
	    (info.flags & (XEN_DOMINF_dying | XEN_DOMINF_shutdown)))
		cli_error(s->cx, "domain %u is gone: console closed", s->domid);
	else
		cli_error(s->cx, "the console of domain %u closed", s->domid);
	return CLI_EXIT_OK;
}

/* console/tty changed: follow the daemon to a new terminal, or end with the console. */
static int tty_changed(struct session *s)
{
	char *value = NULL;
	int rc;

	drain_watch(s);
	rc = xs_read(s->xs, XS_TX_NONE, s->path, &value, NULL);
	if (rc == 0 && !strcmp(value, s->tty)) {
		free(value);
		return GO_ON;
	}
	free(value);
	return console_gone(s);
}

static int domain_to_stdout(struct session *s)
{
	char buf[IO_BYTES];
	ssize_t n = read(s->pty, buf, sizeof(buf));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return GO_ON;
	if (n <= 0) /* EIO: the daemon closed the terminal */
		return console_gone(s);
	if (consoled_write_all(STDOUT_FILENO, buf, (size_t)n)) {
		restore_stdin();
		cli_error(s->cx, "writing to standard output: %s", strerror(errno));
		return CLI_EXIT_FAIL;
	}
	return GO_ON;
}

static int stdin_to_domain(struct session *s)
{
	char buf[IO_BYTES];
	ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
	bool detach;
	size_t pass;

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return GO_ON;
	if (n <= 0)
		return CLI_EXIT_OK; /* the end of our input ends the session, as xenconsole */
	pass = cli_escape_scan(buf, (size_t)n, CLI_CONSOLE_ESCAPE, &detach);
	if (pass && consoled_write_all(s->pty, buf, pass) && errno != EIO) {
		restore_stdin();
		cli_error(s->cx, "writing to %s: %s", s->tty, strerror(errno));
		return CLI_EXIT_FAIL;
	}
	return detach ? CLI_EXIT_OK : GO_ON;
}

static int session_loop(struct session *s)
{
	int rc = GO_ON;

	while (rc == GO_ON && !interrupted) {
		struct pollfd p[3] = {
		    {.fd = xs_fileno(s->xs), .events = POLLIN},
		    {.fd = s->pty, .events = POLLIN},
		    {.fd = STDIN_FILENO, .events = POLLIN},
		};

		if (poll(p, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			return CLI_EXIT_FAIL;
		}
		if (p[0].revents)
			rc = tty_changed(s);
		if (rc == GO_ON && p[1].revents)
			rc = domain_to_stdout(s);
		if (rc == GO_ON && p[2].revents)
			rc = stdin_to_domain(s);
	}
	return rc == GO_ON ? CLI_EXIT_OK : rc;
}

/* Why there is no terminal to open, from open_pty()'s result. */
static int no_console(struct session *s, int rc)
{
	if (s->open_errno)
		cli_error(s->cx, "cannot open the terminal of domain %u's console: %s", s->domid,
			  strerror(s->open_errno));
	else if (rc == -ENOENT)
		cli_error(s->cx, "domain %u has no console (no %s in xenstore)", s->domid, s->path);
	else if (rc == -EAGAIN)
		cli_error(s->cx,
			  "domain %u's console has no terminal (%s is empty: is lamina-consoled "
			  "running?)",
			  s->domid, s->path);
	else
		cli_error(s->cx, "cannot open the console of domain %u: %s", s->domid,
			  strerror(-rc));
	return CLI_EXIT_FAIL;
}

static int attach(struct session *s)
{
	int rc = consoled_xs_path(s->path, sizeof(s->path), s->domid, CONSOLED_XS_TTY);

	if (!rc)
		rc = xs_watch(s->xs, s->path, WATCH_TOKEN);
	if (rc) {
		cli_error(s->cx, "cannot watch %s: %s", s->path, strerror(-rc));
		return CLI_EXIT_FAIL;
	}
	if (take_lock(s))
		return CLI_EXIT_FAIL;
	rc = open_pty(s, CONSOLE_WAIT_MS, "");
	if (rc)
		return interrupted ? CLI_EXIT_OK : no_console(s, rc);
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		stdin_raw = consoled_make_raw(STDIN_FILENO, &saved_stdin) == 0;
	rc = session_loop(s);
	restore_stdin();
	return rc;
}

static int run(struct cli_ctx *cx, const struct cli_args *args)
{
	struct xen_domctl_getdomaininfo info;
	struct session s = {.cx = cx, .pty = -1};
	int rc;

	if (cli_find_domain(cx, args->argv[0], &info))
		return CLI_EXIT_FAIL;
	s.domid = (domid_t)info.domain;
	if (s.domid == 0) {
		cli_error(cx, "domain 0 has no console here (its console is the machine's: hvc0)");
		return CLI_EXIT_FAIL;
	}
	rc = xs_open(&s.xs);
	if (rc) {
		cli_error(cx, "cannot reach xenstore (is lamina-stored running?): %s",
			  strerror(-rc));
		return CLI_EXIT_FAIL;
	}
	consoled_catch_signals(on_signal);
	rc = attach(&s);
	close_pty(&s);
	xs_close(s.xs);
	return rc;
}

const struct cli_command cli_cmd_console = {
    .name = "console",
    .summary = "Attach to a domain's console",
    .usage = "<Domain>",
    .description =
	"Connects this terminal to the domain's PV console (served by lamina-consoled) in\n"
	"raw mode: what the domain writes appears here, what you type goes to it.\n"
	"Ctrl-] detaches (exit 0); so do the end of standard input and the domain's end.\n"
	"Waits up to 5 s for a new domain's console. <Domain> is an id or a name.",
    .min_args = 1,
    .max_args = 1,
    .run = run,
};
