/*
 * lamina/dom0_mem.h - the dom0_mem= option: how much memory dom0 gets.
 *
 * Syntax (Xen's, docs/misc/xen-command-line.pandoc "dom0_mem"), a
 * comma-separated list of:
 *   <size>       the initial allocation
 *   min:<size>   at least this much
 *   max:<size>   at most this much (the maximum reservation)
 * A size has an optional K/M/G/T suffix (bytes without one) and may start
 * with '-', meaning "all host memory but this much". Pure logic, unit-tested.
 */
#ifndef LAMINA_DOM0_MEM_H
#define LAMINA_DOM0_MEM_H

#include <lamina/types.h>

struct dom0_size {
	bool set;
	bool all_but; /* '-': host memory minus bytes */
	uint64_t bytes;
};

struct dom0_mem {
	struct dom0_size amount, min, max;
};

/* dom0_mem_parse - parse s into *out. Returns 0, or -EINVAL (then *out is unchanged). */
int dom0_mem_parse(const char *s, struct dom0_mem *out);

/*
 * dom0_mem_pages - dom0's initial size in pages on a host with host_pages
 * free: the amount given (default_pages when none), then raised to min,
 * lowered to max, and never above host_pages.
 */
unsigned long dom0_mem_pages(const struct dom0_mem *m, unsigned long host_pages,
			     unsigned long default_pages);

/* No ceiling given: Xen's dom0 may grow to UINT_MAX pages (XENMEM_maximum_reservation). */
#define DOM0_NO_MAX_PAGES 0xFFFFFFFFUL

/* dom0_mem_max_pages - dom0's maximum reservation, pages: max: when given, else DOM0_NO_MAX_PAGES. */
unsigned long dom0_mem_max_pages(const struct dom0_mem *m, unsigned long host_pages);

#endif /* LAMINA_DOM0_MEM_H */
