/*
 * decompress.c - the compressions Linux uses for its bzImage payload
 * (CONFIG_KERNEL_GZIP, _XZ, _LZ4, _ZSTD), each through its Debian library,
 * with a cap on the output so a hostile file cannot make us allocate
 * without bound.
 *
 * Linux appends the uncompressed size as 4 little-endian bytes to every
 * payload (scripts/Makefile.lib size_append; for gzip they are the
 * stream's own ISIZE). Here they are only a first guess for the output
 * buffer, never trusted. LZ4 payloads use the legacy frame format
 * (lib/decompress_unlz4.c): the magic 0x184C2102, then blocks, each a
 * 4-byte little-endian compressed size and at most 8 MiB once decompressed;
 * the magic may appear again between blocks; a zero size, the end of the
 * data, or the appended size word ends the stream.
 */
#include <errno.h>
#include <lz4.h>
#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "builder/internal.h"

#define LZ4_LEGACY_MAGIC 0x184C2102u
#define LZ4_LEGACY_BLOCK_BYTES (8u << 20) /* LZ4_DEFAULT_UNCOMPRESSED_CHUNK_SIZE */
#define SIZE_WORD_BYTES 4
#define MIN_GUESS_BYTES (64u << 10)
#define HINT_SLACK_BYTES 4096
#define XZ_MEMLIMIT_BYTES (256ULL << 20) /* Linux's xz_wrap.sh uses a 32 MiB dictionary */
#define ZLIB_CHUNK_MAX 0x40000000u	 /* uInt-sized pieces of input/output for zlib */
/* A size word claiming more than this many times the input is not believed. */
#define MAX_RATIO 64

struct outbuf;

/* decode_fn - decompress in[0, in_bytes) into o; 0 or a negative errno with err set. */
typedef int (*decode_fn)(const uint8_t *in, size_t in_bytes, struct outbuf *o, struct bld_err *err);
static int gunzip(const uint8_t *in, size_t in_bytes, struct outbuf *o, struct bld_err *err);
static int unxz(const uint8_t *in, size_t in_bytes, struct outbuf *o, struct bld_err *err);
static int unlz4(const uint8_t *in, size_t in_bytes, struct outbuf *o, struct bld_err *err);
static int unzstd(const uint8_t *in, size_t in_bytes, struct outbuf *o, struct bld_err *err);
static int copy_plain(const uint8_t *in, size_t in_bytes, struct outbuf *o, struct bld_err *err);

/* The formats by their magic; those without a decoder are recognised only to be named. */
static const struct {
	enum bld_compression c;
	const char *name;
	const char *magic;
	size_t len;
	decode_fn decode;
} formats[] = {
    {BLD_COMP_GZIP, "gzip", "\x1f\x8b", 2, gunzip},
    {BLD_COMP_XZ, "XZ", "\xfd\x37\x7a\x58\x5a\x00", 6, unxz}, /* FD "7zXZ" 00 */
    {BLD_COMP_LZ4, "LZ4", "\x02\x21\x4c\x18", 4, unlz4},      /* 0x184C2102, little-endian */
    {BLD_COMP_ZSTD, "zstd", "\x28\xb5\x2f\xfd", 4, unzstd},
    {BLD_COMP_NONE, "uncompressed", "\x7f\x45\x4c\x46", 4, copy_plain}, /* an ELF image */
    {BLD_COMP_BZIP2, "bzip2", "BZh", 3, NULL},
    {BLD_COMP_LZMA, "LZMA", "\x5d\x00\x00", 3, NULL},
    {BLD_COMP_LZO, "LZO", "\x89LZO", 4, NULL},
};

/* format_of - the index of the bytes' format in formats[], or its size when unknown. */
static size_t format_of(const void *data, size_t bytes)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (bytes >= formats[i].len && !memcmp(data, formats[i].magic, formats[i].len))
			break;
	return i;
}

const char *bld_compression_name(enum bld_compression c)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (formats[i].c == c)
			return formats[i].name;
	return "unknown";
}

enum bld_compression bld_detect_compression(const void *data, size_t bytes)
{
	size_t i = format_of(data, bytes);

	return i < sizeof(formats) / sizeof(formats[0]) ? formats[i].c : BLD_COMP_UNKNOWN;
}

