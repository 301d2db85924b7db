/*
 * domu.c - the control domain builds and runs a tiny PV domain by hand, as a toolstack's
 * domain builder does: createdomain, max_vcpus, max_mem, set_memory_map, populate_physmap
 * into the new domain, foreign mappings of its frames (mmu_update with its domid), its M2P
 * entries (MMU_MACHPHYS_UPDATE), its page tables pinned by us (mmuext_op with its domid),
 * its hypercall page, setvcpucontext / getvcpucontext, unpause. The guest records its registers, finds domctl
 * and sysctl refused (-EPERM) and shuts itself down (reason reboot): VIRQ_DOM_EXC tells
 * us, getdomaininfo shows the shutdown code. Destroying it while we still map one of its
 * pages leaves a dying domain that goes once we unmap; every page returns to the free pool.
 * A second guest that only counts then shares the CPU with us under the credit
 * scheduler's weights and caps.
 *
 * conformance-hv-args: sched=credit
 *
 * The guest: 16 pages from virtual address GUEST_BASE, pfn n at GUEST_BASE + n * 4096:
 * pfn 0-3 its L4, L3, L2, L1 (mapped read-only), 4 code, 5 data, 6 start_info, 7 stack,
 * 8 its hypercall page (XEN_DOMCTL_hypercall_init).
 */
#include <xen/domctl.h>
#include <xen/sysctl.h>

#include "rt.h"

#define MS 1000000ULL
#define GUEST_PAGES 16
#define GUEST_BASE 0x400000UL
#define PFN_L4 0
#define PFN_L3 1
#define PFN_L2 2
#define PFN_L1 3
#define PFN_CODE 4
#define PFN_DATA 5
#define PFN_START_INFO 6
#define PFN_STACK 7
#define PFN_HYPERCALL_PAGE 8
#define NR_PT_FRAMES 4
#define GUEST_MAGIC 0x4c616d696e61ULL /* "Lamina" */
#define GUEST_VA(pfn) (GUEST_BASE + (unsigned long)(pfn) * 4096)

static struct xen_domctl op;
static domid_t dom;
static xen_pfn_t mfns[GUEST_PAGES];
static uint8_t *window; /* one of our pages, remapped onto guest frames in turn */
static uint64_t window_pte_ma, window_own_pte;
static uint64_t *data; /* the guest's data page, mapped by us until the end */
static uint64_t data_pte_ma, data_own_pte;
static evtchn_port_t dom_exc_port;
static unsigned long free_before;
static struct vcpu_guest_context ctxt;
static bool spinner; /* build a guest that only counts, forever (fair_shares) */

static long domctl(uint32_t cmd, domid_t d)
{
	op.cmd = cmd;
	op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	op.domain = d;
	return HC1(__HYPERVISOR_domctl, &op);
}

static unsigned long free_pages(void)
{
	static struct xen_sysctl sop;

	memset(&sop, 0, sizeof(sop));
	sop.cmd = XEN_SYSCTL_physinfo;
	sop.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
	if (HC1(__HYPERVISOR_sysctl, &sop))
		return 0;
	return (unsigned long)sop.u.physinfo.free_pages;
}

/* Point our page at va (its L1 entry's machine address pte_ma) to frame mfn of domain d. */
static long map_frame(uint64_t pte_ma, void *va, unsigned long mfn, domid_t d, bool rw)
{
	struct mmu_update u = {.ptr = pte_ma,
			       .val = ((uint64_t)mfn << 12) | PTE_P | PTE_A | (rw ? PTE_RW | PTE_D : 0)};
	long rc = hc_mmu_update(&u, 1, NULL, d);

	rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)va, 0);
	return rc;
}

static void restore_window(void)
{
	rt_mmu_update1(window_pte_ma, window_own_pte);
	rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)window, 0);
}

/* A tiny x86-64 assembler for the guest's code. */
static uint8_t *emit_at;

static void emit(const void *bytes, unsigned int n)
{
	memcpy(emit_at, bytes, n);
	emit_at += n;
}

