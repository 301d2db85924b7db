/*
 * test_e820.c - building and refining the E820 map (hypervisor/arch/x86/e820.c).
 */
#include <stdlib.h>
#include <string.h>

#include <lamina/e820.h>
#include <lamina/errno.h>

#include "unit.h"

/* Maps are large (256 entries); keep them off the stack. */
static struct e820_map map, saved;

static void reset(void)
{
	memset(&map, 0, sizeof(map));
}

struct range {
	uint64_t addr, size;
	uint32_t type;
};

/* The map must be exactly want[0..n). */
#define assert_map(...)                                                                            \
	do {                                                                                       \
		static const struct range want_[] = { __VA_ARGS__ };                               \
		check_map(__FILE__, __LINE__, want_, ARRAY_SIZE(want_));                           \
	} while (0)

static void check_map(const char *file, int line, const struct range *want, unsigned int n)
{
	ck_assert_msg(map.nr == n, "%s:%d: %u entries, want %u", file, line, map.nr, n);
	for (unsigned int i = 0; i < n; i++) {
		const struct e820_entry *e = &map.map[i];
		ck_assert_msg(
			e->addr == want[i].addr && e->size == want[i].size &&
				e->type == want[i].type,
			"%s:%d: entry %u is [%#lx, +%#lx) type %u, want [%#lx, +%#lx) type %u",
			file, line, i, (unsigned long)e->addr, (unsigned long)e->size, e->type,
			(unsigned long)want[i].addr, (unsigned long)want[i].size, want[i].type);
	}
}

/* A sanitized map: sorted, non-empty, non-overlapping, neighbours of one type merged. */
static void check_sane(void)
{
	for (unsigned int i = 0; i < map.nr; i++) {
		const struct e820_entry *e = &map.map[i];
		ck_assert_msg(e->size != 0, "entry %u empty", i);
		ck_assert_msg(e->type != 0, "entry %u has type 0", i);
		if (i == 0)
			continue;
		const struct e820_entry *p = &map.map[i - 1];
		ck_assert_msg(p->addr + p->size <= e->addr, "entries %u and %u overlap or unsorted",
			      i - 1, i);
		ck_assert_msg(!(p->addr + p->size == e->addr && p->type == e->type),
			      "entries %u and %u not merged", i - 1, i);
	}
}

/* ---- e820_add ---- */

START_TEST(add_appends)
{
	ck_assert_int_eq(e820_add(&map, 0x1000, 0x2000, E820_RAM), 0);
	ck_assert_int_eq(e820_add(&map, 0, 0x1000, E820_RESERVED), 0);
	/* Unsorted and unmerged until sanitized. */
	assert_map({ 0x1000, 0x2000, E820_RAM }, { 0, 0x1000, E820_RESERVED });
}
END_TEST

START_TEST(add_ignores_empty)
{
	ck_assert_int_eq(e820_add(&map, 0x1000, 0, E820_RAM), 0);
	ck_assert_int_eq(e820_add(&map, 0, 0, E820_RESERVED), 0);
	ck_assert_uint_eq(map.nr, 0);
	/* Even with a full map, an empty range is no error. */
	for (unsigned int i = 0; i < E820_MAX; i++)
		ck_assert_int_eq(e820_add(&map, (uint64_t)i << 12, 0x1000, E820_RAM), 0);
	ck_assert_int_eq(e820_add(&map, 0, 0, E820_RAM), 0);
	ck_assert_uint_eq(map.nr, E820_MAX);
}
END_TEST

START_TEST(add_full)
{
	for (unsigned int i = 0; i < E820_MAX; i++)
		ck_assert_int_eq(e820_add(&map, (uint64_t)i << 20, 0x1000, E820_RAM), 0);
	ck_assert_uint_eq(map.nr, E820_MAX);
	memcpy(&saved, &map, sizeof(map));
	ck_assert_int_eq(e820_add(&map, 1ULL << 40, 0x1000, E820_RESERVED), -ENOSPC);
	ck_assert_int_eq(e820_add(&map, 1ULL << 40, 0x1000, E820_RESERVED), -ENOSPC);
	ck_assert_mem_eq(&map, &saved, sizeof(map));
	/* Overlay on a full map reports it too, and leaves the map alone. */
	ck_assert_int_eq(e820_overlay(&map, 0, 0x1000, E820_RESERVED), -ENOSPC);
	ck_assert_mem_eq(&map, &saved, sizeof(map));
}
END_TEST

