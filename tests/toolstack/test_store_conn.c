/*
 * test_store_conn.c - the connection layer under bad input: requests in pieces and in
 * batches, malformed payloads and unknown types (an XS_ERROR reply, the connection lives on,
 * as on Xen), and messages that break the framing - oversized, truncated, corrupt ring
 * indexes - which end that connection only: the store, its other connections and the
 * daemon carry on.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_harness.h"
#include "stored/core.h"
#include "unit.h"

/* h: the shared fixture's harness (store_harness.h). */
#define h stored_fx

/* The next message on @c must be of @type with @body (a C string, NUL included). */
static void expect_msg(struct stored_conn *c, uint32_t type, const char *body)
{
	static struct xs_msg m;

	ck_assert_int_eq(stored_harness_recv(c, &m), 1);
	ck_assert_uint_eq(m.hdr.type, type);
	ck_assert_uint_eq(m.hdr.len, strlen(body) + 1);
	ck_assert_str_eq(m.body, body);
}

/* A READ of /local/domain/0/name on @c answers "Domain-0". */
static void works(struct stored_conn *c)
{
	static const char p[] = "/local/domain/0/name";
	static struct xs_msg m;

	ck_assert_int_eq(stored_harness_send(h, c, XS_READ, 0, p, sizeof(p)), 0);
	ck_assert_int_eq(stored_harness_recv(c, &m), 1);
	ck_assert_uint_eq(m.hdr.type, XS_READ);
	ck_assert_uint_eq(m.hdr.len, 8);
	ck_assert_int_eq(memcmp(m.body, "Domain-0", 8), 0);
}

START_TEST(pieces_and_batches)
{
	struct stored_conn *c = stored_harness_socket(h);
	static struct xs_msg a, b, m;
	static char both[2 * sizeof(struct xs_msg)];
	size_t la, lb;

	xs_msg_init(&a, XS_WRITE, 11, 0);
	xs_msg_add_string(&a, "/p");
	xs_msg_add(&a, "val", 3);
	xs_msg_init(&b, XS_READ, 12, 0);
	xs_msg_add_string(&b, "/p");
	la = xs_msg_bytes(&a);
	lb = xs_msg_bytes(&b);
	memcpy(both, &a, la);
	memcpy(both + la, &b, lb);
	for (size_t i = 0; i < la; i++) /* one byte at a time */
		ck_assert_int_eq(stored_conn_input(c, both + i, 1), 0);
	ck_assert_int_eq(stored_harness_recv(c, &m), 1);
	ck_assert_uint_eq(m.hdr.req_id, 11);
	ck_assert_uint_eq(m.hdr.type, XS_WRITE);
	ck_assert_int_eq(stored_conn_input(c, both, la + lb), 0); /* two at once */
	ck_assert_int_eq(stored_harness_recv(c, &m), 1);
	ck_assert_uint_eq(m.hdr.req_id, 11);
	ck_assert_int_eq(stored_harness_recv(c, &m), 1);
	ck_assert_uint_eq(m.hdr.req_id, 12);
	ck_assert_uint_eq(m.hdr.len, 3);
	ck_assert(!stored_conn_has_partial(c));
	stored_conn_close(c);
}
END_TEST

/* Requests that are well framed but wrong, and the error each gets (as on Xen). */
static const struct {
	uint32_t type;
	const char *payload;
	size_t len;
	const char *error;
} bad_requests[] = {
    {XS_READ, "/no-nul", 7, "EINVAL"},
    {XS_READ, "/a\0/b", 6, "EINVAL"},
    {XS_WRITE, "", 0, "EINVAL"},
    {XS_WATCH, "/only-path", 11, "EINVAL"},
    {XS_INTRODUCE, "5", 2, "EINVAL"},
    {XS_TRANSACTION_END, "T", 1, "EINVAL"},
    {XS_CONTROL, "no-such-command", 16, "EINVAL"},
    /* Types with no request behind them. */
    {XS_WATCH_EVENT, "/x\0t", 5, "ENOSYS"},
    {XS_ERROR, "EIO", 4, "ENOSYS"},
    {20, "", 1, "ENOSYS"}, /* the old XS_RESTRICT */
    {0xffffffffu, NULL, 0, "ENOSYS"},
};

