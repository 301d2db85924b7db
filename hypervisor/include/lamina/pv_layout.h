/*
 * lamina/pv_layout.h - where a PV domain's boot-time pieces go in its address
 * space (the bootstrap region). Pure logic, shared by the dom0 builder and
 * the toolstack's builder, unit-tested hosted.
 *
 * The region [virt_base, v_end) is mapped with 4 KiB pages, page n of it being
 * pseudo-physical frame n (Linux copies its one L2 for both its kernel map and
 * its direct map, so the mapping must be pfn-linear). In it, in order, as
 * Xen's builders lay it out (xen/arch/x86/pv/dom0_build.c): the kernel, the
 * initrd, the P2M array (8 bytes per page), start_info (plus, for dom0, the
 * console info block after it), for domUs the xenstore and console ring
 * pages, the page-table frames (L4 first), one page of boot stack; then v_end
 * is rounded up to 4 MiB, keeping at least 512 KiB spare.
 */
#ifndef LAMINA_PV_LAYOUT_H
#define LAMINA_PV_LAYOUT_H

#include <lamina/types.h>

struct pv_layout_input {
	uint64_t virt_base; /* VA of pfn 0 */
	uint64_t kernel_start, kernel_end; /* VAs of the image (pv_image virt_start/end) */
	uint64_t initrd_bytes; /* 0: none */
	uint64_t nr_pages; /* pages of RAM the domain gets */
	uint64_t start_info_bytes; /* start_info plus whatever follows it in its page */
	unsigned int extra_pages; /* domU: the xenstore and console ring pages */
};

struct pv_layout {
	uint64_t v_start; /* = virt_base */
	uint64_t kernel_start, kernel_end;
	uint64_t initrd_start, initrd_end;
	uint64_t p2m_start, p2m_end;
	uint64_t start_info_start, start_info_end;
	uint64_t extra_start; /* extra_pages pages from here */
	uint64_t pt_start, pt_end; /* page-table frames, L4 at pt_start */
	unsigned int nr_pt_frames;
	uint64_t stack_start, stack_end;
	uint64_t v_end;
	uint64_t region_pages; /* (v_end - v_start) / 4 KiB: pages the region maps */
};

/*
 * pv_layout_compute - lay out the bootstrap region. Returns 0, -EINVAL when
 * the input is inconsistent (kernel below virt_base, sizes wrapping), or
 * -ENOMEM when the region needs more pages than the domain has.
 */
int pv_layout_compute(const struct pv_layout_input *in, struct pv_layout *out);

/* pv_layout_nr_tables - page-table frames needed to map [start, end) with 4 KiB pages on 4 levels. */
unsigned int pv_layout_nr_tables(uint64_t start, uint64_t end);

#endif /* LAMINA_PV_LAYOUT_H */