/* ---- the output buffer ---- */

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

struct outbuf {
	uint8_t *buf;
	size_t len, cap; /* bytes written, bytes allocated */
	size_t max;	 /* the caller's cap */
};

/*
 * prefault - fault in the whole pages of [from, from + bytes) with one system call
 * (MADV_POPULATE_WRITE, Linux 5.14) rather than one page fault per page as a decoder fills
 * them: in a PV dom0 each fault is a trip through the hypervisor. Best effort: an older
 * kernel's EINVAL only leaves the faults to happen as before.
 */
static void prefault(uint8_t *from, size_t bytes)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t start = ((uintptr_t)from + page - 1) & ~(page - 1);
	uintptr_t end = ((uintptr_t)from + bytes) & ~(page - 1);

	if (end > start)
		madvise((void *)start, end - start, MADV_POPULATE_WRITE);
#else
	(void)from;
	(void)bytes;
#endif
}

/* out_reserve - room for at least need more bytes: 0, -EFBIG past the cap, -ENOMEM. */
static int out_reserve(struct outbuf *o, size_t need)
{
	size_t cap = o->cap ? o->cap : need;

	if (need > o->max - o->len)
		return -EFBIG;
	if (o->cap - o->len >= need)
		return 0;
	if (cap > o->max)
		cap = o->max;
	while (cap - o->len < need)
		cap = cap > o->max / 2 ? o->max : cap * 2;
	uint8_t *b = realloc(o->buf, cap);
	if (!b)
		return -ENOMEM;
	o->buf = b;
	o->cap = cap;
	prefault(b + o->len, cap - o->len);
	return 0;
}

/* out_grow - a full buffer for a streaming decoder: double it, up to the cap. */
static int out_grow(struct outbuf *o)
{
	size_t want = o->cap ? o->cap : MIN_GUESS_BYTES;

	if (want > o->max - o->len)
		want = o->max - o->len;
	return want ? out_reserve(o, want) : -EFBIG;
}

/*
 * out_init - allocate a first guess: the appended size word (plus a page,
 * so that a decoder finds its end without growing the buffer) when it is
 * plausible (no more than MAX_RATIO times the input), else MIN_GUESS_BYTES.
 */
static int out_init(struct outbuf *o, const uint8_t *in, size_t in_bytes, size_t max)
{
	size_t guess = MIN_GUESS_BYTES;

	memset(o, 0, sizeof(*o));
	o->max = max;
	if (in_bytes >= SIZE_WORD_BYTES) {
		size_t hint = le32(in + in_bytes - SIZE_WORD_BYTES);
		if (hint > guess && hint / MAX_RATIO <= in_bytes)
			guess = hint +
				HINT_SLACK_BYTES; /* a decoder sees its end before a full buffer */
	}
	if (guess > max)
		guess = max;
	return guess && out_reserve(o, guess) == -ENOMEM ? -ENOMEM : 0;
}

static int too_big(struct bld_err *err, const char *what, size_t max)
{
	return bld_fail(err, -EFBIG, "%s: decompresses to more than the %zu-byte cap", what, max);
}

/* ---- gzip (zlib) ---- */

static uInt zchunk(size_t bytes)
{
	return (uInt)(bytes > ZLIB_CHUNK_MAX ? ZLIB_CHUNK_MAX : bytes);
}

static int gunzip(const uint8_t *in, size_t in_bytes, struct outbuf *o, struct bld_err *err)
{
	z_stream zs = {0};
	size_t used = 0; /* input bytes consumed */
	int rc = 0, zrc = Z_OK;

	if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) /* 16: gzip header and trailer */
		return bld_fail(err, -ENOMEM, "gzip: cannot set up zlib");
	while (zrc != Z_STREAM_END) {
		if (o->len == o->cap && (rc = out_grow(o)))
			break;
		zs.next_in = (Bytef *)(in + used);
		zs.avail_in = zchunk(in_bytes - used);
		zs.next_out = o->buf + o->len;
		zs.avail_out = zchunk(o->cap - o->len);
		uInt in_before = zs.avail_in, out_before = zs.avail_out;
		zrc = inflate(&zs, Z_NO_FLUSH);
		used += in_before - zs.avail_in;
		o->len += out_before - zs.avail_out;
		if (zrc == Z_MEM_ERROR)
			rc = -ENOMEM;
		else if (zrc == Z_DATA_ERROR || zrc == Z_NEED_DICT || zrc == Z_STREAM_ERROR)
			rc = bld_fail(err, -EINVAL, "gzip: corrupt data (%s)",
				      zs.msg ? zs.msg : "?");
		else if (zrc == Z_BUF_ERROR && used == in_bytes)
			rc = bld_fail(err, -EINVAL, "gzip: truncated");
		if (rc)
			break;
	}
	inflateEnd(&zs);
	return rc == -EFBIG ? too_big(err, "gzip", o->max) : rc;
}

