/*
 * xs_ring.h - copying messages through the xenstore ring page (struct xenstore_domain_interface,
 * xen/io/xs_wire.h): the guest produces into req and consumes from rsp, the daemon the other
 * way round. Indexes run freely and are masked with MASK_XENSTORE_IDX; prod - cons is the
 * number of unread bytes and can never exceed XENSTORE_RING_SIZE (Xen 4.17's check_indexes()).
 *
 * Each function reads the two indexes of its ring once, checks them, copies as much as fits,
 * and publishes its own index after a full memory barrier, so the other end (another domain,
 * on another CPU) sees the bytes before the index. No notification is sent: the caller signals
 * the event channel when a function returned more than 0.
 */
#ifndef LIBSTORE_XS_RING_H
#define LIBSTORE_XS_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <xen/io/xs_wire.h>

/*
 * xs_ring_write_req - guest side: copy up to @len bytes of @data into the request ring.
 * Returns the bytes copied (0 when the ring is full), or -EIO when the indexes are corrupt.
 */
int xs_ring_write_req(struct xenstore_domain_interface *intf, const void *data, size_t len);

/*
 * xs_ring_read_rsp - guest side: take up to @len bytes from the response ring into @data.
 * Returns the bytes taken (0 when it is empty), or -EIO when the indexes are corrupt.
 */
int xs_ring_read_rsp(struct xenstore_domain_interface *intf, void *data, size_t len);

/*
 * xs_ring_read_req - daemon side: take up to @len bytes from the request ring into @data.
 * Returns the bytes taken, or -EIO when the indexes are corrupt (XENSTORE_ERROR_RINGIDX).
 */
int xs_ring_read_req(struct xenstore_domain_interface *intf, void *data, size_t len);

/*
 * xs_ring_write_rsp - daemon side: copy up to @len bytes of @data into the response ring.
 * Returns the bytes copied, or -EIO when the indexes are corrupt.
 */
int xs_ring_write_rsp(struct xenstore_domain_interface *intf, const void *data, size_t len);

/* xs_ring_req_avail - daemon side: true when the request ring holds unread bytes. */
bool xs_ring_req_avail(const struct xenstore_domain_interface *intf);

/* xs_ring_rsp_space - daemon side: true when the response ring has room for a byte. */
bool xs_ring_rsp_space(const struct xenstore_domain_interface *intf);

#endif /* LIBSTORE_XS_RING_H */
