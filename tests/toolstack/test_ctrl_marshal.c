/*
 * test_ctrl_marshal.c - libctrl's request builders (toolstack/libctrl/marshal.c): every field
 * that goes to the hypervisor, the interface versions, and the UUID text form.
 */
#include <errno.h>
#include <string.h>

#include "libctrl/ctrl.h"
#include "libctrl/marshal.h"

#include "unit.h"

START_TEST(domctl_prepare_stamps_version_and_clears)
{
	struct xen_domctl op;

	memset(&op, 0xaa, sizeof(op));
	ctrl_domctl_prepare(&op, XEN_DOMCTL_pausedomain, 7);
	ck_assert_uint_eq(op.cmd, XEN_DOMCTL_pausedomain);
	ck_assert_uint_eq(op.interface_version, 0x15);
	ck_assert_uint_eq(op.domain, 7);
	for (size_t i = 0; i < sizeof(op.u.pad); i++)
		ck_assert_uint_eq(op.u.pad[i], 0);
}
END_TEST

START_TEST(sysctl_prepare_stamps_version)
{
	struct xen_sysctl op;

	memset(&op, 0x55, sizeof(op));
	ctrl_sysctl_prepare(&op, XEN_SYSCTL_physinfo);
	ck_assert_uint_eq(op.cmd, XEN_SYSCTL_physinfo);
	ck_assert_uint_eq(op.interface_version, XEN_SYSCTL_INTERFACE_VERSION);
	ck_assert_uint_eq(op.u.physinfo.nr_cpus, 0);
}
END_TEST

START_TEST(createdomain_pv_defaults)
{
	struct xen_domctl_createdomain cfg;

	memset(&cfg, 0xff, sizeof(cfg));
	ctrl_createdomain_pv(&cfg, 2);
	ck_assert_uint_eq(cfg.max_vcpus, 2);
	ck_assert_uint_eq(cfg.flags, 0); /* PV: neither hvm nor hap */
	ck_assert_uint_eq(cfg.max_evtchn_port, 1023);
	ck_assert_int_eq(cfg.max_grant_frames, -1);
	ck_assert_int_eq(cfg.max_maptrack_frames, -1);
	ck_assert_uint_eq(cfg.grant_opts, XEN_DOMCTL_GRANT_version(1));
	ck_assert_uint_eq(cfg.arch.emulation_flags, 0);
	ck_assert_uint_eq(cfg.iommu_opts | cfg.ssidref | cfg.cpupool_id | cfg.vmtrace_size, 0);
	ck_assert_uint_eq(cfg.handle[0] | cfg.handle[15], 0);
}
END_TEST

START_TEST(reservation_fields)
{
	struct xen_memory_reservation r;
	xen_pfn_t frames[3];

	ctrl_reservation_prepare(&r, 9, frames, 3, 9, XENMEMF_address_bits(32));
	ck_assert_ptr_eq(r.extent_start, frames);
	ck_assert_uint_eq(r.nr_extents, 3);
	ck_assert_uint_eq(r.extent_order, 9);
	ck_assert_uint_eq(r.mem_flags, 32);
	ck_assert_uint_eq(r.domid, 9);
}
END_TEST

START_TEST(readconsole_flags)
{
	struct xen_sysctl op;
	char buf[8];

	ctrl_readconsole_prepare(&op, buf, sizeof(buf), 1234, 0);
	ck_assert_uint_eq(op.cmd, XEN_SYSCTL_readconsole);
	ck_assert_ptr_eq(op.u.readconsole.buffer, buf);
	ck_assert_uint_eq(op.u.readconsole.count, 8);
	ck_assert_uint_eq(op.u.readconsole.clear, 0);
	/* Without INCREMENTAL the index is not sent: Xen starts at the oldest byte. */
	ck_assert_uint_eq(op.u.readconsole.incremental, 0);
	ck_assert_uint_eq(op.u.readconsole.index, 0);

	ctrl_readconsole_prepare(&op, buf, sizeof(buf), 1234,
				 CTRL_CONSOLE_CLEAR | CTRL_CONSOLE_INCREMENTAL);
	ck_assert_uint_eq(op.u.readconsole.clear, 1);
	ck_assert_uint_eq(op.u.readconsole.incremental, 1);
	ck_assert_uint_eq(op.u.readconsole.index, 1234);
}
END_TEST

START_TEST(vcpuaffinity_selects_maps)
{
	struct xen_domctl op;
	uint8_t hard[2], soft[2];

	ctrl_vcpuaffinity_prepare(&op, XEN_DOMCTL_setvcpuaffinity, 3, 1, hard, NULL, 12);
	ck_assert_uint_eq(op.cmd, XEN_DOMCTL_setvcpuaffinity);
	ck_assert_uint_eq(op.u.vcpuaffinity.vcpu, 1);
	ck_assert_uint_eq(op.u.vcpuaffinity.flags, XEN_VCPUAFFINITY_HARD);
	ck_assert_ptr_eq(op.u.vcpuaffinity.cpumap_hard.bitmap, hard);
	ck_assert_uint_eq(op.u.vcpuaffinity.cpumap_hard.nr_bits, 12);
	ck_assert_ptr_null(op.u.vcpuaffinity.cpumap_soft.bitmap);

	ctrl_vcpuaffinity_prepare(&op, XEN_DOMCTL_getvcpuaffinity, 3, 0, hard, soft, 12);
	ck_assert_uint_eq(op.u.vcpuaffinity.flags, XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT);
	ck_assert_ptr_eq(op.u.vcpuaffinity.cpumap_soft.bitmap, soft);
	ck_assert_uint_eq(op.u.vcpuaffinity.cpumap_soft.nr_bits, 12);
}
END_TEST

