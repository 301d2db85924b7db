/*
 * test_heap.c - xmalloc/xfree (hypervisor/common/heap.c) over a page source
 * of our own: aligned_alloc'd blocks of exactly 4096 << order bytes, so ASan
 * catches any access past an allocation's pages. The page source counts the
 * pages outstanding and can be told to fail.
 */
#include <stdlib.h>
#include <string.h>

#include <lamina/heap.h>

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

#define PAGE 4096UL
#define SOURCE_MAX_ORDER 12 /* larger requests fail, as an exhausted allocator would */

static long pages_out; /* pages handed to the heap and not yet returned */
static unsigned long alloc_calls, free_calls;
static long fail_after = -1; /* alloc_pages fails once this many more calls succeed */

/* Every block handed out and not returned, so teardown can free them all. */
static void **blocks;
static size_t nr_blocks, cap_blocks;

static void track(void *p)
{
	if (nr_blocks == cap_blocks) {
		cap_blocks = cap_blocks ? 2 * cap_blocks : 256;
		blocks = realloc(blocks, cap_blocks * sizeof(*blocks));
		ck_assert_ptr_nonnull(blocks);
	}
	blocks[nr_blocks++] = p;
}

static void untrack(void *p)
{
	for (size_t i = nr_blocks; i-- > 0;)
		if (blocks[i] == p) {
			blocks[i] = blocks[--nr_blocks];
			return;
		}
	ck_abort_msg("heap returned %p, which the page source never gave", p);
}

static void *test_alloc_pages(unsigned int order)
{
	alloc_calls++;
	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	if (order > SOURCE_MAX_ORDER)
		return NULL;
	void *p = aligned_alloc(PAGE, PAGE << order);
	if (p) {
		memset(p, 0xa5, PAGE << order); /* not zeroed: xzalloc must do it */
		pages_out += 1L << order;
		track(p);
	}
	return p;
}

static void test_free_pages(void *va, unsigned int order)
{
	free_calls++;
	ck_assert_ptr_nonnull(va);
	ck_assert_uint_eq((uintptr_t)va % PAGE, 0);
	pages_out -= 1L << order;
	untrack(va);
	free(va);
}

static const struct heap_page_ops test_ops = {
	.alloc_pages = test_alloc_pages,
	.free_pages = test_free_pages,
};

static void setup(void)
{
	pages_out = 0;
	alloc_calls = free_calls = 0;
	fail_after = -1;
	heap_init(&test_ops);
}

/* Free what the test still holds; setup resets the heap. */
static void teardown(void)
{
	for (size_t i = 0; i < nr_blocks; i++)
		free(blocks[i]);
	free(blocks);
	blocks = NULL;
	nr_blocks = cap_blocks = 0;
}

/* Every size class once, then free: every slab goes back to the page source. */
static void warm_up(void)
{
	void *p[HEAP_CLASSES];

	for (unsigned int c = 0; c < HEAP_CLASSES; c++) {
		p[c] = xmalloc_bytes((size_t)HEAP_MIN_SMALL << c);
		ck_assert_ptr_nonnull(p[c]);
	}
	for (unsigned int c = 0; c < HEAP_CLASSES; c++)
		xfree(p[c]);
}

static void assert_stats_match_source(void)
{
	struct heap_stats st = heap_get_stats();

	ck_assert_int_eq((long)st.pages, pages_out);
}

static uint64_t rng_state;

static uint64_t rng(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

static unsigned char pattern_byte(unsigned int tag, size_t i)
{
	return (unsigned char)(tag * 131 + i * 7 + 1);
}

static void fill(void *p, size_t n, unsigned int tag)
{
	unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		b[i] = pattern_byte(tag, i);
}

static void verify(const void *p, size_t n, unsigned int tag)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		CHECK(b[i] == pattern_byte(tag, i), "object %u byte %zu overwritten", tag, i);
}

/* ---- basics ---- */

START_TEST(zero_size_is_null)
{
	struct heap_stats before = heap_get_stats();

	ck_assert_ptr_null(xmalloc_bytes(0));
	ck_assert_ptr_null(xzalloc_bytes(0));
	struct heap_stats after = heap_get_stats();
	ck_assert_uint_eq(after.allocations, before.allocations);
	ck_assert_uint_eq(after.bytes_in_use, before.bytes_in_use);
	ck_assert_uint_eq(alloc_calls, 0);
}
END_TEST

