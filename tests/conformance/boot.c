/*
 * boot.c - the PV boot contract: start_info, the bootstrap region, P2M/M2P, initial state.
 */
#include "rt.h"

#define SI rt_start_info

static unsigned long stack_end(void)
{
	return SI->pt_base + SI->nr_pt_frames * RT_PAGE_SIZE + RT_PAGE_SIZE;
}

static void start_info_magic(void)
{
	CHECK(strnlen(SI->magic, sizeof(SI->magic)) < sizeof(SI->magic),
	      "magic is not NUL-terminated within 32 bytes");
	CHECK(!strcmp(SI->magic, "xen-3.0-x86_64"), "magic: got \"%.32s\", expected \"xen-3.0-x86_64\"",
	      SI->magic);
}

static void start_info_flags(void)
{
	uint32_t f = SI->flags;

	rt_info("flags %#x", f);
	CHECK((f & (SIF_PRIVILEGED | SIF_INITDOMAIN)) == (SIF_PRIVILEGED | SIF_INITDOMAIN),
	      "flags %#x: SIF_PRIVILEGED|SIF_INITDOMAIN not both set", f);
	/* No initrd, so no SIF_MOD_START_PFN; nothing outside the defined bits. */
	CHECK((f & ~(uint32_t)(SIF_PRIVILEGED | SIF_INITDOMAIN | SIF_PM_MASK)) == 0,
	      "flags %#x: unexpected bits %#x", f,
	      f & ~(uint32_t)(SIF_PRIVILEGED | SIF_INITDOMAIN | SIF_PM_MASK));
}

static void nr_pages_matches_dom0_mem(void)
{
	const char *exp = rt_cmdline_get("expect_pages");
	unsigned long want = 0;

	if (!exp) {
		rt_skip("no expect_pages= on the kernel command line");
		return;
	}
	for (; *exp >= '0' && *exp <= '9'; exp++)
		want = want * 10 + (unsigned long)(*exp - '0');
	CHECK_EQ(SI->nr_pages, want, "start_info.nr_pages");
}

static void cmdline_passed(void)
{
	const char *cl = (const char *)SI->cmd_line;

	CHECK(strnlen(cl, MAX_GUEST_CMDLINE) < MAX_GUEST_CMDLINE, "cmd_line not NUL-terminated");
	/* The runner passes the module arguments "conformance expect_pages=N". */
	CHECK(!strncmp(cl, "conformance", 11), "cmd_line \"%s\" does not start with the module "
	      "arguments (\"conformance ...\")", cl);
}

static void dom0_fields(void)
{
	CHECK_EQ(SI->store_mfn, 0, "store_mfn");
	CHECK_EQ(SI->store_evtchn, 0, "store_evtchn");
	CHECK_EQ(SI->mod_start, 0, "mod_start (no initrd)");
	CHECK_EQ(SI->mod_len, 0, "mod_len (no initrd)");
	CHECK_EQ(SI->nr_p2m_frames, 0, "nr_p2m_frames (no INIT_P2M note)");
	rt_info("console.dom0 info_off %u info_size %u first_p2m_pfn %lu",
		SI->console.dom0.info_off, SI->console.dom0.info_size, SI->first_p2m_pfn);
	if (SI->console.dom0.info_size) {
		CHECK_EQ(SI->console.dom0.info_off, sizeof(struct start_info),
			 "console.dom0.info_off");
		CHECK_EQ(SI->console.dom0.info_size, sizeof(struct dom0_vga_console_info),
			 "console.dom0.info_size");
	}
}

static void dom0_console_info(void)
{
	const struct dom0_vga_console_info *ci;

	/* QEMU's standard VGA in text mode 3: Xen passes what the firmware reported. */
	REQUIRE(SI->console.dom0.info_size >= sizeof(*ci),
		"console.dom0.info_size %u: no dom0_vga_console_info (QEMU has a text-mode VGA)",
		SI->console.dom0.info_size);
	ci = (const void *)((const char *)SI + SI->console.dom0.info_off);
	rt_info("video_type %#x font_height %u cursor %u,%u rows %u columns %u", ci->video_type,
		ci->u.text_mode_3.font_height, ci->u.text_mode_3.cursor_x,
		ci->u.text_mode_3.cursor_y, ci->u.text_mode_3.rows, ci->u.text_mode_3.columns);
	CHECK_EQ(ci->video_type, XEN_VGATYPE_TEXT_MODE_3, "video_type");
	CHECK_EQ(ci->u.text_mode_3.columns, 80, "text_mode_3.columns");
	CHECK_EQ(ci->u.text_mode_3.rows, 25, "text_mode_3.rows");
	CHECK_EQ(ci->u.text_mode_3.font_height, 16, "text_mode_3.font_height");
}

