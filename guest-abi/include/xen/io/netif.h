/*
 * xen/io/netif.h - the PV network device protocol (netfront/netback) ring messages.
 *
 * Matches the message layouts and constants of Xen's public xen/include/public/io/netif.h
 * (x86-64). The xenstore negotiation keys it documents and its Toeplitz hash helper are not
 * repeated here.
 *
 * A frontend uses two rings: tx (guest sends packets: requests name granted pages holding
 * packet data) and rx (guest receives: requests offer granted pages, responses say what was
 * put there), plus an optional control ring. A packet may span several slots
 * (NETTXF_more_data / NETRXF_more_data) and be followed by netif_extra_info slots
 * (NETTXF_extra_info / NETRXF_extra_info).
 */
#ifndef XEN_ABI_IO_NETIF_H
#define XEN_ABI_IO_NETIF_H

#include "ring.h"
#include "../grant_table.h"

/* Slots per packet a backend must accept even without negotiation. */
#define XEN_NETIF_NR_SLOTS_MIN			18

/* Hash types (bit numbers and masks) and algorithms of the control ring. */
#define _XEN_NETIF_CTRL_HASH_TYPE_IPV4		0
#define XEN_NETIF_CTRL_HASH_TYPE_IPV4		(1 << _XEN_NETIF_CTRL_HASH_TYPE_IPV4)
#define _XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP	1
#define XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP	(1 << _XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP)
#define _XEN_NETIF_CTRL_HASH_TYPE_IPV6		2
#define XEN_NETIF_CTRL_HASH_TYPE_IPV6		(1 << _XEN_NETIF_CTRL_HASH_TYPE_IPV6)
#define _XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP	3
#define XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP	(1 << _XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP)
#define XEN_NETIF_CTRL_HASH_ALGORITHM_NONE	0
#define XEN_NETIF_CTRL_HASH_ALGORITHM_TOEPLITZ	1

/* xen_netif_ctrl_request.type */
#define XEN_NETIF_CTRL_TYPE_INVALID			0
#define XEN_NETIF_CTRL_TYPE_GET_HASH_FLAGS		1
#define XEN_NETIF_CTRL_TYPE_SET_HASH_FLAGS		2
#define XEN_NETIF_CTRL_TYPE_SET_HASH_KEY		3
#define XEN_NETIF_CTRL_TYPE_GET_HASH_MAPPING_SIZE	4
#define XEN_NETIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE	5
#define XEN_NETIF_CTRL_TYPE_SET_HASH_MAPPING		6
#define XEN_NETIF_CTRL_TYPE_SET_HASH_ALGORITHM		7
#define XEN_NETIF_CTRL_TYPE_GET_GREF_MAPPING_SIZE	8
#define XEN_NETIF_CTRL_TYPE_ADD_GREF_MAPPING		9
#define XEN_NETIF_CTRL_TYPE_DEL_GREF_MAPPING		10

/* xen_netif_ctrl_response.status */
#define XEN_NETIF_CTRL_STATUS_SUCCESS			0
#define XEN_NETIF_CTRL_STATUS_NOT_SUPPORTED		1
#define XEN_NETIF_CTRL_STATUS_INVALID_PARAMETER		2
#define XEN_NETIF_CTRL_STATUS_BUFFER_OVERFLOW		3

/* xen_netif_gref.flags */
#define _XEN_NETIF_CTRLF_GREF_readonly		0
#define XEN_NETIF_CTRLF_GREF_readonly		(XEN_ABI_U(1) << _XEN_NETIF_CTRLF_GREF_readonly)

/* netif_tx_request.flags */
#define _NETTXF_csum_blank		(0)
#define NETTXF_csum_blank		(XEN_ABI_U(1) << _NETTXF_csum_blank)	/* checksum to do */
#define _NETTXF_data_validated		(1)
#define NETTXF_data_validated		(XEN_ABI_U(1) << _NETTXF_data_validated) /* csum good */
#define _NETTXF_more_data		(2)
#define NETTXF_more_data		(XEN_ABI_U(1) << _NETTXF_more_data)	/* more slots */
#define _NETTXF_extra_info		(3)
#define NETTXF_extra_info		(XEN_ABI_U(1) << _NETTXF_extra_info)	/* extra follows */

/* Largest packet a tx request can describe. */
#define XEN_NETIF_MAX_TX_SIZE		0xFFFF

