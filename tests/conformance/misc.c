/*
 * misc.c - the smaller hypercalls: vm_assist, sched_op, vcpu_op, physdev_op, grant tables,
 * debug registers, platform_op, unknown hypercall numbers, INT $0x82, and (last) moving
 * vcpu_info with VCPUOP_register_vcpu_info.
 */
#include "rt.h"
#include <xen/platform.h>

static void vm_assist(void)
{
	static const unsigned int types[] = {
		VMASST_TYPE_4gb_segments, VMASST_TYPE_4gb_segments_notify,
		VMASST_TYPE_writable_pagetables, VMASST_TYPE_pae_extended_cr3,
		VMASST_TYPE_runstate_update_flag, VMASST_TYPE_m2p_strict,
	};

	for (unsigned int i = 0; i < RT_ARRAY_SIZE(types); i++) {
		long rc = hc_vm_assist(VMASST_CMD_enable, types[i]);

		CHECK(rc == 0, "vm_assist(enable, %u): %s", types[i], rt_errname(rc));
		rc = hc_vm_assist(VMASST_CMD_disable, types[i]);
		CHECK(rc == 0, "vm_assist(disable, %u): %s", types[i], rt_errname(rc));
	}
	CHECK_RC(hc_vm_assist(VMASST_CMD_enable, 6), -XEN_EINVAL, "vm_assist(enable, type 6)");
	CHECK_RC(hc_vm_assist(VMASST_CMD_enable, 64), -XEN_EINVAL, "vm_assist(enable, type 64)");
	CHECK_RC(hc_vm_assist(2, VMASST_TYPE_writable_pagetables), -XEN_ENOSYS,
		 "vm_assist(command 2)");
}

static void sched_op_basic(void)
{
	CHECK_RC(hc_sched_op(SCHEDOP_yield, NULL), 0, "SCHEDOP_yield");
	CHECK_RC(hc_sched_op(99, NULL), -XEN_ENOSYS, "sched_op 99");
	CHECK_RC(hc_sched_op(0x12345678, NULL), -XEN_ENOSYS, "sched_op 0x12345678");
}

static void vcpu_op_basic(void)
{
	struct vcpu_runstate_info ri;

	CHECK_RC(hc_vcpu_op(VCPUOP_is_up, 0, NULL), 1, "VCPUOP_is_up(0)");
	CHECK_RC(hc_vcpu_op(VCPUOP_is_up, 1, NULL), -XEN_ENOENT, "VCPUOP_is_up(1), dom0 has 1 vCPU");
	CHECK_RC(hc_vcpu_op(VCPUOP_is_up, 8191, NULL), -XEN_ENOENT, "VCPUOP_is_up(8191)");
	CHECK_RC(hc_vcpu_op(VCPUOP_get_runstate_info, 0, &ri), 0, "VCPUOP_get_runstate_info(0)");
	CHECK_RC(hc_vcpu_op(99, 0, NULL), -XEN_ENOSYS, "vcpu_op 99");
	CHECK_RC(hc_vcpu_op(99, 1, NULL), -XEN_ENOENT, "vcpu_op 99 on vCPU 1 (vCPU checked first)");
}

static void physdev_basic(void)
{
	struct physdev_set_iopl s = { .iopl = 4 };
	char buf[64] = { 0 };

	CHECK_RC(hc_physdev_op(PHYSDEVOP_set_iopl, &s), -XEN_EINVAL, "PHYSDEVOP_set_iopl(4)");
	s.iopl = 1;
	CHECK_RC(hc_physdev_op(PHYSDEVOP_set_iopl, &s), 0, "PHYSDEVOP_set_iopl(1)");
	s.iopl = 0;
	CHECK_RC(hc_physdev_op(PHYSDEVOP_set_iopl, &s), 0, "PHYSDEVOP_set_iopl(0)");
	CHECK_RC(hc_physdev_op(99, buf), -XEN_ENOSYS, "physdev_op 99");
}

