/*
 * test_builder_image.c - kernel files (toolstack/builder/bzimage.c,
 * decompress.c, kernel.c): bzImages built here around a test kernel
 * compressed at test time with each library (the LZ4 legacy frames by
 * hand, as Linux's build makes them), output caps, corrupt and truncated
 * input, bad setup headers. When scripts/fetch-kernel has put Debian's
 * kernels in $BUILD/cache/kernel, they are loaded and built into a fake
 * domain too; otherwise those checks are left out with a message.
 */
#include <errno.h>
#include <lz4.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <lamina/pv_image.h>

#include "builder_fake.h"
#include "unit.h"

#define LZ4_MAGIC "\x02\x21\x4c\x18"
#define LZ4_BLOCK (8u << 20)
#define SETUP_SECTS 3
#define PAYLOAD_OFFSET 0x1c0
#define PROTOCOL 0x020f

static struct bld_kernel kernel;
static struct bld_err err;
static uint8_t *elf, *packed, *file, *out;
static size_t elf_bytes, packed_bytes, file_bytes, out_bytes;

static void teardown(void)
{
	bld_kernel_free(&kernel);
	free(elf);
	free(packed);
	free(file);
	free(out);
	elf = packed = file = out = NULL;
}

static void make_elf(void)
{
	struct bld_fake_kernel_spec s = {
	    .paddr = 0x1000000, .text_bytes = 0x9000, .data_filesz = 0x3000, .data_memsz = 0x8000};

	elf = bld_fake_kernel(&s, &elf_bytes);
}

/* ---- compressing, as Linux's build does ---- */

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* append_size - Linux's size_append: the uncompressed size after the stream. */
static void append_size(uint8_t **buf, size_t *n, size_t size)
{
	*buf = realloc(*buf, *n + 4);
	ck_assert_ptr_nonnull(*buf);
	put_le32(*buf + *n, (uint32_t)size);
	*n += 4;
}

static uint8_t *gzip(const uint8_t *in, size_t n, size_t *outn)
{
	z_stream zs = {0};
	uLong cap;
	uint8_t *o;

	ck_assert_int_eq(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
			 Z_OK);
	cap = deflateBound(&zs, (uLong)n);
	o = malloc(cap);
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)n;
	zs.next_out = o;
	zs.avail_out = (uInt)cap;
	ck_assert_int_eq(deflate(&zs, Z_FINISH), Z_STREAM_END);
	*outn = zs.total_out;
	deflateEnd(&zs);
	return o;
}

static uint8_t *xz(const uint8_t *in, size_t n, size_t *outn)
{
	size_t cap = lzma_stream_buffer_bound(n), pos = 0;
	uint8_t *o = malloc(cap);

	ck_assert_int_eq(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC32, NULL, in, n, o, &pos, cap),
			 LZMA_OK);
	*outn = pos;
	return o;
}

static uint8_t *zstd(const uint8_t *in, size_t n, size_t *outn)
{
	size_t cap = ZSTD_compressBound(n);
	uint8_t *o = malloc(cap);

	*outn = ZSTD_compress(o, cap, in, n, 19);
	ck_assert(!ZSTD_isError(*outn));
	return o;
}

/*
 * lz4_legacy - the legacy frame format by hand: the magic, then blocks of
 * block bytes of input, each its compressed size (le32) and data; with
 * magic_again the magic is repeated after the first block, as a
 * concatenation of two frames would have it.
 */
static uint8_t *lz4_legacy(const uint8_t *in, size_t n, size_t block, bool magic_again,
			   size_t *outn)
{
	size_t blocks = n / block + 1;
	uint8_t *o = malloc(8 + blocks * (4 + (size_t)LZ4_compressBound((int)block)));
	size_t pos = 4;

	memcpy(o, LZ4_MAGIC, 4);
	for (size_t off = 0; off < n; off += block) {
		int len = (int)(n - off < block ? n - off : block);
		int c = LZ4_compress_default((const char *)in + off, (char *)o + pos + 4, len,
					     LZ4_compressBound(len));
		ck_assert_int_gt(c, 0);
		put_le32(o + pos, (uint32_t)c);
		pos += 4 + (size_t)c;
		if (magic_again && off == 0) {
			memcpy(o + pos, LZ4_MAGIC, 4);
			pos += 4;
		}
	}
	*outn = pos;
	return o;
}

