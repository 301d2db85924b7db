/*
 * user.c - guest user mode: entering it with the iret hypercall, SYSCALL back to the guest
 * kernel (CALLBACKTYPE_syscall), returning with iret (with and without VGCF_in_syscall),
 * exceptions and events taken from user mode, and the GS base swap.
 */
#include "rt.h"

#define USER_CS_RPL3	FLAT_USER_CS	/* 0xe033 */
#define EXIT		RT_USER_EXIT_NR

/* User-mode bodies. Each ends in a SYSCALL with RAX = EXIT (rt_user_run then returns). */
static volatile unsigned long u_at, u_after;

static void __attribute__((noinline)) u_plain_exit(unsigned long arg)
{
	/* Set CF so that the RFLAGS the kernel sees are recognisable. */
	__asm__ __volatile__("lea 1f(%%rip), %%rax\n\tmov %%rax, u_after(%%rip)\n\t"
			     "stc\n\tmov %0, %%rdi\n\tmov $0x5eed, %%eax\n\tsyscall\n1:\tud2"
			     :: "r"(arg) : "rax", "rdi", "rcx", "r11", "memory");
	for (;;)
		;
}

static void check_user_syscall(const struct rt_user_result *res)
{
	CHECK_EQ(res->vector, RT_VEC_SYSCALL, "how user mode ended (0x101 = SYSCALL)");
}

static void syscall_reaches_callback(void)
{
	struct rt_user_result res;

	rt_user_run(u_plain_exit, 0x77, &res);
	check_user_syscall(&res);
	CHECK_EQ(res.trap.rdi, 0x77, "RDI at the syscall callback");
	CHECK_EQ(res.trap.rax, EXIT, "RAX at the syscall callback");
	CHECK_EQ(res.trap.rcx, u_after, "RCX slot (user RIP after SYSCALL)");
	CHECK_EQ(res.trap.rip, u_after, "RIP slot");
	CHECK(res.trap.r11 & RFL_CF, "R11 slot %#lx: user RFLAGS.CF not there", res.trap.r11);
	CHECK(res.trap.r11 & RFL_IF, "R11 slot %#lx: user RFLAGS.IF clear", res.trap.r11);
	CHECK_EQ(res.trap.cs & 0xffff, USER_CS_RPL3, "CS slot (user mode, RPL 3)");
	CHECK_EQ(res.trap.ss, FLAT_USER_SS, "SS slot");
	CHECK_EQ(res.trap.mask_in_handler, 1, "events masked (CALLBACKF_mask_events)");
	CHECK_EQ(res.trap.frame_top, rt_user_kstack_top & ~15UL,
		 "frame on the stack given to stack_switch");
	CHECK_EQ(rt_read_cs(), FLAT_KERNEL_CS, "CS back in the kernel");
}

static void __attribute__((noinline)) u_selectors(unsigned long arg)
{
	unsigned long cs, ss, fl;

	(void)arg;
	__asm__ __volatile__("mov %%cs, %0\n\tmov %%ss, %1\n\tpushfq\n\tpopq %2"
			     : "=r"(cs), "=r"(ss), "=r"(fl));
	__asm__ __volatile__("mov $0x5eed, %%eax\n\tsyscall"
			     :: "D"(cs), "S"(ss), "d"(fl) : "rax", "rcx", "r11", "memory");
	for (;;)
		;
}

static void user_mode_state(void)
{
	struct rt_user_result res;

	rt_user_run(u_selectors, 0, &res);
	check_user_syscall(&res);
	CHECK_EQ(res.trap.rdi & 0xffff, FLAT_USER_CS, "CS in user mode");
	CHECK_EQ(res.trap.rsi & 0xffff, FLAT_USER_SS, "SS in user mode");
	CHECK(res.trap.rdx & RFL_IF, "RFLAGS %#lx in user mode: IF clear", res.trap.rdx);
	CHECK_EQ(res.trap.rdx & RFL_IOPL, 0, "IOPL in user mode");
}