static void emit_imm64(const uint8_t opcode[2], uint64_t imm)
{
	emit(opcode, 2);
	emit(&imm, 8);
}

static const uint8_t MOV_RAX_IMM[2] = {0x48, 0xb8}, MOV_RDI_IMM[2] = {0x48, 0xbf},
		     MOV_RSI_IMM[2] = {0x48, 0xbe}, MOV_RDX_IMM[2] = {0x48, 0xba},
		     MOV_MOFFS_RAX[2] = {0x48, 0xa3};

/* mov $nr, %eax; syscall: a hypercall from the guest kernel. */
static void emit_hypercall(uint32_t nr)
{
	uint8_t insn[7] = {0xb8, 0, 0, 0, 0, 0x0f, 0x05};

	memcpy(insn + 1, &nr, 4);
	emit(insn, sizeof(insn));
}

#define DATA_DOMCTL_OFFSET 64
#define DATA_SYSCTL_OFFSET 512
#define DATA_TEXT_OFFSET 2048
#define GUEST_TEXT "domU text for the hypervisor's console\n"

/*
 * The guest's code: store the magic and its RSI, try a domctl, a sysctl and a
 * CONSOLEIO_write (an unprivileged domain: -EPERM, as Xen's release builds) and store
 * their results, then SCHEDOP_shutdown(reboot).
 */
static void write_code(uint8_t *p)
{
	uint64_t data_va = GUEST_VA(PFN_DATA);
	static const uint8_t mov_rax_rsi[3] = {0x48, 0x89, 0xf0}, loop[2] = {0xeb, 0xfe};
	static const uint8_t mov_rbx_imm[2] = {0x48, 0xbb}, count_loop[5] = {
		0x48, 0xff, 0x03, /* 1: incq (%rbx) */
		0xeb, 0xfb,	  /* jmp 1b */
	};

	emit_at = p;
	if (spinner) {
		emit_imm64(mov_rbx_imm, data_va + 40);
		emit(count_loop, sizeof(count_loop));
		return;
	}
	emit_imm64(MOV_RAX_IMM, GUEST_MAGIC);
	emit_imm64(MOV_MOFFS_RAX, data_va);
	emit(mov_rax_rsi, sizeof(mov_rax_rsi));
	emit_imm64(MOV_MOFFS_RAX, data_va + 8);
	emit_imm64(MOV_RDI_IMM, data_va + DATA_DOMCTL_OFFSET);
	emit_hypercall(__HYPERVISOR_domctl);
	emit_imm64(MOV_MOFFS_RAX, data_va + 24);
	/* The sysctl through the hypercall page: movabs $stub, %rax; call *%rax. */
	static const uint8_t call_rax[2] = {0xff, 0xd0};
	emit_imm64(MOV_RDI_IMM, data_va + DATA_SYSCTL_OFFSET);
	emit_imm64(MOV_RAX_IMM, GUEST_VA(PFN_HYPERCALL_PAGE) + __HYPERVISOR_sysctl * 32);
	emit(call_rax, sizeof(call_rax));
	emit_imm64(MOV_MOFFS_RAX, data_va + 32);
	emit_imm64(MOV_RDI_IMM, CONSOLEIO_write);
	emit_imm64(MOV_RSI_IMM, sizeof(GUEST_TEXT) - 1);
	emit_imm64(MOV_RDX_IMM, data_va + DATA_TEXT_OFFSET);
	emit_hypercall(__HYPERVISOR_console_io);
	emit_imm64(MOV_MOFFS_RAX, data_va + 48);
	uint8_t mov_edi_shutdown[5] = {0xbf, SCHEDOP_shutdown, 0, 0, 0};
	emit(mov_edi_shutdown, sizeof(mov_edi_shutdown));
	emit_imm64(MOV_RSI_IMM, data_va + 16);
	emit_hypercall(__HYPERVISOR_sched_op);
	emit(loop, sizeof(loop));
}