START_TEST(xfree_null_is_harmless)
{
	warm_up();
	struct heap_stats before = heap_get_stats();
	unsigned long frees = free_calls;

	xfree(NULL);
	struct heap_stats after = heap_get_stats();
	ck_assert_uint_eq(after.allocations, before.allocations);
	ck_assert_uint_eq(after.bytes_in_use, before.bytes_in_use);
	ck_assert_uint_eq(after.pages, before.pages);
	ck_assert_uint_eq(free_calls, frees);
}
END_TEST

START_TEST(alignment_all_sizes)
{
	/* Every size up to a few pages, each 16-byte aligned and writable in full. */
	static void *ptrs[3 * 4096 + 1];
	const size_t max = 3 * PAGE;

	/* Small objects all stay live; large ones are freed at once (memory). */
	for (size_t sz = 1; sz <= max; sz++) {
		void *p = xmalloc_bytes(sz);
		CHECK(p, "size %zu: NULL", sz);
		CHECK((uintptr_t)p % 16 == 0, "size %zu: %p not 16-byte aligned", sz, p);
		memset(p, 0x5a, sz);
		ptrs[sz] = p;
		if (sz > HEAP_MAX_SMALL) {
			xfree(p);
			ptrs[sz] = NULL;
		}
	}
	ck_assert_uint_eq(heap_get_stats().allocations, HEAP_MAX_SMALL);
	for (size_t sz = 1; sz <= max; sz++)
		xfree(ptrs[sz]);
	ck_assert_uint_eq(heap_get_stats().allocations, 0);
	ck_assert_uint_eq(heap_get_stats().bytes_in_use, 0);
	assert_stats_match_source();
}
END_TEST

