/*
 * dom0_mem.c - parsing and applying dom0_mem= (syntax in lamina/dom0_mem.h).
 * Pure logic, unit-tested hosted (tests/unit/test_dom0_mem.c).
 */
#include <lamina/dom0_mem.h>
#include <lamina/errno.h>
#include <lamina/lib.h>

#define PAGE_BYTES 4096ULL

static int parse_one(const char *s, const char *end, struct dom0_size *out)
{
	const char *p = s, *stop;
	bool all_but = false;

	if (*p == '-') {
		all_but = true;
		p++;
	}
	uint64_t bytes = parse_size(p, &stop);
	if (stop == p || stop != end)
		return -EINVAL;
	*out = (struct dom0_size){ .set = true, .all_but = all_but, .bytes = bytes };
	return 0;
}

int dom0_mem_parse(const char *s, struct dom0_mem *out)
{
	struct dom0_mem m = { 0 };

	if (!*s)
		return -EINVAL;
	while (*s) {
		const char *end = strchr(s, ',');
		if (!end)
			end = s + strlen(s);
		struct dom0_size *field = &m.amount;
		if (!strncmp(s, "min:", 4)) {
			field = &m.min;
			s += 4;
		} else if (!strncmp(s, "max:", 4)) {
			field = &m.max;
			s += 4;
		}
		if (field->set || parse_one(s, end, field) < 0)
			return -EINVAL;
		if (*end && !end[1])
			return -EINVAL; /* a trailing comma */
		s = *end ? end + 1 : end;
	}
	*out = m;
	return 0;
}

static unsigned long size_pages(const struct dom0_size *sz, unsigned long host_pages)
{
	unsigned long pages = (unsigned long)(sz->bytes / PAGE_BYTES);

	if (!sz->all_but)
		return pages;
	return pages >= host_pages ? 0 : host_pages - pages;
}

unsigned long dom0_mem_pages(const struct dom0_mem *m, unsigned long host_pages,
			     unsigned long default_pages)
{
	unsigned long pages = m->amount.set ? size_pages(&m->amount, host_pages) : default_pages;

	if (m->min.set)
		pages = MAX(pages, size_pages(&m->min, host_pages));
	if (m->max.set)
		pages = MIN(pages, size_pages(&m->max, host_pages));
	return MIN(pages, host_pages);
}

unsigned long dom0_mem_max_pages(const struct dom0_mem *m, unsigned long host_pages)
{
	return m->max.set ? size_pages(&m->max, host_pages) : DOM0_NO_MAX_PAGES;
}
