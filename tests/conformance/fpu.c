/*
 * fpu.c - FPU/SSE state for a PV guest: the virtual CR0.TS (fpu_taskswitch, clts, #NM) and
 * preservation of x87/SSE registers across hypercalls, events and traps.
 *
 * Built with SSE enabled; every stretch that must keep the registers intact is a single
 * asm statement (hypercalls inside it are bare SYSCALLs), so compiled C never runs in
 * between.
 */
#include "rt.h"

static uint8_t pat[256] RT_ALIGNED(16);
static uint8_t got[256] RT_ALIGNED(16);

#define LOAD_XMM(p)                                                                                \
	"movdqa 0(" p "), %%xmm0\n\tmovdqa 16(" p "), %%xmm1\n\tmovdqa 32(" p "), %%xmm2\n\t"       \
	"movdqa 48(" p "), %%xmm3\n\tmovdqa 64(" p "), %%xmm4\n\tmovdqa 80(" p "), %%xmm5\n\t"      \
	"movdqa 96(" p "), %%xmm6\n\tmovdqa 112(" p "), %%xmm7\n\tmovdqa 128(" p "), %%xmm8\n\t"   \
	"movdqa 144(" p "), %%xmm9\n\tmovdqa 160(" p "), %%xmm10\n\tmovdqa 176(" p "), %%xmm11\n\t"\
	"movdqa 192(" p "), %%xmm12\n\tmovdqa 208(" p "), %%xmm13\n\tmovdqa 224(" p "), %%xmm14\n\t"\
	"movdqa 240(" p "), %%xmm15\n\t"
#define STORE_XMM(p)                                                                               \
	"movdqa %%xmm0, 0(" p ")\n\tmovdqa %%xmm1, 16(" p ")\n\tmovdqa %%xmm2, 32(" p ")\n\t"       \
	"movdqa %%xmm3, 48(" p ")\n\tmovdqa %%xmm4, 64(" p ")\n\tmovdqa %%xmm5, 80(" p ")\n\t"      \
	"movdqa %%xmm6, 96(" p ")\n\tmovdqa %%xmm7, 112(" p ")\n\tmovdqa %%xmm8, 128(" p ")\n\t"   \
	"movdqa %%xmm9, 144(" p ")\n\tmovdqa %%xmm10, 160(" p ")\n\tmovdqa %%xmm11, 176(" p ")\n\t"\
	"movdqa %%xmm12, 192(" p ")\n\tmovdqa %%xmm13, 208(" p ")\n\tmovdqa %%xmm14, 224(" p ")\n\t"\
	"movdqa %%xmm15, 240(" p ")\n\t"
#define XMM_CLOBBERS                                                                               \
	"xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",    \
	"xmm11", "xmm12", "xmm13", "xmm14", "xmm15"

static void fill_pattern(unsigned int seed)
{
	for (unsigned int i = 0; i < sizeof(pat); i++)
		pat[i] = (uint8_t)(i * 7 + seed * 13 + 1);
	memset(got, 0, sizeof(got));
}

static void compare_xmm(const char *what)
{
	for (unsigned int r = 0; r < 16; r++)
		if (memcmp(pat + 16 * r, got + 16 * r, 16)) {
			rt_fail("%s: xmm%u changed (first qword %#lx, expected %#lx)", what, r,
				*(uint64_t *)(got + 16 * r), *(uint64_t *)(pat + 16 * r));
			return;
		}
}

static unsigned long read_cr0(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr0, %0" : "=r"(v));
	return v;
}

static void nm_on_x87_and_sse(void)
{
	struct rt_catch c;

	REQUIRE_RC(hc_fpu_taskswitch(1), 0, "fpu_taskswitch(1)");
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__(RT_MARK_AT "fld1" RT_MARK_END "\n\tfstp %%st(0)"
				     ::: "r11", "memory", "st");
		rt_catch_end();
		rt_fail("fld1 with virtual TS set did not raise #NM");
	} else {
		rt_check_trap(&c.trap, X86_NM, 0, rt_at, "fld1 with TS");
	}
	REQUIRE_RC(hc_fpu_taskswitch(1), 0, "fpu_taskswitch(1)");
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__(RT_MARK_AT "xorps %%xmm1, %%xmm1" RT_MARK_END
				     ::: "r11", "memory", "xmm1");
		rt_catch_end();
		rt_fail("xorps with virtual TS set did not raise #NM");
	} else {
		rt_check_trap(&c.trap, X86_NM, 0, rt_at, "xorps with TS");
	}
	/* The #NM delivery cleared the virtual TS: FPU use works now. */
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__("xorps %%xmm1, %%xmm1\n\tfld1\n\tfstp %%st(0)"
				     ::: "memory", "xmm1", "st");
		rt_catch_end();
	} else {
		rt_fail("FPU use after the #NM trapped again: vector %u", c.trap.vector);
	}
	hc_fpu_taskswitch(0);
}

