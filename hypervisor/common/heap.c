/*
 * heap.c - xmalloc/xfree (design in lamina/heap.h).
 *
 * Every page-aligned chunk the heap owns starts with a struct chunk header:
 * a slab page (one size class, objects after the header) or a large block
 * (one object after the header). xfree finds the header by rounding the
 * pointer down to its page; a large object's pointer lies in its first page.
 * Pure logic, unit-tested hosted (tests/unit/test_heap.c).
 */
#include <lamina/heap.h>
#include <lamina/lib.h>

#define HEAP_PAGE_SIZE 4096UL
#define CHUNK_MAGIC_SLAB 0x51ab51abU
#define CHUNK_MAGIC_LARGE 0x1a26e000U

struct free_obj {
	struct free_obj *next;
};

struct chunk {
	uint32_t magic;
	uint16_t cls; /* size class index (slab) */
	uint16_t order; /* page order (large) */
	uint32_t in_use; /* objects handed out (slab) */
	uint32_t capacity; /* objects per slab */
	struct free_obj *free; /* free objects (slab) */
	struct chunk *next, *prev; /* the class's list of slabs with free objects */
};

#define HEADER_BYTES ROUNDUP(sizeof(struct chunk), 16UL)

static const struct heap_page_ops *page_ops;
static struct chunk *partial[HEAP_CLASSES]; /* slabs with at least one free object */
static struct heap_stats stats;

static size_t class_size(unsigned int cls)
{
	return (size_t)HEAP_MIN_SMALL << cls;
}

static unsigned int size_to_class(size_t size)
{
	unsigned int cls = 0;

	while (class_size(cls) < size)
		cls++;
	return cls;
}

void heap_init(const struct heap_page_ops *ops)
{
	page_ops = ops;
	for (unsigned int i = 0; i < HEAP_CLASSES; i++)
		partial[i] = NULL;
	stats = (struct heap_stats){ 0 };
}

static void partial_add(struct chunk *c)
{
	c->prev = NULL;
	c->next = partial[c->cls];
	if (c->next)
		c->next->prev = c;
	partial[c->cls] = c;
}

static void partial_remove(struct chunk *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		partial[c->cls] = c->next;
	if (c->next)
		c->next->prev = c->prev;
	c->next = c->prev = NULL;
}

static struct chunk *new_slab(unsigned int cls)
{
	struct chunk *c = page_ops->alloc_pages(0);
	size_t sz = class_size(cls);

	if (!c)
		return NULL;
	*c = (struct chunk){ .magic = CHUNK_MAGIC_SLAB, .cls = (uint16_t)cls };
	c->capacity = (uint32_t)((HEAP_PAGE_SIZE - HEADER_BYTES) / sz);
	for (uint32_t i = c->capacity; i-- > 0;) {
		struct free_obj *o = (struct free_obj *)((char *)c + HEADER_BYTES + i * sz);
		o->next = c->free;
		c->free = o;
	}
	stats.pages++;
	partial_add(c);
	return c;
}

void *xmalloc_bytes(size_t size)
{
	if (size == 0 || !page_ops)
		return NULL;

	if (size <= HEAP_MAX_SMALL) {
		unsigned int cls = size_to_class(size);
		struct chunk *c = partial[cls];
		if (!c && !(c = new_slab(cls)))
			return NULL;
		struct free_obj *o = c->free;
		c->free = o->next;
		if (++c->in_use == c->capacity)
			partial_remove(c);
		stats.bytes_in_use += class_size(cls);
		stats.allocations++;
		return o;
	}

	if (size > ((size_t)1 << 40))
		return NULL;
	unsigned int order = 0;
	while ((HEAP_PAGE_SIZE << order) < size + HEADER_BYTES)
		order++;
	struct chunk *c = page_ops->alloc_pages(order);
	if (!c)
		return NULL;
	*c = (struct chunk){ .magic = CHUNK_MAGIC_LARGE, .order = (uint16_t)order };
	stats.pages += 1UL << order;
	stats.bytes_in_use += HEAP_PAGE_SIZE << order;
	stats.allocations++;
	return (char *)c + HEADER_BYTES;
}

void *xzalloc_bytes(size_t size)
{
	void *p = xmalloc_bytes(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void xfree(void *p)
{
	if (!p)
		return;
	struct chunk *c = (struct chunk *)((uintptr_t)p & ~(HEAP_PAGE_SIZE - 1));

	if (c->magic == CHUNK_MAGIC_LARGE) {
		stats.pages -= 1UL << c->order;
		stats.bytes_in_use -= HEAP_PAGE_SIZE << c->order;
		stats.allocations--;
		c->magic = 0;
		page_ops->free_pages(c, c->order);
		return;
	}
	if (c->magic != CHUNK_MAGIC_SLAB)
		return; /* not ours: ignore rather than corrupt */

	struct free_obj *o = p;
	bool was_full = c->in_use == c->capacity;
	o->next = c->free;
	c->free = o;
	c->in_use--;
	stats.bytes_in_use -= class_size(c->cls);
	stats.allocations--;
	if (was_full)
		partial_add(c);
	/* Give an empty slab back: the frames count as free again (physinfo, leak checks). */
	if (c->in_use == 0) {
		partial_remove(c);
		c->magic = 0;
		stats.pages--;
		page_ops->free_pages(c, 0);
	}
}

struct heap_stats heap_get_stats(void)
{
	return stats;
}
