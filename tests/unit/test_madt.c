/*
 * test_madt.c - reading the MADT (hypervisor/arch/x86/madt.c).
 */
#include <string.h>

#include <lamina/errno.h>
#include <lamina/madt.h>

#include "unit.h"

static uint8_t tbl[256];
static size_t len;
static struct madt_info info;

static void put(const uint8_t *b, size_t n)
{
	memcpy(tbl + len, b, n);
	len += n;
}

/* The fixed part: a 36-byte header ("APIC"), local APIC address 0xfee00000, flags 1. */
static void begin(void)
{
	memset(tbl, 0, sizeof(tbl));
	memcpy(tbl, "APIC", 4);
	len = 36;
	put((const uint8_t[]){ 0x00, 0x00, 0xe0, 0xfe, 1, 0, 0, 0 }, 8);
}

static void ioapic(uint8_t id, uint32_t addr, uint32_t base)
{
	put((const uint8_t[]){ 1, 12, id, 0, addr, addr >> 8, addr >> 16, addr >> 24, base, base >> 8,
			       base >> 16, base >> 24 },
	    12);
}

static void override(uint8_t bus, uint8_t irq, uint32_t gsi, uint16_t flags)
{
	put((const uint8_t[]){ 2, 10, bus, irq, gsi, gsi >> 8, gsi >> 16, gsi >> 24, flags, flags >> 8 },
	    10);
}

/* What QEMU 7.2's i440fx machine describes. */
static void qemu_madt(void)
{
	begin();
	put((const uint8_t[]){ 0, 8, 0, 0, 1, 0, 0, 0 }, 8); /* processor local APIC 0 */
	ioapic(0, 0xfec00000, 0);
	override(0, 0, 2, 0);
	override(0, 5, 5, 0xd);
	override(0, 9, 9, 0xd);
	override(0, 10, 10, 0xd);
	override(0, 11, 11, 0xd);
	put((const uint8_t[]){ 4, 6, 0xff, 0, 0, 1 }, 6); /* local APIC NMI */
}

START_TEST(qemu_table)
{
	qemu_madt();
	ck_assert_int_eq(madt_parse(tbl, len, &info), 0);
	ck_assert_uint_eq(info.lapic_addr, 0xfee00000);
	ck_assert_uint_eq(info.nr_ioapics, 1);
	ck_assert_uint_eq(info.ioapic[0].addr, 0xfec00000);
	ck_assert_uint_eq(info.ioapic[0].gsi_base, 0);
	ck_assert_uint_eq(info.nr_overrides, 5);
	ck_assert_uint_eq(info.nr_lapics, 1);
	ck_assert(info.lapic[0].enabled);
	ck_assert_uint_eq(madt_acpi_id(&info, 0), 0);
	ck_assert_uint_eq(madt_acpi_id(&info, 1), ~0U);
	/* IRQ 0 (the PIT) is on pin 2, edge, high ("conforms" to ISA). */
	ck_assert_uint_eq(info.isa[0].gsi, 2);
	ck_assert(!info.isa[0].level && !info.isa[0].active_low);
	/* IRQ 9 (the ACPI SCI): level, active high (flags 0xd: trigger 11, polarity 01). */
	ck_assert_uint_eq(info.isa[9].gsi, 9);
	ck_assert(info.isa[9].level && !info.isa[9].active_low);
	/* IRQs without an override: identity, edge, high. */
	for (unsigned int irq = 1; irq < NR_ISA_IRQS; irq++)
		if (irq != 5 && irq != 9 && irq != 10 && irq != 11) {
			ck_assert_uint_eq(info.isa[irq].gsi, irq);
			ck_assert(!info.isa[irq].level && !info.isa[irq].active_low);
		}
}
END_TEST

START_TEST(polarity_and_trigger_flags)
{
	begin();
	override(0, 3, 3, 0x3);	 /* active low, trigger conforms (edge) */
	override(0, 4, 4, 0xf);	 /* active low, level */
	override(0, 6, 22, 0x5); /* high, edge, moved to GSI 22 */
	override(1, 7, 30, 0xf); /* not the ISA bus: ignored */
	override(0, 16, 30, 0xf); /* not an ISA IRQ: ignored */
	ck_assert_int_eq(madt_parse(tbl, len, &info), 0);
	ck_assert(info.isa[3].active_low && !info.isa[3].level);
	ck_assert(info.isa[4].active_low && info.isa[4].level);
	ck_assert_uint_eq(info.isa[6].gsi, 22);
	ck_assert(!info.isa[6].active_low && !info.isa[6].level);
	ck_assert_uint_eq(info.isa[7].gsi, 7);
	ck_assert_uint_eq(info.nr_overrides, 3);
}
END_TEST