START_TEST(add_clamps_at_top)
{
	/* A range running past 2^64 ends at the top of the address space. */
	ck_assert_int_eq(e820_add(&map, 0xfffffffffffff000ULL, 0x10000, E820_RESERVED), 0);
	ck_assert_uint_eq(map.nr, 1);
	ck_assert_uint_eq(map.map[0].addr, 0xfffffffffffff000ULL);
	ck_assert_uint_le(map.map[0].size, 0x1000);
	ck_assert_uint_ge(map.map[0].size, 0xfff);
	/* And survives sanitizing next to ordinary RAM. */
	ck_assert_int_eq(e820_add(&map, 0, 0x100000, E820_RAM), 0);
	ck_assert_int_eq(e820_sanitize(&map), 0);
	check_sane();
	ck_assert_uint_eq(map.nr, 2);
	ck_assert_uint_eq(map.map[0].addr, 0);
	ck_assert_uint_eq(map.map[0].size, 0x100000);
	ck_assert_uint_eq(map.map[1].addr, 0xfffffffffffff000ULL);
	ck_assert_uint_eq(map.map[1].type, E820_RESERVED);
	ck_assert_uint_eq(e820_end(&map, E820_RESERVED), 0xffffffffffffffffULL);
	/* Starting at the very last byte, nothing is left after clamping. */
	ck_assert_int_eq(e820_add(&map, 0xffffffffffffffffULL, 2, E820_RESERVED), 0);
	ck_assert_uint_eq(map.nr, 2);
}
END_TEST

START_TEST(clamped_range_carves_ram)
{
	/* RAM up to the top, with a reserved range reported as wrapping. */
	ck_assert_int_eq(e820_add(&map, 0xffffffff00000000ULL, 0xff000000ULL, E820_RAM), 0);
	ck_assert_int_eq(e820_overlay(&map, 0xfffffffff0000000ULL, 0x20000000ULL, E820_RESERVED),
			 0);
	check_sane();
	ck_assert_uint_eq(map.nr, 2);
	ck_assert_uint_eq(map.map[0].addr, 0xffffffff00000000ULL);
	ck_assert_uint_eq(map.map[0].size, 0xf0000000ULL);
	ck_assert_uint_eq(map.map[0].type, E820_RAM);
	ck_assert_uint_eq(map.map[1].addr, 0xfffffffff0000000ULL);
	ck_assert_uint_eq(map.map[1].type, E820_RESERVED);
	ck_assert_uint_eq(e820_total(&map, E820_RAM), 0xf0000000ULL);
}
END_TEST

/* ---- e820_sanitize ---- */

START_TEST(sanitize_empty)
{
	ck_assert_int_eq(e820_sanitize(&map), 0);
	ck_assert_uint_eq(map.nr, 0);
	ck_assert_uint_eq(e820_total(&map, E820_RAM), 0);
	ck_assert_uint_eq(e820_end(&map, E820_RAM), 0);
}
END_TEST

START_TEST(sanitize_sorts)
{
	e820_add(&map, 0x300000, 0x100000, E820_RAM);
	e820_add(&map, 0x100000, 0x100000, E820_ACPI);
	e820_add(&map, 0, 0x1000, E820_RESERVED);
	e820_add(&map, 0x200000, 0x80000, E820_NVS);
	ck_assert_int_eq(e820_sanitize(&map), 0);
	assert_map({ 0, 0x1000, E820_RESERVED }, { 0x100000, 0x100000, E820_ACPI },
		   { 0x200000, 0x80000, E820_NVS }, { 0x300000, 0x100000, E820_RAM });
	check_sane();
}
END_TEST

