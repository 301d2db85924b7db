/*
 * test_store_tree.c - the daemon's tree through the client library: the initial nodes, READ,
 * WRITE, MKDIR, RM, DIRECTORY(_PART), paths, domain paths; each against the behaviour of
 * docs/misc/xenstore.txt and Xen 4.17's xenstored.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_harness.h"
#include "unit.h"

/* h: the shared fixture's harness (store_harness.h). */
#define h stored_fx

/* The value at @path, which must exist; the caller frees it. */
static char *read_ok(struct xs_handle *x, const char *path)
{
	char *v = NULL;
	unsigned int len;

	ck_assert_int_eq(xs_read(x, XS_TX_NONE, path, &v, &len), 0);
	ck_assert_uint_eq(strlen(v), len);
	return v;
}

static void expect_value(struct xs_handle *x, const char *path, const char *want)
{
	char *v = read_ok(x, path);

	ck_assert_str_eq(v, want);
	free(v);
}

/* The children of @path joined by ',' into @buf. */
static const char *children(struct xs_handle *x, const char *path, char *buf, size_t size)
{
	char **names;
	unsigned int n;

	ck_assert_int_eq(xs_directory(x, XS_TX_NONE, path, &names, &n), 0);
	buf[0] = 0;
	for (unsigned int i = 0; i < n; i++) {
		strncat(buf, names[i], size - strlen(buf) - 2);
		if (i + 1 < n)
			strcat(buf, ",");
	}
	free(names);
	return buf;
}

START_TEST(initial_structure)
{
	char buf[128];

	/* xenstored's own nodes and xen-init-dom0's. */
	ck_assert_str_eq(children(h->dom0, "/", buf, sizeof(buf)), "tool,local");
	ck_assert_str_eq(children(h->dom0, "/tool", buf, sizeof(buf)), "xenstored");
	ck_assert_str_eq(children(h->dom0, "/local", buf, sizeof(buf)), "domain,pool");
	expect_value(h->dom0, "/local/domain/0/name", "Domain-0");
	expect_value(h->dom0, "/local/domain/0/domid", "0");
	expect_value(h->dom0, "/local/pool/0/name", "Pool-0");
	expect_value(h->dom0, "/tool/xenstored", "");
	ck_assert_uint_eq(stored_harness_count(h), 11);
}
END_TEST

START_TEST(write_creates_parents)
{
	char buf[128];

	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/a/b/c", "hello", 5), 0);
	expect_value(h->dom0, "/a/b/c", "hello");
	expect_value(h->dom0, "/a/b", ""); /* made empty on the way */
	expect_value(h->dom0, "/a", "");
	ck_assert_str_eq(children(h->dom0, "/a", buf, sizeof(buf)), "b");
	ck_assert_uint_eq(stored_harness_count(h), 14);
	/* A second write replaces the value only. */
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/a/b/c", "", 0), 0);
	expect_value(h->dom0, "/a/b/c", "");
	ck_assert_uint_eq(stored_harness_count(h), 14);
}
END_TEST

START_TEST(binary_values)
{
	static const char bin[] = {'x', 0, 'y', 0, (char)0xff};
	static char big[3000];
	char *v;
	unsigned int len;

	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/bin", bin, sizeof(bin)), 0);
	ck_assert_int_eq(xs_read(h->dom0, XS_TX_NONE, "/bin", &v, &len), 0);
	ck_assert_uint_eq(len, sizeof(bin));
	ck_assert_int_eq(memcmp(v, bin, sizeof(bin)), 0);
	free(v);
	memset(big, 'q', sizeof(big)); /* larger than the 1 KiB ring: many ring turns */
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/big", big, sizeof(big)), 0);
	ck_assert_int_eq(xs_read(h->dom0, XS_TX_NONE, "/big", &v, &len), 0);
	ck_assert_uint_eq(len, sizeof(big));
	ck_assert_int_eq(memcmp(v, big, sizeof(big)), 0);
	free(v);
}
END_TEST

START_TEST(mkdir_keeps_value)
{
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/m", "v", 1), 0);
	ck_assert_int_eq(xs_mkdir(h->dom0, XS_TX_NONE, "/m"), 0);
	expect_value(h->dom0, "/m", "v");
	ck_assert_int_eq(xs_mkdir(h->dom0, XS_TX_NONE, "/m/n/o"), 0);
	expect_value(h->dom0, "/m/n/o", "");
}
END_TEST

