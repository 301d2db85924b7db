/*
 * lamina/console.h - printk, log levels, the console ring and panic.
 *
 * A message's level is its first two bytes when they are LOG_* below (as in
 * Linux's KERN_*); the default is info. Messages at or below the `loglvl=`
 * threshold go to the serial console; every message goes to the console ring,
 * which keeps the last CONRING_BYTES of output for dom0 (`lamina dmesg`, as
 * `xl dmesg` reads Xen's).
 */
#ifndef LAMINA_CONSOLE_H
#define LAMINA_CONSOLE_H

#include <lamina/types.h>

#define LOG_ERR "\0010"
#define LOG_WARNING "\0011"
#define LOG_INFO "\0012"
#define LOG_DEBUG "\0013"

enum log_level {
	LOG_LEVEL_NONE = -1, /* loglvl=none: nothing on the serial line */
	LOG_LEVEL_ERR = 0,
	LOG_LEVEL_WARNING = 1,
	LOG_LEVEL_INFO = 2,
	LOG_LEVEL_DEBUG = 3,
};

#define CONRING_BYTES (64 * 1024)

void console_init(void);
void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list ap);

/*
 * console_ring_read - copy ring contents starting at byte index *pos (0 = the
 * oldest byte still held) into buf, at most len bytes. Advances *pos and
 * returns the number of bytes copied; *pos older than what the ring still
 * holds is moved up to its oldest byte first.
 */
size_t console_ring_read(uint64_t *pos, char *buf, size_t len);

struct xen_sysctl_readconsole;
/*
 * console_readconsole - XEN_SYSCTL_readconsole: copy up to op->count bytes
 * of the ring to op->buffer, from the oldest kept byte (or op->index with
 * incremental, when it is within the ring); op->count and op->index give
 * what was copied and where to go on; clear makes later reads start after
 * it. -EFAULT for an unwritable buffer. Xen: read_console_ring.
 */
long console_readconsole(struct xen_sysctl_readconsole *op);

/* console_ring_produced - total bytes ever written to the ring. */
uint64_t console_ring_produced(void);

/* console_guest_write - dom0's console text, as it is, to the serial line (not the ring, as Xen). */
void console_guest_write(const char *s, size_t n);

/* console_start_input - begin polling the serial line for dom0's console input (VIRQ_CONSOLE). */
void console_start_input(void);

/* console_read_input - serial input for dom0's CONSOLEIO_read: bytes copied to guest_buf. */
long console_read_input(unsigned long guest_buf, unsigned long count);

/* console_force_unlock - let a crash path print even if the lock is held. */
void console_force_unlock(void);

void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

#define BUG_ON(cond)                                                                    \
	do {                                                                            \
		if (unlikely(cond))                                                     \
			panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond);           \
	} while (0)

#endif /* LAMINA_CONSOLE_H */
