/*
 * lamina/pci.h - the PCI devices the hardware domain reports (PHYSDEVOP_
 * pci_device_add and the older manage_pci_add{,_ext}), as Xen keeps them in
 * xen/drivers/passthrough/pci.c: the list MSI and device assignment will
 * work from. The hypervisor does not probe the bus itself.
 */
#ifndef LAMINA_PCI_H
#define LAMINA_PCI_H

#include <lamina/types.h>

#define MAX_PCI_DEVICES 256

/* pci_add_device - record seg:bus:devfn (again: no change); a virtual function's physical function is recorded first. 0 or -ENOMEM (table full). */
int pci_add_device(uint16_t seg, uint8_t bus, uint8_t devfn, bool is_extfn, bool is_virtfn,
		   uint8_t phys_bus, uint8_t phys_devfn);

/* pci_remove_device - forget seg:bus:devfn; -ENODEV when it was not recorded. */
int pci_remove_device(uint16_t seg, uint8_t bus, uint8_t devfn);

/* pci_nr_devices - how many devices are recorded. */
unsigned int pci_nr_devices(void);

#endif /* LAMINA_PCI_H */
