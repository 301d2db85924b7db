/*
 * xen/nmi.h - nmi_op hypercall (__HYPERVISOR_nmi_op, 28): where the guest wants NMIs, and
 * why dom0 got one (arch_shared_info.nmi_reason).
 *
 * Matches Xen's public xen/include/public/nmi.h. nmi_op(XENNMI_register_callback,
 * struct xennmi_callback *) installs handler_address as the guest's vector-2 handler (events
 * are always masked in it); -EFAULT if the argument cannot be read, -EINVAL if the address
 * is not canonical. nmi_op(XENNMI_unregister_callback, NULL) removes it; NMIs that arrive
 * with no handler are dropped. Other sub-ops: -ENOSYS.
 */
#ifndef XEN_ABI_NMI_H
#define XEN_ABI_NMI_H

#include "xen.h"

/* Bits of arch_shared_info.nmi_reason (set by the hypervisor, for dom0). */
#define _XEN_NMIREASON_io_error		0	/* I/O check: ISA port 0x61 bit 6 */
#define XEN_NMIREASON_io_error		(XEN_ABI_UL(1) << _XEN_NMIREASON_io_error)
#define _XEN_NMIREASON_pci_serr		1	/* PCI SERR: ISA port 0x61 bit 7 */
#define XEN_NMIREASON_pci_serr		(XEN_ABI_UL(1) << _XEN_NMIREASON_pci_serr)
#define _XEN_NMIREASON_unknown		2	/* any other hardware NMI */
#define XEN_NMIREASON_unknown		(XEN_ABI_UL(1) << _XEN_NMIREASON_unknown)

/* Sub-ops. */
#define XENNMI_register_callback	0
#define XENNMI_unregister_callback	1

#ifndef __ASSEMBLER__

/* struct xennmi_callback - XENNMI_register_callback's argument. */
struct xennmi_callback {
	unsigned long handler_address;	/* guest virtual address of the NMI handler */
	unsigned long pad;		/* ignored */
};
typedef struct xennmi_callback xennmi_callback_t;
XEN_ABI_SIZE(struct xennmi_callback, 16);

#endif /* __ASSEMBLER__ */

#endif /* XEN_ABI_NMI_H */