START_TEST(small_bytes_rounded_to_class)
{
	static const struct {
		size_t size, charged;
	} cases[] = {
		{ 1, 16 },	{ 15, 16 },	{ 16, 16 },	{ 17, 32 },	{ 32, 32 },
		{ 33, 64 },	{ 100, 128 },	{ 129, 256 },	{ 500, 512 },	{ 513, 1024 },
		{ 1024, 1024 }, { 1025, 2048 }, { 2047, 2048 }, { 2048, 2048 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct heap_stats before = heap_get_stats();
		void *p = xmalloc_bytes(cases[i].size);
		struct heap_stats mid = heap_get_stats();

		ck_assert_ptr_nonnull(p);
		ck_assert_msg(mid.bytes_in_use - before.bytes_in_use == cases[i].charged,
			      "size %zu charged %lu", cases[i].size,
			      mid.bytes_in_use - before.bytes_in_use);
		ck_assert_uint_eq(mid.allocations, before.allocations + 1);
		xfree(p);
		ck_assert_uint_eq(heap_get_stats().bytes_in_use, before.bytes_in_use);
		ck_assert_uint_eq(heap_get_stats().allocations, before.allocations);
	}
}
END_TEST

START_TEST(xzalloc_zeroes)
{
	/* Dirty some memory first so reuse would show stale bytes. */
	for (size_t sz = 16; sz <= 3 * PAGE; sz += sz / 2) {
		void *d = xmalloc_bytes(sz);
		ck_assert_ptr_nonnull(d);
		memset(d, 0xff, sz);
		xfree(d);

		unsigned char *z = xzalloc_bytes(sz);
		ck_assert_ptr_nonnull(z);
		for (size_t i = 0; i < sz; i++)
			CHECK(z[i] == 0, "size %zu byte %zu not zero", sz, i);
		xfree(z);
	}
	struct pair {
		long a, b;
	} *pr = xzalloc(struct pair);
	ck_assert_ptr_nonnull(pr);
	ck_assert_int_eq(pr->a, 0);
	ck_assert_int_eq(pr->b, 0);
	unsigned int *arr = xzalloc_array(unsigned int, 1000);
	ck_assert_ptr_nonnull(arr);
	for (unsigned int i = 0; i < 1000; i++)
		CHECK(arr[i] == 0, "element %u not zero", i);
	xfree(arr);
	xfree(pr);
}
END_TEST

/* ---- slabs ---- */

START_TEST(objects_do_not_overlap)
{
	enum { N = 3000 };
	static void *p[N];
	static size_t sz[N];

	rng_state = 0x5eed;
	for (unsigned int i = 0; i < N; i++) {
		sz[i] = 1 + rng() % HEAP_MAX_SMALL;
		if (i % 5 == 0)
			sz[i] = 1 + rng() % 64; /* plenty of small ones sharing slabs */
		p[i] = xmalloc_bytes(sz[i]);
		CHECK(p[i], "object %u: NULL", i);
		fill(p[i], sz[i], i);
	}
	for (unsigned int i = 0; i < N; i++)
		verify(p[i], sz[i], i);
	/* Free every other object; the rest stay intact. */
	for (unsigned int i = 0; i < N; i += 2)
		xfree(p[i]);
	for (unsigned int i = 1; i < N; i += 2)
		verify(p[i], sz[i], i);
	/* Refill the holes and check again. */
	for (unsigned int i = 0; i < N; i += 2) {
		p[i] = xmalloc_bytes(sz[i]);
		CHECK(p[i], "object %u: NULL", i);
		fill(p[i], sz[i], i + N);
	}
	for (unsigned int i = 0; i < N; i++)
		verify(p[i], sz[i], (i % 2) ? i : i + N);
	for (unsigned int i = 0; i < N; i++)
		xfree(p[i]);
	ck_assert_uint_eq(heap_get_stats().allocations, 0);
	ck_assert_uint_eq(heap_get_stats().bytes_in_use, 0);
	assert_stats_match_source();
}
END_TEST

START_TEST(distinct_pointers_same_class)
{
	/* Many objects of one class span several slab pages, all distinct. */
	enum { N = 1000 };
	static uintptr_t addr[N];

	for (unsigned int i = 0; i < N; i++) {
		addr[i] = (uintptr_t)xmalloc_bytes(48);
		CHECK(addr[i], "object %u: NULL", i);
	}
	for (unsigned int i = 0; i < N; i++)
		for (unsigned int j = i + 1; j < N; j++) {
			uintptr_t lo = MIN(addr[i], addr[j]), hi = MAX(addr[i], addr[j]);
			CHECK(hi - lo >= 64, "objects %u and %u overlap", i, j);
		}
	struct heap_stats st = heap_get_stats();
	ck_assert_uint_gt(st.pages, 1);
	ck_assert_uint_eq(st.bytes_in_use, N * 64);
	for (unsigned int i = 0; i < N; i++)
		xfree((void *)addr[i]);
}
END_TEST

START_TEST(free_then_reuse)
{
	warm_up();
	void *keep = xmalloc_bytes(100); /* keeps the slab */
	void *a = xmalloc_bytes(100);
	ck_assert_ptr_nonnull(a);
	xfree(a);
	void *b = xmalloc_bytes(100);
	ck_assert_ptr_eq(a, b); /* the object just freed is the first reused */
	xfree(b);
	xfree(keep);

	/* In a run of full slabs, a freed object is the next one handed out. */
	unsigned long pages0 = heap_get_stats().pages;
	enum { N = 200 };
	void *p[N];
	for (unsigned int i = 0; i < N; i++) {
		p[i] = xmalloc_bytes(256);
		CHECK(p[i], "object %u: NULL", i);
	}
	unsigned long pages1 = heap_get_stats().pages;
	ck_assert_uint_gt(pages1, pages0);
	xfree(p[7]);
	void *q = xmalloc_bytes(256);
	ck_assert_ptr_eq(q, p[7]);
	ck_assert_uint_eq(heap_get_stats().pages, pages1);
	p[7] = q;
	for (unsigned int i = 0; i < N; i++)
		xfree(p[i]);
	ck_assert_uint_eq(heap_get_stats().pages, pages0);
	assert_stats_match_source();
}
END_TEST

START_TEST(one_object_slabs)
{
	/* A 2048-byte object fills its slab page (the header takes the rest). */
	enum { N = 20 };
	void *p[N];

	ck_assert_uint_eq(heap_get_stats().pages, 0);
	for (unsigned int i = 0; i < N; i++) {
		p[i] = xmalloc_bytes(HEAP_MAX_SMALL);
		ck_assert_ptr_nonnull(p[i]);
		fill(p[i], HEAP_MAX_SMALL, i);
		ck_assert_uint_eq(heap_get_stats().pages, i + 1);
	}
	/* An emptied slab goes back to the page source at once... */
	xfree(p[7]);
	ck_assert_uint_eq(heap_get_stats().pages, N - 1);
	p[7] = xmalloc_bytes(HEAP_MAX_SMALL);
	ck_assert_uint_eq(heap_get_stats().pages, N);
	fill(p[7], HEAP_MAX_SMALL, 7);
	/* ...each of them. */
	xfree(p[3]);
	ck_assert_uint_eq(heap_get_stats().pages, N - 1);
	xfree(p[4]);
	ck_assert_uint_eq(heap_get_stats().pages, N - 2);
	assert_stats_match_source();
	p[3] = p[4] = NULL;
	for (unsigned int i = 0; i < N; i++)
		if (p[i])
			verify(p[i], HEAP_MAX_SMALL, i);
	for (unsigned int i = 0; i < N; i++)
		xfree(p[i]);
	ck_assert_uint_eq(heap_get_stats().pages, 0);
	ck_assert_uint_eq(heap_get_stats().allocations, 0);
	assert_stats_match_source();
}
END_TEST

START_TEST(empty_slabs_returned)
{
	warm_up();
	struct heap_stats base = heap_get_stats();
	long base_out = pages_out;

	ck_assert_uint_eq(base.allocations, 0);
	ck_assert_uint_eq(base.bytes_in_use, 0);
	ck_assert_uint_eq(base.pages, 0); /* no slab is kept once empty */

	enum { N = 2000 };
	static void *p[N];
	for (unsigned int round = 0; round < 3; round++) {
		for (unsigned int i = 0; i < N; i++) {
			p[i] = xmalloc_bytes((size_t)HEAP_MIN_SMALL << (i % HEAP_CLASSES));
			CHECK(p[i], "object %u: NULL", i);
		}
		ck_assert_uint_gt(heap_get_stats().pages, base.pages + 100);
		assert_stats_match_source();
		/* Free in a different order each round. */
		for (unsigned int k = 0; k < N; k++) {
			unsigned int i = round == 0 ? k : round == 1 ? N - 1 - k : (k * 7) % N;
			xfree(p[i]);
		}
		struct heap_stats st = heap_get_stats();
		ck_assert_uint_eq(st.allocations, base.allocations);
		ck_assert_uint_eq(st.bytes_in_use, base.bytes_in_use);
		ck_assert_uint_eq(st.pages, base.pages);
		ck_assert_int_eq(pages_out, base_out);
	}
}
END_TEST

/* ---- large objects ---- */

START_TEST(large_objects)
{
	static const size_t sizes[] = {
		HEAP_MAX_SMALL + 1, 3000,      4000,	       PAGE - 64,
		PAGE - 1,	    PAGE,      PAGE + 1,       2 * PAGE,
		5 * PAGE + 123,	    64 * PAGE, 300 * PAGE + 7, 1024 * PAGE,
	};

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t sz = sizes[i];
		struct heap_stats before = heap_get_stats();
		unsigned char *p = xmalloc_bytes(sz);
		struct heap_stats mid = heap_get_stats();
		unsigned long pages = mid.pages - before.pages;

		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % 16, 0);
		/* The header sits in front of the object in its first page. */
		ck_assert_uint_ne((uintptr_t)p % PAGE, 0);
		ck_assert_uint_lt((uintptr_t)p % PAGE, 256);
		/* Whole page blocks, a power of two, as few as hold header + object. */
		ck_assert_uint_eq(pages & (pages - 1), 0);
		ck_assert_uint_ge(pages * PAGE, sz + (uintptr_t)p % PAGE);
		ck_assert_uint_lt((pages / 2) * PAGE, sz + (uintptr_t)p % PAGE);
		ck_assert_uint_eq(mid.bytes_in_use - before.bytes_in_use, pages * PAGE);
		ck_assert_uint_eq(mid.allocations, before.allocations + 1);
		assert_stats_match_source();
		/* Usable for its full size: ASan would flag writes past the block. */
		fill(p, sz, (unsigned int)i);
		verify(p, sz, (unsigned int)i);
		xfree(p);
		struct heap_stats after = heap_get_stats();
		ck_assert_uint_eq(after.pages, before.pages);
		ck_assert_uint_eq(after.bytes_in_use, before.bytes_in_use);
		ck_assert_uint_eq(after.allocations, before.allocations);
		assert_stats_match_source();
	}
}
END_TEST

