/*
 * consoled/ring.h - the index arithmetic of the PV console ring page (struct
 * xencons_interface, xen/io/console.h): the backend takes the guest's output from out[] and
 * gives keyboard input into in[]; the frontend side (what Linux's hvc_xen does) is here too,
 * for the tests and for test guests. Pure: no system calls, only loads and stores to the page.
 *
 * Rules (xen/io/console.h; Xen 4.17's xenconsoled and Linux 6.1's hvc_xen.c follow them):
 *  - each direction has a producer and a consumer index, both free-running 32-bit counters;
 *    a byte's slot is MASK_XENCONS_IDX(index, ring), the ring sizes being powers of two
 *    (in: 1024 bytes, out: 2048 bytes);
 *  - prod - cons (modulo 2^32) is the number of bytes queued: 0 is empty, the ring's size is
 *    full, and anything larger is a ring the guest corrupted. The backend's own indices live
 *    in the guest's page too, so they are checked as well; nothing is copied from or to a
 *    corrupt ring (CONSOLED_RING_CORRUPT), and the backend drops it;
 *  - every call reads the two indices of its direction exactly once: a guest that rewrites
 *    them meanwhile can make a call copy stale bytes, but never reach outside in[]/out[]
 *    (every slot is masked) nor make it loop (it copies at most one ring's worth);
 *  - a consumer reads the bytes only after reading prod, and publishes its cons only after it
 *    has read them; a producer writes the bytes before it publishes prod (full barriers, as
 *    the other end runs on another CPU).
 * Nobody is notified here: the caller signals the event channel when a call moved bytes.
 */
#ifndef CONSOLED_RING_H
#define CONSOLED_RING_H

#include <stddef.h>
#include <xen/io/console.h>

/* What a call returns for a ring whose indices are out of range. */
#define CONSOLED_RING_CORRUPT (-1L)

/*
 * consoled_ring_queued - how many bytes lie between @cons and @prod in a ring of @size bytes
 * (a power of two). Returns 0..@size, or CONSOLED_RING_CORRUPT when prod - cons exceeds @size.
 */
long consoled_ring_queued(XENCONS_RING_IDX cons, XENCONS_RING_IDX prod, size_t size);

/*
 * consoled_ring_read_out - backend: take up to @max bytes of the guest's output (out[]) into
 * @buf and publish out_cons. Returns the number of bytes taken (0: nothing queued or @max 0),
 * or CONSOLED_RING_CORRUPT (nothing taken, out_cons untouched).
 */
long consoled_ring_read_out(struct xencons_interface *intf, char *buf, size_t max);

/*
 * consoled_ring_in_room - backend: how many bytes in[] can take now (0: full), or
 * CONSOLED_RING_CORRUPT.
 */
long consoled_ring_in_room(const struct xencons_interface *intf);

/*
 * consoled_ring_write_in - backend: give up to @len bytes of @buf to the guest (in[]) and
 * publish in_prod. Returns the number of bytes given (less than @len when in[] filled up; 0
 * when it was full), or CONSOLED_RING_CORRUPT (nothing written).
 */
long consoled_ring_write_in(struct xencons_interface *intf, const char *buf, size_t len);

/*
 * consoled_ring_write_out - frontend (tests, test guests): queue up to @len bytes of @buf in
 * out[] and publish out_prod. Returns the bytes queued or CONSOLED_RING_CORRUPT.
 */
long consoled_ring_write_out(struct xencons_interface *intf, const char *buf, size_t len);

/*
 * consoled_ring_read_in - frontend (tests, test guests): take up to @max bytes of input from
 * in[] into @buf and publish in_cons. Returns the bytes taken or CONSOLED_RING_CORRUPT.
 */
long consoled_ring_read_in(struct xencons_interface *intf, char *buf, size_t max);

#endif /* CONSOLED_RING_H */
