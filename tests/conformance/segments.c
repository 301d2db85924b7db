/*
 * segments.c - segment bases (set_segment_base and the emulated base MSRs) and
 * descriptor tables (set_gdt, update_descriptor, MMUEXT_SET_LDT).
 */
#include "rt.h"

#define DESC_DATA_DPL3	0x00cff3000000ffffUL	/* flat writable data, DPL 3 */
#define DESC_DATA_DPL0	0x00cf93000000ffffUL	/* same with DPL 0 */
#define DESC_CODE64_DPL3 0x00aff8000000ffffUL	/* execute-only 64-bit code, DPL 3 */
#define DESC_TSS	0x0000890000000067UL	/* available 64-bit TSS: a system descriptor */

static volatile unsigned long fs_val = 0x4653000000000001UL;
static volatile unsigned long fs_val2 = 0x4653000000000002UL;
static volatile unsigned long gs_val = 0x4753000000000003UL;

static unsigned long read_fs0(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%fs:0, %0" : "=r"(v));
	return v;
}

static unsigned long read_gs0(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%gs:0, %0" : "=r"(v));
	return v;
}

static void fs_base_hypercall(void)
{
	long rc = hc_set_segment_base(SEGBASE_FS, (unsigned long)&fs_val);

	CHECK_RC(rc, 0, "set_segment_base(SEGBASE_FS)");
	CHECK_EQ(read_fs0(), fs_val, "%fs:0 after set_segment_base(SEGBASE_FS)");
	CHECK_EQ(rt_rdmsr(0xc0000100), (unsigned long)&fs_val, "rdmsr(FS_BASE)");
	hc_set_segment_base(SEGBASE_FS, 0);
}

static void gs_kernel_base_hypercall(void)
{
	long rc = hc_set_segment_base(SEGBASE_GS_KERNEL, (unsigned long)&gs_val);

	CHECK_RC(rc, 0, "set_segment_base(SEGBASE_GS_KERNEL)");
	CHECK_EQ(read_gs0(), gs_val, "%gs:0 after set_segment_base(SEGBASE_GS_KERNEL)");
	CHECK_EQ(rt_rdmsr(0xc0000101), (unsigned long)&gs_val, "rdmsr(GS_BASE) in kernel mode");
	rc = hc_set_segment_base(SEGBASE_GS_USER, 0x1234000);
	CHECK_RC(rc, 0, "set_segment_base(SEGBASE_GS_USER)");
	CHECK_EQ(rt_rdmsr(0xc0000102), 0x1234000, "rdmsr(SHADOW_GS_BASE) = the user GS base");
	CHECK_EQ(read_gs0(), gs_val, "kernel %gs:0 unaffected by the user base");
	hc_set_segment_base(SEGBASE_GS_KERNEL, 0);
	hc_set_segment_base(SEGBASE_GS_USER, 0);
}

static void base_msrs_emulated(void)
{
	struct rt_catch c;

	if (rt_catch(&c) == 0) {
		rt_wrmsr(0xc0000100, (unsigned long)&fs_val2);
		rt_catch_end();
	} else {
		rt_fail("wrmsr(FS_BASE) trapped: vector %u", c.trap.vector);
		return;
	}
	CHECK_EQ(read_fs0(), fs_val2, "%fs:0 after wrmsr(FS_BASE)");
	CHECK_EQ(rt_rdmsr(0xc0000100), (unsigned long)&fs_val2, "rdmsr(FS_BASE)");
	rt_wrmsr(0xc0000101, (unsigned long)&gs_val);
	CHECK_EQ(read_gs0(), gs_val, "%gs:0 after wrmsr(GS_BASE)");
	rt_wrmsr(0xc0000102, 0x5550000);
	CHECK_EQ(rt_rdmsr(0xc0000102), 0x5550000, "rdmsr(SHADOW_GS_BASE) after wrmsr");
	/* A non-canonical base is refused with #GP. */
	if (rt_catch(&c) == 0) {
		rt_wrmsr(0xc0000100, 0x8000000000000000UL);
		rt_catch_end();
		rt_fail("wrmsr(FS_BASE, non-canonical) did not trap");
	} else {
		CHECK_EQ(c.trap.vector, X86_GP, "trap for a non-canonical FS base");
	}
	rt_wrmsr(0xc0000100, 0);
	rt_wrmsr(0xc0000101, 0);
	rt_wrmsr(0xc0000102, 0);
}

