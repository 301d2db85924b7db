/*
 * test_store_perms.c - permissions (docs/misc/xenstore.txt; perm_for_conn and friends in Xen
 * 4.17): owner and default entry, inheritance on creation, who may read, write and set
 * permissions, errors that hide what a domain may not see, entries of unknown and reborn
 * domains, and SET_TARGET.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store_harness.h"
#include "unit.h"

static struct stored_harness *h;
static struct xs_handle *g2, *g3;

static void setup(void)
{
	h = stored_harness_new(NULL);
	ck_assert_ptr_nonnull(h);
	g2 = stored_harness_guest(h, 2);
	g3 = stored_harness_guest(h, 3);
	ck_assert(g2 && g3);
}

static void teardown(void)
{
	xs_close(g2);
	xs_close(g3);
	ck_assert_uint_eq(stored_harness_check(h), 0);
	stored_harness_free(h);
}

/* The permissions of @path as "n0,r2" into @buf. */
static const char *perms_of(struct xs_handle *x, const char *path, char *buf)
{
	struct xs_perm *p;
	unsigned int n;

	ck_assert_int_eq(xs_get_perms(x, XS_TX_NONE, path, &p, &n), 0);
	buf[0] = 0;
	for (unsigned int i = 0; i < n; i++) {
		char one[XS_PERM_STRING_MAX];

		xs_perm_format(&p[i], one, sizeof(one));
		if (i)
			strcat(buf, ",");
		strcat(buf, one);
	}
	free(p);
	return buf;
}

static int set(struct xs_handle *x, const char *path, const char *spec)
{
	struct xs_perm p[8];
	unsigned int n = 0;
	char copy[64], *save, *tok;

	strcpy(copy, spec);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		ck_assert_int_eq(xs_perm_parse(tok, &p[n++]), 0);
	return xs_set_perms(x, XS_TX_NONE, path, p, n);
}

static int rd(struct xs_handle *x, const char *path)
{
	char *v;
	int rc = xs_read(x, XS_TX_NONE, path, &v, NULL);

	if (!rc)
		free(v);
	return rc;
}

START_TEST(inheritance)
{
	char buf[64];

	ck_assert_int_eq(xs_mkdir(h->dom0, XS_TX_NONE, "/shared"), 0);
	ck_assert_str_eq(perms_of(h->dom0, "/shared", buf), "n0"); /* from "/" */
	ck_assert_int_eq(set(h->dom0, "/shared", "n0,b2,r3"), 0);
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/shared/a/b", "", 0), 0);
	ck_assert_str_eq(perms_of(h->dom0, "/shared/a/b", buf), "n0,b2,r3");
	/* A node an unprivileged domain creates is its own; the other entries stay. */
	ck_assert_int_eq(xs_write(g2, XS_TX_NONE, "/shared/mine/x", "v", 1), 0);
	ck_assert_str_eq(perms_of(h->dom0, "/shared/mine", buf), "n2,b2,r3");
	ck_assert_str_eq(perms_of(h->dom0, "/shared/mine/x", buf), "n2,b2,r3");
}
END_TEST

START_TEST(read_write_rules)
{
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/p/node", "v", 1), 0);
	ck_assert_int_eq(rd(g2, "/p/node"), -EACCES);
	ck_assert_int_eq(xs_write(g2, XS_TX_NONE, "/p/node", "x", 1), -EACCES);
	ck_assert_int_eq(set(h->dom0, "/p/node", "n0,r2,w3"), 0);
	ck_assert_int_eq(rd(g2, "/p/node"), 0);
	ck_assert_int_eq(xs_write(g2, XS_TX_NONE, "/p/node", "x", 1), -EACCES);
	ck_assert_int_eq(rd(g3, "/p/node"), -EACCES);
	ck_assert_int_eq(xs_write(g3, XS_TX_NONE, "/p/node", "y", 1), 0);
	/* The owner entry's bits are everyone else's. */
	ck_assert_int_eq(set(h->dom0, "/p/node", "r0"), 0);
	ck_assert_int_eq(rd(g2, "/p/node"), 0);
	ck_assert_int_eq(rd(g3, "/p/node"), 0);
	ck_assert_int_eq(xs_rm(g3, XS_TX_NONE, "/p/node"), -EACCES);
}
END_TEST

START_TEST(errors_hide_nodes)
{
	ck_assert_int_eq(xs_mkdir(h->dom0, XS_TX_NONE, "/hidden"), 0);
	/* Missing below an unreadable parent: EACCES, not ENOENT. */
	ck_assert_int_eq(rd(g2, "/hidden/nothing"), -EACCES);
	ck_assert_int_eq(set(h->dom0, "/hidden", "r0"), 0);
	ck_assert_int_eq(rd(g2, "/hidden/nothing"), -ENOENT);
	ck_assert_int_eq(rd(g2, "/hidden/no/such/deep/node"), -ENOENT); /* nearest ancestor */
	ck_assert_int_eq(rd(g2, "/hidden//x"), -EINVAL);
}
END_TEST