static void port_io_needs_iopl(void)
{
	struct physdev_set_iopl s = { .iopl = 0 };
	struct rt_catch c;
	uint8_t v = 0xff;

	hc_physdev_op(PHYSDEVOP_set_iopl, &s);
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__(RT_MARK_AT "inb $0x71, %%al" RT_MARK_END
				     : "=a"(v) :: "r11", "memory");
		rt_catch_end();
		rt_fail("inb with virtual IOPL 0 did not trap");
	} else {
		rt_check_trap(&c.trap, X86_GP, 0, rt_at, "inb at IOPL 0");
	}
	s.iopl = 1;
	hc_physdev_op(PHYSDEVOP_set_iopl, &s);
	if (rt_catch(&c) == 0) {
		/* CMOS status register A: bits 4-6 are the divider, 010 on a PC. */
		rt_outb(0x70, 0x0a);
		v = rt_inb(0x71);
		rt_catch_end();
		CHECK_EQ(v & 0x70, 0x20, "CMOS register A divider bits read with IOPL 1");
	} else {
		rt_fail("port I/O with virtual IOPL 1 trapped: vector %u", c.trap.vector);
	}
	s.iopl = 0;
	hc_physdev_op(PHYSDEVOP_set_iopl, &s);
}

static void grant_table(void)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	struct gnttab_setup_table st;
	xen_pfn_t frames[4] = { 0 };
	long rc;

	rc = hc_grant_table_op(GNTTABOP_query_size, &q, 1);
	CHECK_RC(rc, 0, "GNTTABOP_query_size(DOMID_SELF)");
	CHECK_EQ(q.status, GNTST_okay, "query_size status");
	rt_info("grant table: %u frames, max %u", q.nr_frames, q.max_nr_frames);
	CHECK(q.max_nr_frames >= 4, "max_nr_frames %u", q.max_nr_frames);
	memset(&st, 0, sizeof(st));
	st.dom = DOMID_SELF;
	st.nr_frames = 2;
	st.frame_list = frames;
	rc = hc_grant_table_op(GNTTABOP_setup_table, &st, 1);
	CHECK_RC(rc, 0, "GNTTABOP_setup_table(2 frames)");
	CHECK_EQ(st.status, GNTST_okay, "setup_table status");
	CHECK(frames[0] && frames[1] && frames[0] != frames[1], "frames %#lx %#lx", frames[0],
	      frames[1]);
	/* The frames are the hypervisor's, shared with us: mappable read-write. */
	{
		char *va = rt_alloc_page();
		uint64_t ma;

		REQUIRE(rt_pte_lookup((unsigned long)va, 1, &ma), "no L1");
		rc = rt_mmu_update1(ma, (frames[0] << 12) | PTE_KERNEL);
		CHECK_RC(rc, 0, "mapping grant frame 0 writable");
		if (rc == 0) {
			rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)va, 0);
			CHECK_EQ(*(volatile uint32_t *)va, 0, "grant entry 0 of a fresh table");
			rt_mmu_update1(ma, (rt_virt_to_mfn(va) << 12) | PTE_KERNEL);
			rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)va, 0);
		}
	}
	rc = hc_grant_table_op(GNTTABOP_query_size, &q, 1);
	CHECK(q.nr_frames >= 2, "nr_frames %u after setting up 2", q.nr_frames);
	st.nr_frames = q.max_nr_frames + 1;
	rc = hc_grant_table_op(GNTTABOP_setup_table, &st, 1);
	CHECK_RC(rc, 0, "setup_table beyond the maximum (hypercall result)");
	CHECK((int16_t)st.status == GNTST_general_error, "setup_table beyond the maximum: status %d",
	      (int16_t)st.status);
	q.dom = 7;
	rc = hc_grant_table_op(GNTTABOP_query_size, &q, 1);
	CHECK_RC(rc, 0, "query_size(domain 7) hypercall result");
	CHECK((int16_t)q.status == GNTST_bad_domain, "query_size(domain 7) status %d", (int16_t)q.status);
	CHECK_RC(hc_grant_table_op(99, &q, 1), -XEN_ENOSYS, "grant_table_op 99");
	/* query_size takes exactly one argument structure. */
	CHECK_RC(hc_grant_table_op(GNTTABOP_query_size, &q, 0), -XEN_EINVAL, "query_size with count 0");
	CHECK_RC(hc_grant_table_op(GNTTABOP_query_size, &q, 2), -XEN_EINVAL, "query_size with count 2");
}

static volatile unsigned long watched;

