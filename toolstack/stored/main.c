/*
 * main.c - lamina-stored, the xenstore daemon of Lamina's dom0.
 *
 *	lamina-stored [options]
 *	-N, --no-fork		stay in the foreground (else detach once ready; the parent exits
 *				0 only when the daemon serves)
 *	-F, --pid-file FILE	write the daemon's pid to FILE
 *	-T, --trace-file FILE	log to FILE, with every request traced (Xen's -T)
 *	-L, --log-file FILE	log to FILE (start-up, domains, errors)
 *	-V, --verbose		log to standard error (with -N)
 *	-D, --no-domain-init	do not serve dom0 through xenfs nor watch VIRQ_DOM_EXC
 *				(a socket-only daemon, e.g. on a machine without Xen)
 *	-E, -S, -W, -t, -A, -M	quotas as Xen's xenstored takes them: nodes per domain, node
 *				size, watches, transactions, permissions per node, path length
 *	-H, --help
 * The socket is Xen 4.17's: $XENSTORED_PATH, else $XENSTORED_RUNDIR (default
 * /var/run/xenstored) "/socket". At start the store gets the nodes of a fresh Xen dom0
 * (stored_setup_structure).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stored/platform.h"

struct config {
	bool fork, domain_init, trace, verbose;
	const char *pid_file, *log_file;
	struct stored_quota quota;
};

static void usage(FILE *out)
{
	fputs("Usage: lamina-stored [-N] [-F pid-file] [-T trace-file | -L log-file] [-V] [-D]\n"
	      "                     [-E nodes] [-S node-size] [-W watches] [-t transactions]\n"
	      "                     [-A perms] [-M path-length]\n",
	      out);
}

/* A quota option's value: a positive decimal number. */
static unsigned int quota_value(const char *arg)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);

	if (!*arg || *end || v == 0 || v > 1000000) {
		fprintf(stderr, "lamina-stored: bad quota value '%s'\n", arg);
		exit(2);
	}
	return (unsigned int)v;
}

static void parse_args(int argc, char **argv, struct config *cfg)
{
	static const struct option longs[] = {
	    {"no-fork", 0, NULL, 'N'},	  {"pid-file", 1, NULL, 'F'},
	    {"trace-file", 1, NULL, 'T'}, {"log-file", 1, NULL, 'L'},
	    {"verbose", 0, NULL, 'V'},	  {"no-domain-init", 0, NULL, 'D'},
	    {"entry-nb", 1, NULL, 'E'},	  {"entry-size", 1, NULL, 'S'},
	    {"watch-nb", 1, NULL, 'W'},	  {"transaction", 1, NULL, 't'},
	    {"perm-nb", 1, NULL, 'A'},	  {"path-max", 1, NULL, 'M'},
	    {"help", 0, NULL, 'H'},	  {NULL, 0, NULL, 0},
	};
	int c;

	while ((c = getopt_long(argc, argv, "NF:T:L:VDE:S:W:t:A:M:H", longs, NULL)) != -1) {
		switch (c) {
		case 'N':
			cfg->fork = false;
			break;
		case 'F':
			cfg->pid_file = optarg;
			break;
		case 'T':
			cfg->log_file = optarg;
			cfg->trace = true;
			break;
		case 'L':
			cfg->log_file = optarg;
			break;
		case 'V':
			cfg->verbose = true;
			break;
		case 'D':
			cfg->domain_init = false;
			break;
		case 'E':
			cfg->quota.entries = quota_value(optarg);
			break;
		case 'S':
			cfg->quota.node_bytes = quota_value(optarg);
			break;
		case 'W':
			cfg->quota.watches = quota_value(optarg);
			break;
		case 't':
			cfg->quota.transactions = quota_value(optarg);
			break;
		case 'A':
			cfg->quota.perms = quota_value(optarg);
			break;
		case 'M':
			cfg->quota.path_chars = quota_value(optarg);
			break;
		case 'H':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(2);
		}
	}
	if (cfg->quota.path_chars > XENSTORE_REL_PATH_MAX)
		cfg->quota.path_chars = XENSTORE_REL_PATH_MAX; /* as Xen's -M */
	if (optind != argc) {
		usage(stderr);
		exit(2);
	}
}

