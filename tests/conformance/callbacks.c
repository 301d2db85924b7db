/*
 * callbacks.c - guest callbacks and their error paths: an iret hypercall whose return cannot
 * be completed (unusable CS or SS, non-canonical RIP), the failsafe callback (entered when
 * the hypervisor cannot reload a data selector of the guest), NMI delivery (VCPUOP_send_nmi,
 * CALLBACKTYPE_nmi, nmi_op, trap-table vector 2), the event mask at the syscall callback,
 * set_callbacks, set_trap_table refusals and a NULL table, and stack_switch.
 *
 * What Xen 4.17 does, from xen/arch/x86 (x86_64/entry.S, pv/iret.c, pv/callback.c,
 * domain.c, traps.c):
 *  - The iret hypercall only checks that the frame can be read; CS and SS get RPL 3 and
 *    the final IRETQ loads them. If that IRETQ faults, the fault is handled as raised by
 *    the guest at the frame it tried to return to: #GP or #NP (IRETQ raises #NP for a
 *    not-present CS or SS) with the selector as error code is bounced to the guest's trap
 *    handler (on the target stack in kernel mode, on the stack_switch stack from user
 *    mode). A #GP(0) (NUL SS, non-canonical RIP) first goes through the privileged-op
 *    emulator at the target RIP, so the targets here are plain instructions. The failsafe
 *    callback is not involved.
 *  - With VGCF_in_syscall the return uses SYSRET, which ignores CS and SS of the frame.
 *  - The failsafe callback is entered when load_segments() (a full context switch back to
 *    the vCPU) cannot reload DS, ES, FS or GS: frame RCX, R11, DS, ES, FS, GS, RIP,
 *    CS | mask << 32, RFLAGS, RSP, SS at (RSP & ~15) - 88, the failing selector loaded as
 *    NUL. The test forces such a switch with XENPF_core_parking (continue_hypercall_on_cpu
 *    runs a tasklet on the idle vCPU, which syncs the lazy context switch).
 *  - A bounce frame that cannot be written (stack_switch stack unmapped or in the hypervisor
 *    area) crashes the domain; stack_switch itself checks nothing.
 *  - An NMI (VCPUOP_send_nmi) is delivered on the way out of the hypercall through trap
 *    vector 2, without error code; a second one waits until the iret hypercall; one that
 *    finds no handler is dropped.
 * The failing-return cases run last: they exercise the hypervisor's own exit path.
 */
#include "rt.h"
#include <xen/platform.h>

#define KERNEL_CS_RPL0	(FLAT_KERNEL_CS & ~3)	/* 0xe030 */
#define BAD_GDT_SEL	0x1238			/* guest GDT entry 0x247: an all-zero descriptor */
#define NOCANON		0x8000000000000000UL

/* A guest GDT page: entry 1 a not-present 64-bit code segment, entry 2 not-present data. */
#define DESC_CODE64_NP	0x00af78000000ffffUL	/* DESC_CODE64 DPL 3, P clear */
#define DESC_DATA_NP	0x00cf73000000ffffUL	/* writable data DPL 3, P clear */
#define DESC_DATA_DPL3	0x00cff3000000ffffUL

/* nmi_op (hypercall 28): public/nmi.h */
#define XENNMI_register_callback	0
#define XENNMI_unregister_callback	1
struct xennmi_callback {
	unsigned long handler_address;
	unsigned long pad;
};

static char alt_stack[8192] RT_ALIGNED(16);

/* Where failing returns go: never reached unless the return succeeds (then: #UD). */
__asm__(".pushsection .text\n\t"
	".globl cb_iret_target\n"
	"cb_iret_target:\n\t"
	"nop\n\t"
	"ud2\n\t"
	".popsection");
extern char cb_iret_target[];

static uint16_t read_sel(int which)
{
	uint16_t s;

	switch (which) {
	case 0:
		__asm__ __volatile__("mov %%ds, %0" : "=r"(s));
		break;
	case 1:
		__asm__ __volatile__("mov %%es, %0" : "=r"(s));
		break;
	case 2:
		__asm__ __volatile__("mov %%fs, %0" : "=r"(s));
		break;
	default:
		__asm__ __volatile__("mov %%gs, %0" : "=r"(s));
		break;
	}
	return s;
}

static void load_es(uint16_t s)
{
	__asm__ __volatile__("mov %0, %%es" :: "r"((unsigned int)s) : "memory");
}

static long register_cb(uint16_t type, uint16_t flags, unsigned long addr)
{
	struct callback_register cb = { .type = type, .flags = flags, .address = addr };

	return hc_callback_op(CALLBACKOP_register, &cb);
}

static long unregister_cb(uint16_t type)
{
	struct callback_unregister un = { .type = type };

	return hc_callback_op(CALLBACKOP_unregister, &un);
}

/* An info line with the frame of a failsafe callback nobody expected. */
static void info_failsafe(const char *what, const struct rt_trap *t)
{
	rt_info("%s: failsafe frame: rip %#lx cs %#lx rflags %#lx rsp %#lx ss %#lx, ds %#lx "
		"es %#lx fs %#lx gs %#lx, frame ends at %#lx, mask in handler %u", what, t->rip,
		t->cs, t->rflags, t->rsp, t->ss, rt_failsafe_sels[0], rt_failsafe_sels[1],
		rt_failsafe_sels[2], rt_failsafe_sels[3], t->frame_top, t->mask_in_handler);
}

/* ---------------------------------------------------------------------------------------
 * The iret hypercall with a return that faults
 */
static struct iret_context ictx;

/* Issue iret on ictx inside a catch: returns with c->trap when a trap ended it. */
static void iret_traps(struct rt_catch *c)
{
	if (rt_catch(c) == 0)
		rt_iret_to(&ictx, 0);
}

struct bad_ret {
	const char *what;
	uint64_t rip, cs, ss, rflags;
	unsigned int vector;
	uint64_t err;
};

