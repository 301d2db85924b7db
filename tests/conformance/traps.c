/*
 * traps.c - exception delivery to a 64-bit PV guest kernel: every vector the guest can
 * raise, the bounce frame, error codes, CR2, software interrupts and the trap table.
 */
#include "rt.h"

#define KERNEL_CS_RPL0	(FLAT_KERNEL_CS & ~3)

static void check_kernel_frame(const struct rt_trap *t, const char *what)
{
	CHECK_EQ(t->cs & 0xffff, KERNEL_CS_RPL0, what);
	CHECK_EQ(t->ss, FLAT_KERNEL_SS, "saved SS");
}

static void de_divide_error(void)
{
	struct rt_catch c;

	if (!TRAPS(c, "xor %%ecx, %%ecx\n\t" RT_MARK_AT "div %%rcx" RT_MARK_END
		   ::: "rax", "rcx", "rdx", "r11", "memory")) {
		rt_fail("div by zero did not trap");
		return;
	}
	rt_check_trap(&c.trap, X86_DE, 0, rt_at, "div by zero");
	check_kernel_frame(&c.trap, "saved CS (kernel mode, RPL cleared)");
}

static void db_icebp(void)
{
	struct rt_catch c;

	if (!TRAPS(c, RT_MARK_AT ".byte 0xf1" RT_MARK_END ::: "r11", "memory")) {
		rt_fail("icebp (int1) did not trap");
		return;
	}
	if (c.trap.vector == X86_UD && c.trap.rip == rt_at) {
		/* QEMU 7.2 TCG (-cpu max) raises #UD for 0xf1; the hypervisor passes that on. */
		rt_skip("ICEBP (0xf1) raised #UD at the instruction: the CPU/emulator does not "
			"implement INT1");
		return;
	}
	rt_check_trap(&c.trap, X86_DB, 0, rt_after, "icebp");
}

static void db_single_step(void)
{
	struct rt_catch c;
	long dr6;

	hc_set_debugreg(6, 0xffff0ff0UL);
	/* The trap comes after the instruction following the POPF that set TF. */
	if (!TRAPS(c, "pushfq\n\torq $0x100, (%%rsp)\n\t" RT_MARK_AT "popfq\n\tnop" RT_MARK_END
		   "nop\n\tnop" ::: "r11", "memory")) {
		rt_fail("setting TF did not single-step");
		return;
	}
	rt_check_trap(&c.trap, X86_DB, 0, rt_after, "single step after popf TF");
	CHECK(c.trap.rflags & RFL_TF, "saved RFLAGS %#lx: TF clear", c.trap.rflags);
	dr6 = HC1(__HYPERVISOR_get_debugreg, 6);
	CHECK(dr6 & 0x4000, "get_debugreg(6) = %#lx: BS (bit 14) clear after a single step", dr6);
	hc_set_debugreg(6, 0xffff0ff0UL);
	CHECK((rt_read_flags() & RFL_TF) == 0, "TF still set after recovery");
}

static void bp_int3(void)
{
	struct rt_catch c;

	if (!TRAPS(c, RT_MARK_AT "int3" RT_MARK_END ::: "r11", "memory")) {
		rt_fail("int3 did not trap");
		return;
	}
	rt_check_trap(&c.trap, X86_BP, 0, rt_after, "int3 (RIP after the instruction)");
	CHECK_EQ(rt_after - rt_at, 1, "int3 length");
	check_kernel_frame(&c.trap, "saved CS");
}

static void bp_int_imm3(void)
{
	struct rt_catch c;

	if (!TRAPS(c, RT_MARK_AT ".byte 0xcd, 0x03" RT_MARK_END ::: "r11", "memory")) {
		rt_fail("int $3 did not trap");
		return;
	}
	rt_check_trap(&c.trap, X86_BP, 0, rt_after, "int $3 (two-byte form)");
}

static void of_int4(void)
{
	struct rt_catch c;

	if (!TRAPS(c, RT_MARK_AT "int $4" RT_MARK_END ::: "r11", "memory")) {
		rt_fail("int $4 did not trap");
		return;
	}
	rt_check_trap(&c.trap, X86_OF, 0, rt_after, "int $4 (DPL 3 in the trap table)");
}