static void set_segment_base_errors(void)
{
	CHECK_RC(hc_set_segment_base(SEGBASE_FS, 0x8000000000000000UL), -XEN_EINVAL,
		 "SEGBASE_FS non-canonical");
	CHECK_RC(hc_set_segment_base(SEGBASE_GS_USER, 0x0000800000000000UL), -XEN_EINVAL,
		 "SEGBASE_GS_USER non-canonical");
	CHECK_RC(hc_set_segment_base(SEGBASE_GS_KERNEL, 0xffff000000000000UL), -XEN_EINVAL,
		 "SEGBASE_GS_KERNEL non-canonical");
	CHECK_RC(hc_set_segment_base(4, 0), -XEN_EINVAL, "set_segment_base(4)");
	CHECK_RC(hc_set_segment_base(SEGBASE_GS_USER_SEL, 0), 0, "SEGBASE_GS_USER_SEL(0)");
}

static uint16_t read_es(void)
{
	uint16_t s;

	__asm__ __volatile__("mov %%es, %0" : "=r"(s));
	return s;
}

static void load_es(uint16_t s)
{
	__asm__ __volatile__("mov %0, %%es" :: "r"((unsigned int)s) : "memory");
}

static void set_gdt_and_load(void)
{
	uint64_t *g = rt_alloc_page();
	unsigned long frame = rt_virt_to_mfn(g);
	struct rt_catch c;
	long rc;

	g[1] = DESC_DATA_DPL3;
	g[2] = DESC_CODE64_DPL3;
	g[3] = DESC_DATA_DPL0;	/* the hypervisor raises the DPL of guest descriptors to 3 */
	REQUIRE_RC(rt_set_page_rw(g, false), 0, "update_va_mapping(GDT page, read-only)");
	rc = hc_set_gdt(&frame, 4);
	REQUIRE_RC(rc, 0, "set_gdt(1 frame, 4 entries)");
	CHECK_EQ(g[3], DESC_DATA_DPL3, "DPL 0 data descriptor after validation (DPL raised to 3)");
	if (rt_catch(&c) == 0) {
		load_es(0x0b);
		rt_catch_end();
		CHECK_EQ(read_es(), 0x0b, "ES after loading GDT selector 0x0b");
		load_es(0x1b);
		CHECK_EQ(read_es(), 0x1b, "ES after loading GDT selector 0x1b");
	} else {
		rt_fail("loading ES from the new GDT trapped: vector %u err %#lx", c.trap.vector,
			c.trap.error_code);
	}
	/* A code descriptor is not loadable into a data segment register. */
	if (rt_catch(&c) == 0) {
		load_es(0x13);
		rt_catch_end();
		rt_fail("loading a code selector into ES did not trap");
	} else {
		rt_check_trap(&c.trap, X86_GP, 0x10, c.trap.rip, "code selector into ES");
	}
	/* The hypervisor's flat selectors stay usable. */
	load_es(FLAT_RING3_DS32);
	CHECK_EQ(read_es(), FLAT_RING3_DS32, "ES after loading 0xe02b");
	load_es(0);
	/* The GDT frame is a descriptor page now: no writable mapping allowed. */
	rc = rt_set_page_rw(g, true);
	CHECK_RC(rc, -XEN_EBUSY, "making the live GDT frame writable");
	rc = hc_set_gdt(NULL, 0);
	CHECK_RC(rc, 0, "set_gdt(NULL, 0)");
	rc = rt_set_page_rw(g, true);
	CHECK_RC(rc, 0, "GDT frame writable again after replacing the GDT");
}