static void debug_registers(void)
{
	struct rt_catch c;
	long rc;

	rc = hc_set_debugreg(0, (unsigned long)&watched);
	CHECK_RC(rc, 0, "set_debugreg(0, &var)");
	CHECK_EQ(hc_get_debugreg(0), (unsigned long)&watched, "get_debugreg(0)");
	CHECK_RC(hc_set_debugreg(1, 0xffff830000000000UL), -XEN_EPERM,
		 "set_debugreg(1, hypervisor address)");
	CHECK_RC(hc_set_debugreg(7, 0x2000), -XEN_EPERM, "set_debugreg(7, GD)");
	CHECK_RC(hc_set_debugreg(6, 0x100000000UL), -XEN_EINVAL, "set_debugreg(6, upper bits)");
	CHECK_RC(hc_set_debugreg(8, 0), -XEN_ENODEV, "set_debugreg(8)");
	CHECK_RC(hc_get_debugreg(8), -XEN_ENODEV, "get_debugreg(8)");
	hc_set_debugreg(6, 0xffff0ff0UL);
	/* L0, RW0 = write, LEN0 = 8 bytes: a data write breakpoint on 'watched'. */
	rc = hc_set_debugreg(7, 1 | (1 << 16) | (2 << 18));
	CHECK_RC(rc, 0, "set_debugreg(7, write watchpoint)");
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__(RT_MARK_AT "movq $5, watched(%%rip)" RT_MARK_END
				     ::: "r11", "memory");
		rt_catch_end();
		rt_fail("write to a watched variable did not raise #DB");
	} else {
		rt_check_trap(&c.trap, X86_DB, 0, rt_after, "data breakpoint (trap after the write)");
		CHECK(hc_get_debugreg(6) & 1, "DR6 %#lx: B0 clear", hc_get_debugreg(6));
		CHECK_EQ(watched, 5, "the write completed");
	}
	hc_set_debugreg(7, 0);
	hc_set_debugreg(6, 0xffff0ff0UL);
	hc_set_debugreg(0, 0);
}

static void platform_op_version_checked(void)
{
	static struct xen_platform_op op;
	long rc;

	memset(&op, 0, sizeof(op));
	op.cmd = XENPF_settime64;
	op.interface_version = XENPF_INTERFACE_VERSION - 1;
	rc = HC1(__HYPERVISOR_platform_op, &op);
	CHECK_RC(rc, -XEN_EACCES, "platform_op with interface version 0x03000000");
	op.cmd = 9999;
	op.interface_version = XENPF_INTERFACE_VERSION;
	rc = HC1(__HYPERVISOR_platform_op, &op);
	CHECK_RC(rc, -XEN_ENOSYS, "platform_op command 9999");
}

/* XENPF_get_cpuinfo: CPU 0 (QEMU's only CPU: APIC ID 0, ACPI UID 0) is online; CPU 5 is not there. */
static void platform_get_cpuinfo(void)
{
	static struct xen_platform_op op;

	memset(&op, 0, sizeof(op));
	op.cmd = XENPF_get_cpuinfo;
	op.interface_version = XENPF_INTERFACE_VERSION;
	op.u.pcpu_info.xen_cpuid = 0;
	CHECK_RC(HC1(__HYPERVISOR_platform_op, &op), 0, "XENPF_get_cpuinfo(0)");
	CHECK_EQ(op.u.pcpu_info.flags, XEN_PCPU_FLAGS_ONLINE, "CPU 0 flags");
	CHECK_EQ(op.u.pcpu_info.max_present, 0, "max_present");
	CHECK_EQ(op.u.pcpu_info.apic_id, 0, "CPU 0 APIC ID");
	CHECK_EQ(op.u.pcpu_info.acpi_id, 0, "CPU 0 ACPI processor UID");
	op.u.pcpu_info.xen_cpuid = 5;
	CHECK_RC(HC1(__HYPERVISOR_platform_op, &op), 0, "XENPF_get_cpuinfo(5)");
	CHECK_EQ(op.u.pcpu_info.flags, XEN_PCPU_FLAGS_INVALID, "CPU 5 flags");
	CHECK_EQ(op.u.pcpu_info.max_present, 0, "max_present (CPU 5 asked)");
}