/* netif_extra_info.type */
#define XEN_NETIF_EXTRA_TYPE_NONE	(0)	/* never valid */
#define XEN_NETIF_EXTRA_TYPE_GSO	(1)	/* u.gso */
#define XEN_NETIF_EXTRA_TYPE_MCAST_ADD	(2)	/* u.mcast */
#define XEN_NETIF_EXTRA_TYPE_MCAST_DEL	(3)	/* u.mcast */
#define XEN_NETIF_EXTRA_TYPE_HASH	(4)	/* u.hash */
#define XEN_NETIF_EXTRA_TYPE_MAX	(5)

/* netif_extra_info.flags: another extra slot follows. */
#define _XEN_NETIF_EXTRA_FLAG_MORE	(0)
#define XEN_NETIF_EXTRA_FLAG_MORE	(XEN_ABI_U(1) << _XEN_NETIF_EXTRA_FLAG_MORE)

/* netif_extra_info.u.gso.type */
#define XEN_NETIF_GSO_TYPE_NONE		(0)
#define XEN_NETIF_GSO_TYPE_TCPV4	(1)
#define XEN_NETIF_GSO_TYPE_TCPV6	(2)

/* netif_rx_response.flags */
#define _NETRXF_data_validated		(0)
#define NETRXF_data_validated		(XEN_ABI_U(1) << _NETRXF_data_validated) /* csum good */
#define _NETRXF_csum_blank		(1)
#define NETRXF_csum_blank		(XEN_ABI_U(1) << _NETRXF_csum_blank)	/* checksum to do */
#define _NETRXF_more_data		(2)
#define NETRXF_more_data		(XEN_ABI_U(1) << _NETRXF_more_data)	/* more slots */
#define _NETRXF_extra_info		(3)
#define NETRXF_extra_info		(XEN_ABI_U(1) << _NETRXF_extra_info)	/* extra follows */
#define _NETRXF_gso_prefix		(4)
#define NETRXF_gso_prefix		(XEN_ABI_U(1) << _NETRXF_gso_prefix)	/* deprecated */

/* Response status of tx and rx responses (rx: non-negative values are the data length). */
#define NETIF_RSP_DROPPED		(-2)
#define NETIF_RSP_ERROR			(-1)
#define NETIF_RSP_OKAY			0
#define NETIF_RSP_NULL			1	/* no response: the slot was an extra-info slot */

#ifndef __ASSEMBLER__

/*
 * struct xen_netif_ctrl_request - a control-ring request.
 */
struct xen_netif_ctrl_request {
	uint16_t id;		/* echoed in the response */
	uint16_t type;		/* XEN_NETIF_CTRL_TYPE_* */
	uint32_t data[3];	/* type-specific arguments */
};
XEN_ABI_SIZE(struct xen_netif_ctrl_request, 16);
XEN_ABI_OFFSET(struct xen_netif_ctrl_request, data, 4);

/*
 * struct xen_netif_ctrl_response - a control-ring response.
 */
struct xen_netif_ctrl_response {
	uint16_t id;		/* id of the request */
	uint16_t type;		/* type of the request */
	uint32_t status;	/* XEN_NETIF_CTRL_STATUS_* */
	uint32_t data;		/* type-specific result */
};
XEN_ABI_SIZE(struct xen_netif_ctrl_response, 12);
XEN_ABI_OFFSET(struct xen_netif_ctrl_response, status, 4);
XEN_ABI_OFFSET(struct xen_netif_ctrl_response, data, 8);

/*
 * struct xen_netif_gref - one entry of the grant table page passed with
 * XEN_NETIF_CTRL_TYPE_ADD/DEL_GREF_MAPPING.
 */
struct xen_netif_gref {
	grant_ref_t ref;	/* in */
	uint16_t flags;		/* in: XEN_NETIF_CTRLF_GREF_* */
	uint16_t status;	/* out: XEN_NETIF_CTRL_STATUS_* */
};
XEN_ABI_SIZE(struct xen_netif_gref, 8);
XEN_ABI_OFFSET(struct xen_netif_gref, flags, 4);
XEN_ABI_OFFSET(struct xen_netif_gref, status, 6);

/*
 * struct netif_tx_request - one slot of a packet the guest sends.
 */