/* The contents of guest page pfn, written through the window. */
static void fill_page(unsigned int pfn, uint64_t *pg)
{
	const uint64_t table = PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D;

	memset(pg, 0, 4096);
	switch (pfn) {
	case PFN_L4:
		pg[0] = (mfns[PFN_L3] << 12) | table;
		break;
	case PFN_L3:
		pg[0] = (mfns[PFN_L2] << 12) | table;
		break;
	case PFN_L2:
		pg[GUEST_BASE >> 21] = (mfns[PFN_L1] << 12) | table;
		break;
	case PFN_L1:
		for (unsigned int i = 0; i < GUEST_PAGES; i++)
			pg[i] = (mfns[i] << 12) | PTE_P | PTE_US | PTE_A |
				(i < NR_PT_FRAMES ? 0 : PTE_RW | PTE_D);
		break;
	case PFN_CODE:
		write_code((uint8_t *)pg);
		break;
	case PFN_DATA: {
		((uint32_t *)pg)[4] = SHUTDOWN_reboot; /* struct sched_shutdown at data + 16 */
		struct xen_domctl *dc = (struct xen_domctl *)((uint8_t *)pg + DATA_DOMCTL_OFFSET);
		dc->cmd = XEN_DOMCTL_getdomaininfo;
		dc->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
		struct xen_sysctl *sc = (struct xen_sysctl *)((uint8_t *)pg + DATA_SYSCTL_OFFSET);
		sc->cmd = XEN_SYSCTL_physinfo;
		sc->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
		memcpy((uint8_t *)pg + DATA_TEXT_OFFSET, GUEST_TEXT, sizeof(GUEST_TEXT));
		break;
	}
	case PFN_START_INFO: {
		start_info_t *si = (start_info_t *)pg;
		memcpy(si->magic, "xen-3.0-x86_64", 15);
		si->nr_pages = GUEST_PAGES;
		si->shared_info = op.u.getdomaininfo.shared_info_frame << 12;
		si->pt_base = GUEST_VA(PFN_L4);
		si->nr_pt_frames = NR_PT_FRAMES;
		break;
	}
	}
}

static void create(void)
{
	long rc;

	if (!dom_exc_port) {
		rc = rt_evtchn_bind_virq(VIRQ_DOM_EXC, 0, &dom_exc_port);
		REQUIRE_RC(rc, 0, "bind_virq(VIRQ_DOM_EXC)");
	}
	free_before = free_pages();
	memset(&op, 0, sizeof(op));
	op.u.createdomain.max_vcpus = 1;
	op.u.createdomain.max_evtchn_port = 1023;
	op.u.createdomain.max_grant_frames = -1;
	op.u.createdomain.max_maptrack_frames = -1;
	op.u.createdomain.grant_opts = XEN_DOMCTL_GRANT_version(1);
	REQUIRE_RC(domctl(XEN_DOMCTL_createdomain, 0), 0, "createdomain");
	dom = op.domain;
	memset(&op, 0, sizeof(op));
	op.u.max_vcpus.max = 1;
	CHECK_RC(domctl(XEN_DOMCTL_max_vcpus, dom), 0, "max_vcpus");
	memset(&op, 0, sizeof(op));
	op.u.max_mem.max_memkb = GUEST_PAGES * 4;
	CHECK_RC(domctl(XEN_DOMCTL_max_mem, dom), 0, "max_mem 64 KiB");
}

static void memory_map(void)
{
	static struct {
		uint64_t addr, size;
		uint32_t type;
	} __attribute__((packed)) e820[1] = {{0, GUEST_PAGES * 4096, 1}};
	struct xen_foreign_memory_map fmap = {.domid = dom, .map.nr_entries = 1};

	REQUIRE(dom, "no domain");
	set_xen_guest_handle(fmap.map.buffer, e820);
	CHECK_RC(hc_memory_op(XENMEM_set_memory_map, &fmap), 0, "set_memory_map");
	fmap.map.nr_entries = 1025;
	CHECK_RC(hc_memory_op(XENMEM_set_memory_map, &fmap), -XEN_EINVAL, "1025 entries");
	fmap.map.nr_entries = 1;
	fmap.domid = 0x7000;
	CHECK_RC(hc_memory_op(XENMEM_set_memory_map, &fmap), -XEN_ESRCH, "no such domain");
}