static void shared_info_machine_address(void)
{
	unsigned long mfn = SI->shared_info >> RT_PAGE_SHIFT;
	unsigned long pfn;

	CHECK((SI->shared_info & 0xfff) == 0, "shared_info %#lx not page aligned", SI->shared_info);
	pfn = rt_m2p(mfn);
	/* It is the hypervisor's page, not one of the domain's RAM frames. */
	CHECK(pfn >= SI->nr_pages || rt_p2m[pfn] != mfn,
	      "shared_info mfn %#lx is the domain's own RAM frame (pfn %#lx)", mfn, pfn);
	/* The runtime mapped it at rt_shared_info_page: it must read back as that frame. */
	CHECK_EQ((rt_pte_of((unsigned long)rt_shared_info_page) & PTE_ADDR_MASK) >> 12, mfn,
		 "mfn mapped at the shared_info VA");
	CHECK(rt_shared_info->vcpu_info[0].time.tsc_to_system_mul != 0,
	      "shared_info content: vcpu_info[0].time.tsc_to_system_mul is 0");
}

static void p2m_m2p_consistent(void)
{
	unsigned long bad = 0, first = 0;

	CHECK((SI->mfn_list & 0xfff) == 0, "mfn_list %#lx not page aligned", SI->mfn_list);
	for (unsigned long pfn = 0; pfn < SI->nr_pages; pfn++) {
		unsigned long mfn = rt_p2m[pfn];

		if (rt_m2p(mfn) != pfn) {
			if (!bad++)
				first = pfn;
		}
	}
	CHECK(bad == 0, "%lu of %lu pfns have m2p[p2m[pfn]] != pfn (first pfn %#lx: mfn %#lx, "
	      "m2p %#lx)", bad, SI->nr_pages, first, rt_p2m[first], rt_m2p(rt_p2m[first]));
}

static void layout_order(void)
{
	unsigned long kend = ((unsigned long)_end + 0xfff) & ~0xfffUL;
	unsigned long p2m_end = SI->mfn_list + SI->nr_pages * 8;

	CHECK_EQ(SI->mfn_list, kend, "mfn_list (P2M right after the kernel image)");
	CHECK_EQ((unsigned long)SI, (p2m_end + 0xfff) & ~0xfffUL,
		 "start_info VA (right after the P2M)");
	CHECK_EQ(SI->pt_base, (unsigned long)SI + RT_PAGE_SIZE,
		 "pt_base (page after start_info)");
	CHECK_EQ(rt_region_end_pfn % 1024, 0, "bootstrap region end pfn mod 1024 (4 MiB aligned)");
	CHECK(rt_region_end_pfn - rt_virt_to_pfn((void *)stack_end()) >= 128,
	      "less than 512 KiB padding after the boot stack: region ends at pfn %#lx, stack "
	      "at pfn %#lx", rt_region_end_pfn, rt_virt_to_pfn((void *)stack_end()));
}

/* Count the page-table frames of the bootstrap region and check they are at pt_base. */
static unsigned long pt_lo, pt_hi, pt_outside, pt_count;

static void note_table(unsigned long mfn)
{
	unsigned long va = (unsigned long)rt_mfn_to_virt(mfn);

	pt_count++;
	if (va < pt_lo || va >= pt_hi)
		pt_outside++;
}

