/*
 * xen/physdev.h - physdev_op hypercall: physical interrupts, I/O privilege and PCI devices,
 * mostly for the hardware domain (dom0).
 *
 * Matches Xen's public xen/include/public/physdev.h at interface version 0x00040e00.
 * physdev_op(cmd, arg) takes a PHYSDEVOP_* command and the structure named with it. IRQs in
 * these calls are PIRQ numbers: the hypervisor's names for physical interrupt sources, which
 * a domain binds to event channels with EVTCHNOP_bind_pirq.
 */
#ifndef XEN_ABI_PHYSDEV_H
#define XEN_ABI_PHYSDEV_H

#include "xen.h"

#define PHYSDEVOP_IRQ_UNMASK_NOTIFY	4	/* obsolete and unsupported */
#define PHYSDEVOP_irq_status_query	5	/* struct physdev_irq_status_query */
#define PHYSDEVOP_set_iopl		6	/* struct physdev_set_iopl */
#define PHYSDEVOP_set_iobitmap		7	/* struct physdev_set_iobitmap */
#define PHYSDEVOP_apic_read		8	/* struct physdev_apic */
#define PHYSDEVOP_apic_write		9	/* struct physdev_apic */
#define PHYSDEVOP_alloc_irq_vector	10	/* struct physdev_irq */
#define PHYSDEVOP_free_irq_vector	11	/* struct physdev_irq */
#define PHYSDEVOP_eoi			12	/* struct physdev_eoi */
#define PHYSDEVOP_map_pirq		13	/* struct physdev_map_pirq */
#define PHYSDEVOP_unmap_pirq		14	/* struct physdev_unmap_pirq */
#define PHYSDEVOP_manage_pci_add	15	/* struct physdev_manage_pci */
#define PHYSDEVOP_manage_pci_remove	16	/* struct physdev_manage_pci */
#define PHYSDEVOP_pirq_eoi_gmfn_v1	17	/* struct physdev_pirq_eoi_gmfn */
/* 18 is unused */
#define PHYSDEVOP_restore_msi		19	/* struct physdev_restore_msi */
#define PHYSDEVOP_manage_pci_add_ext	20	/* struct physdev_manage_pci_ext */
#define PHYSDEVOP_setup_gsi		21	/* struct physdev_setup_gsi */
/* 22 is kept free */
#define PHYSDEVOP_get_free_pirq		23	/* struct physdev_get_free_pirq */
#define PHYSDEVOP_pci_mmcfg_reserved	24	/* struct physdev_pci_mmcfg_reserved */
#define PHYSDEVOP_pci_device_add	25	/* struct physdev_pci_device_add */
#define PHYSDEVOP_pci_device_remove	26	/* struct physdev_pci_device */
#define PHYSDEVOP_restore_msi_ext	27	/* struct physdev_pci_device */
#define PHYSDEVOP_pirq_eoi_gmfn_v2	28	/* struct physdev_pirq_eoi_gmfn */
#define PHYSDEVOP_dbgp_op		29	/* struct physdev_dbgp_op */
#define PHYSDEVOP_prepare_msix		30	/* struct physdev_pci_device */
#define PHYSDEVOP_release_msix		31	/* struct physdev_pci_device */

/*
 * Register a page the hypervisor uses as a bitmap, indexed by PIRQ, of "needs PHYSDEVOP_eoi".
 * With v1 the event channel is also unmasked by PHYSDEVOP_eoi; v2 leaves PHYSDEVOP_eoi as is.
 */
#define PHYSDEVOP_pirq_eoi_gmfn		PHYSDEVOP_pirq_eoi_gmfn_v2

/* physdev_irq_status_query.flags */
#define _XENIRQSTAT_needs_eoi		(0)
#define XENIRQSTAT_needs_eoi		(XEN_ABI_U(1) << _XENIRQSTAT_needs_eoi)	/* issue EOI */
#define _XENIRQSTAT_shared		(1)
#define XENIRQSTAT_shared		(XEN_ABI_U(1) << _XENIRQSTAT_shared)	/* shared IRQ */

/* physdev_map_pirq.type */
#define MAP_PIRQ_TYPE_MSI		0x0
#define MAP_PIRQ_TYPE_GSI		0x1
#define MAP_PIRQ_TYPE_UNKNOWN		0x2
#define MAP_PIRQ_TYPE_MSI_SEG		0x3	/* segment in the high 16 bits of bus */
#define MAP_PIRQ_TYPE_MULTI_MSI		0x4	/* several vectors; entry_nr is in/out */