static void populate(void)
{
	REQUIRE(dom, "no domain");
	for (unsigned int i = 0; i < GUEST_PAGES; i++)
		mfns[i] = i;
	struct xen_memory_reservation r = {.nr_extents = GUEST_PAGES, .domid = dom};
	set_xen_guest_handle(r.extent_start, mfns);
	REQUIRE_RC(hc_memory_op(XENMEM_populate_physmap, &r), GUEST_PAGES, "populate_physmap");
	/* One page more than max_mem allows. */
	xen_pfn_t extra = GUEST_PAGES;
	set_xen_guest_handle(r.extent_start, &extra);
	r.nr_extents = 1;
	CHECK_RC(hc_memory_op(XENMEM_populate_physmap, &r), 0, "populate beyond max_mem");
	memset(&op, 0, sizeof(op));
	CHECK_RC(domctl(XEN_DOMCTL_getdomaininfo, dom), 0, "getdomaininfo");
	CHECK_EQ(op.u.getdomaininfo.tot_pages, GUEST_PAGES, "tot_pages after populate");
	CHECK(free_pages() <= free_before - GUEST_PAGES, "free pages went down by 16 or more");
}

static void build(void)
{
	REQUIRE(dom, "no domain");
	window = rt_alloc_page();
	data = rt_alloc_page();
	REQUIRE(rt_pte_lookup((unsigned long)window, 1, &window_pte_ma), "no L1 for the window");
	REQUIRE(rt_pte_lookup((unsigned long)data, 1, &data_pte_ma), "no L1 for the data page");
	window_own_pte = rt_pte_of((unsigned long)window);
	data_own_pte = rt_pte_of((unsigned long)data);

	memset(&op, 0, sizeof(op));
	REQUIRE_RC(domctl(XEN_DOMCTL_getdomaininfo, dom), 0, "getdomaininfo");
	CHECK_RC(map_frame(window_pte_ma, window, mfns[0], DOMID_SELF, true), -XEN_EBUSY,
		 "mapping its frame as our own");
	CHECK_RC(map_frame(window_pte_ma, window, 0xfee00, dom, false), -XEN_EPERM,
		 "an I/O frame (the local APIC) as the new domain's");
	restore_window();
	for (unsigned int pfn = 0; pfn < GUEST_PAGES; pfn++) {
		REQUIRE_RC(map_frame(window_pte_ma, window, mfns[pfn], dom, true), 0,
			   "foreign mapping of a frame of the new domain");
		fill_page(pfn, (uint64_t *)window);
		restore_window();
	}
	CHECK_RC(map_frame(data_pte_ma, data, mfns[PFN_DATA], dom, true), 0, "mapping its data page");

	/* Its M2P entries, and its L4 pinned by us: it validates as a page table. */
	struct mmu_update m2p[GUEST_PAGES];
	for (unsigned int i = 0; i < GUEST_PAGES; i++)
		m2p[i] = (struct mmu_update){.ptr = (mfns[i] << 12) | MMU_MACHPHYS_UPDATE, .val = i};
	CHECK_RC(hc_mmu_update(m2p, GUEST_PAGES, NULL, dom), 0, "MMU_MACHPHYS_UPDATE");
	CHECK_EQ(rt_m2p(mfns[PFN_CODE]), PFN_CODE, "its M2P entry");
	struct mmuext_op pin = {.cmd = MMUEXT_PIN_L4_TABLE, .arg1.mfn = mfns[PFN_L4]};
	CHECK_RC(hc_mmuext_op(&pin, 1, NULL, DOMID_SELF), -XEN_EINVAL, "pin its L4 as ours");
	CHECK_RC(hc_mmuext_op(&pin, 1, NULL, dom), 0, "pin its L4 (foreigndom)");
	struct mmuext_op flush = {.cmd = MMUEXT_TLB_FLUSH_LOCAL};
	CHECK_RC(hc_mmuext_op(&flush, 1, NULL, dom), -XEN_EPERM, "a TLB flush for another domain");

	memset(&op, 0, sizeof(op));
	op.u.hypercall_init.gmfn = mfns[PFN_HYPERCALL_PAGE];
	CHECK_RC(domctl(XEN_DOMCTL_hypercall_init, dom), 0, "hypercall_init");
	op.u.hypercall_init.gmfn = rt_virt_to_mfn(window);
	CHECK_RC(domctl(XEN_DOMCTL_hypercall_init, dom), -XEN_EINVAL, "hypercall_init of our frame");
	op.u.hypercall_init.gmfn = mfns[PFN_L1];
	CHECK_RC(domctl(XEN_DOMCTL_hypercall_init, dom), -XEN_EPERM,
		 "hypercall_init of its page table");
	/* A page table may not be mapped writable now. */
	CHECK(map_frame(window_pte_ma, window, mfns[PFN_L1], dom, true) != 0,
	      "writable mapping of its pinned L1");
	restore_window();
}