typedef uint8_t *(*compress_fn)(const uint8_t *in, size_t n, size_t *outn);

static uint8_t *lz4(const uint8_t *in, size_t n, size_t *outn)
{
	return lz4_legacy(in, n, LZ4_BLOCK, false, outn);
}

static const struct {
	enum bld_compression c;
	compress_fn fn;
	bool size_word; /* Linux appends one (gzip carries ISIZE instead) */
} codecs[] = {
    {BLD_COMP_GZIP, gzip, false},
    {BLD_COMP_XZ, xz, true},
    {BLD_COMP_LZ4, lz4, true},
    {BLD_COMP_ZSTD, zstd, true},
};

#define NR_CODECS (sizeof(codecs) / sizeof(codecs[0]))

/* pack - packed = codec i's compression of in, with Linux's size word where it adds one. */
static void pack(size_t i, const uint8_t *in, size_t n)
{
	free(packed);
	packed = codecs[i].fn(in, n, &packed_bytes);
	if (codecs[i].size_word)
		append_size(&packed, &packed_bytes, n);
}

/* bzimage - file = a bzImage around payload, with the given protocol and setup_sects. */
static void bzimage(const uint8_t *payload, size_t n, uint16_t version, uint8_t setup_sects)
{
	size_t start = ((setup_sects ? setup_sects : 4) + 1) * 512 + PAYLOAD_OFFSET;

	free(file);
	file_bytes = start + n;
	file = calloc(1, file_bytes);
	ck_assert_ptr_nonnull(file);
	file[0x1f1] = setup_sects;
	file[0x1fe] = 0x55;
	file[0x1ff] = 0xaa;
	memcpy(file + 0x202, "HdrS", 4);
	file[0x206] = (uint8_t)version;
	file[0x207] = (uint8_t)(version >> 8);
	put_le32(file + 0x248, PAYLOAD_OFFSET);
	put_le32(file + 0x24c, (uint32_t)n);
	memcpy(file + start, payload, n);
}

static void load_ok(void)
{
	ck_assert_msg(bld_kernel_load(&kernel, file, file_bytes, 0, &err) == 0, "%s", err.msg);
}

static void load_fails(int rc, const char *message)
{
	ck_assert_int_eq(bld_kernel_load(&kernel, file, file_bytes, 0, &err), rc);
	ck_assert_str_eq(err.msg, message);
	ck_assert_ptr_null(kernel.elf);
}

/* ---- bzImages ---- */

START_TEST(bzimage_each_compression)
{
	make_elf();
	for (size_t i = 0; i < NR_CODECS; i++) {
		pack(i, elf, elf_bytes);
		bzimage(packed, packed_bytes, PROTOCOL, i == 0 ? 0 : SETUP_SECTS);
		load_ok();
		ck_assert(kernel.bzimage);
		ck_assert_int_eq(kernel.compression, codecs[i].c);
		ck_assert_uint_eq(kernel.boot_protocol, PROTOCOL);
		ck_assert_uint_eq(kernel.elf_bytes, elf_bytes);
		ck_assert_mem_eq(kernel.elf, elf, elf_bytes);
		ck_assert_uint_eq(kernel.entry,
				  BLD_FAKE_VIRT_BASE + 0x1000000 + BLD_FAKE_ENTRY_OFFSET);
		bld_kernel_free(&kernel);
	}
}
END_TEST

START_TEST(bzimage_uncompressed_payload)
{
	make_elf();
	bzimage(elf, elf_bytes, 0x0208, SETUP_SECTS);
	load_ok();
	ck_assert_int_eq(kernel.compression, BLD_COMP_NONE);
	ck_assert_mem_eq(kernel.elf, elf, elf_bytes);
}
END_TEST

