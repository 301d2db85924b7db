/*
 * test_store_codec.c - libstore's pure parts: messages, payload strings, type and error names,
 * permission strings, the stream reader, ring copies, and value escaping.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "libstore/xs_codec.h"
#include "libstore/xs_ring.h"
#include "libstore/xs_text.h"
#include "store_harness.h"
#include "unit.h"

START_TEST(msg_build_and_limit)
{
	static struct xs_msg m;
	static char big[XENSTORE_PAYLOAD_MAX];

	xs_msg_init(&m, XS_WRITE, 7, 3);
	ck_assert_int_eq(xs_msg_add_string(&m, "/a/b"), 0);
	ck_assert_int_eq(xs_msg_add(&m, "xyz", 3), 0);
	ck_assert_uint_eq(m.hdr.len, 8);
	ck_assert_uint_eq(m.hdr.type, XS_WRITE);
	ck_assert_uint_eq(m.hdr.req_id, 7);
	ck_assert_uint_eq(m.hdr.tx_id, 3);
	ck_assert_uint_eq(xs_msg_bytes(&m), 16 + 8);
	ck_assert_int_eq(memcmp(m.body, "/a/b\0xyz", 9), 0); /* NUL kept after the payload */
	ck_assert_int_eq(xs_msg_add(&m, big, XENSTORE_PAYLOAD_MAX - 8), 0);
	ck_assert_int_eq(xs_msg_add(&m, "x", 1), -E2BIG);
	ck_assert_uint_eq(m.hdr.len, XENSTORE_PAYLOAD_MAX);
}
END_TEST

START_TEST(strings_and_onearg)
{
	static const char p[] = "one\0two\0\0tail"; /* 3 strings, then bytes without NUL */
	const char *vec[2];

	ck_assert_uint_eq(xs_count_strings(p, sizeof(p) - 1), 3);
	ck_assert_uint_eq(xs_get_strings(p, sizeof(p) - 1, vec, 2), 3);
	ck_assert_str_eq(vec[0], "one");
	ck_assert_str_eq(vec[1], "two");
	ck_assert_str_eq(xs_onearg("abc", 4), "abc");
	ck_assert_ptr_null(xs_onearg("abc", 3));  /* no NUL */
	ck_assert_ptr_null(xs_onearg("a\0b", 4)); /* two strings */
	ck_assert_ptr_null(xs_onearg("", 0));
}
END_TEST

START_TEST(type_and_error_names)
{
	static const int errs[] = {EINVAL, EACCES,  EEXIST,    EISDIR, ENOENT, ENOMEM,
				   ENOSPC, EIO,	    ENOTEMPTY, ENOSYS, EROFS,  EBUSY,
				   EAGAIN, EISCONN, E2BIG,     EPERM};

	ck_assert_str_eq(xs_type_name(XS_READ), "READ");
	ck_assert_str_eq(xs_type_name(XS_DIRECTORY_PART), "DIRECTORY_PART");
	ck_assert_str_eq(xs_type_name(XS_CONTROL), "CONTROL");
	ck_assert_ptr_null(xs_type_name(20)); /* XS_RESTRICT is gone */
	ck_assert_ptr_null(xs_type_name(XS_TYPE_COUNT));
	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		const char *name = xs_error_name(errs[i]);

		ck_assert_int_eq(name[0], 'E');
		ck_assert_int_eq(xs_error_from_name(name, strlen(name) + 1), errs[i]);
	}
	ck_assert_str_eq(xs_error_name(ENOENT), "ENOENT");
	ck_assert_str_eq(xs_error_name(ETIMEDOUT), "EINVAL"); /* not in Xen's table */
	ck_assert_int_eq(xs_error_from_name("EWHAT", 6), EINVAL);
	ck_assert_int_eq(xs_error_from_name("EAGAINX", 6), EAGAIN); /* only len bytes count */
}
END_TEST

