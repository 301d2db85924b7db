/*
 * test_cli_format.c - the rows and lines of lamina list, vcpu-list, uptime and info
 * (toolstack/cli/format.c), against the forms Xen 4.17's xl prints.
 */
#include <string.h>

#include "cli/cli.h"

#include "capture.h"
#include "unit.h"

static struct ctrl_dominfo dom0(void)
{
	struct xen_domctl_getdomaininfo raw = {
		.domain = 0,
		.flags = XEN_DOMINF_running | 0xffff0000U,
		.tot_pages = 131072,
		.max_pages = 131072,
		.cpu_time = 12345678901ULL,
		.nr_online_vcpus = 1,
		.max_vcpu_id = 0,
	};
	struct ctrl_dominfo d;

	ctrl_dominfo_decode(&raw, &d);
	return d;
}

START_TEST(list_row_is_xls)
{
	struct ctrl_dominfo d = dom0();
	struct capture cap;
	char want[160];

	/* xl list's own format for the same values (tools/xl/xl_info.c). */
	snprintf(want, sizeof(want), "%-40s %5d %5lu %5d     %c%c%c%c%c%c  %8.1f\n", "Domain-0", 0,
		 512UL, 1, 'r', '-', '-', '-', '-', '-', 12.3);
	cli_list_row(capture_begin(&cap), &d, "Domain-0");
	ck_assert_str_eq(capture_end(&cap), want);
	capture_free(&cap);
}
END_TEST

START_TEST(list_header_and_nameless)
{
	struct ctrl_dominfo d = dom0();
	struct capture cap;
	FILE *f = capture_begin(&cap);
	const char *text;

	d.domid = 7;
	d.running = false;
	d.paused = true;
	cli_list_header(f);
	cli_list_row(f, &d, NULL);
	text = capture_end(&cap);
	ck_assert_str_eq(text, "Name                                        ID   Mem VCPUs"
			       "      State   Time(s)\n"
			       "(null)                                       7   512     1"
			       "     --p---      12.3\n");
	capture_free(&cap);
}
END_TEST

START_TEST(list_json_members)
{
	struct ctrl_dominfo d = dom0();
	struct capture cap;
	struct cli_json j;
	const char *text;

	d.handle[15] = 0xab;
	cli_json_init(&j, capture_begin(&cap));
	cli_list_json(&j, &d, NULL);
	cli_json_finish(&j);
	text = capture_end(&cap);
	ck_assert_ptr_nonnull(strstr(text, "\"domid\": 0,\n"));
	ck_assert_ptr_nonnull(strstr(text, "\"name\": null,\n"));
	ck_assert_ptr_nonnull(
		strstr(text, "\"uuid\": \"00000000-0000-0000-0000-0000000000ab\",\n"));
	ck_assert_ptr_nonnull(strstr(text, "\"state\": \"r-----\",\n"));
	ck_assert_ptr_nonnull(strstr(text, "\"status\": \"running\",\n"));
	ck_assert_ptr_nonnull(strstr(text, "\"shutdown_reason\": null,\n"));
	ck_assert_ptr_nonnull(strstr(text, "\"mem_mib\": 512,\n"));
	ck_assert_ptr_nonnull(strstr(text, "\"current_memkb\": 524288,\n"));
	ck_assert_ptr_nonnull(strstr(text, "\"vcpus_max\": 1,\n"));
	ck_assert_ptr_nonnull(strstr(text, "\"cpu_time_s\": 12.3,\n"));
	ck_assert_ptr_nonnull(strstr(text, "\"cpupool\": 0\n}\n"));
	capture_free(&cap);
}
END_TEST

START_TEST(vcpu_rows)
{
	struct xen_domctl_getvcpuinfo up = { .vcpu = 0, .online = 1, .running = 1, .cpu = 0,
					     .cpu_time = 1500000000ULL };
	struct xen_domctl_getvcpuinfo down = { .vcpu = 1 };
	uint8_t all[1] = { 0x3 }, one[1] = { 0x2 };
	struct capture cap;
	FILE *f = capture_begin(&cap);

	cli_vcpu_header(f);
	cli_vcpu_row(f, "Domain-0", 0, 0, &up, all, all, 2);
	cli_vcpu_row(f, NULL, 3, 1, &down, one, NULL, 2);
	ck_assert_str_eq(capture_end(&cap),
			 "Name                                ID  VCPU   CPU State   Time(s) "
			 "Affinity (Hard / Soft)\n"
			 "Domain-0                             0     0     0   r--       1.5 "
			 "all / all\n"
			 "(null)                               3     1     -   --p       0.0 "
			 "1 / -\n");
	capture_free(&cap);
}
END_TEST

START_TEST(uptime_rows)
{
	struct capture cap;
	FILE *f = capture_begin(&cap);

	cli_uptime_header(f);
	cli_uptime_row(f, "Domain-0", 0, 3725, false, "12:00:00");
	cli_uptime_row(f, "Domain-0", 0, 3725, true, "12:00:00");
	ck_assert_str_eq(capture_end(&cap), "Name                                ID Uptime\n"
					    "Domain-0                             0  1:02:05\n"
					    " 12:00:00 up  1:02, Domain-0 (0)\n");
	capture_free(&cap);
}
END_TEST

