/*
 * mmu.c - page tables under the PV rules: mmu_update, update_va_mapping, mmuext_op, the
 * writable-page-table assist, and the refusals (with Xen's errno values).
 */
#include "rt.h"

/* A scratch VA whose L1 entry the tests rewrite, with its original frame. */
static char *scratch;
static unsigned long scratch_mfn;
static uint64_t scratch_l1_maddr;

static unsigned long foreign_mfn;

static void setup(void)
{
	foreign_mfn = rt_foreign_ram_mfn();
	scratch = rt_alloc_page();
	scratch_mfn = rt_virt_to_mfn(scratch);
	if (!rt_pte_lookup((unsigned long)scratch, 1, &scratch_l1_maddr))
		rt_printf("mmu: no L1 entry for the scratch page\n");
}

static void restore_scratch(void)
{
	rt_mmu_update1(scratch_l1_maddr, (scratch_mfn << 12) | PTE_KERNEL);
	rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)scratch, 0);
}

static void invlpg(const void *va)
{
	rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)va, 0);
}

/* A zeroed page, made read-only (its only mapping), ready to become a page table. */
static uint64_t *new_table(void)
{
	uint64_t *t = rt_alloc_page();
	long rc = rt_set_page_rw(t, false);

	REQUIRE_RC(rc, 0, "update_va_mapping(table page, read-only)");
	return t;
}

static void l1_update_and_use(void)
{
	uint64_t *data = rt_alloc_page();
	long rc;

	data[0] = 0x1122334455667788UL;
	(void)*(volatile char *)scratch;	/* the old translation is in the TLB */
	rc = rt_mmu_update1(scratch_l1_maddr, (rt_virt_to_mfn(data) << 12) | PTE_KERNEL);
	CHECK_RC(rc, 0, "mmu_update(L1 entry of the scratch VA -> another frame)");
	invlpg(scratch);
	CHECK_EQ(*(volatile uint64_t *)scratch, 0x1122334455667788UL, "read through the new mapping");
	*(volatile uint64_t *)(scratch + 8) = 0xabcdef;
	CHECK_EQ(data[1], 0xabcdef, "write through the new mapping seen through the old one");
	CHECK_EQ(rt_pte_of((unsigned long)scratch) >> 12 & 0xffffffffffUL, rt_virt_to_mfn(data),
		 "MFN in the L1 entry read back");
	restore_scratch();
}

static void l1_entry_adjusted_on_write(void)
{
	uint64_t pte;

	/* Xen adds US (and its kernel marker, bit 52) to kernel mappings of a 64-bit PV guest. */
	rt_mmu_update1(scratch_l1_maddr, (scratch_mfn << 12) | PTE_KERNEL);
	pte = rt_pte_of((unsigned long)scratch);
	rt_info("L1 entry written %#lx, read back %#lx", (scratch_mfn << 12) | PTE_KERNEL, pte);
	CHECK(pte & PTE_US, "L1 entry %#lx: US not added to a kernel mapping", pte);
	CHECK_EQ(pte & PTE_ADDR_MASK, scratch_mfn << 12, "address bits");
	CHECK_EQ(pte & (PTE_P | PTE_RW | PTE_A | PTE_D), PTE_KERNEL, "P/RW/A/D bits");
}

static void untyped_page_plain_store(void)
{
	uint64_t *page = rt_alloc_page();
	long rc;

	/* An ordinary (never typed) frame takes mmu_update as a plain store. */
	rc = rt_mmu_update1(rt_virt_to_maddr(&page[5]), 0x123456789UL);
	CHECK_RC(rc, 0, "mmu_update into an ordinary data page");
	CHECK_EQ(page[5], 0x123456789UL, "value stored");
}