START_TEST(perm_strings)
{
	struct xs_perm p;
	char buf[XS_PERM_STRING_MAX];

	ck_assert_int_eq(xs_perm_parse("b5", &p), 0);
	ck_assert_uint_eq(p.id, 5);
	ck_assert_uint_eq(p.perms, XS_PERM_READ | XS_PERM_WRITE);
	ck_assert_int_eq(xs_perm_parse("n0", &p), 0);
	ck_assert_uint_eq(p.perms, XS_PERM_NONE);
	ck_assert_int_eq(xs_perm_parse("w0x10", &p), 0); /* strtol base 0, as Xen */
	ck_assert_uint_eq(p.id, 16);
	ck_assert_uint_eq(p.perms, XS_PERM_WRITE);
	ck_assert_int_eq(xs_perm_parse("x1", &p), -EINVAL);
	ck_assert_int_eq(xs_perm_parse("r", &p), -EINVAL);
	ck_assert_int_eq(xs_perm_parse("r5x", &p), -EINVAL);
	p = (struct xs_perm){4294967295u, XS_PERM_READ | XS_PERM_IGNORE};
	ck_assert_int_eq(xs_perm_format(&p, buf, sizeof(buf)), 11);
	ck_assert_str_eq(buf, "r4294967295");
	p.perms = 0x4;
	ck_assert_int_eq(xs_perm_format(&p, buf, sizeof(buf)), -EINVAL);
}
END_TEST

/* Feed @len bytes to @r in pieces of @step; count the messages that complete. */
static int feed_in_steps(struct xs_reader *r, const char *data, size_t len, size_t step,
			 struct xs_msg *last)
{
	int msgs = 0;

	for (size_t off = 0; off < len;) {
		size_t used, n = len - off < step ? len - off : step;
		int rc = xs_reader_feed(r, data + off, n, &used);

		ck_assert_int_ge(rc, 0);
		ck_assert_uint_gt(used, 0);
		off += used;
		if (rc == XS_READER_MSG) {
			msgs++;
			*last = r->msg;
		}
	}
	return msgs;
}

START_TEST(reader_pieces)
{
	static struct xs_msg a, b, last;
	static char stream[2 * sizeof(struct xs_msg)];
	static struct xs_reader r;
	size_t len;

	xs_msg_init(&a, XS_READ, 1, 0);
	xs_msg_add_string(&a, "/first");
	xs_msg_init(&b, XS_DIRECTORY, 2, 9);
	xs_msg_add_string(&b, "/second/longer/path");
	memcpy(stream, &a, xs_msg_bytes(&a));
	memcpy(stream + xs_msg_bytes(&a), &b, xs_msg_bytes(&b));
	len = xs_msg_bytes(&a) + xs_msg_bytes(&b);
	for (size_t step = 1; step <= len; step += 7) {
		xs_reader_init(&r);
		ck_assert_int_eq(feed_in_steps(&r, stream, len, step, &last), 2);
		ck_assert_uint_eq(last.hdr.req_id, 2);
		ck_assert_uint_eq(last.hdr.tx_id, 9);
		ck_assert_str_eq(last.body, "/second/longer/path");
		ck_assert(!xs_reader_partial(&r));
	}
	xs_reader_init(&r);
	ck_assert_int_eq(feed_in_steps(&r, stream, 10, 3, &last), 0);
	ck_assert(xs_reader_partial(&r));
}
END_TEST

START_TEST(reader_oversized)
{
	static struct xs_reader r;
	struct xsd_sockmsg hdr = {XS_WRITE, 1, 0, XENSTORE_PAYLOAD_MAX + 1};
	size_t used;

	xs_reader_init(&r);
	ck_assert_int_eq(xs_reader_feed(&r, &hdr, sizeof(hdr), &used), -E2BIG);
	ck_assert_uint_eq(used, sizeof(hdr));
	/* The stream is lost: further bytes are refused, not copied anywhere. */
	ck_assert_int_eq(xs_reader_feed(&r, "xxxx", 4, &used), -E2BIG);
	hdr.len = XENSTORE_PAYLOAD_MAX; /* the largest allowed passes */
	xs_reader_init(&r);
	ck_assert_int_eq(xs_reader_feed(&r, &hdr, sizeof(hdr), &used), XS_READER_MORE);
}
END_TEST

