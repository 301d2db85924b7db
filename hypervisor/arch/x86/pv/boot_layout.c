/*
 * boot_layout.c - laying out a PV domain's bootstrap region (see
 * lamina/pv_layout.h). Pure logic, unit-tested hosted (tests/unit/test_pv_layout.c).
 */
#include <lamina/errno.h>
#include <lamina/pv_layout.h>

#define PAGE_BYTES 4096ULL
#define FOUR_MIB (4ULL << 20)
#define MIN_SPARE (512ULL << 10)

static uint64_t page_up(uint64_t x)
{
	return (x + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1);
}

/* Number of (1 << shift)-sized, aligned blocks that [start, end) touches. */
static uint64_t blocks(uint64_t start, uint64_t end, unsigned int shift)
{
	uint64_t size = 1ULL << shift;
	uint64_t first = start & ~(size - 1);
	uint64_t last = (end + size - 1) & ~(size - 1);

	return (last - first) >> shift;
}

unsigned int pv_layout_nr_tables(uint64_t start, uint64_t end)
{
	return (unsigned int)(1 + blocks(start, end, 39) + blocks(start, end, 30) +
			      blocks(start, end, 21));
}

int pv_layout_compute(const struct pv_layout_input *in, struct pv_layout *out)
{
	struct pv_layout l = { 0 };

	if (in->kernel_start < in->virt_base || in->kernel_end < in->kernel_start ||
	    in->nr_pages == 0 || in->nr_pages > (1ULL << 40) || in->initrd_bytes > (1ULL << 40))
		return -EINVAL;

	l.v_start = in->virt_base;
	l.kernel_start = in->kernel_start;
	l.kernel_end = in->kernel_end;
	l.initrd_start = page_up(in->kernel_end);
	l.initrd_end = l.initrd_start + in->initrd_bytes;
	l.p2m_start = page_up(l.initrd_end);
	l.p2m_end = l.p2m_start + in->nr_pages * 8;
	l.start_info_start = page_up(l.p2m_end);
	l.start_info_end = l.start_info_start + in->start_info_bytes;
	l.extra_start = page_up(l.start_info_end);
	l.pt_start = l.extra_start + (uint64_t)in->extra_pages * PAGE_BYTES;
	/* Each piece starts at or after the end of the one before, unless a sum wrapped. */
	if (l.initrd_start < l.kernel_end || l.initrd_end < l.initrd_start ||
	    l.p2m_start < l.initrd_end || l.p2m_end < l.p2m_start ||
	    l.start_info_start < l.p2m_end || l.start_info_end < l.start_info_start ||
	    l.extra_start < l.start_info_end || l.pt_start < l.extra_start)
		return -EINVAL; /* wrapped */

	/* Enough table frames to map everything up to v_end, which depends on them. */
	for (unsigned int n = 2;; n++) {
		l.nr_pt_frames = n;
		l.pt_end = l.pt_start + (uint64_t)n * PAGE_BYTES;
		l.stack_start = l.pt_end;
		l.stack_end = l.stack_start + PAGE_BYTES;
		l.v_end = (l.stack_end + FOUR_MIB - 1) & ~(FOUR_MIB - 1);
		if (l.v_end - l.stack_end < MIN_SPARE)
			l.v_end += FOUR_MIB;
		if (l.stack_end < l.pt_start || l.v_end < l.stack_end)
			return -EINVAL; /* wrapped past the top of the address space */
		if (pv_layout_nr_tables(l.v_start, l.v_end) <= n)
			break;
	}
	l.region_pages = (l.v_end - l.v_start) / PAGE_BYTES;
	if (l.region_pages > in->nr_pages)
		return -ENOMEM;
	*out = l;
	return 0;
}