static void page_tables_at_pt_base(void)
{
	uint64_t *l4 = (uint64_t *)SI->pt_base;

	pt_lo = SI->pt_base;
	pt_hi = SI->pt_base + SI->nr_pt_frames * RT_PAGE_SIZE;
	pt_count = pt_outside = 0;
	CHECK_EQ(rt_cur_l4_mfn, rt_virt_to_mfn(l4), "the L4 at pt_base is the loaded root");
	note_table(rt_virt_to_mfn(l4));
	for (unsigned int i4 = 0; i4 < 512; i4++) {
		uint64_t *l3;

		if (i4 >= 256 && i4 < 272)
			continue;	/* hypervisor slots */
		if (!(l4[i4] & PTE_P))
			continue;
		note_table(l4[i4] >> 12 & 0xffffffffffUL);
		l3 = rt_mfn_to_virt(l4[i4] >> 12 & 0xffffffffffUL);
		for (unsigned int i3 = 0; i3 < 512; i3++) {
			uint64_t *l2;

			if (!(l3[i3] & PTE_P))
				continue;
			note_table(l3[i3] >> 12 & 0xffffffffffUL);
			l2 = rt_mfn_to_virt(l3[i3] >> 12 & 0xffffffffffUL);
			for (unsigned int i2 = 0; i2 < 512; i2++) {
				if (!(l2[i2] & PTE_P))
					continue;
				CHECK(!(l2[i2] & PTE_PSE), "L2 entry %u is a superpage", i2);
				note_table(l2[i2] >> 12 & 0xffffffffffUL);
			}
		}
	}
	CHECK_EQ(pt_count, SI->nr_pt_frames, "page-table frames reachable from pt_base");
	CHECK_EQ(pt_outside, 0, "page-table frames outside [pt_base, pt_base + nr_pt_frames)");
}

static void bootstrap_region_mapping(void)
{
	unsigned long pt_pfn = rt_virt_to_pfn((void *)SI->pt_base);
	unsigned long shinfo_pfn = rt_virt_to_pfn(rt_shared_info_page);
	unsigned long bad_mfn = 0, bad_ro = 0, bad_rw = 0, bad_np = 0, first = ~0UL;

	for (unsigned long pfn = 0; pfn < rt_region_end_pfn; pfn++) {
		uint64_t pte = rt_pte_of((unsigned long)rt_pfn_to_virt(pfn));
		bool is_pt = pfn >= pt_pfn && pfn < pt_pfn + SI->nr_pt_frames;

		if (pfn == shinfo_pfn)
			continue;	/* remapped by the runtime */
		if (!(pte & PTE_P)) {
			bad_np++;
			first = first == ~0UL ? pfn : first;
			continue;
		}
		if (((pte & PTE_ADDR_MASK) >> 12) != rt_p2m[pfn]) {
			bad_mfn++;
			first = first == ~0UL ? pfn : first;
		}
		if (is_pt && (pte & PTE_RW)) {
			bad_rw++;
			first = first == ~0UL ? pfn : first;
		}
		if (!is_pt && !(pte & PTE_RW)) {
			bad_ro++;
			first = first == ~0UL ? pfn : first;
		}
	}
	CHECK(!bad_np && !bad_mfn && !bad_rw && !bad_ro,
	      "region pfns 0..%#lx: %lu not present, %lu not pfn-linear, %lu page-table frames "
	      "writable, %lu other pages read-only (first bad pfn %#lx)", rt_region_end_pfn,
	      bad_np, bad_mfn, bad_rw, bad_ro, first);
	/* Nothing mapped right after the region in the same L2. */
	CHECK(!(rt_pte_of((unsigned long)rt_pfn_to_virt(rt_region_end_pfn)) & PTE_P),
	      "pfn %#lx past the region end is mapped", rt_region_end_pfn);
}

static void initial_registers(void)
{
	const struct rt_boot_regs *r = &rt_boot_regs;

	CHECK_EQ(r->rsi, (unsigned long)SI, "RSI (start_info)");
	CHECK_EQ(r->rsp, stack_end(), "RSP (end of the boot stack after the page tables)");
	CHECK_EQ(r->rax | r->rbx | r->rcx | r->rdx | r->rdi | r->rbp, 0,
		 "RAX|RBX|RCX|RDX|RDI|RBP");
	CHECK_EQ(r->r8 | r->r9 | r->r10 | r->r11 | r->r12 | r->r13 | r->r14 | r->r15, 0,
		 "R8..R15 ORed");
	CHECK_EQ(r->cs, FLAT_KERNEL_CS, "CS");
	CHECK_EQ(r->ss, FLAT_KERNEL_SS, "SS");
	CHECK_EQ(r->ds | r->es | r->fs | r->gs, 0, "DS|ES|FS|GS");
	CHECK(r->rflags & RFL_IF, "RFLAGS %#lx: IF clear", r->rflags);
	CHECK_EQ(r->rflags & (RFL_IOPL | RFL_TF | RFL_DF | RFL_AC), 0, "RFLAGS IOPL/TF/DF/AC");
}

