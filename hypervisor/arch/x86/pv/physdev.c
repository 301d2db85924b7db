/*
 * physdev.c - the physdev_op hypercall: set_iopl (the virtual IOPL that lets
 * a PV kernel's port I/O be emulated), irq_status_query, and for the
 * hardware domain its physical interrupts (map_pirq/unmap_pirq of GSIs,
 * setup_gsi, alloc_irq_vector, eoi, pirq_eoi_gmfn; arch/x86/pirq.c) and
 * reads of the I/O APICs' registers (apic_read), and the PCI devices it
 * reports (pci_device_add/remove, manage_pci_*; common/pci.c). MSIs are
 * not offered yet. Numbers and layouts:
 * xen/include/public/physdev.h; errors as Xen 4.17's xen/arch/x86/physdev.c.
 */
#include <asm/io_apic.h>
#include <asm/pirq.h>
#include <asm/uaccess.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/hypercall.h>
#include <lamina/pci.h>
#include <xen/physdev.h>

static long map_pirq(struct physdev_map_pirq *m)
{
	struct domain *d = current->domain;

	if (m->domid != DOMID_SELF && m->domid != d->domain_id)
		return domain_by_id(m->domid) ? -EPERM
					      : -ESRCH; /* only its own (one domain owns devices) */
	if (!d->is_privileged)
		return -EPERM;
	switch (m->type) {
	case MAP_PIRQ_TYPE_GSI:
		return pirq_map(d, m->index, &m->pirq);
	case MAP_PIRQ_TYPE_MSI:
	case MAP_PIRQ_TYPE_MSI_SEG:
	case MAP_PIRQ_TYPE_MULTI_MSI:
		return -ENODEV; /* no PCI device is known to the hypervisor */
	default:
		return -EINVAL;
	}
}

static long unmap_pirq(struct physdev_unmap_pirq *u)
{
	struct domain *d = current->domain;

	if (u->domid != DOMID_SELF && u->domid != d->domain_id)
		return domain_by_id(u->domid) ? -EPERM : -ESRCH;
	if (!d->is_privileged)
		return -EPERM;
	return pirq_unmap(d, u->pirq);
}

static long setup_gsi(struct physdev_setup_gsi *g)
{
	if (!current->domain->is_privileged)
		return -EPERM;
	return pirq_setup_gsi(g->gsi, g->triggering, g->polarity);
}

/* The PCI device reports: privileged only (Xen: XSM resource_plug_pci). */
static long pci_add(struct physdev_pci_device_add *a)
{
	if (!current->domain->is_privileged)
		return -EPERM;
	return pci_add_device(a->seg, a->bus, a->devfn, a->flags & XEN_PCI_DEV_EXTFN,
			      a->flags & XEN_PCI_DEV_VIRTFN, a->physfn.bus, a->physfn.devfn);
}

static long pci_add_ext(struct physdev_manage_pci_ext *a)
{
	if (!current->domain->is_privileged)
		return -EPERM;
	return pci_add_device(0, a->bus, a->devfn, a->is_extfn, a->is_virtfn, a->physfn.bus,
			      a->physfn.devfn);
}

static long pci_remove(uint16_t seg, uint8_t bus, uint8_t devfn)
{
	if (!current->domain->is_privileged)
		return -EPERM;
	return pci_remove_device(seg, bus, devfn);
}

static long apic_read(struct physdev_apic *a)
{
	if (!current->domain->is_privileged)
		return -EPERM;
	return io_apic_guest_read(a->apic_physbase, a->reg, &a->value);
}

long do_physdev_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
		   unsigned long a5)
{
	struct vcpu *v = current;

	switch ((int)cmd) {
	case PHYSDEVOP_set_iopl: {
		struct physdev_set_iopl s;
		if (copy_from_guest(&s, arg, sizeof(s)))
			return -EFAULT;
		if (s.iopl > 3)
			return -EINVAL;
		v->pv.iopl = s.iopl;
		return 0;
	}
	case PHYSDEVOP_irq_status_query:
		WITH_GUEST_ARG(struct physdev_irq_status_query, arg,
			       pirq_status(v->domain, a.irq, &a.flags), true);
	case PHYSDEVOP_map_pirq:
		WITH_GUEST_ARG(struct physdev_map_pirq, arg, map_pirq(&a), true);
	case PHYSDEVOP_unmap_pirq:
		WITH_GUEST_ARG(struct physdev_unmap_pirq, arg, unmap_pirq(&a), false);
	case PHYSDEVOP_setup_gsi:
		WITH_GUEST_ARG(struct physdev_setup_gsi, arg, setup_gsi(&a), false);
	case PHYSDEVOP_alloc_irq_vector:
		/* Xen's is a leftover: the vector handed back is the IRQ itself. */
		WITH_GUEST_ARG(struct physdev_irq, arg,
			       v->domain->is_privileged ? (a.vector = a.irq, 0) : -EPERM, true);
	case PHYSDEVOP_eoi:
		WITH_GUEST_ARG(struct physdev_eoi, arg, pirq_eoi(v->domain, a.irq), false);
	case PHYSDEVOP_pirq_eoi_gmfn_v1:
	case PHYSDEVOP_pirq_eoi_gmfn_v2:
		WITH_GUEST_ARG(
		    struct physdev_pirq_eoi_gmfn, arg,
		    pirq_eoi_map(v->domain, a.gmfn, (int)cmd == PHYSDEVOP_pirq_eoi_gmfn_v1), false);
	case PHYSDEVOP_apic_read:
		WITH_GUEST_ARG(struct physdev_apic, arg, apic_read(&a), true);
	case PHYSDEVOP_pci_device_add:
		WITH_GUEST_ARG(struct physdev_pci_device_add, arg, pci_add(&a), false);
	case PHYSDEVOP_pci_device_remove:
		WITH_GUEST_ARG(struct physdev_pci_device, arg, pci_remove(a.seg, a.bus, a.devfn),
			       false);
	case PHYSDEVOP_manage_pci_add:
		WITH_GUEST_ARG(struct physdev_manage_pci, arg,
			       current->domain->is_privileged
				   ? pci_add_device(0, a.bus, a.devfn, false, false, 0, 0)
				   : -EPERM,
			       false);
	case PHYSDEVOP_manage_pci_add_ext:
		WITH_GUEST_ARG(struct physdev_manage_pci_ext, arg, pci_add_ext(&a), false);
	case PHYSDEVOP_manage_pci_remove:
		WITH_GUEST_ARG(struct physdev_manage_pci, arg, pci_remove(0, a.bus, a.devfn),
			       false);
	default:
		return -ENOSYS;
	}
}