START_TEST(malformed_payloads_get_errors)
{
	struct stored_conn *c = stored_harness_socket(h);
	size_t nodes = stored_harness_count(h);

	for (size_t i = 0; i < HARNESS_ARRAY_SIZE(bad_requests); i++) {
		stored_harness_send(h, c, bad_requests[i].type, 0, bad_requests[i].payload,
				    bad_requests[i].len);
		expect_msg(c, XS_ERROR, bad_requests[i].error);
	}
	works(c);
	ck_assert_uint_eq(stored_harness_count(h), nodes);
	stored_conn_close(c);
}
END_TEST

START_TEST(reply_too_big)
{
	struct stored_conn *c = stored_harness_socket(h);
	char path[64];

	for (int i = 0; i < 300; i++) {
		snprintf(path, sizeof(path), "/big/a-rather-long-child-name-%03d", i);
		ck_assert_int_eq(xs_mkdir(h->dom0, XS_TX_NONE, path), 0);
	}
	stored_harness_send(h, c, XS_DIRECTORY, 0, "/big", 5);
	expect_msg(c, XS_ERROR, "E2BIG"); /* over XENSTORE_PAYLOAD_MAX: Xen's send_reply */
	works(c);
	stored_conn_close(c);
}
END_TEST

START_TEST(oversized_ends_only_that_connection)
{
	struct stored_conn *bad = stored_harness_socket(h), *good = stored_harness_socket(h);
	struct xsd_sockmsg hdr = {XS_WRITE, 1, 0, XENSTORE_PAYLOAD_MAX + 1};
	size_t nodes;
	uint32_t tx;

	/* The bad connection holds a watch and a transaction when it misbehaves. */
	stored_harness_send(h, bad, XS_WATCH, 0, "/w\0tok", 7);
	stored_harness_send(h, bad, XS_TRANSACTION_START, 0, "", 1);
	ck_assert_int_eq(xs_transaction_start(h->dom0, &tx), 0);
	nodes = stored_harness_count(h);
	ck_assert_int_eq(stored_conn_input(bad, &hdr, sizeof(hdr)), -E2BIG);
	stored_conn_close(bad);
	ck_assert_uint_eq(stored_harness_count(h), nodes);
	/* Everyone else carries on; the closed watch fires nowhere. */
	works(good);
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/w", "x", 1), 0);
	ck_assert_int_eq(xs_transaction_end(h->dom0, tx, false), 0);
	ck_assert_uint_eq(stored_harness_count(h), nodes + 1);
	/* The largest legal payload is fine. */
	static char payload[XENSTORE_PAYLOAD_MAX];

	memset(payload, 'x', sizeof(payload));
	memcpy(payload, "/big", 5);
	ck_assert_int_eq(stored_harness_send(h, good, XS_WRITE, 0, payload, sizeof(payload)), 0);
	expect_msg(good, XS_WRITE, "OK");
	stored_conn_close(good);
}
END_TEST

START_TEST(truncated_stream)
{
	struct stored_conn *c = stored_harness_socket(h), *other = stored_harness_socket(h);
	struct xsd_sockmsg hdr = {XS_WRITE, 1, 0, 100};
	size_t nodes = stored_harness_count(h);

	ck_assert_int_eq(stored_conn_input(c, &hdr, sizeof(hdr)), 0);
	ck_assert_int_eq(stored_conn_input(c, "/half", 6), 0);
	ck_assert(stored_conn_has_partial(c));
	stored_conn_close(c); /* the peer went away mid-message */
	ck_assert_ptr_nonnull(strstr(h->last_log, "inside a message"));
	ck_assert_uint_eq(stored_harness_count(h), nodes);
	works(other);
	stored_conn_close(other);
}
END_TEST