START_TEST(sanitize_merges_adjacent)
{
	e820_add(&map, 0x2000, 0x1000, E820_RAM);
	e820_add(&map, 0, 0x1000, E820_RAM);
	e820_add(&map, 0x1000, 0x1000, E820_RAM);
	e820_add(&map, 0x3000, 0x1000, E820_RESERVED);
	e820_add(&map, 0x4000, 0x1000, E820_RESERVED);
	e820_add(&map, 0x5000, 0x1000, E820_RAM);
	ck_assert_int_eq(e820_sanitize(&map), 0);
	assert_map({ 0, 0x3000, E820_RAM }, { 0x3000, 0x2000, E820_RESERVED },
		   { 0x5000, 0x1000, E820_RAM });
	check_sane();
}
END_TEST

START_TEST(sanitize_keeps_holes)
{
	/* Same type either side of a gap: still two ranges. */
	e820_add(&map, 0, 0x1000, E820_RAM);
	e820_add(&map, 0x2000, 0x1000, E820_RAM);
	e820_add(&map, 0x10000, 0x1000, E820_RESERVED);
	e820_add(&map, 0x10001000 + 1, 0x1000, E820_RESERVED); /* unaligned, */
	e820_add(&map, 0x10001000, 0x1000, E820_RESERVED); /* overlapping */
	ck_assert_int_eq(e820_sanitize(&map), 0);
	assert_map({ 0, 0x1000, E820_RAM }, { 0x2000, 0x1000, E820_RAM },
		   { 0x10000, 0x1000, E820_RESERVED }, { 0x10001000, 0x1001, E820_RESERVED });
	check_sane();
	ck_assert_uint_eq(e820_total(&map, E820_RAM), 0x2000);
	ck_assert_uint_eq(e820_end(&map, E820_RAM), 0x3000);
}
END_TEST

START_TEST(sanitize_duplicates_and_containment)
{
	e820_add(&map, 0x1000, 0x1000, E820_RAM);
	e820_add(&map, 0x1000, 0x1000, E820_RAM);
	e820_add(&map, 0, 0x10000, E820_RAM);
	e820_add(&map, 0x4000, 0x100, E820_RAM);
	ck_assert_int_eq(e820_sanitize(&map), 0);
	assert_map({ 0, 0x10000, E820_RAM });
	ck_assert_uint_eq(e820_total(&map, E820_RAM), 0x10000);
}
END_TEST

START_TEST(sanitize_overlap_ram_loses)
{
	/* Partial overlaps both ways: the non-RAM type takes the overlap. */
	e820_add(&map, 0, 0x3000, E820_RAM);
	e820_add(&map, 0x2000, 0x2000, E820_RESERVED);
	e820_add(&map, 0x3800, 0x1800, E820_RAM);
	e820_add(&map, 0x8000, 0x1000, E820_ACPI);
	e820_add(&map, 0x7000, 0x1800, E820_RAM);
	ck_assert_int_eq(e820_sanitize(&map), 0);
	assert_map({ 0, 0x2000, E820_RAM }, { 0x2000, 0x2000, E820_RESERVED },
		   { 0x4000, 0x1000, E820_RAM }, { 0x7000, 0x1000, E820_RAM },
		   { 0x8000, 0x1000, E820_ACPI });
	check_sane();
	ck_assert_uint_eq(e820_total(&map, E820_RAM), 0x4000);
}
END_TEST

START_TEST(sanitize_overlap_higher_type_wins)
{
	/* Among non-RAM types the higher number wins, whatever the order given. */
	e820_add(&map, 0x0, 0x4000, E820_NVS); /* 4 */
	e820_add(&map, 0x1000, 0x1000, E820_RESERVED); /* 2: loses to 4 */
	e820_add(&map, 0x3000, 0x2000, E820_UNUSABLE); /* 5: beats 4 */
	e820_add(&map, 0x10000, 0x2000, E820_ACPI); /* 3 */
	e820_add(&map, 0x10800, 0x800, E820_RESERVED); /* 2: loses to 3 */
	e820_add(&map, 0x11000, 0x800, E820_PMEM); /* 7: beats 3 */
	e820_add(&map, 0x20000, 0x1000, E820_RAM);
	e820_add(&map, 0x20000, 0x1000, E820_HYPERVISOR);
	e820_add(&map, 0x20800, 0x1000, E820_MODULE); /* beats E820_HYPERVISOR too */
	ck_assert_int_eq(e820_sanitize(&map), 0);
	assert_map({ 0x0, 0x3000, E820_NVS }, { 0x3000, 0x2000, E820_UNUSABLE },
		   { 0x10000, 0x1000, E820_ACPI }, { 0x11000, 0x800, E820_PMEM },
		   { 0x11800, 0x800, E820_ACPI }, { 0x20000, 0x800, E820_HYPERVISOR },
		   { 0x20800, 0x1000, E820_MODULE });
	check_sane();
	ck_assert_uint_eq(e820_total(&map, E820_RAM), 0);
}
END_TEST