static void __attribute__((noinline)) u_syscall_twice(unsigned long arg)
{
	unsigned long rax, rbx = 0xb0b0b0b0, r12 = 0x12121212, r15 = 0x15151515;

	(void)arg;
	__asm__ __volatile__("mov $0x1234, %%eax\n\tmov $5, %%edi\n\tsyscall"
			     : "=a"(rax), "+b"(rbx), "+r"(r12), "+r"(r15)
			     :: "rdi", "rcx", "r11", "memory");
	__asm__ __volatile__("mov $0x5eed, %%eax\n\tsyscall"
			     :: "D"(rax), "S"(rbx ^ 0xb0b0b0b0), "d"((r12 ^ 0x12121212) | (r15 ^ 0x15151515))
			     : "rax", "rcx", "r11", "memory");
	for (;;)
		;
}

static bool hook_add(struct rt_regs *r)
{
	if (r->rax != 0x1234)
		return false;
	r->rax = 0x4321 + r->rdi;
	r->iret_flags = VGCF_in_syscall;	/* RCX/R11 need not be restored */
	return true;
}

static void syscall_round_trip_in_syscall(void)
{
	struct rt_user_result res;

	rt_syscall_hook = hook_add;
	rt_user_run(u_syscall_twice, 0, &res);
	rt_syscall_hook = NULL;
	check_user_syscall(&res);
	CHECK_EQ(res.trap.rdi, 0x4326, "RAX seen by user code after the iret (VGCF_in_syscall)");
	CHECK_EQ(res.trap.rsi, 0, "RBX changed across the round trip (xor)");
	CHECK_EQ(res.trap.rdx, 0, "R12/R15 changed across the round trip (xor)");
}

static void __attribute__((noinline)) u_report_rcx_r11(unsigned long arg)
{
	(void)arg;
	__asm__ __volatile__("mov $0x1235, %%eax\n\tsyscall\n\t"
			     "mov %%rcx, %%rdi\n\tmov %%r11, %%rsi\n\tmov $0x5eed, %%eax\n\tsyscall"
			     ::: "rax", "rdi", "rsi", "rcx", "r11", "memory");
	for (;;)
		;
}

static bool hook_rcx_r11(struct rt_regs *r)
{
	if (r->rax != 0x1235)
		return false;
	r->rcx = 0x1111111;
	r->r11 = 0x2222222;
	r->iret_flags = 0;	/* restore RCX/R11 from the frame */
	return true;
}

static void iret_restores_rcx_r11(void)
{
	struct rt_user_result res;

	rt_syscall_hook = hook_rcx_r11;
	rt_user_run(u_report_rcx_r11, 0, &res);
	rt_syscall_hook = NULL;
	check_user_syscall(&res);
	CHECK_EQ(res.trap.rdi, 0x1111111, "user RCX after iret with flags 0");
	CHECK_EQ(res.trap.rsi, 0x2222222, "user R11 after iret with flags 0");
}

static void __attribute__((noinline)) u_read(unsigned long addr)
{
	__asm__ __volatile__("lea 1f(%%rip), %%rax\n\tmov %%rax, u_at(%%rip)\n1:\t"
			     "mov (%0), %%rax" :: "r"(addr) : "rax", "memory");
	rt_user_exit(0);
}

static void __attribute__((noinline)) u_write(unsigned long addr)
{
	__asm__ __volatile__("lea 1f(%%rip), %%rax\n\tmov %%rax, u_at(%%rip)\n1:\t"
			     "movq $1, (%0)" :: "r"(addr) : "rax", "memory");
	rt_user_exit(0);
}

static void pf_from_user_mode(void)
{
	struct rt_user_result res;

	rt_user_run(u_read, 0x10010, &res);
	rt_check_trap(&res.trap, X86_PF, PFEC_U, u_at, "user read of unmapped 0x10010");
	CHECK_EQ(res.trap.cr2, 0x10010, "CR2");
	CHECK_EQ(res.trap.cs & 0xffff, USER_CS_RPL3, "saved CS (RPL 3 for user mode)");
	/* User mode ran with events masked (IF clear in the iret frame that entered it). */
	CHECK_EQ(res.trap.cs >> 32, 1, "saved upcall mask (events were masked in user mode)");
	CHECK(!(res.trap.rflags & RFL_IF), "saved RFLAGS %#lx: IF set with events masked",
	      res.trap.rflags);
	CHECK_EQ(res.trap.frame_top, rt_user_kstack_top & ~15UL, "frame on the stack_switch stack");
	CHECK_EQ(res.trap.mask_in_handler, 1, "events masked in the handler");
	rt_user_run(u_write, 0x20020, &res);
	rt_check_trap(&res.trap, X86_PF, PFEC_U | PFEC_W, u_at, "user write to unmapped 0x20020");
	CHECK_EQ(res.trap.cr2, 0x20020, "CR2");
}

