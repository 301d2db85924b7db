/*
 * e820.c - building and refining the E820 memory map.
 * Pure logic: builds hosted for the unit tests (tests/unit/test_e820.c).
 */
#include <lamina/e820.h>
#include <lamina/errno.h>
#include <lamina/lib.h>

int e820_add(struct e820_map *m, uint64_t addr, uint64_t size, uint32_t type)
{
	/*
	 * Wraps: clamp to the top of the address space. A range's end must fit
	 * 64 bits, so it ends at 2^64 - 1 (ending at 2^64 would make it 0).
	 */
	if (addr + size < addr)
		size = ~addr;
	if (size == 0)
		return 0;
	if (m->nr >= E820_MAX)
		return -ENOSPC;
	m->map[m->nr++] = (struct e820_entry){ .addr = addr, .size = size, .type = type };
	return 0;
}

/* Which of two types covering the same byte describes it. */
static uint32_t stronger(uint32_t a, uint32_t b)
{
	if (a == 0)
		return b;
	if (b == 0 || a == b)
		return a;
	if (a == E820_RAM)
		return b;
	if (b == E820_RAM)
		return a;
	return a > b ? a : b;
}

static void sort_points(uint64_t *p, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		uint64_t v = p[i];
		unsigned int j = i;
		while (j > 0 && p[j - 1] > v) {
			p[j] = p[j - 1];
			j--;
		}
		p[j] = v;
	}
}

int e820_sanitize(struct e820_map *m)
{
	/* Every range boundary, sorted; each gap between two is one piece. */
	static uint64_t points[2 * E820_MAX];
	static struct e820_map out;
	unsigned int np = 0;

	for (unsigned int i = 0; i < m->nr; i++) {
		points[np++] = m->map[i].addr;
		points[np++] = m->map[i].addr + m->map[i].size;
	}
	sort_points(points, np);

	out.nr = 0;
	for (unsigned int k = 0; k + 1 < np; k++) {
		uint64_t start = points[k], end = points[k + 1];
		uint32_t type = 0;

		if (start == end)
			continue;
		for (unsigned int i = 0; i < m->nr; i++) {
			const struct e820_entry *e = &m->map[i];
			if (e->addr <= start && e->addr + e->size >= end)
				type = stronger(type, e->type);
		}
		if (type == 0)
			continue; /* a hole */
		struct e820_entry *last = out.nr ? &out.map[out.nr - 1] : NULL;
		if (last && last->type == type && last->addr + last->size == start) {
			last->size += end - start;
			continue;
		}
		if (out.nr >= E820_MAX)
			return -ENOSPC;
		out.map[out.nr++] = (struct e820_entry){ .addr = start, .size = end - start, .type = type };
	}
	*m = out;
	return 0;
}

int e820_overlay(struct e820_map *m, uint64_t addr, uint64_t size, uint32_t type)
{
	int rc = e820_add(m, addr, size, type);

	return rc ? rc : e820_sanitize(m);
}

uint64_t e820_total(const struct e820_map *m, uint32_t type)
{
	uint64_t total = 0;

	for (unsigned int i = 0; i < m->nr; i++)
		if (m->map[i].type == type)
			total += m->map[i].size;
	return total;
}

uint64_t e820_end(const struct e820_map *m, uint32_t type)
{
	uint64_t end = 0;

	for (unsigned int i = 0; i < m->nr; i++)
		if (m->map[i].type == type)
			end = MAX(end, m->map[i].addr + m->map[i].size);
	return end;
}

const char *e820_type_name(uint32_t type)
{
	switch (type) {
	case E820_RAM:
		return "RAM";
	case E820_RESERVED:
		return "reserved";
	case E820_ACPI:
		return "ACPI data";
	case E820_NVS:
		return "ACPI NVS";
	case E820_UNUSABLE:
		return "unusable";
	case E820_PMEM:
		return "persistent";
	case E820_HYPERVISOR:
		return "hypervisor";
	case E820_MODULE:
		return "module";
	default:
		return "unknown";
	}
}