static struct cli_info sample_info(struct ctrl_version *v, struct xen_sysctl_physinfo *p)
{
	struct cli_info in = {
		.host = "lamina-dom0",
		.release = "6.1.0-56-amd64",
		.version = "#1 SMP",
		.machine = "x86_64",
		.phys = p,
		.xen = v,
		.scheduler = "credit2",
	};

	memset(v, 0, sizeof(*v));
	v->major = 4;
	v->minor = 17;
	snprintf(v->extra, sizeof(v->extra), ".7");
	snprintf(v->capabilities, sizeof(v->capabilities), "xen-3.0-x86_64 hvm-3.0-x86_64");
	v->pagesize = 4096;
	v->virt_start = 0xffff800000000000UL;
	memset(p, 0, sizeof(*p));
	p->nr_cpus = 1;
	p->cpu_khz = 1999999;
	p->total_pages = 262015;
	p->free_pages = 127610;
	p->capabilities = 0x30b;
	p->hw_cap[0] = 0x1f8bfbff;
	return in;
}

START_TEST(info_lines)
{
	struct xen_sysctl_physinfo p;
	struct ctrl_version v;
	struct cli_info in = sample_info(&v, &p);
	struct capture cap;
	const char *text;

	ck_assert_int_eq(cli_info_print(capture_begin(&cap), &in, NULL), 30);
	text = capture_end(&cap);
	ck_assert_ptr_nonnull(strstr(text, "host                   : lamina-dom0\n"));
	ck_assert_ptr_nonnull(strstr(text, "cpu_mhz                : 1999.999\n"));
	ck_assert_ptr_nonnull(strstr(text, "hw_caps                : 1f8bfbff:00000000:"));
	ck_assert_ptr_nonnull(strstr(text, "virt_caps              : pv hvm hap gnttab-v1 "
					   "gnttab-v2\n"));
	ck_assert_ptr_nonnull(strstr(text, "total_memory           : 1023\n"));
	ck_assert_ptr_nonnull(strstr(text, "free_memory            : 498\n"));
	ck_assert_ptr_nonnull(strstr(text, "xen_version            : 4.17.7\n"));
	ck_assert_ptr_nonnull(strstr(text, "xen_scheduler          : credit2\n"));
	ck_assert_ptr_nonnull(
		strstr(text, "platform_params        : virt_start=0xffff800000000000\n"));
	ck_assert_ptr_nonnull(strstr(text, "xend_config_format     : 4\n"));
	capture_free(&cap);
}
END_TEST

START_TEST(info_one_name)
{
	struct xen_sysctl_physinfo p;
	struct ctrl_version v;
	struct cli_info in = sample_info(&v, &p);
	struct capture cap;

	ck_assert_int_eq(cli_info_print(capture_begin(&cap), &in, "free_memory"), 1);
	ck_assert_str_eq(capture_end(&cap), "498\n");
	capture_free(&cap);
	/* As xl: a prefix selects every line it starts. */
	ck_assert_int_eq(cli_info_print(capture_begin(&cap), &in, "xen_m"), 2);
	ck_assert_str_eq(capture_end(&cap), "4\n17\n");
	capture_free(&cap);
	ck_assert_int_eq(cli_info_print(capture_begin(&cap), &in, "virt_caps"), 1);
	ck_assert_str_eq(capture_end(&cap), "pv hvm hap gnttab-v1 gnttab-v2\n");
	capture_free(&cap);
	ck_assert_int_eq(cli_info_print(capture_begin(&cap), &in, "nonsense"), 0);
	ck_assert_str_eq(capture_end(&cap), "");
	capture_free(&cap);
}
END_TEST

START_TEST(info_without_hypervisor_parts)
{
	struct xen_sysctl_physinfo p;
	struct ctrl_version v;
	struct cli_info in = sample_info(&v, &p);
	struct capture cap;

	in.xen = NULL;
	in.scheduler = NULL;
	ck_assert_int_eq(cli_info_print(capture_begin(&cap), &in, NULL), 16);
	ck_assert_ptr_null(strstr(capture_end(&cap), "xen_"));
	capture_free(&cap);
	/* Without physinfo: no machine lines, rather than zeros. */
	in.xen = &v;
	in.phys = NULL;
	ck_assert_int_eq(cli_info_print(capture_begin(&cap), &in, NULL), 19);
	ck_assert_ptr_null(strstr(capture_end(&cap), "total_memory"));
	capture_free(&cap);
}
END_TEST

Suite *cli_format_suite(void)
{
	Suite *s = suite_create("cli_format");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, list_row_is_xls);
	tcase_add_test(tc, list_header_and_nameless);
	tcase_add_test(tc, list_json_members);
	tcase_add_test(tc, vcpu_rows);
	tcase_add_test(tc, uptime_rows);
	tcase_add_test(tc, info_lines);
	tcase_add_test(tc, info_one_name);
	tcase_add_test(tc, info_without_hypervisor_parts);
	suite_add_tcase(s, tc);
	return s;
}