START_TEST(bzimage_bad_headers)
{
	uint8_t junk[0x300] = {0};
	size_t n;

	free(file);
	file = malloc(sizeof(junk));
	memcpy(file, junk, sizeof(junk));
	file_bytes = sizeof(junk);
	load_fails(-ENOEXEC, "not a kernel: neither an ELF image nor a bzImage");
	file_bytes = 0;
	load_fails(-ENOEXEC, "not a kernel: neither an ELF image nor a bzImage");

	make_elf();
	bzimage(elf, elf_bytes, 0x0207, SETUP_SECTS);
	load_fails(-EINVAL, "bzImage boot protocol 2.07 is older than 2.08 (no payload fields)");
	bzimage(elf, elf_bytes, PROTOCOL, SETUP_SECTS);
	put_le32(file + 0x24c, (uint32_t)elf_bytes + 1);
	n = file_bytes;
	char msg[128];
	snprintf(msg, sizeof(msg),
		 "bzImage payload (%zu bytes at %d) does not lie inside the %zu-byte file",
		 elf_bytes + 1, (SETUP_SECTS + 1) * 512 + PAYLOAD_OFFSET, n);
	load_fails(-EINVAL, msg);
	put_le32(file + 0x248, 0xfffffff0);
	ck_assert_int_eq(bld_kernel_load(&kernel, file, file_bytes, 0, &err), -EINVAL);
}
END_TEST

START_TEST(bzimage_bad_payloads)
{
	static const uint8_t hello[] = "hello, world: not a kernel";

	bzimage((const uint8_t *)"BZh91AY&SY", 10, PROTOCOL, SETUP_SECTS);
	load_fails(-EOPNOTSUPP, "bzImage payload (bzip2): bzip2 compression is not supported "
				"(gzip, XZ, LZ4 and zstd are)");
	bzimage((const uint8_t *)"\x5d\x00\x00\x80", 4, PROTOCOL, SETUP_SECTS);
	load_fails(-EOPNOTSUPP, "bzImage payload (LZMA): LZMA compression is not supported "
				"(gzip, XZ, LZ4 and zstd are)");
	bzimage(hello, sizeof(hello), PROTOCOL, SETUP_SECTS);
	load_fails(-ENOEXEC, "bzImage payload (unknown): unknown compression (not gzip, XZ, LZ4, "
			     "zstd or ELF)");
	pack(0, hello, sizeof(hello));
	bzimage(packed, packed_bytes, PROTOCOL, SETUP_SECTS);
	load_fails(-ENOEXEC, "bzImage payload (gzip): not an ELF image");

	/* An ELF that is no PV kernel, and one cut short. */
	make_elf();
	uint8_t *v = memmem(elf, elf_bytes, "xen-3.0", 7);
	ck_assert_ptr_nonnull(v);
	v[4] = '2';
	pack(3, elf, elf_bytes);
	bzimage(packed, packed_bytes, PROTOCOL, SETUP_SECTS);
	load_fails(-ENOEXEC, "bzImage kernel: no Xen notes (XEN_VERSION \"xen-3.0\" missing): not "
			     "a PV kernel");
	pack(3, elf, 100);
	bzimage(packed, packed_bytes, PROTOCOL, SETUP_SECTS);
	load_fails(-ENOEXEC, "bzImage kernel: program headers lie outside the file");
}
END_TEST

START_TEST(plain_elf_cap)
{
	char msg[80];

	make_elf();
	ck_assert_int_eq(bld_kernel_load(&kernel, elf, elf_bytes, 100, &err), -EFBIG);
	snprintf(msg, sizeof(msg), "ELF image: %zu bytes, more than the 100-byte cap", elf_bytes);
	ck_assert_str_eq(err.msg, msg);
	ck_assert_int_eq(bld_kernel_load(&kernel, elf, elf_bytes, elf_bytes, &err), 0);
}
END_TEST

START_TEST(map_file)
{
	char dir[] = "/tmp/lamina-bld-XXXXXX", path[64];
	const uint8_t *data = NULL, *none = NULL;
	size_t bytes = 0, none_bytes = 0;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/k", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	ck_assert_int_eq(bld_map_file(path, 5, &data, &bytes, &err), 0);
	ck_assert_uint_eq(bytes, 0); /* an empty file maps to nothing, and is no error */
	bld_unmap_file(data, bytes);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("12345", f);
	fclose(f);
	ck_assert_int_eq(bld_map_file(path, 5, &data, &bytes, &err), 0);
	ck_assert_uint_eq(bytes, 5);
	ck_assert_mem_eq(data, "12345", 5);
	ck_assert_int_eq(bld_map_file(path, 4, &none, &none_bytes, &err), -EFBIG);
	ck_assert(strstr(err.msg, "/k: larger than 4 bytes"));
	ck_assert_int_eq(bld_map_file(dir, 4, &none, &none_bytes, &err), -EINVAL);
	ck_assert(strstr(err.msg, ": not a regular file"));
	unlink(path);
	ck_assert_mem_eq(data, "12345", 5); /* the mapping outlives the name */
	bld_unmap_file(data, bytes);
	ck_assert_int_eq(bld_map_file(path, 4, &none, &none_bytes, &err), -ENOENT);
	ck_assert(strstr(err.msg, "/k: No such file or directory"));
	ck_assert_ptr_null(none);
	ck_assert_uint_eq(none_bytes, 0);
	rmdir(dir);
}
END_TEST

