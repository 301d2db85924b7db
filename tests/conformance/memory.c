/*
 * memory.c - the memory_op hypercall as dom0 sees it: reservations, the M2P description,
 * memory maps, giving a page back and getting one again (balloon), and trading frames for
 * contiguous ones (XENMEM_exchange).
 */
#include "rt.h"

struct e820entry {
	uint64_t addr, size;
	uint32_t type;
} __attribute__((packed));

static struct e820entry map[128];

static long max_ram_page(void)
{
	return hc_memory_op(XENMEM_maximum_ram_page, NULL);
}

static void maximum_ram_page(void)
{
	long max = max_ram_page();
	unsigned long highest = 0;

	rt_info("XENMEM_maximum_ram_page = %#lx", max);
	CHECK(max > 0, "XENMEM_maximum_ram_page returned %s", rt_errname(max));
	for (unsigned long pfn = 0; pfn < rt_start_info->nr_pages; pfn++)
		if (rt_p2m[pfn] > highest)
			highest = rt_p2m[pfn];
	CHECK((unsigned long)max > highest, "maximum_ram_page %#lx <= the domain's highest MFN %#lx",
	      max, highest);
	/* QEMU -m 512: RAM ends at 0x1ffe0000. */
	CHECK_EQ(max, 0x1ffe0, "maximum_ram_page with 512 MiB under QEMU (end of the last RAM "
		 "range, in pages)");
}

static void reservations(void)
{
	struct xen_memory_domain d = { .domid = DOMID_SELF };
	long cur, max;

	cur = hc_memory_op(XENMEM_current_reservation, &d);
	CHECK_RC(cur, rt_start_info->nr_pages, "XENMEM_current_reservation(DOMID_SELF)");
	max = hc_memory_op(XENMEM_maximum_reservation, &d);
	rt_info("maximum_reservation = %ld", max);
	CHECK(max >= cur, "maximum_reservation %ld < current %ld", max, cur);
	/* dom0_mem=64M gives no maximum ("max:"): Xen leaves dom0's limit at UINT_MAX pages. */
	CHECK_EQ(max, 0xffffffffUL, "maximum_reservation(DOMID_SELF) with dom0_mem=64M");
	d.domid = 0;
	CHECK_RC(hc_memory_op(XENMEM_current_reservation, &d), cur,
		 "current_reservation(domid 0 = self)");
	d.domid = 1;
	CHECK_RC(hc_memory_op(XENMEM_current_reservation, &d), -XEN_ESRCH,
		 "current_reservation(domid 1, no such domain)");
	d.domid = DOMID_IO;
	CHECK_RC(hc_memory_op(XENMEM_current_reservation, &d), -XEN_ESRCH,
		 "current_reservation(DOMID_IO)");
}

static void machphys_mapping(void)
{
	struct xen_machphys_mapping m;
	long rc;

	memset(&m, 0, sizeof(m));
	rc = hc_memory_op(XENMEM_machphys_mapping, &m);
	CHECK_RC(rc, 0, "XENMEM_machphys_mapping");
	CHECK_EQ(m.v_start, 0xffff800000000000UL, "v_start");
	CHECK_EQ(m.v_end, 0xffff804000000000UL, "v_end");
	/* For the hardware domain without memory hotplug: maximum_ram_page - 1. */
	CHECK_EQ(m.max_mfn, max_ram_page() - 1, "max_mfn");
}