START_TEST(large_and_small_mixed)
{
	void *big[8], *small[64];

	for (unsigned int i = 0; i < 8; i++) {
		big[i] = xmalloc_bytes(3 * PAGE + i * 1000);
		ck_assert_ptr_nonnull(big[i]);
		fill(big[i], 3 * PAGE + i * 1000, 100 + i);
	}
	for (unsigned int i = 0; i < 64; i++) {
		small[i] = xmalloc_bytes(1 + i * 30);
		ck_assert_ptr_nonnull(small[i]);
		fill(small[i], 1 + i * 30, 200 + i);
	}
	for (unsigned int i = 0; i < 8; i += 2)
		xfree(big[i]);
	for (unsigned int i = 1; i < 8; i += 2)
		verify(big[i], 3 * PAGE + i * 1000, 100 + i);
	for (unsigned int i = 0; i < 64; i++)
		verify(small[i], 1 + i * 30, 200 + i);
	for (unsigned int i = 1; i < 8; i += 2)
		xfree(big[i]);
	for (unsigned int i = 0; i < 64; i++)
		xfree(small[i]);
	ck_assert_uint_eq(heap_get_stats().allocations, 0);
	ck_assert_uint_eq(heap_get_stats().bytes_in_use, 0);
	assert_stats_match_source();
}
END_TEST