static void of_into_is_ud(void)
{
	struct rt_catch c;

	/* INTO (0xce) does not exist in 64-bit mode: #UD, not #OF. */
	if (!TRAPS(c, "mov $0x7fffffff, %%eax\n\tadd %%eax, %%eax\n\t" RT_MARK_AT ".byte 0xce"
		   RT_MARK_END ::: "rax", "r11", "memory", "cc")) {
		rt_fail("into did not trap");
		return;
	}
	rt_check_trap(&c.trap, X86_UD, 0, rt_at, "into in 64-bit mode");
}

static void br_bound(void)
{
	rt_skip("BOUND does not exist in 64-bit mode (0x62 is the EVEX prefix); #BR cannot be "
		"raised by a 64-bit guest");
}

static void ud_ud2(void)
{
	struct rt_catch c;

	if (!TRAPS(c, RT_MARK_AT "ud2" RT_MARK_END ::: "r11", "memory")) {
		rt_fail("ud2 did not trap");
		return;
	}
	rt_check_trap(&c.trap, X86_UD, 0, rt_at, "ud2");
	CHECK_EQ(c.trap.mask_in_handler, 1, "evtchn_upcall_mask inside the handler (flag bit 2)");
}

static void nm_after_fpu_taskswitch(void)
{
	struct rt_catch c;
	long rc;

	rc = hc_fpu_taskswitch(1);
	REQUIRE_RC(rc, 0, "fpu_taskswitch(1)");
	if (!TRAPS(c, RT_MARK_AT "fnop" RT_MARK_END ::: "r11", "memory")) {
		rt_fail("fnop after fpu_taskswitch(1) did not raise #NM");
		hc_fpu_taskswitch(0);
		return;
	}
	rt_check_trap(&c.trap, X86_NM, 0, rt_at, "fnop with virtual CR0.TS");
	/* Xen clears the virtual TS when it delivers #NM: the retry must not fault. */
	if (TRAPS(c, RT_MARK_AT "fnop" RT_MARK_END ::: "r11", "memory"))
		rt_fail("second fnop after the #NM trapped too (vector %u): virtual TS not cleared "
			"on #NM delivery", c.trap.vector);
	hc_fpu_taskswitch(0);
}

static void gp_cli_without_iopl(void)
{
	struct rt_catch c;
	struct physdev_set_iopl iopl = { .iopl = 0 };

	hc_physdev_op(PHYSDEVOP_set_iopl, &iopl);
	if (!TRAPS(c, RT_MARK_AT "cli" RT_MARK_END ::: "r11", "memory")) {
		rt_fail("cli with virtual IOPL 0 did not trap");
		return;
	}
	rt_check_trap(&c.trap, X86_GP, 0, rt_at, "cli at IOPL 0");
}

static void gp_rdmsr_unknown(void)
{
	struct rt_catch c;

	if (!TRAPS(c, "mov $0x4b564d99, %%ecx\n\t" RT_MARK_AT "rdmsr" RT_MARK_END
		   ::: "rax", "rcx", "rdx", "r11", "memory")) {
		rt_fail("rdmsr of an unknown MSR did not trap");
		return;
	}
	rt_check_trap(&c.trap, X86_GP, 0, rt_at, "rdmsr 0x4b564d99");
}

static void gp_bad_selector(void)
{
	struct rt_catch c;
	uint16_t ds;

	/* GDT entry 0x247 is in the (empty) guest part of the GDT. */
	if (!TRAPS(c, "mov $0x123b, %%eax\n\t" RT_MARK_AT "mov %%eax, %%ds" RT_MARK_END
		   ::: "rax", "r11", "memory")) {
		rt_fail("loading DS with selector 0x123b did not trap");
		return;
	}
	rt_check_trap(&c.trap, X86_GP, 0x1238, rt_at, "mov 0x123b -> %ds");
	__asm__ __volatile__("mov %%ds, %0" : "=r"(ds));
	CHECK_EQ(ds, 0, "DS after the failed load");
}