/* One failing return to guest kernel mode: the trap and its frame (on the target stack). */
static void check_bad_return(const struct bad_ret *b)
{
	struct rt_catch c;
	uint64_t exp_mask = (b->rflags & RFL_IF) ? 0 : 1;

	memset(&ictx, 0, sizeof(ictx));
	ictx.rax = 0x5a5a;
	ictx.rip = b->rip;
	ictx.cs = b->cs;
	ictx.rflags = b->rflags;
	ictx.rsp = (unsigned long)alt_stack + 4096 - 8;
	ictx.ss = b->ss;
	iret_traps(&c);
	rt_irq_disable();
	if (c.trap.vector == RT_VEC_FAILSAFE) {
		rt_fail("%s: the failsafe callback was entered (Xen bounces the fault to the trap "
			"handler instead)", b->what);
		info_failsafe(b->what, &c.trap);
		return;
	}
	if (!rt_check_trap(&c.trap, b->vector, b->err, b->rip, b->what))
		return;
	CHECK(c.trap.cs == ((b->cs & ~3UL) | (exp_mask << 32)),
	      "%s: CS slot %#lx, expected %#lx (selector of the failed return, RPL cleared for "
	      "kernel mode, saved mask %lu)", b->what, c.trap.cs, b->cs & ~3UL, exp_mask);
	CHECK(c.trap.ss == (b->ss | 3), "%s: SS slot %#lx, expected %#lx", b->what, c.trap.ss,
	      b->ss | 3);
	CHECK(c.trap.rsp == ictx.rsp, "%s: RSP slot %#lx, expected the return's %#lx", b->what,
	      c.trap.rsp, ictx.rsp);
	CHECK(!!(c.trap.rflags & RFL_IF) == !exp_mask, "%s: RFLAGS slot %#lx", b->what,
	      c.trap.rflags);
	CHECK(c.trap.frame_top == (ictx.rsp & ~15UL), "%s: frame ends at %#lx, expected %#lx "
	      "(the target stack, 16-byte aligned)", b->what, c.trap.frame_top, ictx.rsp & ~15UL);
	CHECK(c.trap.mask_in_handler == 1, "%s: events not masked in the handler", b->what);
	CHECK(c.trap.rax == 0x5a5a, "%s: RAX %#lx in the handler, expected the frame's 0x5a5a",
	      b->what, c.trap.rax);
}

static void iret_bad_cs_gdt(void)
{
	static const struct bad_ret b[] = {
		{ "CS 0x1238 (zero GDT entry)", 0, BAD_GDT_SEL, FLAT_KERNEL_SS, 0x2 | RFL_IF,
		  X86_GP, BAD_GDT_SEL },
		{ "CS 0xe028 (a data segment)", 0, FLAT_KERNEL_SS & ~3, FLAT_KERNEL_SS, 0x2,
		  X86_GP, FLAT_KERNEL_SS & ~3 },
	};

	for (unsigned int i = 0; i < RT_ARRAY_SIZE(b); i++) {
		struct bad_ret r = b[i];

		r.rip = (unsigned long)cb_iret_target;
		check_bad_return(&r);
	}
}

static void iret_bad_cs_ldt(void)
{
	struct bad_ret r = { "CS 0x000c (LDT selector, no LDT)", (unsigned long)cb_iret_target,
			     0x000c, FLAT_KERNEL_SS, 0x2 | RFL_IF, X86_GP, 0x000c };

	check_bad_return(&r);
}

static uint64_t *np_gdt;

static void setup_np_gdt(void)
{
	unsigned long frame;

	if (!np_gdt) {
		np_gdt = rt_alloc_page();
		np_gdt[1] = DESC_CODE64_NP;
		np_gdt[2] = DESC_DATA_NP;
		np_gdt[3] = DESC_DATA_DPL3;
		REQUIRE_RC(rt_set_page_rw(np_gdt, false), 0, "GDT page read-only");
	}
	frame = rt_virt_to_mfn(np_gdt);
	REQUIRE_RC(hc_set_gdt(&frame, 4), 0, "set_gdt(not-present code and data descriptors)");
}

static void iret_cs_not_present(void)
{
	struct bad_ret r = { "CS 0x0008 (not-present code descriptor)",
			     (unsigned long)cb_iret_target, 0x0008, FLAT_KERNEL_SS, 0x2 | RFL_IF,
			     X86_NP, 0x0008 };

	setup_np_gdt();
	check_bad_return(&r);
	hc_set_gdt(NULL, 0);
}

static void iret_bad_ss(void)
{
	static const struct bad_ret b[] = {
		{ "SS 0x123b (zero GDT entry)", 0, KERNEL_CS_RPL0, BAD_GDT_SEL | 3, 0x2 | RFL_IF,
		  X86_GP, BAD_GDT_SEL },
		{ "SS 0 (NUL, RPL forced to 3)", 0, KERNEL_CS_RPL0, 0, 0x2, X86_GP, 0 },
		{ "SS 0x000f (LDT selector, no LDT)", 0, KERNEL_CS_RPL0, 0x000f, 0x2 | RFL_IF,
		  X86_GP, 0x000c },
	};

	for (unsigned int i = 0; i < RT_ARRAY_SIZE(b); i++) {
		struct bad_ret r = b[i];

		r.rip = (unsigned long)cb_iret_target;
		check_bad_return(&r);
	}
}

static void iret_ss_not_present(void)
{
	struct bad_ret r = { "SS 0x0013 (not-present data descriptor: #NP, as IRET raises)",
			     (unsigned long)cb_iret_target, KERNEL_CS_RPL0, 0x0013, 0x2 | RFL_IF,
			     X86_NP, 0x0010 };

	setup_np_gdt();
	check_bad_return(&r);
	hc_set_gdt(NULL, 0);
}

static void iret_noncanonical_rip(void)
{
	struct bad_ret r = { "RIP 0x8000000000000000", NOCANON, KERNEL_CS_RPL0, FLAT_KERNEL_SS,
			     0x2 | RFL_IF, X86_GP, 0 };

	check_bad_return(&r);
}