static void taskswitch_clear_no_fault(void)
{
	struct rt_catch c;

	hc_fpu_taskswitch(1);
	CHECK_RC(hc_fpu_taskswitch(0), 0, "fpu_taskswitch(0)");
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__("fnop\n\txorps %%xmm2, %%xmm2" ::: "memory", "xmm2");
		rt_catch_end();
	} else {
		rt_fail("FPU use after fpu_taskswitch(0) trapped: vector %u", c.trap.vector);
	}
}

static void clts_emulated(void)
{
	struct rt_catch c;

	hc_fpu_taskswitch(1);
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__("clts" ::: "memory");
		rt_catch_end();
	} else {
		rt_fail("clts trapped: vector %u err %#lx", c.trap.vector, c.trap.error_code);
		hc_fpu_taskswitch(0);
		return;
	}
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__("fnop" ::: "memory");
		rt_catch_end();
	} else {
		rt_fail("fnop after clts trapped: vector %u", c.trap.vector);
	}
	hc_fpu_taskswitch(0);
}

static void cr0_ts_visible(void)
{
	unsigned long cr0;

	hc_fpu_taskswitch(1);
	cr0 = read_cr0();
	CHECK(cr0 & 8, "CR0 %#lx read after fpu_taskswitch(1): TS clear", cr0);
	hc_fpu_taskswitch(0);
	cr0 = read_cr0();
	CHECK(!(cr0 & 8), "CR0 %#lx read after fpu_taskswitch(0): TS set", cr0);
	CHECK((cr0 & 0x80000001UL) == 0x80000001UL, "CR0 %#lx: PE/PG not shown", cr0);
}

static void sse_preserved_across_hypercalls(void)
{
	static const char msg[] = "fpu: console write with live SSE state\n";

	fill_pattern(1);
	__asm__ __volatile__(LOAD_XMM("%[p]")
			     "mov $17, %%eax\n\txor %%edi, %%edi\n\txor %%esi, %%esi\n\tsyscall\n\t"
			     "mov $18, %%eax\n\txor %%edi, %%edi\n\tmov %[n], %%esi\n\t"
			     "mov %[m], %%rdx\n\tsyscall\n\t"
			     "mov $29, %%eax\n\txor %%edi, %%edi\n\txor %%esi, %%esi\n\tsyscall\n\t"
			     "mov $17, %%eax\n\tmov $7, %%edi\n\txor %%esi, %%esi\n\tsyscall\n\t"
			     STORE_XMM("%[g]")
			     :: [p] "r"(pat), [g] "r"(got), [n] "i"(sizeof(msg) - 1), [m] "r"(msg)
			     : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r10", "r11", "memory",
			       XMM_CLOBBERS);
	compare_xmm("xen_version, console_io, sched_op(yield)");
}