static void pf_read_not_present(void)
{
	struct rt_catch c;

	if (!TRAPS(c, "mov $0x10008, %%eax\n\t" RT_MARK_AT "mov (%%rax), %%rax" RT_MARK_END
		   ::: "rax", "r11", "memory")) {
		rt_fail("read of unmapped 0x10008 did not fault");
		return;
	}
	rt_check_trap(&c.trap, X86_PF, 0, rt_at, "read, not present, guest kernel mode");
	CHECK_EQ(c.trap.cr2, 0x10008, "CR2 (vcpu_info.arch.cr2)");
	CHECK_EQ(rt_vcpu_info->arch.cr2, 0x10008, "vcpu_info.arch.cr2 after the fault");
}

static void pf_write_not_present(void)
{
	struct rt_catch c;

	if (!TRAPS(c, "mov $0x20010, %%eax\n\t" RT_MARK_AT "movq $1, (%%rax)" RT_MARK_END
		   ::: "rax", "r11", "memory")) {
		rt_fail("write to unmapped 0x20010 did not fault");
		return;
	}
	rt_check_trap(&c.trap, X86_PF, PFEC_W, rt_at, "write, not present");
	CHECK_EQ(c.trap.cr2, 0x20010, "CR2");
}

static void pf_write_read_only(void)
{
	struct rt_catch c;
	char *page = rt_alloc_page();
	long rc;

	rc = rt_set_page_rw(page, false);
	REQUIRE_RC(rc, 0, "update_va_mapping read-only");
	if (!TRAPS(c, RT_MARK_AT "movb $1, 0x123(%0)" RT_MARK_END :: "r"(page) : "r11", "memory")) {
		rt_fail("write to a read-only page did not fault");
	} else {
		rt_check_trap(&c.trap, X86_PF, PFEC_P | PFEC_W, rt_at, "write to read-only page");
		CHECK_EQ(c.trap.cr2, (unsigned long)page + 0x123, "CR2");
	}
	/* Reading it works. */
	CHECK_EQ(*(volatile char *)(page + 0x123), 0, "read of the read-only page");
	rt_set_page_rw(page, true);
}

static void pf_exec_nx(void)
{
	struct rt_catch c;
	unsigned char *page = rt_alloc_page();
	uint32_t r[4];
	long rc;

	rt_cpuid_pv(0x80000001, 0, r);
	if (!(r[3] & (1U << 20))) {
		rt_skip("NX not offered (CPUID 0x80000001 EDX bit 20 clear)");
		return;
	}
	page[0] = 0xc3;	/* ret */
	rc = hc_update_va_mapping(page, (rt_virt_to_mfn(page) << 12) | PTE_KERNEL | PTE_NX,
				  UVMF_INVLPG);
	REQUIRE_RC(rc, 0, "update_va_mapping with NX");
	if (!TRAPS(c, "call *%0" :: "r"(page) : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9",
		   "r10", "r11", "memory")) {
		rt_fail("executing from an NX page did not fault");
	} else {
		rt_check_trap(&c.trap, X86_PF, PFEC_I | PFEC_P, (unsigned long)page,
			      "instruction fetch from NX page");
		CHECK_EQ(c.trap.cr2, (unsigned long)page, "CR2");
	}
	rt_set_page_rw(page, true);
}

static void ac_alignment_check(void)
{
	struct rt_catch c;
	static char buf[16] RT_ALIGNED(16);

	if (!TRAPS(c, "pushfq\n\torq $0x40000, (%%rsp)\n\tpopfq\n\t" RT_MARK_AT
		   "movl 1(%0), %%eax" RT_MARK_END "\n\tpushfq\n\tandq $~0x40000, (%%rsp)\n\tpopfq"
		   :: "r"(buf) : "rax", "r11", "memory")) {
		rt_skip("no #AC for a misaligned load with RFLAGS.AC set (CR0.AM clear, or the "
			"CPU/emulator does not check alignment)");
		return;
	}
	rt_check_trap(&c.trap, X86_AC, 0, rt_at, "misaligned load with AC");
}