START_TEST(huge_sizes_fail)
{
	struct heap_stats before = heap_get_stats();

	/* Beyond what any page source could give: refused without asking it. */
	ck_assert_ptr_null(xmalloc_bytes(SIZE_MAX));
	ck_assert_ptr_null(xmalloc_bytes(SIZE_MAX - 8));
	ck_assert_ptr_null(xmalloc_bytes(((size_t)1 << 40) + 1));
	ck_assert_uint_eq(alloc_calls, 0);
	/* Large but plausible: the page source says no. */
	ck_assert_ptr_null(xmalloc_bytes((size_t)1 << 30));
	ck_assert_ptr_null(xzalloc_bytes((size_t)1 << 30));
	ck_assert_uint_eq(alloc_calls, 2);
	struct heap_stats after = heap_get_stats();
	ck_assert_uint_eq(after.allocations, before.allocations);
	ck_assert_uint_eq(after.bytes_in_use, before.bytes_in_use);
	ck_assert_uint_eq(after.pages, before.pages);
	/* And the heap still works. */
	void *p = xmalloc_bytes(64);
	ck_assert_ptr_nonnull(p);
	xfree(p);
}
END_TEST

/* ---- page source failures ---- */

START_TEST(page_source_failure_small)
{
	enum { N = 600 };
	static void *p[N];
	unsigned int got = 0;

	/* Allow two slab pages of 64-byte objects, then the source runs dry. */
	fail_after = 2;
	for (unsigned int i = 0; i < N; i++) {
		p[i] = xmalloc_bytes(64);
		if (!p[i])
			break;
		fill(p[i], 64, i);
		got++;
	}
	ck_assert_uint_gt(got, 2 * 50); /* two pages hold well over 100 such objects */
	ck_assert_uint_lt(got, N);
	ck_assert_uint_eq(heap_get_stats().pages, 2);
	ck_assert_uint_eq(heap_get_stats().allocations, got);
	ck_assert_uint_eq(heap_get_stats().bytes_in_use, got * 64);
	/* Other classes and large objects fail too, and leave no trace. */
	ck_assert_ptr_null(xmalloc_bytes(16));
	ck_assert_ptr_null(xmalloc_bytes(2 * PAGE));
	ck_assert_ptr_null(xzalloc_bytes(100));
	ck_assert_uint_eq(heap_get_stats().allocations, got);
	ck_assert_uint_eq(heap_get_stats().pages, 2);
	assert_stats_match_source();

	/* Freeing one makes room again without the page source. */
	xfree(p[got / 2]);
	p[got / 2] = xmalloc_bytes(64);
	ck_assert_ptr_nonnull(p[got / 2]);
	fill(p[got / 2], 64, got / 2);
	for (unsigned int i = 0; i < got; i++)
		verify(p[i], 64, i);

	/* Once the source recovers, everything works again. */
	fail_after = -1;
	void *q = xmalloc_bytes(64), *r = xmalloc_bytes(3 * PAGE);
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_nonnull(r);
	xfree(q);
	xfree(r);
	for (unsigned int i = 0; i < got; i++)
		xfree(p[i]);
	ck_assert_uint_eq(heap_get_stats().allocations, 0);
	ck_assert_uint_eq(heap_get_stats().bytes_in_use, 0);
	assert_stats_match_source();
}
END_TEST