static void pf_user_write_read_only(void)
{
	struct rt_user_result res;
	char *page = rt_alloc_page();

	/* The user L4 shares the kernel's L3/L2/L1: a read-only kernel page is read-only here. */
	REQUIRE_RC(rt_set_page_rw(page, false), 0, "update_va_mapping read-only");
	rt_user_run(u_write, (unsigned long)page + 8, &res);
	rt_check_trap(&res.trap, X86_PF, PFEC_U | PFEC_W | PFEC_P, u_at, "user write to read-only page");
	CHECK_EQ(res.trap.cr2, (unsigned long)page + 8, "CR2");
	rt_set_page_rw(page, true);
}

static void __attribute__((noinline)) u_insn(unsigned long which)
{
	switch (which) {
	case 0:
		__asm__ __volatile__(RT_MARK_AT "int3" RT_MARK_END ::: "r11", "memory");
		break;
	case 1:
		__asm__ __volatile__(RT_MARK_AT "int $0x80" RT_MARK_END ::: "r11", "memory");
		break;
	case 2:
		__asm__ __volatile__(RT_MARK_AT "int $0x20" RT_MARK_END ::: "r11", "memory");
		break;
	case 3:
		__asm__ __volatile__(RT_MARK_AT "ud2" RT_MARK_END ::: "r11", "memory");
		break;
	case 4:
		__asm__ __volatile__(RT_MARK_AT "cli" RT_MARK_END ::: "r11", "memory");
		break;
	case 5:
		__asm__ __volatile__(RT_MARK_AT "inb $0x71, %%al" RT_MARK_END ::: "rax", "r11", "memory");
		break;
	case 6:
		__asm__ __volatile__(RT_MARK_AT "int $4" RT_MARK_END ::: "r11", "memory");
		break;
	}
	rt_user_exit(0x99);
}

static void exceptions_from_user_mode(void)
{
	struct rt_user_result res;

	rt_user_run(u_insn, 0, &res);
	rt_check_trap(&res.trap, X86_BP, 0, rt_after, "int3 in user mode");
	CHECK_EQ(res.trap.cs & 0xffff, USER_CS_RPL3, "saved CS for int3");
	rt_user_run(u_insn, 1, &res);
	rt_check_trap(&res.trap, 0x80, 0, rt_after, "int $0x80 in user mode (DPL 3)");
	rt_user_run(u_insn, 6, &res);
	rt_check_trap(&res.trap, X86_OF, 0, rt_after, "int $4 in user mode (DPL 3)");
	rt_user_run(u_insn, 3, &res);
	rt_check_trap(&res.trap, X86_UD, 0, rt_at, "ud2 in user mode");
	CHECK_EQ(res.trap.cs & 0xffff, USER_CS_RPL3, "saved CS for ud2");
}

static void softint_gp_from_user_mode(void)
{
	struct rt_user_result res;

	rt_user_run(u_insn, 2, &res);
	if (!rt_check_trap(&res.trap, X86_GP, ~0UL, rt_at, "int $0x20 in user mode"))
		return;
	/* (0x20 << 3) | 2, or QEMU < 8.0's (0x20 << 4) | 2 passed on by the hypervisor. */
	CHECK(res.trap.error_code == 0x102 || res.trap.error_code == 0x202,
	      "#GP error code %#lx, expected 0x102", res.trap.error_code);
}