/* Domain @d's raw ring, as a misbehaving guest would write it. */
static void ring_put(unsigned int d, const void *data, size_t len)
{
	struct xenstore_domain_interface *r = h->ring[d];

	for (size_t i = 0; i < len; i++)
		r->req[MASK_XENSTORE_IDX(r->req_prod + i)] = ((const char *)data)[i];
	r->req_prod += (uint32_t)len;
}

START_TEST(oversized_on_a_ring)
{
	struct xs_handle *g = stored_harness_guest(h, 3);
	struct xsd_sockmsg hdr = {XS_READ, 9, 0, XENSTORE_PAYLOAD_MAX + 100};
	bool yes;
	char *v;

	ck_assert_int_eq(xs_watch(g, "/w", "t"), 0);
	ring_put(3, &hdr, sizeof(hdr));
	stored_service(h->s);
	ck_assert_uint_eq(h->ring[3]->error, XENSTORE_ERROR_PROTO);
	/* Ignored from now on, but still introduced; the rest of the daemon works. */
	ck_assert_int_eq(xs_read(g, XS_TX_NONE, "/local", &v, NULL), -ETIMEDOUT);
	ck_assert_int_eq(xs_is_domain_introduced(h->dom0, 3, &yes), 0);
	ck_assert(yes);
	ck_assert_int_eq(xs_write(h->dom0, XS_TX_NONE, "/w", "x", 1), 0);
	ck_assert_int_eq(xs_release_domain(h->dom0, 3), 0);
	xs_close(g);
}
END_TEST

START_TEST(corrupt_ring_indexes)
{
	struct xs_handle *g = stored_harness_guest(h, 4), *g5 = stored_harness_guest(h, 5);
	char *v;

	h->ring[4]->req_prod = h->ring[4]->req_cons + XENSTORE_RING_SIZE + 1;
	stored_service(h->s);
	ck_assert_uint_eq(h->ring[4]->error, XENSTORE_ERROR_RINGIDX);
	ck_assert_int_eq(xs_get_domain_path(g5, 5, &v), 0); /* another guest is unaffected */
	ck_assert_str_eq(v, "/local/domain/5");
	free(v);
	/* A reply ring whose consumer ran ahead of the producer is corrupt too. */
	h->ring[5]->rsp_cons = h->ring[5]->rsp_prod + 7;
	ring_put(5, "\x02\0\0\0\x01\0\0\0\0\0\0\0\x02\0\0\0/\0", 18); /* a READ of "/" */
	stored_service(h->s);
	ck_assert_uint_eq(h->ring[5]->error, XENSTORE_ERROR_RINGIDX);
	works(stored_harness_socket(h));
	xs_close(g);
	xs_close(g5);
}
END_TEST

START_TEST(malformed_on_a_ring)
{
	struct xs_handle *g = stored_harness_guest(h, 6);
	const struct xs_msg *m;
	struct iovec bad = {"/no-nul", 7};
	char *v;

	ck_assert_int_eq(xs_request(g, XS_READ, 0, &bad, 1, &m), -EINVAL);
	ck_assert_int_eq(xs_request(g, 99, 0, &bad, 1, &m), -ENOSYS);
	ck_assert_int_eq(xs_request(g, XS_INTRODUCE, 0, &bad, 1, &m), -EACCES);
	ck_assert_int_eq(xs_get_domain_path(g, 6, &v), 0); /* still served */
	free(v);
	ck_assert_uint_eq(h->ring[6]->error, XENSTORE_ERROR_NONE);
	xs_close(g);
}
END_TEST

/* A deterministic pseudo-random generator (xorshift32) for the fuzz test. */
static uint32_t fuzz_state = 0x12345678u;