static void x87_and_mxcsr_preserved(void)
{
	static double out[3];
	static uint16_t cw_out;
	static uint32_t mxcsr_out;
	uint16_t cw = 0x027f;		/* all exceptions masked, 53-bit precision */
	uint32_t mxcsr = 0x1fa0 | (1 << 13) | (1 << 15);	/* round down, FTZ */

	__asm__ __volatile__("fninit\n\tfldcw %[cw]\n\tldmxcsr %[mx]\n\t"
			     "fldpi\n\tfld1\n\tfldl2e\n\t"
			     "mov $17, %%eax\n\txor %%edi, %%edi\n\txor %%esi, %%esi\n\tsyscall\n\t"
			     "mov $29, %%eax\n\txor %%edi, %%edi\n\txor %%esi, %%esi\n\tsyscall\n\t"
			     "fstpl 0(%[o])\n\tfstpl 8(%[o])\n\tfstpl 16(%[o])\n\t"
			     "fnstcw %[cwo]\n\tstmxcsr %[mxo]\n\t"
			     "fninit\n\tmovl $0x1f80, %[mxo2]\n\tldmxcsr %[mxo2]"
			     : [cwo] "=m"(cw_out), [mxo] "=m"(mxcsr_out), [mxo2] "=m"(got[0])
			     : [cw] "m"(cw), [mx] "m"(mxcsr), [o] "r"(out)
			     : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r10", "r11", "memory", "st");
	CHECK(*(uint64_t *)&out[0] == 0x3ff71547652b82feUL, "log2(e) changed: %#lx",
	      *(uint64_t *)&out[0]);
	CHECK(*(uint64_t *)&out[1] == 0x3ff0000000000000UL, "1.0 changed: %#lx",
	      *(uint64_t *)&out[1]);
	CHECK(*(uint64_t *)&out[2] == 0x400921fb54442d18UL, "pi changed: %#lx",
	      *(uint64_t *)&out[2]);
	CHECK_EQ(cw_out, cw, "x87 control word across hypercalls");
	CHECK_EQ(mxcsr_out, mxcsr, "MXCSR across hypercalls");
}

static evtchn_port_t timer_port;

static void sse_preserved_across_events(void)
{
	struct vcpu_set_periodic_timer p = { .period_ns = 2000000 };
	volatile unsigned long *cnt;
	unsigned long target;
	long rc;

	if (!timer_port)
		REQUIRE_RC(rt_evtchn_bind_virq(VIRQ_TIMER, 0, &timer_port), 0, "bind VIRQ_TIMER");
	rc = hc_vcpu_op(VCPUOP_set_periodic_timer, 0, &p);
	REQUIRE_RC(rc, 0, "VCPUOP_set_periodic_timer(2 ms)");
	cnt = &rt_evt_count[timer_port];
	target = *cnt + 20;
	fill_pattern(2);
	rt_irq_enable();
	/* Spin (general registers only) until 20 timer upcalls have run. */
	__asm__ __volatile__(LOAD_XMM("%[p]")
			     "1:\n\tpause\n\tcmp %[t], (%[c])\n\tjb 1b\n\t"
			     STORE_XMM("%[g]")
			     :: [p] "r"(pat), [g] "r"(got), [c] "r"(cnt), [t] "r"(target)
			     : "memory", "cc", XMM_CLOBBERS);
	rt_irq_disable();
	hc_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
	compare_xmm("20 timer upcalls");
}

static bool resume_hook(struct rt_regs *r)
{
	(void)r;
	return true;
}

static void sse_preserved_across_traps(void)
{
	fill_pattern(3);
	rt_trap_hooks[X86_BP] = resume_hook;
	__asm__ __volatile__(LOAD_XMM("%[p]") "int3\n\tint3\n\tint3\n\t" STORE_XMM("%[g]")
			     :: [p] "r"(pat), [g] "r"(got) : "memory", XMM_CLOBBERS);
	rt_trap_hooks[X86_BP] = NULL;
	compare_xmm("three handled int3 traps");
}

static void sse_preserved_across_nm(void)
{
	struct rt_catch c;

	fill_pattern(4);
	__asm__ __volatile__(LOAD_XMM("%[p]") ::[p] "r"(pat) : XMM_CLOBBERS);
	hc_fpu_taskswitch(1);
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__("movdqa %%xmm0, (%0)" :: "r"(got) : "memory");
		rt_catch_end();
		rt_fail("no #NM with TS set");
	}
	__asm__ __volatile__(STORE_XMM("%[g]") ::[g] "r"(got) : "memory");
	compare_xmm("fpu_taskswitch(1) and the #NM");
	hc_fpu_taskswitch(0);
}

static void fxsave_image(void)
{
	static uint8_t area[512] RT_ALIGNED(16);
	uint32_t mxcsr;
	uint16_t fcw;

	__asm__ __volatile__("fninit\n\tfxsave %0\n\tstmxcsr %1\n\tfnstcw %2"
			     : "=m"(area), "=m"(mxcsr), "=m"(fcw));
	CHECK_EQ(*(uint16_t *)&area[0], fcw, "FCW in the FXSAVE image");
	CHECK_EQ(fcw, 0x37f, "FCW after fninit");
	CHECK_EQ(*(uint32_t *)&area[24], mxcsr, "MXCSR in the FXSAVE image");
}

static const struct rt_case cases[] = {
	RT_CASE(nm_on_x87_and_sse),
	RT_CASE(taskswitch_clear_no_fault),
	RT_CASE(clts_emulated),
	RT_CASE(cr0_ts_visible),
	RT_CASE(sse_preserved_across_hypercalls),
	RT_CASE(x87_and_mxcsr_preserved),
	RT_CASE(sse_preserved_across_events),
	RT_CASE(sse_preserved_across_traps),
	RT_CASE(sse_preserved_across_nm),
	RT_CASE(fxsave_image),
};
RT_SUITE("fpu", cases, NULL);
