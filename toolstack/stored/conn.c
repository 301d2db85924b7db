/*
 * conn.c - connections: input framing, the queue of outgoing messages, replies and watch
 * events (API in stored.h and core.h).
 *
 * Input goes through an xs_reader, one per connection, so a request may arrive in any number
 * of pieces; each whole request is handled before the next byte is looked at. A header that
 * announces more than XENSTORE_PAYLOAD_MAX bytes cannot be skipped (the stream has no other
 * framing), so the connection ends there (docs/misc/xenstore.txt).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stored/core.h"

bool stored_conn_unprivileged(const struct stored_conn *c)
{
	return c && c->domain && c->id != 0 && c->id != STORED_PRIV_DOMID;
}

const char *stored_conn_implicit_path(const struct stored_conn *c)
{
	return c && c->domain ? c->domain->path : "/local/domain/0";
}

static struct stored_conn *conn_alloc(struct stored *s)
{
	struct stored_conn *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->s = s;
	c->out_tail = &c->out;
	c->next_tx_id = 1;
	xs_reader_init(&c->reader);
	c->next = s->conns;
	s->conns = c;
	return c;
}

struct stored_conn *stored_conn_new(struct stored *s, void *cookie)
{
	struct stored_conn *c = conn_alloc(s);

	if (c)
		c->cookie = cookie;
	return c;
}

struct stored_conn *stored_conn_new_domain(struct stored *s, struct stored_domain *d)
{
	struct stored_conn *c = conn_alloc(s);

	if (c) {
		c->domain = d;
		c->id = d->domid;
	}
	return c;
}

void *stored_conn_cookie(const struct stored_conn *c)
{
	return c->cookie;
}

void stored_conn_drop_pending(struct stored_conn *c)
{
	while (c->out) {
		struct stored_out *o = c->out;

		c->out = o->next;
		free(o);
	}
	c->out_tail = &c->out;
	xs_reader_init(&c->reader);
}

void stored_conn_destroy(struct stored_conn *c)
{
	struct stored *s = c->s;

	stored_watch_free_all(c);
	stored_trans_free_all(c);
	stored_conn_drop_pending(c);
	if (c->domain && c->domain->conn == c)
		c->domain->conn = NULL;
	for (struct stored_conn **pc = &s->conns; *pc; pc = &(*pc)->next) {
		if ((*pc)->target == c)
			(*pc)->target = NULL;
	}
	for (struct stored_conn **pc = &s->conns; *pc; pc = &(*pc)->next) {
		if (*pc == c) {
			*pc = c->next;
			break;
		}
	}
	free(c);
}

void stored_conn_close(struct stored_conn *c)
{
	if (xs_reader_partial(&c->reader))
		stored_log(c->s, "connection %p: stream ended inside a message (%zu bytes)",
			   (void *)c, c->reader.have);
	stored_conn_destroy(c);
}

bool stored_conn_has_partial(const struct stored_conn *c)
{
	return xs_reader_partial(&c->reader);
}

int stored_conn_feed(struct stored_conn *c, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		size_t used;
		int rc = xs_reader_feed(&c->reader, p, len, &used);

		p += used;
		len -= used;
		if (rc < 0) {
			stored_log(c->s, "d%u: message of %u bytes exceeds %u: connection ended",
				   c->id, c->reader.msg.hdr.len, XENSTORE_PAYLOAD_MAX);
			return E2BIG;
		}
		if (rc == XS_READER_MSG)
			stored_request(c, &c->reader.msg);
	}
	return 0;
}

int stored_conn_input(struct stored_conn *c, const void *data, size_t len)
{
	return -stored_conn_feed(c, data, len);
}

size_t stored_conn_output(struct stored_conn *c, const void **data)
{
	if (!c->out)
		return 0;
	*data = c->out->data + c->out->off;
	return c->out->len - c->out->off;
}

void stored_conn_advance(struct stored_conn *c, size_t n)
{
	while (n && c->out) {
		struct stored_out *o = c->out;
		size_t left = o->len - o->off;

		if (n < left) {
			o->off += n;
			return;
		}
		n -= left;
		c->out = o->next;
		if (!c->out)
			c->out_tail = &c->out;
		free(o);
	}
}

/* Queue a message: header @hdr and @len bytes of @data. 0 or ENOMEM. */
static int queue_msg(struct stored_conn *c, const struct xsd_sockmsg *hdr, const void *data,
		     size_t len, bool event)
{
	struct stored_out *o = malloc(sizeof(*o) + XS_HDR_BYTES + len);

	if (!o)
		return ENOMEM;
	o->next = NULL;
	o->len = XS_HDR_BYTES + len;
	o->off = 0;
	o->event = event;
	memcpy(o->data, hdr, XS_HDR_BYTES);
	if (len)
		memcpy(o->data + XS_HDR_BYTES, data, len);
	*c->out_tail = o;
	c->out_tail = &o->next;
	return 0;
}

int stored_reply(struct stored_conn *c, uint32_t type, const void *data, size_t len)
{
	struct xsd_sockmsg hdr = {
	    .type = type,
	    .req_id = c->req->hdr.req_id,
	    .tx_id = c->req->hdr.tx_id,
	    .len = (uint32_t)len,
	};

	if (len > XENSTORE_PAYLOAD_MAX)
		return stored_reply_error(c, E2BIG);
	return queue_msg(c, &hdr, data, len, false);
}

int stored_reply_ok(struct stored_conn *c)
{
	return stored_reply(c, c->req->hdr.type, "OK", sizeof("OK"));
}

int stored_reply_error(struct stored_conn *c, int err)
{
	const char *name = xs_error_name(err);

	return stored_reply(c, XS_ERROR, name, strlen(name) + 1);
}

/* Is this exact event (@len bytes of path and token) queued on @c already? */
static bool event_queued(const struct stored_conn *c, const char *payload, size_t len)
{
	for (const struct stored_out *o = c->out; o; o = o->next)
		if (o->event && o->len == XS_HDR_BYTES + len &&
		    !memcmp(o->data + XS_HDR_BYTES, payload, len))
			return true;
	return false;
}

void stored_send_event(struct stored_conn *c, const char *path, const char *token)
{
	size_t plen = strlen(path) + 1, len = plen + strlen(token) + 1;
	struct xsd_sockmsg hdr = {.type = XS_WATCH_EVENT, .len = (uint32_t)len};
	char *payload;

	if (len > XENSTORE_PAYLOAD_MAX || c->ignored)
		return;
	payload = malloc(len);
	if (!payload)
		return;
	memcpy(payload, path, plen);
	memcpy(payload + plen, token, len - plen);
	if (path[0] == '@' || !event_queued(c, payload, len))
		queue_msg(c, &hdr, payload, len, true);
	free(payload);
}
