/*
 * main.c - lamina-consoled, the console backend of PV domains in dom0 (the role of Xen's
 * xenconsoled; see consoled.h).
 *
 *	lamina-consoled [options]
 *	-i, --interactive	stay in the foreground (messages to standard error unless
 *				--log-file); else detach once serving: the parent exits 0 only
 *				then, 1 when the daemon could not start
 *	--log-dir DIR		guest logs, DIR/<name or domid>.log (default
 *				/var/log/lamina/console; made when missing)
 *	--log-file FILE		the daemon's own messages (default when detached:
 *				/var/log/lamina/consoled.log)
 *	--pid-file FILE		write the daemon's pid to FILE
 *	-h, --help
 * SIGTERM and SIGINT stop it (every console let go); SIGHUP reopens the guests' log files
 * (after a rotation; the daemon's own log is appended to as it was opened).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "consoled/consoled.h"

#define DEFAULT_DAEMON_LOG "/var/log/lamina/consoled.log"
#define READY_BYTE 'r'

static void usage(FILE *out)
{
	fputs("Usage: lamina-consoled [-i] [--log-dir DIR] [--log-file FILE] [--pid-file FILE]\n",
	      out);
}

static void parse_args(int argc, char **argv, struct consoled_options *opt)
{
	enum { OPT_LOG_DIR = 256, OPT_LOG_FILE, OPT_PID_FILE };
	static const struct option longs[] = {
	    {"interactive", 0, NULL, 'i'},
	    {"log-dir", 1, NULL, OPT_LOG_DIR},
	    {"log-file", 1, NULL, OPT_LOG_FILE},
	    {"pid-file", 1, NULL, OPT_PID_FILE},
	    {"help", 0, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "ih", longs, NULL)) != -1) {
		switch (ch) {
		case 'i':
			opt->foreground = true;
			break;
		case OPT_LOG_DIR:
			opt->log_dir = optarg;
			break;
		case OPT_LOG_FILE:
			opt->log_file = optarg;
			break;
		case OPT_PID_FILE:
			opt->pid_file = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(2);
		}
	}
	if (optind != argc) {
		usage(stderr);
		exit(2);
	}
	if (!opt->foreground && !opt->log_file)
		opt->log_file = DEFAULT_DAEMON_LOG;
}

/* mkdir -p @path (mode 0755). Returns 0 or -1 with errno. */
static int make_dirs(const char *path)
{
	char buf[4096];
	size_t len = strlen(path);

	if (len >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, path, len + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0755) && errno != EEXIST ? -1 : 0;
}

/* The directory part of @file, made when missing. */
static int make_parent(const char *file)
{
	char dir[4096];
	const char *slash = strrchr(file, '/');

	if (!slash || slash == file || (size_t)(slash - file) >= sizeof(dir))
		return 0;
	memcpy(dir, file, (size_t)(slash - file));
	dir[slash - file] = '\0';
	return make_dirs(dir);
}

static FILE *open_daemon_log(const char *file)
{
	FILE *f;

	if (!file)
		return stderr;
	if (make_parent(file) || !(f = fopen(file, "ae"))) {
		fprintf(stderr, "lamina-consoled: cannot open %s: %s\n", file, strerror(errno));
		exit(1);
	}
	return f;
}

/*
 * Detach: the parent waits until the child has started (one byte on a pipe) or failed (the
 * pipe closes), then exits 0 or 1. Returns the pipe's write end in the child.
 */
static int detach(void)
{
	int fds[2];
	char byte;
	pid_t pid;

	if (pipe(fds) || (pid = fork()) < 0) {
		perror("lamina-consoled: fork");
		exit(1);
	}
	if (pid > 0) {
		close(fds[1]);
		exit(read(fds[0], &byte, 1) == 1 && byte == READY_BYTE ? 0 : 1);
	}
	close(fds[0]);
	setsid();
	return fds[1];
}

/* Tell the waiting parent we serve; the standard streams go to /dev/null. */
static void signal_ready(int ready_fd)
{
	const char byte = READY_BYTE;
	int null = open("/dev/null", O_RDWR);

	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
	if (write(ready_fd, &byte, 1) != 1)
		exit(1);
	close(ready_fd);
}

static void write_pid_file(struct consoled *d, const char *file)
{
	FILE *f = fopen(file, "we");

	if (!f || fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f))
		consoled_logf(d, "cannot write %s: %s", file, strerror(errno));
}

int main(int argc, char **argv)
{
	struct consoled_options opt = {.log_dir = CONSOLED_LOG_DIR};
	struct consoled d = {.opt = &opt};
	int ready_fd = -1, status;

	parse_args(argc, argv, &opt);
	d.log = open_daemon_log(opt.log_file);
	if (make_dirs(opt.log_dir)) {
		fprintf(stderr, "lamina-consoled: cannot make %s: %s\n", opt.log_dir,
			strerror(errno));
		return 1;
	}
	if (!opt.foreground)
		ready_fd = detach();
	consoled_logf(&d, "lamina-consoled starting (pid %ld), guest logs in %s", (long)getpid(),
		      opt.log_dir);
	if (consoled_start(&d)) {
		consoled_stop(&d);
		return 1;
	}
	if (opt.pid_file)
		write_pid_file(&d, opt.pid_file);
	if (ready_fd >= 0)
		signal_ready(ready_fd);
	status = consoled_run(&d);
	consoled_stop(&d);
	if (opt.pid_file)
		unlink(opt.pid_file);
	return status;
}
