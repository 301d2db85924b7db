/*
 * test_store_quota.c - per-domain quotas with Xen 4.17's defaults and comparisons (nodes
 * owned, node size, watches, transactions, permissions per node, nodes per transaction),
 * privileged domains exempt, and a domain's nodes going with it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_harness.h"
#include "unit.h"

static struct stored_harness *h;
static struct xs_handle *g;

/* A harness with @q and domain 2 owning its home /local/domain/2 (one node). */
static void start(const struct stored_quota *q)
{
	struct xs_perm own = {2, XS_PERM_NONE};

	h = stored_harness_new(q);
	ck_assert_ptr_nonnull(h);
	g = stored_harness_guest(h, 2);
	ck_assert_ptr_nonnull(g);
	ck_assert_int_eq(xs_mkdir(h->dom0, XS_TX_NONE, "/local/domain/2"), 0);
	ck_assert_int_eq(xs_set_perms(h->dom0, XS_TX_NONE, "/local/domain/2", &own, 1), 0);
}

static void stop(void)
{
	xs_close(g);
	ck_assert_uint_eq(stored_harness_check(h), 0);
	stored_harness_free(h);
}

static struct stored_quota small(void)
{
	struct stored_quota q;

	stored_quota_defaults(&q);
	q.entries = 5;
	q.watches = 2;
	q.transactions = 2;
	q.trans_nodes = 3;
	return q;
}

START_TEST(xen_defaults)
{
	struct stored_quota q;
	const char *args[] = {"quota"};
	char *text;

	stored_quota_defaults(&q);
	ck_assert_uint_eq(q.entries, 1000);
	ck_assert_uint_eq(q.node_bytes, 2048);
	ck_assert_uint_eq(q.watches, 128);
	ck_assert_uint_eq(q.transactions, 10);
	ck_assert_uint_eq(q.perms, 5);
	ck_assert_uint_eq(q.trans_nodes, 1024);
	ck_assert_uint_eq(q.path_chars, 2048);
	start(NULL);
	ck_assert_int_eq(xs_control(h->dom0, args, 1, &text), 0);
	ck_assert_ptr_nonnull(strstr(text, "nodes            :     1000"));
	ck_assert_ptr_nonnull(strstr(text, "node-size        :     2048"));
	free(text);
	ck_assert_int_eq(xs_control(g, args, 1, NULL), -EACCES); /* privileged only */
	stop();
}
END_TEST

START_TEST(entries)
{
	struct stored_quota q = small();
	char path[64], *text;
	const char *args[] = {"quota", "2"};

	start(&q);
	for (int i = 1; i <= 4; i++) { /* 1 owned + 4 = 5 */
		snprintf(path, sizeof(path), "n%d", i);
		ck_assert_int_eq(xs_write(g, XS_TX_NONE, path, "", 0), 0);
	}
	ck_assert_int_eq(xs_write(g, XS_TX_NONE, "n5", "", 0), -ENOSPC);
	ck_assert_int_eq(xs_write(g, XS_TX_NONE, "n1", "update", 6), 0); /* not a new node */
	ck_assert_int_eq(xs_control(h->dom0, args, 2, &text), 0);
	ck_assert_ptr_nonnull(strstr(text, "nodes           :        5"));
	free(text);
	/* Nodes created for the domain by dom0 count too; removal gives room back. */
	ck_assert_int_eq(xs_rm(g, XS_TX_NONE, "n4"), 0);
	ck_assert_int_eq(xs_write(g, XS_TX_NONE, "n6/deeper", "", 0), -ENOSPC); /* needs 2 */
	ck_assert_int_eq(xs_write(g, XS_TX_NONE, "n6", "", 0), 0);
	/* dom0 is not limited. */
	for (int i = 0; i < 10; i++) {
		snprintf(path, sizeof(path), "/dom0/n%d", i);
		ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, path, "", 0), 0);
	}
	stop();
}
END_TEST

START_TEST(entries_in_transaction)
{
	struct stored_quota q = small();
	uint32_t tx;

	start(&q);
	ck_assert_int_eq(xs_write(g, XS_TX_NONE, "a", "", 0), 0);
	ck_assert_int_eq(xs_write(g, XS_TX_NONE, "b", "", 0), 0);
	ck_assert_int_eq(xs_write(g, XS_TX_NONE, "c", "", 0), 0); /* 4 owned */
	ck_assert_int_eq(xs_transaction_start(g, &tx), 0);
	ck_assert_int_eq(xs_write(g, tx, "d", "", 0), 0);
	/* At commit 4 + 1 >= 5: Xen's transaction check is one stricter. */
	ck_assert_int_eq(xs_transaction_end(g, tx, false), -ENOSPC);
	stop();
}
END_TEST

START_TEST(node_size)
{
	static char big[4000];

	start(NULL);
	memset(big, 'v', sizeof(big));
	/* 24 header + 8 per permission + value must stay below 2048. */
	ck_assert_int_eq(xs_write(g, XS_TX_NONE, "v", big, 2048 - 24 - 8 - 1), 0);
	ck_assert_int_eq(xs_write(g, XS_TX_NONE, "v", big, 2048 - 24 - 8), -ENOSPC);
	ck_assert_int_eq(xs_write(g, XS_TX_NONE, "new", big, 2048 - 24 - 8), -ENOSPC);
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/local/domain/2/v", big, 4000), 0);
	stop();
}
END_TEST

