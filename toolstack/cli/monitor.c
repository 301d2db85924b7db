/*
 * monitor.c - the domain monitor's loop (cli/monitor.h): wait for @releaseDomain, look at
 * the domain, carry out the configured action; and the background process `lamina create`
 * leaves it in.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/domain_build.h"
#include "cli/domain_store.h"
#include "cli/monitor.h"

#define WATCH_TOKEN "lamina-monitor"
#define LOOK_EVERY_MS 5000 /* a look without an event too: a lost watch costs only time */
#define MONITOR_LOG_DIR "/var/log/lamina"

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One line of the monitor's log, stamped with the time. */
static void say(const char *fmt, ...)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	va_list ap;

	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", localtime_r(&now, &tm));
	printf("%s ", stamp);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void pid_path(domid_t domid, char path[CLI_XS_PATH_MAX])
{
	snprintf(path, CLI_XS_PATH_MAX, "/libxl/%u/" CLI_MONITOR_PID_NODE, domid);
}

/*
 * Record (pid > 0) or forget (0) this process as domid's monitor. The record goes under
 * /libxl/<id> only while that exists (in one transaction): a domain destroyed before its
 * monitor got going must not get the directory back.
 */
static void record_pid(struct xs_handle *xs, domid_t domid, pid_t pid)
{
	char path[CLI_XS_PATH_MAX], dir[CLI_XS_PATH_MAX], value[16];
	uint32_t tx;
	int rc;

	pid_path(domid, path);
	snprintf(dir, sizeof(dir), "/libxl/%u", domid);
	snprintf(value, sizeof(value), "%d", (int)pid);
	do {
		rc = xs_transaction_start(xs, &tx);
		if (rc)
			break;
		char **names = NULL; /* only whether dir exists matters; fresh each try */
		unsigned int n;
		rc = xs_directory(xs, tx, dir, &names, &n);
		free(names);
		if (rc == 0)
			rc = pid ? xs_write(xs, tx, path, value, (unsigned int)strlen(value))
				 : xs_rm(xs, tx, path);
		int end = xs_transaction_end(xs, tx, rc != 0);
		if (rc == 0)
			rc = end;
	} while (rc == -EAGAIN);
	if (rc && rc != -ENOENT)
		say("cannot %s the monitor in %s: %s", pid ? "record" : "forget", path,
		    strerror(-rc));
}

int cli_monitor_of(struct xs_handle *xs, domid_t domid)
{
	char path[CLI_XS_PATH_MAX], *value = NULL;
	unsigned int len;
	long pid = 0;

	pid_path(domid, path);
	if (xs_read(xs, 0, path, &value, &len))
		return 0;
	pid = strtol(value, NULL, 10);
	free(value);
	if (pid <= 0 || (kill((pid_t)pid, 0) && errno == ESRCH))
		return 0;
	return (int)pid;
}

/* Give the shut-down domain @domid a name of its own, so that a new one can take its name. */
static void rename_domain(struct xs_handle *xs, domid_t domid, const char *name)
{
	char newname[CFG_NAME_MAX + 24], path[CLI_XS_PATH_MAX + 16], *vm = NULL;
	unsigned int len;

	if (cli_preserved_name(name, time(NULL), newname, sizeof(newname))) {
		say("cannot make a new name for domain %u", domid);
		return;
	}
	say("Preserving domain %u %s as %s", domid, name, newname);
	cli_domain_dom_path(domid, path);
	strcat(path, "/vm");
	if (!xs_read(xs, 0, path, &vm, &len)) {
		snprintf(path, sizeof(path), "%s/name", vm);
		xs_write(xs, 0, path, newname, (unsigned int)strlen(newname));
		free(vm);
	}
	cli_domain_dom_path(domid, path);
	strcat(path, "/name");
	int rc = xs_write(xs, 0, path, newname, (unsigned int)strlen(newname));
	if (rc)
		say("renaming domain %u (%s): %s", domid, path, strerror(-rc));
}

/* Create the domain again; its new id into *@domid. 0, or -1 after saying why. */
static int restart(struct ctrl *c, struct xs_handle *xs, const struct domain_config *cfg,
		   domid_t *domid)
{
	struct cli_built b;

	if (cli_domain_create(c, xs, cfg, false, &b)) {
		say("restarting %s failed: %s", cfg->name, b.error);
		return -1;
	}
	say("Domain %s restarted as domain %u", cfg->name, b.domid);
	*domid = b.domid;
	return 0;
}

/* Take every watch event already queued; true when there was one. */
static bool drain_events(struct xs_handle *xs)
{
	char *path, *token;
	bool any = false;

	while (xs_check_watch(xs, &path, &token) == 0) {
		free(path);
		free(token);
		any = true;
	}
	return any;
}

