/*
 * test_store_trans.c - transactions: isolation, read-your-own-writes, commit and abort,
 * conflicts (EAGAIN, as Xen 4.17 detects them by generation counts), watches held until
 * commit, node counts, and the protocol errors around transaction ids.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store_harness.h"
#include "unit.h"

static struct stored_harness *h;
static struct xs_handle *a, *b; /* dom0 (privileged), domain 1 (owns /t) */

static void setup(void)
{
	struct xs_perm all = {1, XS_PERM_NONE};

	h = stored_harness_new(NULL);
	ck_assert_ptr_nonnull(h);
	a = h->dom0;
	b = stored_harness_guest(h, 1);
	ck_assert_ptr_nonnull(b);
	/* Domain 1 owns /t, so it may do anything there. */
	ck_assert_int_eq(xs_mkdir(a, XS_TX_NONE, "/t"), 0);
	ck_assert_int_eq(xs_set_perms(a, XS_TX_NONE, "/t", &all, 1), 0);
}

static void teardown(void)
{
	xs_close(b);
	ck_assert_uint_eq(stored_harness_check(h), 0);
	stored_harness_free(h);
}

/* Read @path in @tx: its value into @buf (cleared on error); the errno. */
static int rd(struct xs_handle *x, uint32_t tx, const char *path, char *buf)
{
	char *v;
	int rc = xs_read(x, tx, path, &v, NULL);

	buf[0] = 0;
	if (!rc) {
		strcpy(buf, v);
		free(v);
	}
	return rc;
}

START_TEST(isolation_and_own_writes)
{
	uint32_t tx;
	char v[64];

	ck_assert_int_eq(xs_write(b, XS_TX_NONE, "/t/x", "old", 3), 0);
	ck_assert_int_eq(xs_transaction_start(b, &tx), 0);
	ck_assert_uint_ne(tx, 0);
	ck_assert_int_eq(xs_write(b, tx, "/t/x", "new", 3), 0);
	ck_assert_int_eq(xs_write(b, tx, "/t/y/z", "made", 4), 0);
	ck_assert_int_eq(rd(b, tx, "/t/x", v), 0); /* the transaction sees its writes */
	ck_assert_str_eq(v, "new");
	ck_assert_int_eq(rd(b, tx, "/t/y/z", v), 0);
	ck_assert_int_eq(rd(a, XS_TX_NONE, "/t/x", v), 0); /* nobody else does, yet */
	ck_assert_str_eq(v, "old");
	ck_assert_int_eq(rd(a, XS_TX_NONE, "/t/y", v), -ENOENT);
	ck_assert_int_eq(xs_transaction_end(b, tx, false), 0);
	ck_assert_int_eq(rd(a, XS_TX_NONE, "/t/x", v), 0);
	ck_assert_str_eq(v, "new");
	ck_assert_int_eq(rd(a, XS_TX_NONE, "/t/y/z", v), 0);
	ck_assert_str_eq(v, "made");
}
END_TEST

START_TEST(abort_discards)
{
	uint32_t tx;
	char v[64];
	size_t before = stored_harness_count(h);

	ck_assert_int_eq(xs_transaction_start(b, &tx), 0);
	ck_assert_int_eq(xs_write(b, tx, "/t/gone/deep", "x", 1), 0);
	ck_assert_int_eq(xs_rm(b, tx, "/t"), 0);
	/* Gone in the transaction; "/" is dom0's, so domain 1 learns only EACCES. */
	ck_assert_int_eq(rd(b, tx, "/t", v), -EACCES);
	ck_assert_int_eq(rd(b, tx, "/t/gone/deep", v), -EACCES);
	ck_assert_int_eq(xs_transaction_end(b, tx, true), 0);
	ck_assert_int_eq(rd(a, XS_TX_NONE, "/t", v), 0);
	ck_assert_int_eq(rd(a, XS_TX_NONE, "/t/gone", v), -ENOENT);
	ck_assert_uint_eq(stored_harness_count(h), before);
	/* The id is no longer valid. */
	ck_assert_int_eq(rd(b, tx, "/t", v), -ENOENT);
}
END_TEST

