/*
 * test_cli_names.c - domain ids and names as the user types them, and the name-source hook
 * (toolstack/cli/names.c).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#include "unit.h"

START_TEST(domid_only_source)
{
	char buf[CLI_NAME_MAX];

	ck_assert_ptr_eq(cli_names(), &cli_names_domid_only);
	ck_assert_str_eq(cli_domain_name(0, buf, sizeof(buf)), "Domain-0");
	ck_assert_ptr_null(cli_domain_name(1, buf, sizeof(buf)));
	ck_assert_int_eq(cli_names()->start_time(NULL, 0), -1);
}
END_TEST

START_TEST(parse_domid)
{
	domid_t d = 99;
	bool range;

	ck_assert_int_eq(cli_parse_domid("0", &d, &range), 0);
	ck_assert_uint_eq(d, 0);
	ck_assert_int_eq(cli_parse_domid("32751", &d, &range), 0);
	ck_assert_uint_eq(d, 32751);
	ck_assert(!range);
	ck_assert_int_eq(cli_parse_domid("32752", &d, &range), -1); /* DOMID_FIRST_RESERVED */
	ck_assert(range);
	ck_assert_int_eq(cli_parse_domid("99999999999999999999", &d, &range), -1);
	ck_assert(range);
	ck_assert_int_eq(cli_parse_domid("web", &d, &range), -1);
	ck_assert(!range);
	ck_assert_int_eq(cli_parse_domid("", &d, NULL), -1);
	ck_assert_int_eq(cli_parse_domid("12a", &d, NULL), -1);
	ck_assert_int_eq(cli_parse_domid("-1", &d, NULL), -1);
	ck_assert_int_eq(cli_parse_domid(" 1", &d, NULL), -1);
}
END_TEST

/* A source like xenstore's will be: names for some domains, start times for all. */
static int fake_name(void *priv, domid_t domid, char *buf, size_t size)
{
	const char *const *names = priv;

	if (domid > 3 || !names[domid])
		return -1;
	snprintf(buf, size, "%s", names[domid]);
	return 0;
}

static long long fake_start(void *priv, domid_t domid)
{
	return 1000 + domid;
}

START_TEST(switching_the_source)
{
	static const char *const names[] = { "Domain-0", "web", NULL, "db" };
	const struct cli_names fake = { "fake", fake_name, fake_start, (void *)names };
	struct xen_domctl_getdomaininfo infos[3] = { { .domain = 0 }, { .domain = 1 },
						     { .domain = 3 } };
	char buf[CLI_NAME_MAX];
	domid_t d = 77;

	/* With names from domids alone, only Domain-0 is found. */
	ck_assert_int_eq(cli_lookup_name("web", infos, 3, &d), -1);
	ck_assert_int_eq(cli_lookup_name("Domain-0", infos, 3, &d), 0);
	ck_assert_uint_eq(d, 0);

	cli_names_use(&fake);
	ck_assert_str_eq(cli_domain_name(1, buf, sizeof(buf)), "web");
	ck_assert_int_eq(cli_lookup_name("db", infos, 3, &d), 0);
	ck_assert_uint_eq(d, 3);
	ck_assert_int_eq(cli_lookup_name("web", infos, 3, &d), 0);
	ck_assert_uint_eq(d, 1);
	/* Only listed domains are candidates. */
	ck_assert_int_eq(cli_lookup_name("db", infos, 2, &d), -1);
	ck_assert_int_eq(cli_names()->start_time(cli_names()->priv, 3), 1003);
	cli_names_use(&cli_names_domid_only);
}
END_TEST

Suite *cli_names_suite(void)
{
	Suite *s = suite_create("cli_names");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, domid_only_source);
	tcase_add_test(tc, parse_domid);
	tcase_add_test(tc, switching_the_source);
	suite_add_tcase(s, tc);
	return s;
}