static void writable_map_of_pinned_l1_refused(void)
{
	uint64_t *l1 = new_table();
	unsigned long mfn = rt_virt_to_mfn(l1);
	long rc;

	rc = rt_mmuext1(MMUEXT_PIN_L1_TABLE, mfn, 0);
	REQUIRE_RC(rc, 0, "MMUEXT_PIN_L1_TABLE of a zeroed read-only page");
	rc = rt_mmu_update1(scratch_l1_maddr, (mfn << 12) | PTE_KERNEL);
	CHECK_RC(rc, -XEN_EBUSY, "writable mapping of a pinned L1 via mmu_update");
	rc = rt_set_page_rw(l1, true);
	CHECK_RC(rc, -XEN_EBUSY, "update_va_mapping(pinned L1's own VA, writable)");
	rc = rt_mmu_update1(scratch_l1_maddr, (mfn << 12) | PTE_P | PTE_A);
	CHECK_RC(rc, 0, "read-only mapping of a pinned L1");
	restore_scratch();
	rc = rt_mmuext1(MMUEXT_UNPIN_TABLE, mfn, 0);
	CHECK_RC(rc, 0, "MMUEXT_UNPIN_TABLE");
	rc = rt_set_page_rw(l1, true);
	CHECK_RC(rc, 0, "writable again after unpinning");
}

static void foreign_frame_refused(void)
{
	unsigned long mfn = foreign_mfn;
	long rc;

	REQUIRE(mfn, "no RAM frame outside this domain found");
	rc = rt_mmu_update1(scratch_l1_maddr, (mfn << 12) | PTE_KERNEL);
	CHECK_RC(rc, -XEN_EBUSY, "mapping a RAM frame the domain does not own (writable)");
	if (rc == 0)
		restore_scratch();
	rc = rt_mmu_update1(scratch_l1_maddr, (mfn << 12) | PTE_P | PTE_A);
	CHECK_RC(rc, -XEN_EBUSY, "mapping a RAM frame the domain does not own (read-only)");
	restore_scratch();
	rc = hc_update_va_mapping(scratch, (mfn << 12) | PTE_KERNEL, UVMF_INVLPG);
	CHECK_RC(rc, -XEN_EBUSY, "update_va_mapping to a frame not owned");
	restore_scratch();
}

static void hypervisor_frame_refused(void)
{
	static xen_pfn_t ext[4];
	struct xen_machphys_mfn_list l = { .max_extents = 4, .extent_start = ext };
	struct mmu_update u;
	long rc;

	/* The M2P table is hypervisor RAM, shared read-only with dom0 as DOMID_XEN's. */
	REQUIRE_RC(hc_memory_op(XENMEM_machphys_mfn_list, &l), 0, "XENMEM_machphys_mfn_list");
	REQUIRE(l.nr_extents > 0, "no M2P extents");
	rc = rt_mmu_update1(scratch_l1_maddr, (ext[0] << 12) | PTE_KERNEL);
	CHECK_RC(rc, -XEN_EBUSY, "writable mapping of a hypervisor (M2P) frame, DOMID_SELF");
	restore_scratch();
	rc = rt_mmu_update1(scratch_l1_maddr, (ext[0] << 12) | PTE_P | PTE_A);
	CHECK_RC(rc, -XEN_EBUSY, "read-only mapping of a hypervisor (M2P) frame, DOMID_SELF");
	restore_scratch();
	u.ptr = scratch_l1_maddr;
	u.val = (ext[0] << 12) | PTE_KERNEL;
	rc = hc_mmu_update(&u, 1, NULL, DOMID_XEN);
	CHECK_RC(rc, -XEN_EBUSY, "writable mapping of a hypervisor (M2P) frame, DOMID_XEN");
	restore_scratch();
}

static void local_apic_mmio_refused(void)
{
	long rc = rt_mmu_update1(scratch_l1_maddr, (0xfee00UL << 12) | PTE_KERNEL | PTE_PCD | PTE_PWT);

	/* The hypervisor's own local APIC is excluded from dom0's I/O memory. */
	CHECK_RC(rc, -XEN_EPERM, "mapping the local APIC page 0xfee00000");
	restore_scratch();
}

static void l1_cache_attrs_allowed_for_dom0(void)
{
	uint64_t *data = rt_alloc_page();
	long rc;

	/* dom0 has I/O rights, so PCD/PWT/PAT are accepted in its L1 entries. */
	rc = rt_mmu_update1(scratch_l1_maddr,
			    (rt_virt_to_mfn(data) << 12) | PTE_KERNEL | PTE_PCD | PTE_PWT);
	CHECK_RC(rc, 0, "L1 entry with PCD|PWT for an own RAM frame");
	restore_scratch();
	rc = rt_mmu_update1(scratch_l1_maddr, (rt_virt_to_mfn(data) << 12) | PTE_KERNEL | PTE_G);
	CHECK_RC(rc, 0, "L1 entry with G");
	restore_scratch();
}