START_TEST(sanitize_is_idempotent)
{
	e820_add(&map, 0x5000, 0x3000, E820_RAM);
	e820_add(&map, 0, 0x6000, E820_RAM);
	e820_add(&map, 0x2000, 0x100, E820_RESERVED);
	e820_add(&map, 0x9000, 0x1000, E820_ACPI);
	ck_assert_int_eq(e820_sanitize(&map), 0);
	memcpy(&saved, &map, sizeof(map));
	ck_assert_int_eq(e820_sanitize(&map), 0);
	ck_assert_uint_eq(map.nr, saved.nr);
	ck_assert_mem_eq(map.map, saved.map, map.nr * sizeof(map.map[0]));
	assert_map({ 0, 0x2000, E820_RAM }, { 0x2000, 0x100, E820_RESERVED },
		   { 0x2100, 0x5f00, E820_RAM }, { 0x9000, 0x1000, E820_ACPI });
}
END_TEST

START_TEST(sanitize_too_many_pieces)
{
	/* One RAM range pierced by 255 reserved pages: 511 pieces do not fit. */
	ck_assert_int_eq(e820_add(&map, 0, 0x10000000, E820_RAM), 0);
	for (unsigned int i = 0; i < E820_MAX - 1; i++)
		ck_assert_int_eq(
			e820_add(&map, 0x100000 + (uint64_t)i * 0x10000, 0x1000, E820_RESERVED), 0);
	memcpy(&saved, &map, sizeof(map));
	ck_assert_int_eq(e820_sanitize(&map), -ENOSPC);
	ck_assert_mem_eq(&map, &saved, sizeof(map)); /* unchanged */

	/* 127 holes give 255 pieces: that fits. */
	reset();
	ck_assert_int_eq(e820_add(&map, 0, 0x10000000, E820_RAM), 0);
	for (unsigned int i = 0; i < 127; i++)
		e820_add(&map, 0x100000 + (uint64_t)i * 0x10000, 0x1000, E820_RESERVED);
	ck_assert_int_eq(e820_sanitize(&map), 0);
	ck_assert_uint_eq(map.nr, 255);
	check_sane();
	ck_assert_uint_eq(e820_total(&map, E820_RESERVED), 127 * 0x1000);
	ck_assert_uint_eq(e820_total(&map, E820_RAM), 0x10000000 - 127 * 0x1000);
}
END_TEST

/* ---- e820_overlay ---- */

START_TEST(overlay_carves_hole)
{
	e820_add(&map, 0x100000, 0x7ff00000, E820_RAM);
	ck_assert_int_eq(e820_overlay(&map, 0x200000, 0x300000, E820_HYPERVISOR), 0);
	assert_map({ 0x100000, 0x100000, E820_RAM }, { 0x200000, 0x300000, E820_HYPERVISOR },
		   { 0x500000, 0x7fb00000, E820_RAM });
	ck_assert_uint_eq(e820_total(&map, E820_RAM), 0x7ff00000 - 0x300000);
	ck_assert_uint_eq(e820_end(&map, E820_RAM), 0x80000000);

	/* A second overlay adjacent to the first merges with it. */
	ck_assert_int_eq(e820_overlay(&map, 0x500000, 0x100000, E820_HYPERVISOR), 0);
	assert_map({ 0x100000, 0x100000, E820_RAM }, { 0x200000, 0x400000, E820_HYPERVISOR },
		   { 0x600000, 0x7fa00000, E820_RAM });
	check_sane();
}
END_TEST

