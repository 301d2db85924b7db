/*
 * consoled/term.h - file-descriptor, terminal, clock and signal helpers that lamina-consoled
 * and `lamina console` (toolstack/cli/cmd_console.c) both need. Thin wrappers of system
 * calls; nothing here knows about consoles.
 */
#ifndef CONSOLED_TERM_H
#define CONSOLED_TERM_H

#include <stddef.h>
#include <termios.h>

/*
 * consoled_write_all - write all @n bytes of @buf to @fd, again after EINTR and short writes.
 * Returns 0, or -1 with errno (EAGAIN from a non-blocking @fd included; a write of 0 bytes
 * counts as EIO).
 */
int consoled_write_all(int fd, const char *buf, size_t n);

/*
 * consoled_make_raw - put terminal @fd in raw mode (cfmakeraw: no echo, no line editing, no
 * signals from keys, 8-bit bytes as they come), as xenconsoled does to its pseudo-terminals
 * and xenconsole to the user's. The settings before go to *@saved when it is not NULL.
 * Returns 0, or -1 with errno (ENOTTY: not a terminal).
 */
int consoled_make_raw(int fd, struct termios *saved);

/* consoled_now_ms - CLOCK_MONOTONIC in milliseconds. */
long long consoled_now_ms(void);

/*
 * consoled_catch_signals - @handler runs on SIGTERM, SIGINT and SIGHUP (without SA_RESTART, so
 * a waiting poll() returns EINTR); SIGPIPE is ignored (a closed reader shows as EPIPE).
 */
void consoled_catch_signals(void (*handler)(int sig));

#endif /* CONSOLED_TERM_H */