/*
 * The #GP error code for a refused INT n is (n << 3) | 2. QEMU 7.2's TCG reports
 * (n << 4) | 2 instead (fixed in QEMU 8.0), and Xen passes the hardware value on, so accept
 * that form too and say so.
 */
static void check_softint_gp(const struct rt_trap *t, unsigned int n, const char *what)
{
	uint64_t good = (n << 3) | 2, qemu = (n << 4) | 2;

	if (!rt_check_trap(t, X86_GP, ~0UL, rt_at, what))
		return;
	if (t->error_code == qemu && qemu != good)
		rt_info("%s: error code %#lx = (n << 4) | 2, the QEMU < 8.0 TCG form", what,
			t->error_code);
	else
		CHECK(t->error_code == good, "%s: #GP error code %#lx, expected %#lx (n << 3 | 2)",
		      what, t->error_code, good);
}

static void softint_unregistered_gp(void)
{
	struct rt_catch c;

	if (!TRAPS(c, RT_MARK_AT "int $0x20" RT_MARK_END ::: "r11", "memory")) {
		rt_fail("int $0x20 (no trap-table entry) did not trap");
		return;
	}
	check_softint_gp(&c.trap, 0x20, "int $0x20");
}

static void softint_dpl0_gp(void)
{
	struct rt_catch c;

	if (!TRAPS(c, RT_MARK_AT "int $13" RT_MARK_END ::: "r11", "memory")) {
		rt_fail("int $13 (DPL 0 in the trap table) did not trap");
		return;
	}
	check_softint_gp(&c.trap, 13, "int $13 with DPL 0");
}

static void int80_dpl3(void)
{
	struct rt_catch c;

	if (!TRAPS(c, "mov $0x1234, %%eax\n\t" RT_MARK_AT "int $0x80" RT_MARK_END
		   ::: "rax", "r11", "memory")) {
		rt_fail("int $0x80 did not trap");
		return;
	}
	rt_check_trap(&c.trap, 0x80, 0, rt_after, "int $0x80 with DPL 3");
	CHECK_EQ(c.trap.rax, 0x1234, "RAX at the int $0x80 handler");
	check_kernel_frame(&c.trap, "saved CS");
}

/* The bounce frame sits right below the 16-byte aligned interrupted RSP. */
static volatile unsigned long rsp_before;

static void frame_layout(void)
{
	struct rt_catch c;

	for (int mis = 0; mis < 2; mis++) {
		bool trapped;

		if (mis)
			trapped = TRAPS(c, "sub $8, %%rsp\n\tmov %%rsp, rsp_before(%%rip)\n\t"
					RT_MARK_AT "int3" RT_MARK_END "\n\tadd $8, %%rsp"
					::: "r11", "memory");
		else
			trapped = TRAPS(c, "sub $16, %%rsp\n\tand $-16, %%rsp\n\tmov %%rsp, "
					"rsp_before(%%rip)\n\t" RT_MARK_AT "int3" RT_MARK_END
					::: "r11", "memory");
		REQUIRE(trapped, "int3 did not trap");
		CHECK_EQ(c.trap.rsp, rsp_before, "saved RSP");
		CHECK_EQ(c.trap.frame_top, rsp_before & ~15UL,
			 "end of the bounce frame (interrupted RSP rounded down to 16)");
		CHECK_EQ(c.trap.rip, rt_after, "saved RIP");
	}
}

static void saved_mask_and_if(void)
{
	struct rt_catch c;

	/* Events enabled (nothing is bound, so no upcall comes). */
	rt_irq_enable();
	REQUIRE(TRAPS(c, RT_MARK_AT "int3" RT_MARK_END ::: "r11", "memory"), "int3 did not trap");
	CHECK_EQ(c.trap.cs >> 32, 0, "saved upcall mask (CS bits 39:32) with events enabled");
	CHECK(c.trap.rflags & RFL_IF, "saved RFLAGS %#lx: IF clear although events were enabled",
	      c.trap.rflags);
	CHECK_EQ(c.trap.mask_in_handler, 1, "mask inside a handler registered with flag bit 2");
	CHECK_EQ(rt_vcpu_info->evtchn_upcall_mask, 0, "mask after returning with IF set");

	rt_irq_disable();
	REQUIRE(TRAPS(c, RT_MARK_AT "int3" RT_MARK_END ::: "r11", "memory"), "int3 did not trap");
	CHECK_EQ(c.trap.cs >> 32, 1, "saved upcall mask with events disabled");
	CHECK(!(c.trap.rflags & RFL_IF), "saved RFLAGS %#lx: IF set although events were masked",
	      c.trap.rflags);
	CHECK_EQ(c.trap.rflags & RFL_IOPL, 0, "saved IOPL");
}

