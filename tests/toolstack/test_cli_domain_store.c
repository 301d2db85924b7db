/*
 * test_cli_domain_store.c - the xenstore layout of a new domain (toolstack/cli/domain_store.c):
 * the nodes libxl writes, parents first, with libxl's permissions.
 */
#include <errno.h>
#include <string.h>

#include "cli/domain_store.h"
#include "unit.h"

static struct cli_xs_node nodes[200];

static const struct cli_domain_layout layout = {
	.domid = 7,
	.name = "demo",
	.uuid = "0a1b2c3d-0000-4000-8000-00000000beef",
	.max_kib = 262144,
	.target_kib = 131072,
	.vcpus = 1,
	.max_vcpus = 2,
	.store_port = 2,
	.store_mfn = 0x1234,
	.console_port = 1,
	.console_mfn = 0x1235,
	.kernel = "/boot/vmlinuz",
	.cmdline = "console=hvc0",
	.start_time_s = 1700000000,
};

static const struct cli_xs_node *find(int n, const char *path)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(nodes[i].path, path))
			return &nodes[i];
	return NULL;
}

static void assert_value(int n, const char *path, const char *value)
{
	const struct cli_xs_node *node = find(n, path);

	ck_assert_msg(node, "%s missing", path);
	ck_assert(node->has_value);
	ck_assert_str_eq(node->value, value);
}

START_TEST(values_as_libxl_writes_them)
{
	int n = cli_domain_nodes(&layout, nodes, 200);

	ck_assert_int_gt(n, 30);
	assert_value(n, "/local/domain/7/name", "demo");
	assert_value(n, "/local/domain/7/domid", "7");
	assert_value(n, "/local/domain/7/vm", "/vm/0a1b2c3d-0000-4000-8000-00000000beef");
	assert_value(n, "/local/domain/7/memory/static-max", "262144");
	assert_value(n, "/local/domain/7/memory/target", "131072");
	assert_value(n, "/local/domain/7/store/port", "2");
	assert_value(n, "/local/domain/7/store/ring-ref", "4660");
	assert_value(n, "/local/domain/7/console/ring-ref", "4661");
	assert_value(n, "/local/domain/7/console/port", "1");
	assert_value(n, "/local/domain/7/console/type", "xenconsoled");
	assert_value(n, "/local/domain/7/cpu/0/availability", "online");
	assert_value(n, "/local/domain/7/cpu/1/availability", "offline");
	assert_value(n, "/vm/0a1b2c3d-0000-4000-8000-00000000beef/name", "demo");
	assert_value(n, "/vm/0a1b2c3d-0000-4000-8000-00000000beef/image/cmdline", "console=hvc0");
	ck_assert_ptr_null(find(n, "/vm/0a1b2c3d-0000-4000-8000-00000000beef/image/ramdisk"));
	ck_assert_ptr_null(find(n, "/local/domain/7/cpu/2/availability"));
}
END_TEST

START_TEST(permissions_as_libxl_sets_them)
{
	int n = cli_domain_nodes(&layout, nodes, 200);
	const struct cli_xs_node *dom = find(n, "/local/domain/7");
	const struct cli_xs_node *shutdown = find(n, "/local/domain/7/control/shutdown");
	const struct cli_xs_node *device = find(n, "/local/domain/7/device");
	const struct cli_xs_node *libxl = find(n, "/libxl/7");

	ck_assert_ptr_nonnull(dom);
	ck_assert_uint_eq(dom->nr_perms, 2);
	ck_assert_uint_eq(dom->perms[0].id, 0); /* owner dom0 */
	ck_assert_uint_eq(dom->perms[1].id, 7);
	ck_assert_uint_eq(dom->perms[1].perms, XS_PERM_READ);
	ck_assert_ptr_nonnull(shutdown);
	ck_assert_uint_eq(shutdown->nr_perms, 1);
	ck_assert_uint_eq(shutdown->perms[0].id, 7); /* the domain writes its answer */
	ck_assert_ptr_nonnull(device);
	ck_assert_uint_eq(device->perms[0].id, 7);
	ck_assert_ptr_nonnull(libxl);
	ck_assert_uint_eq(libxl->perms[0].id, 0);
	ck_assert_uint_eq(libxl->perms[0].perms, XS_PERM_NONE);
}
END_TEST

START_TEST(parents_come_first)
{
	int n = cli_domain_nodes(&layout, nodes, 200);

	for (int i = 0; i < n; i++) {
		char parent[CLI_XS_PATH_MAX];
		strcpy(parent, nodes[i].path);
		char *slash = strrchr(parent, '/');
		*slash = 0;
		if (!strcmp(parent, "/local/domain") || !strcmp(parent, "/vm") ||
		    !strcmp(parent, "/libxl"))
			continue;
		/* A parent listed (for its permissions) must come first; others are implicit. */
		for (int j = i + 1; j < n; j++)
			ck_assert_msg(strcmp(nodes[j].path, parent), "%s comes before its parent %s",
				      nodes[i].path, parent);
	}
}
END_TEST

START_TEST(too_small_or_too_long)
{
	struct cli_domain_layout l = layout;
	static char long_name[CLI_XS_VALUE_MAX + 10];

	ck_assert_int_eq(cli_domain_nodes(&layout, nodes, 5), -ENOSPC);
	memset(long_name, 'x', sizeof(long_name) - 1);
	l.name = long_name;
	ck_assert_int_eq(cli_domain_nodes(&l, nodes, 200), -ENAMETOOLONG);
}
END_TEST

Suite *cli_domain_store_suite(void)
{
	Suite *s = suite_create("cli_domain_store");
	TCase *tc = tcase_create("layout");

	tcase_add_test(tc, values_as_libxl_writes_them);
	tcase_add_test(tc, permissions_as_libxl_sets_them);
	tcase_add_test(tc, parents_come_first);
	tcase_add_test(tc, too_small_or_too_long);
	suite_add_tcase(s, tc);
	return s;
}