START_TEST(watches)
{
	struct stored_quota q = small();
	char *p, *t;

	start(&q);
	/* Xen refuses once a domain holds more than the quota: three fit with quota 2. */
	ck_assert_int_eq(xs_watch(g, "w1", "t"), 0);
	ck_assert_int_eq(xs_watch(g, "w2", "t"), 0);
	ck_assert_int_eq(xs_watch(g, "w3", "t"), 0);
	ck_assert_int_eq(xs_watch(g, "w4", "t"), -E2BIG);
	ck_assert_int_eq(xs_unwatch(g, "w1", "t"), 0);
	ck_assert_int_eq(xs_watch(g, "w4", "t"), 0);
	for (int i = 0; i < 4; i++) { /* the registration events */
		ck_assert_int_eq(xs_read_watch(g, &p, &t), 0);
		free(p);
		free(t);
	}
	for (int i = 0; i < 5; i++) { /* dom0 is not limited */
		char token[4] = {(char)('0' + i), 0};

		ck_assert_int_eq(xs_watch(h->dom0, "/x", token), 0);
	}
	stop();
}
END_TEST

START_TEST(transactions)
{
	struct stored_quota q = small();
	uint32_t tx[4];

	start(&q);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(xs_transaction_start(g, &tx[i]), 0);
	ck_assert_int_eq(xs_transaction_start(g, &tx[3]), -ENOSPC);
	ck_assert_int_eq(xs_transaction_end(g, tx[0], true), 0);
	ck_assert_int_eq(xs_transaction_start(g, &tx[3]), 0);
	stop();
}
END_TEST

START_TEST(nodes_per_transaction)
{
	struct stored_quota q = small();
	uint32_t tx;
	char *v;

	start(&q);
	ck_assert_int_eq(xs_transaction_start(g, &tx), 0);
	ck_assert_int_eq(xs_read(g, tx, "/local/domain/2", &v, NULL), 0);
	free(v);
	ck_assert_int_eq(xs_read(g, tx, "/local/domain/2/a", &v, NULL), -ENOENT);
	ck_assert_int_eq(xs_read(g, tx, "/local/domain/2/b", &v, NULL), -ENOENT);
	ck_assert_int_eq(xs_read(g, tx, "/local/domain/2/c", &v, NULL), -ENOSPC);
	ck_assert_int_eq(xs_transaction_end(g, tx, false), -ENOMEM); /* as Xen: it failed */
	stop();
}
END_TEST

START_TEST(permissions_per_node)
{
	struct xs_perm p[6] = {{2, 0}, {0, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 1}};

	start(NULL);
	ck_assert_int_eq(xs_set_perms(g, XS_TX_NONE, "/local/domain/2", p, 5), 0);
	ck_assert_int_eq(xs_set_perms(g, XS_TX_NONE, "/local/domain/2", p, 6), -ENOSPC);
	ck_assert_int_eq(xs_set_perms(h->dom0, XS_TX_NONE, "/local/domain/2", p, 6), 0);
	stop();
}
END_TEST

START_TEST(path_length)
{
	static char rel[XENSTORE_REL_PATH_MAX + 2];
	const int seg = 41; /* 40 characters and a slash: no node gets a huge children list */

	start(NULL);
	for (int i = 0; i < XENSTORE_REL_PATH_MAX; i++)
		rel[i] = i % seg == seg - 1 ? '/' : 'p';
	ck_assert_int_eq(xs_write(g, XS_TX_NONE, rel, "", 0), 0); /* 2048 after the prefix */
	rel[XENSTORE_REL_PATH_MAX] = 'p';
	ck_assert_int_eq(xs_write(g, XS_TX_NONE, rel, "", 0), -EINVAL);
	stop();
}
END_TEST

START_TEST(nodes_go_with_domain)
{
	size_t before;
	struct xs_handle *g7;
	struct xs_perm own = {7, XS_PERM_NONE};

	start(NULL);
	before = stored_harness_count(h);
	g7 = stored_harness_guest(h, 7);
	ck_assert_int_eq(xs_mkdir(h->dom0, XS_TX_NONE, "/local/domain/7"), 0);
	ck_assert_int_eq(xs_set_perms(h->dom0, XS_TX_NONE, "/local/domain/7", &own, 1), 0);
	ck_assert_int_eq(xs_write(g7, XS_TX_NONE, "device/vif/0/state", "4", 1), 0);
	ck_assert_int_eq(xs_write(g7, XS_TX_NONE, "data/x", "1", 1), 0);
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/vm/7/name", "g", 1), 0); /* dom0's */
	ck_assert_uint_eq(stored_harness_count(h), before + 10);
	h->dying[7] = true;
	stored_check_domains(h->s);
	/* Everything domain 7 owned went; dom0's /vm/7 stays (the toolstack removes it). */
	ck_assert_uint_eq(stored_harness_count(h), before + 3);
	ck_assert_int_eq(xs_rm(h->dom0, XS_TX_NONE, "/vm"), 0);
	ck_assert_uint_eq(stored_harness_count(h), before);
	xs_close(g7);
	stop();
}
END_TEST

Suite *store_quota_suite(void)
{
	const TTest *tests[] = {
	    xen_defaults,
	    entries,
	    entries_in_transaction,
	    node_size,
	    watches,
	    transactions,
	    nodes_per_transaction,
	    permissions_per_node,
	    path_length,
	    nodes_go_with_domain,
	};

	return stored_harness_suite("store_quota", tests, HARNESS_ARRAY_SIZE(tests), NULL, NULL);
}