static void vcpu_context(void)
{
	REQUIRE(dom, "no domain");
	memset(&ctxt, 0, sizeof(ctxt));
	ctxt.flags = VGCF_in_kernel | VGCF_online;
	ctxt.user_regs.rip = GUEST_VA(PFN_CODE);
	ctxt.user_regs.rsp = GUEST_VA(PFN_STACK + 1);
	ctxt.user_regs.rsi = GUEST_VA(PFN_START_INFO);
	ctxt.user_regs.cs = FLAT_KERNEL_CS;
	ctxt.user_regs.ss = FLAT_KERNEL_SS;
	ctxt.user_regs.rflags = 0x200;
	ctxt.kernel_ss = FLAT_KERNEL_SS;
	ctxt.kernel_sp = GUEST_VA(PFN_STACK + 1);
	ctxt.ctrlreg[3] = xen_pfn_to_cr3(mfns[PFN_L4]);

	memset(&op, 0, sizeof(op));
	op.u.vcpucontext.vcpu = 0;
	set_xen_guest_handle(op.u.vcpucontext.ctxt, &ctxt);
	CHECK_RC(domctl(XEN_DOMCTL_setvcpucontext, 0), -XEN_EINVAL, "setvcpucontext of ourselves");
	op.u.vcpucontext.vcpu = 1;
	CHECK_RC(domctl(XEN_DOMCTL_setvcpucontext, dom), -XEN_EINVAL, "setvcpucontext of vCPU 1");
	op.u.vcpucontext.vcpu = 0;
	REQUIRE_RC(domctl(XEN_DOMCTL_setvcpucontext, dom), 0, "setvcpucontext");

	static struct vcpu_guest_context back;
	memset(&back, 0, sizeof(back));
	memset(&op, 0, sizeof(op));
	op.u.vcpucontext.vcpu = 0;
	set_xen_guest_handle(op.u.vcpucontext.ctxt, &back);
	CHECK_RC(domctl(XEN_DOMCTL_getvcpucontext, dom), 0, "getvcpucontext");
	CHECK_EQ(back.user_regs.rip, ctxt.user_regs.rip, "RIP read back");
	CHECK_EQ(back.user_regs.rsi, ctxt.user_regs.rsi, "RSI read back");
	CHECK_EQ(back.ctrlreg[3], ctxt.ctrlreg[3], "CR3 read back");
	CHECK_EQ(back.kernel_sp, ctxt.kernel_sp, "kernel SP read back");
	CHECK_EQ(back.flags & (VGCF_in_kernel | VGCF_online), VGCF_in_kernel | VGCF_online,
		 "flags read back");
	CHECK_EQ(back.user_regs.rflags & 0x200, 0x200, "IF set");
	op.u.vcpucontext.vcpu = 2;
	CHECK_RC(domctl(XEN_DOMCTL_getvcpucontext, dom), -XEN_EINVAL, "getvcpucontext of vCPU 2");
}