/* A failing return to user mode: the fault arrives on the stack_switch stack. */
static void iret_to_user_bad_selectors(void)
{
	static const struct {
		const char *what;
		uint64_t cs, ss, err;
	} b[] = {
		{ "user CS 0x123b (zero GDT entry)", BAD_GDT_SEL | 3, FLAT_USER_SS, BAD_GDT_SEL },
		{ "user SS 0x123b (zero GDT entry)", FLAT_USER_CS, BAD_GDT_SEL | 3, BAD_GDT_SEL },
	};
	struct rt_catch c;

	rt_user_init();
	for (unsigned int i = 0; i < RT_ARRAY_SIZE(b); i++) {
		memset(&ictx, 0, sizeof(ictx));
		ictx.rip = (unsigned long)cb_iret_target;
		ictx.cs = b[i].cs;
		ictx.rflags = 0x2;
		ictx.rsp = rt_user_stack_top;
		ictx.ss = b[i].ss;
		iret_traps(&c);
		rt_irq_disable();
		if (c.trap.vector == RT_VEC_FAILSAFE) {
			rt_fail("%s: the failsafe callback was entered (Xen bounces #GP)", b[i].what);
			info_failsafe(b[i].what, &c.trap);
			continue;
		}
		if (!rt_check_trap(&c.trap, X86_GP, b[i].err, (unsigned long)cb_iret_target,
				   b[i].what))
			continue;
		CHECK(c.trap.cs == (b[i].cs | (1UL << 32)), "%s: CS slot %#lx, expected %#lx "
		      "(user selector, RPL 3, saved mask 1)", b[i].what, c.trap.cs, b[i].cs);
		CHECK_EQ(c.trap.ss, b[i].ss, "SS slot");
		CHECK_EQ(c.trap.rsp, rt_user_stack_top, "RSP slot (the user RSP of the return)");
		CHECK(c.trap.frame_top == (rt_user_kstack_top & ~15UL), "%s: frame ends at %#lx, "
		      "expected the stack_switch stack %#lx", b[i].what, c.trap.frame_top,
		      rt_user_kstack_top & ~15UL);
		CHECK_EQ(rt_read_cs(), FLAT_KERNEL_CS, "CS back in the kernel");
	}
}

/* With VGCF_in_syscall the return is a SYSRET: the frame's CS and SS are not used. */
static volatile unsigned long sysret_out[3];	/* cs, ss, reached */

static void iret_in_syscall_ignores_selectors(void)
{
	struct rt_catch c;

	memset(&ictx, 0, sizeof(ictx));
	ictx.flags = VGCF_in_syscall;
	ictx.cs = BAD_GDT_SEL;
	ictx.ss = BAD_GDT_SEL | 3;
	ictx.rflags = 0x2;
	ictx.rsp = (unsigned long)alt_stack + 4096;
	memset((void *)sysret_out, 0, sizeof(sysret_out));
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__("lea 1f(%%rip), %%rax\n\t"
				     "mov %%rax, 32(%[ctx])\n\t"
				     "mov %%rsp, %%r12\n\t"
				     "mov %[ctx], %%rsp\n\t"
				     "mov $23, %%eax\n\t"
				     "syscall\n"
				     "1:\n\t"
				     "xor %%eax, %%eax\n\t"
				     "mov %%cs, %%ax\n\t"
				     "mov %%rax, 0(%[out])\n\t"
				     "mov %%ss, %%ax\n\t"
				     "mov %%rax, 8(%[out])\n\t"
				     "movq $1, 16(%[out])\n\t"
				     "mov %%r12, %%rsp"
				     :: [ctx] "r"(&ictx), [out] "b"(sysret_out)
				     : "rax", "rcx", "r11", "r12", "memory", "cc");
		rt_catch_end();
	} else {
		rt_fail("iret with VGCF_in_syscall and CS 0x1238/SS 0x123b trapped: %s err %#lx "
			"rip %#lx", rt_vector_name(c.trap.vector), c.trap.error_code, c.trap.rip);
		if (c.trap.vector == RT_VEC_FAILSAFE)
			info_failsafe("VGCF_in_syscall", &c.trap);
		return;
	}
	rt_irq_disable();
	CHECK_EQ(sysret_out[2], 1, "target reached");
	CHECK_EQ(sysret_out[0], FLAT_KERNEL_CS, "CS after the SYSRET return (frame CS ignored)");
	CHECK_EQ(sysret_out[1], FLAT_KERNEL_SS, "SS after the SYSRET return (frame SS ignored)");
}

/* ---------------------------------------------------------------------------------------
 * NMIs
 */
static volatile unsigned int nmi_hits;
static volatile bool nmi_resend;
static volatile long nmi_resend_rc;
static volatile unsigned int nmi_hits_after_resend;
static struct {
	uint64_t rip, cs, err, rax;
	uint8_t mask;
	uint64_t frame_top;
	unsigned int vector;
} nmi_seen[4];

static bool nmi_hook(struct rt_regs *r)
{
	unsigned int n = nmi_hits;

	if (n < RT_ARRAY_SIZE(nmi_seen)) {
		nmi_seen[n].vector = (unsigned int)r->vector;
		nmi_seen[n].rip = r->rip;
		nmi_seen[n].cs = r->cs;
		nmi_seen[n].err = r->error_code;
		nmi_seen[n].rax = r->rax;
		nmi_seen[n].mask = rt_vcpu_info->evtchn_upcall_mask;
		nmi_seen[n].frame_top = (uint64_t)(&r->ss + 1);
	}
	nmi_hits = n + 1;
	if (n == 0 && nmi_resend) {
		/* Still inside the first NMI: the second stays pending until the iret. */
		nmi_resend_rc = hc_vcpu_op(VCPUOP_send_nmi, 0, NULL);
		nmi_hits_after_resend = nmi_hits;
	}
	return true;	/* back to the interrupted code through the iret hypercall */
}

