/*
 * xen/io/ring.h - shared request/response rings used by the PV I/O protocols (blkif, netif,
 * ...).
 *
 * Matches the ring layout and the macro interface of Xen's public
 * xen/include/public/io/ring.h (not its flexible "data ring" helpers), implemented here
 * independently.
 *
 * A ring is one shared area (usually a page) holding a 64-byte header and an array of
 * entries, each big enough for a request or a response. The frontend produces requests and
 * consumes responses; the backend does the reverse. Both keep private copies of their
 * indexes in a front_ring / back_ring and publish them through the shared header. Indexes are
 * free-running 32-bit counters; the number of entries is a power of two, so an index selects
 * entry (idx & (size - 1)).
 *
 * Notification hold-off: req_event/rsp_event hold the index at which the other side wants
 * its next notification. RING_PUSH_*_AND_CHECK_NOTIFY() tells the producer whether it must
 * raise the event channel; RING_FINAL_CHECK_FOR_*() re-arms the consumer's event before it
 * goes idle and reports whether more work arrived meanwhile.
 *
 *	DEFINE_RING_TYPES(mytag, struct my_request, struct my_response);
 *
 * declares union mytag_sring_entry, struct mytag_sring (the shared area) and struct
 * mytag_front_ring / mytag_back_ring (private state), with _t typedefs for the last three.
 *
 * The barriers xen_mb(), xen_rmb() and xen_wmb() default to compiler/CPU fences; define them
 * before including this file to use others.
 */
#ifndef XEN_ABI_IO_RING_H
#define XEN_ABI_IO_RING_H

#include "../lamina-abi.h"

/* Page size of ring and hypercall interfaces: always 4 KiB, whatever the OS uses. */
#ifndef XEN_PAGE_SHIFT
#define XEN_PAGE_SHIFT			12
#endif

#ifndef __ASSEMBLER__

/* A free-running ring index. */
typedef unsigned int RING_IDX;

#ifndef xen_mb
#define xen_mb()			__atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
#ifndef xen_rmb
#define xen_rmb()			__atomic_thread_fence(__ATOMIC_ACQUIRE)
#endif
#ifndef xen_wmb
#define xen_wmb()			__atomic_thread_fence(__ATOMIC_RELEASE)
#endif

/* Largest power of two not above n (0 for 0); a constant expression when n is constant. */
#define XEN_ABI_RING_POW2_FLOOR(n)                                                                 \
	((n) ? (1UL << (63 - __builtin_clzl((unsigned long)(n)))) : 0UL)

/* Accesses to the shared header, which the other end changes behind our back. */
#define XEN_ABI_RING_SHARED(field)	(*(volatile RING_IDX *)&(field))

static inline RING_IDX xen_abi_ring_min(RING_IDX a, RING_IDX b)
{
	return a < b ? a : b;
}

/*
 * Number of entries of ring type tag that fit in an area of the given bytes, as an integer
 * constant expression (usable for array sizes).
 */
