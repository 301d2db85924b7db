/*
 * lamina/mm.h - the hypervisor's memory: its page tables, the frame table and
 * the page allocator (a locked buddy allocator over all free RAM).
 */
#ifndef LAMINA_MM_H
#define LAMINA_MM_H

#include <asm/page.h>
#include <lamina/buddy.h>
#include <lamina/page_info.h>

extern struct page_info *frame_table; /* at FRAMETABLE_VIRT_START, max_page entries */
extern unsigned long max_page; /* frames the frame table describes (1 + highest RAM MFN) */
extern pte_t *idle_pg_table; /* the hypervisor's L4 */

#define mfn_to_page(mfn) (&frame_table[(mfn)])
#define page_to_mfn(pg) ((unsigned long)((pg) - frame_table))

/*
 * mm_init - from boot_info's memory map: reserve the image, modules and low
 * memory, build the hypervisor's page tables (image, direct map, fixmap),
 * switch to them, build the frame table and fill the buddy allocator.
 */
void mm_init(void);

/*
 * alloc_frames - 2^order contiguous machine frames for the hypervisor's own
 * use, contents undefined; returns the first MFN or INVALID_MFN. When the
 * free lists cannot serve it, dirty frames are cleared first (as for
 * alloc_guest_frames), so it fails only when memory is really short.
 */
unsigned long alloc_frames(unsigned int order);
/*
 * alloc_guest_frames - 2^order frames for a guest, all below MFN limit (~0UL
 * for anywhere; e.g. for devices that address 32 bits), all zeroes: frames
 * the idle loop already cleared are not cleared again. Returns the first MFN
 * or INVALID_MFN.
 */
unsigned long alloc_guest_frames(unsigned int order, unsigned long limit);
/* free_frames - give back what alloc_frames returned (BUG on a double free). */
void free_frames(unsigned long mfn, unsigned int order);
/*
 * free_guest_frame - give back one frame that held a guest's data. It waits
 * on the dirty list until scrub_free_frames clears it (in the idle loop, as
 * Xen scrubs freed memory, or when an allocation finds nothing free); it
 * counts as free meanwhile. BUG on a frame that is not allocated.
 */
void free_guest_frame(unsigned long mfn);
/*
 * scrub_free_frames - clear up to max dirty frames and put them on the free
 * lists, marked clean. Interrupts may be on. Returns how many it cleared (0:
 * the dirty list is empty).
 */
unsigned long scrub_free_frames(unsigned long max);
#define SCRUB_BATCH 16 /* frames cleared between looks at other work (64 KiB) */
/* alloc_xenheap_pages - alloc_frames as a direct-map pointer; NULL when out of memory. */
void *alloc_xenheap_pages(unsigned int order);
void free_xenheap_pages(void *va, unsigned int order);

/* Page allocator statistics, in pages; free_ram_pages counts dirty frames as free. */
unsigned long total_ram_pages(void);
unsigned long free_ram_pages(void);
unsigned long dirty_ram_pages(void);
unsigned long free_blocks_of_order(unsigned int order);

/* The M2P table (arch/x86/mm.c): set one entry; its 2 MiB chunks for XENMEM_machphys_mfn_list. */
void set_gpfn_from_mfn(unsigned long mfn, unsigned long pfn);
unsigned long m2p_nr_chunks(void);
unsigned long m2p_chunk_mfn(unsigned long i);

/* pv_fill_hypervisor_slots - L4 slots 256-271 of a guest L4: the hypervisor's own. */
struct domain;
void pv_fill_hypervisor_slots(pte_t *l4, const struct domain *d);

enum fixmap_index {
	FIX_APIC,
	FIX_IO_APIC_0, /* one page per I/O APIC, MADT_MAX_IOAPICS of them */
	FIX_IO_APIC_LAST = FIX_IO_APIC_0 + 7,
	FIX_END,
};

/* set_fixmap_nocache - map the MMIO page at pa uncached; returns its virtual address. */
void *set_fixmap_nocache(enum fixmap_index idx, paddr_t pa);

#endif /* LAMINA_MM_H */