/* The bootstrap L2 (VIRT_BASE) and a free slot in it. */
static uint64_t *boot_l2(uint64_t *maddr_of_slot, unsigned int slot)
{
	uint64_t ma;
	uint64_t *e = rt_pte_lookup(RT_VIRT_BASE + (unsigned long)slot * 0x200000UL, 2, &ma);

	REQUIRE(e, "no L2 for VIRT_BASE");
	REQUIRE(!(*e & PTE_P), "L2 slot %u already present", slot);
	*maddr_of_slot = ma;
	return e;
}

static void l2_pse_refused(void)
{
	uint64_t ma;
	long rc;

	boot_l2(&ma, 300);
	rc = rt_mmu_update1(ma, (0x200000UL) | PTE_KERNEL | PTE_PSE);
	CHECK_RC(rc, -XEN_EINVAL, "L2 entry with PSE (2 MiB superpage)");
	if (rc == 0)
		rt_mmu_update1(ma, 0);
}

static void l2_cache_bits_refused(void)
{
	uint64_t ma;
	uint64_t *l1 = new_table();
	long rc;

	boot_l2(&ma, 301);
	rc = rt_mmu_update1(ma, (rt_virt_to_mfn(l1) << 12) | PTE_KERNEL | PTE_PCD);
	CHECK_RC(rc, -XEN_EINVAL, "L2 entry with PCD");
	if (rc == 0)
		rt_mmu_update1(ma, 0);
	rc = rt_mmu_update1(ma, (rt_virt_to_mfn(l1) << 12) | PTE_KERNEL | PTE_G);
	CHECK_RC(rc, -XEN_EINVAL, "L2 entry with G");
	if (rc == 0)
		rt_mmu_update1(ma, 0);
	rt_set_page_rw(l1, true);
}

static void l2_to_writable_page_refused(void)
{
	uint64_t ma;
	uint64_t *page = rt_alloc_page();	/* still mapped writable */
	long rc;

	boot_l2(&ma, 302);
	rc = rt_mmu_update1(ma, (rt_virt_to_mfn(page) << 12) | PTE_KERNEL);
	CHECK_RC(rc, -XEN_EINVAL, "L2 entry naming a frame that has a writable mapping");
	if (rc == 0)
		rt_mmu_update1(ma, 0);
}

static void l1_validation_refuses_foreign(void)
{
	uint64_t *l1 = rt_alloc_page();
	long rc;

	REQUIRE(foreign_mfn, "no RAM frame outside this domain found");
	l1[7] = (foreign_mfn << 12) | PTE_P | PTE_A;
	REQUIRE_RC(rt_set_page_rw(l1, false), 0, "update_va_mapping read-only");
	rc = rt_mmuext1(MMUEXT_PIN_L1_TABLE, rt_virt_to_mfn(l1), 0);
	CHECK(rc < 0, "PIN_L1 of a table mapping a foreign frame succeeded");
	CHECK_RC(rc, -XEN_EBUSY, "PIN_L1 of a table mapping a foreign frame");
	if (rc == 0)
		rt_mmuext1(MMUEXT_UNPIN_TABLE, rt_virt_to_mfn(l1), 0);
	rt_set_page_rw(l1, true);
}

static void pin_writable_page_refused(void)
{
	uint64_t *page = rt_alloc_page();
	long rc;

	rc = rt_mmuext1(MMUEXT_PIN_L1_TABLE, rt_virt_to_mfn(page), 0);
	CHECK_RC(rc, -XEN_EINVAL, "PIN_L1 of a page that is mapped writable");
	if (rc == 0)
		rt_mmuext1(MMUEXT_UNPIN_TABLE, rt_virt_to_mfn(page), 0);
	rc = rt_mmuext1(MMUEXT_PIN_L4_TABLE, rt_virt_to_mfn(page), 0);
	CHECK_RC(rc, -XEN_EINVAL, "PIN_L4 of a page that is mapped writable");
	if (rc == 0)
		rt_mmuext1(MMUEXT_UNPIN_TABLE, rt_virt_to_mfn(page), 0);
}