static void machphys_mfn_list(void)
{
	static xen_pfn_t ext[64];
	struct xen_machphys_mfn_list l = { .max_extents = 64, .extent_start = ext };
	unsigned long want = ((unsigned long)max_ram_page() * 8 + 0x1fffff) >> 21;
	char *scratch = rt_alloc_page();
	uint64_t ma;
	long rc;

	rc = hc_memory_op(XENMEM_machphys_mfn_list, &l);
	CHECK_RC(rc, 0, "XENMEM_machphys_mfn_list");
	CHECK_EQ(l.nr_extents, want, "nr_extents (2 MiB chunks covering maximum_ram_page entries)");
	REQUIRE(l.nr_extents > 0, "no extents");
	CHECK_EQ(ext[0] & 511, 0, "first extent MFN 2 MiB aligned");
	/* The first extent holds M2P[0..]: map its first page read-only and compare. */
	REQUIRE(rt_pte_lookup((unsigned long)scratch, 1, &ma), "no L1 for the scratch page");
	{
		/* The M2P belongs to the hypervisor (DOMID_XEN), shared read-only with dom0. */
		struct mmu_update u = { .ptr = ma, .val = (ext[0] << 12) | PTE_P | PTE_A };

		rc = hc_mmu_update(&u, 1, NULL, DOMID_XEN);
	}
	if (rc == 0) {
		rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)scratch, 0);
		CHECK(!memcmp(scratch, (const void *)MACH2PHYS_VIRT_START, 4096),
		      "first M2P frame's content differs from the M2P at 0xffff800000000000");
	} else {
		rt_fail("mapping M2P frame %#lx read-only (foreigndom DOMID_XEN): %s", ext[0],
			rt_errname(rc));
	}
	rt_mmu_update1(ma, (rt_virt_to_mfn(scratch) << 12) | PTE_KERNEL);
	rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)scratch, 0);
	l.max_extents = 0;
	rc = hc_memory_op(XENMEM_machphys_mfn_list, &l);
	CHECK_RC(rc, 0, "machphys_mfn_list with max_extents 0");
	CHECK_EQ(l.nr_extents, 0, "nr_extents with max_extents 0");
}

static void m2p_read_only(void)
{
	struct rt_catch c;

	if (rt_catch(&c) == 0) {
		*(volatile unsigned long *)MACH2PHYS_VIRT_START = 0;
		rt_catch_end();
		rt_fail("write to the M2P table did not fault");
		return;
	}
	rt_check_trap(&c.trap, X86_PF, ~0UL, c.trap.rip, "write to the M2P");
	CHECK_EQ(c.trap.error_code & (PFEC_P | PFEC_W), PFEC_P | PFEC_W, "#PF error code P|W");
	CHECK_EQ(c.trap.cr2, MACH2PHYS_VIRT_START, "CR2");
}

static void memory_map_pv_dom0(void)
{
	struct xen_memory_map m = { .nr_entries = 128, .buffer = map };
	long rc = hc_memory_op(XENMEM_memory_map, &m);

	/* Xen keeps no pseudo-physical E820 for a PV dom0. */
	CHECK_RC(rc, -XEN_ENOSYS, "XENMEM_memory_map for a PV dom0");
}

static void machine_memory_map(void)
{
	struct xen_memory_map m = { .nr_entries = 128, .buffer = map };
	unsigned int n, ram = 0;
	unsigned long uncovered = 0;
	long rc;

	rc = hc_memory_op(XENMEM_machine_memory_map, &m);
	REQUIRE_RC(rc, 0, "XENMEM_machine_memory_map");
	n = m.nr_entries;
	CHECK(n > 0 && n < 128, "nr_entries %u", n);
	for (unsigned int i = 0; i < n && i < 128; i++) {
		rt_info("e820 %2u: %#014lx - %#014lx type %u", i, map[i].addr,
			map[i].addr + map[i].size, map[i].type);
		if (map[i].type == 1)
			ram++;
		if (i && map[i].addr < map[i - 1].addr + map[i - 1].size)
			rt_fail("entry %u at %#lx overlaps or precedes entry %u", i, map[i].addr, i - 1);
	}
	CHECK(ram >= 2, "%u RAM entries (QEMU has RAM below and above 1 MiB)", ram);
	for (unsigned long pfn = 0; pfn < rt_start_info->nr_pages; pfn++) {
		uint64_t a = rt_p2m[pfn] << 12;
		bool in = false;

		for (unsigned int i = 0; i < n; i++)
			if (map[i].type == 1 && a >= map[i].addr && a < map[i].addr + map[i].size)
				in = true;
		if (!in)
			uncovered++;
	}
	CHECK_EQ(uncovered, 0, "domain frames outside the RAM ranges of the machine map");
	/*
	 * Machine ranges dom0 has no access to are reported as reserved: the hypervisor's
	 * local APIC and I/O APIC pages.
	 */
	{
		const uint64_t hv_pages[] = { 0xfee00000UL, 0xfec00000UL };

		for (unsigned int j = 0; j < 2; j++) {
			bool reserved = false;

			for (unsigned int i = 0; i < n; i++)
				if (map[i].type == 2 && hv_pages[j] >= map[i].addr &&
				    hv_pages[j] < map[i].addr + map[i].size)
					reserved = true;
			CHECK(reserved, "%#lx (hypervisor-owned APIC page) not in a reserved entry",
			      hv_pages[j]);
		}
	}
}

