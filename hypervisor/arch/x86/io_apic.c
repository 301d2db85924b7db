/*
 * io_apic.c - the I/O APICs (asm/io_apic.h). Registers through an index
 * (IOREGSEL, +0x00) and a data window (IOWIN, +0x10): 0x01 is the version
 * register (bits 16-23: the last redirection entry), 0x10 + 2n and
 * 0x11 + 2n the low and high halves of pin n's redirection entry.
 */
#include <asm/apic.h>
#include <asm/config.h>
#include <asm/io_apic.h>
#include <lamina/acpi.h>
#include <lamina/console.h>
#include <lamina/errno.h>
#include <lamina/madt.h>
#include <lamina/mm.h>

#define IOREGSEL 0x00
#define IOWIN 0x10
#define IOAPIC_VERSION 0x01
#define IOAPIC_REDIR(pin) (0x10 + 2 * (pin))

#define REDIR_MASKED (1U << 16)
#define REDIR_LEVEL (1U << 15)
#define REDIR_ACTIVE_LOW (1U << 13)

static struct madt_info madt;
static volatile uint32_t *ioapic_regs[MADT_MAX_IOAPICS];
static unsigned int ioapic_pins[MADT_MAX_IOAPICS];
static unsigned int nr_gsis;
static uint8_t gsi_vector[MAX_GSIS];		   /* 0: not routed */
static int16_t vector_gsi[LAST_GSI_VECTOR + 1]; /* -1: free */
static unsigned int next_vector = FIRST_GSI_VECTOR;

static uint32_t ioapic_read(unsigned int i, unsigned int reg)
{
	ioapic_regs[i][IOREGSEL / 4] = reg;
	return ioapic_regs[i][IOWIN / 4];
}

static void ioapic_write(unsigned int i, unsigned int reg, uint32_t v)
{
	ioapic_regs[i][IOREGSEL / 4] = reg;
	ioapic_regs[i][IOWIN / 4] = v;
}

/* The I/O APIC and pin of gsi, or false. */
static bool gsi_pin(uint32_t gsi, unsigned int *apic, unsigned int *pin)
{
	int i = madt_gsi_ioapic(&madt, gsi);

	if (i < 0 || gsi - madt.ioapic[i].gsi_base >= ioapic_pins[i])
		return false;
	*apic = (unsigned int)i;
	*pin = gsi - madt.ioapic[i].gsi_base;
	return true;
}

void io_apic_init(void)
{
	size_t len;
	const void *t = acpi_find_table("APIC", &len);

	for (unsigned int v = 0; v <= LAST_GSI_VECTOR; v++)
		vector_gsi[v] = -1;
	if (!t || madt_parse(t, len, &madt)) {
		madt_parse(NULL, 0, &madt); /* ISA defaults, no I/O APIC */
		printk(LOG_WARNING "IO-APIC: no usable MADT; no device interrupts\n");
		return;
	}
	for (unsigned int i = 0; i < madt.nr_ioapics; i++) {
		ioapic_regs[i] = set_fixmap_nocache(FIX_IO_APIC_0 + i, madt.ioapic[i].addr);
		ioapic_pins[i] = ((ioapic_read(i, IOAPIC_VERSION) >> 16) & 0xFF) + 1;
		for (unsigned int pin = 0; pin < ioapic_pins[i]; pin++)
			ioapic_write(i, IOAPIC_REDIR(pin), REDIR_MASKED);
		unsigned int end = madt.ioapic[i].gsi_base + ioapic_pins[i];
		if (end > nr_gsis)
			nr_gsis = end < MAX_GSIS ? end : MAX_GSIS;
		printk("IO-APIC: %u at %#x, ID %u, GSIs %u-%u, all masked\n", i, madt.ioapic[i].addr,
		       madt.ioapic[i].id, madt.ioapic[i].gsi_base, end - 1);
	}
}

unsigned int io_apic_nr_gsis(void)
{
	return nr_gsis;
}

uint32_t isa_irq_gsi(unsigned int irq, bool *level, bool *active_low)
{
	const struct madt_isa_irq *i = &madt.isa[irq & (NR_ISA_IRQS - 1)];

	*level = i->level;
	*active_low = i->active_low;
	return i->gsi;
}

static int alloc_vector(uint32_t gsi)
{
	for (; next_vector <= LAST_GSI_VECTOR; next_vector++) {
		if (next_vector == LEGACY_SYSCALL_VECTOR || next_vector == HYPERCALL_VECTOR)
			continue;
		vector_gsi[next_vector] = (int16_t)gsi;
		return (int)next_vector++;
	}
	return -ENOSPC;
}

int io_apic_route(uint32_t gsi, bool level, bool active_low)
{
	unsigned int apic, pin;

	if (gsi >= nr_gsis || !gsi_pin(gsi, &apic, &pin))
		return -EINVAL;
	if (!gsi_vector[gsi]) {
		int v = alloc_vector(gsi);
		if (v < 0)
			return v;
		gsi_vector[gsi] = (uint8_t)v;
	}
	uint32_t lo = gsi_vector[gsi] | REDIR_MASKED | (level ? REDIR_LEVEL : 0) |
		      (active_low ? REDIR_ACTIVE_LOW : 0); /* fixed delivery, physical destination */
	ioapic_write(apic, IOAPIC_REDIR(pin) + 1, apic_id() << 24);
	ioapic_write(apic, IOAPIC_REDIR(pin), lo);
	return gsi_vector[gsi];
}

static void set_mask(uint32_t gsi, bool masked)
{
	unsigned int apic, pin;

	if (gsi >= nr_gsis || !gsi_vector[gsi] || !gsi_pin(gsi, &apic, &pin))
		return;
	uint32_t lo = ioapic_read(apic, IOAPIC_REDIR(pin));
	ioapic_write(apic, IOAPIC_REDIR(pin), masked ? lo | REDIR_MASKED : lo & ~REDIR_MASKED);
}

void io_apic_mask(uint32_t gsi)
{
	set_mask(gsi, true);
}

void io_apic_unmask(uint32_t gsi)
{
	set_mask(gsi, false);
}

int io_apic_vector_gsi(unsigned int vector)
{
	return vector <= LAST_GSI_VECTOR ? vector_gsi[vector] : -1;
}

int io_apic_guest_read(unsigned long physbase, uint32_t reg, uint32_t *value)
{
	for (unsigned int i = 0; i < madt.nr_ioapics; i++)
		if (madt.ioapic[i].addr == physbase && ioapic_regs[i]) {
			*value = ioapic_read(i, reg);
			return 0;
		}
	return -EINVAL;
}

const struct madt_info *io_apic_madt(void)
{
	return &madt;
}