static void upcall_masked_at_entry(void)
{
	CHECK_EQ(rt_boot_vcpu0.evtchn_upcall_mask, 1, "vcpu_info[0].evtchn_upcall_mask at entry");
	CHECK_EQ(rt_boot_masked_vcpus, XEN_LEGACY_MAX_VCPUS, "legacy vcpu_info slots masked");
}

static void time_info_valid(void)
{
	const struct vcpu_time_info *t = &rt_boot_vcpu0.time;
	shared_info_t *s = rt_shared_info;

	rt_info("time: version %u mul %#x shift %d system_time %lu flags %#x; wc %u.%09u",
		t->version, t->tsc_to_system_mul, t->tsc_shift, t->system_time, t->flags,
		s->wc_sec, s->wc_nsec);
	CHECK(t->tsc_to_system_mul != 0, "tsc_to_system_mul is 0 at entry");
	CHECK((t->version & 1) == 0, "time version %u odd at entry", t->version);
	CHECK(t->version != 0, "time version is 0 (never written)");
	CHECK(t->tsc_shift >= -31 && t->tsc_shift <= 31, "tsc_shift %d", t->tsc_shift);
	CHECK(t->system_time != 0, "system_time is 0");
	CHECK((s->wc_version & 1) == 0, "wc_version %u odd", s->wc_version);
	/* 2020-01-01 .. 2100-01-01 */
	CHECK(s->wc_sec > 1577836800U && s->wc_sec < 4102444800U, "wc_sec %u implausible",
	      s->wc_sec);
	CHECK(s->wc_nsec < 1000000000U, "wc_nsec %u >= 1e9", s->wc_nsec);
}

static void no_hypercall_page_without_note(void)
{
	/*
	 * Xen would fill a hypercall page with 0x51 0x41 0x53 0xb8 <nr> ... stubs. The pattern
	 * is kept inverted in the image and decoded on the stack, which the scan skips.
	 */
	static const unsigned char inv[] = { 0xae, 0xbe, 0xac, 0x47, 0xfe, 0xff, 0xff, 0xff,
					     0xf0, 0xfa };
	unsigned char stub1[sizeof(inv)];
	unsigned long hits = 0;

	for (unsigned int i = 0; i < sizeof(inv); i++)
		stub1[i] = (unsigned char)~inv[i];
	for (unsigned long pfn = 0; pfn < rt_region_end_pfn; pfn++) {
		const unsigned char *p = rt_pfn_to_virt(pfn);

		if (pfn == rt_virt_to_pfn(rt_shared_info_page))
			continue;
		for (unsigned int i = 0; i + sizeof(stub1) <= RT_PAGE_SIZE; i += 32)
			if (p + i != stub1 && !memcmp(p + i, stub1, sizeof(stub1)))
				hits++;
	}
	CHECK(hits == 0, "found %lu hypercall stubs in the bootstrap region of a kernel without "
	      "XEN_ELFNOTE_HYPERCALL_PAGE", hits);
}

static void kernel_mode_selectors(void)
{
	CHECK_EQ(rt_read_cs(), FLAT_KERNEL_CS, "CS now");
	CHECK_EQ(rt_read_ss(), FLAT_KERNEL_SS, "SS now");
	CHECK_EQ(rt_read_cs() & 3, 3, "CPL of the guest kernel");
}

static const struct rt_case cases[] = {
	RT_CASE(start_info_magic),
	RT_CASE(start_info_flags),
	RT_CASE(nr_pages_matches_dom0_mem),
	RT_CASE(cmdline_passed),
	RT_CASE(dom0_fields),
	RT_CASE(dom0_console_info),
	RT_CASE(shared_info_machine_address),
	RT_CASE(p2m_m2p_consistent),
	RT_CASE(layout_order),
	RT_CASE(page_tables_at_pt_base),
	RT_CASE(bootstrap_region_mapping),
	RT_CASE(initial_registers),
	RT_CASE(upcall_masked_at_entry),
	RT_CASE(time_info_valid),
	RT_CASE(no_hypercall_page_without_note),
	RT_CASE(kernel_mode_selectors),
};
RT_SUITE("boot", cases, NULL);