static uint32_t fuzz_next(void)
{
	fuzz_state ^= fuzz_state << 13;
	fuzz_state ^= fuzz_state >> 17;
	fuzz_state ^= fuzz_state << 5;
	return fuzz_state;
}

/* A payload of random pieces: paths, tokens, numbers, permission strings, raw bytes. */
static size_t fuzz_payload(char *buf, size_t max)
{
	static const char *const pieces[] = {
	    "/f",
	    "/f/a",
	    "/f/a/b",
	    "f/rel",
	    "/local/domain/1",
	    "@releaseDomain",
	    "@introduceDomain",
	    "",
	    "T",
	    "F",
	    "0",
	    "1",
	    "5",
	    "n0",
	    "b1",
	    "r2",
	    "w7",
	    "x9",
	    "/",
	    "//",
	    "/f/",
	    "tok",
	    "check",
	    "quota",
	    "-1",
	    "99999999999",
	};
	size_t len = 0, n = fuzz_next() % 5;

	for (size_t i = 0; i < n; i++) {
		const char *p = pieces[fuzz_next() % HARNESS_ARRAY_SIZE(pieces)];
		size_t l = strlen(p) + (fuzz_next() % 4 != 0); /* usually with its NUL */

		if (len + l > max)
			break;
		memcpy(buf + len, p, l);
		len += l;
	}
	for (size_t i = fuzz_next() % 3 ? 0 : fuzz_next() % 8; i > 0 && len < max; i--)
		buf[len++] = (char)fuzz_next(); /* raw bytes, sometimes */
	return len;
}

START_TEST(fuzzed_requests)
{
	struct stored_conn *c = stored_harness_socket(h);
	struct xs_handle *g = stored_harness_guest(h, 1);
	static char payload[256];
	struct xs_msg m;
	size_t base = stored_harness_count(h);
	char *text;

	for (int i = 0; i < 20000; i++) {
		uint32_t type = fuzz_next() % (XS_TYPE_COUNT + 2);
		uint32_t tx = fuzz_next() % 8 ? 0 : fuzz_next() % 4;
		size_t len = fuzz_payload(payload, sizeof(payload));

		if (i % 2 == 0) {
			const struct xs_msg *reply;
			struct iovec part = {payload, len};

			xs_request(g, type, tx, &part, 1,
				   &reply); /* the guest: any answer will do */
			continue;
		}
		if (type == XS_RELEASE)
			continue; /* the socket is privileged: keep domain 1 for the guest's turns
				   */
		ck_assert_int_eq(stored_harness_send(h, c, type, tx, payload, len), 0);
		while (stored_harness_recv(c, &m))
			;
	}
	ck_assert_uint_eq(stored_harness_check(h), 0);
	works(c);
	/* The nodes of a fresh store are all still there; removals keep the store sound. */
	ck_assert_uint_ge(stored_harness_count(h), base);
	ck_assert_int_eq(xs_rm(h->dom0, XS_TX_NONE, "/local/domain/0"), 0);
	ck_assert_int_eq(xs_rm(h->dom0, XS_TX_NONE, "/local/domain/1"), 0);
	ck_assert_int_eq(xs_rm(h->dom0, XS_TX_NONE, "/f"), 0);
	ck_assert_uint_eq(stored_harness_check(h), 0);
	ck_assert_int_eq(xs_read(h->dom0, XS_TX_NONE, "/tool/xenstored", &text, NULL), 0);
	free(text);
	stored_conn_close(c);
	xs_close(g);
}
END_TEST

Suite *store_conn_suite(void)
{
	const TTest *tests[] = {
	    pieces_and_batches,	  malformed_payloads_get_errors,
	    reply_too_big,	  oversized_ends_only_that_connection,
	    truncated_stream,	  oversized_on_a_ring,
	    corrupt_ring_indexes, malformed_on_a_ring,
	    fuzzed_requests,
	};

	return stored_harness_suite("store_conn", tests, HARNESS_ARRAY_SIZE(tests), stored_fx_setup,
				    stored_fx_teardown);
}