/* Wait until a watch event arrives or LOOK_EVERY_MS pass; take every queued event. */
static void wait_event(struct xs_handle *xs)
{
	struct pollfd p = {.fd = xs_fileno(xs), .events = POLLIN};

	if (!drain_events(xs) && poll(&p, 1, LOOK_EVERY_MS) > 0)
		drain_events(xs);
}

int cli_monitor_run(struct ctrl *c, const struct domain_config *cfg, domid_t domid)
{
	struct xs_handle *xs;
	int rc = xs_open(&xs);

	if (rc) {
		say("cannot reach the xenstore daemon: %s", strerror(-rc));
		return CLI_EXIT_FAIL;
	}
	rc = xs_watch(xs, "@releaseDomain", WATCH_TOKEN);
	if (rc) {
		say("cannot watch @releaseDomain: %s", strerror(-rc));
		xs_close(xs);
		return CLI_EXIT_FAIL;
	}
	record_pid(xs, domid, getpid());
	say("Waiting for domain %s (domid %u) to die [pid %d]", cfg->name, domid, (int)getpid());
	rc = CLI_EXIT_OK;
	for (;;) {
		struct xen_domctl_getdomaininfo info = {0};
		struct cli_monitor_decision d;
		bool found = ctrl_domain_getinfo(c, domid, &info) == 0;

		if (!found && errno != ESRCH) {
			say("getdomaininfo of domain %u: %s", domid, strerror(errno));
			wait_event(xs);
			continue;
		}
		cli_monitor_decide(cfg, domid, found, &info, &d);
		if (d.step == CLI_MONITOR_WAIT) {
			wait_event(xs);
			continue;
		}
		if (d.step == CLI_MONITOR_GONE) {
			say("Domain %u has been destroyed.", domid);
			record_pid(xs, domid, 0);
			break;
		}
		say("Domain %u has shut down, reason code %u (%s); action %s", domid, d.reason,
		    ctrl_shutdown_reason_name(d.reason), cfg_action_name(d.action));
		if (d.note)
			say("%s", d.note);
		if (d.step == CLI_MONITOR_PRESERVE) {
			say("Domain %u needs to be cleaned up: preserving it as it is", domid);
			record_pid(xs, domid, 0);
			break;
		}
		if (d.step == CLI_MONITOR_RENAME_RESTART) {
			rename_domain(xs, domid, cfg->name);
			record_pid(xs, domid, 0);
		} else {
			say("Domain %u needs to be cleaned up: destroying the domain", domid);
			if (cli_domain_destroy(c, domid) && errno != ESRCH)
				say("destroying domain %u: %s", domid, strerror(errno));
		}
		if (d.step == CLI_MONITOR_DESTROY)
			break;
		if (restart(c, xs, cfg, &domid)) {
			rc = CLI_EXIT_FAIL;
			break;
		}
		record_pid(xs, domid, getpid());
	}
	say("Done. Exiting now");
	xs_close(xs);
	return rc;
}

/* Point stdin at /dev/null and stdout/stderr at the monitor's log file (or /dev/null). */
static void redirect_output(const char *name)
{
	char path[sizeof(MONITOR_LOG_DIR) + CFG_NAME_MAX + 16];
	int in = open("/dev/null", O_RDONLY);
	int out;

	mkdir(MONITOR_LOG_DIR, 0755);
	snprintf(path, sizeof(path), MONITOR_LOG_DIR "/monitor-%s.log", name);
	out = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (out < 0)
		out = open("/dev/null", O_WRONLY);
	if (in >= 0) {
		dup2(in, STDIN_FILENO);
		close(in);
	}
	if (out >= 0) {
		dup2(out, STDOUT_FILENO);
		dup2(out, STDERR_FILENO);
		close(out);
	}
}

int cli_monitor_spawn(const struct domain_config *cfg, domid_t domid)
{
	fflush(NULL);
	pid_t pid = fork();

	if (pid != 0)
		return (int)pid;
	/* The child: nothing of the parent's handles (privcmd buffers are not inherited). */
	setsid();
	signal(SIGHUP, SIG_IGN);
	if (chdir("/"))
		_exit(CLI_EXIT_FAIL);
	redirect_output(cfg->name);
	closefrom(STDERR_FILENO + 1);
	cli_names_use(&cli_names_domid_only);
	struct ctrl *c = ctrl_open();
	if (!c) {
		say("cannot open %s: %s", CTRL_PRIVCMD_PATH, strerror(errno));
		_exit(CLI_EXIT_FAIL);
	}
	int rc = cli_monitor_run(c, cfg, domid);
	ctrl_close(c);
	_exit(rc);
}
