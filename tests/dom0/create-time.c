/*
 * create-time.c - a stopwatch for domain creation, run in dom0 by tests/dom0/domu-bench.sh
 * (make bench, tests/bench/domu.sh).
 *
 * Usage: create-time [-t SECONDS] [-o FILE] LOG MARKER CMD [ARG...]
 *
 * Starts CMD (e.g. `lamina create demo.json` or `xl create demo.cfg`), waits for it to exit,
 * then watches LOG (the guest's console log, written by the console daemon; it need not
 * exist yet) until MARKER appears in it, or SECONDS (default 120) have passed since the
 * start. Times are CLOCK_MONOTONIC. -o FILE sends CMD's output there (default: inherited).
 *
 * Prints one line:
 *   create-time: rc=RC return_ms=MS marker_ms=MS
 * where return_ms is from the start to CMD's exit and marker_ms from the start to the first
 * read of LOG that shows MARKER ("timeout" if it never did; RC is CMD's exit status, or
 * 128+signal). LOG is read every 5 ms, so marker_ms is late by 5 ms at most (plus the
 * console daemon's own delay in writing it). Exit status 0 when the marker was seen.
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void nap_ms(long ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int usage(void)
{
	fprintf(stderr, "usage: create-time [-t SECONDS] [-o FILE] LOG MARKER CMD [ARG...]\n");
	return 2;
}

/* The log as far as it has been read: the marker may be split across two reads. */
struct watch {
	const char *path;
	const char *marker;
	size_t mlen;
	int fd;
	char buf[8192];
	size_t kept; /* bytes at buf's start carried over from the last read */
};

/* Reads what LOG has gained; true once MARKER has been seen. */
static int watch_seen(struct watch *w)
{
	if (w->fd < 0 && (w->fd = open(w->path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	for (;;) {
		ssize_t n = read(w->fd, w->buf + w->kept, sizeof(w->buf) - 1 - w->kept);

		if (n <= 0)
			return 0;
		size_t len = w->kept + (size_t)n;
		w->buf[len] = '\0';
		/* The log holds no NUL bytes from a console, but be safe: search with memmem. */
		if (memmem(w->buf, len, w->marker, w->mlen))
			return 1;
		w->kept = len < w->mlen - 1 ? len : w->mlen - 1;
		memmove(w->buf, w->buf + len - w->kept, w->kept);
	}
}

int main(int argc, char **argv)
{
	double limit_ms = 120e3;
	const char *out = NULL;
	int opt;

	while ((opt = getopt(argc, argv, "+t:o:")) != -1) {
		switch (opt) {
		case 't':
			limit_ms = atof(optarg) * 1e3;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return usage();
		}
	}
	if (argc - optind < 3)
		return usage();
	struct watch w = {.path = argv[optind], .marker = argv[optind + 1], .fd = -1};
	w.mlen = strlen(w.marker);
	if (!w.mlen || w.mlen >= sizeof(w.buf) / 2)
		return usage();
	char **cmd = argv + optind + 2;

	double start = now_ms();
	pid_t pid = fork();
	if (pid < 0) {
		perror("create-time: fork");
		return 2;
	}
	if (pid == 0) {
		if (out) {
			int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
				_exit(126);
			close(fd);
		}
		execvp(cmd[0], cmd);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror("create-time: waitpid");
			return 2;
		}
	double returned = now_ms() - start;
	int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

	double marker = -1;
	while (rc == 0) {
		int seen = watch_seen(&w);
		double t = now_ms() - start;

		if (seen) {
			marker = t;
			break;
		}
		if (t > limit_ms)
			break;
		nap_ms(5);
	}
	if (marker >= 0)
		printf("create-time: rc=%d return_ms=%.1f marker_ms=%.1f\n", rc, returned, marker);
	else
		printf("create-time: rc=%d return_ms=%.1f marker_ms=timeout\n", rc, returned);
	return marker >= 0 ? 0 : 1;
}