static void nmi_reset(void)
{
	nmi_hits = 0;
	nmi_resend = false;
	nmi_resend_rc = 0x7777;
	nmi_hits_after_resend = 0;
	memset(nmi_seen, 0, sizeof(nmi_seen));
	rt_trap_hooks[X86_NMI] = nmi_hook;
}

/* VCPUOP_send_nmi(vCPU 0, NULL) with the SYSCALL marked: rt_after is the return address. */
static long send_nmi_marked(void)
{
	long rax = __HYPERVISOR_vcpu_op;
	unsigned long rdi = VCPUOP_send_nmi, rsi = 0, rdx = 0;

	__asm__ __volatile__(RT_MARK_AT "syscall" RT_MARK_END
			     : "+a"(rax), "+D"(rdi), "+S"(rsi), "+d"(rdx)
			     :: "rcx", "r11", "r8", "r9", "r10", "memory");
	return rax;
}

static void nmi_delivery(void)
{
	long rc;

	nmi_reset();
	rc = send_nmi_marked();
	CHECK_RC(rc, 0, "VCPUOP_send_nmi(0, NULL)");
	REQUIRE(nmi_hits == 1, "NMI handler ran %u times, expected once (right after the "
		"hypercall)", nmi_hits);
	CHECK_EQ(nmi_seen[0].vector, X86_NMI, "vector");
	CHECK_EQ(nmi_seen[0].err, 0, "error code slot (the stub's 0: none pushed)");
	CHECK_EQ(nmi_seen[0].rip, rt_after, "RIP (the instruction after the hypercall)");
	CHECK_EQ(nmi_seen[0].cs, KERNEL_CS_RPL0 | (1UL << 32), "CS slot (kernel, saved mask 1)");
	CHECK_EQ(nmi_seen[0].rax, 0, "RAX in the handler (the hypercall's result)");
	CHECK_EQ(nmi_seen[0].mask, 1, "event mask in the handler (trap-table flag bit 2)");
}

static void nmi_held_until_iret(void)
{
	long rc;

	nmi_reset();
	nmi_resend = true;
	rc = send_nmi_marked();
	CHECK_RC(rc, 0, "VCPUOP_send_nmi");
	CHECK_RC(nmi_resend_rc, 0, "VCPUOP_send_nmi inside the NMI handler");
	CHECK_EQ(nmi_hits_after_resend, 1, "NMI deliveries seen inside the first handler after "
		 "the second send (must be held)");
	CHECK_EQ(nmi_hits, 2, "NMI deliveries in all");
	CHECK_EQ(nmi_seen[1].rip, rt_after, "second NMI's RIP (the iret target of the first)");
	CHECK_EQ(nmi_seen[1].vector, X86_NMI, "second NMI's vector");
	/* And only two: nothing more is pending. */
	hc_xen_version(XENVER_version, NULL);
	CHECK_EQ(nmi_hits, 2, "NMI deliveries after a further hypercall");
}

static void nmi_trap_table_flags(void)
{
	trap_info_t t[2];

	/* Vector 2 without flag bit 2: the handler runs with events as they were. */
	memset(t, 0, sizeof(t));
	t[0].vector = X86_NMI;
	t[0].flags = 0;
	t[0].cs = FLAT_KERNEL_CS;
	t[0].address = rt_trap_stub(X86_NMI);
	REQUIRE_RC(hc_set_trap_table(t), 0, "set_trap_table(vector 2, flags 0)");
	nmi_reset();
	rt_irq_enable();
	CHECK_RC(send_nmi_marked(), 0, "VCPUOP_send_nmi");
	rt_irq_disable();
	if (nmi_hits == 1) {
		CHECK_EQ(nmi_seen[0].mask, 0, "event mask in an NMI handler registered without "
			 "flag bit 2");
		CHECK_EQ(nmi_seen[0].cs >> 32, 0, "saved mask (events were enabled)");
	} else {
		rt_fail("NMI handler ran %u times, expected once", nmi_hits);
	}
	rt_install_traps();
}

static void nmi_callback_register_unregister(void)
{
	unsigned int before;

	nmi_reset();
	CHECK_RC(unregister_cb(CALLBACKTYPE_nmi), 0, "CALLBACKOP_unregister(nmi)");
	CHECK_RC(send_nmi_marked(), 0, "VCPUOP_send_nmi with no NMI handler");
	hc_xen_version(XENVER_version, NULL);
	CHECK_EQ(nmi_hits, 0, "NMIs delivered with no handler");
	CHECK_RC(register_cb(CALLBACKTYPE_nmi, 0, NOCANON), -XEN_EINVAL,
		 "CALLBACKOP_register(nmi, non-canonical)");
	CHECK_RC(register_cb(CALLBACKTYPE_nmi, 0, rt_trap_stub(X86_NMI)), 0,
		 "CALLBACKOP_register(nmi, flags 0)");
	hc_xen_version(XENVER_version, NULL);
	CHECK_EQ(nmi_hits, 0, "NMIs delivered after registering (one sent without a handler is "
		 "dropped, not kept pending)");
	before = nmi_hits;
	rt_irq_enable();
	CHECK_RC(send_nmi_marked(), 0, "VCPUOP_send_nmi");
	rt_irq_disable();
	if (nmi_hits == before + 1) {
		CHECK_EQ(nmi_seen[before].rip, rt_after, "NMI RIP");
		CHECK_EQ(nmi_seen[before].mask, 1, "event mask in a CALLBACKTYPE_nmi handler "
			 "(always masks, whatever the flags)");
		CHECK_EQ(nmi_seen[before].cs, KERNEL_CS_RPL0, "CS slot (saved mask 0)");
	} else {
		rt_fail("NMI deliveries after registering CALLBACKTYPE_nmi: %u, expected 1",
			nmi_hits - before);
	}
	rt_install_traps();
}