static void handler_without_mask_flag(void)
{
	struct rt_catch c;
	trap_info_t t[2];
	long rc;

	memset(t, 0, sizeof(t));
	t[0].vector = X86_BP;
	t[0].flags = 3;	/* DPL 3, no event masking */
	t[0].cs = FLAT_KERNEL_CS;
	t[0].address = rt_trap_stub(X86_BP);
	rc = hc_set_trap_table(t);
	REQUIRE_RC(rc, 0, "set_trap_table");
	rt_irq_enable();
	if (TRAPS(c, RT_MARK_AT "int3" RT_MARK_END ::: "r11", "memory"))
		CHECK_EQ(c.trap.mask_in_handler, 0, "mask inside a handler without flag bit 2");
	else
		rt_fail("int3 did not trap");
	rt_irq_disable();
	rt_install_traps();
}

static volatile unsigned long handler_rflags;

static bool flags_hook(struct rt_regs *r)
{
	handler_rflags = rt_read_flags();	/* RFLAGS as the handler runs */
	(void)r;
	return false;
}

static void entry_clears_ac_keeps_frame(void)
{
	struct rt_catch c;

	rt_trap_hooks[X86_BP] = flags_hook;
	if (!TRAPS(c, "pushfq\n\torq $0x40000, (%%rsp)\n\tpopfq\n\t" RT_MARK_AT "int3"
		   RT_MARK_END ::: "r11", "memory")) {
		rt_fail("int3 did not trap");
		return;
	}
	rt_trap_hooks[X86_BP] = NULL;
	CHECK(c.trap.rflags & RFL_AC, "saved RFLAGS %#lx: AC not preserved in the frame",
	      c.trap.rflags);
	CHECK(!(handler_rflags & RFL_AC), "RFLAGS in the handler %#lx: AC not cleared on entry",
	      handler_rflags);
	CHECK(handler_rflags & RFL_IF, "RFLAGS in the handler %#lx: IF clear", handler_rflags);
	CHECK(!(rt_read_flags() & RFL_AC), "AC still set after recovery");
}

static void trap_table_partial_update(void)
{
	struct rt_catch c;
	trap_info_t t[3];
	long rc;

	/* Vector 3 -> the #OF stub; the zero-address entry ends the list, so 6 is untouched. */
	memset(t, 0, sizeof(t));
	t[0].vector = X86_BP;
	t[0].flags = 3 | 4;
	t[0].cs = FLAT_KERNEL_CS;
	t[0].address = rt_trap_stub(X86_OF);
	t[2].vector = X86_UD;
	t[2].flags = 4;
	t[2].cs = FLAT_KERNEL_CS;
	t[2].address = rt_trap_stub(X86_DE);
	rc = hc_set_trap_table(t);
	REQUIRE_RC(rc, 0, "set_trap_table");
	if (TRAPS(c, RT_MARK_AT "int3" RT_MARK_END ::: "r11", "memory"))
		CHECK_EQ(c.trap.vector, X86_OF, "stub reached by int3 after re-registering vector 3");
	else
		rt_fail("int3 did not trap");
	if (TRAPS(c, RT_MARK_AT "ud2" RT_MARK_END ::: "r11", "memory"))
		CHECK_EQ(c.trap.vector, X86_UD, "stub reached by ud2 (entry after the terminator)");
	else
		rt_fail("ud2 did not trap");
	rt_install_traps();
}