static void machine_memory_map_sizes(void)
{
	struct xen_memory_map m = { .nr_entries = 128, .buffer = map };
	unsigned int n;
	long rc;

	REQUIRE_RC(hc_memory_op(XENMEM_machine_memory_map, &m), 0, "full map");
	n = m.nr_entries;
	m.nr_entries = 1;
	rc = hc_memory_op(XENMEM_machine_memory_map, &m);
	CHECK_RC(rc, -XEN_EINVAL, "machine_memory_map with room for 1 entry");
	m.nr_entries = 0;
	m.buffer = NULL;
	rc = hc_memory_op(XENMEM_machine_memory_map, &m);
	CHECK_RC(rc, 0, "machine_memory_map with a NULL buffer (count only)");
	CHECK_EQ(m.nr_entries, n, "count from the NULL-buffer call");
}

static void balloon_out_and_in(void)
{
	unsigned long pfn = rt_alloc_unmapped_pfn(), old = rt_p2m[pfn], frame;
	struct xen_memory_reservation r;
	struct xen_memory_domain d = { .domid = DOMID_SELF };
	long cur0 = hc_memory_op(XENMEM_current_reservation, &d), rc;

	memset(&r, 0, sizeof(r));
	frame = old;
	r.extent_start = &frame;
	r.nr_extents = 1;
	r.extent_order = 0;
	r.domid = DOMID_SELF;
	rc = hc_memory_op(XENMEM_decrease_reservation, &r);
	CHECK_RC(rc, 1, "XENMEM_decrease_reservation of one unmapped frame (extents done)");
	CHECK_RC(hc_memory_op(XENMEM_current_reservation, &d), cur0 - 1,
		 "current_reservation after giving one page back");
	frame = pfn;
	rc = hc_memory_op(XENMEM_populate_physmap, &r);
	CHECK_RC(rc, 1, "XENMEM_populate_physmap of that pfn (extents done)");
	if (rc == 1) {
		CHECK(frame != pfn, "populate_physmap did not write the new MFN back");
		CHECK_EQ(rt_m2p(frame), pfn, "M2P entry of the new frame");
		rt_p2m[pfn] = frame;
	}
	CHECK_RC(hc_memory_op(XENMEM_current_reservation, &d), cur0, "current_reservation after");
	/* Giving back a frame the domain does not own fails (0 extents done). */
	frame = rt_foreign_ram_mfn();
	REQUIRE(frame, "no RAM frame outside the domain found");
	rc = hc_memory_op(XENMEM_decrease_reservation, &r);
	CHECK_RC(rc, 0, "decrease_reservation of a frame the domain does not own");
	CHECK_RC(hc_memory_op(XENMEM_current_reservation, &d), cur0, "current_reservation at the end");
}

/* An XENMEM_exchange of in (order-0 frames) for one extent of out_order below 2^bits bytes. */
static long exchange(xen_pfn_t *in, unsigned long nr_in, xen_pfn_t *out, unsigned int out_order,
		     unsigned int bits, xen_ulong_t *done)
{
	struct xen_memory_exchange x;
	long rc;

	memset(&x, 0, sizeof(x));
	x.in.extent_start = in;
	x.in.nr_extents = nr_in;
	x.in.domid = DOMID_SELF;
	x.out.extent_start = out;
	x.out.nr_extents = 1;
	x.out.extent_order = out_order;
	x.out.mem_flags = bits;
	x.out.domid = DOMID_SELF;
	rc = hc_memory_op(XENMEM_exchange, &x);
	*done = x.nr_exchanged;
	return rc;
}

