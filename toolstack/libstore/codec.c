/*
 * codec.c - xenstore messages, payload strings, type and error names, permission strings and
 * the stream reader (declarations and rules in xs_codec.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libstore/xs_codec.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void xs_msg_init(struct xs_msg *m, uint32_t type, uint32_t req_id, uint32_t tx_id)
{
	m->hdr.type = type;
	m->hdr.req_id = req_id;
	m->hdr.tx_id = tx_id;
	m->hdr.len = 0;
	m->body[0] = 0;
}

int xs_msg_add(struct xs_msg *m, const void *data, size_t len)
{
	if (len > XENSTORE_PAYLOAD_MAX - m->hdr.len)
		return -E2BIG;
	if (len)
		memcpy(m->body + m->hdr.len, data, len);
	m->hdr.len += len;
	m->body[m->hdr.len] = 0;
	return 0;
}

int xs_msg_add_string(struct xs_msg *m, const char *s)
{
	return xs_msg_add(m, s, strlen(s) + 1);
}

unsigned int xs_count_strings(const char *data, size_t len)
{
	unsigned int n = 0;

	for (size_t i = 0; i < len; i++)
		if (data[i] == 0)
			n++;
	return n;
}

unsigned int xs_get_strings(const char *data, size_t len, const char **vec, unsigned int max)
{
	unsigned int n = 0;
	size_t off = 0;

	while (off < len) {
		const char *nul = memchr(data + off, 0, len - off);

		if (!nul)
			break;
		if (n < max)
			vec[n] = data + off;
		n++;
		off = (size_t)(nul - data) + 1;
	}
	return n;
}

const char *xs_onearg(const char *data, size_t len)
{
	if (len == 0 || memchr(data, 0, len) != data + len - 1)
		return NULL;
	return data;
}

static const char *const type_names[XS_TYPE_COUNT] = {
    [XS_CONTROL] = "CONTROL",
    [XS_DIRECTORY] = "DIRECTORY",
    [XS_READ] = "READ",
    [XS_GET_PERMS] = "GET_PERMS",
    [XS_WATCH] = "WATCH",
    [XS_UNWATCH] = "UNWATCH",
    [XS_TRANSACTION_START] = "TRANSACTION_START",
    [XS_TRANSACTION_END] = "TRANSACTION_END",
    [XS_INTRODUCE] = "INTRODUCE",
    [XS_RELEASE] = "RELEASE",
    [XS_GET_DOMAIN_PATH] = "GET_DOMAIN_PATH",
    [XS_WRITE] = "WRITE",
    [XS_MKDIR] = "MKDIR",
    [XS_RM] = "RM",
    [XS_SET_PERMS] = "SET_PERMS",
    [XS_WATCH_EVENT] = "WATCH_EVENT",
    [XS_ERROR] = "ERROR",
    [XS_IS_DOMAIN_INTRODUCED] = "IS_DOMAIN_INTRODUCED",
    [XS_RESUME] = "RESUME",
    [XS_SET_TARGET] = "SET_TARGET",
    [XS_RESET_WATCHES] = "RESET_WATCHES",
    [XS_DIRECTORY_PART] = "DIRECTORY_PART",
};

const char *xs_type_name(uint32_t type)
{
	return type < XS_TYPE_COUNT ? type_names[type] : NULL;
}

/* Xen's xsd_errors, in its order: EINVAL first, the fallback for anything else. */
static const struct {
	int err;
	const char *name;
} error_names[] = {
    {EINVAL, "EINVAL"},	      {EACCES, "EACCES"},   {EEXIST, "EEXIST"}, {EISDIR, "EISDIR"},
    {ENOENT, "ENOENT"},	      {ENOMEM, "ENOMEM"},   {ENOSPC, "ENOSPC"}, {EIO, "EIO"},
    {ENOTEMPTY, "ENOTEMPTY"}, {ENOSYS, "ENOSYS"},   {EROFS, "EROFS"},	{EBUSY, "EBUSY"},
    {EAGAIN, "EAGAIN"},	      {EISCONN, "EISCONN"}, {E2BIG, "E2BIG"},	{EPERM, "EPERM"},
};

const char *xs_error_name(int err)
{
	for (size_t i = 0; i < ARRAY_SIZE(error_names); i++)
		if (error_names[i].err == err)
			return error_names[i].name;
	return error_names[0].name;
}

int xs_error_from_name(const char *name, size_t len)
{
	size_t n = strnlen(name, len);

	for (size_t i = 0; i < ARRAY_SIZE(error_names); i++)
		if (strlen(error_names[i].name) == n && !memcmp(error_names[i].name, name, n))
			return error_names[i].err;
	return EINVAL;
}

int xs_perm_parse(const char *s, struct xs_perm *p)
{
	char *end;

	switch (s[0]) {
	case 'n':
		p->perms = XS_PERM_NONE;
		break;
	case 'r':
		p->perms = XS_PERM_READ;
		break;
	case 'w':
		p->perms = XS_PERM_WRITE;
		break;
	case 'b':
		p->perms = XS_PERM_READ | XS_PERM_WRITE;
		break;
	default:
		return -EINVAL;
	}
	if (!s[1])
		return -EINVAL;
	p->id = (uint32_t)strtol(s + 1, &end, 0);
	return *end ? -EINVAL : 0;
}

int xs_perm_format(const struct xs_perm *p, char *buf, size_t size)
{
	static const char letters[] = {'n', 'r', 'w', 'b'};
	uint32_t bits = p->perms & ~(XS_PERM_IGNORE | XS_PERM_OWNER);

	if (bits > (XS_PERM_READ | XS_PERM_WRITE))
		return -EINVAL;
	return snprintf(buf, size, "%c%u", letters[bits], p->id);
}

void xs_reader_init(struct xs_reader *r)
{
	r->have = 0;
	r->msg.hdr.len = 0;
}

static bool reader_complete(const struct xs_reader *r)
{
	return r->have >= XS_HDR_BYTES && r->have == XS_HDR_BYTES + r->msg.hdr.len;
}

int xs_reader_feed(struct xs_reader *r, const void *data, size_t len, size_t *used)
{
	const char *in = data;
	size_t take;

	*used = 0;
	if (reader_complete(r))
		xs_reader_init(r);
	if (r->have < XS_HDR_BYTES) {
		take = XS_HDR_BYTES - r->have;
		if (take > len)
			take = len;
		memcpy((char *)&r->msg.hdr + r->have, in, take);
		r->have += take;
		*used += take;
		if (r->have < XS_HDR_BYTES)
			return XS_READER_MORE;
	}
	if (r->msg.hdr.len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG; /* stays so: the stream is lost */
	take = XS_HDR_BYTES + r->msg.hdr.len - r->have;
	if (take > len - *used)
		take = len - *used;
	memcpy(r->msg.body + (r->have - XS_HDR_BYTES), in + *used, take);
	r->have += take;
	*used += take;
	if (!reader_complete(r))
		return XS_READER_MORE;
	r->msg.body[r->msg.hdr.len] = 0;
	return XS_READER_MSG;
}

bool xs_reader_partial(const struct xs_reader *r)
{
	return r->have > 0 && !reader_complete(r);
}
