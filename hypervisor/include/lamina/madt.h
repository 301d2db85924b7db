/*
 * lamina/madt.h - reading ACPI's MADT ("APIC" table): the I/O APICs and how
 * the ISA IRQs reach them. Pure logic (no hardware access), unit-tested.
 * Layout: ACPI Specification 6.4, 5.2.12 (MADT), 5.2.12.3 (I/O APIC),
 * 5.2.12.5 (Interrupt Source Override) and table 5.26 (MPS INTI flags).
 */
#ifndef LAMINA_MADT_H
#define LAMINA_MADT_H

#include <lamina/types.h>

#define MADT_MAX_IOAPICS 8
#define MADT_MAX_LAPICS 64
#define NR_ISA_IRQS 16

/* One I/O APIC: its APIC ID, MMIO address and the first GSI of its pins. */
struct madt_ioapic {
	uint8_t id;
	uint32_t addr;
	uint32_t gsi_base;
};

/* How an ISA IRQ is wired: its GSI and signalling (edge/high unless overridden). */
struct madt_isa_irq {
	uint32_t gsi;
	bool level;	 /* level-triggered (else edge) */
	bool active_low; /* active low (else high) */
};

/* A processor's local APIC: its ACPI processor UID and APIC ID, and whether it is usable. */
struct madt_lapic {
	uint8_t acpi_id;
	uint8_t apic_id;
	bool enabled;
};

struct madt_info {
	uint64_t lapic_addr; /* the local APIC's MMIO address (override entry included) */
	unsigned int nr_lapics;
	struct madt_lapic lapic[MADT_MAX_LAPICS];
	unsigned int nr_ioapics;
	struct madt_ioapic ioapic[MADT_MAX_IOAPICS];
	struct madt_isa_irq isa[NR_ISA_IRQS];
	unsigned int nr_overrides; /* Interrupt Source Overrides applied */
};

/*
 * madt_parse - fill *info from the MADT at table (len bytes, header
 * included; the caller checked the checksum). Returns 0, or -EINVAL when
 * the table is shorter than its fixed part or an entry runs past its end
 * (entries before it are kept). Local APICs beyond MADT_MAX_LAPICS, I/O
 * APICs beyond MADT_MAX_IOAPICS and
 * overrides for non-ISA buses or IRQs >= 16 are ignored.
 */
int madt_parse(const void *table, size_t len, struct madt_info *info);

/* madt_gsi_ioapic - the index in info->ioapic of the I/O APIC whose pins start at or below gsi (the highest such base), or -1. */
int madt_gsi_ioapic(const struct madt_info *info, uint32_t gsi);

/* madt_acpi_id - the ACPI processor UID of the local APIC with apic_id, or ~0U when none is listed. */
uint32_t madt_acpi_id(const struct madt_info *info, uint32_t apic_id);

#endif /* LAMINA_MADT_H */
