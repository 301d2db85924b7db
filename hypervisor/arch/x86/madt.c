/*
 * madt.c - reading ACPI's MADT (see lamina/madt.h). Pure logic.
 */
#include <lamina/errno.h>
#include <lamina/lib.h>
#include <lamina/madt.h>

#define MADT_HEADER_BYTES 44 /* 36-byte table header, local APIC address, flags */
#define MADT_LAPIC 0
#define MADT_IOAPIC 1
#define MADT_OVERRIDE 2
#define MADT_LAPIC_ADDR_OVERRIDE 5

/* MPS INTI flags: polarity in bits 0-1, trigger mode in bits 2-3 (01 high/edge, 11 low/level). */
#define INTI_POLARITY_LOW 3
#define INTI_TRIGGER_LEVEL 3

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) | (uint32_t)get16(p + 2) << 16;
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

int madt_parse(const void *table, size_t len, struct madt_info *info)
{
	const uint8_t *t = table;

	memset(info, 0, sizeof(*info));
	for (unsigned int irq = 0; irq < NR_ISA_IRQS; irq++)
		info->isa[irq].gsi = irq; /* ISA default: identity, edge, active high */
	if (len < MADT_HEADER_BYTES)
		return -EINVAL;
	info->lapic_addr = get32(t + 36);
	for (size_t off = MADT_HEADER_BYTES; off < len;) {
		if (len - off < 2 || t[off + 1] < 2 || t[off + 1] > len - off)
			return -EINVAL;
		const uint8_t *e = t + off;
		uint8_t type = e[0], elen = e[1];
		off += elen;
		if (type == MADT_LAPIC && elen >= 8 && info->nr_lapics < MADT_MAX_LAPICS) {
			struct madt_lapic *l = &info->lapic[info->nr_lapics++];
			l->acpi_id = e[2];
			l->apic_id = e[3];
			l->enabled = get32(e + 4) & 1;
		} else if (type == MADT_IOAPIC && elen >= 12 && info->nr_ioapics < MADT_MAX_IOAPICS) {
			struct madt_ioapic *io = &info->ioapic[info->nr_ioapics++];
			io->id = e[2];
			io->addr = get32(e + 4);
			io->gsi_base = get32(e + 8);
		} else if (type == MADT_OVERRIDE && elen >= 10 && e[2] == 0 && e[3] < NR_ISA_IRQS) {
			struct madt_isa_irq *irq = &info->isa[e[3]];
			uint16_t flags = get16(e + 8);
			irq->gsi = get32(e + 4);
			irq->active_low = (flags & 3) == INTI_POLARITY_LOW;
			irq->level = ((flags >> 2) & 3) == INTI_TRIGGER_LEVEL;
			info->nr_overrides++;
		} else if (type == MADT_LAPIC_ADDR_OVERRIDE && elen >= 12) {
			info->lapic_addr = get64(e + 4);
		}
	}
	return 0;
}

int madt_gsi_ioapic(const struct madt_info *info, uint32_t gsi)
{
	int best = -1;

	for (unsigned int i = 0; i < info->nr_ioapics; i++)
		if (info->ioapic[i].gsi_base <= gsi &&
		    (best < 0 || info->ioapic[i].gsi_base > info->ioapic[best].gsi_base))
			best = (int)i;
	return best;
}

uint32_t madt_acpi_id(const struct madt_info *info, uint32_t apic_id)
{
	for (unsigned int i = 0; i < info->nr_lapics; i++)
		if (info->lapic[i].apic_id == apic_id)
			return info->lapic[i].acpi_id;
	return ~0U;
}
