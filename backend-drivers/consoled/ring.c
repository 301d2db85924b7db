/*
 * ring.c - copies through the PV console ring page, both ends (rules in ring.h).
 */
#include <string.h>

#include "consoled/ring.h"

#define IN_BYTES sizeof(((struct xencons_interface *)0)->in)
#define OUT_BYTES sizeof(((struct xencons_interface *)0)->out)

/* Slots are found by masking: both rings must be powers of two (xen/io/console.h). */
_Static_assert((IN_BYTES & (IN_BYTES - 1)) == 0, "in[] is a power of two");
_Static_assert((OUT_BYTES & (OUT_BYTES - 1)) == 0, "out[] is a power of two");

static XENCONS_RING_IDX load_index(const XENCONS_RING_IDX *idx)
{
	return __atomic_load_n(idx, __ATOMIC_RELAXED);
}

static void store_index(XENCONS_RING_IDX *idx, XENCONS_RING_IDX val)
{
	__atomic_store_n(idx, val, __ATOMIC_RELAXED);
}

/* Orders the byte copies against the index loads and stores (the other end is another CPU). */
static void full_barrier(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static size_t smaller(size_t a, size_t b)
{
	return a < b ? a : b;
}

long consoled_ring_queued(XENCONS_RING_IDX cons, XENCONS_RING_IDX prod, size_t size)
{
	XENCONS_RING_IDX queued = prod - cons;

	return queued > size ? CONSOLED_RING_CORRUPT : (long)queued;
}

/* @n (at most @size) bytes from the ring of @size bytes, starting at the slot of @idx. */
static void copy_from_ring(char *dst, const char *ring, size_t size, XENCONS_RING_IDX idx, size_t n)
{
	size_t slot = idx & (size - 1), first = smaller(n, size - slot);

	memcpy(dst, ring + slot, first);
	memcpy(dst + first, ring, n - first);
}

/* @n (at most @size) bytes into the ring of @size bytes, starting at the slot of @idx. */
static void copy_to_ring(char *ring, size_t size, XENCONS_RING_IDX idx, const char *src, size_t n)
{
	size_t slot = idx & (size - 1), first = smaller(n, size - slot);

	memcpy(ring + slot, src, first);
	memcpy(ring, src + first, n - first);
}

/* The consumer of one direction: @cons_p is ours, @prod_p the other end's. */
static long ring_take(const char *ring, size_t size, XENCONS_RING_IDX *cons_p,
		      const XENCONS_RING_IDX *prod_p, char *buf, size_t max)
{
	XENCONS_RING_IDX cons = load_index(cons_p), prod = load_index(prod_p);
	long queued = consoled_ring_queued(cons, prod, size);
	size_t n;

	if (queued < 0)
		return CONSOLED_RING_CORRUPT;
	n = smaller((size_t)queued, max);
	if (!n)
		return 0;
	full_barrier(); /* the bytes are read after prod */
	copy_from_ring(buf, ring, size, cons, n);
	full_barrier(); /* and before their slots are handed back */
	store_index(cons_p, cons + (XENCONS_RING_IDX)n);
	return (long)n;
}

/* The producer of one direction: @cons_p is the other end's, @prod_p ours. */
static long ring_give(char *ring, size_t size, const XENCONS_RING_IDX *cons_p,
		      XENCONS_RING_IDX *prod_p, const char *buf, size_t len)
{
	XENCONS_RING_IDX cons = load_index(cons_p), prod = load_index(prod_p);
	long queued = consoled_ring_queued(cons, prod, size);
	size_t n;

	if (queued < 0)
		return CONSOLED_RING_CORRUPT;
	n = smaller(size - (size_t)queued, len);
	if (!n)
		return 0;
	full_barrier(); /* the slots are free once cons says so */
	copy_to_ring(ring, size, prod, buf, n);
	full_barrier(); /* the bytes are there before prod says so */
	store_index(prod_p, prod + (XENCONS_RING_IDX)n);
	return (long)n;
}

long consoled_ring_read_out(struct xencons_interface *intf, char *buf, size_t max)
{
	return ring_take(intf->out, OUT_BYTES, &intf->out_cons, &intf->out_prod, buf, max);
}

long consoled_ring_in_room(const struct xencons_interface *intf)
{
	long queued =
	    consoled_ring_queued(load_index(&intf->in_cons), load_index(&intf->in_prod), IN_BYTES);

	return queued < 0 ? CONSOLED_RING_CORRUPT : (long)IN_BYTES - queued;
}

long consoled_ring_write_in(struct xencons_interface *intf, const char *buf, size_t len)
{
	return ring_give(intf->in, IN_BYTES, &intf->in_cons, &intf->in_prod, buf, len);
}

long consoled_ring_write_out(struct xencons_interface *intf, const char *buf, size_t len)
{
	return ring_give(intf->out, OUT_BYTES, &intf->out_cons, &intf->out_prod, buf, len);
}

long consoled_ring_read_in(struct xencons_interface *intf, char *buf, size_t max)
{
	return ring_take(intf->in, IN_BYTES, &intf->in_cons, &intf->in_prod, buf, max);
}