START_TEST(directory_order)
{
	char buf[128];

	xs_write(h->dom0, XS_TX_NONE, "/d/zeta", "", 0);
	xs_write(h->dom0, XS_TX_NONE, "/d/alpha", "", 0);
	xs_write(h->dom0, XS_TX_NONE, "/d/mid", "", 0);
	ck_assert_str_eq(children(h->dom0, "/d", buf, sizeof(buf)), "zeta,alpha,mid");
	xs_rm(h->dom0, XS_TX_NONE, "/d/alpha");
	ck_assert_str_eq(children(h->dom0, "/d", buf, sizeof(buf)), "zeta,mid");
	ck_assert_str_eq(children(h->dom0, "/d/mid", buf, sizeof(buf)), "");
}
END_TEST

START_TEST(rm_rules)
{
	char *v;
	size_t before = stored_harness_count(h);

	xs_write(h->dom0, XS_TX_NONE, "/r/a/b", "1", 1);
	xs_write(h->dom0, XS_TX_NONE, "/r/a/c", "2", 1);
	ck_assert_uint_eq(stored_harness_count(h), before + 4);
	ck_assert_int_eq(xs_rm(h->dom0, XS_TX_NONE, "/r/a"), 0);
	ck_assert_int_eq(xs_read(h->dom0, XS_TX_NONE, "/r/a/b", &v, NULL), -ENOENT);
	ck_assert_uint_eq(stored_harness_count(h), before + 1);
	/* Missing node with an existing parent: fine; with a missing parent: ENOENT. */
	ck_assert_int_eq(xs_rm(h->dom0, XS_TX_NONE, "/r/gone"), 0);
	ck_assert_int_eq(xs_rm(h->dom0, XS_TX_NONE, "/r/gone/deeper"), -ENOENT);
	ck_assert_int_eq(xs_rm(h->dom0, XS_TX_NONE, "/"), -EINVAL);
	ck_assert_uint_eq(stored_harness_count(h), before + 1);
}
END_TEST

START_TEST(invalid_paths)
{
	static char longpath[XENSTORE_REL_PATH_MAX + 64];
	char *v;

	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/a//b", "", 0), -EINVAL);
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/a/", "", 0), -EINVAL);
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/a b", "", 0), -EINVAL);
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/a.b", "", 0), -EINVAL);
	ck_assert_int_eq(xs_read(h->dom0, XS_TX_NONE, "/@ok-_", &v, NULL), -ENOENT);
	/* 2048 characters are allowed after /local/domain/<id>/, not more elsewhere. */
	memset(longpath, 'x', sizeof(longpath) - 1);
	longpath[0] = '/';
	longpath[XENSTORE_REL_PATH_MAX + 1] = 0;
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, longpath, "", 0), -EINVAL);
	longpath[XENSTORE_REL_PATH_MAX] = 0;
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, longpath, "", 0), 0);
	memcpy(longpath, "/local/domain/0/", 16);
	memset(longpath + 16, 'y', XENSTORE_REL_PATH_MAX);
	longpath[16 + XENSTORE_REL_PATH_MAX] = 0;
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, longpath, "", 0), 0);
	/* An empty path is relative and so ends in "/": invalid. */
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "", "", 0), -EINVAL);
}
END_TEST

START_TEST(relative_paths)
{
	struct xs_handle *g = stored_harness_guest(h, 3);
	char *v;

	ck_assert_ptr_nonnull(g);
	/* The toolstack makes a guest's home and hands it over (libxl does the same). */
	struct xs_perm own = {3, XS_PERM_NONE};

	ck_assert_int_eq(xs_mkdir(h->dom0, XS_TX_NONE, "/local/domain/3"), 0);
	ck_assert_int_eq(xs_set_perms(h->dom0, XS_TX_NONE, "/local/domain/3", &own, 1), 0);
	ck_assert_int_eq(xs_write(g, XS_TX_NONE, "data/x", "rel", 3), 0);
	expect_value(h->dom0, "/local/domain/3/data/x", "rel");
	ck_assert_int_eq(xs_read(g, XS_TX_NONE, "data/x", &v, NULL), 0);
	ck_assert_str_eq(v, "rel");
	free(v);
	/* A socket (or dom0) takes relative paths under /local/domain/0, as Xen does. */
	ck_assert_int_eq(xs_read(h->dom0, XS_TX_NONE, "name", &v, NULL), 0);
	ck_assert_str_eq(v, "Domain-0");
	free(v);
	xs_close(g);
}
END_TEST