static void nmi_op_hypercall(void)
{
	struct xennmi_callback cb = { .handler_address = rt_trap_stub(X86_NMI), .pad = 0 };
	long rc;

	nmi_reset();
	rc = HC2(__HYPERVISOR_nmi_op, 99, &cb);
	CHECK_RC(rc, -XEN_ENOSYS, "nmi_op(99)");
	rc = HC2(__HYPERVISOR_nmi_op, XENNMI_register_callback, 0x1000UL);
	CHECK_RC(rc, -XEN_EFAULT, "nmi_op(register, unmapped argument)");
	cb.handler_address = NOCANON;
	rc = HC2(__HYPERVISOR_nmi_op, XENNMI_register_callback, &cb);
	CHECK_RC(rc, -XEN_EINVAL, "nmi_op(register, non-canonical handler)");
	rc = HC2(__HYPERVISOR_nmi_op, XENNMI_unregister_callback, NULL);
	CHECK_RC(rc, 0, "nmi_op(unregister)");
	CHECK_RC(send_nmi_marked(), 0, "VCPUOP_send_nmi with no handler");
	CHECK_EQ(nmi_hits, 0, "NMIs delivered after nmi_op(unregister)");
	cb.handler_address = rt_trap_stub(X86_NMI);
	rc = HC2(__HYPERVISOR_nmi_op, XENNMI_register_callback, &cb);
	CHECK_RC(rc, 0, "nmi_op(register)");
	CHECK_RC(send_nmi_marked(), 0, "VCPUOP_send_nmi");
	CHECK_EQ(nmi_hits, 1, "NMIs delivered after nmi_op(register)");
	CHECK_EQ(nmi_seen[0].mask, 1, "event mask in the handler");
	rt_install_traps();
}

static void send_nmi_errors(void)
{
	static unsigned long dummy;

	nmi_reset();
	CHECK_RC(hc_vcpu_op(VCPUOP_send_nmi, 0, &dummy), -XEN_EINVAL,
		 "VCPUOP_send_nmi with a non-NULL argument");
	CHECK_RC(hc_vcpu_op(VCPUOP_send_nmi, 1, NULL), -XEN_ENOENT, "VCPUOP_send_nmi(vCPU 1)");
	CHECK_RC(hc_vcpu_op(VCPUOP_send_nmi, 1, &dummy), -XEN_ENOENT,
		 "VCPUOP_send_nmi(vCPU 1, non-NULL): vCPU checked first");
	CHECK_EQ(nmi_hits, 0, "NMIs delivered by the refused calls");
}

/* ---------------------------------------------------------------------------------------
 * Trap table
 */
static void set_trap_table_noncanonical(void)
{
	struct rt_catch c;
	trap_info_t t[4];
	long rc;

	memset(t, 0, sizeof(t));
	t[0].vector = X86_BP;
	t[0].flags = 3 | 4;
	t[0].cs = FLAT_KERNEL_CS;
	t[0].address = rt_trap_stub(X86_OF);
	t[1].vector = X86_UD;
	t[1].flags = 4;
	t[1].cs = FLAT_KERNEL_CS;
	t[1].address = NOCANON;
	t[2].vector = X86_DE;
	t[2].flags = 4;
	t[2].cs = FLAT_KERNEL_CS;
	t[2].address = rt_trap_stub(X86_OF);
	rc = hc_set_trap_table(t);
	CHECK_RC(rc, -XEN_EINVAL, "set_trap_table with a non-canonical handler in entry 1");
	/* Entries before the bad one are installed; the bad one and those after are not. */
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__("int3" ::: "memory");
		rt_catch_end();
		rt_fail("int3 did not trap");
	} else {
		CHECK_EQ(c.trap.vector, X86_OF, "stub reached by int3 (entry 0 was installed)");
	}
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__("ud2" ::: "memory");
		rt_catch_end();
	}
	CHECK_EQ(c.trap.vector, X86_UD, "stub reached by ud2 (entry 1 refused)");
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__("xor %%ecx, %%ecx\n\tdiv %%rcx" ::: "rax", "rcx", "rdx", "memory");
		rt_catch_end();
	}
	CHECK_EQ(c.trap.vector, X86_DE, "stub reached by div 0 (entry 2 not processed)");
	rt_install_traps();
	memset(t, 0, sizeof(t));
	t[0].vector = X86_UD;
	t[0].flags = 4;
	t[0].cs = FLAT_KERNEL_CS;
	t[0].address = 0x0000800000000000UL;
	CHECK_RC(hc_set_trap_table(t), -XEN_EINVAL, "set_trap_table(0x0000800000000000)");
	rt_install_traps();
}

static void set_trap_table_null_clears(void)
{
	long rc, rc2;
	unsigned int lost;

	nmi_reset();
	/* No trap may happen until the table is back; an NMI with no handler is dropped. */
	rc = hc_set_trap_table(NULL);
	rc2 = send_nmi_marked();
	lost = nmi_hits;
	rt_install_traps();
	CHECK_RC(rc, 0, "set_trap_table(NULL)");
	CHECK_RC(rc2, 0, "VCPUOP_send_nmi with the table cleared");
	CHECK_EQ(lost, 0, "NMIs delivered with the table cleared (vector 2 gone)");
	CHECK_EQ(nmi_hits, 0, "NMIs delivered after reinstalling the table");
	CHECK_RC(send_nmi_marked(), 0, "VCPUOP_send_nmi after rt_install_traps");
	CHECK_EQ(nmi_hits, 1, "NMIs delivered after reinstalling the table");
}

/* ---------------------------------------------------------------------------------------
 * Syscall callback, set_callbacks, other callback types, stack_switch
 */
static void __attribute__((noinline)) u_exit(unsigned long arg)
{
	rt_user_exit(arg);
}

static void __attribute__((noinline)) u_ud2(unsigned long arg)
{
	(void)arg;
	__asm__ __volatile__("ud2");
	rt_user_exit(0);
}

/* A SYSCALL from user mode with events enabled; the callback's view. */
static void user_syscall_enabled(struct rt_user_result *res)
{
	rt_irq_enable();
	rt_user_run(u_exit, 0x42, res);
	rt_irq_disable();
}

