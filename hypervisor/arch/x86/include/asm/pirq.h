/*
 * asm/pirq.h - physical interrupts handed to a domain as PIRQs: the GSI
 * (Xen's "irq", identical for dom0) is mapped to a PIRQ number, bound to an
 * event channel, and each interrupt raises that port. A level-triggered
 * pin stays masked from the interrupt until the domain's PHYSDEVOP_eoi
 * (Xen's ACKTYPE_UNMASK). Semantics and errors: Xen 4.17's
 * xen/arch/x86/physdev.c, irq.c and common/event_channel.c; the guest side
 * is Linux's drivers/xen/events/events_base.c.
 */
#ifndef ASM_PIRQ_H
#define ASM_PIRQ_H

#include <lamina/domain.h>
#include <xen/event_channel.h>

/* PIRQ numbers a domain may use: 0 .. NR_PIRQS - 1. */
#define NR_PIRQS 256

/* pirq_init - after io_apic_init: route the ISA IRQs' pins per the MADT (masked). */
void pirq_init(void);

/*
 * pirq_map - PHYSDEVOP_map_pirq of a GSI for d: *pirq < 0 asks for any free
 * PIRQ, else that one; *pirq gets the PIRQ used. -EINVAL (gsi out of range,
 * PIRQ out of range), -EPERM (GSI 0), -EEXIST (gsi mapped to another PIRQ),
 * -ENOSPC (no free PIRQ), -ENOMEM.
 */
long pirq_map(struct domain *d, int gsi, int *pirq);

/* pirq_unmap - PHYSDEVOP_unmap_pirq: -EINVAL when pirq is not mapped; a bound port stops receiving. */
long pirq_unmap(struct domain *d, int pirq);

/* pirq_setup_gsi - PHYSDEVOP_setup_gsi: program gsi's pin once; -EINVAL, -EEXIST (programmed or in use). */
long pirq_setup_gsi(int gsi, bool level, bool active_low);

/* pirq_bind_check - may d bind pirq now? 0, -EINVAL (range), -EPERM (not mapped), -EEXIST (bound). */
long pirq_bind_check(struct domain *d, uint32_t pirq);

/* pirq_bind / pirq_unbind - pirq's interrupts now raise port (pin unmasked) / no longer (pin masked). */
void pirq_bind(struct domain *d, uint32_t pirq, evtchn_port_t port);
void pirq_unbind(struct domain *d, uint32_t pirq);

/*
 * pirq_domain_release - d is dying: unmap its PIRQs (their pins masked, free for others)
 * and give back the page of its EOI bitmap.
 */
void pirq_domain_release(struct domain *d);

/* pirq_eoi - PHYSDEVOP_eoi: the domain handled pirq; unmask a level pin. -EINVAL if not mapped. */
long pirq_eoi(struct domain *d, uint32_t pirq);

/* pirq_status - PHYSDEVOP_irq_status_query: XENIRQSTAT_* flags in *flags; -EINVAL out of range. */
long pirq_status(struct domain *d, uint32_t pirq, uint32_t *flags);

/*
 * pirq_eoi_map - PHYSDEVOP_pirq_eoi_gmfn_v1/_v2: the domain's page where
 * bit N says PIRQ N needs PHYSDEVOP_eoi; v1 also has PHYSDEVOP_eoi unmask
 * the port. -EINVAL (not a writable page of d's), -EBUSY (already set).
 */
long pirq_eoi_map(struct domain *d, unsigned long gmfn, bool v1);

/* pirq_interrupt - do_irq for a GSI vector: acknowledge it and raise the bound port. */
void pirq_interrupt(unsigned int vector);

#endif /* ASM_PIRQ_H */
