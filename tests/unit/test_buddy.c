/*
 * test_buddy.c - the buddy allocator of machine frames (hypervisor/common/buddy.c)
 * over frame tables of our own (calloc'd, never touched by the allocator
 * except through struct page_info).
 */
#include <stdlib.h>
#include <string.h>

#include <lamina/buddy.h>
#include <lamina/errno.h>

#include "unit.h"

/*
 * CHECK - an assertion for hot loops. A passing ck_assert records a
 * checkpoint (a pipe write in fork mode); this costs nothing when it holds.
 */
#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			ck_abort_msg(__VA_ARGS__);                                                 \
	} while (0)

#define BIG_FRAMES 70000UL /* not a power of two: odd-sized top blocks */
#define SMALL_FRAMES 64UL

static struct page_info *frames;
static struct buddy bd;

static void setup_frames(unsigned long nr)
{
	frames = calloc(nr, sizeof(*frames));
	ck_assert_ptr_nonnull(frames);
	buddy_init(&bd, frames, nr);
}

static void teardown_frames(void)
{
	free(frames);
	frames = NULL;
}

/* A deterministic xorshift PRNG, so failures reproduce. */
static uint64_t rng_state;

static uint64_t rng(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

/*
 * check_consistency - recount the free blocks from the frame table and the
 * free lists and compare them with the allocator's counters:
 *   - every PGC_buddy_head frame starts an aligned block inside the table
 *     whose frames are all PGC_free and none allocated;
 *   - every PGC_free frame is covered by exactly one free block;
 *   - the free lists hold exactly the heads of each order, doubly linked;
 *   - no two free buddies of one order below the maximum coexist (they
 *     would have merged).
 */
static void check_consistency(const struct buddy *b)
{
	unsigned long blocks[BUDDY_MAX_ORDER + 1] = { 0 };
	unsigned long pages = 0, covered_free = 0, marked_free = 0;

	for (unsigned long m = 0; m < b->nr_frames; m++) {
		const struct page_info *pg = &b->frames[m];

		if (pg->count_info & PGC_free)
			marked_free++;
		CHECK(!((pg->count_info & PGC_free) && (pg->count_info & PGC_allocated)),
		      "frame %lu both free and allocated", m);
	}
	for (unsigned long m = 0; m < b->nr_frames; m++) {
		const struct page_info *pg = &b->frames[m];

		if (!(pg->count_info & PGC_buddy_head))
			continue;
		unsigned int o = pg->order;
		unsigned long n = 1UL << (o & 63);

		CHECK(o <= BUDDY_MAX_ORDER, "free block %lu has order %u", m, o);
		CHECK((m & (n - 1)) == 0, "free block %lu misaligned for order %u", m, o);
		CHECK(m + n <= b->nr_frames, "free block %lu order %u leaves the table", m, o);
		for (unsigned long i = 0; i < n; i++) {
			CHECK(b->frames[m + i].count_info & PGC_free,
			      "frame %lu of free block %lu not PGC_free", m + i, m);
			CHECK(i == 0 || !(b->frames[m + i].count_info & PGC_buddy_head),
			      "free block %lu order %u contains another head %lu", m, o, m + i);
		}
		blocks[o]++;
		pages += n;
		covered_free += n;
		if (o < BUDDY_MAX_ORDER) {
			unsigned long buddy = m ^ n;
			if (buddy + n <= b->nr_frames) {
				const struct page_info *bp = &b->frames[buddy];
				CHECK(!((bp->count_info & PGC_buddy_head) && bp->order == o),
				      "free buddies %lu and %lu of order %u not merged", m, buddy,
				      o);
			}
		}
		m += n - 1; /* skip the block's frames */
	}
	ck_assert_uint_eq(covered_free, marked_free);
	ck_assert_uint_eq(pages, b->free_pages);

	for (unsigned int o = 0; o <= BUDDY_MAX_ORDER; o++) {
		unsigned long count = 0;
		uint32_t prev = FRAME_LINK_NONE;

		ck_assert_uint_eq(blocks[o], b->free_blocks[o]);
		for (uint32_t m = b->free_head[o]; m != FRAME_LINK_NONE; m = b->frames[m].next) {
			CHECK(m < b->nr_frames, "list %u links to %u, outside the table", o, m);
			CHECK(b->frames[m].count_info & PGC_buddy_head, "list %u holds non-head %u",
			      o, m);
			CHECK(b->frames[m].order == o, "list %u holds %u of order %u", o, m,
			      b->frames[m].order);
			CHECK(b->frames[m].prev == prev, "list %u: %u has prev %u, want %u", o, m,
			      b->frames[m].prev, prev);
			prev = m;
			count++;
			CHECK(count <= blocks[o], "list %u longer than its %lu blocks", o,
			      blocks[o]);
		}
		ck_assert_uint_eq(count, blocks[o]);
	}
}

static unsigned long total_free_blocks(const struct buddy *b)
{
	unsigned long n = 0;

	for (unsigned int o = 0; o <= BUDDY_MAX_ORDER; o++)
		n += b->free_blocks[o];
	return n;
}

/* ---- basics ---- */

START_TEST(init_is_empty)
{
	setup_frames(SMALL_FRAMES);
	ck_assert_uint_eq(bd.free_pages, 0);
	ck_assert_uint_eq(total_free_blocks(&bd), 0);
	for (unsigned int o = 0; o <= BUDDY_MAX_ORDER; o++)
		ck_assert_uint_eq(buddy_alloc(&bd, o), INVALID_MFN);
	for (unsigned long m = 0; m < SMALL_FRAMES; m++)
		CHECK(frames[m].count_info == 0 && frames[m].owner == DOMID_NONE_OWNER &&
			      frames[m].next == FRAME_LINK_NONE &&
			      frames[m].prev == FRAME_LINK_NONE,
		      "frame %lu not initialized", m);
	/* Freeing a frame never given to the allocator is refused. */
	ck_assert_int_eq(buddy_free(&bd, 0, 0), -EINVAL);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(add_aligned_range_is_one_block)
{
	setup_frames(SMALL_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 0, 64), 0);
	ck_assert_uint_eq(bd.free_pages, 64);
	ck_assert_uint_eq(bd.free_blocks[6], 1);
	ck_assert_uint_eq(total_free_blocks(&bd), 1);
	ck_assert_uint_eq(bd.free_head[6], 0);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(split_and_merge)
{
	setup_frames(SMALL_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 0, 64), 0);

	unsigned long m = buddy_alloc(&bd, 0);
	ck_assert_uint_lt(m, 64);
	ck_assert_uint_eq(frames[m].count_info, PGC_allocated);
	ck_assert_uint_eq(bd.free_pages, 63);
	/*
	 * Exactly one free block of each order below 6, none of 6: at each
	 * order o, the buddy of the order-o block holding m.
	 */
	for (unsigned int o = 0; o < 6; o++) {
		ck_assert_uint_eq(bd.free_blocks[o], 1);
		ck_assert_uint_eq(bd.free_head[o], ((m >> o) ^ 1) << o);
	}
	ck_assert_uint_eq(bd.free_blocks[6], 0);
	check_consistency(&bd);

	ck_assert_int_eq(buddy_free(&bd, m, 0), 0);
	ck_assert_uint_eq(bd.free_pages, 64);
	ck_assert_uint_eq(bd.free_blocks[6], 1);
	ck_assert_uint_eq(total_free_blocks(&bd), 1);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(split_and_merge_mid_order)
{
	setup_frames(SMALL_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 0, 64), 0);

	unsigned long a = buddy_alloc(&bd, 3);
	unsigned long b = buddy_alloc(&bd, 3);
	ck_assert_uint_eq(a % 8, 0);
	ck_assert_uint_eq(b % 8, 0);
	ck_assert_uint_ne(a, b);
	ck_assert_uint_eq(bd.free_pages, 48);
	/* 64 = 8 + 8 + 16 + 32: one block each of orders 4 and 5 left. */
	ck_assert_uint_eq(bd.free_blocks[3], 0);
	ck_assert_uint_eq(bd.free_blocks[4], 1);
	ck_assert_uint_eq(bd.free_blocks[5], 1);
	check_consistency(&bd);

	/* Free in the other order; the buddies still merge fully. */
	ck_assert_int_eq(buddy_free(&bd, b, 3), 0);
	check_consistency(&bd);
	ck_assert_int_eq(buddy_free(&bd, a, 3), 0);
	ck_assert_uint_eq(bd.free_blocks[6], 1);
	ck_assert_uint_eq(total_free_blocks(&bd), 1);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(no_merge_with_allocated_buddy)
{
	setup_frames(SMALL_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 0, 2), 0);
	unsigned long a = buddy_alloc(&bd, 0);
	unsigned long b = buddy_alloc(&bd, 0);
	ck_assert_uint_eq(buddy_alloc(&bd, 0), INVALID_MFN);
	ck_assert_uint_eq(a ^ b, 1);

	ck_assert_int_eq(buddy_free(&bd, a, 0), 0);
	ck_assert_uint_eq(bd.free_blocks[0], 1);
	ck_assert_uint_eq(bd.free_blocks[1], 0);
	check_consistency(&bd);
	ck_assert_int_eq(buddy_free(&bd, b, 0), 0);
	ck_assert_uint_eq(bd.free_blocks[0], 0);
	ck_assert_uint_eq(bd.free_blocks[1], 1);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(alloc_prefers_smallest_fitting_block)
{
	setup_frames(SMALL_FRAMES);
	/* Frames 0-31 (order 5) and frame 40 (order 0): order 0 must use frame 40. */
	ck_assert_int_eq(buddy_add_range(&bd, 0, 32), 0);
	ck_assert_int_eq(buddy_add_range(&bd, 40, 1), 0);
	ck_assert_uint_eq(buddy_alloc(&bd, 0), 40);
	ck_assert_uint_eq(bd.free_blocks[5], 1);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(alloc_below_limit)
{
	setup_frames(BIG_FRAMES);
	/* Frames 4096-8191 (order 12) and 0-15 (order 4) free. */
	ck_assert_int_eq(buddy_add_range(&bd, 4096, 4096), 0);
	ck_assert_int_eq(buddy_add_range(&bd, 0, 16), 0);
	/* Below frame 16: only the low block fits, even though a larger one is free. */
	ck_assert_uint_eq(buddy_alloc_below(&bd, 2, 16), 0);
	ck_assert_uint_eq(buddy_alloc_below(&bd, 2, 16), 4);
	ck_assert_uint_eq(buddy_alloc_below(&bd, 3, 16), 8);
	ck_assert_uint_eq(buddy_alloc_below(&bd, 0, 16), INVALID_MFN);
	/* A large block qualifies by its start: 4096 + 64 <= 4160. */
	ck_assert_uint_eq(buddy_alloc_below(&bd, 6, 4160), 4096);
	ck_assert_uint_eq(buddy_alloc_below(&bd, 6, 4160), INVALID_MFN);
	ck_assert_uint_eq(buddy_alloc_below(&bd, 6, 8192), 4160);
	ck_assert_uint_eq(buddy_alloc_below(&bd, BUDDY_MAX_ORDER + 1, ~0UL), INVALID_MFN);
	ck_assert_uint_eq(bd.free_pages, 4096 - 128);
	check_consistency(&bd);
	/* Everything handed out goes back and merges. */
	ck_assert_int_eq(buddy_free(&bd, 0, 2), 0);
	ck_assert_int_eq(buddy_free(&bd, 4, 2), 0);
	ck_assert_int_eq(buddy_free(&bd, 8, 3), 0);
	ck_assert_int_eq(buddy_free(&bd, 4096, 6), 0);
	ck_assert_int_eq(buddy_free(&bd, 4160, 6), 0);
	ck_assert_uint_eq(bd.free_blocks[12], 1);
	ck_assert_uint_eq(bd.free_blocks[4], 1);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

/* ---- exhaustion and limits ---- */

START_TEST(exhaust_order0)
{
	setup_frames(BIG_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 0, BIG_FRAMES), 0);
	ck_assert_uint_eq(bd.free_pages, BIG_FRAMES);
	check_consistency(&bd);

	unsigned char *seen = calloc(BIG_FRAMES, 1);
	unsigned long count = 0, m;

	ck_assert_ptr_nonnull(seen);
	while ((m = buddy_alloc(&bd, 0)) != INVALID_MFN) {
		CHECK(m < BIG_FRAMES, "frame %lu outside the table", m);
		CHECK(!seen[m], "frame %lu handed out twice", m);
		seen[m] = 1;
		count++;
		CHECK(count <= BIG_FRAMES, "more frames handed out than added");
	}
	ck_assert_uint_eq(count, BIG_FRAMES);
	ck_assert_uint_eq(bd.free_pages, 0);
	ck_assert_uint_eq(total_free_blocks(&bd), 0);
	for (unsigned int o = 0; o <= BUDDY_MAX_ORDER; o++)
		ck_assert_uint_eq(buddy_alloc(&bd, o), INVALID_MFN);
	check_consistency(&bd);

	/* Give everything back in a scrambled order: it all merges again. */
	for (unsigned long k = 0; k < BIG_FRAMES; k++) {
		m = (k * 40503UL) % BIG_FRAMES; /* 40503 is coprime with 70000 */
		CHECK(buddy_free(&bd, m, 0) == 0, "freeing frame %lu failed", m);
	}
	ck_assert_uint_eq(bd.free_pages, BIG_FRAMES);
	/* 70000 = 65536 + 4096 + 256 + 64 + 32 + 16 */
	ck_assert_uint_eq(bd.free_blocks[16], 1);
	ck_assert_uint_eq(bd.free_blocks[12], 1);
	ck_assert_uint_eq(bd.free_blocks[8], 1);
	ck_assert_uint_eq(bd.free_blocks[6], 1);
	ck_assert_uint_eq(bd.free_blocks[5], 1);
	ck_assert_uint_eq(bd.free_blocks[4], 1);
	ck_assert_uint_eq(total_free_blocks(&bd), 6);
	check_consistency(&bd);
	free(seen);
	teardown_frames();
}
END_TEST

START_TEST(exhaust_large_orders)
{
	setup_frames(BIG_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 0, BIG_FRAMES), 0);
	/* 70000 frames hold exactly 17 blocks of 4096 (69632 frames). */
	unsigned long count = 0;
	while (buddy_alloc(&bd, 12) != INVALID_MFN)
		count++;
	ck_assert_uint_eq(count, 17);
	ck_assert_uint_eq(bd.free_pages, BIG_FRAMES - 17 * 4096);
	check_consistency(&bd);
	/* The remaining 368 frames still serve smaller orders. */
	ck_assert_uint_ne(buddy_alloc(&bd, 8), INVALID_MFN);
	ck_assert_uint_eq(buddy_alloc(&bd, 8), INVALID_MFN);
	ck_assert_uint_eq(bd.free_pages, 368 - 256);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(order_too_large)
{
	setup_frames(SMALL_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 0, SMALL_FRAMES), 0);
	ck_assert_uint_eq(buddy_alloc(&bd, BUDDY_MAX_ORDER + 1), INVALID_MFN);
	ck_assert_uint_eq(buddy_alloc(&bd, 63), INVALID_MFN);
	ck_assert_uint_eq(buddy_alloc(&bd, 64), INVALID_MFN);
	ck_assert_uint_eq(buddy_alloc(&bd, ~0U), INVALID_MFN);
	ck_assert_uint_eq(buddy_alloc(&bd, 7), INVALID_MFN); /* larger than all memory */
	ck_assert_uint_eq(bd.free_pages, SMALL_FRAMES);

	unsigned long m = buddy_alloc(&bd, 0);
	ck_assert_int_eq(buddy_free(&bd, m, BUDDY_MAX_ORDER + 1), -EINVAL);
	ck_assert_int_eq(buddy_free(&bd, m, 64), -EINVAL);
	ck_assert_int_eq(buddy_free(&bd, m, ~0U), -EINVAL);
	ck_assert_int_eq(buddy_free(&bd, m, 0), 0);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(max_order_blocks_do_not_merge)
{
	/* Two max-order blocks side by side: they stay two blocks. */
	unsigned long nr = 2UL << BUDDY_MAX_ORDER;

	setup_frames(nr);
	ck_assert_int_eq(buddy_add_range(&bd, 0, nr), 0);
	ck_assert_uint_eq(bd.free_blocks[BUDDY_MAX_ORDER], 2);
	ck_assert_uint_eq(total_free_blocks(&bd), 2);
	check_consistency(&bd);

	unsigned long a = buddy_alloc(&bd, BUDDY_MAX_ORDER);
	unsigned long b = buddy_alloc(&bd, BUDDY_MAX_ORDER);
	ck_assert_uint_eq(a % (1UL << BUDDY_MAX_ORDER), 0);
	ck_assert_uint_eq(b % (1UL << BUDDY_MAX_ORDER), 0);
	ck_assert_uint_ne(a, b);
	ck_assert_uint_eq(buddy_alloc(&bd, 0), INVALID_MFN);
	ck_assert_int_eq(buddy_free(&bd, a, BUDDY_MAX_ORDER), 0);
	ck_assert_int_eq(buddy_free(&bd, b, BUDDY_MAX_ORDER), 0);
	ck_assert_uint_eq(bd.free_blocks[BUDDY_MAX_ORDER], 2);
	check_consistency(&bd);

	/* Halves of a max-order block merge all the way back up to it. */
	unsigned long h1 = buddy_alloc(&bd, BUDDY_MAX_ORDER - 1);
	unsigned long h2 = buddy_alloc(&bd, BUDDY_MAX_ORDER - 1);
	ck_assert_uint_eq(h1 ^ h2, 1UL << (BUDDY_MAX_ORDER - 1));
	ck_assert_uint_eq(bd.free_blocks[BUDDY_MAX_ORDER], 1);
	ck_assert_int_eq(buddy_free(&bd, h1, BUDDY_MAX_ORDER - 1), 0);
	ck_assert_int_eq(buddy_free(&bd, h2, BUDDY_MAX_ORDER - 1), 0);
	ck_assert_uint_eq(bd.free_blocks[BUDDY_MAX_ORDER], 2);
	ck_assert_uint_eq(bd.free_blocks[BUDDY_MAX_ORDER - 1], 0);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

/* ---- refused operations ---- */

START_TEST(double_free)
{
	setup_frames(SMALL_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 0, SMALL_FRAMES), 0);
	unsigned long a = buddy_alloc(&bd, 0);
	unsigned long b = buddy_alloc(&bd, 2);

	ck_assert_int_eq(buddy_free(&bd, a, 0), 0);
	ck_assert_int_eq(buddy_free(&bd, a, 0), -EINVAL);
	ck_assert_int_eq(buddy_free(&bd, b, 2), 0);
	ck_assert_int_eq(buddy_free(&bd, b, 2), -EINVAL);
	ck_assert_uint_eq(bd.free_pages, SMALL_FRAMES);
	ck_assert_uint_eq(bd.free_blocks[6], 1);
	check_consistency(&bd);

	/* A block only partly allocated is refused as a whole. */
	unsigned long c = buddy_alloc(&bd, 0); /* frame 0; frame 1 stays free */
	ck_assert_uint_eq(c, 0);
	ck_assert_int_eq(buddy_free(&bd, 0, 1), -EINVAL);
	ck_assert_uint_eq(frames[0].count_info, PGC_allocated);
	ck_assert_uint_eq(bd.free_pages, SMALL_FRAMES - 1);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

/* ---- the dirty list and clean frames ---- */

START_TEST(dirty_frames_wait_off_the_free_lists)
{
	setup_frames(SMALL_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 0, SMALL_FRAMES), 0);
	unsigned long a = buddy_alloc(&bd, 0), b = buddy_alloc(&bd, 0);

	ck_assert_int_eq(buddy_free_dirty(&bd, a), 0);
	ck_assert_int_eq(buddy_free_dirty(&bd, b), 0);
	ck_assert_uint_eq(bd.dirty_pages, 2);
	ck_assert_uint_eq(bd.free_pages, SMALL_FRAMES - 2);
	ck_assert_uint_eq(frames[a].count_info, PGC_need_scrub);
	ck_assert_uint_eq(frames[a].owner, DOMID_NONE_OWNER);
	check_consistency(&bd);

	/* Neither free again nor dirty twice; the allocator never hands them out. */
	ck_assert_int_eq(buddy_free(&bd, a, 0), -EINVAL);
	ck_assert_int_eq(buddy_free_dirty(&bd, a), -EINVAL);
	ck_assert_int_eq(buddy_free_dirty(&bd, SMALL_FRAMES), -EINVAL);
	for (unsigned long i = 0; i < SMALL_FRAMES - 2; i++) {
		unsigned long m = buddy_alloc(&bd, 0);
		ck_assert_uint_ne(m, a);
		ck_assert_uint_ne(m, b);
	}
	ck_assert_uint_eq(buddy_alloc(&bd, 0), INVALID_MFN);

	/* Taken back most recent first, allocated again. */
	ck_assert_uint_eq(buddy_take_dirty(&bd), b);
	ck_assert_uint_eq(frames[b].count_info, PGC_allocated);
	ck_assert_uint_eq(bd.dirty_pages, 1);
	ck_assert_uint_eq(buddy_take_dirty(&bd), a);
	ck_assert_uint_eq(buddy_take_dirty(&bd), INVALID_MFN);
	ck_assert_uint_eq(bd.dirty_pages, 0);
	teardown_frames();
}
END_TEST

START_TEST(scrubbed_flag_lasts_until_next_use)
{
	setup_frames(SMALL_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 0, SMALL_FRAMES), 0);
	unsigned long a = buddy_alloc(&bd, 2);

	ck_assert_uint_eq(frames[a].count_info, PGC_allocated); /* never cleared: no flag */
	ck_assert_int_eq(buddy_free_scrubbed(&bd, a, 2), 0);
	for (unsigned long i = 0; i < 4; i++)
		ck_assert_uint_eq(frames[a + i].count_info & ~PGC_buddy_head,
				  PGC_free | PGC_scrubbed);
	check_consistency(&bd);

	/* Merged into a bigger block and split again, the frames keep the flag. */
	ck_assert_uint_eq(bd.free_blocks[6], 1);
	unsigned long b = buddy_alloc(&bd, 0);
	ck_assert_uint_eq(b, a);
	ck_assert_uint_eq(frames[b].count_info, PGC_allocated | PGC_scrubbed);
	unsigned long c = buddy_alloc(&bd, 0);
	ck_assert_uint_eq(frames[c].count_info, PGC_allocated | PGC_scrubbed);

	/* A plain free means "contents unknown": the flag goes. */
	ck_assert_int_eq(buddy_free(&bd, b, 0), 0);
	ck_assert_uint_eq(frames[b].count_info & PGC_scrubbed, 0);
	ck_assert_uint_eq(frames[buddy_alloc(&bd, 0)].count_info, PGC_allocated);

	/* A dirty frame taken back and freed as scrubbed is clean. */
	ck_assert_int_eq(buddy_free_dirty(&bd, c), 0);
	ck_assert_uint_eq(buddy_take_dirty(&bd), c);
	ck_assert_int_eq(buddy_free_scrubbed(&bd, c, 0), 0);
	ck_assert_uint_eq(frames[c].count_info & PGC_scrubbed, PGC_scrubbed);
	ck_assert_int_eq(buddy_free_scrubbed(&bd, c, 0), -EINVAL); /* double free */
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(misaligned_free)
{
	setup_frames(SMALL_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 0, SMALL_FRAMES), 0);
	unsigned long a = buddy_alloc(&bd, 3);

	ck_assert_int_eq(buddy_free(&bd, a + 1, 3), -EINVAL);
	ck_assert_int_eq(buddy_free(&bd, a + 4, 3), -EINVAL);
	ck_assert_int_eq(buddy_free(&bd, a + 2, 1), 0); /* aligned sub-block: allowed */
	ck_assert_uint_eq(bd.free_pages, SMALL_FRAMES - 6);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(free_outside_table)
{
	setup_frames(SMALL_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 0, SMALL_FRAMES), 0);
	ck_assert_int_eq(buddy_free(&bd, SMALL_FRAMES, 0), -EINVAL);
	ck_assert_int_eq(buddy_free(&bd, ~0UL, 0), -EINVAL);
	ck_assert_int_eq(buddy_free(&bd, 0, 7), -EINVAL); /* 128 frames > 64 */
	ck_assert_int_eq(buddy_free(&bd, 1UL << 40, 10), -EINVAL);
	ck_assert_uint_eq(bd.free_pages, SMALL_FRAMES);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(add_range_twice)
{
	setup_frames(SMALL_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 8, 16), 0);
	ck_assert_int_eq(buddy_add_range(&bd, 8, 16), -EINVAL);
	/* Overlapping only at the last frame: refused, and nothing added. */
	ck_assert_int_eq(buddy_add_range(&bd, 0, 9), -EINVAL);
	ck_assert_uint_eq(bd.free_pages, 16);
	for (unsigned long m = 0; m < 8; m++)
		ck_assert_uint_eq(frames[m].count_info, 0);
	/* Adjacent, not overlapping: accepted, and merges. */
	ck_assert_int_eq(buddy_add_range(&bd, 0, 8), 0);
	ck_assert_uint_eq(bd.free_pages, 24);
	ck_assert_uint_eq(bd.free_blocks[4], 1); /* 0-15 */
	ck_assert_uint_eq(bd.free_blocks[3], 1); /* 16-23 */
	ck_assert_uint_eq(total_free_blocks(&bd), 2);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(add_range_outside_table)
{
	setup_frames(SMALL_FRAMES);
	ck_assert_int_eq(buddy_add_range(&bd, 60, 5), -EINVAL);
	ck_assert_int_eq(buddy_add_range(&bd, 65, 1), -EINVAL);
	ck_assert_int_eq(buddy_add_range(&bd, 1, ~0UL), -EINVAL); /* mfn + nr wraps */
	ck_assert_int_eq(buddy_add_range(&bd, ~0UL, 2), -EINVAL);
	ck_assert_uint_eq(bd.free_pages, 0);
	ck_assert_int_eq(buddy_add_range(&bd, 60, 4), 0);
	ck_assert_int_eq(buddy_add_range(&bd, 64, 0), 0); /* empty, at the end */
	ck_assert_uint_eq(bd.free_pages, 4);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(add_unaligned_range)
{
	setup_frames(2048);
	ck_assert_int_eq(buddy_add_range(&bd, 3, 1000), 0);
	ck_assert_uint_eq(bd.free_pages, 1000);
	/*
	 * [3, 1003) in natural blocks: 3 (o0), 4-7 (o2), 8-15 (o3), 16-31 (o4),
	 * 32-63 (o5), 64-127 (o6), 128-255 (o7), 256-511 (o8), 512-767 (o8),
	 * 768-895 (o7), 896-959 (o6), 960-991 (o5), 992-999 (o3), 1000-1001 (o1),
	 * 1002 (o0).
	 */
	static const unsigned long want[BUDDY_MAX_ORDER + 1] = {
		[0] = 2, [1] = 1, [2] = 1, [3] = 2, [4] = 1, [5] = 2, [6] = 2, [7] = 2, [8] = 2,
	};
	for (unsigned int o = 0; o <= BUDDY_MAX_ORDER; o++)
		ck_assert_msg(bd.free_blocks[o] == want[o], "order %u: %lu blocks, want %lu", o,
			      bd.free_blocks[o], want[o]);
	check_consistency(&bd);

	/* Every frame given out lies in [3, 1003), each once. */
	unsigned char seen[2048] = { 0 };
	unsigned long m, count = 0;
	while ((m = buddy_alloc(&bd, 0)) != INVALID_MFN) {
		CHECK(m >= 3 && m < 1003, "frame %lu outside the range added", m);
		CHECK(!seen[m], "frame %lu handed out twice", m);
		seen[m] = 1;
		count++;
	}
	ck_assert_uint_eq(count, 1000);
	for (m = 0; m < 2048; m++)
		if (m < 3 || m >= 1003)
			CHECK(frames[m].count_info == 0, "frame %lu outside the range touched", m);
	/* Freeing everything merges back to exactly the blocks added. */
	for (m = 3; m < 1003; m++)
		CHECK(buddy_free(&bd, m, 0) == 0, "freeing frame %lu failed", m);
	for (unsigned int o = 0; o <= BUDDY_MAX_ORDER; o++)
		ck_assert_uint_eq(bd.free_blocks[o], want[o]);
	/* Frames 0-2 were never added: they never merge in. */
	ck_assert_int_eq(buddy_free(&bd, 2, 0), -EINVAL);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(unaligned_range_large_orders)
{
	setup_frames(2048);
	ck_assert_int_eq(buddy_add_range(&bd, 3, 1000), 0);
	/* Only blocks inside the range: two of order 8 (256-511, 512-767). */
	unsigned long a = buddy_alloc(&bd, 8), b = buddy_alloc(&bd, 8);
	ck_assert_uint_ne(a, INVALID_MFN);
	ck_assert_uint_ne(b, INVALID_MFN);
	ck_assert_uint_eq(buddy_alloc(&bd, 8), INVALID_MFN);
	ck_assert_uint_eq(buddy_alloc(&bd, 9), INVALID_MFN);
	ck_assert(a == 256 || a == 512);
	ck_assert(b == 256 || b == 512);
	ck_assert_uint_ne(a, b);
	check_consistency(&bd);
	teardown_frames();
}
END_TEST

START_TEST(ranges_with_holes)
{
	setup_frames(4096);
	/* Three ranges separated by holes: blocks never bridge a hole. */
	ck_assert_int_eq(buddy_add_range(&bd, 0, 100), 0);
	ck_assert_int_eq(buddy_add_range(&bd, 101, 1000), 0);
	ck_assert_int_eq(buddy_add_range(&bd, 2048, 2048), 0);
	ck_assert_uint_eq(bd.free_pages, 3148);
	check_consistency(&bd);

	unsigned long m;
	while ((m = buddy_alloc(&bd, 0)) != INVALID_MFN)
		CHECK(m != 100 && (m < 1101 || m >= 2048), "frame %lu is in a hole", m);
	ck_assert_uint_eq(frames[100].count_info, 0);
	ck_assert_uint_eq(bd.free_pages, 0);
	teardown_frames();
}
END_TEST

/* ---- randomized ---- */

struct live_block {
	unsigned long mfn;
	unsigned int order;
};

static void random_run(unsigned long nr, unsigned long start, unsigned long len, uint64_t seed,
		       unsigned int max_order, unsigned int steps)
{
	struct live_block *live = calloc(len, sizeof(*live));
	unsigned char *shadow = calloc(nr, 1);
	unsigned long nlive = 0, used = 0;

	ck_assert_ptr_nonnull(live);
	ck_assert_ptr_nonnull(shadow);
	setup_frames(nr);
	ck_assert_int_eq(buddy_add_range(&bd, start, len), 0);
	rng_state = seed;

	for (unsigned int step = 0; step < steps; step++) {
		bool do_alloc = nlive == 0 || (rng() % 100) < 55;

		if (do_alloc) {
			/* Small orders mostly, now and then a big one. */
			unsigned int order = (rng() % 8) ? rng() % 4 : rng() % (max_order + 1);
			unsigned long m = buddy_alloc(&bd, order);
			unsigned long n = 1UL << order;

			if (m == INVALID_MFN) {
				/* Only when no block that large is free. */
				for (unsigned int o = order; o <= BUDDY_MAX_ORDER; o++)
					CHECK(bd.free_blocks[o] == 0,
					      "order %u failed with %lu free of order %u", order,
					      bd.free_blocks[o], o);
				continue;
			}
			CHECK((m & (n - 1)) == 0, "mfn %lu not aligned to order %u", m, order);
			CHECK(m >= start && m + n <= start + len,
			      "block %lu order %u outside the range", m, order);
			for (unsigned long i = 0; i < n; i++) {
				CHECK(!shadow[m + i], "frame %lu handed out twice", m + i);
				shadow[m + i] = 1;
				CHECK(frames[m + i].count_info == PGC_allocated,
				      "frame %lu allocated but count_info %#x", m + i,
				      frames[m + i].count_info);
			}
			live[nlive++] = (struct live_block){ m, order };
			used += n;
		} else {
			unsigned long k = rng() % nlive;
			struct live_block blk = live[k];

			live[k] = live[--nlive];
			CHECK(buddy_free(&bd, blk.mfn, blk.order) == 0,
			      "freeing %lu order %u failed", blk.mfn, blk.order);
			for (unsigned long i = 0; i < (1UL << blk.order); i++)
				shadow[blk.mfn + i] = 0;
			used -= 1UL << blk.order;
		}
		CHECK(bd.free_pages == len - used, "step %u: free_pages %lu, want %lu", step,
		      bd.free_pages, len - used);
		if (step % 64 == 0)
			check_consistency(&bd);
	}
	check_consistency(&bd);

	/* Free whatever is left: back to the blocks a fresh add gives. */
	while (nlive) {
		struct live_block blk = live[--nlive];
		CHECK(buddy_free(&bd, blk.mfn, blk.order) == 0, "freeing %lu order %u failed",
		      blk.mfn, blk.order);
	}
	ck_assert_uint_eq(bd.free_pages, len);
	check_consistency(&bd);

	struct buddy fresh;
	struct page_info *fresh_frames = calloc(nr, sizeof(*fresh_frames));
	ck_assert_ptr_nonnull(fresh_frames);
	buddy_init(&fresh, fresh_frames, nr);
	ck_assert_int_eq(buddy_add_range(&fresh, start, len), 0);
	for (unsigned int o = 0; o <= BUDDY_MAX_ORDER; o++)
		ck_assert_uint_eq(bd.free_blocks[o], fresh.free_blocks[o]);
	for (unsigned long m = 0; m < nr; m++) {
		CHECK(frames[m].count_info == fresh_frames[m].count_info,
		      "frame %lu: count_info %#x, fresh %#x", m, frames[m].count_info,
		      fresh_frames[m].count_info);
		CHECK(!(frames[m].count_info & PGC_buddy_head) ||
			      frames[m].order == fresh_frames[m].order,
		      "frame %lu: order %u, fresh %u", m, frames[m].order, fresh_frames[m].order);
	}

	free(fresh_frames);
	free(live);
	free(shadow);
	teardown_frames();
}

START_TEST(random_big)
{
	random_run(BIG_FRAMES, 0, BIG_FRAMES, 0x9e3779b97f4a7c15ULL + (uint64_t)_i, 12, 4000);
}
END_TEST

START_TEST(random_unaligned)
{
	random_run(4096, 3, 3001, 0xdeadbeefcafef00dULL + (uint64_t)_i, 10, 4000);
}
END_TEST

START_TEST(random_small_pressure)
{
	/* A small table kept near exhaustion: many failed allocations. */
	random_run(SMALL_FRAMES, 1, 61, 0x0123456789abcdefULL + (uint64_t)_i, 6, 3000);
}
END_TEST

Suite *buddy_suite(void)
{
	Suite *s = suite_create("buddy");
	TCase *tc;

	tc = tcase_create("split_merge");
	tcase_add_test(tc, init_is_empty);
	tcase_add_test(tc, add_aligned_range_is_one_block);
	tcase_add_test(tc, split_and_merge);
	tcase_add_test(tc, split_and_merge_mid_order);
	tcase_add_test(tc, no_merge_with_allocated_buddy);
	tcase_add_test(tc, alloc_prefers_smallest_fitting_block);
	tcase_add_test(tc, alloc_below_limit);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, exhaust_order0);
	tcase_add_test(tc, exhaust_large_orders);
	tcase_add_test(tc, order_too_large);
	tcase_add_test(tc, max_order_blocks_do_not_merge);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, double_free);
	tcase_add_test(tc, misaligned_free);
	tcase_add_test(tc, free_outside_table);
	tcase_add_test(tc, add_range_twice);
	tcase_add_test(tc, add_range_outside_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("scrub");
	tcase_add_test(tc, dirty_frames_wait_off_the_free_lists);
	tcase_add_test(tc, scrubbed_flag_lasts_until_next_use);
	suite_add_tcase(s, tc);

	tc = tcase_create("ranges");
	tcase_add_test(tc, add_unaligned_range);
	tcase_add_test(tc, unaligned_range_large_orders);
	tcase_add_test(tc, ranges_with_holes);
	suite_add_tcase(s, tc);

	tc = tcase_create("random");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, random_big, 0, 3);
	tcase_add_loop_test(tc, random_unaligned, 0, 3);
	tcase_add_loop_test(tc, random_small_pressure, 0, 3);
	suite_add_tcase(s, tc);
	return s;
}