/* ---- XZ (liblzma) ---- */

static const char *lzma_why(lzma_ret r)
{
	switch (r) {
	case LZMA_FORMAT_ERROR:
		return "not in the .xz format";
	case LZMA_OPTIONS_ERROR:
		return "unsupported options";
	case LZMA_DATA_ERROR:
		return "corrupt data";
	case LZMA_BUF_ERROR:
		return "truncated";
	case LZMA_MEMLIMIT_ERROR:
		return "needs more than 256 MiB of memory to decode";
	default:
		return "decoder error";
	}
}

static int unxz(const uint8_t *in, size_t in_bytes, struct outbuf *o, struct bld_err *err)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_ret r = LZMA_OK;
	int rc = 0;

	if (lzma_stream_decoder(&s, XZ_MEMLIMIT_BYTES, 0) != LZMA_OK)
		return bld_fail(err, -ENOMEM, "XZ: cannot set up liblzma");
	s.next_in = in;
	s.avail_in = in_bytes;
	while (r == LZMA_OK) {
		if (o->len == o->cap && (rc = out_grow(o)))
			break;
		s.next_out = o->buf + o->len;
		s.avail_out = o->cap - o->len;
		r = lzma_code(&s, LZMA_FINISH);
		o->len = o->cap - s.avail_out;
	}
	lzma_end(&s);
	if (rc)
		return rc == -EFBIG ? too_big(err, "XZ", o->max) : rc;
	if (r == LZMA_MEM_ERROR)
		return -ENOMEM;
	if (r != LZMA_STREAM_END)
		return bld_fail(err, -EINVAL, "XZ: %s", lzma_why(r));
	return 0;
}

/* ---- zstd (libzstd) ---- */

static int unzstd(const uint8_t *in, size_t in_bytes, struct outbuf *o, struct bld_err *err)
{
	ZSTD_DCtx *d = ZSTD_createDCtx();
	ZSTD_inBuffer ib = {in, in_bytes, 0};
	size_t left = 1; /* ZSTD_decompressStream returns 0 at the end of a frame */
	int rc = 0;

	if (!d)
		return -ENOMEM;
	while (left) {
		if (o->len == o->cap && (rc = out_grow(o)))
			break;
		ZSTD_outBuffer ob = {o->buf, o->cap, o->len};
		left = ZSTD_decompressStream(d, &ob, &ib);
		o->len = ob.pos;
		if (ZSTD_isError(left)) {
			rc = bld_fail(err, -EINVAL, "zstd: %s", ZSTD_getErrorName(left));
			break;
		}
		/* Output not full: zstd flushed all it could and wants more input. */
		if (left && ib.pos == ib.size && ob.pos < ob.size) {
			rc = bld_fail(err, -EINVAL, "zstd: truncated");
			break;
		}
	}
	ZSTD_freeDCtx(d);
	return rc == -EFBIG ? too_big(err, "zstd", o->max) : rc;
}

/* ---- LZ4 legacy frames (liblz4's block decoder) ---- */

/*
 * lz4_block - decode one block and append it: straight into the output buffer when the
 * room left there holds it (with the size word's guess, every block), else through an
 * 8 MiB scratch buffer (*scratch, allocated on first need) and a grown output buffer.
 */