START_TEST(several_ioapics)
{
	begin();
	ioapic(1, 0xfec00000, 0);
	ioapic(2, 0xfec01000, 24);
	put((const uint8_t[]){ 5, 12, 0, 0, 0x00, 0x10, 0xe0, 0xfe, 0, 0, 0, 0 }, 12); /* LAPIC address override */
	ck_assert_int_eq(madt_parse(tbl, len, &info), 0);
	ck_assert_uint_eq(info.nr_ioapics, 2);
	ck_assert_uint_eq(info.lapic_addr, 0xfee01000);
	ck_assert_int_eq(madt_gsi_ioapic(&info, 0), 0);
	ck_assert_int_eq(madt_gsi_ioapic(&info, 23), 0);
	ck_assert_int_eq(madt_gsi_ioapic(&info, 24), 1);
	ck_assert_int_eq(madt_gsi_ioapic(&info, 40), 1);
	info.nr_ioapics = 0;
	ck_assert_int_eq(madt_gsi_ioapic(&info, 0), -1);
}
END_TEST

START_TEST(processors)
{
	begin();
	put((const uint8_t[]){ 0, 8, 1, 0, 1, 0, 0, 0 }, 8); /* UID 1, APIC 0, enabled */
	put((const uint8_t[]){ 0, 8, 2, 4, 0, 0, 0, 0 }, 8); /* UID 2, APIC 4, disabled */
	put((const uint8_t[]){ 0, 6, 3, 6 }, 4);	     /* too short: skipped (length 6 > 4 left) */
	ck_assert_int_eq(madt_parse(tbl, len, &info), -EINVAL);
	ck_assert_uint_eq(info.nr_lapics, 2);
	ck_assert_uint_eq(madt_acpi_id(&info, 0), 1);
	ck_assert_uint_eq(madt_acpi_id(&info, 4), 2);
	ck_assert(!info.lapic[1].enabled);
	ck_assert_uint_eq(madt_acpi_id(&info, 6), ~0U);
}
END_TEST

START_TEST(malformed)
{
	/* Too short for the fixed part. */
	ck_assert_int_eq(madt_parse(tbl, 40, &info), -EINVAL);
	ck_assert_uint_eq(info.isa[5].gsi, 5); /* defaults still filled in */
	/* An entry claiming more bytes than the table has: the entries before it stay. */
	begin();
	ioapic(0, 0xfec00000, 0);
	put((const uint8_t[]){ 2, 40, 0, 9, 9, 0, 0, 0, 0xd, 0 }, 10);
	ck_assert_int_eq(madt_parse(tbl, len, &info), -EINVAL);
	ck_assert_uint_eq(info.nr_ioapics, 1);
	ck_assert_uint_eq(info.nr_overrides, 0);
	/* A zero-length entry would loop forever: refused. */
	begin();
	put((const uint8_t[]){ 1, 0 }, 2);
	ck_assert_int_eq(madt_parse(tbl, len, &info), -EINVAL);
	/* A truncated last entry (one byte left). */
	begin();
	put((const uint8_t[]){ 1 }, 1);
	ck_assert_int_eq(madt_parse(tbl, len, &info), -EINVAL);
	/* Short entries of known types are skipped, not read past their length. */
	begin();
	put((const uint8_t[]){ 1, 4, 7, 0 }, 4);
	put((const uint8_t[]){ 2, 4, 0, 3 }, 4);
	ck_assert_int_eq(madt_parse(tbl, len, &info), 0);
	ck_assert_uint_eq(info.nr_ioapics, 0);
	ck_assert_uint_eq(info.nr_overrides, 0);
}
END_TEST

START_TEST(too_many_ioapics)
{
	begin();
	for (unsigned int i = 0; i < MADT_MAX_IOAPICS + 2; i++)
		ioapic((uint8_t)i, 0xfec00000 + i * 0x1000, i * 24);
	ck_assert_int_eq(madt_parse(tbl, len, &info), 0);
	ck_assert_uint_eq(info.nr_ioapics, MADT_MAX_IOAPICS);
	ck_assert_uint_eq(info.ioapic[MADT_MAX_IOAPICS - 1].gsi_base, (MADT_MAX_IOAPICS - 1) * 24);
}
END_TEST

Suite *madt_suite(void)
{
	Suite *s = suite_create("madt");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, qemu_table);
	tcase_add_test(tc, polarity_and_trigger_flags);
	tcase_add_test(tc, several_ioapics);
	tcase_add_test(tc, processors);
	tcase_add_test(tc, malformed);
	tcase_add_test(tc, too_many_ioapics);
	suite_add_tcase(s, tc);
	return s;
}