static void privileged_in_user_mode(void)
{
	struct rt_user_result res;
	struct physdev_set_iopl iopl = { .iopl = 1 };
	struct rt_catch c;

	/* Virtual IOPL 1 lets the guest kernel (ring 1 for this check) use cli and ports... */
	hc_physdev_op(PHYSDEVOP_set_iopl, &iopl);
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__("cli\n\tsti" ::: "memory");
		rt_catch_end();
	} else {
		rt_fail("cli/sti in guest kernel mode with virtual IOPL 1 trapped: vector %u",
			c.trap.vector);
	}
	/* ...but not guest user mode (ring 3). */
	rt_user_run(u_insn, 4, &res);
	rt_check_trap(&res.trap, X86_GP, 0, rt_at, "cli in user mode with virtual IOPL 1");
	rt_user_run(u_insn, 5, &res);
	rt_check_trap(&res.trap, X86_GP, 0, rt_at, "inb in user mode with virtual IOPL 1");
	iopl.iopl = 0;
	hc_physdev_op(PHYSDEVOP_set_iopl, &iopl);
}

static void __attribute__((noinline)) u_console_hypercall(unsigned long arg)
{
	static const char msg[] = "this text must not reach the console\n";

	(void)arg;
	__asm__ __volatile__("syscall" :: "a"(__HYPERVISOR_console_io), "D"(CONSOLEIO_write),
			     "S"(sizeof(msg) - 1), "d"(msg) : "rcx", "r11", "memory");
	rt_user_exit(0);
}

static void hypercall_from_user_is_syscall(void)
{
	struct rt_user_result res;

	/* From user mode SYSCALL is the guest's system call, never a hypercall. */
	rt_user_run(u_console_hypercall, 0, &res);
	check_user_syscall(&res);
	CHECK_EQ(res.trap.rax, __HYPERVISOR_console_io, "RAX at the syscall callback");
	CHECK_EQ(res.trap.rdi, CONSOLEIO_write, "RDI at the syscall callback");
}

static evtchn_port_t ipi_port;

static bool hook_send_ipi(struct rt_regs *r)
{
	if (r->rax != 0x3333)
		return false;
	rt_evtchn_send(ipi_port);	/* pending; delivered when the iret unmasks events */
	r->iret_flags = VGCF_in_syscall;
	return true;
}

static void __attribute__((noinline)) u_event(unsigned long arg)
{
	(void)arg;
	__asm__ __volatile__("mov $0x3333, %%eax\n\tsyscall\n\t"
			     "lea 1f(%%rip), %%rax\n\tmov %%rax, u_at(%%rip)\n1:\tnop"
			     ::: "rax", "rcx", "r11", "memory");
	rt_user_exit(0);
}

static void event_upcall_in_user_mode(void)
{
	struct rt_user_result res;
	unsigned long before;

	REQUIRE_RC(rt_evtchn_bind_ipi(0, &ipi_port), 0, "bind_ipi");
	rt_syscall_hook = hook_send_ipi;
	memset(&rt_last_upcall, 0, sizeof(rt_last_upcall));
	before = rt_evt_count[ipi_port];
	rt_irq_enable();
	rt_user_run(u_event, 0, &res);
	rt_irq_disable();
	rt_syscall_hook = NULL;
	check_user_syscall(&res);
	CHECK_EQ(rt_evt_count[ipi_port] - before, 1, "events handled");
	CHECK_EQ(rt_last_upcall.cs & 0xffff, USER_CS_RPL3, "upcall frame CS (interrupted user mode)");
	CHECK(rt_last_upcall.rflags & RFL_IF, "upcall frame RFLAGS %#lx: IF clear",
	      rt_last_upcall.rflags);
	CHECK_EQ(rt_last_upcall.frame_top, rt_user_kstack_top & ~15UL,
		 "upcall frame on the stack_switch stack");
	rt_evtchn_close(ipi_port);
}

static volatile unsigned long gs_user_val = 0x5553455200000001UL;
static volatile unsigned long gs_kernel_val = 0x4b45524e00000002UL;

static void __attribute__((noinline)) u_read_gs(unsigned long arg)
{
	unsigned long v;

	(void)arg;
	__asm__ __volatile__("mov %%gs:0, %0" : "=r"(v));
	rt_user_exit(v);
}