static void run_to_shutdown(void)
{
	REQUIRE(dom, "no domain");
	unsigned long exc = rt_evt_count[dom_exc_port];
	CHECK_EQ(data[0], 0, "data page before the guest ran");
	memset(&op, 0, sizeof(op));
	CHECK_RC(domctl(XEN_DOMCTL_unpausedomain, dom), 0, "unpausedomain");

	uint64_t end = rt_system_time() + 2000 * MS;
	bool down = false;
	while (!down && rt_system_time() < end) {
		hc_sched_op(SCHEDOP_yield, NULL);
		memset(&op, 0, sizeof(op));
		down = domctl(XEN_DOMCTL_getdomaininfo, dom) == 0 &&
		       (op.u.getdomaininfo.flags & XEN_DOMINF_shutdown);
	}
	REQUIRE(down, "the guest did not shut down within 2 s (data %#lx)",
		(unsigned long)data[0]);
	uint32_t flags = op.u.getdomaininfo.flags;
	CHECK_EQ((flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask, SHUTDOWN_reboot,
		 "shutdown code");
	CHECK_EQ(data[0], GUEST_MAGIC, "the guest's store");
	CHECK_EQ(data[1], GUEST_VA(PFN_START_INFO), "the guest's RSI: start_info");
	CHECK_EQ((long)data[3], -XEN_EPERM, "domctl from an unprivileged domain");
	CHECK_EQ((long)data[4], -XEN_EPERM, "sysctl from an unprivileged domain");
	CHECK_EQ((long)data[6], -XEN_EPERM, "CONSOLEIO_write from an unprivileged domain");
	CHECK(rt_wait_event(&rt_evt_count[dom_exc_port], exc + 1, 500 * MS),
	      "no VIRQ_DOM_EXC after the shutdown");
	CHECK(op.u.getdomaininfo.cpu_time > 0, "it used CPU time");
}

static void destroy_while_mapped(void)
{
	REQUIRE(dom, "no domain");
	memset(&op, 0, sizeof(op));
	CHECK_RC(domctl(XEN_DOMCTL_destroydomain, dom), 0, "destroydomain");
	memset(&op, 0, sizeof(op));
	long rc = domctl(XEN_DOMCTL_getdomaininfo, dom);
	CHECK(rc == 0 && op.domain == dom, "a domain we still map stays listed (%s)", rt_errname(rc));
	CHECK(op.u.getdomaininfo.flags & XEN_DOMINF_dying, "and is dying (flags %#x)",
	      op.u.getdomaininfo.flags);
	CHECK(spinner ? data[5] > 0 : data[0] == GUEST_MAGIC, "its page is still ours to read");
	unsigned long exc = rt_evt_count[dom_exc_port];
	rt_mmu_update1(data_pte_ma, data_own_pte);
	rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)data, 0);
	bool gone = false;
	for (unsigned int i = 0; i < 1000 && !gone; i++) {
		memset(&op, 0, sizeof(op));
		gone = domctl(XEN_DOMCTL_getdomaininfo, dom) != 0 || op.domain != dom;
		if (!gone)
			hc_sched_op(SCHEDOP_yield, NULL);
	}
	CHECK(gone, "d%u still listed after its last page was unmapped", dom);
	CHECK(rt_wait_event(&rt_evt_count[dom_exc_port], exc + 1, 500 * MS),
	      "no VIRQ_DOM_EXC when the domain went");
	/* Xen frees the domain's own structures a little later (RCU): allow a second. */
	uint64_t end = rt_system_time() + 1000 * MS;
	while (free_pages() != free_before && rt_system_time() < end)
		hc_sched_op(SCHEDOP_yield, NULL);
	CHECK_EQ(free_pages(), free_before, "free pages back to the figure before createdomain");
}

