/*
 * test_cli_monitor.c - the domain monitor's decisions (toolstack/cli/monitor_policy.c) and
 * mem-set's sizes (toolstack/cli/memsize.c).
 */
#include <string.h>

#include <xen/sched.h>

#include "cli/monitor.h"

#include "unit.h"

static struct domain_config cfg = {
	.name = "web",
	.on_poweroff = CFG_ACTION_DESTROY,
	.on_reboot = CFG_ACTION_RESTART,
	.on_crash = CFG_ACTION_PRESERVE,
	.on_watchdog = CFG_ACTION_RENAME_RESTART,
	.on_soft_reset = CFG_ACTION_SOFT_RESET,
};

static struct xen_domctl_getdomaininfo shut(domid_t domid, unsigned int reason)
{
	return (struct xen_domctl_getdomaininfo){
		.domain = domid,
		.flags = XEN_DOMINF_shutdown | (reason << XEN_DOMINF_shutdownshift),
	};
}

START_TEST(running_or_gone)
{
	struct xen_domctl_getdomaininfo info = {.domain = 3, .flags = XEN_DOMINF_running};
	struct cli_monitor_decision d;

	cli_monitor_decide(&cfg, 3, true, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_WAIT);
	info.flags = XEN_DOMINF_paused | XEN_DOMINF_blocked;
	cli_monitor_decide(&cfg, 3, true, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_WAIT);
	/* getdomaininfo answers for the next domain up when 3 is gone */
	info.domain = 4;
	cli_monitor_decide(&cfg, 3, true, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_GONE);
	cli_monitor_decide(&cfg, 3, false, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_GONE);
	/* destroyed by someone else, not yet freed */
	info = shut(3, SHUTDOWN_poweroff);
	info.flags |= XEN_DOMINF_dying;
	cli_monitor_decide(&cfg, 3, true, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_GONE);
}
END_TEST

START_TEST(reasons_pick_actions)
{
	struct cli_monitor_decision d;
	struct xen_domctl_getdomaininfo info = shut(5, SHUTDOWN_poweroff);

	cli_monitor_decide(&cfg, 5, true, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_DESTROY);
	ck_assert_uint_eq(d.reason, SHUTDOWN_poweroff);
	ck_assert_ptr_null(d.note);
	info = shut(5, SHUTDOWN_reboot);
	cli_monitor_decide(&cfg, 5, true, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_RESTART);
	ck_assert_int_eq(d.action, CFG_ACTION_RESTART);
	info = shut(5, SHUTDOWN_crash);
	cli_monitor_decide(&cfg, 5, true, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_PRESERVE);
	info = shut(5, SHUTDOWN_watchdog);
	cli_monitor_decide(&cfg, 5, true, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_RENAME_RESTART);
	/* suspend belongs to a save or migration: the monitor keeps waiting */
	info = shut(5, SHUTDOWN_suspend);
	cli_monitor_decide(&cfg, 5, true, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_WAIT);
	/* what cannot be done is said */
	info = shut(5, SHUTDOWN_soft_reset);
	cli_monitor_decide(&cfg, 5, true, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_DESTROY);
	ck_assert_ptr_nonnull(d.note);
	info = shut(5, 77);
	cli_monitor_decide(&cfg, 5, true, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_DESTROY);
	ck_assert_uint_eq(d.reason, 77);
	ck_assert_ptr_nonnull(d.note);
}
END_TEST

START_TEST(coredump_actions)
{
	struct domain_config c = cfg;
	struct cli_monitor_decision d;
	struct xen_domctl_getdomaininfo info = shut(2, SHUTDOWN_crash);

	c.on_crash = CFG_ACTION_COREDUMP_DESTROY;
	cli_monitor_decide(&c, 2, true, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_DESTROY);
	ck_assert_int_eq(d.action, CFG_ACTION_COREDUMP_DESTROY);
	ck_assert_ptr_nonnull(d.note);
	c.on_crash = CFG_ACTION_COREDUMP_RESTART;
	cli_monitor_decide(&c, 2, true, &info, &d);
	ck_assert_int_eq(d.step, CLI_MONITOR_RESTART);
}
END_TEST

START_TEST(preserved_names)
{
	char buf[32];

	/* 2026-11-21 08:05:59 UTC */
	ck_assert_int_eq(cli_preserved_name("web", 1795248359, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "web-20261121T0805Z");
	ck_assert_int_eq(cli_preserved_name("web", 1795248359, buf, 18), -1);
	ck_assert_int_eq(cli_preserved_name("web", 1795248359, buf, 19), 0);
}
END_TEST

START_TEST(mem_sizes)
{
	uint64_t kib = 0;

	ck_assert_int_eq(cli_parse_mem_kib("64", &kib), 0);
	ck_assert_uint_eq(kib, 65536);
	ck_assert_int_eq(cli_parse_mem_kib("64m", &kib), 0);
	ck_assert_uint_eq(kib, 65536);
	ck_assert_int_eq(cli_parse_mem_kib("2G", &kib), 0);
	ck_assert_uint_eq(kib, 2097152);
	ck_assert_int_eq(cli_parse_mem_kib("1t", &kib), 0);
	ck_assert_uint_eq(kib, 1073741824);
	ck_assert_int_eq(cli_parse_mem_kib("1000k", &kib), 0);
	ck_assert_uint_eq(kib, 1000);
	ck_assert_int_eq(cli_parse_mem_kib("5000b", &kib), 0);
	ck_assert_uint_eq(kib, 4);
	kib = 7;
	ck_assert_int_eq(cli_parse_mem_kib("", &kib), -1);
	ck_assert_int_eq(cli_parse_mem_kib("m", &kib), -1);
	ck_assert_int_eq(cli_parse_mem_kib("-1", &kib), -1);
	ck_assert_int_eq(cli_parse_mem_kib("64mb", &kib), -1);
	ck_assert_int_eq(cli_parse_mem_kib("64x", &kib), -1);
	ck_assert_int_eq(cli_parse_mem_kib("99999999999999999999", &kib), -1);
	ck_assert_int_eq(cli_parse_mem_kib("17179869184t", &kib), -1); /* 2^64 KiB */
	ck_assert_uint_eq(kib, 7);
}
END_TEST

Suite *cli_monitor_suite(void)
{
	Suite *s = suite_create("cli_monitor");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, running_or_gone);
	tcase_add_test(tc, reasons_pick_actions);
	tcase_add_test(tc, coredump_actions);
	tcase_add_test(tc, preserved_names);
	tcase_add_test(tc, mem_sizes);
	suite_add_tcase(s, tc);
	return s;
}