START_TEST(conflict_on_read_node)
{
	uint32_t tx;
	char v[64];

	xs_write(a, XS_TX_NONE, "/t/n", "1", 1);
	ck_assert_int_eq(xs_transaction_start(b, &tx), 0);
	ck_assert_int_eq(rd(b, tx, "/t/n", v), 0);
	ck_assert_int_eq(xs_write(b, tx, "/t/other", "2", 1), 0);
	ck_assert_int_eq(xs_write(a, XS_TX_NONE, "/t/n", "changed", 7), 0); /* concurrent */
	ck_assert_int_eq(rd(b, tx, "/t/n", v), 0); /* the transaction keeps its view */
	ck_assert_str_eq(v, "1");
	ck_assert_int_eq(xs_transaction_end(b, tx, false), -EAGAIN);
	ck_assert_int_eq(rd(a, XS_TX_NONE, "/t/other", v), -ENOENT); /* nothing applied */
	ck_assert_int_eq(rd(a, XS_TX_NONE, "/t/n", v), 0);
	ck_assert_str_eq(v, "changed");
}
END_TEST

START_TEST(conflict_on_creation_and_removal)
{
	uint32_t tx;
	char v[64];

	/* Read as missing, created meanwhile. */
	ck_assert_int_eq(xs_transaction_start(b, &tx), 0);
	ck_assert_int_eq(rd(b, tx, "/t/new", v), -ENOENT);
	xs_write(a, XS_TX_NONE, "/t/new", "x", 1);
	ck_assert_int_eq(xs_transaction_end(b, tx, false), -EAGAIN);
	/* Read, removed meanwhile (Xen's example 3). */
	ck_assert_int_eq(xs_transaction_start(b, &tx), 0);
	ck_assert_int_eq(rd(b, tx, "/t/new", v), 0);
	xs_rm(a, XS_TX_NONE, "/t/new");
	ck_assert_int_eq(xs_transaction_end(b, tx, false), -EAGAIN);
}
END_TEST

START_TEST(no_conflict_elsewhere)
{
	uint32_t tx1, tx2;
	char v[64];

	ck_assert_int_eq(xs_transaction_start(b, &tx1), 0);
	ck_assert_int_eq(xs_write(b, tx1, "/t/p", "1", 1), 0);
	xs_write(a, XS_TX_NONE, "/elsewhere", "x", 1); /* unrelated change */
	ck_assert_int_eq(xs_transaction_end(b, tx1, false), 0);
	/* Two transactions of one connection: the second commits over the first's node. */
	ck_assert_int_eq(xs_transaction_start(b, &tx1), 0);
	ck_assert_int_eq(xs_transaction_start(b, &tx2), 0);
	ck_assert_uint_ne(tx1, tx2);
	ck_assert_int_eq(rd(b, tx1, "/t/p", v), 0);
	ck_assert_int_eq(xs_write(b, tx2, "/t/p", "2", 1), 0);
	ck_assert_int_eq(xs_transaction_end(b, tx2, false), 0);
	ck_assert_int_eq(xs_transaction_end(b, tx1, false), -EAGAIN); /* it read /t/p */
}
END_TEST

START_TEST(watches_wait_for_commit)
{
	uint32_t tx;
	char *path, *token;

	ck_assert_int_eq(xs_watch(a, "/t/w", "tok"), 0);
	ck_assert_int_eq(xs_read_watch(a, &path, &token), 0); /* the registration event */
	free(path);
	free(token);
	ck_assert_int_eq(xs_transaction_start(b, &tx), 0);
	ck_assert_int_eq(xs_write(b, tx, "/t/w/x", "1", 1), 0);
	stored_service(h->s);
	ck_assert_int_eq(xs_check_watch(a, &path, &token), -EAGAIN);
	ck_assert_int_eq(xs_transaction_end(b, tx, false), 0);
	ck_assert_int_eq(xs_read_watch(a, &path, &token), 0);
	ck_assert_str_eq(path, "/t/w/x");
	ck_assert_str_eq(token, "tok");
	free(path);
	free(token);
	/* An aborted transaction fires nothing. */
	ck_assert_int_eq(xs_transaction_start(b, &tx), 0);
	ck_assert_int_eq(xs_write(b, tx, "/t/w/y", "1", 1), 0);
	ck_assert_int_eq(xs_transaction_end(b, tx, true), 0);
	stored_service(h->s);
	ck_assert_int_eq(xs_check_watch(a, &path, &token), -EAGAIN);
}
END_TEST

