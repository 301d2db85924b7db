/*
 * test_pv_layout.c - the PV bootstrap region's layout
 * (hypervisor/arch/x86/pv/boot_layout.c), checked against the layouts Xen
 * 4.17 prints for the same kernels ("VIRTUAL MEMORY ARRANGEMENT"), against
 * Xen's algorithm (xen/arch/x86/pv/dom0_build.c) on random inputs, and
 * against the invariants of lamina/pv_layout.h.
 */
#include <stdlib.h>
#include <string.h>

#include <lamina/errno.h>
#include <lamina/pv_layout.h>

#include "unit.h"

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			ck_abort_msg(__VA_ARGS__);                                                 \
	} while (0)

#define PAGE 0x1000ULL
#define FOUR_MIB 0x400000ULL
#define SPARE (512ULL << 10)
#define KERNEL_MAP 0xffffffff80000000ULL /* Linux's __START_KERNEL_map */
/* sizeof(start_info_t) + sizeof(dom0_vga_console_info_t), as dom0_build.c passes */
#define DOM0_SI_BYTES (1168 + 40)

typedef unsigned long long ull;

static uint64_t page_up(uint64_t x)
{
	return (x + PAGE - 1) & ~(PAGE - 1);
}

/* ---- known layouts ---- */

struct want {
	uint64_t initrd_start, initrd_end, p2m_start, p2m_end, si_start, si_end, extra_start;
	uint64_t pt_start, pt_end;
	unsigned int nr_pt_frames;
	uint64_t stack_start, stack_end, v_end;
};