static void syscall_mask_events_flag(void)
{
	struct rt_user_result res;

	REQUIRE_RC(register_cb(CALLBACKTYPE_syscall, 0, (unsigned long)rt_syscall_entry), 0,
		   "register the syscall callback without CALLBACKF_mask_events");
	user_syscall_enabled(&res);
	if (res.vector == RT_VEC_SYSCALL) {
		CHECK_EQ(res.trap.mask_in_handler, 0, "event mask in the syscall callback without "
			 "CALLBACKF_mask_events");
		CHECK_EQ(res.trap.cs >> 32, 0, "saved mask (events were enabled in user mode)");
		CHECK(res.trap.r11 & RFL_IF, "R11 slot %#lx: IF clear", res.trap.r11);
	} else {
		rt_fail("user mode ended with vector %#x, expected SYSCALL", res.vector);
	}
	REQUIRE_RC(register_cb(CALLBACKTYPE_syscall, CALLBACKF_mask_events,
			       (unsigned long)rt_syscall_entry), 0,
		   "register the syscall callback with CALLBACKF_mask_events");
	user_syscall_enabled(&res);
	if (res.vector == RT_VEC_SYSCALL) {
		CHECK_EQ(res.trap.mask_in_handler, 1, "event mask in the syscall callback with "
			 "CALLBACKF_mask_events");
		CHECK_EQ(res.trap.cs >> 32, 0, "saved mask (events were enabled in user mode)");
		CHECK_EQ(res.trap.rdi, 0x42, "RDI at the callback");
	} else {
		rt_fail("user mode ended with vector %#x, expected SYSCALL", res.vector);
	}
}

static void set_callbacks_hypercall(void)
{
	struct rt_user_result res;
	long rc;

	/* set_callbacks (hypercall 4) registers without CALLBACKF_mask_events. */
	rc = HC3(__HYPERVISOR_set_callbacks, rt_event_entry, rt_failsafe_entry, rt_syscall_entry);
	CHECK_RC(rc, 0, "set_callbacks(event, failsafe, syscall)");
	user_syscall_enabled(&res);
	if (res.vector == RT_VEC_SYSCALL)
		CHECK_EQ(res.trap.mask_in_handler, 0, "event mask in the syscall callback after "
			 "set_callbacks (flags cleared)");
	else
		rt_fail("user mode ended with vector %#x, expected SYSCALL", res.vector);
	/* Invalid addresses are skipped silently: the old syscall callback stays. */
	rc = HC3(__HYPERVISOR_set_callbacks, rt_event_entry, rt_failsafe_entry, NOCANON);
	CHECK_RC(rc, 0, "set_callbacks with a non-canonical syscall address");
	user_syscall_enabled(&res);
	CHECK_EQ(res.vector, RT_VEC_SYSCALL, "how user mode ended after set_callbacks with a "
		 "non-canonical syscall address (0x101 = the old callback)");
	CHECK_RC(register_cb(CALLBACKTYPE_syscall, CALLBACKF_mask_events,
			     (unsigned long)rt_syscall_entry), 0, "restore the syscall callback");
	CHECK_RC(register_cb(CALLBACKTYPE_failsafe, CALLBACKF_mask_events,
			     (unsigned long)rt_failsafe_entry), 0, "restore the failsafe callback");
}

static void callback_types_64bit(void)
{
	struct rt_user_result res;

	CHECK_RC(register_cb(CALLBACKTYPE_sysenter, CALLBACKF_mask_events, 0x1000), 0,
		 "register CALLBACKTYPE_sysenter");
	CHECK_RC(register_cb(CALLBACKTYPE_syscall32, 0, 0x2000), 0,
		 "register CALLBACKTYPE_syscall32");
	CHECK_RC(register_cb(CALLBACKTYPE_sysenter_deprecated, 0, 0x1000), -XEN_ENOSYS,
		 "register CALLBACKTYPE_sysenter_deprecated (3)");
	CHECK_RC(register_cb(CALLBACKTYPE_syscall32, 0, NOCANON), -XEN_EINVAL,
		 "register CALLBACKTYPE_syscall32 non-canonical");
	CHECK_RC(unregister_cb(CALLBACKTYPE_sysenter), -XEN_EINVAL, "unregister sysenter");
	CHECK_RC(unregister_cb(CALLBACKTYPE_syscall32), -XEN_EINVAL, "unregister syscall32");
	CHECK_RC(unregister_cb(CALLBACKTYPE_failsafe), -XEN_EINVAL, "unregister failsafe");
	CHECK_RC(unregister_cb(CALLBACKTYPE_sysenter_deprecated), -XEN_ENOSYS,
		 "unregister type 3");
	/* Flag bits other than mask_events are ignored. */
	CHECK_RC(register_cb(CALLBACKTYPE_syscall, 0xffff, (unsigned long)rt_syscall_entry), 0,
		 "register the syscall callback with flags 0xffff");
	user_syscall_enabled(&res);
	CHECK_EQ(res.vector, RT_VEC_SYSCALL, "how user mode ended");
	CHECK_EQ(res.trap.mask_in_handler, 1, "event mask in the callback (flags 0xffff)");
	register_cb(CALLBACKTYPE_syscall, CALLBACKF_mask_events, (unsigned long)rt_syscall_entry);
}

static void stack_switch_unchecked(void)
{
	struct rt_user_result res;

	rt_user_init();
	CHECK_RC(hc_stack_switch(FLAT_KERNEL_SS, 0xffff830000000000UL), 0,
		 "stack_switch to a hypervisor address");
	CHECK_RC(hc_stack_switch(FLAT_KERNEL_SS, NOCANON), 0, "stack_switch to a non-canonical "
		 "address");
	CHECK_RC(hc_stack_switch(0, 0x1000), 0, "stack_switch(SS 0, unmapped 0x1000)");
	CHECK_RC(hc_stack_switch(FLAT_KERNEL_SS, rt_user_kstack_top), 0, "stack_switch back");
	rt_user_run(u_ud2, 0, &res);
	CHECK_EQ(res.vector, X86_UD, "trap from user mode after restoring the kernel stack");
	CHECK_EQ(res.trap.frame_top, rt_user_kstack_top & ~15UL, "frame on the restored stack");
}

