/*
 * test_store_watch.c - watches: the event at registration, prefix matching, removal of
 * subtrees, relative paths, duplicates and unwatch, permissions on events, and the special
 * watches @introduceDomain and @releaseDomain (introduction, release, death, shutdown once
 * until resume; only for connections the special path's permissions admit).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store_harness.h"
#include "stored/core.h"
#include "unit.h"

/* h: the shared fixture's harness (store_harness.h). */
#define h stored_fx

/* The next event of @x must be @want_path/@want_token. */
static void expect_event(struct xs_handle *x, const char *want_path, const char *want_token)
{
	char *path = NULL, *token = NULL;

	stored_service(h->s);
	ck_assert_int_eq(xs_check_watch(x, &path, &token), 0);
	ck_assert_str_eq(path, want_path);
	ck_assert_str_eq(token, want_token);
	free(path);
	free(token);
}

static void expect_no_event(struct xs_handle *x)
{
	char *path, *token;

	stored_service(h->s);
	ck_assert_int_eq(xs_check_watch(x, &path, &token), -EAGAIN);
}

START_TEST(fires_at_registration)
{
	ck_assert_int_eq(xs_watch(h->dom0, "/nowhere/yet", "t1"), 0);
	expect_event(h->dom0, "/nowhere/yet", "t1");
	expect_no_event(h->dom0);
}
END_TEST

START_TEST(prefix_matching)
{
	xs_watch(h->dom0, "/a", "A");
	expect_event(h->dom0, "/a", "A");
	xs_write(h->dom0, XS_TX_NONE, "/a/b/c", "1", 1);
	expect_event(h->dom0, "/a/b/c", "A"); /* one event for the written path */
	expect_no_event(h->dom0);
	xs_write(h->dom0, XS_TX_NONE, "/ab", "1", 1); /* a sibling that shares the prefix */
	expect_no_event(h->dom0);
	xs_write(h->dom0, XS_TX_NONE, "/a", "v", 1);
	expect_event(h->dom0, "/a", "A");
	/* A watch on "/" sees everything. */
	xs_watch(h->dom0, "/", "root");
	expect_event(h->dom0, "/", "root");
	xs_mkdir(h->dom0, XS_TX_NONE, "/zzz");
	expect_event(h->dom0, "/zzz", "root");
	expect_no_event(h->dom0);
}
END_TEST

START_TEST(removal_of_subtree)
{
	xs_write(h->dom0, XS_TX_NONE, "/r/x/y", "1", 1);
	xs_watch(h->dom0, "/r/x/y", "deep");
	expect_event(h->dom0, "/r/x/y", "deep");
	xs_watch(h->dom0, "/r", "top");
	expect_event(h->dom0, "/r", "top");
	xs_rm(h->dom0, XS_TX_NONE, "/r/x");
	/* Deepest first: /r/x/y matches its own watch exactly (and not /r's, which is only
	 * told about the removed path itself), then /r/x. */
	expect_event(h->dom0, "/r/x/y", "deep");
	expect_event(h->dom0, "/r/x", "top");
	expect_no_event(h->dom0);
}
END_TEST

START_TEST(duplicates_and_unwatch)
{
	xs_watch(h->dom0, "/u", "t");
	expect_event(h->dom0, "/u", "t");
	ck_assert_int_eq(xs_watch(h->dom0, "/u", "t"), -EEXIST);
	ck_assert_int_eq(xs_watch(h->dom0, "/u", "t2"), 0); /* another token is another watch */
	expect_event(h->dom0, "/u", "t2");
	ck_assert_int_eq(xs_unwatch(h->dom0, "/u", "t"), 0);
	ck_assert_int_eq(xs_unwatch(h->dom0, "/u", "t"), -ENOENT);
	xs_write(h->dom0, XS_TX_NONE, "/u", "", 0);
	expect_event(h->dom0, "/u", "t2");
	expect_no_event(h->dom0);
	ck_assert_int_eq(xs_watch(h->dom0, "/bad//path", "t"), -EINVAL);
	ck_assert_int_eq(xs_reset_watches(h->dom0), 0);
	xs_write(h->dom0, XS_TX_NONE, "/u", "x", 1);
	expect_no_event(h->dom0);
}
END_TEST

START_TEST(relative_watch_paths)
{
	struct xs_handle *g = stored_harness_guest(h, 4);
	struct xs_perm own = {4, XS_PERM_NONE};

	xs_mkdir(h->dom0, XS_TX_NONE, "/local/domain/4");
	xs_set_perms(h->dom0, XS_TX_NONE, "/local/domain/4", &own, 1);
	ck_assert_int_eq(xs_watch(g, "device", "dev"), 0);
	expect_event(g, "device", "dev");
	xs_write(h->dom0, XS_TX_NONE, "/local/domain/4/device/vif/0", "x", 1);
	expect_event(g, "device/vif/0", "dev");
	ck_assert_int_eq(xs_watch(g, "/local/domain/4/data", "abs"), 0);
	expect_event(g, "/local/domain/4/data", "abs");
	ck_assert_int_eq(xs_unwatch(g, "device", "dev"), 0);
	xs_close(g);
}
END_TEST