START_TEST(ring_wraps_and_fills)
{
	static struct xenstore_domain_interface intf;
	static char in[3000], out[3000];
	size_t sent = 0, got = 0;

	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (char)(i * 7);
	intf.req_cons = intf.req_prod = 0xfffffe00u; /* indexes about to wrap around 2^32 */
	while (got < sizeof(in)) {
		int n = xs_ring_write_req(&intf, in + sent, sizeof(in) - sent);

		ck_assert_int_ge(n, 0);
		ck_assert_uint_le(intf.req_prod - intf.req_cons, XENSTORE_RING_SIZE);
		sent += (size_t)n;
		ck_assert(xs_ring_req_avail(&intf) == (sent > got));
		n = xs_ring_read_req(&intf, out + got, 100);
		ck_assert_int_ge(n, 0);
		got += (size_t)n;
	}
	ck_assert_int_eq(memcmp(in, out, sizeof(in)), 0);
	/* A full ring takes nothing more. */
	ck_assert_int_eq(xs_ring_write_rsp(&intf, in, sizeof(in)), XENSTORE_RING_SIZE);
	ck_assert(!xs_ring_rsp_space(&intf));
	ck_assert_int_eq(xs_ring_write_rsp(&intf, in, 1), 0);
	ck_assert_int_eq(xs_ring_read_rsp(&intf, out, sizeof(out)), XENSTORE_RING_SIZE);
	ck_assert_int_eq(memcmp(in, out, XENSTORE_RING_SIZE), 0);
}
END_TEST

START_TEST(ring_corrupt_indexes)
{
	static struct xenstore_domain_interface intf;
	char buf[8];

	intf.req_cons = 0;
	intf.req_prod = XENSTORE_RING_SIZE + 1; /* more unread than the ring holds */
	ck_assert_int_eq(xs_ring_read_req(&intf, buf, sizeof(buf)), -EIO);
	ck_assert_int_eq(xs_ring_write_req(&intf, buf, sizeof(buf)), -EIO);
	ck_assert_uint_eq(intf.req_cons, 0); /* untouched */
	intf.rsp_cons = 10;
	intf.rsp_prod = 5; /* consumer ahead of producer */
	ck_assert_int_eq(xs_ring_write_rsp(&intf, buf, sizeof(buf)), -EIO);
	ck_assert_int_eq(xs_ring_read_rsp(&intf, buf, sizeof(buf)), -EIO);
}
END_TEST

START_TEST(text_escaping)
{
	static const char raw[] = "a b\\c\td\ne\r\x01\x7f\xff";
	char *text = xs_text_escape(raw, sizeof(raw) - 1);
	char back[64];

	ck_assert_str_eq(text, "a b\\\\c\\td\\ne\\r\\001\\x7f\\xff");
	ck_assert_uint_eq(xs_text_unescape(text, back), sizeof(raw) - 1);
	ck_assert_int_eq(memcmp(back, raw, sizeof(raw) - 1), 0);
	free(text);
	ck_assert_uint_eq(xs_text_unescape("x\\0y", back), 3); /* octal: a NUL byte */
	ck_assert_int_eq(memcmp(back, "x\0y", 3), 0);
	ck_assert_uint_eq(xs_text_unescape("\\q\\", back), 2);
	ck_assert_str_eq(back, "q\\");
}
END_TEST

Suite *store_codec_suite(void)
{
	const TTest *tests[] = {
	    msg_build_and_limit,  strings_and_onearg,	type_and_error_names,
	    perm_strings,	  reader_pieces,	reader_oversized,
	    ring_wraps_and_fills, ring_corrupt_indexes, text_escaping,
	};

	return stored_harness_suite("store_codec", tests, HARNESS_ARRAY_SIZE(tests), NULL, NULL);
}