/* The socket path, as Xen's xs_daemon_socket(). */
static const char *socket_path(char *buf, size_t size)
{
	const char *env = getenv("XENSTORED_PATH"), *dir = getenv("XENSTORED_RUNDIR");

	if (env)
		return env;
	dir = dir ? dir : STORED_RUNDIR;
	mkdir(dir, 0755);
	snprintf(buf, size, "%s/socket", dir);
	return buf;
}

/*
 * Detach: the parent waits on a pipe until the child says it serves (one byte) or dies, so a
 * boot script that runs lamina-stored may use xenstore right after. Returns the pipe's write
 * end in the child (-1 with --no-fork).
 */
static int detach(void)
{
	int fds[2];
	char ok;
	pid_t pid;

	if (pipe(fds) < 0 || (pid = fork()) < 0) {
		perror("lamina-stored: fork");
		exit(1);
	}
	if (pid > 0) {
		close(fds[1]);
		exit(read(fds[0], &ok, 1) == 1 ? 0 : 1);
	}
	close(fds[0]);
	setsid();
	if (chdir("/") < 0)
		perror("lamina-stored: chdir");
	return fds[1];
}

/* The child is ready: stdio to /dev/null, tell the parent. */
static void ready(int fd)
{
	FILE *null;

	if (fd < 0)
		return;
	null = fopen("/dev/null", "r+");
	if (null) {
		dup2(fileno(null), 0);
		dup2(fileno(null), 1);
		dup2(fileno(null), 2);
		fclose(null);
	}
	if (write(fd, "", 1) != 1)
		exit(1);
	close(fd);
}

static void write_pid(const char *path)
{
	FILE *f = path ? fopen(path, "w") : NULL;

	if (f) {
		fprintf(f, "%ld\n", (long)getpid());
		fclose(f);
	}
}

/* Open the log; exits when it cannot be had. */
static FILE *open_log(const struct config *cfg)
{
	FILE *log;

	if (!cfg->log_file)
		return cfg->verbose ? stderr : NULL;
	log = fopen(cfg->log_file, "a");
	if (!log) {
		fprintf(stderr, "lamina-stored: %s: %s\n", cfg->log_file, strerror(errno));
		exit(1);
	}
	return log;
}

/* Core, platform, socket, dom0: everything before the loop. Exits on failure. */
static struct stored *start(const struct config *cfg, struct stored_platform **pp, FILE *log)
{
	struct stored_ops ops;
	struct stored_platform *p = stored_platform_new(log, &ops);
	struct stored *s = p ? stored_new(&ops, &cfg->quota) : NULL;
	char buf[256];
	const char *path = socket_path(buf, sizeof(buf));
	int rc;

	if (!s || stored_setup_structure(s)) {
		fprintf(stderr, "lamina-stored: out of memory\n");
		exit(1);
	}
	stored_set_trace(s, cfg->trace);
	rc = stored_platform_listen(p, path);
	if (rc) {
		fprintf(stderr, "lamina-stored: socket %s: %s\n", path, strerror(-rc));
		exit(1);
	}
	if (cfg->domain_init) {
		rc = stored_platform_dom0(p, s);
		if (rc) {
			fprintf(stderr, "lamina-stored: dom0 through xenfs: %s\n", strerror(-rc));
			exit(1);
		}
		rc = stored_platform_watch_domains(p);
		if (rc)
			fprintf(stderr,
				"lamina-stored: VIRQ_DOM_EXC: %s (dead domains go unnoticed)\n",
				strerror(-rc));
	}
	*pp = p;
	return s;
}

int main(int argc, char **argv)
{
	struct config cfg = {.fork = true, .domain_init = true};
	struct stored_platform *p;
	struct stored *s;
	FILE *log;
	int ready_fd = -1, rc;

	stored_quota_defaults(&cfg.quota);
	parse_args(argc, argv, &cfg);
	signal(SIGPIPE, SIG_IGN);
	log = open_log(&cfg);
	if (cfg.fork)
		ready_fd = detach();
	s = start(&cfg, &p, log);
	write_pid(cfg.pid_file);
	ready(ready_fd);
	rc = stored_platform_run(p, s);
	fprintf(log ? log : stderr, "lamina-stored: main loop: %s\n", strerror(-rc));
	stored_free(s);
	stored_platform_free(p);
	return 1;
}
