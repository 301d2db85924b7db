/*
 * pirq.c - physical interrupts for domains (asm/pirq.h).
 *
 * Each GSI has a descriptor: the domain and PIRQ it is mapped to, the port
 * it is bound to, its trigger, whether setup_gsi programmed its pin, and
 * whether a level interrupt is in flight (pin masked until the EOI). A
 * domain keeps its PIRQ -> GSI map and the "needs EOI" page it registered.
 * One domain per GSI: only the hardware domain maps physical interrupts.
 */
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/pirq.h>
#include <asm/pv/mm.h>
#include <lamina/console.h>
#include <lamina/errno.h>
#include <lamina/event.h>
#include <lamina/heap.h>
#include <lamina/mm.h>
#include <xen/physdev.h>

struct gsi_desc {
	struct domain *owner; /* mapped to a PIRQ of this domain, or NULL */
	int pirq;
	evtchn_port_t port; /* bound port, 0: not bound */
	bool level, active_low;
	bool pin_programmed; /* by PHYSDEVOP_setup_gsi (each pin once, as Xen) */
	bool in_flight;	     /* a level interrupt waits for the domain's EOI */
};

struct domain_pirqs {
	int16_t gsi[NR_PIRQS]; /* PIRQ -> GSI, -1: not mapped */
	uint64_t *eoi_map;     /* "needs EOI" bitmap page (a writable type held), or NULL */
	bool eoi_auto_unmask;  /* registered with v1: PHYSDEVOP_eoi unmasks the port */
};

static struct gsi_desc gsis[MAX_GSIS];

void pirq_init(void)
{
	bool level, low;
	uint32_t pit_gsi = isa_irq_gsi(0, &level, &low);

	/* As Xen's setup_IO_APIC_irqs: the ISA IRQs' pins get the MADT's trigger and polarity. */
	for (unsigned int irq = 1; irq < 16; irq++) {
		uint32_t gsi = isa_irq_gsi(irq, &level, &low);
		if (gsi == pit_gsi || gsi >= io_apic_nr_gsis())
			continue; /* the PIT's pin stays the hypervisor's */
		if (io_apic_route(gsi, level, low) >= 0) {
			gsis[gsi].level = level;
			gsis[gsi].active_low = low;
		}
	}
}

static struct domain_pirqs *domain_pirqs(struct domain *d, bool create)
{
	if (!d->pirqs && create) {
		d->pirqs = xzalloc(struct domain_pirqs);
		if (d->pirqs)
			for (unsigned int i = 0; i < NR_PIRQS; i++)
				d->pirqs->gsi[i] = -1;
	}
	return d->pirqs;
}

static int pirq_gsi(struct domain *d, uint32_t pirq)
{
	return d->pirqs && pirq < NR_PIRQS ? d->pirqs->gsi[pirq] : -1;
}

long pirq_map(struct domain *d, int gsi, int *pirq)
{
	if (gsi < 0 || (unsigned int)gsi >= io_apic_nr_gsis())
		return -EINVAL;
	if (gsi == 0)
		return -EPERM; /* IRQ 0 stays the hypervisor's (Xen: dom0 may use 1 ..
				  nr_irqs_gsi-1) */
	struct domain_pirqs *dp = domain_pirqs(d, true);
	if (!dp)
		return -ENOMEM;
	struct gsi_desc *g = &gsis[gsi];
	int want = *pirq;
	if (g->owner && g->owner != d)
		return -EBUSY;
	if (want < 0) {
		if (g->owner) { /* already mapped: the same PIRQ again */
			*pirq = g->pirq;
			return 0;
		}
		/* Xen's get_free_pirq: upwards from 16 below the GSI count, then down from the top.
		 */
		for (int p = 16; p < (int)io_apic_nr_gsis() && want < 0; p++)
			if (dp->gsi[p] < 0)
				want = p;
		for (int p = NR_PIRQS - 1; p >= 16 && want < 0; p--)
			if (dp->gsi[p] < 0)
				want = p;
		if (want < 0)
			return -ENOSPC;
	} else {
		if (want >= NR_PIRQS)
			return -EINVAL;
		if (g->owner && g->pirq != want)
			return -EEXIST;
		if (dp->gsi[want] >= 0 && dp->gsi[want] != gsi) {
			*pirq = want;
			return 0; /* Xen leaves both mappings as they were */
		}
	}
	dp->gsi[want] = (int16_t)gsi;
	g->owner = d;
	g->pirq = want;
	*pirq = want;
	return 0;
}

static void set_eoi_bit(struct domain_pirqs *dp, uint32_t pirq, bool on)
{
	if (!dp->eoi_map)
		return;
	uint64_t bit = 1ULL << (pirq % 64);
	if (on)
		__atomic_fetch_or(&dp->eoi_map[pirq / 64], bit, __ATOMIC_SEQ_CST);
	else
		__atomic_fetch_and(&dp->eoi_map[pirq / 64], ~bit, __ATOMIC_SEQ_CST);
}