/* Two unmapped frames for one contiguous pair below 4 GiB (what Linux does for DMA buffers). */
static void exchange_for_contiguous(void)
{
	unsigned long a = rt_alloc_unmapped_pfn(), b = rt_alloc_unmapped_pfn();
	unsigned long pfn = a < b ? a : b, pfn2 = pfn + 1;
	struct xen_memory_domain d = { .domid = DOMID_SELF };
	long cur0 = hc_memory_op(XENMEM_current_reservation, &d);
	xen_pfn_t in[2] = { rt_p2m[pfn], rt_p2m[pfn2] }, out;
	xen_ulong_t done;

	REQUIRE((a > b ? a : b) == pfn2, "unmapped pfns %#lx and %#lx are not adjacent", a, b);
	out = pfn;
	CHECK_RC(exchange(in, 2, &out, 1, 32, &done), 0, "XENMEM_exchange(2 frames -> order 1, 32 bits)");
	CHECK_EQ(done, 2, "nr_exchanged");
	if (done == 2) {
		CHECK(out != pfn && !(out & 1), "new extent %#lx: not written back or not 2-aligned",
		      (unsigned long)out);
		CHECK(out + 2 <= (1UL << (32 - 12)), "new extent %#lx is above 4 GiB",
		      (unsigned long)out);
		CHECK_EQ(rt_m2p(out), pfn, "M2P of the new extent's first frame");
		CHECK_EQ(rt_m2p(out + 1), pfn + 1, "M2P of its second frame");
		CHECK(rt_m2p(in[0]) != pfn, "M2P of the traded frame still names pfn %#lx", pfn);
		rt_p2m[pfn] = out;
		rt_p2m[pfn2] = out + 1;
		/* The traded frame is no longer the domain's: giving it back fails. */
		struct xen_memory_reservation r = { .nr_extents = 1, .domid = DOMID_SELF };
		xen_pfn_t f = in[0];
		r.extent_start = &f;
		CHECK_RC(hc_memory_op(XENMEM_decrease_reservation, &r), 0,
			 "decrease_reservation of a traded frame (extents done)");
	}
	CHECK_RC(hc_memory_op(XENMEM_current_reservation, &d), cur0,
		 "current_reservation unchanged by the exchange");
}

static void exchange_refusals(void)
{
	unsigned long pfn = rt_alloc_unmapped_pfn();
	xen_pfn_t in[2] = { rt_p2m[pfn], 0 }, out = pfn;
	struct xen_memory_exchange x;
	xen_ulong_t done;

	/* Sizes differ: 1 page in, 2 out. */
	CHECK_RC(exchange(in, 1, &out, 1, 0, &done), -XEN_EINVAL, "exchange of 1 page for 2");
	CHECK_EQ(done, 0, "nr_exchanged after a size mismatch");
	/* An extent order above the limit. */
	CHECK_RC(exchange(in, 1, &out, 20, 0, &done), -XEN_EPERM, "exchange for an order-20 extent");
	/* A frame the kernel has mapped (its own text) cannot be traded. */
	in[0] = rt_p2m[rt_virt_to_pfn((const void *)&exchange_refusals)];
	CHECK_RC(exchange(in, 1, &out, 0, 0, &done), -XEN_EINVAL, "exchange of a mapped frame");
	CHECK_EQ(done, 0, "nr_exchanged after refusing a mapped frame");
	CHECK_EQ(rt_m2p(in[0]), rt_virt_to_pfn((const void *)&exchange_refusals),
		 "the refused frame's M2P entry is untouched");
	/* Mismatched domains, and an unreadable argument. */
	memset(&x, 0, sizeof(x));
	x.in.domid = DOMID_SELF;
	x.out.domid = 0;
	CHECK_RC(hc_memory_op(XENMEM_exchange, &x), -XEN_EINVAL, "exchange with in.domid != out.domid");
	CHECK_RC(hc_memory_op(XENMEM_exchange, (void *)8), -XEN_EFAULT, "exchange(unmapped argument)");
}

static void unknown_subop(void)
{
	char buf[64] = { 0 };

	CHECK_RC(hc_memory_op(8, buf), -XEN_ENOSYS, "memory_op 8 (unused)");
	CHECK_RC(hc_memory_op(99, buf), -XEN_ENOSYS, "memory_op 99");
}

static const struct rt_case cases[] = {
	RT_CASE(maximum_ram_page),
	RT_CASE(reservations),
	RT_CASE(machphys_mapping),
	RT_CASE(machphys_mfn_list),
	RT_CASE(m2p_read_only),
	RT_CASE(memory_map_pv_dom0),
	RT_CASE(machine_memory_map),
	RT_CASE(machine_memory_map_sizes),
	RT_CASE(balloon_out_and_in),
	RT_CASE(exchange_for_contiguous),
	RT_CASE(exchange_refusals),
	RT_CASE(unknown_subop),
};
RT_SUITE("memory", cases, NULL);