/* ---- decompression ---- */

/* sample - n bytes that compress, but not to nothing. */
static uint8_t *sample(size_t n)
{
	uint8_t *b = malloc(n);
	uint32_t x = 1;

	ck_assert_ptr_nonnull(b);
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		b[i] = (uint8_t)((i / 64) ^ (x >> 28));
	}
	return b;
}

START_TEST(lz4_legacy_frames)
{
	size_t n = 2 * LZ4_BLOCK + 12345;
	uint8_t *data = sample(n);

	/* Three blocks, the magic again after the first, Linux's size word at the end. */
	packed = lz4_legacy(data, n, LZ4_BLOCK, true, &packed_bytes);
	append_size(&packed, &packed_bytes, n);
	ck_assert_int_eq(bld_decompress(packed, packed_bytes, n, &out, &out_bytes, NULL, &err), 0);
	ck_assert_uint_eq(out_bytes, n);
	ck_assert_mem_eq(out, data, n);
	free(out);
	out = NULL;

	/* A zero size ends the stream; what follows is not read. */
	packed_bytes -= 4;
	append_size(&packed, &packed_bytes, 0);
	append_size(&packed, &packed_bytes, 0xdeadbeef);
	ck_assert_int_eq(bld_decompress(packed, packed_bytes, n, &out, &out_bytes, NULL, &err), 0);
	ck_assert_uint_eq(out_bytes, n);
	free(out);
	out = NULL;

	/* A size word that is not the output's size is a truncated block. */
	packed_bytes -= 8;
	append_size(&packed, &packed_bytes, n + 1);
	ck_assert_int_eq(bld_decompress(packed, packed_bytes, n, &out, &out_bytes, NULL, &err),
			 -EINVAL);
	free(data);
}
END_TEST

START_TEST(lz4_without_size_word)
{
	size_t n = LZ4_BLOCK + 4321;
	uint8_t *data = sample(n);

	/* No size word: the buffer starts small, blocks go through the scratch buffer. */
	packed = lz4_legacy(data, n, LZ4_BLOCK, false, &packed_bytes);
	ck_assert_int_eq(bld_decompress(packed, packed_bytes, n, &out, &out_bytes, NULL, &err), 0);
	ck_assert_uint_eq(out_bytes, n);
	ck_assert_mem_eq(out, data, n);
	free(out);
	out = NULL;
	/* A size word that undersells the output: the last block does not fit where it goes. */
	append_size(&packed, &packed_bytes, LZ4_BLOCK + 10);
	ck_assert_int_eq(bld_decompress(packed, packed_bytes, n + 4, &out, &out_bytes, NULL, &err),
			 -EINVAL); /* the size word after the blocks is not the output's size */
	free(out);
	out = NULL;
	/* A first sequence copying from before the output's start: a corrupt block. */
	packed_bytes -= 4;
	append_size(&packed, &packed_bytes, n);
	packed[8] = 0x00; /* no literals, a match of 4 */
	packed[9] = packed[10] = 0xff; /* 65535 bytes back */
	ck_assert_int_eq(bld_decompress(packed, packed_bytes, n, &out, &out_bytes, NULL, &err),
			 -EINVAL);
	ck_assert_str_eq(err.msg, "LZ4: corrupt block at byte 4");
	free(data);
}
END_TEST