static void pin_l2_with_bad_entry_refused(void)
{
	uint64_t *l2 = rt_alloc_page();
	long rc;

	l2[3] = (0x400000UL) | PTE_KERNEL | PTE_PSE;	/* a superpage entry */
	REQUIRE_RC(rt_set_page_rw(l2, false), 0, "update_va_mapping read-only");
	rc = rt_mmuext1(MMUEXT_PIN_L2_TABLE, rt_virt_to_mfn(l2), 0);
	CHECK_RC(rc, -XEN_EINVAL, "PIN_L2 of a table holding a PSE entry");
	if (rc == 0)
		rt_mmuext1(MMUEXT_UNPIN_TABLE, rt_virt_to_mfn(l2), 0);
	rt_set_page_rw(l2, true);
}

static void pin_twice_and_unpin_twice(void)
{
	uint64_t *l1 = new_table();
	unsigned long mfn = rt_virt_to_mfn(l1);
	long rc;

	rc = rt_mmuext1(MMUEXT_PIN_L1_TABLE, mfn, 0);
	REQUIRE_RC(rc, 0, "first PIN_L1");
	rc = rt_mmuext1(MMUEXT_PIN_L1_TABLE, mfn, 0);
	CHECK_RC(rc, -XEN_EINVAL, "second PIN_L1 of the same frame");
	rc = rt_mmuext1(MMUEXT_UNPIN_TABLE, mfn, 0);
	CHECK_RC(rc, 0, "UNPIN");
	rc = rt_mmuext1(MMUEXT_UNPIN_TABLE, mfn, 0);
	CHECK_RC(rc, -XEN_EINVAL, "UNPIN of a frame that is not pinned");
	rt_set_page_rw(l1, true);
}

static void unpin_never_pinned(void)
{
	uint64_t *page = rt_alloc_page();
	long rc = rt_mmuext1(MMUEXT_UNPIN_TABLE, rt_virt_to_mfn(page), 0);

	CHECK_RC(rc, -XEN_EINVAL, "UNPIN of an ordinary data page");
}

static void pin_as_wrong_level_refused(void)
{
	uint64_t *l1 = new_table();
	unsigned long mfn = rt_virt_to_mfn(l1);
	long rc;

	rc = rt_mmuext1(MMUEXT_PIN_L1_TABLE, mfn, 0);
	REQUIRE_RC(rc, 0, "PIN_L1");
	rc = rt_mmuext1(MMUEXT_PIN_L2_TABLE, mfn, 0);
	CHECK_RC(rc, -XEN_EINVAL, "PIN_L2 of a frame pinned as L1");
	rt_mmuext1(MMUEXT_UNPIN_TABLE, mfn, 0);
	rt_set_page_rw(l1, true);
}