/* CPU time (ns) so far of our vCPU 0 and of the spinning guest's. */
static void cpu_times(uint64_t *ours, uint64_t *its)
{
	struct vcpu_runstate_info rs;

	hc_vcpu_op(VCPUOP_get_runstate_info, 0, &rs);
	*ours = rs.time[RUNSTATE_running];
	memset(&op, 0, sizeof(op));
	op.u.getvcpuinfo.vcpu = 0;
	*its = domctl(XEN_DOMCTL_getvcpuinfo, dom) ? 0 : op.u.getvcpuinfo.cpu_time;
}

/* Spin for ms milliseconds next to the guest; its CPU time over ours, in percent, and its share. */
static void spin_against_guest(unsigned int ms, unsigned long *ratio_pct, unsigned long *share_pct)
{
	uint64_t o0, i0, o1, i1, t0 = rt_system_time();

	cpu_times(&o0, &i0);
	while (rt_system_time() < t0 + ms * MS)
		__asm__ __volatile__("pause");
	cpu_times(&o1, &i1);
	uint64_t elapsed = rt_system_time() - t0;
	*ratio_pct = o1 > o0 ? (unsigned long)((i1 - i0) * 100 / (o1 - o0)) : 0;
	*share_pct = (unsigned long)((i1 - i0) * 100 / elapsed);
	rt_info("guest/dom0 CPU time %lu%%, guest share %lu%% over %u ms", *ratio_pct, *share_pct,
		ms);
}

static void set_credit(domid_t d, uint16_t weight, uint16_t cap)
{
	memset(&op, 0, sizeof(op));
	op.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT;
	op.u.scheduler_op.cmd = XEN_DOMCTL_SCHEDOP_putinfo;
	op.u.scheduler_op.u.credit.weight = weight;
	op.u.scheduler_op.u.credit.cap = cap;
	CHECK_RC(domctl(XEN_DOMCTL_scheduler_op, d), 0, "scheduler_op putinfo");
}

/*
 * A second guest that only counts shares the CPU with us by the credit scheduler's
 * weights and caps: equal weights about equal time, double weight about double, a 25%
 * cap about a quarter of the CPU.
 */
static void fair_shares(void)
{
	unsigned long ratio, share;

	spinner = true;
	create();
	populate();
	build();
	vcpu_context();
	REQUIRE(dom, "no spinning guest");
	memset(&op, 0, sizeof(op));
	REQUIRE_RC(domctl(XEN_DOMCTL_unpausedomain, dom), 0, "unpause the spinning guest");
	spin_against_guest(200, &ratio, &share); /* warm up */
	CHECK(data[5] > 0, "the guest counts");

	spin_against_guest(1500, &ratio, &share);
	CHECK(ratio >= 70 && ratio <= 140, "equal weights: guest/dom0 CPU time %lu%%", ratio);
	set_credit(dom, 512, 0);
	spin_against_guest(200, &ratio, &share);
	spin_against_guest(1500, &ratio, &share);
	CHECK(ratio >= 150 && ratio <= 270, "weight 512 against 256: guest/dom0 CPU time %lu%%",
	      ratio);
	set_credit(dom, 256, 25);
	spin_against_guest(200, &ratio, &share);
	spin_against_guest(1500, &ratio, &share);
	CHECK(share >= 15 && share <= 33, "cap 25%%: the guest's share %lu%%", share);
	destroy_while_mapped();
	spinner = false;
}

static const struct rt_case cases[] = {
	RT_CASE(create),
	RT_CASE(memory_map),
	RT_CASE(populate),
	RT_CASE(build),
	RT_CASE(vcpu_context),
	RT_CASE(run_to_shutdown),
	RT_CASE(destroy_while_mapped),
	RT_CASE(fair_shares),
};
RT_SUITE("domu", cases, NULL);