static void bp_dpl_not_checked(void)
{
	struct rt_catch c;
	trap_info_t t[2];
	long rc;

	/* Vectors 3 and 4 have DPL 3 in the hypervisor's IDT; the guest's DPL is ignored. */
	memset(t, 0, sizeof(t));
	t[0].vector = X86_BP;
	t[0].flags = 4;	/* DPL 0 */
	t[0].cs = FLAT_KERNEL_CS;
	t[0].address = rt_trap_stub(X86_BP);
	rc = hc_set_trap_table(t);
	REQUIRE_RC(rc, 0, "set_trap_table");
	if (TRAPS(c, RT_MARK_AT "int3" RT_MARK_END ::: "r11", "memory"))
		rt_check_trap(&c.trap, X86_BP, 0, rt_after, "int3 with guest DPL 0");
	else
		rt_fail("int3 did not trap");
	rt_install_traps();
}

static bool resume_hook(struct rt_regs *r)
{
	(void)r;
	return true;	/* int3 is a trap: resuming at the saved RIP continues after it */
}

static void handler_registers_preserved(void)
{
	static volatile unsigned long after[6];

	/* A trap handled and returned to (not recovered): registers survive. */
	rt_trap_hooks[X86_BP] = resume_hook;
	__asm__ __volatile__("mov $0x1111, %%rbx\n\tmov $0x2222, %%rsi\n\tmov $0x3333, %%rdi\n\t"
			     "mov $0x4444, %%r8\n\tmov $0x5555, %%r12\n\tmov $0x6666, %%r15\n\t"
			     "int3\n\t"
			     "mov %%rbx, 0(%0)\n\tmov %%rsi, 8(%0)\n\t"
			     "mov %%rdi, 16(%0)\n\tmov %%r8, 24(%0)\n\t"
			     "mov %%r12, 32(%0)\n\tmov %%r15, 40(%0)"
			     :: "a"(after) : "rbx", "rsi", "rdi", "r8", "r12", "r15", "memory");
	rt_trap_hooks[X86_BP] = NULL;
	CHECK_EQ(after[0], 0x1111, "RBX after a handled int3");
	CHECK_EQ(after[1], 0x2222, "RSI");
	CHECK_EQ(after[2], 0x3333, "RDI");
	CHECK_EQ(after[3], 0x4444, "R8");
	CHECK_EQ(after[4], 0x5555, "R12");
	CHECK_EQ(after[5], 0x6666, "R15");
}

static void int3_resume(void)
{
	unsigned long before = rt_trap_count[X86_BP];

	rt_trap_hooks[X86_BP] = resume_hook;
	__asm__ __volatile__("int3\n\tint3" ::: "memory");
	rt_trap_hooks[X86_BP] = NULL;
	CHECK_EQ(rt_trap_count[X86_BP] - before, 2, "int3 deliveries resumed through iret");
}

static const struct rt_case cases[] = {
	RT_CASE(de_divide_error),
	RT_CASE(db_icebp),
	RT_CASE(db_single_step),
	RT_CASE(bp_int3),
	RT_CASE(bp_int_imm3),
	RT_CASE(of_int4),
	RT_CASE(of_into_is_ud),
	RT_CASE(br_bound),
	RT_CASE(ud_ud2),
	RT_CASE(nm_after_fpu_taskswitch),
	RT_CASE(gp_cli_without_iopl),
	RT_CASE(gp_rdmsr_unknown),
	RT_CASE(gp_bad_selector),
	RT_CASE(pf_read_not_present),
	RT_CASE(pf_write_not_present),
	RT_CASE(pf_write_read_only),
	RT_CASE(pf_exec_nx),
	RT_CASE(ac_alignment_check),
	RT_CASE(softint_unregistered_gp),
	RT_CASE(softint_dpl0_gp),
	RT_CASE(int80_dpl3),
	RT_CASE(frame_layout),
	RT_CASE(saved_mask_and_if),
	RT_CASE(handler_without_mask_flag),
	RT_CASE(entry_clears_ac_keeps_frame),
	RT_CASE(trap_table_partial_update),
	RT_CASE(bp_dpl_not_checked),
	RT_CASE(handler_registers_preserved),
	RT_CASE(int3_resume),
};
RT_SUITE("traps", cases, NULL);
