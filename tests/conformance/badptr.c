/*
 * badptr.c - hypercalls given bad guest pointers (unmapped, hypervisor area,
 * non-canonical, read-only for outputs) must fail with -EFAULT, never crash anything.
 */
#include "rt.h"

static const unsigned long bad[] = {
	0x1000UL,			/* unmapped, user half */
	0xffff830000000000UL,		/* hypervisor area */
	0x8000000000000000UL,		/* non-canonical */
	0xffffffffc0000000UL,		/* unmapped, kernel half */
};
static const char *const bad_name[] = {
	"unmapped 0x1000", "hypervisor area", "non-canonical", "unmapped kernel VA",
};

static char *ro_page;

static void setup(void)
{
	ro_page = rt_alloc_page();
	if (rt_set_page_rw(ro_page, false))
		rt_printf("badptr: could not make the read-only page\n");
}

#define FOR_BAD(i) for (unsigned int i = 0; i < RT_ARRAY_SIZE(bad); i++)

static void set_trap_table(void)
{
	FOR_BAD(i) {
		long rc = hc_set_trap_table(bad[i]);

		CHECK(rc == -XEN_EFAULT, "set_trap_table(%s): %s", bad_name[i], rt_errname(rc));
	}
	/* The runtime's table must be intact: a ud2 still reaches its handler. */
	{
		struct rt_catch c;

		if (rt_catch(&c) == 0) {
			__asm__ __volatile__("ud2");
			rt_catch_end();
		}
		CHECK_EQ(c.trap.vector, X86_UD, "vector of ud2 after the refused updates");
	}
}

static void mmu_update_and_mmuext(void)
{
	FOR_BAD(i) {
		long rc = hc_mmu_update(bad[i], 1, NULL, DOMID_SELF);

		CHECK(rc == -XEN_EFAULT, "mmu_update(%s): %s", bad_name[i], rt_errname(rc));
		rc = hc_mmuext_op(bad[i], 1, NULL, DOMID_SELF);
		CHECK(rc == -XEN_EFAULT, "mmuext_op(%s): %s", bad_name[i], rt_errname(rc));
	}
}

static void multicall(void)
{
	FOR_BAD(i) {
		long rc = hc_multicall(bad[i], 1);

		CHECK(rc == -XEN_EFAULT, "multicall(%s): %s", bad_name[i], rt_errname(rc));
	}
}

static void memory_op(void)
{
	FOR_BAD(i) {
		long rc = hc_memory_op(XENMEM_current_reservation, bad[i]);

		CHECK(rc == -XEN_EFAULT, "XENMEM_current_reservation(%s): %s", bad_name[i],
		      rt_errname(rc));
		rc = hc_memory_op(XENMEM_machphys_mapping, bad[i]);
		CHECK(rc == -XEN_EFAULT, "XENMEM_machphys_mapping(%s): %s", bad_name[i],
		      rt_errname(rc));
	}
	CHECK_RC(hc_memory_op(XENMEM_machphys_mapping, ro_page), -XEN_EFAULT,
		 "XENMEM_machphys_mapping into a read-only page");
}

static void event_channel_op(void)
{
	struct evtchn_status *st = (struct evtchn_status *)ro_page;

	FOR_BAD(i) {
		long rc = hc_event_channel_op(EVTCHNOP_send, bad[i]);

		CHECK(rc == -XEN_EFAULT, "EVTCHNOP_send(%s): %s", bad_name[i], rt_errname(rc));
		rc = hc_event_channel_op(EVTCHNOP_status, bad[i]);
		CHECK(rc == -XEN_EFAULT, "EVTCHNOP_status(%s): %s", bad_name[i], rt_errname(rc));
	}
	/* Readable input, unwritable output: the result cannot be returned. */
	(void)st;
	CHECK_RC(hc_event_channel_op(EVTCHNOP_status, ro_page), -XEN_EFAULT,
		 "EVTCHNOP_status with its argument in a read-only page");
}

static void vcpu_and_sched_op(void)
{
	FOR_BAD(i) {
		long rc = hc_vcpu_op(VCPUOP_get_runstate_info, 0, bad[i]);

		CHECK(rc == -XEN_EFAULT, "VCPUOP_get_runstate_info(%s): %s", bad_name[i],
		      rt_errname(rc));
		rc = hc_vcpu_op(VCPUOP_set_singleshot_timer, 0, bad[i]);
		CHECK(rc == -XEN_EFAULT, "VCPUOP_set_singleshot_timer(%s): %s", bad_name[i],
		      rt_errname(rc));
		rc = hc_sched_op(SCHEDOP_poll, bad[i]);
		CHECK(rc == -XEN_EFAULT, "SCHEDOP_poll(%s): %s", bad_name[i], rt_errname(rc));
	}
	CHECK_RC(hc_vcpu_op(VCPUOP_get_runstate_info, 0, ro_page), -XEN_EFAULT,
		 "VCPUOP_get_runstate_info into a read-only page");
}