static void set_gdt_refusals(void)
{
	uint64_t *g = rt_alloc_page();
	unsigned long frame = rt_virt_to_mfn(g), foreign = rt_foreign_ram_mfn();
	long rc;

	g[1] = DESC_DATA_DPL3;
	rc = hc_set_gdt(&frame, 2);
	CHECK_RC(rc, -XEN_EINVAL, "set_gdt of a frame mapped writable");
	if (rc == 0)
		hc_set_gdt(NULL, 0);
	g[2] = DESC_TSS;
	REQUIRE_RC(rt_set_page_rw(g, false), 0, "read-only");
	rc = hc_set_gdt(&frame, 3);
	CHECK_RC(rc, -XEN_EINVAL, "set_gdt of a frame holding a TSS descriptor");
	if (rc == 0)
		hc_set_gdt(NULL, 0);
	rc = hc_set_gdt(&frame, FIRST_RESERVED_GDT_ENTRY + 1);
	CHECK_RC(rc, -XEN_EINVAL, "set_gdt with 7169 entries");
	if (foreign) {
		rc = hc_set_gdt(&foreign, 1);
		CHECK_RC(rc, -XEN_EINVAL, "set_gdt of a frame the domain does not own");
		if (rc == 0)
			hc_set_gdt(NULL, 0);
	}
	rt_set_page_rw(g, true);
}

static void update_descriptor_rules(void)
{
	uint64_t *page = rt_alloc_page();
	uint64_t ma = rt_virt_to_maddr(&page[5]);
	uint64_t *l1;
	long rc;

	rc = hc_update_descriptor(ma, DESC_DATA_DPL3);
	CHECK_RC(rc, 0, "update_descriptor into an ordinary page");
	CHECK_EQ(page[5], DESC_DATA_DPL3, "descriptor written");
	rc = hc_update_descriptor(ma, DESC_DATA_DPL0);
	CHECK_RC(rc, 0, "update_descriptor with a DPL 0 data descriptor");
	CHECK_EQ(page[5], DESC_DATA_DPL3, "stored descriptor (DPL raised to 3)");
	rc = hc_update_descriptor(ma + 4, DESC_DATA_DPL3);
	CHECK_RC(rc, -XEN_EINVAL, "update_descriptor at a misaligned address");
	rc = hc_update_descriptor(ma, DESC_TSS);
	CHECK_RC(rc, -XEN_EINVAL, "update_descriptor with a TSS descriptor");
	CHECK_EQ(page[5], DESC_DATA_DPL3, "descriptor after the refused updates");
	rc = hc_update_descriptor(rt_foreign_ram_mfn() << 12, DESC_DATA_DPL3);
	CHECK_RC(rc, -XEN_EINVAL, "update_descriptor into a frame the domain does not own");
	l1 = rt_alloc_page();
	REQUIRE_RC(rt_set_page_rw(l1, false), 0, "read-only");
	REQUIRE_RC(rt_mmuext1(MMUEXT_PIN_L1_TABLE, rt_virt_to_mfn(l1), 0), 0, "PIN_L1");
	rc = hc_update_descriptor(rt_virt_to_maddr(l1), DESC_DATA_DPL3);
	CHECK_RC(rc, -XEN_EINVAL, "update_descriptor into a pinned L1 table");
	rt_mmuext1(MMUEXT_UNPIN_TABLE, rt_virt_to_mfn(l1), 0);
	rt_set_page_rw(l1, true);
}

static void update_descriptor_live_gdt(void)
{
	uint64_t *g = rt_alloc_page();
	unsigned long frame = rt_virt_to_mfn(g);
	struct rt_catch c;
	long rc;

	REQUIRE_RC(rt_set_page_rw(g, false), 0, "read-only");
	REQUIRE_RC(hc_set_gdt(&frame, 8), 0, "set_gdt");
	/* Entry 5 is empty: loading it faults; after update_descriptor it loads. */
	if (rt_catch(&c) == 0) {
		load_es(0x2b);
		rt_catch_end();
		rt_fail("loading an empty GDT entry did not trap");
	} else {
		CHECK_EQ(c.trap.vector, X86_GP, "trap for an empty GDT entry");
		CHECK_EQ(c.trap.error_code, 0x28, "#GP error code (selector)");
	}
	rc = hc_update_descriptor(rt_virt_to_maddr(&g[5]), DESC_DATA_DPL3);
	CHECK_RC(rc, 0, "update_descriptor into the live GDT frame");
	if (rt_catch(&c) == 0) {
		load_es(0x2b);
		rt_catch_end();
		CHECK_EQ(read_es(), 0x2b, "ES after loading the updated entry");
	} else {
		rt_fail("loading the updated GDT entry trapped: vector %u err %#lx", c.trap.vector,
			c.trap.error_code);
	}
	load_es(0);
	hc_set_gdt(NULL, 0);
	rt_set_page_rw(g, true);
}