/* physdev_pci_mmcfg_reserved.flags: the MMCONFIG area is reserved in the firmware map. */
#define XEN_PCI_MMCFG_RESERVED		0x1

/* physdev_pci_device_add.flags */
#define XEN_PCI_DEV_EXTFN		0x1	/* ARI extended function */
#define XEN_PCI_DEV_VIRTFN		0x2	/* SR-IOV virtual function; physfn is set */
#define XEN_PCI_DEV_PXM			0x4	/* optarr[0] is the device's proximity domain */

/* physdev_dbgp_op.op and .bus (USB debug port handover) */
#define PHYSDEVOP_DBGP_RESET_PREPARE	1
#define PHYSDEVOP_DBGP_RESET_DONE	2
#define PHYSDEVOP_DBGP_BUS_UNKNOWN	0
#define PHYSDEVOP_DBGP_BUS_PCI		1

#ifndef __ASSEMBLER__

/*
 * struct physdev_eoi - PHYSDEVOP_eoi: signal end of interrupt for a PIRQ.
 */
struct physdev_eoi {
	uint32_t irq;		/* in: PIRQ */
};
typedef struct physdev_eoi physdev_eoi_t;
XEN_ABI_SIZE(struct physdev_eoi, 4);

/*
 * struct physdev_pirq_eoi_gmfn - PHYSDEVOP_pirq_eoi_gmfn_v1/_v2: the frame of the "needs EOI"
 * bitmap page.
 */
struct physdev_pirq_eoi_gmfn {
	xen_pfn_t gmfn;		/* in */
};
typedef struct physdev_pirq_eoi_gmfn physdev_pirq_eoi_gmfn_t;
XEN_ABI_SIZE(struct physdev_pirq_eoi_gmfn, 8);

/*
 * struct physdev_irq_status_query - PHYSDEVOP_irq_status_query.
 */
struct physdev_irq_status_query {
	uint32_t irq;		/* in: PIRQ */
	uint32_t flags;		/* out: XENIRQSTAT_* */
};
typedef struct physdev_irq_status_query physdev_irq_status_query_t;
XEN_ABI_SIZE(struct physdev_irq_status_query, 8);
XEN_ABI_OFFSET(struct physdev_irq_status_query, flags, 4);

/*
 * struct physdev_set_iopl - PHYSDEVOP_set_iopl: the calling vCPU's virtual I/O privilege
 * level (0-3), which decides whether guest port I/O is allowed.
 */
struct physdev_set_iopl {
	uint32_t iopl;		/* in */
};
typedef struct physdev_set_iopl physdev_set_iopl_t;
XEN_ABI_SIZE(struct physdev_set_iopl, 4);

/*
 * struct physdev_set_iobitmap - PHYSDEVOP_set_iobitmap: the calling vCPU's I/O permission
 * bitmap, in TSS format (a set bit denies the port).
 */
struct physdev_set_iobitmap {
	XEN_GUEST_HANDLE(uint8_t) bitmap;	/* in: guest address of the bitmap */
	uint32_t nr_ports;			/* in: ports it covers */
};
typedef struct physdev_set_iobitmap physdev_set_iobitmap_t;
XEN_ABI_SIZE(struct physdev_set_iobitmap, 16);
XEN_ABI_OFFSET(struct physdev_set_iobitmap, nr_ports, 8);

/*
 * struct physdev_apic - PHYSDEVOP_apic_read / PHYSDEVOP_apic_write: an IO-APIC register.
 */
struct physdev_apic {
	unsigned long apic_physbase;	/* in: physical base address of the IO-APIC */
	uint32_t reg;			/* in: register index */
	uint32_t value;			/* in (write) or out (read) */
};
typedef struct physdev_apic physdev_apic_t;
XEN_ABI_SIZE(struct physdev_apic, 16);
XEN_ABI_OFFSET(struct physdev_apic, reg, 8);
XEN_ABI_OFFSET(struct physdev_apic, value, 12);

/*
 * struct physdev_irq - PHYSDEVOP_alloc_irq_vector / PHYSDEVOP_free_irq_vector: a CPU vector
 * for an IRQ line.
 */
struct physdev_irq {
	uint32_t irq;		/* in */
	uint32_t vector;	/* out (alloc) or in (free) */
};
typedef struct physdev_irq physdev_irq_t;
XEN_ABI_SIZE(struct physdev_irq, 8);
XEN_ABI_OFFSET(struct physdev_irq, vector, 4);

