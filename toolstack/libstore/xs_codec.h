/*
 * xs_codec.h - the xenstore wire protocol as data: messages (struct xsd_sockmsg and its payload,
 * layout in xen/io/xs_wire.h), the names of message types and errors, the strings a payload is
 * made of, permissions as they travel ("r5", "b0", ...), and a reader that cuts a byte stream
 * into messages.
 *
 * Pure logic: no system calls, shared by the client library (client.c), the daemon
 * (toolstack/stored) and the tests. Protocol rules are those of docs/misc/xenstore.txt and
 * tools/xenstore/xs_lib.c in Xen 4.17.
 */
#ifndef LIBSTORE_XS_CODEC_H
#define LIBSTORE_XS_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/io/xs_wire.h>

/* Bytes of a message header. */
#define XS_HDR_BYTES ((uint32_t)sizeof(struct xsd_sockmsg))

/*
 * struct xs_msg - one message: the header and up to XENSTORE_PAYLOAD_MAX bytes of payload.
 * body[hdr.len] is always kept 0, so a payload that ends without a NUL still reads as a
 * C string (the byte is not part of the message).
 */
struct xs_msg {
	struct xsd_sockmsg hdr;
	char body[XENSTORE_PAYLOAD_MAX + 1];
};

/*
 * xs_msg_init - start message @m of @type with @req_id and @tx_id and an empty payload.
 */
void xs_msg_init(struct xs_msg *m, uint32_t type, uint32_t req_id, uint32_t tx_id);

/*
 * xs_msg_add - append @len bytes of @data to the payload of @m.
 * Returns 0, or -E2BIG (nothing appended) when the payload would pass XENSTORE_PAYLOAD_MAX.
 */
int xs_msg_add(struct xs_msg *m, const void *data, size_t len);

/*
 * xs_msg_add_string - append @s and its terminating NUL to the payload of @m.
 * Returns 0 or -E2BIG as xs_msg_add.
 */
int xs_msg_add_string(struct xs_msg *m, const char *s);

/* xs_msg_bytes - bytes of @m on the wire: header plus payload. */
static inline size_t xs_msg_bytes(const struct xs_msg *m)
{
	return XS_HDR_BYTES + m->hdr.len;
}

/*
 * xs_count_strings - the number of NUL bytes in @len bytes at @data, i.e. of NUL-terminated
 * strings a payload holds (bytes after the last NUL are not a string).
 */
unsigned int xs_count_strings(const char *data, size_t len);

/*
 * xs_get_strings - store in @vec (up to @max entries) the start of each NUL-terminated string
 * in @len bytes at @data, in order. Returns the number of strings there are, which may be more
 * than @max (as Xen's get_strings).
 */
unsigned int xs_get_strings(const char *data, size_t len, const char **vec, unsigned int max);

/*
 * xs_onearg - the single argument of a payload: @data when it holds exactly one string whose
 * NUL is its last byte; NULL otherwise (Xen's onearg(): such requests fail with EINVAL).
 */
const char *xs_onearg(const char *data, size_t len);

/*
 * xs_type_name - the name Xen's xenstored gives message @type ("READ", "WATCH_EVENT", ...),
 * or NULL for a number that names no type.
 */
const char *xs_type_name(uint32_t type);

/*
 * xs_error_name - the name an XS_ERROR reply carries for errno value @err ("ENOENT", ...):
 * one of the sixteen in Xen's xsd_errors table (xen/include/public/io/xs_wire.h), in its order.
 * An errno that table lacks is sent as "EINVAL", as Xen's send_error() does.
 */
const char *xs_error_name(int err);

/*
 * xs_error_from_name - the errno value an XS_ERROR payload names; @name need not be
 * NUL-terminated beyond @len bytes. Returns EINVAL for a name not in Xen's table.
 */
int xs_error_from_name(const char *name, size_t len);

/*
 * Permissions. Each node has one or more entries; the first names the owner and gives the
 * access of every domain not listed after it (docs/misc/xenstore.txt, Xen 4.17).
 */
#define XS_PERM_NONE 0x00
#define XS_PERM_READ 0x01
#define XS_PERM_WRITE 0x02
#define XS_PERM_OWNER 0x08  /* daemon-internal: "may change the permissions" */
#define XS_PERM_IGNORE 0x10 /* daemon-internal: entry of a domain that is gone */

/* Room for a 64-bit number in decimal with its NUL (XS_DIRECTORY_PART's generation). */
#define XS_U64_STRING_MAX 21

/* Longest permission string with its NUL: a letter, a 32-bit decimal id, NUL. */
#define XS_PERM_STRING_MAX 12

struct xs_perm {
	uint32_t id;	/* domid */
	uint32_t perms; /* XS_PERM_* */
};

/*
 * xs_perm_parse - read one permission string @s ("n5", "r0", "w7", "b3") into @p. The id is a
 * number in C syntax as Xen's xs_strings_to_perms reads it (strtol base 0).
 * Returns 0, or -EINVAL for another letter, a missing id or trailing characters.
 */
int xs_perm_parse(const char *s, struct xs_perm *p);

/*
 * xs_perm_format - write @p as a permission string into @buf (@size bytes, at least
 * XS_PERM_STRING_MAX); the daemon-internal bits are not shown.
 * Returns the length written (without NUL), or -EINVAL for a combination with no letter.
 */
int xs_perm_format(const struct xs_perm *p, char *buf, size_t size);

/*
 * struct xs_reader - cuts a byte stream into messages. Feed it bytes as they arrive; once a
 * whole message has come, it is in @msg until the next xs_reader_feed().
 */
struct xs_reader {
	struct xs_msg msg;
	size_t have; /* bytes of the current message received: header, then payload */
};

/* Outcome of xs_reader_feed(). */
enum xs_reader_status {
	XS_READER_MORE = 0, /* all bytes taken; the message is not complete yet */
	XS_READER_MSG = 1,  /* a whole message is in msg */
};

/* xs_reader_init - empty @r. */
void xs_reader_init(struct xs_reader *r);

/*
 * xs_reader_feed - give @r up to @len bytes at @data; *@used receives how many it took (it
 * stops at the end of a message, so the rest belongs to the next call).
 * Returns XS_READER_MSG when a message is complete, XS_READER_MORE when more bytes are needed,
 * or -E2BIG when a header announces more than XENSTORE_PAYLOAD_MAX bytes: a protocol violation
 * after which the stream cannot be resynchronised (docs/misc/xenstore.txt: the daemon then
 * closes the connection).
 */
int xs_reader_feed(struct xs_reader *r, const void *data, size_t len, size_t *used);

/* xs_reader_partial - true while @r holds part of a message (a stream ending now is truncated). */
bool xs_reader_partial(const struct xs_reader *r);

#endif /* LIBSTORE_XS_CODEC_H */
