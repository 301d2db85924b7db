/*
 * xen/io/blkif.h - the PV block device protocol (blkfront/blkback) ring messages.
 *
 * Matches the request and response layouts of Xen's public xen/include/public/io/blkif.h
 * (x86-64). The xenstore negotiation keys it documents (ring-ref, event-channel,
 * feature-*, ...) are not repeated here.
 *
 * The frontend places requests on a blkif ring (see xen/io/ring.h); each names up to
 * BLKIF_MAX_SEGMENTS_PER_REQUEST granted pages with a sector range in each. Sectors are
 * always 512 bytes, whatever the device's real sector size.
 */
#ifndef XEN_ABI_IO_BLKIF_H
#define XEN_ABI_IO_BLKIF_H

#include "ring.h"
#include "../grant_table.h"

/* blkif_request.operation */
#define BLKIF_OP_READ			0
#define BLKIF_OP_WRITE			1
#define BLKIF_OP_WRITE_BARRIER		2	/* write, ordered after all earlier writes */
#define BLKIF_OP_FLUSH_DISKCACHE	3	/* make earlier writes durable */
#define BLKIF_OP_RESERVED_1		4	/* used by a vendor; do not reuse */
#define BLKIF_OP_DISCARD		5	/* struct blkif_request_discard */
#define BLKIF_OP_INDIRECT		6	/* struct blkif_request_indirect */

/* Segments in a direct request. */
#define BLKIF_MAX_SEGMENTS_PER_REQUEST		11

/* Pages of segment descriptors an indirect request may name. */
#define BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST	8

/* blkif_request_discard.flag: erase securely (only if the backend offers discard-secure). */
#define BLKIF_DISCARD_SECURE		(1 << 0)

/* blkif_response.status */
#define BLKIF_RSP_EOPNOTSUPP		(-2)	/* operation not supported */
#define BLKIF_RSP_ERROR			(-1)	/* I/O error */
#define BLKIF_RSP_OKAY			0

/* Flags of the "info" xenstore key of a virtual disk. */
#define VDISK_CDROM			0x1
#define VDISK_REMOVABLE			0x2
#define VDISK_READONLY			0x4

#ifndef __ASSEMBLER__

/* Handle of a virtual block device, and a 512-byte sector number. */
typedef uint16_t blkif_vdev_t;
typedef uint64_t blkif_sector_t;

/*
 * struct blkif_request_segment - one granted page of a request and the sectors within it
 * (first_sect..last_sect inclusive, 0-7 for a 4 KiB page). Indirect requests use pages full
 * of these.
 */
struct blkif_request_segment {
	grant_ref_t gref;	/* grant of the data page */
	uint8_t first_sect;	/* first sector in the page */
	uint8_t last_sect;	/* last sector in the page (inclusive) */
};
XEN_ABI_SIZE(struct blkif_request_segment, 8);
XEN_ABI_OFFSET(struct blkif_request_segment, first_sect, 4);
XEN_ABI_OFFSET(struct blkif_request_segment, last_sect, 5);

/*
 * struct blkif_request - a read, write, barrier or flush request.
 */
struct blkif_request {
	uint8_t operation;		/* BLKIF_OP_* */
	uint8_t nr_segments;		/* segments in use */
	blkif_vdev_t handle;		/* device (read/write only) */
	uint64_t id;			/* frontend's cookie, returned in the response */
	blkif_sector_t sector_number;	/* first sector on the device (read/write only) */
	struct blkif_request_segment seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};
typedef struct blkif_request blkif_request_t;
XEN_ABI_SIZE(struct blkif_request, 112);
XEN_ABI_OFFSET(struct blkif_request, handle, 2);
XEN_ABI_OFFSET(struct blkif_request, id, 8);
XEN_ABI_OFFSET(struct blkif_request, sector_number, 16);
XEN_ABI_OFFSET(struct blkif_request, seg, 24);

/*
 * struct blkif_request_discard - BLKIF_OP_DISCARD: the sectors' contents are no longer
 * needed.
 */
struct blkif_request_discard {
	uint8_t operation;		/* BLKIF_OP_DISCARD */
	uint8_t flag;			/* BLKIF_DISCARD_SECURE or 0 */
	blkif_vdev_t handle;
	uint64_t id;			/* returned in the response */
	blkif_sector_t sector_number;	/* first sector */
	uint64_t nr_sectors;		/* number of sectors */
};
typedef struct blkif_request_discard blkif_request_discard_t;
XEN_ABI_SIZE(struct blkif_request_discard, 32);
XEN_ABI_OFFSET(struct blkif_request_discard, id, 8);
XEN_ABI_OFFSET(struct blkif_request_discard, nr_sectors, 24);

/*
 * struct blkif_request_indirect - BLKIF_OP_INDIRECT: a read or write whose segment
 * descriptors live in separately granted pages, for more segments than fit in a request.
 */
struct blkif_request_indirect {
	uint8_t operation;		/* BLKIF_OP_INDIRECT */
	uint8_t indirect_op;		/* BLKIF_OP_READ or BLKIF_OP_WRITE */
	uint16_t nr_segments;		/* total segments */
	uint64_t id;			/* returned in the response */
	blkif_sector_t sector_number;	/* first sector */
	blkif_vdev_t handle;
	/* grants of the pages holding struct blkif_request_segment descriptors */
	grant_ref_t indirect_grefs[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
};
typedef struct blkif_request_indirect blkif_request_indirect_t;
XEN_ABI_SIZE(struct blkif_request_indirect, 64);
XEN_ABI_OFFSET(struct blkif_request_indirect, nr_segments, 2);
XEN_ABI_OFFSET(struct blkif_request_indirect, handle, 24);
XEN_ABI_OFFSET(struct blkif_request_indirect, indirect_grefs, 28);

/*
 * struct blkif_response - completion of one request.
 */
struct blkif_response {
	uint64_t id;		/* id of the request */
	uint8_t operation;	/* operation of the request */
	int16_t status;		/* BLKIF_RSP_* */
};
typedef struct blkif_response blkif_response_t;
XEN_ABI_SIZE(struct blkif_response, 16);
XEN_ABI_OFFSET(struct blkif_response, operation, 8);
XEN_ABI_OFFSET(struct blkif_response, status, 10);

/* The blkif ring: 32 entries of 112 bytes in one page. */
DEFINE_RING_TYPES(blkif, struct blkif_request, struct blkif_response);
XEN_ABI_SIZE(struct blkif_sring, 176);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_IO_BLKIF_H */