START_TEST(overlay_at_edges)
{
	e820_add(&map, 0x100000, 0x100000, E820_RAM);
	/* At the start, at the end, and over the whole range. */
	ck_assert_int_eq(e820_overlay(&map, 0x100000, 0x1000, E820_MODULE), 0);
	ck_assert_int_eq(e820_overlay(&map, 0x1ff000, 0x1000, E820_MODULE), 0);
	assert_map({ 0x100000, 0x1000, E820_MODULE }, { 0x101000, 0xfe000, E820_RAM },
		   { 0x1ff000, 0x1000, E820_MODULE });
	ck_assert_int_eq(e820_overlay(&map, 0x100000, 0x100000, E820_RESERVED), 0);
	/* RESERVED (2) loses to MODULE (0x1001) but beats RAM. */
	assert_map({ 0x100000, 0x1000, E820_MODULE }, { 0x101000, 0xfe000, E820_RESERVED },
		   { 0x1ff000, 0x1000, E820_MODULE });
	ck_assert_uint_eq(e820_total(&map, E820_RAM), 0);
	ck_assert_uint_eq(e820_end(&map, E820_RAM), 0);
}
END_TEST

START_TEST(overlay_ram_does_not_override)
{
	e820_add(&map, 0, 0x10000, E820_RESERVED);
	ck_assert_int_eq(e820_overlay(&map, 0x8000, 0x10000, E820_RAM), 0);
	assert_map({ 0, 0x10000, E820_RESERVED }, { 0x10000, 0x8000, E820_RAM });
}
END_TEST

START_TEST(overlay_into_hole)
{
	e820_add(&map, 0, 0x1000, E820_RAM);
	e820_add(&map, 0x3000, 0x1000, E820_RAM);
	/* Filling the hole with RAM joins all three. */
	ck_assert_int_eq(e820_overlay(&map, 0x1000, 0x2000, E820_RAM), 0);
	assert_map({ 0, 0x4000, E820_RAM });
}
END_TEST

START_TEST(overlay_empty)
{
	e820_add(&map, 0x1000, 0x1000, E820_RAM);
	e820_add(&map, 0, 0x1000, E820_RAM);
	/* Nothing to add; the map is still sanitized. */
	ck_assert_int_eq(e820_overlay(&map, 0x1800, 0, E820_RESERVED), 0);
	assert_map({ 0, 0x2000, E820_RAM });
}
END_TEST

/* ---- totals, end, names ---- */

START_TEST(qemu_map)
{
	e820_add(&map, 0, 0x9fc00, E820_RAM);
	e820_add(&map, 0x9fc00, 0x400, E820_RESERVED);
	e820_add(&map, 0xf0000, 0x10000, E820_RESERVED);
	e820_add(&map, 0x100000, 0x7ffe0000 - 0x100000, E820_RAM);
	e820_add(&map, 0x7ffe0000, 0x20000, E820_RESERVED);
	e820_add(&map, 0xfffc0000, 0x40000, E820_RESERVED);
	e820_add(&map, 0x100000000ULL, 0x80000000ULL, E820_RAM);
	ck_assert_int_eq(e820_sanitize(&map), 0);
	assert_map({ 0, 0x9fc00, E820_RAM }, { 0x9fc00, 0x400, E820_RESERVED },
		   { 0xf0000, 0x10000, E820_RESERVED }, { 0x100000, 0x7fee0000, E820_RAM },
		   { 0x7ffe0000, 0x20000, E820_RESERVED }, { 0xfffc0000, 0x40000, E820_RESERVED },
		   { 0x100000000ULL, 0x80000000ULL, E820_RAM });
	check_sane();

	uint64_t ram = 0x9fc00ULL + (0x7ffe0000ULL - 0x100000ULL) + 0x80000000ULL;
	ck_assert_uint_eq(ram, 0xfff7fc00ULL);
	ck_assert_uint_eq(e820_total(&map, E820_RAM), ram);
	ck_assert_uint_eq(e820_total(&map, E820_RESERVED), 0x400 + 0x10000 + 0x20000 + 0x40000);
	ck_assert_uint_eq(e820_total(&map, E820_ACPI), 0);
	ck_assert_uint_eq(e820_end(&map, E820_RAM), 0x180000000ULL);
	ck_assert_uint_eq(e820_end(&map, E820_RESERVED), 0x100000000ULL);
	ck_assert_uint_eq(e820_end(&map, E820_NVS), 0);

	/* Then the hypervisor takes its image and a module out of RAM. */
	ck_assert_int_eq(e820_overlay(&map, 0x100000, 0x200000, E820_HYPERVISOR), 0);
	ck_assert_int_eq(e820_overlay(&map, 0x1000000, 0x123000, E820_MODULE), 0);
	check_sane();
	ck_assert_uint_eq(map.nr, 10);
	ck_assert_uint_eq(e820_total(&map, E820_RAM), ram - 0x200000 - 0x123000);
	ck_assert_uint_eq(e820_total(&map, E820_HYPERVISOR), 0x200000);
	ck_assert_uint_eq(e820_total(&map, E820_MODULE), 0x123000);
	ck_assert_uint_eq(e820_end(&map, E820_RAM), 0x180000000ULL);
}
END_TEST

