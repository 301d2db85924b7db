/*
 * buddy.c - the buddy allocator of machine frames (rules in lamina/page_info.h
 * and lamina/buddy.h). Pure logic, unit-tested hosted (tests/unit/test_buddy.c).
 */
#include <lamina/buddy.h>
#include <lamina/errno.h>

static void list_push(struct buddy *b, unsigned long mfn, unsigned int order)
{
	struct page_info *pg = &b->frames[mfn];
	uint32_t head = b->free_head[order];

	pg->prev = FRAME_LINK_NONE;
	pg->next = head;
	if (head != FRAME_LINK_NONE)
		b->frames[head].prev = (uint32_t)mfn;
	b->free_head[order] = (uint32_t)mfn;
	pg->order = (uint8_t)order;
	pg->count_info |= PGC_buddy_head;
	b->free_blocks[order]++;
}

static void list_remove(struct buddy *b, unsigned long mfn, unsigned int order)
{
	struct page_info *pg = &b->frames[mfn];

	if (pg->prev != FRAME_LINK_NONE)
		b->frames[pg->prev].next = pg->next;
	else
		b->free_head[order] = pg->next;
	if (pg->next != FRAME_LINK_NONE)
		b->frames[pg->next].prev = pg->prev;
	pg->count_info &= ~PGC_buddy_head;
	b->free_blocks[order]--;
}

static bool is_free_head(const struct buddy *b, unsigned long mfn, unsigned int order)
{
	const struct page_info *pg = &b->frames[mfn];

	return (pg->count_info & PGC_buddy_head) && pg->order == order;
}

void buddy_init(struct buddy *b, struct page_info *frames, unsigned long nr_frames)
{
	b->frames = frames;
	b->nr_frames = nr_frames;
	b->free_pages = 0;
	b->dirty_head = FRAME_LINK_NONE;
	b->dirty_pages = 0;
	for (unsigned int o = 0; o <= BUDDY_MAX_ORDER; o++) {
		b->free_head[o] = FRAME_LINK_NONE;
		b->free_blocks[o] = 0;
	}
	for (unsigned long i = 0; i < nr_frames; i++)
		frames[i] = (struct page_info){ .next = FRAME_LINK_NONE,
						.prev = FRAME_LINK_NONE,
						.owner = DOMID_NONE_OWNER };
}

/* Insert a block whose frames are all marked free, merging with its buddies. */
static void insert_merging(struct buddy *b, unsigned long mfn, unsigned int order)
{
	while (order < BUDDY_MAX_ORDER) {
		unsigned long buddy = mfn ^ (1UL << order);
		if (buddy + (1UL << order) > b->nr_frames || !is_free_head(b, buddy, order))
			break;
		list_remove(b, buddy, order);
		mfn &= ~(1UL << order);
		order++;
	}
	list_push(b, mfn, order);
}

/* free_block - buddy_free, the frames marked PGC_free plus `flags`. */
static int free_block(struct buddy *b, unsigned long mfn, unsigned int order, uint32_t flags)
{
	if (order > BUDDY_MAX_ORDER)
		return -EINVAL;

	unsigned long n = 1UL << order;

	if ((mfn & (n - 1)) || mfn >= b->nr_frames || n > b->nr_frames - mfn)
		return -EINVAL;
	for (unsigned long i = 0; i < n; i++)
		if (!(b->frames[mfn + i].count_info & PGC_allocated))
			return -EINVAL;
	for (unsigned long i = 0; i < n; i++) {
		struct page_info *pg = &b->frames[mfn + i];
		pg->count_info = PGC_free | flags;
		pg->type_info = 0;
		pg->owner = DOMID_NONE_OWNER;
	}
	b->free_pages += n;
	insert_merging(b, mfn, order);
	return 0;
}

int buddy_free(struct buddy *b, unsigned long mfn, unsigned int order)
{
	return free_block(b, mfn, order, 0);
}

int buddy_free_scrubbed(struct buddy *b, unsigned long mfn, unsigned int order)
{
	return free_block(b, mfn, order, PGC_scrubbed);
}

int buddy_free_dirty(struct buddy *b, unsigned long mfn)
{
	if (mfn >= b->nr_frames || !(b->frames[mfn].count_info & PGC_allocated))
		return -EINVAL;

	struct page_info *pg = &b->frames[mfn];
	pg->count_info = PGC_need_scrub;
	pg->type_info = 0;
	pg->owner = DOMID_NONE_OWNER;
	pg->prev = FRAME_LINK_NONE;
	pg->next = b->dirty_head;
	b->dirty_head = (uint32_t)mfn;
	b->dirty_pages++;
	return 0;
}

unsigned long buddy_take_dirty(struct buddy *b)
{
	unsigned long mfn = b->dirty_head;

	if (mfn == FRAME_LINK_NONE)
		return INVALID_MFN;
	b->dirty_head = b->frames[mfn].next;
	b->frames[mfn].next = FRAME_LINK_NONE;
	b->frames[mfn].count_info = PGC_allocated;
	b->dirty_pages--;
	return mfn;
}

int buddy_add_range(struct buddy *b, unsigned long mfn, unsigned long nr)
{
	if (mfn > b->nr_frames || nr > b->nr_frames - mfn)
		return -EINVAL;
	for (unsigned long i = 0; i < nr; i++)
		if (b->frames[mfn + i].count_info & PGC_free)
			return -EINVAL;

	while (nr) {
		/* The largest naturally aligned block that starts at mfn and fits. */
		unsigned int order = 0;
		while (order < BUDDY_MAX_ORDER && !(mfn & (1UL << order)) &&
		       (2UL << order) <= nr)
			order++;
		unsigned long n = 1UL << order;
		for (unsigned long i = 0; i < n; i++)
			b->frames[mfn + i].count_info = PGC_allocated;
		buddy_free(b, mfn, order);
		mfn += n;
		nr -= n;
	}
	return 0;
}

/* take - remove free block mfn of order o and split it down to `order`, keeping its start. */
static unsigned long take(struct buddy *b, unsigned long mfn, unsigned int o, unsigned int order)
{
	list_remove(b, mfn, o);
	/* Split: hand back the upper halves until the block is the right size. */
	while (o > order) {
		o--;
		list_push(b, mfn + (1UL << o), o);
	}
	unsigned long n = 1UL << order;
	for (unsigned long i = 0; i < n; i++) {
		struct page_info *pg = &b->frames[mfn + i];
		pg->count_info = PGC_allocated | (pg->count_info & PGC_scrubbed);
	}
	b->free_pages -= n;
	return mfn;
}

unsigned long buddy_alloc(struct buddy *b, unsigned int order)
{
	unsigned int o = order;

	if (order > BUDDY_MAX_ORDER)
		return INVALID_MFN;
	while (o <= BUDDY_MAX_ORDER && b->free_head[o] == FRAME_LINK_NONE)
		o++;
	if (o > BUDDY_MAX_ORDER)
		return INVALID_MFN;
	return take(b, b->free_head[o], o, order);
}

unsigned long buddy_alloc_below(struct buddy *b, unsigned int order, unsigned long limit)
{
	if (order > BUDDY_MAX_ORDER)
		return INVALID_MFN;
	for (unsigned int o = order; o <= BUDDY_MAX_ORDER; o++)
		for (unsigned long mfn = b->free_head[o]; mfn != FRAME_LINK_NONE;
		     mfn = b->frames[mfn].next)
			if (mfn + (1UL << order) <= limit)
				return take(b, mfn, o, order);
	return INVALID_MFN;
}