START_TEST(bitmap_bytes_round_up)
{
	ck_assert_uint_eq(ctrl_bitmap_bytes(1), 1);
	ck_assert_uint_eq(ctrl_bitmap_bytes(8), 1);
	ck_assert_uint_eq(ctrl_bitmap_bytes(9), 2);
	ck_assert_uint_eq(ctrl_bitmap_bytes(4096), 512);
}
END_TEST

START_TEST(sched_credit_only_weight_cap_schedulers)
{
	struct xen_domctl op;
	struct xen_domctl_sched_credit p = { .weight = 512, .cap = 50 };

	ck_assert_int_eq(ctrl_sched_credit_prepare(&op, 4, XEN_SCHEDULER_CREDIT2,
						   XEN_DOMCTL_SCHEDOP_putinfo, &p), 0);
	ck_assert_uint_eq(op.cmd, XEN_DOMCTL_scheduler_op);
	ck_assert_uint_eq(op.domain, 4);
	ck_assert_uint_eq(op.u.scheduler_op.sched_id, XEN_SCHEDULER_CREDIT2);
	ck_assert_uint_eq(op.u.scheduler_op.cmd, XEN_DOMCTL_SCHEDOP_putinfo);
	ck_assert_uint_eq(op.u.scheduler_op.u.credit2.weight, 512);
	ck_assert_uint_eq(op.u.scheduler_op.u.credit2.cap, 50);

	ck_assert_int_eq(ctrl_sched_credit_prepare(&op, 4, XEN_SCHEDULER_CREDIT,
						   XEN_DOMCTL_SCHEDOP_getinfo, NULL), 0);
	ck_assert_uint_eq(op.u.scheduler_op.u.credit.weight, 0);

	errno = 0;
	ck_assert_int_eq(ctrl_sched_credit_prepare(&op, 4, XEN_SCHEDULER_RTDS,
						   XEN_DOMCTL_SCHEDOP_getinfo, NULL), -1);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(mmu_requests)
{
	struct mmu_update u = ctrl_mmu_machphys(0x1234, 0x56);
	struct mmuext_op op;

	ck_assert_uint_eq(u.ptr, 0x1234000 | MMU_MACHPHYS_UPDATE);
	ck_assert_uint_eq(u.val, 0x56);
	u = ctrl_mmu_pt(0xabc008, 0x1234067);
	ck_assert_uint_eq(u.ptr, 0xabc008);
	ck_assert_uint_eq(u.ptr & 3, MMU_NORMAL_PT_UPDATE);
	ck_assert_uint_eq(u.val, 0x1234067);

	ck_assert_int_eq(ctrl_mmuext_pin(&op, 4, 0x99), 0);
	ck_assert_uint_eq(op.cmd, MMUEXT_PIN_L4_TABLE);
	ck_assert_uint_eq(op.arg1.mfn, 0x99);
	ck_assert_int_eq(ctrl_mmuext_pin(&op, 1, 0x98), 0);
	ck_assert_uint_eq(op.cmd, MMUEXT_PIN_L1_TABLE);
	errno = 0;
	ck_assert_int_eq(ctrl_mmuext_pin(&op, 5, 0x99), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(ctrl_mmuext_pin(&op, 0, 0x99), -1);

	op = ctrl_mmuext_unpin(0x77);
	ck_assert_uint_eq(op.cmd, MMUEXT_UNPIN_TABLE);
	ck_assert_uint_eq(op.arg1.mfn, 0x77);
}
END_TEST

START_TEST(uuid_round_trip)
{
	xen_domain_handle_t h, back;
	char text[CTRL_UUID_STRLEN + 1];

	for (unsigned int i = 0; i < 16; i++)
		h[i] = (uint8_t)(i * 17);
	ctrl_uuid_format(h, text);
	ck_assert_str_eq(text, "00112233-4455-6677-8899-aabbccddeeff");
	ck_assert_int_eq(ctrl_uuid_parse("00112233-4455-6677-8899-AABBCCDDEEFF", back), 0);
	ck_assert_mem_eq(h, back, sizeof(h));
}
END_TEST

START_TEST(uuid_parse_refusals)
{
	static const char *const bad[] = {
		"",
		"00112233-4455-6677-8899-aabbccddeef",	 /* short */
		"00112233-4455-6677-8899-aabbccddeeff0", /* long */
		"00112233x4455-6677-8899-aabbccddeeff",	 /* dash */
		"0011223g-4455-6677-8899-aabbccddeeff",	 /* digit */
		"001122334-455-6677-8899-aabbccddeeff",	 /* dash moved */
	};
	xen_domain_handle_t h;

	memset(h, 0x42, sizeof(h));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		ck_assert_int_eq(ctrl_uuid_parse(bad[i], h), -1);
		ck_assert_int_eq(errno, EINVAL);
	}
	ck_assert_uint_eq(h[0], 0x42); /* untouched */
}
END_TEST

Suite *ctrl_marshal_suite(void)
{
	Suite *s = suite_create("ctrl_marshal");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, domctl_prepare_stamps_version_and_clears);
	tcase_add_test(tc, sysctl_prepare_stamps_version);
	tcase_add_test(tc, createdomain_pv_defaults);
	tcase_add_test(tc, reservation_fields);
	tcase_add_test(tc, readconsole_flags);
	tcase_add_test(tc, vcpuaffinity_selects_maps);
	tcase_add_test(tc, bitmap_bytes_round_up);
	tcase_add_test(tc, sched_credit_only_weight_cap_schedulers);
	tcase_add_test(tc, mmu_requests);
	tcase_add_test(tc, uuid_round_trip);
	tcase_add_test(tc, uuid_parse_refusals);
	suite_add_tcase(s, tc);
	return s;
}
