/*
 * store_harness.c - the in-memory daemon of the store tests (see store_harness.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_harness.h"
#include "stored/core.h"

#define RING_PAGE_BYTES 4096

static struct xenstore_domain_interface *h_map(void *priv, unsigned int domid, uint64_t mfn,
					       int *err)
{
	struct stored_harness *h = priv;

	if (domid >= HARNESS_MAX_DOMS || !h->ring[domid] || h->mapped[domid]) {
		*err = -EINVAL;
		return NULL;
	}
	h->mapped[domid] = true;
	return h->ring[domid];
}

static void h_unmap(void *priv, unsigned int domid, struct xenstore_domain_interface *intf)
{
	struct stored_harness *h = priv;

	h->mapped[domid] = false;
}

static int h_bind(void *priv, unsigned int domid, evtchn_port_t remote)
{
	struct stored_harness *h = priv;

	if (domid >= HARNESS_MAX_DOMS || !h->exists[domid])
		return -ESRCH;
	h->bound[domid] = true;
	return HARNESS_PORT_BASE + (int)domid;
}

static void h_unbind(void *priv, evtchn_port_t port)
{
	struct stored_harness *h = priv;

	h->bound[port - HARNESS_PORT_BASE] = false;
}

static void h_notify(void *priv, evtchn_port_t port)
{
	struct stored_harness *h = priv;

	h->notified[port - HARNESS_PORT_BASE]++;
}

static int h_info(void *priv, unsigned int domid, struct stored_dominfo *info)
{
	struct stored_harness *h = priv;

	if (domid >= HARNESS_MAX_DOMS || !h->exists[domid])
		return -ESRCH;
	info->shutdown = h->shutdown[domid];
	info->dying = h->dying[domid];
	return 0;
}

static void h_log(void *priv, const char *line)
{
	struct stored_harness *h = priv;

	h->log_lines++;
	snprintf(h->last_log, sizeof(h->last_log), "%s", line);
}

static void h_kick(void *arg)
{
	struct stored_harness *h = arg;

	stored_service(h->s);
}

static struct xenstore_domain_interface *ring_alloc(void)
{
	void *p = aligned_alloc(RING_PAGE_BYTES, RING_PAGE_BYTES);

	if (p)
		memset(p, 0, RING_PAGE_BYTES);
	return p;
}

struct stored_harness *stored_harness_new(const struct stored_quota *quota)
{
	struct stored_harness *h = calloc(1, sizeof(*h));
	struct stored_ops ops = {
	    .priv = h,
	    .map_ring = h_map,
	    .unmap_ring = h_unmap,
	    .bind_port = h_bind,
	    .unbind_port = h_unbind,
	    .notify = h_notify,
	    .domain_info = h_info,
	    .log = h_log,
	};

	if (!h)
		return NULL;
	h->exists[0] = true;
	h->ring[0] = ring_alloc();
	h->s = stored_new(&ops, quota);
	if (!h->ring[0] || !h->s || stored_setup_structure(h->s) ||
	    stored_introduce(h->s, 0, 0, 1) || xs_open_ring(h->ring[0], h_kick, h, &h->dom0)) {
		stored_harness_free(h);
		return NULL;
	}
	return h;
}

void stored_harness_free(struct stored_harness *h)
{
	if (!h)
		return;
	xs_close(h->dom0);
	stored_free(h->s);
	for (int i = 0; i < HARNESS_MAX_DOMS; i++)
		free(h->ring[i]);
	free(h);
}

struct xs_handle *stored_harness_ring_client(struct stored_harness *h, unsigned int domid)
{
	struct xs_handle *x;

	if (xs_open_ring(h->ring[domid], h_kick, h, &x))
		return NULL;
	return x;
}

struct xs_handle *stored_harness_guest(struct stored_harness *h, unsigned int domid)
{
	if (domid == 0 || domid >= HARNESS_MAX_DOMS)
		return NULL;
	h->exists[domid] = true;
	h->shutdown[domid] = h->dying[domid] = false;
	if (!h->ring[domid])
		h->ring[domid] = ring_alloc();
	else
		memset(h->ring[domid], 0, RING_PAGE_BYTES);
	if (!h->ring[domid] || xs_introduce_domain(h->dom0, domid, 0x1000 + domid, 7))
		return NULL;
	return stored_harness_ring_client(h, domid);
}

struct stored_conn *stored_harness_socket(struct stored_harness *h)
{
	return stored_conn_new(h->s, NULL);
}

int stored_harness_send(struct stored_harness *h, struct stored_conn *c, uint32_t type, uint32_t tx,
			const void *payload, size_t len)
{
	struct xsd_sockmsg hdr = {.type = type, .req_id = 42, .tx_id = tx, .len = (uint32_t)len};
	int rc = stored_conn_input(c, &hdr, sizeof(hdr));

	if (!rc && len)
		rc = stored_conn_input(c, payload, len);
	stored_service(h->s);
	return rc;
}

int stored_harness_recv(struct stored_conn *c, struct xs_msg *m)
{
	struct xs_reader r;
	const void *data;
	size_t len, used;

	xs_reader_init(&r);
	while ((len = stored_conn_output(c, &data)) != 0) {
		int rc = xs_reader_feed(&r, data, len, &used);

		stored_conn_advance(c, used);
		if (rc == XS_READER_MSG) {
			*m = r.msg;
			return 1;
		}
	}
	return 0;
}

size_t stored_harness_count(struct stored_harness *h)
{
	return stored_node_count(h->s);
}

unsigned int stored_harness_check(struct stored_harness *h)
{
	return stored_check_store(h->s);
}

struct stored_harness *stored_fx;

void stored_fx_setup(void)
{
	stored_fx = stored_harness_new(NULL);
	ck_assert_ptr_nonnull(stored_fx);
}

void stored_fx_teardown(void)
{
	ck_assert_uint_eq(stored_harness_check(stored_fx), 0);
	stored_harness_free(stored_fx);
	stored_fx = NULL;
}

Suite *stored_harness_suite(const char *name, const TTest *const *tests, size_t n,
			    void (*setup)(void), void (*teardown)(void))
{
	Suite *s = suite_create(name);
	TCase *tc = tcase_create(name);

	if (setup || teardown)
		tcase_add_checked_fixture(tc, setup, teardown);
	for (size_t i = 0; i < n; i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	return s;
}