static void gs_bases_swapped(void)
{
	struct rt_user_result res;
	unsigned long v;
	long rc;

	rc = hc_set_segment_base(SEGBASE_GS_KERNEL, (unsigned long)&gs_kernel_val);
	CHECK_RC(rc, 0, "set_segment_base(SEGBASE_GS_KERNEL)");
	rc = hc_set_segment_base(SEGBASE_GS_USER, (unsigned long)&gs_user_val);
	CHECK_RC(rc, 0, "set_segment_base(SEGBASE_GS_USER)");
	__asm__ __volatile__("mov %%gs:0, %0" : "=r"(v));
	CHECK_EQ(v, gs_kernel_val, "%gs:0 in kernel mode");
	rt_user_run(u_read_gs, 0, &res);
	check_user_syscall(&res);
	CHECK_EQ(res.trap.rdi, gs_user_val, "%gs:0 in user mode");
	__asm__ __volatile__("mov %%gs:0, %0" : "=r"(v));
	CHECK_EQ(v, gs_kernel_val, "%gs:0 back in kernel mode");
	hc_set_segment_base(SEGBASE_GS_KERNEL, 0);
	hc_set_segment_base(SEGBASE_GS_USER, 0);
}

static void syscall_without_callback_is_ud(void)
{
	struct rt_user_result res;
	struct callback_register cb = { .type = CALLBACKTYPE_syscall, .flags = 0, .address = 0 };
	long rc;

	rc = hc_callback_op(CALLBACKOP_register, &cb);
	REQUIRE_RC(rc, 0, "CALLBACKOP_register(syscall, address 0)");
	rt_user_run(u_plain_exit, 0, &res);
	rt_check_trap(&res.trap, X86_UD, 0, u_after - 2, "SYSCALL with no syscall callback");
	CHECK_EQ(res.trap.cs & 0xffff, USER_CS_RPL3, "saved CS");
	cb.address = (unsigned long)rt_syscall_entry;
	cb.flags = CALLBACKF_mask_events;
	rc = hc_callback_op(CALLBACKOP_register, &cb);
	CHECK_RC(rc, 0, "re-registering the syscall callback");
}

static void callback_op_rules(void)
{
	struct callback_register cb = { .type = CALLBACKTYPE_syscall, .flags = CALLBACKF_mask_events,
					.address = 0x8000000000000000UL };
	struct callback_unregister un = { .type = CALLBACKTYPE_syscall };
	long rc;

	rc = hc_callback_op(CALLBACKOP_register, &cb);
	CHECK_RC(rc, -XEN_EINVAL, "register with a non-canonical address");
	cb.type = 99;
	cb.address = (unsigned long)rt_syscall_entry;
	rc = hc_callback_op(CALLBACKOP_register, &cb);
	CHECK_RC(rc, -XEN_ENOSYS, "register type 99");
	rc = hc_callback_op(CALLBACKOP_unregister, &un);
	CHECK_RC(rc, -XEN_EINVAL, "unregister the syscall callback (not removable)");
	un.type = CALLBACKTYPE_event;
	rc = hc_callback_op(CALLBACKOP_unregister, &un);
	CHECK_RC(rc, -XEN_EINVAL, "unregister the event callback");
	un.type = 99;
	rc = hc_callback_op(CALLBACKOP_unregister, &un);
	CHECK_RC(rc, -XEN_ENOSYS, "unregister type 99");
	rc = hc_callback_op(7777, &un);
	CHECK_RC(rc, -XEN_ENOSYS, "callback_op sub-op 7777");
}

static const struct rt_case cases[] = {
	RT_CASE(syscall_reaches_callback),
	RT_CASE(user_mode_state),
	RT_CASE(syscall_round_trip_in_syscall),
	RT_CASE(iret_restores_rcx_r11),
	RT_CASE(pf_from_user_mode),
	RT_CASE(pf_user_write_read_only),
	RT_CASE(exceptions_from_user_mode),
	RT_CASE(softint_gp_from_user_mode),
	RT_CASE(privileged_in_user_mode),
	RT_CASE(hypercall_from_user_is_syscall),
	RT_CASE(event_upcall_in_user_mode),
	RT_CASE(gs_bases_swapped),
	RT_CASE(callback_op_rules),
	RT_CASE(syscall_without_callback_is_ud),
};
RT_SUITE("user", cases, NULL);