static int lz4_block(const uint8_t *src, uint32_t n, uint8_t **scratch, struct outbuf *o,
		     size_t at, struct bld_err *err)
{
	size_t room = o->cap - o->len;
	int got = -1, rc;

	if (room)
		got = LZ4_decompress_safe((const char *)src, (char *)o->buf + o->len, (int)n,
					  (int)(room < LZ4_LEGACY_BLOCK_BYTES ? room
									: LZ4_LEGACY_BLOCK_BYTES));
	if (got >= 0) {
		o->len += (size_t)got;
		return 0;
	}
	if (room >= LZ4_LEGACY_BLOCK_BYTES) /* a block never holds more than this */
		return bld_fail(err, -EINVAL, "LZ4: corrupt block at byte %zu", at);
	if (!*scratch && !(*scratch = malloc(LZ4_LEGACY_BLOCK_BYTES)))
		return -ENOMEM;
	got = LZ4_decompress_safe((const char *)src, (char *)*scratch, (int)n,
				  (int)LZ4_LEGACY_BLOCK_BYTES);
	if (got < 0)
		return bld_fail(err, -EINVAL, "LZ4: corrupt block at byte %zu", at);
	rc = out_reserve(o, (size_t)got);
	if (rc == -EFBIG)
		return too_big(err, "LZ4", o->max);
	if (rc)
		return rc;
	memcpy(o->buf + o->len, *scratch, (size_t)got);
	o->len += (size_t)got;
	return 0;
}

static int unlz4(const uint8_t *in, size_t in_bytes, struct outbuf *o, struct bld_err *err)
{
	size_t pos = SIZE_WORD_BYTES; /* past the magic */
	uint8_t *scratch = NULL;
	int rc = 0;

	while (!rc && in_bytes - pos >= SIZE_WORD_BYTES) {
		uint32_t n = le32(in + pos);
		size_t left = in_bytes - pos - SIZE_WORD_BYTES;

		if (n == LZ4_LEGACY_MAGIC) {
			pos += SIZE_WORD_BYTES;
			continue;
		}
		if (n == 0 || (left == 0 && n == (uint32_t)o->len))
			break; /* an end marker, or the size word Linux appends */
		if (n > (uint32_t)LZ4_compressBound((int)LZ4_LEGACY_BLOCK_BYTES))
			rc = bld_fail(err, -EINVAL,
				      "LZ4: block of %u bytes at byte %zu is too large", n, pos);
		else if (n > left)
			rc = bld_fail(err, -EINVAL, "LZ4: truncated block at byte %zu", pos);
		else
			rc = lz4_block(in + pos + SIZE_WORD_BYTES, n, &scratch, o, pos, err);
		pos += SIZE_WORD_BYTES + n;
	}
	if (!rc && pos < in_bytes && in_bytes - pos < SIZE_WORD_BYTES)
		rc = bld_fail(err, -EINVAL, "LZ4: %zu stray bytes at the end", in_bytes - pos);
	free(scratch);
	return rc;
}

/* ---- dispatch ---- */

static int copy_plain(const uint8_t *in, size_t in_bytes, struct outbuf *o, struct bld_err *err)
{
	int rc = out_reserve(o, in_bytes);

	if (rc == -EFBIG)
		return bld_fail(err, rc, "ELF image: %zu bytes, more than the %zu-byte cap",
				in_bytes, o->max);
	if (rc)
		return rc;
	memcpy(o->buf, in, in_bytes);
	o->len = in_bytes;
	return 0;
}

int bld_decompress(const void *in, size_t in_bytes, size_t max_bytes, uint8_t **out,
		   size_t *out_bytes, enum bld_compression *what, struct bld_err *err)
{
	size_t i = format_of(in, in_bytes);
	struct outbuf o;
	int rc;

	if (what)
		*what = bld_detect_compression(in, in_bytes);
	if (i == sizeof(formats) / sizeof(formats[0]))
		return bld_fail(err, -ENOEXEC,
				"unknown compression (not gzip, XZ, LZ4, zstd or ELF)");
	if (!formats[i].decode)
		return bld_fail(err, -EOPNOTSUPP,
				"%s compression is not supported (gzip, XZ, LZ4 and zstd are)",
				formats[i].name);
	rc = out_init(&o, in, in_bytes, max_bytes);
	if (!rc)
		rc = formats[i].decode(in, in_bytes, &o, err);
	if (rc) {
		free(o.buf);
		return rc;
	}
	*out = o.buf;
	*out_bytes = o.len;
	return 0;
}
