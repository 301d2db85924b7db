/*
 * ring.c - byte copies through the xenstore ring page (rules in xs_ring.h).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "libstore/xs_ring.h"

static XENSTORE_RING_IDX load_idx(const XENSTORE_RING_IDX *idx)
{
	return __atomic_load_n(idx, __ATOMIC_RELAXED);
}

static void publish_idx(XENSTORE_RING_IDX *idx, XENSTORE_RING_IDX val)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(idx, val, __ATOMIC_RELAXED);
}

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* Producer side of one ring: @cons is the other end's, @prod ours. */
static int ring_put(char *ring, const XENSTORE_RING_IDX *cons_p, XENSTORE_RING_IDX *prod_p,
		    const void *data, size_t len)
{
	XENSTORE_RING_IDX cons = load_idx(cons_p), prod = load_idx(prod_p);
	size_t done = 0;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (prod - cons > XENSTORE_RING_SIZE)
		return -EIO;
	while (done < len && prod - cons < XENSTORE_RING_SIZE) {
		size_t chunk = min_size(XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(prod),
					XENSTORE_RING_SIZE - (prod - cons));

		chunk = min_size(chunk, len - done);
		memcpy(ring + MASK_XENSTORE_IDX(prod), (const char *)data + done, chunk);
		prod += chunk;
		done += chunk;
	}
	if (done)
		publish_idx(prod_p, prod);
	return (int)done;
}

/* Consumer side of one ring: @cons is ours, @prod the other end's. */
static int ring_get(const char *ring, XENSTORE_RING_IDX *cons_p, const XENSTORE_RING_IDX *prod_p,
		    void *data, size_t len)
{
	XENSTORE_RING_IDX cons = load_idx(cons_p), prod = load_idx(prod_p);
	size_t done = 0;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (prod - cons > XENSTORE_RING_SIZE)
		return -EIO;
	while (done < len && prod != cons) {
		size_t chunk = min_size(XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(cons), prod - cons);

		chunk = min_size(chunk, len - done);
		memcpy((char *)data + done, ring + MASK_XENSTORE_IDX(cons), chunk);
		cons += chunk;
		done += chunk;
	}
	if (done)
		publish_idx(cons_p, cons);
	return (int)done;
}

int xs_ring_write_req(struct xenstore_domain_interface *intf, const void *data, size_t len)
{
	return ring_put(intf->req, &intf->req_cons, &intf->req_prod, data, len);
}

int xs_ring_read_rsp(struct xenstore_domain_interface *intf, void *data, size_t len)
{
	return ring_get(intf->rsp, &intf->rsp_cons, &intf->rsp_prod, data, len);
}

int xs_ring_read_req(struct xenstore_domain_interface *intf, void *data, size_t len)
{
	return ring_get(intf->req, &intf->req_cons, &intf->req_prod, data, len);
}

int xs_ring_write_rsp(struct xenstore_domain_interface *intf, const void *data, size_t len)
{
	return ring_put(intf->rsp, &intf->rsp_cons, &intf->rsp_prod, data, len);
}

bool xs_ring_req_avail(const struct xenstore_domain_interface *intf)
{
	return load_idx(&intf->req_prod) != load_idx(&intf->req_cons);
}

bool xs_ring_rsp_space(const struct xenstore_domain_interface *intf)
{
	return load_idx(&intf->rsp_prod) - load_idx(&intf->rsp_cons) < XENSTORE_RING_SIZE;
}
