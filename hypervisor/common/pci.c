/*
 * pci.c - the PCI devices the hardware domain reported (lamina/pci.h).
 */
#include <lamina/console.h>
#include <lamina/errno.h>
#include <lamina/pci.h>

struct pci_dev {
	bool used;
	bool is_extfn, is_virtfn;
	uint16_t seg;
	uint8_t bus, devfn;
};

static struct pci_dev pci_devs[MAX_PCI_DEVICES];
static unsigned int nr_pci_devs;

static struct pci_dev *find(uint16_t seg, uint8_t bus, uint8_t devfn)
{
	for (unsigned int i = 0; i < MAX_PCI_DEVICES; i++)
		if (pci_devs[i].used && pci_devs[i].seg == seg && pci_devs[i].bus == bus &&
		    pci_devs[i].devfn == devfn)
			return &pci_devs[i];
	return NULL;
}

int pci_add_device(uint16_t seg, uint8_t bus, uint8_t devfn, bool is_extfn, bool is_virtfn,
		   uint8_t phys_bus, uint8_t phys_devfn)
{
	if (is_virtfn && !find(seg, phys_bus, phys_devfn)) {
		int rc = pci_add_device(seg, phys_bus, phys_devfn, false, false, 0, 0);
		if (rc)
			return rc;
	}
	if (find(seg, bus, devfn))
		return 0;
	for (unsigned int i = 0; i < MAX_PCI_DEVICES; i++)
		if (!pci_devs[i].used) {
			pci_devs[i] = (struct pci_dev){ .used = true, .is_extfn = is_extfn,
						       .is_virtfn = is_virtfn, .seg = seg,
						       .bus = bus, .devfn = devfn };
			nr_pci_devs++;
			printk(LOG_DEBUG "PCI add %s %04x:%02x:%02x.%u\n",
			       is_virtfn ? "virtual function" : is_extfn ? "extended function" : "device",
			       seg, bus, devfn >> 3, devfn & 7);
			return 0;
		}
	return -ENOMEM;
}

int pci_remove_device(uint16_t seg, uint8_t bus, uint8_t devfn)
{
	struct pci_dev *p = find(seg, bus, devfn);

	if (!p)
		return -ENODEV;
	p->used = false;
	nr_pci_devs--;
	printk(LOG_DEBUG "PCI remove device %04x:%02x:%02x.%u\n", seg, bus, devfn >> 3, devfn & 7);
	return 0;
}

unsigned int pci_nr_devices(void)
{
	return nr_pci_devs;
}