static void link_new_l1_and_use(void)
{
	uint64_t ma;
	uint64_t *l1 = rt_alloc_page();
	uint64_t *data = rt_alloc_page(), *data2 = rt_alloc_page();
	const unsigned int slot = 303;
	volatile uint64_t *win = (volatile uint64_t *)(RT_VIRT_BASE + slot * 0x200000UL);
	long rc;

	data[0] = 0xfeedface;
	data2[0] = 0xc0ffee;
	l1[0] = (rt_virt_to_mfn(data) << 12) | PTE_KERNEL;
	REQUIRE_RC(rt_set_page_rw(l1, false), 0, "update_va_mapping(new L1, read-only)");
	boot_l2(&ma, slot);
	rc = rt_mmu_update1(ma, (rt_virt_to_mfn(l1) << 12) | PTE_KERNEL);
	REQUIRE_RC(rc, 0, "mmu_update(L2 entry -> new L1)");
	CHECK_EQ(win[0], 0xfeedface, "read through the new L1");

	/* Writable page tables: plain stores into the (read-only, validated) L1 are emulated. */
	{
		struct rt_catch c;

		if (rt_catch(&c) == 0) {
			*(volatile uint64_t *)&l1[1] = (rt_virt_to_mfn(data2) << 12) | PTE_KERNEL;
			rt_catch_end();
			CHECK_EQ(win[512], 0xc0ffee, "read through an L1 entry written by a plain store");
		} else {
			rt_fail("plain store into a validated L1 faulted: %s err %#lx",
				rt_vector_name(c.trap.vector), c.trap.error_code);
		}
		if (rt_catch(&c) == 0) {
			uint64_t old = __atomic_exchange_n(&l1[1], 0, __ATOMIC_SEQ_CST);

			rt_catch_end();
			CHECK_EQ(old >> 12 & 0xffffffffffUL, rt_virt_to_mfn(data2),
				 "xchg on an L1 entry returned the old entry");
			CHECK_EQ(l1[1], 0, "entry after xchg with 0");
		} else {
			rt_fail("xchg on a validated L1 faulted: %s err %#lx",
				rt_vector_name(c.trap.vector), c.trap.error_code);
		}
		/* A write that would map a frame the domain does not own is refused (#PF). */
		if (foreign_mfn) {
			if (rt_catch(&c) == 0) {
				*(volatile uint64_t *)&l1[2] = (foreign_mfn << 12) | PTE_KERNEL;
				rt_catch_end();
				rt_fail("plain store of an L1 entry naming a foreign frame was "
					"accepted");
				l1[2] = 0;
			} else {
				CHECK_EQ(c.trap.vector, X86_PF, "trap for an invalid L1 store");
				CHECK_EQ(c.trap.error_code & (PFEC_P | PFEC_W), PFEC_P | PFEC_W,
					 "#PF error code P|W");
			}
		}
	}

	rc = rt_mmu_update1(ma, 0);
	CHECK_RC(rc, 0, "mmu_update(L2 entry -> 0)");
	rt_mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
	rc = rt_set_page_rw(l1, true);
	CHECK_RC(rc, 0, "old L1 writable again after unlinking");
}

static void l4_hypervisor_slot_refused(void)
{
	uint64_t *l4 = rt_mfn_to_virt(rt_cur_l4_mfn);
	uint64_t ma = (rt_cur_l4_mfn << 12) + 256 * 8;
	long rc;

	rc = rt_mmu_update1(ma, l4[511]);
	CHECK_RC(rc, -XEN_EINVAL, "mmu_update of L4 slot 256 (hypervisor area)");
	rc = rt_mmu_update1(ma + 8 * 10, 0);
	CHECK_RC(rc, -XEN_EINVAL, "mmu_update of L4 slot 266 to 0");
}

static void machphys_update(void)
{
	uint64_t *page = rt_alloc_page();
	unsigned long mfn = rt_virt_to_mfn(page), pfn = rt_virt_to_pfn(page);
	long rc;

	rc = rt_mmu_update1((mfn << 12) | MMU_MACHPHYS_UPDATE, 0x12345);
	CHECK_RC(rc, 0, "MMU_MACHPHYS_UPDATE");
	CHECK_EQ(rt_m2p(mfn), 0x12345, "M2P entry read back");
	rc = rt_mmu_update1((mfn << 12) | MMU_MACHPHYS_UPDATE, pfn);
	CHECK_RC(rc, 0, "MMU_MACHPHYS_UPDATE back");
	CHECK_EQ(rt_m2p(mfn), pfn, "M2P entry restored");
	REQUIRE(foreign_mfn, "no RAM frame outside this domain found");
	rc = rt_mmu_update1((foreign_mfn << 12) | MMU_MACHPHYS_UPDATE, 7);
	CHECK_RC(rc, -XEN_EINVAL, "MMU_MACHPHYS_UPDATE of a frame not owned");
}

