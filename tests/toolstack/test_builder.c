/*
 * test_builder.c - building PV domains (toolstack/builder/build.c,
 * pagetable.c) from small ELF kernels made here, into a fake domain whose
 * memory is then read back through its own page tables
 * (builder_fake.c: bld_fake_check). Bad parameters must fail cleanly,
 * leaving nothing mapped.
 */
#include <errno.h>
#include <lamina/pv_image.h>
#include <stdlib.h>
#include <string.h>
#include <xen/grant_table.h>

#include "builder_fake.h"
#include "unit.h"

#define DOM_PAGES 8192 /* 32 MiB */
#define KERNEL_PADDR 0x200000ULL

static struct bld_fake_dom dom;
static struct bld_kernel kernel;
static struct bld_result result;
static struct bld_err err;
static uint8_t *image;

static struct bld_fake_kernel_spec spec(void)
{
	return (struct bld_fake_kernel_spec){
	    .paddr = KERNEL_PADDR,
	    .text_bytes = 0x6000,
	    .data_gap = 0x3000,
	    .data_filesz = 0x1800,
	    .data_memsz = 0x5000,
	};
}

static void load(const struct bld_fake_kernel_spec *s)
{
	size_t bytes;

	image = bld_fake_kernel(s, &bytes);
	ck_assert_msg(bld_kernel_load(&kernel, image, bytes, 0, &err) == 0, "%s", err.msg);
	free(image); /* the kernel keeps its own copy */
	image = NULL;
}

static void setup(void)
{
	bld_fake_init(&dom, DOM_PAGES);
}

static void teardown(void)
{
	bld_result_free(&result);
	bld_kernel_free(&kernel);
	bld_fake_free(&dom);
}