START_TEST(lz4_bad_blocks)
{
	size_t n = 100000;
	uint8_t *data = sample(n);

	packed = lz4_legacy(data, n, LZ4_BLOCK, false, &packed_bytes);
	put_le32(packed + 4, 0x7fffffff);
	ck_assert_int_eq(bld_decompress(packed, packed_bytes, n, &out, &out_bytes, NULL, &err),
			 -EINVAL);
	ck_assert_str_eq(err.msg, "LZ4: block of 2147483647 bytes at byte 4 is too large");
	free(packed);

	packed = lz4_legacy(data, n, LZ4_BLOCK, false, &packed_bytes);
	ck_assert_int_eq(bld_decompress(packed, packed_bytes - 10, n, &out, &out_bytes, NULL, &err),
			 -EINVAL);
	ck_assert_str_eq(err.msg, "LZ4: truncated block at byte 4");
	packed = realloc(packed, packed_bytes + 2);
	packed[packed_bytes] = packed[packed_bytes + 1] = 0;
	ck_assert_int_eq(bld_decompress(packed, packed_bytes + 2, n, &out, &out_bytes, NULL, &err),
			 -EINVAL);
	ck_assert_str_eq(err.msg, "LZ4: 2 stray bytes at the end");
	/* A block whose token promises 15 literals and carries 2. */
	memcpy(packed + 4, "\x03\x00\x00\x00\xf0\x61\x62", 7);
	ck_assert_int_eq(bld_decompress(packed, 11, n, &out, &out_bytes, NULL, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "LZ4: corrupt block at byte 4");
	free(data);
}
END_TEST

START_TEST(caps_hold)
{
	size_t n = 300000;
	uint8_t *data = sample(n);
	char msg[96];

	for (size_t i = 0; i < NR_CODECS; i++) {
		pack(i, data, n);
		ck_assert_int_eq(
		    bld_decompress(packed, packed_bytes, n, &out, &out_bytes, NULL, &err), 0);
		ck_assert_mem_eq(out, data, n);
		free(out);
		out = NULL;
		ck_assert_int_eq(
		    bld_decompress(packed, packed_bytes, n - 1, &out, &out_bytes, NULL, &err),
		    -EFBIG);
		snprintf(msg, sizeof(msg), "%s: decompresses to more than the %zu-byte cap",
			 bld_compression_name(codecs[i].c), n - 1);
		ck_assert_str_eq(err.msg, msg);
		ck_assert_ptr_null(out);
	}
	free(data);
}
END_TEST

START_TEST(truncated_streams)
{
	size_t n = 50000;
	uint8_t *data = sample(n);
	static const char *const why[] = {"gzip: truncated", "XZ: truncated",
					  "LZ4: truncated block at byte 4", "zstd: truncated"};

	for (size_t i = 0; i < NR_CODECS; i++) {
		pack(i, data, n);
		size_t cut = (packed_bytes - (codecs[i].size_word ? 4 : 0)) / 2;
		ck_assert_int_eq(bld_decompress(packed, cut, 2 * n, &out, &out_bytes, NULL, &err),
				 -EINVAL);
		ck_assert_str_eq(err.msg, why[i]);
	}
	free(data);
}
END_TEST

/* Random damage never crashes: the result is data (LZ4 has no checksum) or an error. */
START_TEST(damaged_streams_do_not_crash)
{
	size_t n = 40000;
	uint8_t *data = sample(n);
	uint32_t x = 12345;

	for (size_t i = 0; i < NR_CODECS; i++) {
		pack(i, data, n);
		uint8_t *copy = malloc(packed_bytes);
		for (int round = 0; round < 150; round++) {
			memcpy(copy, packed, packed_bytes);
			for (int k = 0; k < 1 + round % 4; k++) {
				x ^= x << 13, x ^= x >> 17, x ^= x << 5;
				copy[x % packed_bytes] ^= (uint8_t)(1 + (x >> 24) % 255);
			}
			size_t len = round % 5 ? packed_bytes : x % packed_bytes;
			int rc = bld_decompress(copy, len, 2 * n, &out, &out_bytes, NULL, &err);
			ck_assert_msg(rc == 0 || rc == -EINVAL || rc == -EFBIG || rc == -ENOEXEC ||
					  rc == -EOPNOTSUPP,
				      "%s round %d: %d", bld_compression_name(codecs[i].c), round,
				      rc);
			if (!rc)
				free(out);
			out = NULL;
		}
		free(copy);
	}
	free(data);
}
END_TEST

/* ---- Debian's kernels, when scripts/fetch-kernel has fetched them ---- */

static char *kernel_path(const char *flavour, const char *name)
{
	static char path[256];
	const char *build = getenv("BUILD");

	snprintf(path, sizeof(path), "%s/cache/kernel/%s/%s", build && *build ? build : "build",
		 flavour, name);
	return path;
}

static uint8_t *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*n = (size_t)ftell(f);
	rewind(f);
	b = malloc(*n ? *n : 1);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(fread(b, 1, *n, f), *n);
	fclose(f);
	return b;
}