static void update_va_mapping_invlpg(void)
{
	uint64_t *a = rt_alloc_page(), *b = rt_alloc_page();
	long rc;

	a[0] = 0xaaaa;
	b[0] = 0xbbbb;
	rc = hc_update_va_mapping(scratch, (rt_virt_to_mfn(a) << 12) | PTE_KERNEL, UVMF_INVLPG);
	CHECK_RC(rc, 0, "update_va_mapping(UVMF_INVLPG)");
	CHECK_EQ(*(volatile uint64_t *)scratch, 0xaaaa, "value through the first mapping");
	rc = hc_update_va_mapping(scratch, (rt_virt_to_mfn(b) << 12) | PTE_KERNEL, UVMF_INVLPG);
	CHECK_RC(rc, 0, "update_va_mapping(UVMF_INVLPG) again");
	CHECK_EQ(*(volatile uint64_t *)scratch, 0xbbbb, "value after remapping (stale TLB?)");
	rc = hc_update_va_mapping(scratch, (rt_virt_to_mfn(a) << 12) | PTE_KERNEL,
				  UVMF_TLB_FLUSH | UVMF_ALL);
	CHECK_RC(rc, 0, "update_va_mapping(UVMF_TLB_FLUSH|UVMF_ALL)");
	CHECK_EQ(*(volatile uint64_t *)scratch, 0xaaaa, "value after a full flush");
	rc = hc_update_va_mapping(scratch, 0, UVMF_INVLPG);
	CHECK_RC(rc, 0, "update_va_mapping to not-present");
	CHECK_EQ(rt_pte_of((unsigned long)scratch), 0, "L1 entry after unmapping");
	restore_scratch();
}

static void update_va_mapping_without_l1(void)
{
	long rc = hc_update_va_mapping(0x40000000UL, (scratch_mfn << 12) | PTE_KERNEL, UVMF_INVLPG);

	/* No L1 table covers 1 GiB in the kernel tables. */
	CHECK_RC(rc, -XEN_EINVAL, "update_va_mapping of a VA without an L1 table");
	rc = hc_update_va_mapping(0xffff830000000000UL, 0, UVMF_INVLPG);
	CHECK_RC(rc, -XEN_EINVAL, "update_va_mapping in the hypervisor area");
}

static void new_baseptr_copy_and_back(void)
{
	uint64_t *cur = rt_mfn_to_virt(rt_cur_l4_mfn);
	uint64_t *copy = rt_alloc_page();
	unsigned long orig = rt_cur_l4_mfn, cmfn = rt_virt_to_mfn(copy), cr3;
	long rc;

	for (unsigned int i = 0; i < 512; i++)
		if (i < 256 || i >= 272)
			copy[i] = cur[i];
	REQUIRE_RC(rt_set_page_rw(copy, false), 0, "update_va_mapping(L4 copy, read-only)");
	rc = rt_mmuext1(MMUEXT_NEW_BASEPTR, cmfn, 0);
	REQUIRE_RC(rc, 0, "MMUEXT_NEW_BASEPTR to an unpinned copy of the L4");
	rt_cur_l4_mfn = cmfn;
	__asm__ __volatile__("mov %%cr3, %0" : "=r"(cr3));
	CHECK_EQ(cr3 >> 12, cmfn, "emulated mov from CR3 (MFN)");
	CHECK_EQ(*(volatile uint64_t *)rt_start_info, *(uint64_t *)"xen-3.0-",
		 "reading start_info through the new root");
	/* The copy is now in use as an L4: it cannot be made writable. */
	rc = rt_set_page_rw(copy, true);
	CHECK_RC(rc, -XEN_EBUSY, "making the loaded L4 writable");
	rc = rt_mmuext1(MMUEXT_NEW_BASEPTR, orig, 0);
	REQUIRE_RC(rc, 0, "MMUEXT_NEW_BASEPTR back to the boot L4");
	rt_cur_l4_mfn = orig;
	__asm__ __volatile__("mov %%cr3, %0" : "=r"(cr3));
	CHECK_EQ(cr3 >> 12, orig, "CR3 after switching back");
	rc = rt_set_page_rw(copy, true);
	CHECK_RC(rc, 0, "the unloaded copy is writable again (type dropped)");
}

static void new_baseptr_invalid_refused(void)
{
	uint64_t *page = rt_alloc_page();	/* writable: cannot become an L4 */
	long rc = rt_mmuext1(MMUEXT_NEW_BASEPTR, rt_virt_to_mfn(page), 0);

	CHECK_RC(rc, -XEN_EINVAL, "NEW_BASEPTR to a page mapped writable");
	if (rc == 0)
		rt_mmuext1(MMUEXT_NEW_BASEPTR, rt_cur_l4_mfn, 0);
}

