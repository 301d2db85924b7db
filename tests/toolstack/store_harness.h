/*
 * store_harness.h - an in-memory xenstore daemon for the Check tests of libstore and stored:
 * a fake hypervisor (domains that exist, shut down or die as a test says), ring pages in
 * ordinary memory, event channels that only count notifications, and clients that talk to
 * the daemon core through those rings with libstore's ring transport.
 */
#ifndef STORE_HARNESS_H
#define STORE_HARNESS_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>

#include "libstore/xs_client.h"
#include "stored/stored.h"

#define HARNESS_MAX_DOMS 16
#define HARNESS_PORT_BASE 100 /* local port of domain d: HARNESS_PORT_BASE + d */

struct stored_harness {
	struct stored *s;
	struct xenstore_domain_interface *ring[HARNESS_MAX_DOMS];
	bool exists[HARNESS_MAX_DOMS];
	bool shutdown[HARNESS_MAX_DOMS];
	bool dying[HARNESS_MAX_DOMS];
	bool mapped[HARNESS_MAX_DOMS];
	bool bound[HARNESS_MAX_DOMS];
	unsigned int notified[HARNESS_MAX_DOMS];
	unsigned int log_lines;
	char last_log[256];
	struct xs_handle *dom0; /* dom0's own ring connection (privileged) */
};

/*
 * stored_harness_new - a daemon core with Xen's initial nodes, @quota (NULL: defaults), and
 * dom0 introduced through its ring: h->dom0 talks to it.
 */
struct stored_harness *stored_harness_new(const struct stored_quota *quota);

/* stored_harness_free - everything, including the rings and h->dom0. */
void stored_harness_free(struct stored_harness *h);

/*
 * stored_harness_guest - make domain @domid exist, give it a ring, introduce it through dom0
 * (XS_INTRODUCE) and return a client on its ring (the caller closes it with xs_close).
 * NULL when the introduction failed.
 */
struct xs_handle *stored_harness_guest(struct stored_harness *h, unsigned int domid);

/* stored_harness_ring_client - a second client handle on @domid's existing ring. */
struct xs_handle *stored_harness_ring_client(struct stored_harness *h, unsigned int domid);

/* stored_harness_socket - a new privileged socket connection of the core. */
struct stored_conn *stored_harness_socket(struct stored_harness *h);

/*
 * stored_harness_send - feed one request of @type/@tx with @len payload bytes to socket
 * connection @c. Returns stored_conn_input()'s result (0 or -E2BIG).
 */
int stored_harness_send(struct stored_harness *h, struct stored_conn *c, uint32_t type, uint32_t tx,
			const void *payload, size_t len);

/* stored_harness_recv - take the next whole message queued for @c into @m: 1, or 0: none. */
int stored_harness_recv(struct stored_conn *c, struct xs_msg *m);

/* stored_harness_count - the number of nodes in the store. */
size_t stored_harness_count(struct stored_harness *h);

/* stored_harness_check - the problems the store's consistency check finds (0: none). */
unsigned int stored_harness_check(struct stored_harness *h);

/*
 * The fixture most suites share: stored_fx is a fresh harness (default quotas) before each
 * test; after it, the store must pass its consistency check, and everything is freed.
 */
extern struct stored_harness *stored_fx;
void stored_fx_setup(void);
void stored_fx_teardown(void);

/*
 * stored_harness_suite - a suite @name of the @n tests @tests in one test case, each run
 * between @setup and @teardown (checked fixtures; NULL: none).
 */
Suite *stored_harness_suite(const char *name, const TTest *const *tests, size_t n,
			    void (*setup)(void), void (*teardown)(void));

#define HARNESS_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* STORE_HARNESS_H */
