/*
 * lamina/buddy.h - the buddy allocator of machine frames.
 *
 * Blocks of 2^order frames, order 0 (4 KiB) to BUDDY_MAX_ORDER (1 GiB),
 * naturally aligned. State lives in the frame table (lamina/page_info.h) and
 * in struct buddy: one free list and one block count per order. Pure logic
 * (common/buddy.c): it never touches the frames' contents, so it is
 * unit-tested hosted. Callers serialize access (the page allocator's lock).
 */
#ifndef LAMINA_BUDDY_H
#define LAMINA_BUDDY_H

#include <lamina/page_info.h>

#define BUDDY_MAX_ORDER 18
#define INVALID_MFN (~0UL)

struct buddy {
	struct page_info *frames; /* the frame table, indexed by MFN */
	unsigned long nr_frames; /* frames it describes */
	uint32_t free_head[BUDDY_MAX_ORDER + 1]; /* first free block per order */
	unsigned long free_blocks[BUDDY_MAX_ORDER + 1]; /* free blocks per order */
	unsigned long free_pages; /* free frames in all */
	uint32_t dirty_head; /* the dirty list: frames to clear before reuse, singly linked */
	unsigned long dirty_pages; /* frames on it */
};

/* buddy_init - an empty allocator over frames[0, nr_frames); no frame is free yet. */
void buddy_init(struct buddy *b, struct page_info *frames, unsigned long nr_frames);

/*
 * buddy_add_range - give frames [mfn, mfn + nr) to the allocator. Returns 0, or
 * -EINVAL if the range leaves the frame table or a frame in it is already free
 * (then nothing is added).
 */
int buddy_add_range(struct buddy *b, unsigned long mfn, unsigned long nr);

/*
 * buddy_alloc - take a block of 2^order frames. Returns its first MFN (aligned
 * to 2^order), or INVALID_MFN when no block that large is free or order is
 * above BUDDY_MAX_ORDER. The frames' count_info becomes PGC_allocated, plus
 * PGC_scrubbed on those freed with buddy_free_scrubbed and not used since: a
 * caller that needs zeroes clears only the others, and clears the flag.
 */
unsigned long buddy_alloc(struct buddy *b, unsigned int order);

/*
 * buddy_alloc_below - the same, for a block that ends at or below frame
 * `limit` (all its MFNs < limit), e.g. for devices that address 32 bits.
 * INVALID_MFN when no free block qualifies. Scans the free lists.
 */
unsigned long buddy_alloc_below(struct buddy *b, unsigned int order, unsigned long limit);

/*
 * buddy_free - return a block taken by buddy_alloc, merging it with free
 * neighbours. Returns 0, or -EINVAL when mfn is not aligned to the order, the
 * block leaves the table, or any of its frames is not allocated (double free).
 */
int buddy_free(struct buddy *b, unsigned long mfn, unsigned int order);

/*
 * buddy_free_scrubbed - buddy_free for a block the caller has just filled
 * with zeroes: its frames carry PGC_scrubbed while free. Same errors.
 */
int buddy_free_scrubbed(struct buddy *b, unsigned long mfn, unsigned int order);

/*
 * buddy_free_dirty - give back one allocated frame whose contents must not
 * reach its next owner (a guest's memory; Xen's PGC_need_scrub). It
 * goes onto the dirty list, not a free list, marked PGC_need_scrub and counted
 * in dirty_pages (not free_pages), until buddy_take_dirty. Returns 0, or
 * -EINVAL when mfn is outside the table or not allocated.
 */
int buddy_free_dirty(struct buddy *b, unsigned long mfn);

/*
 * buddy_take_dirty - take the most recently freed frame off the dirty list,
 * allocated again (PGC_allocated) for the caller to clear and hand back with
 * buddy_free_scrubbed. INVALID_MFN when the list is empty.
 */
unsigned long buddy_take_dirty(struct buddy *b);

#endif /* LAMINA_BUDDY_H */
