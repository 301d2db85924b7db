/*
 * xen/io/console.h - the PV console ring shared between a guest and its console backend.
 *
 * Matches Xen's public xen/include/public/io/console.h (without the optional flexible-ring
 * variant). The page is named by start_info.console.domU.mfn and signalled over
 * start_info.console.domU.evtchn. The guest produces into out and consumes from in; the
 * backend does the opposite. Indexes run freely and are reduced modulo the ring size (a power
 * of two) only to address the buffer.
 */
#ifndef XEN_ABI_IO_CONSOLE_H
#define XEN_ABI_IO_CONSOLE_H

#include "../lamina-abi.h"

#ifndef __ASSEMBLER__

/* A free-running console ring index. */
typedef uint32_t XENCONS_RING_IDX;

/* Position of index idx within the buffer ring (in or out of struct xencons_interface). */
#define MASK_XENCONS_IDX(idx, ring)	((idx) & (sizeof(ring) - 1))

/*
 * struct xencons_interface - the console ring page.
 */
struct xencons_interface {
	char in[1024];			/* backend to guest (keyboard input) */
	char out[2048];			/* guest to backend (output) */
	XENCONS_RING_IDX in_cons;	/* guest advances */
	XENCONS_RING_IDX in_prod;	/* backend advances */
	XENCONS_RING_IDX out_cons;	/* backend advances */
	XENCONS_RING_IDX out_prod;	/* guest advances */
};
XEN_ABI_SIZE(struct xencons_interface, 3088);
XEN_ABI_OFFSET(struct xencons_interface, out, 1024);
XEN_ABI_OFFSET(struct xencons_interface, in_cons, 3072);
XEN_ABI_OFFSET(struct xencons_interface, in_prod, 3076);
XEN_ABI_OFFSET(struct xencons_interface, out_cons, 3080);
XEN_ABI_OFFSET(struct xencons_interface, out_prod, 3084);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_IO_CONSOLE_H */