START_TEST(qemu_map_shuffled)
{
	/* The same map given in another order with overlaps and splits. */
	e820_add(&map, 0x100000000ULL, 0x40000000ULL, E820_RAM);
	e820_add(&map, 0xfffc0000, 0x40000, E820_RESERVED);
	e820_add(&map, 0x140000000ULL, 0x40000000ULL, E820_RAM);
	e820_add(&map, 0, 0x80000000, E820_RAM); /* BIOS-style: one RAM range under 2G */
	e820_add(&map, 0x9fc00, 0x400, E820_RESERVED);
	e820_add(&map, 0xa0000, 0x60000, 0); /* a type-0 range: never a type */
	e820_add(&map, 0xf0000, 0x10000, E820_RESERVED);
	e820_add(&map, 0x7ffe0000, 0x20000, E820_RESERVED);
	ck_assert_int_eq(e820_sanitize(&map), 0);
	check_sane();
	/* 0xa0000-0xf0000 is RAM here (the big range covers it); the rest matches. */
	ck_assert_uint_eq(e820_total(&map, E820_RAM),
			  0x80000000ULL - 0x400 - 0x10000 - 0x20000 + 0x80000000ULL);
	ck_assert_uint_eq(e820_end(&map, E820_RAM), 0x180000000ULL);
	ck_assert_uint_eq(map.map[map.nr - 1].addr, 0x100000000ULL);
	ck_assert_uint_eq(map.map[map.nr - 1].size, 0x80000000ULL);
}
END_TEST

START_TEST(type_names)
{
	ck_assert_str_eq(e820_type_name(E820_RAM), "RAM");
	ck_assert_str_eq(e820_type_name(E820_RESERVED), "reserved");
	ck_assert_str_eq(e820_type_name(E820_ACPI), "ACPI data");
	ck_assert_str_eq(e820_type_name(E820_NVS), "ACPI NVS");
	ck_assert_str_eq(e820_type_name(E820_UNUSABLE), "unusable");
	ck_assert_str_eq(e820_type_name(E820_PMEM), "persistent");
	ck_assert_str_eq(e820_type_name(E820_HYPERVISOR), "hypervisor");
	ck_assert_str_eq(e820_type_name(E820_MODULE), "module");
	ck_assert_str_eq(e820_type_name(0), "unknown");
	ck_assert_str_eq(e820_type_name(6), "unknown");
	ck_assert_str_eq(e820_type_name(12), "unknown");
}
END_TEST

/* ---- randomized, against a byte-granular model ---- */

#define MODEL_UNITS 512 /* the model covers [0, 512 * 0x1000) in 4 KiB units */

static uint32_t model_stronger(uint32_t a, uint32_t b)
{
	if (a == 0)
		return b;
	if (b == 0)
		return a;
	if (a == E820_RAM)
		return b;
	if (b == E820_RAM)
		return a;
	return a > b ? a : b;
}

static uint64_t rng_state;

