/*
 * iret.c - the iret hypercall (23) used to return to guest kernel mode: which registers it
 * restores, how RFLAGS.IF becomes the event mask, and delivery of pending events.
 */
#include "rt.h"

#define KERNEL_CS_RPL0	(FLAT_KERNEL_CS & ~3)

static char alt_stack[8192] RT_ALIGNED(16);
static volatile unsigned long out[8];	/* rax, rsp, rflags, rcx, r11, cs, mask */
static struct iret_context ctx;

/* Issue iret with ctx (rip filled in here) and record the state at the target. */
static void do_iret(void)
{
	__asm__ __volatile__("lea 1f(%%rip), %%rax\n\t"
			     "mov %%rax, 32(%[ctx])\n\t"
			     "mov %%rsp, %%r12\n\t"
			     "mov %[ctx], %%rsp\n\t"
			     "mov $23, %%eax\n\t"
			     "syscall\n"
			     "1:\n\t"
			     "mov %%rax, 0(%[out])\n\t"
			     "mov %%rsp, 8(%[out])\n\t"
			     "pushfq\n\t"
			     "popq 16(%[out])\n\t"
			     "cld\n\t"
			     "mov %%rcx, 24(%[out])\n\t"
			     "mov %%r11, 32(%[out])\n\t"
			     "xor %%eax, %%eax\n\t"
			     "mov %%cs, %%ax\n\t"
			     "mov %%rax, 40(%[out])\n\t"
			     "mov %%r12, %%rsp"
			     :: [ctx] "r"(&ctx), [out] "b"(out)
			     : "rax", "rcx", "r11", "r12", "memory", "cc");
	/* AC may have been restored on: clear it before any misaligned access. */
	__asm__ __volatile__("pushfq\n\tandq $~0x40000, (%%rsp)\n\tpopfq" ::: "memory", "cc");
	out[6] = rt_vcpu_info->evtchn_upcall_mask;
}

static void fill(uint64_t rflags)
{
	memset(&ctx, 0, sizeof(ctx));
	ctx.rax = 0xa1a2a3a4a5a6UL;
	ctx.r11 = 0x1111;
	ctx.rcx = 0xcccc;
	ctx.flags = 0;
	ctx.cs = KERNEL_CS_RPL0;
	ctx.rflags = rflags;
	ctx.rsp = (unsigned long)alt_stack + 4096;
	ctx.ss = FLAT_KERNEL_SS;
}

static void restores_registers(void)
{
	fill(0x2 | RFL_CF | RFL_ZF | RFL_SF | RFL_OF | RFL_PF);
	do_iret();
	rt_irq_disable();
	CHECK_EQ(out[0], ctx.rax, "RAX from the frame");
	CHECK_EQ(out[1], ctx.rsp, "RSP from the frame");
	CHECK_EQ(out[3], 0xcccc, "RCX from the frame (flags 0)");
	CHECK_EQ(out[4], 0x1111, "R11 from the frame (flags 0)");
	CHECK_EQ(out[2] & (RFL_CF | RFL_ZF | RFL_SF | RFL_OF | RFL_PF),
		 RFL_CF | RFL_ZF | RFL_SF | RFL_OF | RFL_PF, "arithmetic flags from the frame");
	CHECK(out[2] & RFL_IF, "RFLAGS %#lx after iret: hardware IF must stay set", out[2]);
	CHECK_EQ(out[5], FLAT_KERNEL_CS, "CS after iret with an RPL 0 selector (RPL forced to 3)");
}

static void if_becomes_mask(void)
{
	fill(0x2 | RFL_IF);
	rt_irq_disable();
	do_iret();
	CHECK_EQ(out[6], 0, "evtchn_upcall_mask after iret with IF set");
	fill(0x2);
	rt_irq_enable();
	do_iret();
	CHECK_EQ(out[6], 1, "evtchn_upcall_mask after iret with IF clear");
	CHECK(out[2] & RFL_IF, "hardware IF after iret with IF clear: %#lx", out[2]);
	rt_irq_disable();
}

static void in_syscall_flag(void)
{
	fill(0x2 | RFL_CF);
	ctx.flags = VGCF_in_syscall;
	do_iret();
	rt_irq_disable();
	CHECK_EQ(out[0], ctx.rax, "RAX with VGCF_in_syscall");
	CHECK_EQ(out[1], ctx.rsp, "RSP with VGCF_in_syscall");
	CHECK(out[2] & RFL_CF, "RFLAGS.CF with VGCF_in_syscall: %#lx", out[2]);
}