/* dom0 reporting PCI devices: added (twice is fine), removed, removed again (-ENODEV). */
static void pci_device_reports(void)
{
	struct physdev_pci_device_add add = { .seg = 0, .bus = 0, .devfn = 0xfe };
	struct physdev_pci_device dev = { .seg = 0, .bus = 0, .devfn = 0xfe };
	struct physdev_manage_pci m = { .bus = 0, .devfn = 0xfd };

	CHECK_RC(hc_physdev_op(PHYSDEVOP_pci_device_add, &add), 0, "pci_device_add(00:1f.6)");
	CHECK_RC(hc_physdev_op(PHYSDEVOP_pci_device_add, &add), 0, "pci_device_add(00:1f.6) again");
	CHECK_RC(hc_physdev_op(PHYSDEVOP_pci_device_remove, &dev), 0, "pci_device_remove(00:1f.6)");
	CHECK_RC(hc_physdev_op(PHYSDEVOP_pci_device_remove, &dev), -XEN_ENODEV,
		 "pci_device_remove(00:1f.6) again");
	CHECK_RC(hc_physdev_op(PHYSDEVOP_manage_pci_add, &m), 0, "manage_pci_add(00:1f.5)");
	CHECK_RC(hc_physdev_op(PHYSDEVOP_manage_pci_remove, &m), 0, "manage_pci_remove(00:1f.5)");
	CHECK_RC(hc_physdev_op(PHYSDEVOP_manage_pci_remove, &m), -XEN_ENODEV,
		 "manage_pci_remove(00:1f.5) again");
	CHECK_RC(hc_physdev_op(PHYSDEVOP_pci_device_add, (void *)8), -XEN_EFAULT,
		 "pci_device_add(unmapped argument)");
}

static void unknown_hypercalls(void)
{
	static const unsigned long nrs[] = { 11, 43, 47, 56, 63, 64, 1000, 0x80000000UL };

	for (unsigned int i = 0; i < RT_ARRAY_SIZE(nrs); i++) {
		long rc = rt_hypercall(nrs[i], 0, 0, 0, 0, 0);

		CHECK(rc == -XEN_ENOSYS, "hypercall %lu: %s, expected -ENOSYS", nrs[i], rt_errname(rc));
	}
}

volatile unsigned long misc_callee_out[6];

static void callee_saved_preserved(void)
{
	__asm__ __volatile__("push %%rbp\n\t"
			     "mov $0x1b, %%rbx\n\tmov $0x2b, %%rbp\n\tmov $0x3b, %%r12\n\t"
			     "mov $0x4b, %%r13\n\tmov $0x5b, %%r14\n\tmov $0x6b, %%r15\n\t"
			     "mov $17, %%eax\n\txor %%edi, %%edi\n\txor %%esi, %%esi\n\tsyscall\n\t"
			     "mov %%rbx, misc_callee_out+0(%%rip)\n\tmov %%rbp, misc_callee_out+8(%%rip)\n\t"
			     "mov %%r12, misc_callee_out+16(%%rip)\n\tmov %%r13, misc_callee_out+24(%%rip)\n\t"
			     "mov %%r14, misc_callee_out+32(%%rip)\n\tmov %%r15, misc_callee_out+40(%%rip)\n\t"
			     "pop %%rbp"
			     ::: "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
			       "r12", "r13", "r14", "r15", "memory");
	for (unsigned int i = 0; i < 6; i++)
		CHECK(misc_callee_out[i] == 0x1b + 0x10 * i,
		      "callee-saved register %u changed by a hypercall: %#lx", i, misc_callee_out[i]);
}