/*
 * struct physdev_map_pirq - PHYSDEVOP_map_pirq: give domid a PIRQ for a GSI or for MSI/MSI-X
 * vectors of a PCI device.
 */
struct physdev_map_pirq {
	domid_t domid;
	int type;		/* in: MAP_PIRQ_TYPE_* */
	int index;		/* in: GSI number, or MSI-X entry (not for MULTI_MSI) */
	int pirq;		/* in: wanted PIRQ or -1 for any; out: the PIRQ */
	int bus;		/* in: PCI bus; segment in bits 31:16 for MSI_SEG/MULTI_MSI */
	int devfn;		/* in: PCI device/function */
	int entry_nr;		/* in: MSI-X entry or vector count; out for MULTI_MSI */
	uint64_t table_base;	/* in: MSI-X table address */
};
typedef struct physdev_map_pirq physdev_map_pirq_t;
XEN_ABI_SIZE(struct physdev_map_pirq, 40);
XEN_ABI_OFFSET(struct physdev_map_pirq, type, 4);
XEN_ABI_OFFSET(struct physdev_map_pirq, pirq, 12);
XEN_ABI_OFFSET(struct physdev_map_pirq, entry_nr, 24);
XEN_ABI_OFFSET(struct physdev_map_pirq, table_base, 32);

/*
 * struct physdev_unmap_pirq - PHYSDEVOP_unmap_pirq.
 */
struct physdev_unmap_pirq {
	domid_t domid;
	int pirq;		/* in */
};
typedef struct physdev_unmap_pirq physdev_unmap_pirq_t;
XEN_ABI_SIZE(struct physdev_unmap_pirq, 8);
XEN_ABI_OFFSET(struct physdev_unmap_pirq, pirq, 4);

/*
 * struct physdev_manage_pci - PHYSDEVOP_manage_pci_add / PHYSDEVOP_manage_pci_remove: report
 * a PCI device on segment 0 (older interface).
 */
struct physdev_manage_pci {
	uint8_t bus;	/* in */
	uint8_t devfn;	/* in */
};
typedef struct physdev_manage_pci physdev_manage_pci_t;
XEN_ABI_SIZE(struct physdev_manage_pci, 2);

/*
 * struct physdev_restore_msi - PHYSDEVOP_restore_msi: re-program a device's MSI state (after
 * resume), segment 0.
 */
struct physdev_restore_msi {
	uint8_t bus;	/* in */
	uint8_t devfn;	/* in */
};
typedef struct physdev_restore_msi physdev_restore_msi_t;
XEN_ABI_SIZE(struct physdev_restore_msi, 2);

/*
 * struct physdev_manage_pci_ext - PHYSDEVOP_manage_pci_add_ext: report a PCI device with its
 * ARI / SR-IOV relationship (segment 0).
 */
struct physdev_manage_pci_ext {
	uint8_t bus;		/* in */
	uint8_t devfn;		/* in */
	uint32_t is_extfn;	/* in: ARI extended function */
	uint32_t is_virtfn;	/* in: SR-IOV virtual function */
	struct {
		uint8_t bus;
		uint8_t devfn;
	} physfn;		/* in: its physical function, if is_virtfn */
};
typedef struct physdev_manage_pci_ext physdev_manage_pci_ext_t;
XEN_ABI_SIZE(struct physdev_manage_pci_ext, 16);
XEN_ABI_OFFSET(struct physdev_manage_pci_ext, is_extfn, 4);
XEN_ABI_OFFSET(struct physdev_manage_pci_ext, is_virtfn, 8);
XEN_ABI_OFFSET(struct physdev_manage_pci_ext, physfn, 12);

/*
 * struct physdev_op - argument of the obsolete physdev_op_compat hypercall: the command
 * followed by its structure.
 */
struct physdev_op {
	uint32_t cmd;	/* PHYSDEVOP_* */
	union {
		physdev_irq_status_query_t irq_status_query;
		physdev_set_iopl_t set_iopl;
		physdev_set_iobitmap_t set_iobitmap;
		physdev_apic_t apic_op;
		physdev_irq_t irq_op;
	} u;
};
typedef struct physdev_op physdev_op_t;
XEN_ABI_SIZE(struct physdev_op, 24);
XEN_ABI_OFFSET(struct physdev_op, u, 8);

/*
 * struct physdev_setup_gsi - PHYSDEVOP_setup_gsi: trigger mode and polarity of a GSI, as
 * found in the ACPI tables.
 */