START_TEST(directory_parts)
{
	char path[64], **names;
	unsigned int n;
	const unsigned int count = 400; /* ~5 KiB of names: more than one payload */

	for (unsigned int i = 0; i < count; i++) {
		snprintf(path, sizeof(path), "/many/child-number-%04u", i);
		ck_assert_int_eq(xs_mkdir(h->dom0, XS_TX_NONE, path), 0);
	}
	ck_assert_int_eq(xs_directory(h->dom0, XS_TX_NONE, "/many", &names, &n), 0);
	ck_assert_uint_eq(n, count);
	for (unsigned int i = 0; i < count; i++) {
		snprintf(path, sizeof(path), "child-number-%04u", i);
		ck_assert_str_eq(names[i], path);
	}
	free(names);
}
END_TEST

START_TEST(directory_part_raw)
{
	const struct xs_msg *m;
	struct iovec parts[2] = {{"/tool", 6}, {"0", 2}};
	size_t glen;

	ck_assert_int_eq(xs_request(h->dom0, XS_DIRECTORY_PART, 0, parts, 2, &m), 0);
	glen = strlen(m->body) + 1;
	ck_assert_uint_gt(glen, 1); /* generation, as a decimal number */
	ck_assert_uint_eq(m->hdr.len, glen + sizeof("xenstored") + 1); /* ends with "" */
	ck_assert_str_eq(m->body + glen, "xenstored");
	parts[1].iov_base = "1000";
	parts[1].iov_len = 5;
	ck_assert_int_eq(xs_request(h->dom0, XS_DIRECTORY_PART, 0, parts, 2, &m), 0);
	ck_assert_uint_eq(m->hdr.len, strlen(m->body) + 2); /* past the end: just "" */
	ck_assert_int_eq(xs_request(h->dom0, XS_DIRECTORY_PART, 0, parts, 1, &m), -EINVAL);
}
END_TEST

START_TEST(domain_paths)
{
	char *p;
	bool yes;
	struct xs_handle *g;

	ck_assert_int_eq(xs_get_domain_path(h->dom0, 7, &p), 0);
	ck_assert_str_eq(p, "/local/domain/7");
	free(p);
	ck_assert_int_eq(xs_is_domain_introduced(h->dom0, 7, &yes), 0);
	ck_assert(!yes);
	g = stored_harness_guest(h, 7);
	ck_assert_int_eq(xs_is_domain_introduced(h->dom0, 7, &yes), 0);
	ck_assert(yes);
	ck_assert_int_eq(xs_is_domain_introduced(h->dom0, 0x7FF0, &yes), 0); /* DOMID_SELF */
	ck_assert(yes);
	/* Unprivileged domains may ask for paths, not about introductions. */
	ck_assert_int_eq(xs_get_domain_path(g, 0, &p), 0);
	free(p);
	ck_assert_int_eq(xs_is_domain_introduced(g, 0, &yes), -EACCES);
	xs_close(g);
}
END_TEST

START_TEST(generation_moves)
{
	const struct xs_msg *m;
	struct iovec parts[2] = {{"/g", 3}, {"0", 2}};
	unsigned long long g1, g2;

	xs_mkdir(h->dom0, XS_TX_NONE, "/g");
	ck_assert_int_eq(xs_request(h->dom0, XS_DIRECTORY_PART, 0, parts, 2, &m), 0);
	g1 = strtoull(m->body, NULL, 10);
	xs_write(h->dom0, XS_TX_NONE, "/g", "changed", 7);
	ck_assert_int_eq(xs_request(h->dom0, XS_DIRECTORY_PART, 0, parts, 2, &m), 0);
	g2 = strtoull(m->body, NULL, 10);
	ck_assert_uint_gt(g2, g1);
}
END_TEST

Suite *store_tree_suite(void)
{
	const TTest *tests[] = {
	    initial_structure,	write_creates_parents, binary_values,
	    mkdir_keeps_value,	directory_order,       rm_rules,
	    invalid_paths,	relative_paths,	       directory_parts,
	    directory_part_raw, domain_paths,	       generation_moves,
	};

	return stored_harness_suite("store_tree", tests, HARNESS_ARRAY_SIZE(tests), stored_fx_setup,
				    stored_fx_teardown);
}
