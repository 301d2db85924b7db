/*
 * term.c - helpers shared by lamina-consoled and `lamina console` (see term.h).
 */
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "consoled/term.h"

int consoled_write_all(int fd, const char *buf, size_t n)
{
	while (n) {
		ssize_t done = write(fd, buf, n);

		if (done < 0 && errno == EINTR)
			continue;
		if (done == 0)
			errno = EIO;
		if (done <= 0)
			return -1;
		buf += done;
		n -= (size_t)done;
	}
	return 0;
}

int consoled_make_raw(int fd, struct termios *saved)
{
	struct termios t;

	if (tcgetattr(fd, &t))
		return -1;
	if (saved)
		*saved = t;
	cfmakeraw(&t);
	return tcsetattr(fd, TCSANOW, &t);
}

long long consoled_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void consoled_catch_signals(void (*handler)(int sig))
{
	struct sigaction sa = {.sa_handler = handler};

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}