static void tlb_flush_ops(void)
{
	unsigned long mask = 1;	/* vCPU 0 */
	struct mmuext_op ops[6];
	unsigned int done = 99;
	long rc;

	memset(ops, 0, sizeof(ops));
	ops[0].cmd = MMUEXT_TLB_FLUSH_LOCAL;
	ops[1].cmd = MMUEXT_INVLPG_LOCAL;
	ops[1].arg1.linear_addr = (unsigned long)scratch;
	ops[2].cmd = MMUEXT_TLB_FLUSH_MULTI;
	ops[2].arg2.vcpumask = &mask;
	ops[3].cmd = MMUEXT_INVLPG_MULTI;
	ops[3].arg1.linear_addr = (unsigned long)scratch;
	ops[3].arg2.vcpumask = &mask;
	ops[4].cmd = MMUEXT_TLB_FLUSH_ALL;
	ops[5].cmd = MMUEXT_INVLPG_ALL;
	ops[5].arg1.linear_addr = (unsigned long)scratch;
	rc = hc_mmuext_op(ops, 6, &done, DOMID_SELF);
	CHECK_RC(rc, 0, "six TLB flush operations in one mmuext_op");
	CHECK_EQ(done, 6, "done count");
	for (unsigned int i = 0; i < 6; i++) {
		rc = hc_mmuext_op(&ops[i], 1, NULL, DOMID_SELF);
		CHECK(rc == 0, "TLB op %u alone: %s", ops[i].cmd, rt_errname(rc));
	}
}

static void preserve_ad(void)
{
	uint64_t *data = rt_alloc_page();
	uint64_t base = (rt_virt_to_mfn(data) << 12) | PTE_P | PTE_RW;
	uint64_t pte;
	long rc;

	rc = rt_mmu_update1(scratch_l1_maddr, base);
	REQUIRE_RC(rc, 0, "mmu_update without A/D");
	invlpg(scratch);
	*(volatile uint64_t *)scratch = 1;	/* the CPU sets A and D */
	pte = rt_pte_of((unsigned long)scratch);
	REQUIRE((pte & (PTE_A | PTE_D)) == (PTE_A | PTE_D),
		"L1 entry %#lx after a write: A/D not set by the CPU", pte);
	rc = rt_mmu_update1(scratch_l1_maddr | MMU_PT_UPDATE_PRESERVE_AD, base);
	CHECK_RC(rc, 0, "MMU_PT_UPDATE_PRESERVE_AD");
	pte = rt_pte_of((unsigned long)scratch);
	CHECK_EQ(pte & (PTE_A | PTE_D), PTE_A | PTE_D, "A|D kept by MMU_PT_UPDATE_PRESERVE_AD");
	rc = rt_mmu_update1(scratch_l1_maddr, base);
	CHECK_RC(rc, 0, "MMU_NORMAL_PT_UPDATE");
	pte = rt_pte_of((unsigned long)scratch);
	CHECK_EQ(pte & (PTE_A | PTE_D), 0, "A|D after MMU_NORMAL_PT_UPDATE without them");
	restore_scratch();
}

static void mmu_update_done_count(void)
{
	struct mmu_update u[3];
	unsigned int done = 99;
	uint64_t *data = rt_alloc_page();
	long rc;

	u[0].ptr = rt_virt_to_maddr(&data[0]);
	u[0].val = 11;
	REQUIRE(foreign_mfn, "no RAM frame outside this domain found");
	u[1].ptr = scratch_l1_maddr;
	u[1].val = (foreign_mfn << 12) | PTE_KERNEL;	/* refused: not owned */
	u[2].ptr = rt_virt_to_maddr(&data[2]);
	u[2].val = 33;
	rc = hc_mmu_update(u, 3, &done, DOMID_SELF);
	CHECK_RC(rc, -XEN_EBUSY, "batch whose second request is refused");
	CHECK_EQ(done, 1, "done count");
	CHECK_EQ(data[0], 11, "first request applied");
	CHECK_EQ(data[2], 0, "third request not applied");
	restore_scratch();
}

static void mmu_update_bad_command(void)
{
	uint64_t *data = rt_alloc_page();
	long rc = rt_mmu_update1(rt_virt_to_maddr(data) | 3, 5);

	/* Command 3 is MMU_PT_UPDATE_NO_TRANSLATE: a normal update for a PV guest. */
	CHECK_RC(rc, 0, "MMU_PT_UPDATE_NO_TRANSLATE on a data page");
	CHECK_EQ(data[0], 5, "value stored");
}