static void user_trap_bad_kernel_stack(void)
{
	rt_skip("Xen 4.17 crashes the domain when the bounce frame for a user-mode exception "
		"cannot be written (stack_switch stack in the hypervisor area: "
		"create_bounce_frame_bad_sp; unmapped: domain_crash_page_fault_*), so there is "
		"nothing to observe from inside the guest");
}

/* ---------------------------------------------------------------------------------------
 * The failsafe callback: a data selector that cannot be reloaded on a context switch
 */
struct cb_platform_op {
	uint32_t cmd, interface_version;
	union {
		struct {
			uint32_t type, idle_nums;
		} core_parking;
		uint8_t pad[128];
	} u;
};
#define XEN_CORE_PARKING_SET	1

static struct cb_platform_op cb_pf_op;
unsigned long cb_rsp_at_call;

/*
 * XENPF_core_parking(SET, 0): harmless with one CPU, but Xen runs it through
 * continue_hypercall_on_cpu(), i.e. a tasklet on the idle vCPU, which ends the lazy context
 * switch: the vCPU comes back through load_segments(). rt_after = return address.
 */
static long core_parking_marked(void)
{
	long rax = __HYPERVISOR_platform_op;
	unsigned long rdi = (unsigned long)&cb_pf_op;

	memset(&cb_pf_op, 0, sizeof(cb_pf_op));
	cb_pf_op.cmd = XENPF_core_parking;
	cb_pf_op.interface_version = XENPF_INTERFACE_VERSION;
	cb_pf_op.u.core_parking.type = XEN_CORE_PARKING_SET;
	cb_pf_op.u.core_parking.idle_nums = 0;
	__asm__ __volatile__("mov %%rsp, cb_rsp_at_call(%%rip)\n\t" RT_MARK_AT "syscall" RT_MARK_END
			     : "+a"(rax), "+D"(rdi)
			     :: "rcx", "rsi", "rdx", "r8", "r9", "r10", "r11", "memory");
	return rax;
}

static uint64_t *ldt_page;

/*
 * ES = LDT selector 0x07, then the LDT goes away: ES can no longer be reloaded.
 * sel[] receives DS, ES, FS, GS as they are now. False (case failed) on a refusal.
 */
static bool es_in_vanished_ldt(uint16_t sel[4])
{
	if (!ldt_page) {
		ldt_page = rt_alloc_page();
		ldt_page[0] = DESC_DATA_DPL3;
		if (rt_set_page_rw(ldt_page, false) != 0) {
			rt_fail("LDT page cannot be made read-only");
			return false;
		}
	}
	CHECK_RC(rt_mmuext1(MMUEXT_SET_LDT, (unsigned long)ldt_page, 1), 0, "MMUEXT_SET_LDT");
	load_es(0x07);
	CHECK_RC(rt_mmuext1(MMUEXT_SET_LDT, 0, 0), 0, "MMUEXT_SET_LDT(0, 0)");
	for (int i = 0; i < 4; i++)
		sel[i] = read_sel(i);
	return !rt_case_failed();
}

static void failsafe_run(bool mask_flag, bool events_on)
{
	struct rt_catch c;
	uint16_t sel[4];
	uint64_t exp_mask = events_on ? 0 : 1;
	long rc;

	REQUIRE_RC(register_cb(CALLBACKTYPE_failsafe, mask_flag ? CALLBACKF_mask_events : 0,
			       (unsigned long)rt_failsafe_entry), 0, "register the failsafe callback");
	if (!es_in_vanished_ldt(sel))
		return;
	REQUIRE(sel[1] == 0x07, "ES %#x after loading 0x07", sel[1]);
	memset(rt_failsafe_sels, 0xee, sizeof(rt_failsafe_sels));
	if (events_on)
		rt_irq_enable();
	if (rt_catch(&c) == 0) {
		rc = core_parking_marked();
		rt_catch_end();
		rt_irq_disable();
		rt_fail("no failsafe callback: platform_op(XENPF_core_parking) returned %s and ES "
			"is %#x", rt_errname(rc), read_sel(1));
		load_es(0);
		return;
	}
	rt_irq_disable();
	if (c.trap.vector != RT_VEC_FAILSAFE) {
		rt_fail("expected the failsafe callback, got %s (vector %#x) err %#lx at rip %#lx",
			rt_vector_name(c.trap.vector), c.trap.vector, c.trap.error_code, c.trap.rip);
		load_es(0);
		return;
	}
	CHECK_EQ(c.trap.rcx, rt_after, "RCX slot (the hypercall's SYSCALL return address)");
	CHECK_EQ(rt_failsafe_sels[0], sel[0], "DS slot");
	CHECK_EQ(rt_failsafe_sels[1], 0x07, "ES slot (the selector that failed)");
	CHECK_EQ(rt_failsafe_sels[2], sel[2], "FS slot");
	CHECK_EQ(rt_failsafe_sels[3], sel[3], "GS slot");
	CHECK_EQ(c.trap.rip, rt_after, "RIP slot (after the hypercall)");
	CHECK_EQ(c.trap.cs, KERNEL_CS_RPL0 | (exp_mask << 32), "CS slot (kernel CS, saved mask)");
	CHECK(!!(c.trap.rflags & RFL_IF) == !exp_mask, "RFLAGS slot %#lx: IF does not reflect "
	      "the saved mask %lu", c.trap.rflags, exp_mask);
	CHECK(c.trap.r11 & RFL_IF, "R11 slot %#lx (the RFLAGS of the SYSCALL)", c.trap.r11);
	CHECK_EQ(c.trap.rsp, cb_rsp_at_call, "RSP slot (the RSP of the hypercall)");
	CHECK_EQ(c.trap.ss, FLAT_KERNEL_SS, "SS slot");
	CHECK_EQ(c.trap.frame_top, cb_rsp_at_call & ~15UL,
		 "end of the failsafe frame (RSP rounded down to 16; frame of 11 words below)");
	CHECK_EQ(c.trap.mask_in_handler, (mask_flag || !events_on) ? 1 : 0,
		 "event mask in the failsafe callback");
	CHECK_EQ(c.trap.rax, 0, "RAX in the failsafe callback (the hypercall's result)");
	CHECK_EQ(read_sel(1), 0, "ES after the failsafe callback (the hypervisor loaded NUL)");
	load_es(0);
}