static void int82_is_not_a_hypercall(void)
{
	struct rt_catch c;
	trap_info_t t[2];
	unsigned long err;

	/*
	 * INT $0x82 is the 32-bit PV hypercall gate; a 64-bit PV guest gets #GP with the
	 * software-interrupt error code (0x82 << 3) | 2. Vector 4's DPL is set to 0 for the
	 * test: under QEMU < 8.0 the error code is (0x82 << 4) | 2 and Xen, decoding the
	 * vector from it, would otherwise deliver it as INT $4.
	 */
	memset(t, 0, sizeof(t));
	t[0].vector = X86_OF;
	t[0].flags = 4;
	t[0].cs = FLAT_KERNEL_CS;
	t[0].address = rt_trap_stub(X86_OF);
	REQUIRE_RC(hc_set_trap_table(t), 0, "set_trap_table(vector 4, DPL 0)");
	if (rt_catch(&c) == 0) {
		__asm__ __volatile__("mov $17, %%eax\n\txor %%edi, %%edi\n\t"
				     RT_MARK_AT "int $0x82" RT_MARK_END
				     ::: "rax", "rdi", "r11", "memory");
		rt_catch_end();
		rt_fail("int $0x82 did not trap (treated as a hypercall?)");
	} else if (rt_check_trap(&c.trap, X86_GP, ~0UL, rt_at, "int $0x82")) {
		err = c.trap.error_code;
		if (err == 0x822)
			rt_info("error code 0x822 = (0x82 << 4) | 2, the QEMU < 8.0 TCG form");
		else
			CHECK_EQ(err, 0x412, "#GP error code for int $0x82");
		CHECK_EQ(c.trap.rax, 17, "RAX untouched (no hypercall ran)");
	}
	rt_install_traps();
}

static void register_vcpu_info(void)
{
	char *page = rt_alloc_page();
	struct vcpu_register_vcpu_info info = { .mfn = rt_virt_to_mfn(page), .offset = 0 };
	vcpu_info_t *nv = (vcpu_info_t *)(page + 128);
	evtchn_port_t p;
	unsigned long before;
	long rc;

	info.offset = 4040;
	CHECK_RC(hc_vcpu_op(VCPUOP_register_vcpu_info, 0, &info), -XEN_ENXIO,
		 "register_vcpu_info crossing the page end (offset 4040)");
	info.offset = 132;
	CHECK_RC(hc_vcpu_op(VCPUOP_register_vcpu_info, 0, &info), -XEN_ENXIO,
		 "register_vcpu_info at a misaligned offset (132)");
	CHECK_RC(hc_vcpu_op(VCPUOP_register_vcpu_info, 1, &info), -XEN_ENOENT,
		 "register_vcpu_info for vCPU 1");
	info.offset = 128;
	rt_irq_disable();
	rc = hc_vcpu_op(VCPUOP_register_vcpu_info, 0, &info);
	REQUIRE_RC(rc, 0, "VCPUOP_register_vcpu_info(page, offset 128)");
	rt_vcpu_info = nv;
	CHECK_EQ(nv->evtchn_upcall_mask, 1, "mask copied into the new vcpu_info");
	CHECK_EQ(nv->evtchn_upcall_pending, 1, "upcall_pending set after registration");
	CHECK_EQ(nv->evtchn_pending_sel, ~0UL, "every selector bit set after registration");
	CHECK(nv->time.tsc_to_system_mul != 0 && nv->time.version != 0,
	      "time info in the new vcpu_info not written (version %u)", nv->time.version);
	/* Events arrive through the new location. */
	REQUIRE_RC(rt_evtchn_bind_ipi(0, &p), 0, "bind_ipi");
	rt_irq_enable();
	before = rt_evt_count[p];
	rt_evtchn_send(p);
	CHECK_EQ(rt_evt_count[p] - before, 1, "IPI delivered after moving vcpu_info");
	rt_irq_disable();
	CHECK(rt_system_time() > 0, "system time through the new vcpu_info");
	info.offset = 256;
	CHECK_RC(hc_vcpu_op(VCPUOP_register_vcpu_info, 0, &info), -XEN_EINVAL,
		 "second VCPUOP_register_vcpu_info");
	rt_evtchn_close(p);
}

static const struct rt_case cases[] = {
	RT_CASE(vm_assist),
	RT_CASE(sched_op_basic),
	RT_CASE(vcpu_op_basic),
	RT_CASE(physdev_basic),
	RT_CASE(port_io_needs_iopl),
	RT_CASE(grant_table),
	RT_CASE(debug_registers),
	RT_CASE(platform_op_version_checked),
	RT_CASE(platform_get_cpuinfo),
	RT_CASE(pci_device_reports),
	RT_CASE(unknown_hypercalls),
	RT_CASE(callee_saved_preserved),
	RT_CASE(int82_is_not_a_hypercall),
	RT_CASE(register_vcpu_info),
};
RT_SUITE("misc", cases, NULL);
