/*
 * lamina/e820.h - the physical memory map in E820 form (ACPI spec, "Address
 * Range Types"), as the loader reports it and as we refine it at boot.
 * Pure logic (arch/x86/e820.c), unit-tested hosted.
 */
#ifndef LAMINA_E820_H
#define LAMINA_E820_H

#include <lamina/types.h>

#define E820_RAM 1
#define E820_RESERVED 2
#define E820_ACPI 3 /* ACPI tables, reclaimable after parsing */
#define E820_NVS 4 /* ACPI non-volatile storage */
#define E820_UNUSABLE 5
#define E820_PMEM 7
/* Internal types, never shown to guests: RAM the hypervisor has taken. */
#define E820_HYPERVISOR 0x1000 /* the image, boot page tables, frame table */
#define E820_MODULE 0x1001 /* a Multiboot module (dom0 kernel, initrd) */

#define E820_MAX 256

struct e820_entry {
	uint64_t addr; /* bytes */
	uint64_t size; /* bytes */
	uint32_t type;
};

struct e820_map {
	unsigned int nr;
	struct e820_entry map[E820_MAX];
};

/* e820_add - append a range. Returns 0, or -ENOSPC when the map is full. Empty ranges are ignored. */
int e820_add(struct e820_map *m, uint64_t addr, uint64_t size, uint32_t type);

/*
 * e820_sanitize - sort the map, resolve overlaps and merge neighbours of one
 * type. Where ranges overlap, any other type wins over E820_RAM and the higher
 * type number wins between two others, so a range added over RAM carves it out.
 * Returns 0, or -ENOSPC if the result would not fit (then m is unchanged).
 */
int e820_sanitize(struct e820_map *m);

/* e820_overlay - add [addr, addr+size) of type over the map and sanitize it. */
int e820_overlay(struct e820_map *m, uint64_t addr, uint64_t size, uint32_t type);

/* e820_total - bytes of the given type. */
uint64_t e820_total(const struct e820_map *m, uint32_t type);

/* e820_end - the end address (exclusive) of the highest range of the type, 0 if none. */
uint64_t e820_end(const struct e820_map *m, uint32_t type);

/* e820_type_name - "RAM", "reserved", "ACPI data", ... for logs. */
const char *e820_type_name(uint32_t type);

#endif /* LAMINA_E820_H */