START_TEST(events_respect_permissions)
{
	struct xs_handle *g = stored_harness_guest(h, 5);

	ck_assert_int_eq(xs_watch(g, "/secret", "s"), 0);
	expect_event(g, "/secret", "s"); /* the registration event is always sent */
	xs_write(h->dom0, XS_TX_NONE, "/secret/x", "1", 1); /* dom0's, unreadable for d5 */
	expect_no_event(g);
	struct xs_perm r5[2] = {{0, XS_PERM_NONE}, {5, XS_PERM_READ}};

	xs_set_perms(h->dom0, XS_TX_NONE, "/secret/x", r5, 2);
	expect_event(g, "/secret/x", "s"); /* readable now */
	/* Losing access still tells about the change (old permissions count). */
	xs_set_perms(h->dom0, XS_TX_NONE, "/secret/x", r5, 1);
	expect_event(g, "/secret/x", "s");
	xs_write(h->dom0, XS_TX_NONE, "/secret/x", "2", 1);
	expect_no_event(g);
	xs_close(g);
}
END_TEST

START_TEST(introduce_and_release)
{
	struct xs_handle *g;

	xs_watch(h->dom0, "@introduceDomain", "in");
	expect_event(h->dom0, "@introduceDomain", "in");
	xs_watch(h->dom0, "@releaseDomain", "out");
	expect_event(h->dom0, "@releaseDomain", "out");
	g = stored_harness_guest(h, 6);
	expect_event(h->dom0, "@introduceDomain", "in");
	expect_no_event(h->dom0);
	ck_assert_int_eq(xs_release_domain(h->dom0, 6), 0);
	expect_event(h->dom0, "@releaseDomain", "out");
	ck_assert(!h->bound[6] && !h->mapped[6]); /* port and ring let go */
	ck_assert_int_eq(xs_release_domain(h->dom0, 6), -ENOENT);
	ck_assert_int_eq(xs_release_domain(h->dom0, 0), -EINVAL);
	xs_close(g);
}
END_TEST

START_TEST(death_and_shutdown)
{
	struct xs_handle *g = stored_harness_guest(h, 7);

	xs_watch(h->dom0, "@releaseDomain", "out");
	expect_event(h->dom0, "@releaseDomain", "out");
	h->shutdown[7] = true; /* VIRQ_DOM_EXC: the domain shut down */
	stored_check_domains(h->s);
	expect_event(h->dom0, "@releaseDomain", "out");
	stored_check_domains(h->s); /* once only */
	expect_no_event(h->dom0);
	ck_assert_int_eq(xs_resume_domain(h->dom0, 7), 0);
	stored_check_domains(h->s); /* re-armed by RESUME */
	expect_event(h->dom0, "@releaseDomain", "out");
	h->dying[7] = true;
	stored_check_domains(h->s);
	expect_event(h->dom0, "@releaseDomain", "out");
	bool yes = true;

	ck_assert_int_eq(xs_is_domain_introduced(h->dom0, 7, &yes), 0);
	ck_assert(!yes);
	xs_close(g);
}
END_TEST

START_TEST(special_watch_permissions)
{
	struct xs_handle *g = stored_harness_guest(h, 8);
	struct xs_handle *g2;
	struct xs_perm p[2] = {{0, XS_PERM_NONE}, {8, XS_PERM_READ}};

	ck_assert_int_eq(xs_watch(g, "@releaseDomain", "r"), 0);
	expect_event(g, "@releaseDomain", "r");
	g2 = stored_harness_guest(h, 9);
	ck_assert_int_eq(xs_release_domain(h->dom0, 9), 0);
	expect_no_event(g); /* not admitted */
	/* Only a privileged connection (or the owner) may set them; dom0 lets d8 read. */
	ck_assert_int_eq(xs_set_perms(g, XS_TX_NONE, "@releaseDomain", p, 2), -EACCES);
	ck_assert_int_eq(xs_set_perms(h->dom0, XS_TX_NONE, "@releaseDomain", p, 2), 0);
	ck_assert_int_eq(xs_set_perms(h->dom0, XS_TX_NONE, "@other", p, 2), -EINVAL);
	xs_close(g2);
	g2 = stored_harness_guest(h, 9);
	ck_assert_int_eq(xs_release_domain(h->dom0, 9), 0);
	expect_event(g, "@releaseDomain", "r");
	xs_close(g2);
	xs_close(g);
}
END_TEST

START_TEST(same_event_not_queued_twice)
{
	struct stored_conn *c = stored_harness_socket(h);
	struct xs_msg m;
	int events = 0;

	stored_harness_send(h, c, XS_WATCH, 0, "/q\0t", 5);
	/* Four identical changes before the connection reads anything. */
	for (int i = 0; i < 4; i++)
		xs_write(h->dom0, XS_TX_NONE, "/q/sub", "x", 1);
	while (stored_harness_recv(c, &m))
		events += m.hdr.type == XS_WATCH_EVENT;
	ck_assert_int_eq(events, 2); /* the registration event, then one "/q/sub" */
	stored_conn_close(c);
}
END_TEST

Suite *store_watch_suite(void)
{
	const TTest *tests[] = {
	    fires_at_registration,	 prefix_matching,      removal_of_subtree,
	    duplicates_and_unwatch,	 relative_watch_paths, events_respect_permissions,
	    introduce_and_release,	 death_and_shutdown,   special_watch_permissions,
	    same_event_not_queued_twice,
	};

	return stored_harness_suite("store_watch", tests, HARNESS_ARRAY_SIZE(tests),
				    stored_fx_setup, stored_fx_teardown);
}