long pirq_unmap(struct domain *d, int pirq)
{
	int gsi = pirq >= 0 ? pirq_gsi(d, (uint32_t)pirq) : -1;

	if (gsi < 0)
		return -EINVAL;
	struct gsi_desc *g = &gsis[gsi];
	if (g->port) {
		evtchn_close(d, g->port); /* calls pirq_unbind */
	}
	d->pirqs->gsi[pirq] = -1;
	g->owner = NULL;
	return 0;
}

void pirq_domain_release(struct domain *d)
{
	struct domain_pirqs *dp = d->pirqs;

	if (!dp)
		return;
	for (int pirq = 0; pirq < NR_PIRQS; pirq++)
		if (dp->gsi[pirq] >= 0)
			pirq_unmap(d, pirq);
	if (dp->eoi_map)
		put_page_and_type(mfn_to_page(__pa(dp->eoi_map) >> PAGE_SHIFT), d);
	xfree(dp);
	d->pirqs = NULL;
}

long pirq_setup_gsi(int gsi, bool level, bool active_low)
{
	if (gsi < 0 || (unsigned int)gsi >= io_apic_nr_gsis())
		return -EINVAL;
	struct gsi_desc *g = &gsis[gsi];
	if (g->port || g->pin_programmed)
		return -EEXIST; /* in use, or programmed already (Xen programs each pin once) */
	int rc = io_apic_route((uint32_t)gsi, level, active_low);
	if (rc < 0)
		return rc == -ENOSPC ? rc : -EINVAL;
	g->level = level;
	g->active_low = active_low;
	g->pin_programmed = true;
	return 0;
}

long pirq_bind_check(struct domain *d, uint32_t pirq)
{
	if (pirq >= NR_PIRQS)
		return -EINVAL;
	int gsi = pirq_gsi(d, pirq);
	if (gsi < 0)
		return -EPERM;
	if (gsis[gsi].port)
		return -EEXIST;
	return 0;
}

void pirq_bind(struct domain *d, uint32_t pirq, evtchn_port_t port)
{
	int gsi = pirq_gsi(d, pirq);
	struct gsi_desc *g = &gsis[gsi];

	if (io_apic_route((uint32_t)gsi, g->level, g->active_low) < 0) {
		printk(LOG_WARNING "d%u: PIRQ %u (GSI %d) has no I/O APIC pin\n", d->domain_id,
		       pirq, gsi);
	}
	g->port = port;
	g->in_flight = false;
	set_eoi_bit(d->pirqs, pirq, g->level); /* edge pins need no EOI (Xen: ACKTYPE_NONE) */
	io_apic_unmask((uint32_t)gsi);
}

void pirq_unbind(struct domain *d, uint32_t pirq)
{
	int gsi = pirq_gsi(d, pirq);

	if (gsi < 0)
		return;
	io_apic_mask((uint32_t)gsi);
	gsis[gsi].port = 0;
	gsis[gsi].in_flight = false;
	set_eoi_bit(d->pirqs, pirq, false);
}

long pirq_eoi(struct domain *d, uint32_t pirq)
{
	int gsi = pirq_gsi(d, pirq);

	if (gsi < 0)
		return -EINVAL;
	struct gsi_desc *g = &gsis[gsi];
	if (d->pirqs->eoi_auto_unmask && g->port)
		evtchn_unmask(d, g->port);
	if (g->in_flight) {
		g->in_flight = false;
		if (g->port)
			io_apic_unmask((uint32_t)gsi);
	}
	return 0;
}

long pirq_status(struct domain *d, uint32_t pirq, uint32_t *flags)
{
	if (pirq >= NR_PIRQS)
		return -EINVAL;
	*flags = XENIRQSTAT_needs_eoi; /* as Xen, whatever the trigger */
	return 0;
}

long pirq_eoi_map(struct domain *d, unsigned long gmfn, bool v1)
{
	struct domain_pirqs *dp = domain_pirqs(d, true);

	if (!dp)
		return -ENOMEM;
	if (gmfn >= max_page || get_page_and_type(mfn_to_page(gmfn), PGT_writable_page, d))
		return -EINVAL;
	if (dp->eoi_map) {
		put_page_and_type(mfn_to_page(gmfn), d);
		return -EBUSY;
	}
	dp->eoi_map = __va((paddr_t)gmfn << PAGE_SHIFT);
	dp->eoi_auto_unmask = v1;
	for (unsigned int gsi = 0; gsi < io_apic_nr_gsis(); gsi++)
		if (gsis[gsi].owner == d && gsis[gsi].port)
			set_eoi_bit(dp, (uint32_t)gsis[gsi].pirq, gsis[gsi].level);
	return 0;
}

void pirq_interrupt(unsigned int vector)
{
	int gsi = io_apic_vector_gsi(vector);
	struct gsi_desc *g = gsi >= 0 ? &gsis[gsi] : NULL;

	if (!g || !g->owner || !g->port) {
		if (gsi >= 0)
			io_apic_mask((uint32_t)gsi); /* nobody takes it */
		apic_eoi();
		return;
	}
	if (g->level) {
		io_apic_mask((uint32_t)gsi); /* until the domain's EOI */
		g->in_flight = true;
	}
	apic_eoi();
	evtchn_raise(g->owner, g->port);
}