static void mmuext_unknown_and_super(void)
{
	long rc = rt_mmuext1(14, 0, 0);

	CHECK_RC(rc, -XEN_ENOSYS, "mmuext_op command 14 (unused)");
	rc = rt_mmuext1(200, 0, 0);
	CHECK_RC(rc, -XEN_ENOSYS, "mmuext_op command 200");
	rc = rt_mmuext1(MMUEXT_MARK_SUPER, scratch_mfn, 0);
	CHECK_RC(rc, -XEN_EOPNOTSUPP, "MMUEXT_MARK_SUPER");
}

static void clear_and_copy_page(void)
{
	uint64_t *a = rt_alloc_page(), *b = rt_alloc_page();
	uint64_t *l1 = new_table();
	long rc;

	for (unsigned int i = 0; i < 512; i++)
		a[i] = i * 3 + 1;
	rc = rt_mmuext1(MMUEXT_COPY_PAGE, rt_virt_to_mfn(b), rt_virt_to_mfn(a));
	CHECK_RC(rc, 0, "MMUEXT_COPY_PAGE");
	CHECK(!memcmp(a, b, RT_PAGE_SIZE), "destination differs from the source after COPY_PAGE");
	rc = rt_mmuext1(MMUEXT_CLEAR_PAGE, rt_virt_to_mfn(b), 0);
	CHECK_RC(rc, 0, "MMUEXT_CLEAR_PAGE");
	CHECK(b[0] == 0 && b[511] == 0, "page not cleared: %#lx %#lx", b[0], b[511]);
	REQUIRE_RC(rt_mmuext1(MMUEXT_PIN_L1_TABLE, rt_virt_to_mfn(l1), 0), 0, "PIN_L1");
	rc = rt_mmuext1(MMUEXT_CLEAR_PAGE, rt_virt_to_mfn(l1), 0);
	CHECK_RC(rc, -XEN_EINVAL, "MMUEXT_CLEAR_PAGE of a pinned L1");
	rc = rt_mmuext1(MMUEXT_COPY_PAGE, rt_virt_to_mfn(l1), rt_virt_to_mfn(a));
	CHECK_RC(rc, -XEN_EINVAL, "MMUEXT_COPY_PAGE onto a pinned L1");
	rt_mmuext1(MMUEXT_UNPIN_TABLE, rt_virt_to_mfn(l1), 0);
	rt_set_page_rw(l1, true);
}

static const struct rt_case cases[] = {
	RT_CASE(l1_update_and_use),
	RT_CASE(l1_entry_adjusted_on_write),
	RT_CASE(untyped_page_plain_store),
	RT_CASE(writable_map_of_pinned_l1_refused),
	RT_CASE(foreign_frame_refused),
	RT_CASE(hypervisor_frame_refused),
	RT_CASE(local_apic_mmio_refused),
	RT_CASE(l1_cache_attrs_allowed_for_dom0),
	RT_CASE(l2_pse_refused),
	RT_CASE(l2_cache_bits_refused),
	RT_CASE(l2_to_writable_page_refused),
	RT_CASE(l1_validation_refuses_foreign),
	RT_CASE(pin_writable_page_refused),
	RT_CASE(pin_l2_with_bad_entry_refused),
	RT_CASE(pin_twice_and_unpin_twice),
	RT_CASE(unpin_never_pinned),
	RT_CASE(pin_as_wrong_level_refused),
	RT_CASE(link_new_l1_and_use),
	RT_CASE(l4_hypervisor_slot_refused),
	RT_CASE(machphys_update),
	RT_CASE(update_va_mapping_invlpg),
	RT_CASE(update_va_mapping_without_l1),
	RT_CASE(new_baseptr_copy_and_back),
	RT_CASE(new_baseptr_invalid_refused),
	RT_CASE(tlb_flush_ops),
	RT_CASE(preserve_ad),
	RT_CASE(mmu_update_done_count),
	RT_CASE(mmu_update_bad_command),
	RT_CASE(mmuext_unknown_and_super),
	RT_CASE(clear_and_copy_page),
};
RT_SUITE("mmu", cases, setup);