static void poll_ports_pointer(void)
{
	struct sched_poll sp = { .nr_ports = 1, .timeout = 0 };

	sp.ports = (evtchn_port_t *)0xffff830000000000UL;
	CHECK_RC(hc_sched_op(SCHEDOP_poll, &sp), -XEN_EFAULT, "SCHEDOP_poll, ports in the hypervisor area");
}

static void misc_ops(void)
{
	FOR_BAD(i) {
		long rc = hc_callback_op(CALLBACKOP_register, bad[i]);

		CHECK(rc == -XEN_EFAULT, "CALLBACKOP_register(%s): %s", bad_name[i], rt_errname(rc));
		rc = hc_physdev_op(PHYSDEVOP_set_iopl, bad[i]);
		CHECK(rc == -XEN_EFAULT, "PHYSDEVOP_set_iopl(%s): %s", bad_name[i], rt_errname(rc));
		rc = hc_grant_table_op(GNTTABOP_query_size, bad[i], 1);
		CHECK(rc == -XEN_EFAULT, "GNTTABOP_query_size(%s): %s", bad_name[i], rt_errname(rc));
		rc = hc_xen_version(XENVER_get_features, bad[i]);
		CHECK(rc == -XEN_EFAULT, "XENVER_get_features(%s): %s", bad_name[i], rt_errname(rc));
		rc = hc_set_gdt(bad[i], 16);
		CHECK(rc == -XEN_EFAULT, "set_gdt(frame list %s): %s", bad_name[i], rt_errname(rc));
		rc = hc_console_io(CONSOLEIO_write, 8, bad[i]);
		CHECK(rc == -XEN_EFAULT, "CONSOLEIO_write(%s): %s", bad_name[i], rt_errname(rc));
	}
	CHECK_RC(hc_xen_version(XENVER_extraversion, ro_page), -XEN_EFAULT,
		 "XENVER_extraversion into a read-only page");
}

static void flush_bitmap_pointers(void)
{
	char *page = rt_alloc_page();
	struct mmuext_op op;
	long rc;

	/* update_va_mapping takes the vCPU bitmap pointer in the flag bits above bit 2. */
	rc = hc_update_va_mapping(page, (rt_virt_to_mfn(page) << 12) | PTE_KERNEL,
				  0x1000UL | UVMF_INVLPG);
	CHECK_RC(rc, -XEN_EFAULT, "update_va_mapping with an unmapped vCPU bitmap");
	CHECK_EQ(*(volatile char *)page, 0, "page usable after that");
	/* mmuext_op reports a bad vCPU bitmap as -EINVAL. */
	memset(&op, 0, sizeof(op));
	op.cmd = MMUEXT_TLB_FLUSH_MULTI;
	op.arg2.vcpumask = (void *)0x1000;
	rc = hc_mmuext_op(&op, 1, NULL, DOMID_SELF);
	CHECK_RC(rc, -XEN_EINVAL, "MMUEXT_TLB_FLUSH_MULTI with an unmapped vCPU bitmap");
}

static void runstate_area_pointer(void)
{
	struct vcpu_register_runstate_memory_area reg;
	long rc;

	/* Only the address range is checked at registration; updates to it fail quietly. */
	reg.addr.p = 0xffff830000000000UL;
	rc = hc_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &reg);
	CHECK_RC(rc, -XEN_EFAULT, "runstate area in the hypervisor area");
	reg.addr.p = 0x1000;
	rc = hc_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &reg);
	CHECK_RC(rc, 0, "runstate area at unmapped (guest-range) 0x1000");
	hc_sched_op(SCHEDOP_yield, NULL);
	reg.addr.p = 0;
	rc = hc_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &reg);
	CHECK_RC(rc, 0, "unregistering (NULL)");
}

static void still_alive(void)
{
	uint32_t r[4];

	/* After all of the above, the hypervisor and this domain are fine. */
	CHECK(hc_xen_version(XENVER_version, NULL) > 0, "xen_version failed");
	rt_cpuid_pv(XEN_CPUID_LEAF(0), 0, r);
	CHECK_EQ(r[1], XEN_CPUID_SIGNATURE_EBX, "CPUID signature");
}

static const struct rt_case cases[] = {
	RT_CASE(set_trap_table),
	RT_CASE(mmu_update_and_mmuext),
	RT_CASE(multicall),
	RT_CASE(memory_op),
	RT_CASE(event_channel_op),
	RT_CASE(vcpu_and_sched_op),
	RT_CASE(poll_ports_pointer),
	RT_CASE(misc_ops),
	RT_CASE(flush_bitmap_pointers),
	RT_CASE(runstate_area_pointer),
	RT_CASE(still_alive),
};
RT_SUITE("badptr", cases, setup);