START_TEST(page_source_failure_first_slab)
{
	fail_after = 0;
	for (unsigned int c = 0; c < HEAP_CLASSES; c++)
		ck_assert_ptr_null(xmalloc_bytes((size_t)HEAP_MIN_SMALL << c));
	struct heap_stats st = heap_get_stats();
	ck_assert_uint_eq(st.pages, 0);
	ck_assert_uint_eq(st.allocations, 0);
	ck_assert_uint_eq(st.bytes_in_use, 0);
	fail_after = -1;
	void *p = xmalloc_bytes(40);
	ck_assert_ptr_nonnull(p);
	fill(p, 40, 1);
	verify(p, 40, 1);
	xfree(p);
	assert_stats_match_source();
}
END_TEST

/* ---- stress ---- */

START_TEST(random_stress)
{
	enum { SLOTS = 512, STEPS = 20000 };
	static void *p[SLOTS];
	static size_t sz[SLOTS];
	static unsigned int tag[SLOTS];
	unsigned long live = 0, bytes = 0;

	memset(p, 0, sizeof(p));
	warm_up();
	struct heap_stats base = heap_get_stats();
	rng_state = 0xfeedface12345ULL + (uint64_t)_i;

	for (unsigned int step = 0; step < STEPS; step++) {
		unsigned int k = rng() % SLOTS;

		if (p[k]) {
			verify(p[k], sz[k], tag[k]);
			xfree(p[k]);
			p[k] = NULL;
			live--;
			bytes -= sz[k];
			continue;
		}
		unsigned int kind = rng() % 16;
		if (kind < 10)
			sz[k] = 1 + rng() % 128;
		else if (kind < 15)
			sz[k] = 1 + rng() % HEAP_MAX_SMALL;
		else
			sz[k] = HEAP_MAX_SMALL + 1 + rng() % (8 * PAGE);
		tag[k] = step;
		bool zeroed = rng() & 1;
		p[k] = zeroed ? xzalloc_bytes(sz[k]) : xmalloc_bytes(sz[k]);
		CHECK(p[k], "step %u: size %zu NULL", step, sz[k]);
		CHECK((uintptr_t)p[k] % 16 == 0, "step %u: %p misaligned", step, p[k]);
		if (zeroed)
			for (size_t i = 0; i < sz[k]; i++)
				CHECK(((unsigned char *)p[k])[i] == 0, "step %u: byte %zu not zero",
				      step, i);
		fill(p[k], sz[k], tag[k]);
		live++;
		bytes += sz[k];

		struct heap_stats st = heap_get_stats();
		CHECK(st.allocations == live, "step %u: %lu allocations, want %lu", step,
		      st.allocations, live);
		CHECK(st.bytes_in_use >= bytes, "step %u: %lu bytes in use, under %lu", step,
		      st.bytes_in_use, bytes);
		CHECK((long)st.pages == pages_out, "step %u: %lu pages, source says %ld", step,
		      st.pages, pages_out);
	}
	for (unsigned int k = 0; k < SLOTS; k++)
		if (p[k]) {
			verify(p[k], sz[k], tag[k]);
			xfree(p[k]);
		}
	struct heap_stats st = heap_get_stats();
	ck_assert_uint_eq(st.allocations, base.allocations);
	ck_assert_uint_eq(st.bytes_in_use, base.bytes_in_use);
	ck_assert_uint_eq(st.pages, base.pages);
	assert_stats_match_source();
}
END_TEST

Suite *heap_suite(void)
{
	Suite *s = suite_create("heap");
	TCase *tc;

	tc = tcase_create("basics");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, zero_size_is_null);
	tcase_add_test(tc, xfree_null_is_harmless);
	tcase_add_test(tc, alignment_all_sizes);
	tcase_add_test(tc, small_bytes_rounded_to_class);
	tcase_add_test(tc, xzalloc_zeroes);
	suite_add_tcase(s, tc);

	tc = tcase_create("slabs");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, objects_do_not_overlap);
	tcase_add_test(tc, distinct_pointers_same_class);
	tcase_add_test(tc, free_then_reuse);
	tcase_add_test(tc, one_object_slabs);
	tcase_add_test(tc, empty_slabs_returned);
	suite_add_tcase(s, tc);

	tc = tcase_create("large");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, large_objects);
	tcase_add_test(tc, large_and_small_mixed);
	tcase_add_test(tc, huge_sizes_fail);
	suite_add_tcase(s, tc);

	tc = tcase_create("failure");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, page_source_failure_small);
	tcase_add_test(tc, page_source_failure_first_slab);
	suite_add_tcase(s, tc);

	tc = tcase_create("stress");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, random_stress, 0, 3);
	suite_add_tcase(s, tc);
	return s;
}
