/*
 * test_ctrl_dominfo.c - decoding getdomaininfo and the printed forms of libctrl/dominfo.c,
 * against what Xen 4.17's xl prints for the same report.
 */
#include <string.h>

#include <xen/sched.h>
#include <xen/sysctl.h>

#include "libctrl/dominfo.h"

#include "unit.h"

/* A report as Xen writes it: no shutdown code yet is ~0 in bits 23:16 (and above). */
static struct xen_domctl_getdomaininfo raw(uint32_t flags)
{
	struct xen_domctl_getdomaininfo r;

	memset(&r, 0, sizeof(r));
	r.domain = 5;
	r.flags = flags;
	r.tot_pages = 131072;
	r.max_pages = 262144;
	r.outstanding_pages = 256;
	r.cpu_time = 12345678901ULL;
	r.nr_online_vcpus = 2;
	r.max_vcpu_id = 3;
	r.handle[3] = 0x33;
	return r;
}

#define NO_REASON 0xffff0000U

START_TEST(decode_running_domain)
{
	struct xen_domctl_getdomaininfo r = raw(XEN_DOMINF_running | NO_REASON);
	struct ctrl_dominfo d;
	char state[CTRL_STATE_LEN + 1];

	ctrl_dominfo_decode(&r, &d);
	ck_assert_uint_eq(d.domid, 5);
	ck_assert(d.running && !d.blocked && !d.paused && !d.shutdown && !d.dying);
	ck_assert_uint_eq(d.shutdown_reason, 0); /* the ~0 bits are not a reason */
	ck_assert_uint_eq(d.mem_kib, 524288);
	ck_assert_uint_eq(d.max_mem_kib, 1048576);
	ck_assert_uint_eq(d.outstanding_kib, 1024);
	ck_assert_uint_eq(d.vcpus_online, 2);
	ck_assert_uint_eq(d.nr_vcpus, 4);
	ck_assert_uint_eq(d.cpu_time_ns, 12345678901ULL);
	ck_assert_uint_eq(d.handle[3], 0x33);
	ctrl_dominfo_state(&d, state);
	ck_assert_str_eq(state, "r-----");
	ck_assert_str_eq(ctrl_dominfo_state_name(&d), "running");
	/* xl's Mem column: (current + outstanding) in MiB. */
	ck_assert_uint_eq(ctrl_dominfo_mem_mib(&d), 513);
}
END_TEST