START_TEST(who_sets_permissions)
{
	char buf[64];

	ck_assert_int_eq(xs_mkdir(h->dom0, XS_TX_NONE, "/owned"), 0);
	ck_assert_int_eq(set(h->dom0, "/owned", "n2"), 0);
	/* The owner may change the rest, not the owner. */
	ck_assert_int_eq(set(g2, "/owned", "n2,r3"), 0);
	ck_assert_str_eq(perms_of(g2, "/owned", buf), "n2,r3");
	ck_assert_int_eq(set(g2, "/owned", "n3"), -EPERM);
	/* A domain with write access that is not the owner may not. */
	ck_assert_int_eq(set(g2, "/owned", "n2,b3"), 0);
	ck_assert_int_eq(set(g3, "/owned", "b2,b3"), -EACCES);
	/* dom0 may move ownership. */
	ck_assert_int_eq(set(h->dom0, "/owned", "n3"), 0);
	ck_assert_int_eq(rd(g2, "/owned"), -EACCES);
	ck_assert_int_eq(rd(g3, "/owned"), 0);
	/* Malformed permission lists. */
	const struct xs_msg *m;
	struct iovec bad = {"/owned\0q3", 10};

	ck_assert_int_eq(xs_request(h->dom0, XS_SET_PERMS, 0, &bad, 1, &m), -EINVAL);
	ck_assert_int_eq(xs_set_perms(h->dom0, XS_TX_NONE, "/owned", NULL, 0), -EINVAL);
}
END_TEST

START_TEST(unknown_domains)
{
	char buf[64];

	ck_assert_int_eq(xs_mkdir(h->dom0, XS_TX_NONE, "/u"), 0);
	/* An owner the hypervisor does not know: ENOENT. */
	ck_assert_int_eq(set(h->dom0, "/u", "n12"), -ENOENT);
	/* Another entry for one: kept (and shown) but without effect. */
	ck_assert_int_eq(set(h->dom0, "/u", "n0,r12"), 0);
	ck_assert_str_eq(perms_of(h->dom0, "/u", buf), "n0,r12");
	struct xs_handle *g12 = stored_harness_guest(h, 12);

	ck_assert_int_eq(rd(g12, "/u"), -EACCES);
	xs_close(g12);
}
END_TEST

START_TEST(reborn_domain_inherits_nothing)
{
	struct xs_handle *g5 = stored_harness_guest(h, 5);

	ck_assert_int_eq(xs_mkdir(h->dom0, XS_TX_NONE, "/for5"), 0);
	ck_assert_int_eq(set(h->dom0, "/for5", "n0,r5"), 0);
	ck_assert_int_eq(rd(g5, "/for5"), 0);
	ck_assert_int_eq(xs_release_domain(h->dom0, 5), 0);
	xs_close(g5);
	h->exists[5] = false; /* domain 5 died; a new one takes its id */
	g5 = stored_harness_guest(h, 5);
	ck_assert_int_eq(rd(g5, "/for5"), -EACCES);
	/* Setting the entry anew gives access again. */
	ck_assert_int_eq(set(h->dom0, "/for5", "n0,r5"), 0);
	ck_assert_int_eq(rd(g5, "/for5"), 0);
	xs_close(g5);
}
END_TEST

START_TEST(target_domain)
{
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/dm/x", "", 0), 0);
	ck_assert_int_eq(set(h->dom0, "/dm/x", "n3"), 0); /* owned by domain 3 */
	ck_assert_int_eq(rd(g2, "/dm/x"), -EACCES);
	ck_assert_int_eq(xs_set_target(h->dom0, 2, 3), 0); /* 2 serves 3, like a stub domain */
	ck_assert_int_eq(rd(g2, "/dm/x"), 0);
	ck_assert_int_eq(xs_write(g2, XS_TX_NONE, "/dm/x", "w", 1), 0);
	ck_assert_int_eq(xs_set_target(h->dom0, 2, 11), -ENOENT);
	ck_assert_int_eq(xs_set_target(g2, 2, 3), -EACCES);
}
END_TEST

Suite *store_perms_suite(void)
{
	const TTest *tests[] = {
	    inheritance,	  read_write_rules, errors_hide_nodes,
	    who_sets_permissions, unknown_domains,  reborn_domain_inherits_nothing,
	    target_domain,
	};

	return stored_harness_suite("store_perms", tests, HARNESS_ARRAY_SIZE(tests), setup,
				    teardown);
}