START_TEST(transaction_ids)
{
	const struct xs_msg *m;
	struct iovec t = {"T", 2};
	char v[64];
	uint32_t tx;

	/* Unknown id: ENOENT; END without a transaction: ENOENT; bad argument: EINVAL. */
	ck_assert_int_eq(rd(a, 999, "/t", v), -ENOENT);
	ck_assert_int_eq(xs_request(a, XS_TRANSACTION_END, 0, &t, 1, &m), -ENOENT);
	ck_assert_int_eq(xs_transaction_start(a, &tx), 0);
	t.iov_base = "X";
	ck_assert_int_eq(xs_request(a, XS_TRANSACTION_END, tx, &t, 1, &m), -EINVAL);
	/* No nesting: TRANSACTION_START inside a transaction is EBUSY. */
	t.iov_base = "";
	t.iov_len = 1;
	ck_assert_int_eq(xs_request(a, XS_TRANSACTION_START, tx, &t, 1, &m), -EBUSY);
	ck_assert_int_eq(xs_transaction_end(a, tx, false), 0);
}
END_TEST

START_TEST(counts_follow_commit)
{
	uint32_t tx;
	size_t before = stored_harness_count(h);

	ck_assert_int_eq(xs_transaction_start(b, &tx), 0);
	ck_assert_int_eq(xs_write(b, tx, "/t/c/1", "", 0), 0);
	ck_assert_int_eq(xs_write(b, tx, "/t/c/2", "", 0), 0);
	ck_assert_uint_eq(stored_harness_count(h), before);
	ck_assert_int_eq(xs_transaction_end(b, tx, false), 0);
	ck_assert_uint_eq(stored_harness_count(h), before + 3);
	ck_assert_int_eq(xs_transaction_start(b, &tx), 0);
	ck_assert_int_eq(xs_rm(b, tx, "/t/c"), 0);
	ck_assert_int_eq(xs_transaction_end(b, tx, false), 0);
	ck_assert_uint_eq(stored_harness_count(h), before);
	/* teardown's consistency check also compares each domain's count with its nodes */
}
END_TEST

START_TEST(retry_loop_succeeds)
{
	uint32_t tx;
	char v[64];
	int tries = 0, rc;

	xs_write(a, XS_TX_NONE, "/t/counter", "0", 1);
	do {
		tries++;
		ck_assert_int_eq(xs_transaction_start(b, &tx), 0);
		ck_assert_int_eq(rd(b, tx, "/t/counter", v), 0);
		v[0]++;
		if (tries == 1)
			xs_write(a, XS_TX_NONE, "/t/counter", "5", 1); /* interferes once */
		ck_assert_int_eq(xs_write(b, tx, "/t/counter", v, 1), 0);
		rc = xs_transaction_end(b, tx, false);
	} while (rc == -EAGAIN);
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(tries, 2);
	ck_assert_int_eq(rd(a, XS_TX_NONE, "/t/counter", v), 0);
	ck_assert_str_eq(v, "6");
}
END_TEST

Suite *store_trans_suite(void)
{
	const TTest *tests[] = {
	    isolation_and_own_writes, abort_discards,
	    conflict_on_read_node,    conflict_on_creation_and_removal,
	    no_conflict_elsewhere,    watches_wait_for_commit,
	    transaction_ids,	      counts_follow_commit,
	    retry_loop_succeeds,
	};

	return stored_harness_suite("store_trans", tests, HARNESS_ARRAY_SIZE(tests), setup,
				    teardown);
}