static void failsafe_mask_events(void)
{
	failsafe_run(true, true);
}

static void failsafe_no_mask_events(void)
{
	failsafe_run(false, true);
	if (!rt_case_failed())
		failsafe_run(false, false);
	register_cb(CALLBACKTYPE_failsafe, CALLBACKF_mask_events, (unsigned long)rt_failsafe_entry);
}

/*
 * Failsafe address 0: load_segments() does not check it. The frame is written as usual and
 * the guest resumes at RIP 0, where the instruction fetch faults: the #PF frame shows the
 * RSP the failsafe callback would have started with, and the raw failsafe frame there.
 */
static uint64_t raw_frame[11];

static bool pf_copy_frame(struct rt_regs *r)
{
	if (r->rip == 0)
		memcpy(raw_frame, (const void *)r->rsp, sizeof(raw_frame));
	return false;	/* on to the armed catch */
}

static void failsafe_callback_unset(void)
{
	struct rt_catch c;
	uint16_t sel[4];
	uint64_t base;
	long rc;

	REQUIRE_RC(register_cb(CALLBACKTYPE_failsafe, CALLBACKF_mask_events, 0), 0,
		   "register failsafe callback address 0");
	if (!es_in_vanished_ldt(sel))
		goto out;
	memset(raw_frame, 0xee, sizeof(raw_frame));
	rt_trap_hooks[X86_PF] = pf_copy_frame;
	if (rt_catch(&c) == 0) {
		rc = core_parking_marked();
		rt_catch_end();
		rt_fail("no fault: platform_op(XENPF_core_parking) returned %s and ES is %#x",
			rt_errname(rc), read_sel(1));
		goto out;
	}
	base = (cb_rsp_at_call & ~15UL) - sizeof(raw_frame);
	if (!rt_check_trap(&c.trap, X86_PF, ~0UL, 0, "failsafe callback at address 0"))
		goto out;
	CHECK_EQ(c.trap.cr2, 0, "CR2");
	CHECK_EQ(c.trap.error_code & ~(uint64_t)PFEC_I, 0, "#PF error code (fetch, not present, "
		 "kernel mode)");
	CHECK_EQ(c.trap.cs, KERNEL_CS_RPL0 | (1UL << 32), "#PF CS slot (kernel, events masked "
		 "by the failsafe entry)");
	CHECK_EQ(c.trap.rsp, base, "RSP the failsafe callback was entered with ((RSP & ~15) - 88)");
	CHECK_EQ(c.trap.ss, FLAT_KERNEL_SS, "#PF SS slot");
	CHECK_EQ(raw_frame[0], rt_after, "raw failsafe frame word 0 (RCX)");
	CHECK(raw_frame[1] & RFL_IF, "raw failsafe frame word 1 (R11) %#lx", raw_frame[1]);
	CHECK_EQ(raw_frame[2], sel[0], "raw failsafe frame word 2 (DS)");
	CHECK_EQ(raw_frame[3], 0x07, "raw failsafe frame word 3 (ES)");
	CHECK_EQ(raw_frame[4], sel[2], "raw failsafe frame word 4 (FS)");
	CHECK_EQ(raw_frame[5], sel[3], "raw failsafe frame word 5 (GS)");
	CHECK_EQ(raw_frame[6], rt_after, "raw failsafe frame word 6 (RIP)");
	CHECK_EQ(raw_frame[7], KERNEL_CS_RPL0 | (1UL << 32), "raw failsafe frame word 7 "
		 "(CS | saved mask << 32; events were masked)");
	CHECK(!(raw_frame[8] & RFL_IF), "raw failsafe frame word 8 (RFLAGS) %#lx: IF set with "
	      "events masked", raw_frame[8]);
	CHECK_EQ(raw_frame[9], cb_rsp_at_call, "raw failsafe frame word 9 (RSP)");
	CHECK_EQ(raw_frame[10], FLAT_KERNEL_SS, "raw failsafe frame word 10 (SS)");
out:
	rt_trap_hooks[X86_PF] = NULL;
	load_es(0);
	register_cb(CALLBACKTYPE_failsafe, CALLBACKF_mask_events, (unsigned long)rt_failsafe_entry);
}

static const struct rt_case cases[] = {
	RT_CASE(nmi_delivery),
	RT_CASE(nmi_held_until_iret),
	RT_CASE(nmi_trap_table_flags),
	RT_CASE(nmi_callback_register_unregister),
	RT_CASE(nmi_op_hypercall),
	RT_CASE(send_nmi_errors),
	RT_CASE(set_trap_table_noncanonical),
	RT_CASE(set_trap_table_null_clears),
	RT_CASE(syscall_mask_events_flag),
	RT_CASE(set_callbacks_hypercall),
	RT_CASE(callback_types_64bit),
	RT_CASE(stack_switch_unchecked),
	RT_CASE(user_trap_bad_kernel_stack),
	RT_CASE(failsafe_mask_events),
	RT_CASE(failsafe_no_mask_events),
	RT_CASE(failsafe_callback_unset),
	/* Failing returns last: they exercise the hypervisor's own exit path. */
	RT_CASE(iret_noncanonical_rip),
	RT_CASE(iret_in_syscall_ignores_selectors),
	RT_CASE(iret_bad_cs_gdt),
	RT_CASE(iret_bad_cs_ldt),
	RT_CASE(iret_bad_ss),
	RT_CASE(iret_to_user_bad_selectors),
	RT_CASE(iret_cs_not_present),
	RT_CASE(iret_ss_not_present),
};
RT_SUITE("callbacks", cases, NULL);
