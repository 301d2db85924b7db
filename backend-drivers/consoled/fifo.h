/*
 * consoled/fifo.h - a domain's console output on its way to the pseudo-terminal: a byte queue
 * that grows as needed up to a limit, then keeps the newest bytes. Pure: memory only.
 *
 * Why it drops: the daemon drains the guest's ring as fast as the guest fills it (so the
 * guest never waits on a reader, and the log file gets every byte), while the terminal side
 * moves only as fast as someone attached reads it. Xen's xenconsoled bounds this queue by the
 * console's "limit" node (libxl writes 1048576) and by default stops draining the ring when it
 * is full; lamina-consoled drops the oldest bytes instead (xenconsoled's
 * --overflow-data=discard does something similar), so an attached reader sees the newest.
 */
#ifndef CONSOLED_FIFO_H
#define CONSOLED_FIFO_H

#include <stddef.h>

/* The first allocation, in bytes; the queue doubles from there up to its limit. */
#define CONSOLED_FIFO_MIN_BYTES 4096

/*
 * struct consoled_fifo - zero-initialised, then consoled_fifo_set_limit(). @data holds @len
 * queued bytes from @head on, wrapping at @capacity.
 */
struct consoled_fifo {
	char *data;
	size_t capacity;	    /* bytes allocated */
	size_t head;		    /* offset of the oldest byte */
	size_t len;		    /* bytes queued */
	size_t limit;		    /* most bytes kept */
	unsigned long long dropped; /* bytes dropped since the start, for the log */
};

/*
 * consoled_fifo_set_limit - keep at most @limit bytes (at least CONSOLED_FIFO_MIN_BYTES is
 * used). Lowering it below what is queued drops the oldest bytes at the next push.
 */
void consoled_fifo_set_limit(struct consoled_fifo *f, size_t limit);

/*
 * consoled_fifo_push - append @n bytes of @buf. When the queue would pass its limit, the
 * oldest bytes go first (and, if @n alone is larger, the start of @buf too).
 * Returns the number of bytes dropped by this call, or -1 when memory ran out (nothing
 * changed).
 */
long consoled_fifo_push(struct consoled_fifo *f, const char *buf, size_t n);

/*
 * consoled_fifo_peek - the oldest queued bytes that lie in one piece: *@p points at them.
 * Returns how many (0 when empty).
 */
size_t consoled_fifo_peek(const struct consoled_fifo *f, const char **p);

/* consoled_fifo_consume - forget the @n oldest bytes (@n at most what is queued). */
void consoled_fifo_consume(struct consoled_fifo *f, size_t n);

/* consoled_fifo_release - free the memory; the fifo is empty (with its limit) afterwards. */
void consoled_fifo_release(struct consoled_fifo *f);

#endif /* CONSOLED_FIFO_H */