static uint64_t rng(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

START_TEST(random_against_model)
{
	static const uint32_t types[] = { E820_RAM,  E820_RAM, E820_RAM,      E820_RESERVED,
					  E820_ACPI, E820_NVS, E820_UNUSABLE, E820_HYPERVISOR };
	uint32_t model[MODEL_UNITS];

	rng_state = 0xe820e820e820ULL + (uint64_t)_i * 7919;
	for (unsigned int round = 0; round < 50; round++) {
		reset();
		memset(model, 0, sizeof(model));
		unsigned int n = 1 + rng() % 40;
		for (unsigned int k = 0; k < n; k++) {
			unsigned int start = rng() % MODEL_UNITS;
			unsigned int len = 1 + rng() % (MODEL_UNITS - start);
			if (rng() % 2)
				len = 1 + rng() % (len < 16 ? len : 16);
			uint32_t type = types[rng() % ARRAY_SIZE(types)];
			ck_assert_int_eq(
				e820_add(&map, (uint64_t)start << 12, (uint64_t)len << 12, type),
				0);
			for (unsigned int u = start; u < start + len; u++)
				model[u] = model_stronger(model[u], type);
		}
		ck_assert_int_eq(e820_sanitize(&map), 0);
		check_sane();

		/* Every unit has the model's type (0: in no range). */
		uint32_t got[MODEL_UNITS] = { 0 };
		for (unsigned int i = 0; i < map.nr; i++) {
			const struct e820_entry *e = &map.map[i];
			ck_assert_uint_eq(e->addr & 0xfff, 0);
			ck_assert_uint_eq(e->size & 0xfff, 0);
			ck_assert_uint_le((e->addr + e->size) >> 12, MODEL_UNITS);
			for (uint64_t u = e->addr >> 12; u < (e->addr + e->size) >> 12; u++)
				got[u] = e->type;
		}
		for (unsigned int u = 0; u < MODEL_UNITS; u++)
			if (got[u] != model[u])
				ck_abort_msg("round %u unit %u: type %u, model %u", round, u,
					     got[u], model[u]);

		uint64_t ram = 0, ram_end = 0;
		for (unsigned int u = 0; u < MODEL_UNITS; u++)
			if (model[u] == E820_RAM) {
				ram += 0x1000;
				ram_end = (uint64_t)(u + 1) << 12;
			}
		ck_assert_uint_eq(e820_total(&map, E820_RAM), ram);
		ck_assert_uint_eq(e820_end(&map, E820_RAM), ram_end);
	}
}
END_TEST

Suite *e820_suite(void)
{
	Suite *s = suite_create("e820");
	TCase *tc;

	tc = tcase_create("add");
	tcase_add_checked_fixture(tc, reset, NULL);
	tcase_add_test(tc, add_appends);
	tcase_add_test(tc, add_ignores_empty);
	tcase_add_test(tc, add_full);
	tcase_add_test(tc, add_clamps_at_top);
	tcase_add_test(tc, clamped_range_carves_ram);
	suite_add_tcase(s, tc);

	tc = tcase_create("sanitize");
	tcase_add_checked_fixture(tc, reset, NULL);
	tcase_add_test(tc, sanitize_empty);
	tcase_add_test(tc, sanitize_sorts);
	tcase_add_test(tc, sanitize_merges_adjacent);
	tcase_add_test(tc, sanitize_keeps_holes);
	tcase_add_test(tc, sanitize_duplicates_and_containment);
	tcase_add_test(tc, sanitize_overlap_ram_loses);
	tcase_add_test(tc, sanitize_overlap_higher_type_wins);
	tcase_add_test(tc, sanitize_is_idempotent);
	tcase_add_test(tc, sanitize_too_many_pieces);
	suite_add_tcase(s, tc);

	tc = tcase_create("overlay");
	tcase_add_checked_fixture(tc, reset, NULL);
	tcase_add_test(tc, overlay_carves_hole);
	tcase_add_test(tc, overlay_at_edges);
	tcase_add_test(tc, overlay_ram_does_not_override);
	tcase_add_test(tc, overlay_into_hole);
	tcase_add_test(tc, overlay_empty);
	suite_add_tcase(s, tc);

	tc = tcase_create("totals");
	tcase_add_checked_fixture(tc, reset, NULL);
	tcase_add_test(tc, qemu_map);
	tcase_add_test(tc, qemu_map_shuffled);
	tcase_add_test(tc, type_names);
	tcase_add_loop_test(tc, random_against_model, 0, 4);
	suite_add_tcase(s, tc);
	return s;
}