/*
 * debian_kernel - load a Debian 6.1 vmlinuz, compare it with the vmlinux
 * fetch-kernel unpacked with Debian's tools, check the notes of section 1.2
 * of the Linux PV ABI reference, and build a 128 MiB domain from it.
 */
static void debian_kernel(const char *flavour, enum bld_compression c)
{
	struct bld_fake_dom d;
	struct bld_result r;
	struct bld_params p;
	size_t initrd_bytes = (1 << 20) + 123;
	uint8_t *initrd = sample(initrd_bytes);

	file = slurp(kernel_path(flavour, "vmlinuz"), &file_bytes);
	ck_assert_ptr_nonnull(file);
	load_ok();
	ck_assert_int_eq(kernel.compression, c);
	ck_assert_uint_ge(kernel.boot_protocol, 0x020f);
	elf = slurp(kernel_path(flavour, "vmlinux"), &elf_bytes);
	if (elf) {
		ck_assert_uint_eq(kernel.elf_bytes, elf_bytes);
		ck_assert_mem_eq(kernel.elf, elf, elf_bytes);
	}
	const struct pv_image *img = kernel.image;
	ck_assert_str_eq(img->guest_os, "linux");
	ck_assert_uint_eq(img->virt_base, 0xffffffff80000000ULL);
	ck_assert_uint_eq(img->paddr_start, 0x1000000);
	ck_assert_uint_ne(img->entry, img->elf.ehdr->e_entry);
	ck_assert(img->mod_start_pfn);
	ck_assert_uint_eq(img->init_p2m, 0x8000000000ULL);
	ck_assert(!img->has_hypercall_page);
	ck_assert(img->supported_features & 1);

	bld_fake_init(&d, 32768);
	p = bld_fake_params(&d);
	p.cmdline = "console=hvc0 earlyprintk=xen";
	p.initrd = initrd;
	p.initrd_bytes = initrd_bytes;
	ck_assert_msg(bld_build(&kernel, &p, &d.gm, &r, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(r.plan.kernel_start, 0xffffffff81000000ULL);
	ck_assert(!r.plan.initrd_mapped);
	bld_fake_check(&d, &kernel, &p, &r);
	bld_result_free(&r);
	bld_fake_free(&d);
	free(initrd);
}

START_TEST(debian_cloud_kernel_lz4)
{
	debian_kernel("cloud", BLD_COMP_LZ4);
}
END_TEST

START_TEST(debian_generic_kernel_xz)
{
	debian_kernel("generic", BLD_COMP_XZ);
}
END_TEST

/* add_if_fetched - the test, when its kernel is there; otherwise a line saying why not. */
static void add_if_fetched(TCase *tc, const TTest *test, const char *flavour)
{
	const char *path = kernel_path(flavour, "vmlinuz");

	if (access(path, R_OK) == 0) {
		tcase_add_test(tc, test);
		return;
	}
	printf("builder_image: %s absent: Debian %s kernel check left out (scripts/fetch-kernel "
	       "%s fetches it)\n",
	       path, flavour, flavour);
}

Suite *builder_image_suite(void)
{
	Suite *s = suite_create("builder_image");
	TCase *tc = tcase_create("bzimage");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, bzimage_each_compression);
	tcase_add_test(tc, bzimage_uncompressed_payload);
	tcase_add_test(tc, bzimage_bad_headers);
	tcase_add_test(tc, bzimage_bad_payloads);
	tcase_add_test(tc, plain_elf_cap);
	tcase_add_test(tc, map_file);
	tcase_add_test(tc, lz4_legacy_frames);
	tcase_add_test(tc, lz4_without_size_word);
	tcase_add_test(tc, lz4_bad_blocks);
	tcase_add_test(tc, caps_hold);
	tcase_add_test(tc, truncated_streams);
	tcase_add_test(tc, damaged_streams_do_not_crash);
	suite_add_tcase(s, tc);

	tc = tcase_create("debian kernels");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 300);
	add_if_fetched(tc, debian_cloud_kernel_lz4, "cloud");
	add_if_fetched(tc, debian_generic_kernel_xz, "generic");
	suite_add_tcase(s, tc);
	return s;
}