static void ldt(void)
{
	uint64_t *l = rt_alloc_page();
	struct rt_catch c;
	long rc;

	l[0] = DESC_DATA_DPL3;
	REQUIRE_RC(rt_set_page_rw(l, false), 0, "read-only LDT page");
	rc = rt_mmuext1(MMUEXT_SET_LDT, (unsigned long)l, 2);
	REQUIRE_RC(rc, 0, "MMUEXT_SET_LDT(page, 2 entries)");
	if (rt_catch(&c) == 0) {
		load_es(0x07);	/* index 0, TI = LDT, RPL 3 */
		rt_catch_end();
		CHECK_EQ(read_es(), 0x07, "ES after loading LDT selector 0x07");
	} else {
		rt_fail("loading LDT selector 0x07 trapped: vector %u err %#lx", c.trap.vector,
			c.trap.error_code);
	}
	load_es(0);
	rc = rt_mmuext1(MMUEXT_SET_LDT, 0, 0);
	CHECK_RC(rc, 0, "MMUEXT_SET_LDT(0, 0)");
	if (rt_catch(&c) == 0) {
		load_es(0x07);
		rt_catch_end();
		rt_fail("LDT selector still loadable after removing the LDT");
	} else {
		CHECK_EQ(c.trap.vector, X86_GP, "trap for an LDT selector without an LDT");
	}
	load_es(0);
	rc = rt_mmuext1(MMUEXT_SET_LDT, (unsigned long)l + 8, 2);
	CHECK_RC(rc, -XEN_EINVAL, "SET_LDT with a misaligned base");
	rc = rt_mmuext1(MMUEXT_SET_LDT, (unsigned long)l, 8193);
	CHECK_RC(rc, -XEN_EINVAL, "SET_LDT with 8193 entries");
	rc = rt_mmuext1(MMUEXT_SET_LDT, 0xffff830000000000UL, 2);
	CHECK_RC(rc, -XEN_EINVAL, "SET_LDT in the hypervisor area");
	rt_mmuext1(MMUEXT_SET_LDT, 0, 0);
	rt_set_page_rw(l, true);
}

static void flat_selectors(void)
{
	struct rt_catch c;
	uint16_t ds;

	/* The reserved GDT page provides 0xe023/0xe02b/0xe033 (and nothing at 0xe03b+). */
	__asm__ __volatile__("mov %1, %%ds\n\tmov %%ds, %0" : "=r"(ds) : "r"(0xe02bU));
	CHECK_EQ(ds, 0xe02b, "DS after loading FLAT_RING3_DS32");
	__asm__ __volatile__("mov %0, %%ds" :: "r"(0U));
	if (rt_catch(&c) == 0) {
		load_es(0xe023);	/* readable code: loadable into a data register */
		rt_catch_end();
		CHECK_EQ(read_es(), 0xe023, "ES after loading the readable 32-bit code selector");
	} else {
		rt_fail("loading 0xe023 into ES trapped: vector %u err %#lx", c.trap.vector,
			c.trap.error_code);
	}
	load_es(0);
}

static const struct rt_case cases[] = {
	RT_CASE(fs_base_hypercall),
	RT_CASE(gs_kernel_base_hypercall),
	RT_CASE(base_msrs_emulated),
	RT_CASE(set_segment_base_errors),
	RT_CASE(set_gdt_and_load),
	RT_CASE(set_gdt_refusals),
	RT_CASE(update_descriptor_rules),
	RT_CASE(update_descriptor_live_gdt),
	RT_CASE(ldt),
	RT_CASE(flat_selectors),
};
RT_SUITE("segments", cases, NULL);