static void iopl_dropped(void)
{
	struct rt_catch c;

	fill(0x2 | RFL_IOPL);
	do_iret();
	rt_irq_disable();
	CHECK_EQ(out[2] & RFL_IOPL, 0, "RFLAGS.IOPL after iret with IOPL 3");
	/* Without VMASST_TYPE_architectural_iopl the frame's IOPL grants nothing. */
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__("cli" ::: "memory");
		rt_catch_end();
		rt_fail("cli after iret with IOPL 3 did not trap (virtual IOPL changed)");
	} else {
		CHECK_EQ(c.trap.vector, X86_GP, "trap for cli");
	}
}

static void df_and_ac_restored(void)
{
	fill(0x2 | RFL_DF | RFL_AC);
	do_iret();
	rt_irq_disable();
	CHECK(out[2] & RFL_DF, "DF not restored: %#lx", out[2]);
	CHECK(out[2] & RFL_AC, "AC not restored: %#lx", out[2]);
}

static void pending_event_delivered_at_target(void)
{
	evtchn_port_t p;
	unsigned long before;

	REQUIRE_RC(rt_evtchn_bind_ipi(0, &p), 0, "bind_ipi");
	rt_irq_disable();
	before = rt_evt_count[p];
	rt_evtchn_send(p);
	CHECK_EQ(rt_evt_count[p] - before, 0, "delivered while masked");
	memset(&rt_last_upcall, 0, sizeof(rt_last_upcall));
	fill(0x2 | RFL_IF);
	do_iret();
	rt_irq_disable();
	CHECK_EQ(rt_evt_count[p] - before, 1, "events handled after iret with IF set");
	CHECK(rt_last_upcall.rsp == ctx.rsp, "upcall interrupted RSP %#lx, expected the iret "
	      "target's %#lx", rt_last_upcall.rsp, ctx.rsp);
	CHECK_EQ(rt_last_upcall.cs & 0xffff, KERNEL_CS_RPL0, "upcall frame CS");
	rt_evtchn_close(p);
}

static void tf_single_steps_target(void)
{
	struct rt_catch c;

	fill(0x2 | RFL_TF);
	if (rt_catch(&c) == 0) {
		do_iret();
		rt_catch_end();
		rt_fail("no #DB after iret with TF set");
		return;
	}
	CHECK_EQ(c.trap.vector, X86_DB, "trap after iret with TF");
	/* The first instruction at the target (mov %rax, 0(%rbx)) completes, then #DB. */
	CHECK_EQ(out[0], ctx.rax, "first target instruction executed");
	CHECK(c.trap.rsp == ctx.rsp, "#DB frame RSP %#lx, expected %#lx", c.trap.rsp, ctx.rsp);
	hc_set_debugreg(6, 0xffff0ff0UL);
}

static void misaligned_frame(void)
{
	/* The iret_context is read from RSP whatever its alignment. */
	static char buf[256] RT_ALIGNED(16);
	struct iret_context *f = (struct iret_context *)(buf + 8);
	static volatile unsigned long seen;

	memset(f, 0, sizeof(*f));
	f->rax = 0x5150;
	f->cs = KERNEL_CS_RPL0;
	f->rflags = 0x2;
	f->rsp = (unsigned long)alt_stack + 2048 + 8;
	f->ss = FLAT_KERNEL_SS;
	__asm__ __volatile__("lea 1f(%%rip), %%rax\n\t"
			     "mov %%rax, 32(%[f])\n\t"
			     "mov %%rsp, %%r12\n\t"
			     "mov %[f], %%rsp\n\t"
			     "mov $23, %%eax\n\t"
			     "syscall\n"
			     "1:\n\t"
			     "mov %%rax, (%[seen])\n\t"
			     "mov %%r12, %%rsp"
			     :: [f] "r"(f), [seen] "b"(&seen) : "rax", "rcx", "r11", "r12", "memory");
	CHECK_EQ(seen, 0x5150, "RAX after iret from an 8-mod-16 RSP");
}

static const struct rt_case cases[] = {
	RT_CASE(restores_registers),
	RT_CASE(if_becomes_mask),
	RT_CASE(in_syscall_flag),
	RT_CASE(iopl_dropped),
	RT_CASE(df_and_ac_restored),
	RT_CASE(pending_event_delivered_at_target),
	RT_CASE(tf_single_steps_target),
	RT_CASE(misaligned_frame),
};
RT_SUITE("iret", cases, NULL);