struct physdev_setup_gsi {
	int gsi;		/* in */
	uint8_t triggering;	/* in: 0 edge, 1 level */
	uint8_t polarity;	/* in: 0 active high, 1 active low */
};
typedef struct physdev_setup_gsi physdev_setup_gsi_t;
XEN_ABI_SIZE(struct physdev_setup_gsi, 8);
XEN_ABI_OFFSET(struct physdev_setup_gsi, triggering, 4);
XEN_ABI_OFFSET(struct physdev_setup_gsi, polarity, 5);

/*
 * struct physdev_get_free_pirq - PHYSDEVOP_get_free_pirq: allocate an unused PIRQ number.
 */
struct physdev_get_free_pirq {
	int type;		/* in: MAP_PIRQ_TYPE_GSI or MAP_PIRQ_TYPE_MSI */
	uint32_t pirq;		/* out */
};
typedef struct physdev_get_free_pirq physdev_get_free_pirq_t;
XEN_ABI_SIZE(struct physdev_get_free_pirq, 8);
XEN_ABI_OFFSET(struct physdev_get_free_pirq, pirq, 4);

/*
 * struct physdev_pci_mmcfg_reserved - PHYSDEVOP_pci_mmcfg_reserved: tell the hypervisor an
 * MMCONFIG (ECAM) area may be used.
 */
struct physdev_pci_mmcfg_reserved {
	uint64_t address;	/* in: physical base */
	uint16_t segment;	/* in */
	uint8_t start_bus;	/* in */
	uint8_t end_bus;	/* in */
	uint32_t flags;		/* in: XEN_PCI_MMCFG_* */
};
typedef struct physdev_pci_mmcfg_reserved physdev_pci_mmcfg_reserved_t;
XEN_ABI_SIZE(struct physdev_pci_mmcfg_reserved, 16);
XEN_ABI_OFFSET(struct physdev_pci_mmcfg_reserved, segment, 8);
XEN_ABI_OFFSET(struct physdev_pci_mmcfg_reserved, start_bus, 10);
XEN_ABI_OFFSET(struct physdev_pci_mmcfg_reserved, flags, 12);

/*
 * struct physdev_pci_device_add - PHYSDEVOP_pci_device_add: report a PCI device found by
 * dom0, with optional extra parameters after the fixed part.
 */
struct physdev_pci_device_add {
	uint16_t seg;		/* in */
	uint8_t bus;		/* in */
	uint8_t devfn;		/* in */
	uint32_t flags;		/* in: XEN_PCI_DEV_* */
	struct {
		uint8_t bus;
		uint8_t devfn;
	} physfn;		/* in: physical function of a virtual function */
	uint32_t optarr[];	/* in: [0] proximity domain if XEN_PCI_DEV_PXM */
};
typedef struct physdev_pci_device_add physdev_pci_device_add_t;
XEN_ABI_SIZE(struct physdev_pci_device_add, 12);
XEN_ABI_OFFSET(struct physdev_pci_device_add, flags, 4);
XEN_ABI_OFFSET(struct physdev_pci_device_add, physfn, 8);
XEN_ABI_OFFSET(struct physdev_pci_device_add, optarr, 12);

/*
 * struct physdev_pci_device - a PCI device by segment, bus and devfn: pci_device_remove,
 * restore_msi_ext, prepare_msix and release_msix.
 */
struct physdev_pci_device {
	uint16_t seg;		/* in */
	uint8_t bus;		/* in */
	uint8_t devfn;		/* in */
};
typedef struct physdev_pci_device physdev_pci_device_t;
XEN_ABI_SIZE(struct physdev_pci_device, 4);
XEN_ABI_OFFSET(struct physdev_pci_device, devfn, 3);

/*
 * struct physdev_dbgp_op - PHYSDEVOP_dbgp_op: coordinate a reset of the EHCI controller
 * whose debug port the hypervisor may be using as its console.
 */
struct physdev_dbgp_op {
	uint8_t op;		/* in: PHYSDEVOP_DBGP_RESET_* */
	uint8_t bus;		/* in: PHYSDEVOP_DBGP_BUS_* */
	union {
		physdev_pci_device_t pci;
	} u;			/* in: the controller, for PHYSDEVOP_DBGP_BUS_PCI */
};
typedef struct physdev_dbgp_op physdev_dbgp_op_t;
XEN_ABI_SIZE(struct physdev_dbgp_op, 6);
XEN_ABI_OFFSET(struct physdev_dbgp_op, u, 2);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_PHYSDEV_H */