static void build_ok(const struct bld_params *p)
{
	ck_assert_msg(bld_build(&kernel, p, &dom.gm, &result, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(err.msg, "");
	bld_fake_check(&dom, &kernel, p, &result);
}

START_TEST(elf_kernel_notes)
{
	struct bld_fake_kernel_spec s = spec();

	load(&s);
	ck_assert(!kernel.bzimage);
	ck_assert_int_eq(kernel.compression, BLD_COMP_NONE);
	ck_assert_uint_eq(kernel.virt_base, BLD_FAKE_VIRT_BASE);
	ck_assert_uint_eq(kernel.entry, BLD_FAKE_VIRT_BASE + KERNEL_PADDR + BLD_FAKE_ENTRY_OFFSET);
	ck_assert_uint_eq(kernel.virt_start, BLD_FAKE_VIRT_BASE + KERNEL_PADDR);
	ck_assert_uint_eq(kernel.image->paddr_end, KERNEL_PADDR + 0x10000 + 0x3000 + 0x5000);
	ck_assert(!kernel.mod_start_pfn);
	ck_assert(!kernel.has_hypercall_page);
}
END_TEST

START_TEST(builds_elf_kernel)
{
	struct bld_fake_kernel_spec s = spec();
	struct bld_params p = bld_fake_params(&dom);

	load(&s);
	p.cmdline = "console=hvc0 root=/dev/xvda1";
	build_ok(&p);
	/* Xen's order: kernel, P2M, start_info, xenstore, console, tables, stack. */
	const struct bld_plan *pl = &result.plan;
	uint64_t kernel_end_pfn = (KERNEL_PADDR + 0x18000) / 4096;
	ck_assert_uint_eq(bld_pfn_va(pl, pl->p2m_pfn), BLD_FAKE_VIRT_BASE + kernel_end_pfn * 4096);
	ck_assert_uint_eq(pl->start_info_pfn, kernel_end_pfn + DOM_PAGES * 8 / 4096);
	ck_assert_uint_eq(pl->store_pfn, pl->start_info_pfn + 1);
	ck_assert_uint_eq(pl->console_pfn, pl->start_info_pfn + 2);
	ck_assert_uint_eq(pl->pt_pfn, pl->start_info_pfn + 3);
	ck_assert_uint_eq(pl->nr_pt_frames, 1 + 1 + 1 + 2); /* L4, L3, L2, two L1s for 4 MiB */
	ck_assert_uint_eq(pl->stack_pfn, pl->pt_pfn + pl->nr_pt_frames);
	ck_assert_uint_eq(pl->v_end, BLD_FAKE_VIRT_BASE + (4 << 20));
	ck_assert(!result.hypercall_page);
}
END_TEST

START_TEST(builds_with_mapped_initrd)
{
	struct bld_fake_kernel_spec s = spec();
	struct bld_params p = bld_fake_params(&dom);
	uint8_t initrd[10000];

	for (size_t i = 0; i < sizeof(initrd); i++)
		initrd[i] = (uint8_t)(i ^ 0x5a);
	load(&s);
	p.initrd = initrd;
	p.initrd_bytes = sizeof(initrd);
	p.flags = SIF_PRIVILEGED;
	build_ok(&p);
	ck_assert(result.plan.initrd_mapped);
	ck_assert_uint_eq(result.plan.p2m_pfn, result.plan.initrd_pfn + 3);
}
END_TEST

START_TEST(builds_with_unmapped_initrd)
{
	struct bld_fake_kernel_spec s = spec();
	struct bld_params p = bld_fake_params(&dom);
	uint8_t initrd[3 * 4096 + 17];

	for (size_t i = 0; i < sizeof(initrd); i++)
		initrd[i] = (uint8_t)(i * 13);
	s.mod_start_pfn = true;
	load(&s);
	p.initrd = initrd;
	p.initrd_bytes = sizeof(initrd);
	build_ok(&p);
	ck_assert(!result.plan.initrd_mapped);
	ck_assert_uint_eq(result.plan.initrd_pfn, result.plan.region_pages);
	/* The tail of its last page is cleared. */
	ck_assert_uint_eq(dom.mem[(result.plan.initrd_pfn + 3) * 4096 + 17], 0);
}
END_TEST

START_TEST(hypercall_page_is_reported)
{
	struct bld_fake_kernel_spec s = spec();
	struct bld_params p = bld_fake_params(&dom);

	s.hypercall_page = true;
	load(&s);
	build_ok(&p);
	ck_assert(result.hypercall_page);
	ck_assert_uint_eq(result.hypercall_gmfn,
			  dom.p2m[(KERNEL_PADDR + BLD_FAKE_HYPERCALL_OFFSET) / 4096]);
}
END_TEST

/* A non-Linux kernel whose region straddles a 512 GiB boundary: two L3s, two L2s. */
START_TEST(region_across_l3_tables)
{
	struct bld_fake_kernel_spec s = spec();
	struct bld_params p = bld_fake_params(&dom);

	s.virt_base = (1ULL << 39) - (1ULL << 20);
	s.guest_os = "mini-os";
	load(&s);
	build_ok(&p);
	/* [2^39 - 1 MiB, 2^39 + 4 MiB): L4, two L3s, two L2s, three L1s. */
	ck_assert_uint_eq(result.plan.v_end, (1ULL << 39) + (4 << 20));
	ck_assert_uint_eq(result.plan.nr_pt_frames, 1 + 2 + 2 + 3);
}
END_TEST

START_TEST(too_little_memory)
{
	struct bld_fake_kernel_spec s = spec();
	struct bld_params p = bld_fake_params(&dom);
	static uint8_t initrd[64 << 10];

	load(&s);
	p.nr_pages = 700;
	ck_assert_int_eq(bld_build(&kernel, &p, &dom.gm, &result, &err), -ENOMEM);
	ck_assert_str_eq(err.msg,
			 "700 pages (2 MiB) cannot hold the bootstrap region of this kernel");
	ck_assert_int_eq(dom.maps, 0);
	bld_kernel_free(&kernel);

	/* An unmapped initrd that does not fit after the region. */
	s.mod_start_pfn = true;
	load(&s);
	p.nr_pages = 1024 + 8;
	p.initrd = initrd;
	p.initrd_bytes = sizeof(initrd);
	ck_assert_int_eq(bld_build(&kernel, &p, &dom.gm, &result, &err), -ENOMEM);
	ck_assert_str_eq(err.msg, "1032 pages (4 MiB) cannot hold the bootstrap region and a "
				  "65536-byte initrd");
}
END_TEST

START_TEST(bad_parameters)
{
	struct bld_fake_kernel_spec s = spec();
	struct bld_params p = bld_fake_params(&dom);
	char cmdline[MAX_GUEST_CMDLINE + 1];
	uint64_t mfn5 = dom.p2m[5];

	load(&s);
	dom.p2m[5] = 1ULL << 40;
	ck_assert_int_eq(bld_build(&kernel, &p, &dom.gm, &result, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "P2M entry 0x5 is no MFN: 0x10000000000");
	dom.p2m[5] = mfn5;

	p.shared_info_mfn = ~0ULL;
	ck_assert_int_eq(bld_build(&kernel, &p, &dom.gm, &result, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "shared_info frame 0xffffffffffffffff is no MFN");
	p = bld_fake_params(&dom);

	memset(cmdline, 'x', MAX_GUEST_CMDLINE);
	cmdline[MAX_GUEST_CMDLINE] = '\0';
	p.cmdline = cmdline;
	ck_assert_int_eq(bld_build(&kernel, &p, &dom.gm, &result, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "command line of 1024 bytes: at most 1023 fit start_info");
	p.cmdline = NULL;

	p.initrd_bytes = 5;
	ck_assert_int_eq(bld_build(&kernel, &p, &dom.gm, &result, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "initrd of 5 bytes without its data");
	p.initrd_bytes = 0;

	p.p2m = NULL;
	ck_assert_int_eq(bld_build(&kernel, &p, &dom.gm, &result, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "no guest memory (an empty P2M)");
	ck_assert_int_eq(dom.maps, 0);
	ck_assert_ptr_null(result.m2p);
}
END_TEST

START_TEST(map_failure_leaves_nothing_mapped)
{
	struct bld_fake_kernel_spec s = spec();
	struct bld_params p = bld_fake_params(&dom);

	load(&s);
	ck_assert_int_eq(bld_plan(&kernel, DOM_PAGES, 0, &result.plan, &err), 0);
	dom.fail_pfn = result.plan.start_info_pfn;
	ck_assert_int_eq(bld_build(&kernel, &p, &dom.gm, &result, &err), -EFAULT);
	ck_assert(strstr(err.msg, "(P2M list to boot stack): Bad address"));
	ck_assert_int_eq(dom.mapped, 0);
	ck_assert_int_eq(dom.maps, 2);
	ck_assert_ptr_null(result.m2p);

	dom.fail_pfn = KERNEL_PADDR / 4096 + 1;
	ck_assert_int_eq(bld_build(&kernel, &p, &dom.gm, &result, &err), -EFAULT);
	ck_assert_str_eq(err.msg, "cannot map guest pages 0x200-0x217 (kernel): Bad address");
	ck_assert_int_eq(dom.mapped, 0);
}
END_TEST

/* Linux keeps one L2 of the bootstrap region: it must not cross a 1 GiB boundary. */
START_TEST(linux_region_limit)
{
	struct bld_fake_kernel_spec s = spec();
	struct bld_plan plan;

	load(&s);
	ck_assert_int_eq(bld_plan(&kernel, 1 << 20, 1ULL << 30, &plan, &err), -E2BIG);
	ck_assert_str_eq(err.msg, "the bootstrap region 0xffffffff80000000-0xffffffffc1000000 "
				  "crosses a 1 GiB boundary, and Linux maps it from one L2 (a "
				  "smaller initrd or kernel is needed)");
	ck_assert_int_eq(bld_plan(&kernel, 1 << 20, 900ULL << 20, &plan, &err), 0);
	bld_kernel_free(&kernel);

	s.mod_start_pfn = true; /* the initrd stays outside the region */
	load(&s);
	ck_assert_int_eq(bld_plan(&kernel, 1 << 20, 1ULL << 30, &plan, &err), 0);
	ck_assert(!plan.initrd_mapped);
	bld_kernel_free(&kernel);

	s.mod_start_pfn = false;
	s.guest_os = "netbsd"; /* other kernels may use more than one L2 */
	load(&s);
	ck_assert_int_eq(bld_plan(&kernel, 1 << 20, 1ULL << 30, &plan, &err), 0);
}
END_TEST

START_TEST(shared_info_starts_masked)
{
	static uint64_t page[512];
	shared_info_t *si = (shared_info_t *)page;

	memset(page, 0xff, sizeof(page));
	bld_shared_info_init(page);
	for (int i = 0; i < XEN_LEGACY_MAX_VCPUS; i++) {
		ck_assert_uint_eq(si->vcpu_info[i].evtchn_upcall_mask, 1);
		ck_assert_uint_eq(si->vcpu_info[i].evtchn_upcall_pending, 0);
		ck_assert_uint_eq(si->vcpu_info[i].time.tsc_to_system_mul, 0);
	}
	ck_assert_uint_eq(si->evtchn_pending[0] | si->evtchn_mask[63] | si->wc_sec, 0);
	ck_assert_uint_eq(page[511], 0);
}
END_TEST

START_TEST(grant_table_seed)
{
	static grant_entry_v1_t table[512];

	bld_gnttab_seed(table, 0x12345, 0, 0x6789a, 1);
	ck_assert_uint_eq(table[GNTTAB_RESERVED_CONSOLE].flags, GTF_permit_access);
	ck_assert_uint_eq(table[GNTTAB_RESERVED_CONSOLE].domid, 0);
	ck_assert_uint_eq(table[GNTTAB_RESERVED_CONSOLE].frame, 0x12345);
	ck_assert_uint_eq(table[GNTTAB_RESERVED_XENSTORE].flags, GTF_permit_access);
	ck_assert_uint_eq(table[GNTTAB_RESERVED_XENSTORE].domid, 1);
	ck_assert_uint_eq(table[GNTTAB_RESERVED_XENSTORE].frame, 0x6789a);
	ck_assert_uint_eq(table[2].flags | table[2].frame, 0);
}
END_TEST

Suite *builder_suite(void)
{
	Suite *s = suite_create("builder");
	TCase *tc = tcase_create("build");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, elf_kernel_notes);
	tcase_add_test(tc, builds_elf_kernel);
	tcase_add_test(tc, builds_with_mapped_initrd);
	tcase_add_test(tc, builds_with_unmapped_initrd);
	tcase_add_test(tc, hypercall_page_is_reported);
	tcase_add_test(tc, region_across_l3_tables);
	tcase_add_test(tc, too_little_memory);
	tcase_add_test(tc, bad_parameters);
	tcase_add_test(tc, map_failure_leaves_nothing_mapped);
	tcase_add_test(tc, linux_region_limit);
	tcase_add_test(tc, shared_info_starts_masked);
	tcase_add_test(tc, grant_table_seed);
	suite_add_tcase(s, tc);
	return s;
}