#define __CONST_RING_SIZE(tag, bytes)                                                              \
	((size_t)XEN_ABI_RING_POW2_FLOOR(((bytes) - offsetof(struct tag##_sring, ring)) /          \
					 sizeof(((struct tag##_sring *)0)->ring[0])))

/* The same for the ring at shared, computed at run time. */
#define __RING_SIZE(shared, bytes)                                                                 \
	XEN_ABI_RING_POW2_FLOOR(((bytes) - (size_t)((char *)(shared)->ring - (char *)(shared))) /  \
				sizeof((shared)->ring[0]))

/*
 * The shared area: four indexes, 4 bytes of per-protocol private data, padding up to 64
 * bytes, then the entries. ring[] really extends to the end of the area.
 */
#define DEFINE_RING_TYPES(tag, req_t, rsp_t)                                                       \
	union tag##_sring_entry {                                                                  \
		req_t req;                                                                         \
		rsp_t rsp;                                                                         \
	};                                                                                         \
	struct tag##_sring {                                                                       \
		RING_IDX req_prod;	/* frontend advances after writing requests */             \
		RING_IDX req_event;	/* backend: notify me when req_prod passes this */         \
		RING_IDX rsp_prod;	/* backend advances after writing responses */             \
		RING_IDX rsp_event;	/* frontend: notify me when rsp_prod passes this */        \
		union {                                                                            \
			struct {                                                                   \
				uint8_t smartpoll_active;                                          \
			} netif;                                                                   \
			struct {                                                                   \
				uint8_t msg;                                                       \
			} tapif_user;                                                              \
			uint8_t pvt_pad[4];                                                        \
		} pvt;                                                                             \
		uint8_t __pad[44];                                                                 \
		union tag##_sring_entry ring[1];                                                   \
	};                                                                                         \
	struct tag##_front_ring {                                                                  \
		RING_IDX req_prod_pvt;	/* next request slot to fill */                            \
		RING_IDX rsp_cons;	/* next response to consume */                             \
		unsigned int nr_ents;	/* entries in the ring */                                  \
		struct tag##_sring *sring;                                                         \
	};                                                                                         \
	struct tag##_back_ring {                                                                   \
		RING_IDX rsp_prod_pvt;	/* next response slot to fill */                           \
		RING_IDX req_cons;	/* next request to consume */                              \
		unsigned int nr_ents;	/* entries in the ring */                                  \
		struct tag##_sring *sring;                                                         \
	};                                                                                         \
	typedef struct tag##_sring tag##_sring_t;                                                  \
	typedef struct tag##_front_ring tag##_front_ring_t;                                        \
	typedef struct tag##_back_ring tag##_back_ring_t;                                          \
	XEN_ABI_OFFSET(struct tag##_sring, pvt, 16);                                               \
	XEN_ABI_OFFSET(struct tag##_sring, __pad, 20);                                             \
	XEN_ABI_OFFSET(struct tag##_sring, ring, 64);                                              \
	XEN_ABI_SIZE(struct tag##_front_ring, 24);                                                 \
	XEN_ABI_SIZE(struct tag##_back_ring, 24)

/* Reset the shared header; only the frontend does this, before the backend attaches. */
#define SHARED_RING_INIT(shared)                                                                   \
	do {                                                                                       \
		(shared)->req_prod = 0;                                                            \
		(shared)->rsp_prod = 0;                                                            \
		(shared)->req_event = 1;                                                           \
		(shared)->rsp_event = 1;                                                           \
		__builtin_memset((shared)->pvt.pvt_pad, 0, sizeof((shared)->pvt.pvt_pad));         \
		__builtin_memset((shared)->__pad, 0, sizeof((shared)->__pad));                     \
	} while (0)

/* Set up private state for a ring of the given bytes at shared, starting at index start. */
#define FRONT_RING_ATTACH(r, shared, start, bytes)                                                 \
	do {                                                                                       \
		(r)->sring = (shared);                                                             \
		(r)->nr_ents = __RING_SIZE(shared, bytes);                                         \
		(r)->req_prod_pvt = (start);                                                       \
		(r)->rsp_cons = (start);                                                           \
	} while (0)

#define BACK_RING_ATTACH(r, shared, start, bytes)                                                  \
	do {                                                                                       \
		(r)->sring = (shared);                                                             \
		(r)->nr_ents = __RING_SIZE(shared, bytes);                                         \
		(r)->rsp_prod_pvt = (start);                                                       \
		(r)->req_cons = (start);                                                           \
	} while (0)

#define FRONT_RING_INIT(r, shared, bytes)	FRONT_RING_ATTACH(r, shared, 0, bytes)
#define BACK_RING_INIT(r, shared, bytes)	BACK_RING_ATTACH(r, shared, 0, bytes)

/* Reset the shared header and attach the frontend to it. */
#define XEN_FRONT_RING_INIT(r, shared, bytes)                                                      \
	do {                                                                                       \
		SHARED_RING_INIT(shared);                                                          \
		FRONT_RING_INIT(r, shared, bytes);                                                 \
	} while (0)

/* Number of entries. */
#define RING_SIZE(r)			((r)->nr_ents)

/* Frontend: request slots not yet in use, and whether there are none. */
#define RING_FREE_REQUESTS(r)		(RING_SIZE(r) - ((r)->req_prod_pvt - (r)->rsp_cons))
#define RING_FULL(r)			(RING_FREE_REQUESTS(r) == 0)

/* Frontend: responses published but not consumed yet. */
#define XEN_RING_NR_UNCONSUMED_RESPONSES(r)                                                        \
	(XEN_ABI_RING_SHARED((r)->sring->rsp_prod) - (r)->rsp_cons)

/*
 * Backend: requests published but not consumed yet, never more than there can legitimately
 * be (a frontend cannot have more requests outstanding than the ring holds).
 */
#define XEN_RING_NR_UNCONSUMED_REQUESTS(r)                                                         \
	xen_abi_ring_min(XEN_ABI_RING_SHARED((r)->sring->req_prod) - (r)->req_cons,                \
			 RING_SIZE(r) - ((r)->req_cons - (r)->rsp_prod_pvt))

#define RING_HAS_UNCONSUMED_RESPONSES(r)	XEN_RING_NR_UNCONSUMED_RESPONSES(r)
#define RING_HAS_UNCONSUMED_REQUESTS(r)		XEN_RING_NR_UNCONSUMED_REQUESTS(r)

/* Pointer to the request or response slot for index idx. */
#define RING_GET_REQUEST(r, idx)	(&(r)->sring->ring[(idx) & (RING_SIZE(r) - 1)].req)
#define RING_GET_RESPONSE(r, idx)	(&(r)->sring->ring[(idx) & (RING_SIZE(r) - 1)].rsp)

/*
 * Copy a request or response out of the shared ring into *dest, so that it is read exactly
 * once and later checks cannot be defeated by the other end changing it.
 */
#define RING_COPY_REQUEST(r, idx, dest)                                                            \
	do {                                                                                       \
		*(dest) = *(volatile __typeof__(*(dest)) *)RING_GET_REQUEST(r, idx);               \
	} while (0)

#define RING_COPY_RESPONSE(r, idx, dest)                                                           \
	do {                                                                                       \
		*(dest) = *(volatile __typeof__(*(dest)) *)RING_GET_RESPONSE(r, idx);              \
	} while (0)

/* Backend: consuming request index cons would overrun the responses still owed. */
#define RING_REQUEST_CONS_OVERFLOW(r, cons)	(((cons) - (r)->rsp_prod_pvt) >= RING_SIZE(r))

/* A producer index that claims more entries than can be outstanding: a misbehaving peer. */
#define RING_REQUEST_PROD_OVERFLOW(r, prod)	(((prod) - (r)->rsp_prod_pvt) > RING_SIZE(r))
#define RING_RESPONSE_PROD_OVERFLOW(r, prod)	(((prod) - (r)->rsp_cons) > RING_SIZE(r))

/* Publish the entries written so far (entries become visible before the index). */
#define RING_PUSH_REQUESTS(r)                                                                      \
	do {                                                                                       \
		xen_wmb();                                                                         \
		XEN_ABI_RING_SHARED((r)->sring->req_prod) = (r)->req_prod_pvt;                     \
	} while (0)

#define RING_PUSH_RESPONSES(r)                                                                     \
	do {                                                                                       \
		xen_wmb();                                                                         \
		XEN_ABI_RING_SHARED((r)->sring->rsp_prod) = (r)->rsp_prod_pvt;                     \
	} while (0)

/*
 * Publish, and set notify to whether the consumer asked to be woken for any of the entries
 * just published, i.e. whether its event index lies in (old, new].
 */
#define RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(r, notify)                                             \
	do {                                                                                       \
		RING_IDX xen_abi_old_ = XEN_ABI_RING_SHARED((r)->sring->req_prod);                 \
		RING_IDX xen_abi_new_ = (r)->req_prod_pvt;                                         \
		xen_wmb();                                                                         \
		XEN_ABI_RING_SHARED((r)->sring->req_prod) = xen_abi_new_;                          \
		xen_mb();                                                                          \
		(notify) = (RING_IDX)(xen_abi_new_ - XEN_ABI_RING_SHARED((r)->sring->req_event)) < \
			   (RING_IDX)(xen_abi_new_ - xen_abi_old_);                                \
	} while (0)

#define RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(r, notify)                                            \
	do {                                                                                       \
		RING_IDX xen_abi_old_ = XEN_ABI_RING_SHARED((r)->sring->rsp_prod);                 \
		RING_IDX xen_abi_new_ = (r)->rsp_prod_pvt;                                         \
		xen_wmb();                                                                         \
		XEN_ABI_RING_SHARED((r)->sring->rsp_prod) = xen_abi_new_;                          \
		xen_mb();                                                                          \
		(notify) = (RING_IDX)(xen_abi_new_ - XEN_ABI_RING_SHARED((r)->sring->rsp_event)) < \
			   (RING_IDX)(xen_abi_new_ - xen_abi_old_);                                \
	} while (0)

/*
 * Consumer about to go idle: if nothing is pending, ask for a notification on the next entry
 * and look once more, so an entry published meanwhile is not missed. work is left non-zero
 * if there is something to do.
 */
#define RING_FINAL_CHECK_FOR_REQUESTS(r, work)                                                     \
	do {                                                                                       \
		(work) = RING_HAS_UNCONSUMED_REQUESTS(r);                                          \
		if (!(work)) {                                                                     \
			XEN_ABI_RING_SHARED((r)->sring->req_event) = (r)->req_cons + 1;            \
			xen_mb();                                                                  \
			(work) = RING_HAS_UNCONSUMED_REQUESTS(r);                                  \
		}                                                                                  \
	} while (0)

#define RING_FINAL_CHECK_FOR_RESPONSES(r, work)                                                    \
	do {                                                                                       \
		(work) = RING_HAS_UNCONSUMED_RESPONSES(r);                                         \
		if (!(work)) {                                                                     \
			XEN_ABI_RING_SHARED((r)->sring->rsp_event) = (r)->rsp_cons + 1;            \
			xen_mb();                                                                  \
			(work) = RING_HAS_UNCONSUMED_RESPONSES(r);                                 \
		}                                                                                  \
	} while (0)

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_IO_RING_H */