struct netif_tx_request {
	grant_ref_t gref;	/* grant of the page holding the data */
	uint16_t offset;	/* data offset within the page */
	uint16_t flags;		/* NETTXF_* */
	uint16_t id;		/* echoed in the response */
	uint16_t size;		/* first slot: whole packet size; others: this slot's bytes */
};
typedef struct netif_tx_request netif_tx_request_t;
XEN_ABI_SIZE(struct netif_tx_request, 12);
XEN_ABI_OFFSET(struct netif_tx_request, offset, 4);
XEN_ABI_OFFSET(struct netif_tx_request, flags, 6);
XEN_ABI_OFFSET(struct netif_tx_request, id, 8);
XEN_ABI_OFFSET(struct netif_tx_request, size, 10);

/*
 * struct netif_extra_info - an extra slot following a tx request or rx response: GSO
 * parameters, a multicast address change or a packet hash. It fits in both slot types.
 */
struct netif_extra_info {
	uint8_t type;		/* XEN_NETIF_EXTRA_TYPE_* */
	uint8_t flags;		/* XEN_NETIF_EXTRA_FLAG_* */
	union {
		struct {
			uint16_t size;		/* maximum segment size */
			uint8_t type;		/* XEN_NETIF_GSO_TYPE_* */
			uint8_t pad;
			uint16_t features;	/* must be zero */
		} gso;
		struct {
			uint8_t addr[6];	/* multicast MAC address */
		} mcast;
		struct {
			uint8_t type;		/* XEN_NETIF_CTRL_HASH_TYPE_* bit number */
			uint8_t algorithm;	/* XEN_NETIF_CTRL_HASH_ALGORITHM_* */
			uint8_t value[4];	/* the hash, little endian */
		} hash;
		uint16_t pad[3];
	} u;
};
typedef struct netif_extra_info netif_extra_info_t;
XEN_ABI_SIZE(struct netif_extra_info, 8);
XEN_ABI_OFFSET(struct netif_extra_info, u, 2);
XEN_ABI_OFFSET(struct netif_extra_info, u.gso.features, 6);
XEN_ABI_OFFSET(struct netif_extra_info, u.hash.value, 4);

/*
 * struct netif_tx_response - completion of a tx slot.
 */
struct netif_tx_response {
	uint16_t id;		/* id of the request */
	int16_t status;		/* NETIF_RSP_* */
};
typedef struct netif_tx_response netif_tx_response_t;
XEN_ABI_SIZE(struct netif_tx_response, 4);
XEN_ABI_OFFSET(struct netif_tx_response, status, 2);

/*
 * struct netif_rx_request - a page the guest offers for received data.
 */
struct netif_rx_request {
	uint16_t id;		/* echoed in the response */
	uint16_t pad;
	grant_ref_t gref;	/* grant of the page to fill */
};
typedef struct netif_rx_request netif_rx_request_t;
XEN_ABI_SIZE(struct netif_rx_request, 8);
XEN_ABI_OFFSET(struct netif_rx_request, gref, 4);

/*
 * struct netif_rx_response - data placed in an offered page.
 */
struct netif_rx_response {
	uint16_t id;		/* id of the request */
	uint16_t offset;	/* data offset within the page */
	uint16_t flags;		/* NETRXF_* */
	int16_t status;		/* bytes received (>= 0) or NETIF_RSP_* error */
};
typedef struct netif_rx_response netif_rx_response_t;
XEN_ABI_SIZE(struct netif_rx_response, 8);
XEN_ABI_OFFSET(struct netif_rx_response, offset, 2);
XEN_ABI_OFFSET(struct netif_rx_response, flags, 4);
XEN_ABI_OFFSET(struct netif_rx_response, status, 6);

/* The three rings. */
DEFINE_RING_TYPES(xen_netif_ctrl, struct xen_netif_ctrl_request, struct xen_netif_ctrl_response);
XEN_ABI_SIZE(struct xen_netif_ctrl_sring, 80);
DEFINE_RING_TYPES(netif_tx, struct netif_tx_request, struct netif_tx_response);
XEN_ABI_SIZE(struct netif_tx_sring, 76);
DEFINE_RING_TYPES(netif_rx, struct netif_rx_request, struct netif_rx_response);
XEN_ABI_SIZE(struct netif_rx_sring, 72);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_IO_NETIF_H */
