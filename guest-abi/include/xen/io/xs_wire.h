/*
 * xen/io/xs_wire.h - the xenstore wire protocol: message header and types, and the ring page
 * a guest shares with the xenstore daemon.
 *
 * Matches Xen's public xen/include/public/io/xs_wire.h, without its table of error strings
 * (errors travel as the names of errno values, e.g. "ENOENT", in XS_ERROR replies).
 *
 * Every message is a struct xsd_sockmsg followed by len bytes of payload, usually one or more
 * NUL-terminated strings. The guest writes requests into req and reads replies and watch
 * events from rsp; the page is named by start_info.store_mfn and signalled over
 * start_info.store_evtchn.
 */
#ifndef XEN_ABI_IO_XS_WIRE_H
#define XEN_ABI_IO_XS_WIRE_H

#include "../lamina-abi.h"

/* Second argument of XS_WRITE in older protocol versions. */
#define XS_WRITE_NONE			"NONE"
#define XS_WRITE_CREATE			"CREATE"
#define XS_WRITE_CREATE_EXCL		"CREATE|EXCL"

/* Size of each of the two rings in the page. */
#define XENSTORE_RING_SIZE		1024

/* Limits: a larger payload breaks the connection; longer paths only fail the request. */
#define XENSTORE_PAYLOAD_MAX		4096
#define XENSTORE_ABS_PATH_MAX		3072
#define XENSTORE_REL_PATH_MAX		2048

/* xenstore_domain_interface.server_features */
#define XENSTORE_SERVER_FEATURE_RECONNECTION	1	/* connection field is honoured */
#define XENSTORE_SERVER_FEATURE_ERROR		2	/* error field is present */

/* xenstore_domain_interface.connection */
#define XENSTORE_CONNECTED		0	/* normal operation */
#define XENSTORE_RECONNECT		1	/* guest asked for a ring reset */

/* xenstore_domain_interface.error */
#define XENSTORE_ERROR_NONE		0
#define XENSTORE_ERROR_COMM		1	/* communication problem */
#define XENSTORE_ERROR_RINGIDX		2	/* bad ring index */
#define XENSTORE_ERROR_PROTO		3	/* protocol violation, e.g. oversized payload */

#ifndef __ASSEMBLER__

/* Message types (xsd_sockmsg.type). */
enum xsd_sockmsg_type {
	XS_CONTROL = 0,
	XS_DEBUG = XS_CONTROL,			/* old name of XS_CONTROL */
	XS_DIRECTORY = 1,
	XS_READ = 2,
	XS_GET_PERMS = 3,
	XS_WATCH = 4,
	XS_UNWATCH = 5,
	XS_TRANSACTION_START = 6,
	XS_TRANSACTION_END = 7,
	XS_INTRODUCE = 8,
	XS_RELEASE = 9,
	XS_GET_DOMAIN_PATH = 10,
	XS_WRITE = 11,
	XS_MKDIR = 12,
	XS_RM = 13,
	XS_SET_PERMS = 14,
	XS_WATCH_EVENT = 15,			/* asynchronous, from the daemon */
	XS_ERROR = 16,				/* reply carrying an errno name */
	XS_IS_DOMAIN_INTRODUCED = 17,
	XS_RESUME = 18,
	XS_SET_TARGET = 19,
	/* 20 was XS_RESTRICT, now removed */
	XS_RESET_WATCHES = 21,
	XS_DIRECTORY_PART = 22,
	XS_TYPE_COUNT = 23,			/* number of types */
	XS_INVALID = 0xffff,			/* never a valid type */
};

/* Parts of an XS_WATCH_EVENT payload, in order. */
enum xs_watch_type {
	XS_WATCH_PATH = 0,
	XS_WATCH_TOKEN = 1,
};

/*
 * struct xsd_sockmsg - header of every xenstore message; the payload follows.
 */
struct xsd_sockmsg {
	uint32_t type;		/* enum xsd_sockmsg_type */
	uint32_t req_id;	/* chosen by the requester, echoed in the reply */
	uint32_t tx_id;		/* transaction id, 0 outside transactions */
	uint32_t len;		/* payload bytes that follow */
};
XEN_ABI_SIZE(struct xsd_sockmsg, 16);
XEN_ABI_OFFSET(struct xsd_sockmsg, len, 12);

/* A free-running xenstore ring index. */
typedef uint32_t XENSTORE_RING_IDX;

/* Position of index idx within either ring. */
#define MASK_XENSTORE_IDX(idx)		((idx) & (XENSTORE_RING_SIZE - 1))

/*
 * struct xenstore_domain_interface - the xenstore ring page.
 */
struct xenstore_domain_interface {
	char req[XENSTORE_RING_SIZE];	/* guest to daemon: requests */
	char rsp[XENSTORE_RING_SIZE];	/* daemon to guest: replies and watch events */
	XENSTORE_RING_IDX req_cons;	/* daemon advances */
	XENSTORE_RING_IDX req_prod;	/* guest advances */
	XENSTORE_RING_IDX rsp_cons;	/* guest advances */
	XENSTORE_RING_IDX rsp_prod;	/* daemon advances */
	uint32_t server_features;	/* XENSTORE_SERVER_FEATURE_*; daemon writes */
	uint32_t connection;		/* XENSTORE_CONNECTED / _RECONNECT */
	uint32_t error;			/* XENSTORE_ERROR_*; daemon writes */
};
XEN_ABI_SIZE(struct xenstore_domain_interface, 2076);
XEN_ABI_OFFSET(struct xenstore_domain_interface, rsp, 1024);
XEN_ABI_OFFSET(struct xenstore_domain_interface, req_cons, 2048);
XEN_ABI_OFFSET(struct xenstore_domain_interface, rsp_cons, 2056);
XEN_ABI_OFFSET(struct xenstore_domain_interface, server_features, 2064);
XEN_ABI_OFFSET(struct xenstore_domain_interface, connection, 2068);
XEN_ABI_OFFSET(struct xenstore_domain_interface, error, 2072);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_IO_XS_WIRE_H */