START_TEST(decode_states)
{
	struct {
		uint32_t flags;
		const char *letters, *name;
	} cases[] = {
		{ XEN_DOMINF_blocked | NO_REASON, "-b----", "blocked" },
		{ XEN_DOMINF_paused | NO_REASON, "--p---", "paused" },
		{ XEN_DOMINF_paused | XEN_DOMINF_blocked | NO_REASON, "-bp---", "paused" },
		{ XEN_DOMINF_dying | NO_REASON, "-----d", "dying" },
		{ NO_REASON, "------", "idle" },
		{ XEN_DOMINF_shutdown | (SHUTDOWN_poweroff << 16), "---s--", "shutdown" },
		{ XEN_DOMINF_shutdown | (SHUTDOWN_reboot << 16), "---sr-", "shutdown" },
		{ XEN_DOMINF_shutdown | (SHUTDOWN_suspend << 16), "---ss-", "shutdown" },
		{ XEN_DOMINF_shutdown | (SHUTDOWN_crash << 16), "---sc-", "shutdown" },
		{ XEN_DOMINF_shutdown | (SHUTDOWN_watchdog << 16), "---sw-", "shutdown" },
		{ XEN_DOMINF_shutdown | (SHUTDOWN_soft_reset << 16), "---sS-", "shutdown" },
		{ XEN_DOMINF_shutdown | (9 << 16), "---s?-", "shutdown" },
		{ XEN_DOMINF_shutdown | XEN_DOMINF_dying | (SHUTDOWN_crash << 16), "---scd",
		  "dying" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct xen_domctl_getdomaininfo r = raw(cases[i].flags);
		struct ctrl_dominfo d;
		char state[CTRL_STATE_LEN + 1];

		ctrl_dominfo_decode(&r, &d);
		ctrl_dominfo_state(&d, state);
		ck_assert_msg(!strcmp(state, cases[i].letters), "flags %#x: %s, wanted %s",
			      cases[i].flags, state, cases[i].letters);
		ck_assert_str_eq(ctrl_dominfo_state_name(&d), cases[i].name);
	}
}
END_TEST

START_TEST(decode_without_vcpus)
{
	struct xen_domctl_getdomaininfo r = raw(XEN_DOMINF_paused | NO_REASON);
	struct ctrl_dominfo d;

	r.max_vcpu_id = XEN_INVALID_MAX_VCPU_ID;
	r.nr_online_vcpus = 0;
	ctrl_dominfo_decode(&r, &d);
	ck_assert_uint_eq(d.nr_vcpus, 0);
}
END_TEST

START_TEST(shutdown_reason_names)
{
	ck_assert_str_eq(ctrl_shutdown_reason_name(SHUTDOWN_poweroff), "poweroff");
	ck_assert_str_eq(ctrl_shutdown_reason_name(SHUTDOWN_crash), "crash");
	ck_assert_str_eq(ctrl_shutdown_reason_name(SHUTDOWN_soft_reset), "soft_reset");
	ck_assert_str_eq(ctrl_shutdown_reason_name(6), "unknown");
}
END_TEST

START_TEST(seconds_one_decimal)
{
	char buf[32];

	ctrl_format_seconds(buf, sizeof(buf), 0);
	ck_assert_str_eq(buf, "0.0");
	ctrl_format_seconds(buf, sizeof(buf), 12345678901ULL);
	ck_assert_str_eq(buf, "12.3");
	ctrl_format_seconds(buf, sizeof(buf), 49999999ULL);
	ck_assert_str_eq(buf, "0.0");
	ctrl_format_seconds(buf, sizeof(buf), 50000000ULL);
	ck_assert_str_eq(buf, "0.1");
	ctrl_format_seconds(buf, sizeof(buf), 999960000000ULL);
	ck_assert_str_eq(buf, "1000.0");
	/* A year of CPU time stays exact. */
	ctrl_format_seconds(buf, sizeof(buf), 31536000ULL * 1000000000ULL);
	ck_assert_str_eq(buf, "31536000.0");
}
END_TEST

START_TEST(uptime_like_xl)
{
	char buf[64];

	ctrl_format_uptime(buf, sizeof(buf), 0, false);
	ck_assert_str_eq(buf, " 0:00:00");
	ctrl_format_uptime(buf, sizeof(buf), 3725, false);
	ck_assert_str_eq(buf, " 1:02:05");
	ctrl_format_uptime(buf, sizeof(buf), 86400 + 36000 + 61, false);
	ck_assert_str_eq(buf, "1 day, 10:01:01");
	ctrl_format_uptime(buf, sizeof(buf), 3 * 86400 + 59, false);
	ck_assert_str_eq(buf, "3 days,  0:00:59");
	ctrl_format_uptime(buf, sizeof(buf), 3 * 86400 + 3600 + 120 + 7, true);
	ck_assert_str_eq(buf, "3 days,  1:02");
	ctrl_format_uptime(buf, sizeof(buf), 600, true);
	ck_assert_str_eq(buf, " 0:10");
}
END_TEST

START_TEST(cpumap_like_xl)
{
	char buf[64];
	uint8_t all[2] = { 0xff, 0x0f }, none[2] = { 0, 0 }, some[2] = { 0x2f, 0x09 };

	ctrl_format_cpumap(buf, sizeof(buf), all, 12);
	ck_assert_str_eq(buf, "all");
	ctrl_format_cpumap(buf, sizeof(buf), none, 12);
	ck_assert_str_eq(buf, "none");
	/* 0x2f: 0-3,5; 0x09 in the second byte: 8,11 */
	ck_assert_int_eq(ctrl_format_cpumap(buf, sizeof(buf), some, 12), 10);
	ck_assert_str_eq(buf, "0-3,5,8,11");
	/* Bits past nr_bits do not count: 0xff with 4 bits is all of them. */
	ctrl_format_cpumap(buf, sizeof(buf), all, 4);
	ck_assert_str_eq(buf, "all");
}
END_TEST

START_TEST(cpumap_truncates_safely)
{
	char buf[5];
	uint8_t some[2] = { 0x2f, 0x09 };

	ck_assert_int_eq(ctrl_format_cpumap(buf, sizeof(buf), some, 12), 10);
	ck_assert_str_eq(buf, "0-3,");
	ck_assert_int_eq(ctrl_format_cpumap(NULL, 0, some, 12), 10);
}
END_TEST

START_TEST(scheduler_names)
{
	ck_assert_str_eq(ctrl_scheduler_name(XEN_SCHEDULER_CREDIT), "credit");
	ck_assert_str_eq(ctrl_scheduler_name(XEN_SCHEDULER_CREDIT2), "credit2");
	ck_assert_str_eq(ctrl_scheduler_name(XEN_SCHEDULER_NULL), "null");
	ck_assert_ptr_null(ctrl_scheduler_name(4)); /* SEDF, gone */
}
END_TEST

START_TEST(virt_caps_like_xl)
{
	char buf[160];

	ctrl_format_virt_caps(buf, sizeof(buf),
			      XEN_SYSCTL_PHYSCAP_pv | XEN_SYSCTL_PHYSCAP_gnttab_v1);
	ck_assert_str_eq(buf, " pv gnttab-v1");
	/* Xen 4.17 under QEMU TCG: caps 0x30b. */
	ctrl_format_virt_caps(buf, sizeof(buf), 0x30b);
	ck_assert_str_eq(buf, " pv hvm hap gnttab-v1 gnttab-v2");
	ctrl_format_virt_caps(buf, sizeof(buf),
			      XEN_SYSCTL_PHYSCAP_pv | XEN_SYSCTL_PHYSCAP_hvm |
				      XEN_SYSCTL_PHYSCAP_directio);
	ck_assert_str_eq(buf, " pv hvm hvm_directio pv_directio");
	ctrl_format_virt_caps(buf, sizeof(buf), 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

Suite *ctrl_dominfo_suite(void)
{
	Suite *s = suite_create("ctrl_dominfo");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, decode_running_domain);
	tcase_add_test(tc, decode_states);
	tcase_add_test(tc, decode_without_vcpus);
	tcase_add_test(tc, shutdown_reason_names);
	tcase_add_test(tc, seconds_one_decimal);
	tcase_add_test(tc, uptime_like_xl);
	tcase_add_test(tc, cpumap_like_xl);
	tcase_add_test(tc, cpumap_truncates_safely);
	tcase_add_test(tc, scheduler_names);
	tcase_add_test(tc, virt_caps_like_xl);
	suite_add_tcase(s, tc);
	return s;
}
