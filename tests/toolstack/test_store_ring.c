/*
 * test_store_ring.c - libstore's client and the daemon core talking through an in-memory
 * ring page, as a guest kernel and xenstored do: many requests of all sizes around the ring,
 * blocking for watch events, notifications, re-introduction (ring reset, reconnection), and
 * a client whose daemon never answers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_harness.h"
#include "unit.h"

/* h: the shared fixture's harness (store_harness.h). */
#define h stored_fx

START_TEST(many_sizes_around_the_ring)
{
	static char val[3500], *got;
	char path[32];
	unsigned int len;

	for (int i = 0; i < 200; i++) {
		size_t n = (size_t)(i * 37) % sizeof(val);

		memset(val, 'a' + i % 26, n);
		snprintf(path, sizeof(path), "/ring/%d", i % 20);
		ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, path, val, (unsigned int)n), 0);
		ck_assert_int_eq(xs_read(h->dom0, XS_TX_NONE, path, &got, &len), 0);
		ck_assert_uint_eq(len, n);
		ck_assert_int_eq(memcmp(got, val, n), 0);
		free(got);
	}
	ck_assert_uint_gt(h->ring[0]->req_prod, 100 * XENSTORE_RING_SIZE); /* went round */
	ck_assert_uint_eq(h->ring[0]->req_prod, h->ring[0]->req_cons);
	ck_assert_uint_eq(h->ring[0]->rsp_prod, h->ring[0]->rsp_cons);
	ck_assert_uint_gt(h->notified[0], 200); /* the daemon signals each answer */
}
END_TEST

START_TEST(blocking_watch_read)
{
	struct xs_handle *g = stored_harness_guest(h, 2);
	struct xs_perm r2[2] = {{0, XS_PERM_NONE}, {2, XS_PERM_READ}};
	char *path, *token;

	ck_assert_int_eq(xs_mkdir(h->dom0, XS_TX_NONE, "/backend"), 0);
	ck_assert_int_eq(xs_set_perms(h->dom0, XS_TX_NONE, "/backend", r2, 2), 0);
	ck_assert_int_eq(xs_watch(g, "/backend", "be"), 0);
	ck_assert_int_eq(xs_read_watch(g, &path, &token), 0);
	free(path);
	free(token);
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/backend/vbd", "1", 1), 0);
	/* The event waits in the guest's ring until the guest reads it. */
	ck_assert_int_eq(xs_read_watch(g, &path, &token), 0);
	ck_assert_str_eq(path, "/backend/vbd");
	ck_assert_str_eq(token, "be");
	free(path);
	free(token);
	/* Nothing more: a ring client gives up after its idle notifications. */
	ck_assert_int_eq(xs_read_watch(g, &path, &token), -ETIMEDOUT);
	xs_close(g);
}
END_TEST

START_TEST(events_between_replies)
{
	char *v, *path, *token;

	ck_assert_int_eq(xs_watch(h->dom0, "/ev", "t"), 0);
	/* Events that arrive while the client waits for replies are kept for later. */
	for (int i = 0; i < 3; i++) {
		char p[16];

		snprintf(p, sizeof(p), "/ev/%d", i);
		ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, p, "", 0), 0);
	}
	ck_assert_int_eq(xs_read(h->dom0, XS_TX_NONE, "/ev/2", &v, NULL), 0);
	free(v);
	const char *want[] = {"/ev", "/ev/0", "/ev/1", "/ev/2"};

	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(xs_check_watch(h->dom0, &path, &token), 0);
		ck_assert_str_eq(path, want[i]);
		free(path);
		free(token);
	}
	ck_assert_int_eq(xs_check_watch(h->dom0, &path, &token), -EAGAIN);
}
END_TEST

START_TEST(reintroduce_resets_ring)
{
	struct xs_handle *g = stored_harness_guest(h, 3), *again;
	char *path, *token, *v;

	ck_assert_int_eq(xs_watch(g, "/x", "t"), 0);
	ck_assert_int_eq(xs_read_watch(g, &path, &token), 0);
	free(path);
	free(token);
	xs_close(g);
	/* The guest asks for a reconnection; the toolstack introduces it again. */
	h->ring[3]->connection = XENSTORE_RECONNECT;
	ck_assert_int_eq(xs_introduce_domain(h->dom0, 3, 0x1003, 7), 0);
	ck_assert_uint_eq(h->ring[3]->connection, XENSTORE_CONNECTED);
	ck_assert_uint_eq(h->ring[3]->req_prod, 0); /* indexes zeroed */
	ck_assert_uint_eq(h->ring[3]->rsp_prod, 0);
	again = stored_harness_ring_client(h, 3);
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/x", "", 0), 0);
	ck_assert_int_eq(xs_check_watch(again, &path, &token), -EAGAIN); /* watch dropped */
	ck_assert_int_eq(xs_get_domain_path(again, 3, &v), 0);
	free(v);
	xs_close(again);
}
END_TEST

START_TEST(control_and_introduce_rules)
{
	const char *help[] = {"help"}, *print[] = {"print", "hello from the test"};
	char *text;
	struct xs_handle *g;

	ck_assert_int_eq(xs_control(h->dom0, help, 1, &text), 0);
	ck_assert_ptr_nonnull(strstr(text, "quota"));
	free(text);
	ck_assert_int_eq(xs_control(h->dom0, print, 2, NULL), 0);
	ck_assert_ptr_nonnull(strstr(h->last_log, "hello from the test"));
	/* INTRODUCE needs a port and a domain whose ring can be mapped. */
	ck_assert_int_eq(xs_introduce_domain(h->dom0, 9, 0x1009, 0), -EINVAL);
	ck_assert_int_eq(xs_introduce_domain(h->dom0, 9, 0x1009, 7), -EINVAL); /* no ring */
	g = stored_harness_guest(h, 9);
	ck_assert_ptr_nonnull(g);
	ck_assert(h->mapped[9] && h->bound[9]);
	xs_close(g);
}
END_TEST

static void kick(void *arg)
{
	stored_service(arg);
}

START_TEST(unanswered_client)
{
	static struct xenstore_domain_interface ring;
	struct xs_handle *x;
	char *v;

	/* A ring nobody serves: the notify callback runs the daemon, which ignores it. */
	ck_assert_int_eq(xs_open_ring(&ring, kick, h->s, &x), 0);
	ck_assert_int_eq(xs_read(x, XS_TX_NONE, "/", &v, NULL), -ETIMEDOUT);
	xs_close(x);
}
END_TEST

Suite *store_ring_suite(void)
{
	const TTest *tests[] = {
	    many_sizes_around_the_ring, blocking_watch_read,	     events_between_replies,
	    reintroduce_resets_ring,	control_and_introduce_rules, unanswered_client,
	};

	return stored_harness_suite("store_ring", tests, HARNESS_ARRAY_SIZE(tests), stored_fx_setup,
				    stored_fx_teardown);
}