#define EXPECT_FIELD(l, w, f)                                                                      \
	ck_assert_msg((l)->f == (w)->f, #f " = %#llx, want %#llx", (ull)(l)->f, (ull)(w)->f)

static void expect_layout(const struct pv_layout_input *in, const struct want *w)
{
	struct pv_layout l;

	memset(&l, 0xa5, sizeof(l));
	ck_assert_int_eq(pv_layout_compute(in, &l), 0);
	ck_assert_uint_eq(l.v_start, in->virt_base);
	ck_assert_uint_eq(l.kernel_start, in->kernel_start);
	ck_assert_uint_eq(l.kernel_end, in->kernel_end);
	EXPECT_FIELD(&l, w, initrd_start);
	EXPECT_FIELD(&l, w, initrd_end);
	EXPECT_FIELD(&l, w, p2m_start);
	EXPECT_FIELD(&l, w, p2m_end);
	ck_assert_msg(l.start_info_start == w->si_start, "start_info_start %#llx, want %#llx",
		      (ull)l.start_info_start, (ull)w->si_start);
	ck_assert_msg(l.start_info_end == w->si_end, "start_info_end %#llx, want %#llx",
		      (ull)l.start_info_end, (ull)w->si_end);
	EXPECT_FIELD(&l, w, extra_start);
	EXPECT_FIELD(&l, w, pt_start);
	EXPECT_FIELD(&l, w, pt_end);
	EXPECT_FIELD(&l, w, nr_pt_frames);
	EXPECT_FIELD(&l, w, stack_start);
	EXPECT_FIELD(&l, w, stack_end);
	EXPECT_FIELD(&l, w, v_end);
	ck_assert_uint_eq(l.region_pages, (w->v_end - in->virt_base) / PAGE);
}

START_TEST(xen_test_kernel)
{
	/*
	 * Xen 4.17, a small test kernel, dom0_mem=64M:
	 *  Loaded kernel: ffffffff80100000->ffffffff801020f0
	 *  Phys-Mach map: ffffffff80103000->ffffffff80123000
	 *  Start info:    ffffffff80123000->ffffffff801234b8
	 *  Page tables:   ffffffff80124000->ffffffff80129000
	 *  Boot stack:    ffffffff80129000->ffffffff8012a000
	 *  TOTAL:         ffffffff80000000->ffffffff80400000
	 */
	struct pv_layout_input in = { .virt_base = KERNEL_MAP,
				      .kernel_start = 0xffffffff80100000ULL,
				      .kernel_end = 0xffffffff801020f0ULL,
				      .nr_pages = 16384,
				      .start_info_bytes = DOM0_SI_BYTES };
	struct want w = { .initrd_start = 0xffffffff80103000ULL,
			  .initrd_end = 0xffffffff80103000ULL,
			  .p2m_start = 0xffffffff80103000ULL,
			  .p2m_end = 0xffffffff80123000ULL,
			  .si_start = 0xffffffff80123000ULL,
			  .si_end = 0xffffffff801234b8ULL,
			  .extra_start = 0xffffffff80124000ULL,
			  .pt_start = 0xffffffff80124000ULL,
			  .pt_end = 0xffffffff80129000ULL,
			  .nr_pt_frames = 5,
			  .stack_start = 0xffffffff80129000ULL,
			  .stack_end = 0xffffffff8012a000ULL,
			  .v_end = 0xffffffff80400000ULL };

	expect_layout(&in, &w);
}
END_TEST

START_TEST(xen_debian_kernel)
{
	/*
	 * Xen 4.17, Debian 12's Linux 6.1, dom0_mem=512M:
	 *  Loaded kernel: ffffffff81000000->ffffffff84a00000
	 *  Phys-Mach map: ffffffff84a00000->ffffffff84b00000
	 *  Start info:    ffffffff84b00000->ffffffff84b004b8
	 *  Page tables:   ffffffff84b01000->ffffffff84b2a000
	 *  Boot stack:    ffffffff84b2a000->ffffffff84b2b000
	 *  TOTAL:         ffffffff80000000->ffffffff84c00000
	 */
	struct pv_layout_input in = { .virt_base = KERNEL_MAP,
				      .kernel_start = 0xffffffff81000000ULL,
				      .kernel_end = 0xffffffff84a00000ULL,
				      .nr_pages = 131072,
				      .start_info_bytes = DOM0_SI_BYTES };
	struct want w = { .initrd_start = 0xffffffff84a00000ULL,
			  .initrd_end = 0xffffffff84a00000ULL,
			  .p2m_start = 0xffffffff84a00000ULL,
			  .p2m_end = 0xffffffff84b00000ULL,
			  .si_start = 0xffffffff84b00000ULL,
			  .si_end = 0xffffffff84b004b8ULL,
			  .extra_start = 0xffffffff84b01000ULL,
			  .pt_start = 0xffffffff84b01000ULL,
			  .pt_end = 0xffffffff84b2a000ULL,
			  .nr_pt_frames = 41,
			  .stack_start = 0xffffffff84b2a000ULL,
			  .stack_end = 0xffffffff84b2b000ULL,
			  .v_end = 0xffffffff84c00000ULL };

	expect_layout(&in, &w);
	ck_assert_uint_eq(pv_layout_nr_tables(KERNEL_MAP, 0xffffffff84c00000ULL), 41);
}
END_TEST

START_TEST(with_initrd)
{
	/* The initrd goes on the page after the kernel; the P2M on the page after it. */
	struct pv_layout_input in = { .virt_base = KERNEL_MAP,
				      .kernel_start = 0xffffffff80100000ULL,
				      .kernel_end = 0xffffffff801020f0ULL,
				      .initrd_bytes = 0x123456,
				      .nr_pages = 16384,
				      .start_info_bytes = DOM0_SI_BYTES };
	struct want w = { .initrd_start = 0xffffffff80103000ULL,
			  .initrd_end = 0xffffffff80226456ULL,
			  .p2m_start = 0xffffffff80227000ULL,
			  .p2m_end = 0xffffffff80247000ULL,
			  .si_start = 0xffffffff80247000ULL,
			  .si_end = 0xffffffff802474b8ULL,
			  .extra_start = 0xffffffff80248000ULL,
			  .pt_start = 0xffffffff80248000ULL,
			  .pt_end = 0xffffffff8024d000ULL,
			  .nr_pt_frames = 5,
			  .stack_start = 0xffffffff8024d000ULL,
			  .stack_end = 0xffffffff8024e000ULL,
			  .v_end = 0xffffffff80400000ULL };

	expect_layout(&in, &w);

	/* Debian's kernel with a 30 MiB initrd: the region grows to 108 MiB, 57 tables. */
	struct pv_layout_input deb = { .virt_base = KERNEL_MAP,
				       .kernel_start = 0xffffffff81000000ULL,
				       .kernel_end = 0xffffffff84a00000ULL,
				       .initrd_bytes = 0x1e01234,
				       .nr_pages = 131072,
				       .start_info_bytes = DOM0_SI_BYTES };
	struct want dw = { .initrd_start = 0xffffffff84a00000ULL,
			   .initrd_end = 0xffffffff86801234ULL,
			   .p2m_start = 0xffffffff86802000ULL,
			   .p2m_end = 0xffffffff86902000ULL,
			   .si_start = 0xffffffff86902000ULL,
			   .si_end = 0xffffffff869024b8ULL,
			   .extra_start = 0xffffffff86903000ULL,
			   .pt_start = 0xffffffff86903000ULL,
			   .pt_end = 0xffffffff8693c000ULL,
			   .nr_pt_frames = 57,
			   .stack_start = 0xffffffff8693c000ULL,
			   .stack_end = 0xffffffff8693d000ULL,
			   .v_end = 0xffffffff86c00000ULL };

	expect_layout(&deb, &dw);
}
END_TEST

START_TEST(with_extra_pages)
{
	/* A domU: start_info alone, then the xenstore and console pages, then the tables. */
	struct pv_layout_input in = { .virt_base = KERNEL_MAP,
				      .kernel_start = 0xffffffff80100000ULL,
				      .kernel_end = 0xffffffff801020f0ULL,
				      .nr_pages = 16384,
				      .start_info_bytes = 1168,
				      .extra_pages = 2 };
	struct want w = { .initrd_start = 0xffffffff80103000ULL,
			  .initrd_end = 0xffffffff80103000ULL,
			  .p2m_start = 0xffffffff80103000ULL,
			  .p2m_end = 0xffffffff80123000ULL,
			  .si_start = 0xffffffff80123000ULL,
			  .si_end = 0xffffffff80123490ULL,
			  .extra_start = 0xffffffff80124000ULL,
			  .pt_start = 0xffffffff80126000ULL,
			  .pt_end = 0xffffffff8012b000ULL,
			  .nr_pt_frames = 5,
			  .stack_start = 0xffffffff8012b000ULL,
			  .stack_end = 0xffffffff8012c000ULL,
			  .v_end = 0xffffffff80400000ULL };

	expect_layout(&in, &w);
}
END_TEST

/*
 * A kernel ending at virt_base + kend with the test kernel's other inputs:
 * the tables start at kend + 0x21000 (P2M 0x20000, start_info one page).
 */
static struct pv_layout_input spare_input(uint64_t kend)
{
	return (struct pv_layout_input){ .virt_base = KERNEL_MAP,
					 .kernel_start = KERNEL_MAP + 0x100000,
					 .kernel_end = KERNEL_MAP + kend,
					 .nr_pages = 16384,
					 .start_info_bytes = DOM0_SI_BYTES };
}

static struct want spare_want(uint64_t kend, unsigned int frames, uint64_t v_end)
{
	uint64_t k = KERNEL_MAP + kend, pt = k + 0x21000;

	return (struct want){ .initrd_start = k,
			      .initrd_end = k,
			      .p2m_start = k,
			      .p2m_end = k + 0x20000,
			      .si_start = k + 0x20000,
			      .si_end = k + 0x20000 + DOM0_SI_BYTES,
			      .extra_start = pt,
			      .pt_start = pt,
			      .pt_end = pt + frames * PAGE,
			      .nr_pt_frames = frames,
			      .stack_start = pt + frames * PAGE,
			      .stack_end = pt + (frames + 1) * PAGE,
			      .v_end = KERNEL_MAP + v_end };
}

START_TEST(minimum_spare)
{
	struct pv_layout_input in;
	struct want w;

	/* Exactly 512 KiB after the stack: the region ends at 4 MiB, 5 tables. */
	in = spare_input(0x359000);
	w = spare_want(0x359000, 5, 0x400000);
	ck_assert_uint_eq(w.stack_end, KERNEL_MAP + 0x380000);
	expect_layout(&in, &w);

	/*
	 * One page later the stack would end 508 KiB short of 4 MiB: another
	 * 4 MiB is added, which needs two more L1 tables (7), which moves the
	 * stack two more pages.
	 */
	in = spare_input(0x35a000);
	w = spare_want(0x35a000, 7, 0x800000);
	ck_assert_uint_eq(w.stack_end, KERNEL_MAP + 0x383000);
	expect_layout(&in, &w);

	/* The stack ending 4 KiB below 4 MiB. */
	in = spare_input(0x3d6000);
	w = spare_want(0x3d6000, 7, 0x800000);
	ck_assert_uint_eq(w.stack_end, KERNEL_MAP + 0x3ff000);
	expect_layout(&in, &w);

	/* The stack ending on the 4 MiB boundary: no spare at all without another 4 MiB. */
	in = spare_input(0x3d7000);
	w = spare_want(0x3d7000, 7, 0x800000);
	ck_assert_uint_eq(w.stack_end, KERNEL_MAP + 0x400000);
	expect_layout(&in, &w);

	/* Just past it: 8 MiB leaves 4 MiB - 4 KiB spare. */
	in = spare_input(0x3d8000);
	w = spare_want(0x3d8000, 7, 0x800000);
	expect_layout(&in, &w);
}
END_TEST

/* ---- pv_layout_nr_tables ---- */

START_TEST(nr_tables_formula)
{
	static const struct {
		uint64_t start, end;
		unsigned int n;
	} cases[] = {
		/* L4 + L3s + L2s + L1s */
		{ 0, PAGE, 1 + 1 + 1 + 1 },
		{ 0, 2ULL << 20, 4 },
		{ 0, (2ULL << 20) + PAGE, 5 }, /* a second L1 */
		{ (2ULL << 20) - PAGE, (2ULL << 20) + PAGE, 5 },
		{ 0, 4ULL << 20, 5 },
		{ KERNEL_MAP, KERNEL_MAP + FOUR_MIB, 5 },
		{ KERNEL_MAP, KERNEL_MAP + 0x4c00000, 41 },
		{ 0, 1ULL << 30, 1 + 1 + 1 + 512 },
		{ 0, (1ULL << 30) + PAGE, 1 + 1 + 2 + 513 }, /* a second L2 */
		{ (1ULL << 30) - PAGE, (1ULL << 30) + PAGE, 1 + 1 + 2 + 2 },
		{ 0, 512ULL << 30, 1 + 1 + 512 + 512 * 512 },
		{ 0, (512ULL << 30) + PAGE, 1 + 2 + 513 + 512 * 512 + 1 }, /* a second L3 */
		{ (512ULL << 30) - PAGE, (512ULL << 30) + PAGE, 1 + 2 + 2 + 2 },
		/* Linux's kernel map: the last 2 GiB, in the last L3 of the last L4 slot. */
		{ KERNEL_MAP, KERNEL_MAP + (1ULL << 30), 1 + 1 + 1 + 512 },
		{ KERNEL_MAP + (1ULL << 30) - PAGE, KERNEL_MAP + (1ULL << 30) + PAGE,
		  1 + 1 + 2 + 2 },
		/* Unaligned ends count the blocks they touch. */
		{ 0x1234, 0x1235, 4 },
		{ (2ULL << 20) - 1, (2ULL << 20) + 1, 5 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++)
		ck_assert_msg(pv_layout_nr_tables(cases[i].start, cases[i].end) == cases[i].n,
			      "[%#llx, %#llx): %u tables, want %u", (ull)cases[i].start,
			      (ull)cases[i].end, pv_layout_nr_tables(cases[i].start, cases[i].end),
			      cases[i].n);
}
END_TEST

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

/* Tables for [start, end) by walking its pages and counting each new L1, L2, L3. */
static unsigned int brute_tables(uint64_t start, uint64_t end)
{
	unsigned int n = 1; /* the L4 */
	uint64_t prev = 0;

	for (uint64_t a = start & ~(PAGE - 1); a < end; a += PAGE) {
		for (unsigned int shift = 21; shift <= 39; shift += 9)
			if (a == (start & ~(PAGE - 1)) || (a >> shift) != (prev >> shift))
				n++;
		prev = a;
	}
	return n;
}

START_TEST(nr_tables_brute_force)
{
	static const uint64_t bounds[] = { 0, 2ULL << 20, 1ULL << 30, 512ULL << 30,
					   KERNEL_MAP, 0xffff800000000000ULL };

	rng_state = 0x9e3779b97f4a7c15ULL + (uint64_t)_i;
	for (unsigned int iter = 0; iter < 40; iter++) {
		/* Around a table boundary, up to 24 MiB long. */
		uint64_t b = bounds[rng() % ARRAY_SIZE(bounds)] +
			     (rng() % 4) * (iter & 1 ? (1ULL << 30) : (2ULL << 20));
		uint64_t start = b - (rng() % 2048) * PAGE;

		if (start > b)
			start = b; /* wrapped below 0 */
		uint64_t end = start + (1 + rng() % 6144) * PAGE;
		if (end < start)
			continue; /* wrapped past the top */
		unsigned int got = pv_layout_nr_tables(start, end);
		unsigned int want = brute_tables(start, end);
		CHECK(got == want, "[%#llx, %#llx): %u tables, brute force %u", (ull)start,
		      (ull)end, got, want);
	}
}
END_TEST

/* ---- errors ---- */

START_TEST(enomem)
{
	/* Debian's kernel needs 19456 pages of region (76 MiB). */
	struct pv_layout_input in = { .virt_base = KERNEL_MAP,
				      .kernel_start = 0xffffffff81000000ULL,
				      .kernel_end = 0xffffffff84a00000ULL,
				      .nr_pages = 19456,
				      .start_info_bytes = DOM0_SI_BYTES };
	struct pv_layout l;

	ck_assert_int_eq(pv_layout_compute(&in, &l), 0);
	ck_assert_uint_eq(l.v_end, 0xffffffff84c00000ULL);
	ck_assert_uint_eq(l.region_pages, 19456);
	ck_assert_uint_eq(l.p2m_end - l.p2m_start, 19456 * 8);
	in.nr_pages = 19455;
	ck_assert_int_eq(pv_layout_compute(&in, &l), -ENOMEM);
	in.nr_pages = 1;
	ck_assert_int_eq(pv_layout_compute(&in, &l), -ENOMEM);

	/* The test kernel's 4 MiB region: 1024 pages. */
	in = (struct pv_layout_input){ .virt_base = KERNEL_MAP,
				       .kernel_start = 0xffffffff80100000ULL,
				       .kernel_end = 0xffffffff801020f0ULL,
				       .nr_pages = 1024,
				       .start_info_bytes = DOM0_SI_BYTES };
	ck_assert_int_eq(pv_layout_compute(&in, &l), 0);
	ck_assert_uint_eq(l.region_pages, 1024);
	in.nr_pages = 1023;
	ck_assert_int_eq(pv_layout_compute(&in, &l), -ENOMEM);
	/* A big initrd has to fit too. */
	in.nr_pages = 1024;
	in.initrd_bytes = 4ULL << 20;
	ck_assert_int_eq(pv_layout_compute(&in, &l), -ENOMEM);
}
END_TEST

START_TEST(einval)
{
	const struct pv_layout_input good = { .virt_base = KERNEL_MAP,
					      .kernel_start = 0xffffffff80100000ULL,
					      .kernel_end = 0xffffffff801020f0ULL,
					      .nr_pages = 16384,
					      .start_info_bytes = DOM0_SI_BYTES };
	struct pv_layout_input in;
	struct pv_layout l;

	in = good;
	ck_assert_int_eq(pv_layout_compute(&in, &l), 0);

	in = good;
	in.kernel_start = KERNEL_MAP - PAGE; /* below virt_base */
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
	in = good;
	in.virt_base = in.kernel_start + 1;
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
	in = good;
	in.kernel_end = in.kernel_start - 1; /* ends before it starts */
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
	in = good;
	in.nr_pages = 0;
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
	in = good;
	in.nr_pages = ~0ULL / 8 + 2; /* the P2M size wraps */
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
	in = good;
	in.nr_pages = 1ULL << 40; /* 4 EiB of P2M wraps past the top */
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
	in = good;
	in.initrd_bytes = ~0ULL - 0xfff; /* wraps the initrd's end */
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
	in = good;
	in.initrd_bytes = 0x80000000ULL; /* runs past the top of the address space */
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
}
END_TEST

START_TEST(wrap_start_info)
{
	struct pv_layout_input in;
	struct pv_layout l;

	/* start_info_bytes so large that its end wraps back inside the region. */
	in = (struct pv_layout_input){ .virt_base = KERNEL_MAP,
				       .kernel_start = 0xffffffff80100000ULL,
				       .kernel_end = 0xffffffff801020f0ULL,
				       .nr_pages = 16384,
				       .start_info_bytes = 0ULL - 0x2000 };
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
	in.start_info_bytes = 0ULL - 0x200000; /* back into the kernel */
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
}
END_TEST

START_TEST(wrap_kernel_end)
{
	struct pv_layout_input in;
	struct pv_layout l;

	/* A kernel ending in the last page: rounding its end up wraps to 0. */
	in = (struct pv_layout_input){ .virt_base = 0,
				       .kernel_start = 0x100000,
				       .kernel_end = ~0ULL - 0x7ff,
				       .nr_pages = 16384,
				       .start_info_bytes = DOM0_SI_BYTES };
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
	in.virt_base = 0xfffffffffff00000ULL;
	in.kernel_start = in.virt_base;
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
}
END_TEST

START_TEST(wrap_page_tables)
{
	struct pv_layout_input in;
	struct pv_layout l;

	/*
	 * The page tables start on the last page: the frames after them wrap.
	 * virt_base 1 MiB below the top; kernel to 0xfffffffffffe0000; 2048
	 * pages of P2M (16 KiB); start_info; 26 extra pages.
	 */
	in = (struct pv_layout_input){ .virt_base = 0xfffffffffff00000ULL,
				       .kernel_start = 0xfffffffffff00000ULL,
				       .kernel_end = 0xfffffffffffe0000ULL,
				       .nr_pages = 2048,
				       .start_info_bytes = DOM0_SI_BYTES,
				       .extra_pages = 26 };
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
	in.extra_pages = 27; /* the tables themselves start past the top */
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
	in.extra_pages = 20;
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
}
END_TEST

START_TEST(wrap_v_end)
{
	struct pv_layout_input in;
	struct pv_layout l;

	/* The stack ends in the last 4 MiB: rounding v_end up wraps to 0. */
	in = (struct pv_layout_input){ .virt_base = 0xffffffffffc00000ULL,
				       .kernel_start = 0xffffffffffc00000ULL,
				       .kernel_end = 0xffffffffffd00000ULL,
				       .nr_pages = 64,
				       .start_info_bytes = DOM0_SI_BYTES };
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
	/* Or the extra 4 MiB for the spare does. */
	in.virt_base = in.kernel_start = 0xffffffffff800000ULL;
	in.kernel_end = 0xffffffffffbf0000ULL;
	ck_assert_int_eq(pv_layout_compute(&in, &l), -EINVAL);
	/* While a region ending 4 MiB below the top is fine. */
	in.virt_base = in.kernel_start = 0xffffffffff800000ULL;
	in.kernel_end = 0xffffffffff900000ULL;
	in.nr_pages = 4096;
	ck_assert_int_eq(pv_layout_compute(&in, &l), 0);
	ck_assert_uint_eq(l.v_end, 0xffffffffffc00000ULL);
}
END_TEST

/* ---- random inputs ---- */

/* Xen's loop (xen/arch/x86/pv/dom0_build.c, 64-bit guest), with the domU pages. */
#define NR(_l, _h, _s)                                                                             \
	(((((_h) + ((1ULL << (_s)) - 1)) & ~((1ULL << (_s)) - 1)) -                                \
	  ((_l) & ~((1ULL << (_s)) - 1))) >>                                                       \
	 (_s))

static int xen_layout(const struct pv_layout_input *in, struct pv_layout *l)
{
	memset(l, 0, sizeof(*l));
	l->v_start = in->virt_base;
	l->kernel_start = in->kernel_start;
	l->kernel_end = in->kernel_end;
	l->initrd_start = page_up(in->kernel_end);
	l->initrd_end = l->initrd_start + in->initrd_bytes;
	l->p2m_start = page_up(l->initrd_end);
	l->p2m_end = l->p2m_start + in->nr_pages * 8;
	l->start_info_start = page_up(l->p2m_end);
	l->start_info_end = l->start_info_start + in->start_info_bytes;
	l->extra_start = page_up(l->start_info_end);
	l->pt_start = l->extra_start + in->extra_pages * PAGE;
	for (unsigned int nr_pt_pages = 2;; nr_pt_pages++) {
		l->pt_end = l->pt_start + nr_pt_pages * PAGE;
		l->stack_start = l->pt_end;
		l->stack_end = l->stack_start + PAGE;
		l->v_end = (l->stack_end + (1ULL << 22) - 1) & ~((1ULL << 22) - 1);
		if ((l->v_end - l->stack_end) < (512ULL << 10))
			l->v_end += 1ULL << 22;
		l->nr_pt_frames = nr_pt_pages;
		if ((1 + NR(l->v_start, l->v_end, 39) + NR(l->v_start, l->v_end, 30) +
		     NR(l->v_start, l->v_end, 21)) <= nr_pt_pages)
			break;
	}
	l->region_pages = (l->v_end - l->v_start) / PAGE;
	return l->region_pages > in->nr_pages ? -ENOMEM : 0;
}

static struct pv_layout_input random_input(void)
{
	static const uint64_t bases[] = { 0, 0x400000, KERNEL_MAP, 0xffff800000000000ULL,
					  0x7fffffc00000ULL, 0xffffffff00000000ULL };
	struct pv_layout_input in = { 0 };

	in.virt_base = bases[rng() % ARRAY_SIZE(bases)];
	if (rng() % 4 == 0) /* only page-aligned */
		in.virt_base += (rng() % 1024) * PAGE;
	in.kernel_start = in.virt_base + (rng() % 2 ? (rng() % 64) << 20 : rng() % (64 << 20));
	in.kernel_end = in.kernel_start + rng() % (96 << 20);
	in.initrd_bytes = rng() % 2 ? 0 : rng() % (128 << 20);
	switch (rng() % 4) {
	case 0:
		in.nr_pages = 1 + rng() % 4096; /* often too small */
		break;
	case 1:
		in.nr_pages = 1 + rng() % (1 << 20);
		break;
	default:
		in.nr_pages = (1 + rng() % 64) << 12;
		break;
	}
	in.start_info_bytes = rng() % 3 == 0 ? rng() % (3 * PAGE) : DOM0_SI_BYTES;
	in.extra_pages = rng() % 2 ? 0 : (unsigned int)(rng() % 8);
	return in;
}

static void check_invariants(const struct pv_layout_input *in, const struct pv_layout *l)
{
	const uint64_t order[] = { l->kernel_start, l->kernel_end,	 l->initrd_start,
				   l->initrd_end,   l->p2m_start,	 l->p2m_end,
				   l->start_info_start, l->start_info_end, l->extra_start,
				   l->pt_start,	    l->pt_end,		 l->stack_start,
				   l->stack_end,    l->v_end };

	CHECK(l->v_start == in->virt_base, "v_start %#llx", (ull)l->v_start);
	CHECK(l->kernel_start == in->kernel_start && l->kernel_end == in->kernel_end,
	      "kernel moved");
	/* Ordered, so non-overlapping, and inside the region. */
	CHECK(l->v_start <= order[0], "kernel below v_start");
	for (unsigned int i = 1; i < ARRAY_SIZE(order); i++)
		CHECK(order[i - 1] <= order[i], "piece %u at %#llx before piece %u at %#llx", i,
		      (ull)order[i], i - 1, (ull)order[i - 1]);
	/* Each piece on the first page after the one before. */
	CHECK(l->initrd_start == page_up(in->kernel_end), "initrd at %#llx", (ull)l->initrd_start);
	CHECK(l->p2m_start == page_up(l->initrd_end), "p2m at %#llx", (ull)l->p2m_start);
	CHECK(l->start_info_start == page_up(l->p2m_end), "start_info at %#llx",
	      (ull)l->start_info_start);
	CHECK(l->extra_start == page_up(l->start_info_end), "extra at %#llx", (ull)l->extra_start);
	/* Sizes. */
	CHECK(l->initrd_end - l->initrd_start == in->initrd_bytes, "initrd size");
	CHECK(l->p2m_end - l->p2m_start == in->nr_pages * 8, "p2m size");
	CHECK(l->start_info_end - l->start_info_start == in->start_info_bytes, "start_info size");
	CHECK(l->pt_start - l->extra_start == in->extra_pages * PAGE, "extra pages");
	CHECK(l->pt_end - l->pt_start == l->nr_pt_frames * PAGE, "pt size");
	CHECK(l->stack_start == l->pt_end && l->stack_end - l->stack_start == PAGE, "stack");
	/* Page alignment. */
	const uint64_t aligned[] = { l->initrd_start, l->p2m_start, l->start_info_start,
				     l->extra_start,  l->pt_start,  l->pt_end,
				     l->stack_start,  l->stack_end, l->v_end };
	for (unsigned int i = 0; i < ARRAY_SIZE(aligned); i++)
		CHECK(aligned[i] % PAGE == 0, "aligned[%u] = %#llx not page-aligned", i,
		      (ull)aligned[i]);
	/* v_end: the first 4 MiB boundary leaving at least 512 KiB after the stack. */
	CHECK(l->v_end % FOUR_MIB == 0, "v_end %#llx not 4 MiB aligned", (ull)l->v_end);
	CHECK(l->v_end - l->stack_end >= SPARE, "only %#llx spare", (ull)(l->v_end - l->stack_end));
	CHECK(l->v_end - l->stack_end < SPARE + FOUR_MIB, "v_end %#llx not the first",
	      (ull)l->v_end);
	/* Enough tables for the region, and no more than needed. */
	CHECK(l->nr_pt_frames >= 2, "%u tables", l->nr_pt_frames);
	CHECK(l->nr_pt_frames >= pv_layout_nr_tables(l->v_start, l->v_end),
	      "%u tables for %u needed", l->nr_pt_frames,
	      pv_layout_nr_tables(l->v_start, l->v_end));
	if (l->nr_pt_frames > 2) {
		/* With one frame less the region would need more than that. */
		uint64_t stack_end = l->stack_end - PAGE;
		uint64_t v_end = (stack_end + FOUR_MIB - 1) & ~(FOUR_MIB - 1);
		if (v_end - stack_end < SPARE)
			v_end += FOUR_MIB;
		CHECK(pv_layout_nr_tables(l->v_start, v_end) > l->nr_pt_frames - 1,
		      "%u tables would have done", l->nr_pt_frames - 1);
	}
	CHECK(l->region_pages == (l->v_end - l->v_start) / PAGE, "region_pages %llu",
	      (ull)l->region_pages);
	CHECK(l->region_pages <= in->nr_pages, "region of %llu pages for %llu",
	      (ull)l->region_pages, (ull)in->nr_pages);
}

static bool same_layout(const struct pv_layout *a, const struct pv_layout *b)
{
	return a->v_start == b->v_start && a->kernel_start == b->kernel_start &&
	       a->kernel_end == b->kernel_end && a->initrd_start == b->initrd_start &&
	       a->initrd_end == b->initrd_end && a->p2m_start == b->p2m_start &&
	       a->p2m_end == b->p2m_end && a->start_info_start == b->start_info_start &&
	       a->start_info_end == b->start_info_end && a->extra_start == b->extra_start &&
	       a->pt_start == b->pt_start && a->pt_end == b->pt_end &&
	       a->nr_pt_frames == b->nr_pt_frames && a->stack_start == b->stack_start &&
	       a->stack_end == b->stack_end && a->v_end == b->v_end &&
	       a->region_pages == b->region_pages;
}

START_TEST(random_layouts)
{
	unsigned int ok = 0, enomem = 0;

	rng_state = 0x2545f4914f6cdd1dULL * (uint64_t)(_i + 1);
	for (unsigned int iter = 0; iter < 4000; iter++) {
		struct pv_layout_input in = random_input();
		struct pv_layout l, x;

		memset(&l, 0, sizeof(l));
		int rc = pv_layout_compute(&in, &l);
		int xrc = xen_layout(&in, &x);

		CHECK(rc == xrc, "iter %u: rc %d, Xen's layout gives %d (kernel %#llx-%#llx)", iter,
		      rc, xrc, (ull)in.kernel_start, (ull)in.kernel_end);
		if (rc == -ENOMEM) {
			enomem++;
			continue;
		}
		ok++;
		check_invariants(&in, &l);
		CHECK(same_layout(&l, &x),
		      "iter %u: not Xen's layout (pt %#llx+%u vs %#llx+%u, v_end %#llx vs %#llx)",
		      iter, (ull)l.pt_start, l.nr_pt_frames, (ull)x.pt_start, x.nr_pt_frames,
		      (ull)l.v_end, (ull)x.v_end);
	}
	/* Both outcomes were exercised. */
	ck_assert_uint_gt(ok, 500);
	ck_assert_uint_gt(enomem, 100);
}
END_TEST

Suite *pv_layout_suite(void)
{
	Suite *s = suite_create("pv_layout");
	TCase *tc;

	tc = tcase_create("known");
	tcase_add_test(tc, xen_test_kernel);
	tcase_add_test(tc, xen_debian_kernel);
	tcase_add_test(tc, with_initrd);
	tcase_add_test(tc, with_extra_pages);
	tcase_add_test(tc, minimum_spare);
	suite_add_tcase(s, tc);

	tc = tcase_create("nr_tables");
	tcase_add_test(tc, nr_tables_formula);
	tcase_add_loop_test(tc, nr_tables_brute_force, 0, 8);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, enomem);
	tcase_add_test(tc, einval);
	tcase_add_test(tc, wrap_start_info);
	tcase_add_test(tc, wrap_kernel_end);
	tcase_add_test(tc, wrap_page_tables);
	tcase_add_test(tc, wrap_v_end);
	suite_add_tcase(s, tc);

	tc = tcase_create("random");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, random_layouts, 0, 4);
	suite_add_tcase(s, tc);
	return s;
}
