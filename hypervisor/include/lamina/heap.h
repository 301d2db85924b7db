/*
 * lamina/heap.h - the hypervisor heap (xmalloc) for its own objects.
 *
 * Small objects (up to HEAP_MAX_SMALL bytes) come from single-page slabs of
 * one size class (powers of two from 16 bytes); larger ones get whole page
 * blocks from the page allocator with a header in front. Every pointer is
 * 16-byte aligned. Pure logic over a page source (struct heap_page_ops), so
 * it is unit-tested hosted. Callers serialize access: one CPU runs the
 * hypervisor for now, with interrupts off in every caller.
 */
#ifndef LAMINA_HEAP_H
#define LAMINA_HEAP_H

#include <lamina/types.h>

#define HEAP_MIN_SMALL 16
#define HEAP_MAX_SMALL 2048
#define HEAP_CLASSES 8 /* 16, 32, ..., 2048 */

struct heap_page_ops {
	/* alloc_pages - 2^order zeroed or not, page-aligned pages, or NULL. */
	void *(*alloc_pages)(unsigned int order);
	void (*free_pages)(void *va, unsigned int order);
};

struct heap_stats {
	unsigned long bytes_in_use; /* bytes handed out (rounded to the class/page size) */
	unsigned long pages; /* pages taken from the page source */
	unsigned long allocations; /* live allocations */
};

/* heap_init - use ops as the page source. Must come before any xmalloc. */
void heap_init(const struct heap_page_ops *ops);

/* xmalloc_bytes - size bytes, 16-byte aligned; NULL when size is 0 or memory is exhausted. */
void *xmalloc_bytes(size_t size);
/* xzalloc_bytes - as xmalloc_bytes, zero-filled. */
void *xzalloc_bytes(size_t size);
/* xfree - release what xmalloc_bytes returned; NULL is ignored. */
void xfree(void *p);

struct heap_stats heap_get_stats(void);

#define xmalloc(type) ((type *)xmalloc_bytes(sizeof(type)))
#define xzalloc(type) ((type *)xzalloc_bytes(sizeof(type)))
#define xzalloc_array(type, n) ((type *)xzalloc_bytes(sizeof(type) * (n)))

#endif /* LAMINA_HEAP_H */
