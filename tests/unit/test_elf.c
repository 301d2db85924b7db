/*
 * test_elf.c - bounds-checked ELF64 reading (hypervisor/common/elf.c) on
 * images built in memory. Each image is handed to the code in a heap buffer
 * of exactly its size, so AddressSanitizer catches any read past the end.
 */
#include <stdlib.h>
#include <string.h>

#include <lamina/elf.h>
#include <lamina/errno.h>

#include "unit.h"

#define IMG_MAX 0x4000
#define PH_OFF 64 /* program headers right after the ELF header */

struct elf64_shdr {
	uint32_t sh_name, sh_type;
	uint64_t sh_flags, sh_addr, sh_offset, sh_size;
	uint32_t sh_link, sh_info;
	uint64_t sh_addralign, sh_entsize;
};
_Static_assert(sizeof(struct elf64_shdr) == 64, "ELF64 section header");

/* The image under construction (8-byte aligned) and its exact-size copy. */
static uint64_t img_words[IMG_MAX / 8];
static uint8_t *const img = (uint8_t *)img_words;
static uint8_t *exact;
static struct elf_image elf;

static void reset(void)
{
	memset(img_words, 0, sizeof(img_words));
	memset(&elf, 0, sizeof(elf));
}

static void release(void)
{
	free(exact);
	exact = NULL;
}

static struct elf64_ehdr *eh(void)
{
	return (struct elf64_ehdr *)img;
}

static struct elf64_phdr *ph(unsigned int i)
{
	return (struct elf64_phdr *)(img + PH_OFF) + i;
}

/* A valid header with phnum program headers at PH_OFF. */
static void make_ehdr(unsigned int phnum)
{
	struct elf64_ehdr *e = eh();

	memcpy(e->e_ident, ELF_MAGIC, 4);
	e->e_ident[4] = ELFCLASS64;
	e->e_ident[5] = ELFDATA2LSB;
	e->e_ident[6] = 1; /* EV_CURRENT */
	e->e_type = ET_EXEC;
	e->e_machine = EM_X86_64;
	e->e_version = 1;
	e->e_entry = 0xffffffff81000000ULL;
	e->e_phoff = PH_OFF;
	e->e_ehsize = sizeof(*e);
	e->e_phentsize = sizeof(struct elf64_phdr);
	e->e_phnum = (uint16_t)phnum;
}

static void set_ph(unsigned int i, uint32_t type, uint64_t off, uint64_t filesz, uint64_t paddr,
		   uint64_t memsz)
{
	struct elf64_phdr *p = ph(i);

	p->p_type = type;
	p->p_flags = 4;
	p->p_offset = off;
	p->p_vaddr = paddr;
	p->p_paddr = paddr;
	p->p_filesz = filesz;
	p->p_memsz = memsz;
	p->p_align = type == PT_NOTE ? 4 : 0x1000;
}

/*
 * put_note - write a note at off with an explicit namesz (name bytes are
 * copied up to namesz, so a name need not be NUL-terminated) and return the
 * offset after it (4-byte padded).
 */
static size_t put_note(size_t off, uint32_t type, const char *name, uint32_t namesz,
		       const void *desc, uint32_t descsz)
{
	struct elf64_nhdr nh = { .n_namesz = namesz, .n_descsz = descsz, .n_type = type };

	ck_assert_uint_eq(off % 4, 0);
	memcpy(img + off, &nh, sizeof(nh));
	off += sizeof(nh);
	if (namesz)
		memcpy(img + off, name, namesz);
	off += ROUNDUP((size_t)namesz, 4);
	if (descsz)
		memcpy(img + off, desc, descsz);
	off += ROUNDUP((size_t)descsz, 4);
	ck_assert_uint_le(off, IMG_MAX);
	return off;
}

/* A note whose name is a C string (namesz includes the NUL). */
static size_t note(size_t off, uint32_t type, const char *name, const void *desc, uint32_t descsz)
{
	return put_note(off, type, name, (uint32_t)strlen(name) + 1, desc, descsz);
}

/* open - elf_open on a fresh exact-size copy of img[0, size). */
static int open_img(size_t size, const char **why)
{
	release();
	exact = malloc(size ? size : 1);
	ck_assert_ptr_nonnull(exact);
	memcpy(exact, img, size);
	return elf_open(&elf, exact, size, why);
}

static void expect_open(size_t size)
{
	const char *why = "unset";

	ck_assert_int_eq(open_img(size, &why), 0);
	ck_assert_ptr_null(why);
	ck_assert_ptr_eq(elf.ehdr, exact);
	ck_assert_ptr_eq(elf.data, exact);
	ck_assert_uint_eq(elf.size, size);
}

static void expect_refused(size_t size, const char *reason)
{
	const char *why = NULL;

	ck_assert_int_eq(open_img(size, &why), -ENOEXEC);
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, reason), "reason \"%s\" does not mention \"%s\"", why, reason);
	ck_assert_ptr_null(elf.ehdr);
	ck_assert_ptr_null(elf_phdr(&elf, 0));
}

/* ---- elf_open, elf_phdr ---- */

START_TEST(valid_image)
{
	make_ehdr(3);
	set_ph(0, PT_LOAD, 0x1000, 0x100, 0x1000000, 0x100);
	set_ph(1, PT_LOAD, 0x1100, 0x10, 0x1001000, 0x2000);
	set_ph(2, PT_NOTE, 0x200, 0, 0, 0);
	expect_open(0x1110);
	for (unsigned int i = 0; i < 3; i++)
		ck_assert_ptr_eq(elf_phdr(&elf, i), exact + PH_OFF + i * sizeof(struct elf64_phdr));
	ck_assert_ptr_null(elf_phdr(&elf, 3));
	ck_assert_ptr_null(elf_phdr(&elf, ~0U));
	ck_assert_uint_eq(elf_phdr(&elf, 1)->p_memsz, 0x2000);
}
END_TEST

START_TEST(program_headers_at_the_end)
{
	/* Program headers may sit anywhere, including flush with the end of the file. */
	make_ehdr(2);
	eh()->e_phoff = 0x200;
	memcpy(img + 0x200, ph(0), 2 * sizeof(struct elf64_phdr));
	expect_open(0x200 + 2 * sizeof(struct elf64_phdr));
	ck_assert_ptr_eq(elf_phdr(&elf, 1), exact + 0x200 + sizeof(struct elf64_phdr));
	/* One byte short. */
	expect_refused(0x200 + 2 * sizeof(struct elf64_phdr) - 1, "program headers");
}
END_TEST

START_TEST(refuses_short_file)
{
	make_ehdr(1);
	for (size_t n = 0; n < sizeof(struct elf64_ehdr); n++)
		expect_refused(n, "ELF");
}
END_TEST

START_TEST(refuses_bad_magic)
{
	static const uint8_t bad[] = { 0x7e, 'E', 'L', 'F', 0x7f, 'e', 'L', 'F',
				       0x7f, 'E', 'l', 'F', 0x7f, 'E', 'L', 'G' };

	for (unsigned int i = 0; i < 4; i++) {
		make_ehdr(1);
		memcpy(img, bad + 4 * i, 4);
		expect_refused(0x100, "not an ELF file");
	}
}
END_TEST

START_TEST(refuses_class_and_data)
{
	static const uint8_t classes[] = { 0, 1 /* ELFCLASS32 */, 3 };
	static const uint8_t datas[] = { 0, 2 /* ELFDATA2MSB */, 3 };

	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++) {
		make_ehdr(1);
		img[4] = classes[i];
		expect_refused(0x100, "ELF64");
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(datas); i++) {
		make_ehdr(1);
		img[5] = datas[i];
		expect_refused(0x100, "little-endian");
	}
}
END_TEST

START_TEST(refuses_wrong_machine)
{
	static const uint16_t machines[] = { 0, 3 /* EM_386 */, 40 /* EM_ARM */, 183 /* AArch64 */,
					     62 << 8 };

	for (unsigned int i = 0; i < ARRAY_SIZE(machines); i++) {
		make_ehdr(1);
		eh()->e_machine = machines[i];
		expect_refused(0x100, "x86-64");
	}
}
END_TEST

START_TEST(refuses_wrong_type)
{
	static const uint16_t types[] = { 0, 1 /* ET_REL */, 3 /* ET_DYN */, 4 /* ET_CORE */,
					  ET_EXEC << 8 };

	for (unsigned int i = 0; i < ARRAY_SIZE(types); i++) {
		make_ehdr(1);
		eh()->e_type = types[i];
		expect_refused(0x100, "ET_EXEC");
	}
}
END_TEST

START_TEST(refuses_bad_program_header_table)
{
	static const uint16_t sizes[] = { 0, 32, 55, 57, 64 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		make_ehdr(1);
		eh()->e_phentsize = sizes[i];
		expect_refused(0x100, "program headers");
	}
	make_ehdr(0); /* no program headers at all */
	expect_refused(0x100, "program headers");
}
END_TEST

START_TEST(refuses_program_headers_past_the_end)
{
	make_ehdr(1);
	eh()->e_phoff = 0x100 - sizeof(struct elf64_phdr) + 1;
	expect_refused(0x100, "outside");
	eh()->e_phoff = 0x100;
	expect_refused(0x100, "outside");
	eh()->e_phoff = 0x101;
	expect_refused(0x100, "outside");
	/* Offsets whose sum with the table size wraps around. */
	eh()->e_phoff = ~0ULL - sizeof(struct elf64_phdr) + 2;
	expect_refused(0x100, "outside");
	eh()->e_phoff = ~0ULL & ~7ULL;
	expect_refused(0x100, "outside");
	eh()->e_phoff = 1ULL << 63;
	expect_refused(0x100, "outside");
	/* Enough headers to leave the file. */
	make_ehdr(4);
	expect_refused(PH_OFF + 3 * sizeof(struct elf64_phdr) + 55, "outside");
}
END_TEST

START_TEST(largest_program_header_table)
{
	/* 65535 headers of 56 bytes: the size must not be computed in 16 bits. */
	size_t size = PH_OFF + 0xffffUL * sizeof(struct elf64_phdr);
	uint8_t *big = calloc(1, size);
	const char *why;

	ck_assert_ptr_nonnull(big);
	make_ehdr(0xffff);
	memcpy(big, img, sizeof(struct elf64_ehdr));
	ck_assert_int_eq(elf_open(&elf, big, size, &why), 0);
	ck_assert_ptr_eq(elf_phdr(&elf, 0xfffe), big + size - sizeof(struct elf64_phdr));
	ck_assert_int_eq(elf_open(&elf, big, size - 1, &why), -ENOEXEC);
	ck_assert_ptr_nonnull(why);
	ck_assert_int_eq(elf_open(&elf, big, 0x100, &why), -ENOEXEC);
	free(big);
}
END_TEST

/* ---- elf_segment_ok ---- */

START_TEST(segment_checks)
{
	static const struct {
		uint64_t off, filesz, paddr, memsz;
		bool ok;
	} cases[] = {
		{ 0x1000, 0x800, 0x1000000, 0x800, true },
		{ 0x1000, 0x800, 0x1000000, 0x5000, true }, /* bss */
		{ 0x1000, 0x1000, 0x1000000, 0x1000, true }, /* ends at the end of the file */
		{ 0x2000, 0, 0x1000000, 0x1000, true }, /* all bss, offset at the end */
		{ 0, 0x2000, 0, 0x2000, true }, /* the whole file */
		{ 0x1000, 0x801, 0x1000000, 0x800, false }, /* filesz > memsz */
		{ 0x1000, 1, 0x1000000, 0, false },
		{ 0x1000, 0x1001, 0x1000000, 0x2000, false }, /* one byte past the end */
		{ 0x2001, 0, 0x1000000, 0x1000, false }, /* offset past the end */
		{ ~0ULL - 0xf, 0x20, 0x1000000, 0x20, false }, /* offset + filesz wraps */
		{ 0x1000, ~0ULL, 0x1000000, ~0ULL, false },
		{ 0x1000, 0x800, ~0ULL - 0x7ff, 0x800, false }, /* p_paddr + p_memsz wraps */
		{ 0x1000, 0x800, 0xffffffff81000000ULL, ~0ULL - 0x1000, false },
		{ 0x1000, 0x800, ~0ULL - 0x1fff, 0x1000, true }, /* near the top, no wrap */
		{ 0x1000, 0x800, 0xffffffff81000000ULL, 0x1000000, true },
	};

	make_ehdr(1);
	expect_open(0x2000);
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		struct elf64_phdr p = { .p_type = PT_LOAD,
					.p_offset = cases[i].off,
					.p_filesz = cases[i].filesz,
					.p_paddr = cases[i].paddr,
					.p_vaddr = cases[i].paddr,
					.p_memsz = cases[i].memsz };
		ck_assert_msg(elf_segment_ok(&elf, &p) == cases[i].ok,
			      "case %u: off %#llx filesz %#llx paddr %#llx memsz %#llx: want %d", i,
			      (unsigned long long)p.p_offset, (unsigned long long)p.p_filesz,
			      (unsigned long long)p.p_paddr, (unsigned long long)p.p_memsz,
			      cases[i].ok);
	}
}
END_TEST

/* ---- elf_for_each_note ---- */

#define MAX_SEEN 32

struct seen {
	unsigned int n;
	struct {
		uint32_t type;
		char name[64];
		size_t desc_off; /* from the start of the image */
		uint32_t descsz;
	} note[MAX_SEEN];
};

static void record(uint32_t type, const char *name, const void *desc, uint32_t descsz, void *ctx)
{
	struct seen *s = ctx;

	ck_assert_uint_lt(s->n, MAX_SEEN);
	/* Name and descriptor lie inside the image. */
	ck_assert((const uint8_t *)name >= exact && (const uint8_t *)name < exact + elf.size);
	ck_assert((const uint8_t *)desc >= exact &&
		  (const uint8_t *)desc + descsz <= exact + elf.size);
	s->note[s->n].type = type;
	ck_assert_uint_lt(strlen(name), sizeof(s->note[0].name));
	strcpy(s->note[s->n].name, name);
	s->note[s->n].desc_off = (size_t)((const uint8_t *)desc - exact);
	s->note[s->n].descsz = descsz;
	s->n++;
}

static void expect_note(const struct seen *s, unsigned int i, uint32_t type, const char *name,
			size_t desc_off, const void *desc, uint32_t descsz)
{
	ck_assert_uint_lt(i, s->n);
	ck_assert_msg(s->note[i].type == type, "note %u: type %u, want %u", i, s->note[i].type,
		      type);
	ck_assert_str_eq(s->note[i].name, name);
	ck_assert_uint_eq(s->note[i].desc_off, desc_off);
	ck_assert_uint_eq(s->note[i].descsz, descsz);
	ck_assert_mem_eq(exact + desc_off, desc, descsz);
}

/* Offsets of the descriptors written by note()/put_note(). */
static size_t desc_at(size_t note_off, uint32_t namesz)
{
	return note_off + sizeof(struct elf64_nhdr) + ROUNDUP((size_t)namesz, 4);
}

START_TEST(notes_in_pt_note)
{
	static const uint64_t entry = 0xffffffff81000180ULL;
	static const uint8_t five[5] = { 1, 2, 3, 4, 5 };
	static const uint8_t build_id[20] = { 0xde, 0xad, 0xbe, 0xef, [19] = 0x42 };
	struct seen s = { 0 };
	size_t n0 = 0x100, n1, n2, n3, n4, n5, end;

	make_ehdr(2);
	set_ph(0, PT_LOAD, 0x1000, 0x10, 0x1000000, 0x10);
	n1 = note(n0, 1, "Xen", &entry, 8);
	n2 = note(n1, 5, "Xen", "xen-3.0", 8);
	n3 = note(n2, 3, "GNU", build_id, 20);
	n4 = note(n3, 0x100, "Linux", five, 5); /* name padded to 8, desc to 8 */
	n5 = note(n4, 7, "", "ab", 3); /* namesz 1: an empty name */
	end = note(n5, 9, "Xen", "", 0); /* empty descriptor */
	ck_assert_uint_eq(n3 - n2, 12 + 4 + 20);
	ck_assert_uint_eq(n4 - n3, 12 + 8 + 8);
	ck_assert_uint_eq(n5 - n4, 12 + 4 + 4);
	ck_assert_uint_eq(end - n5, 12 + 4 + 0);
	set_ph(1, PT_NOTE, n0, end - n0, 0, 0);
	expect_open(0x1010);

	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 6);
	ck_assert_uint_eq(s.n, 6);
	expect_note(&s, 0, 1, "Xen", desc_at(n0, 4), &entry, 8);
	expect_note(&s, 1, 5, "Xen", desc_at(n1, 4), "xen-3.0", 8);
	expect_note(&s, 2, 3, "GNU", desc_at(n2, 4), build_id, 20);
	expect_note(&s, 3, 0x100, "Linux", desc_at(n3, 6), five, 5);
	expect_note(&s, 4, 7, "", desc_at(n4, 1), "ab", 3);
	expect_note(&s, 5, 9, "Xen", desc_at(n5, 4), "", 0);
}
END_TEST

START_TEST(notes_in_several_segments)
{
	static const uint32_t one = 1, two = 2, three = 3;
	struct seen s = { 0 };
	size_t a = 0x100, b = 0x200, a_end, b_end;

	make_ehdr(3);
	a_end = note(a, 1, "Xen", &one, 4);
	a_end = note(a_end, 2, "Xen", &two, 4);
	b_end = note(b, 3, "Xen", &three, 4);
	set_ph(0, PT_NOTE, b, b_end - b, 0, 0);
	set_ph(1, PT_LOAD, 0x1000, 0x10, 0x1000000, 0x10);
	set_ph(2, PT_NOTE, a, a_end - a, 0, 0);
	expect_open(0x1010);
	/* In program-header order. */
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 3);
	expect_note(&s, 0, 3, "Xen", desc_at(b, 4), &three, 4);
	expect_note(&s, 1, 1, "Xen", desc_at(a, 4), &one, 4);
	expect_note(&s, 2, 2, "Xen", desc_at(a + 20, 4), &two, 4);
}
END_TEST

START_TEST(note_past_its_segment_ends_the_walk)
{
	static const uint64_t v = 0x1234;
	struct seen s;
	size_t n0 = 0x100, n1, n2, end;

	make_ehdr(1);
	n1 = note(n0, 1, "Xen", &v, 8);
	n2 = note(n1, 2, "Xen", &v, 8);
	end = note(n2, 3, "Xen", &v, 8);

	/* The segment cuts the last note's descriptor short: two notes. */
	for (size_t cut = 1; cut <= end - n2; cut++) {
		memset(&s, 0, sizeof(s));
		set_ph(0, PT_NOTE, n0, end - n0 - cut, 0, 0);
		expect_open(0x400);
		ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 2);
		ck_assert_uint_eq(s.n, 2);
		expect_note(&s, 1, 2, "Xen", desc_at(n1, 4), &v, 8);
	}
	/* A segment that cuts the middle note stops before it, even though the third fits. */
	memset(&s, 0, sizeof(s));
	set_ph(0, PT_NOTE, n0, n2 - n0 - 4, 0, 0);
	expect_open(0x400);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 1);
	ck_assert_uint_eq(s.n, 1);
	/* The whole segment: three. */
	memset(&s, 0, sizeof(s));
	set_ph(0, PT_NOTE, n0, end - n0, 0, 0);
	expect_open(0x400);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 3);
	/* The segment is the file's tail: the walk does not read past the file. */
	memset(&s, 0, sizeof(s));
	set_ph(0, PT_NOTE, n0, end - n0 - 2, 0, 0);
	expect_open(end - 2);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 2);
}
END_TEST

START_TEST(huge_sizes_end_the_walk)
{
	static const uint32_t v = 7;
	struct seen s = { 0 };
	size_t n0 = 0x100, n1, end;

	make_ehdr(1);
	n1 = note(n0, 1, "Xen", &v, 4);
	end = put_note(n1, 2, "Xen", 4, &v, 4);
	/* A descsz that would wrap a 32-bit offset, then a namesz. */
	((struct elf64_nhdr *)(img + n1))->n_descsz = 0xfffffffd;
	set_ph(0, PT_NOTE, n0, end - n0, 0, 0);
	expect_open(0x400);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 1);
	ck_assert_uint_eq(s.n, 1);

	memset(&s, 0, sizeof(s));
	((struct elf64_nhdr *)(img + n1))->n_descsz = 4;
	((struct elf64_nhdr *)(img + n1))->n_namesz = 0xffffffff;
	expect_open(0x400);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 1);
	ck_assert_uint_eq(s.n, 1);
}
END_TEST

START_TEST(name_without_nul_is_skipped)
{
	static const uint32_t a = 0xa, b = 0xb, c = 0xc;
	struct seen s = { 0 };
	size_t n0 = 0x100, n1, n2, n3, end;

	make_ehdr(1);
	n1 = note(n0, 1, "Xen", &a, 4);
	n2 = put_note(n1, 2, "XenX", 4, &b, 4); /* no NUL within namesz */
	n3 = put_note(n2, 3, "Xen\0", 0, &b, 4); /* no name at all */
	end = note(n3, 4, "Xen", &c, 4);
	set_ph(0, PT_NOTE, n0, end - n0, 0, 0);
	expect_open(0x400);
	/* Four notes walked, two delivered: the walk goes on after the bad ones. */
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 4);
	ck_assert_uint_eq(s.n, 2);
	expect_note(&s, 0, 1, "Xen", desc_at(n0, 4), &a, 4);
	expect_note(&s, 1, 4, "Xen", desc_at(n3, 4), &c, 4);
}
END_TEST

START_TEST(empty_and_outside_pt_note)
{
	struct seen s = { 0 };
	static const uint32_t v = 1;

	make_ehdr(2);
	set_ph(0, PT_NOTE, 0x100, 0, 0, 0);
	set_ph(1, PT_NOTE, 0x1000, 0x100, 0, 0); /* outside the file */
	note(0x100, 1, "Xen", &v, 4);
	expect_open(0x200);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 0);
	ck_assert_uint_eq(s.n, 0);
	/* Less than a note header. */
	set_ph(0, PT_NOTE, 0x100, sizeof(struct elf64_nhdr) - 1, 0, 0);
	expect_open(0x200);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 0);
	ck_assert_uint_eq(s.n, 0);
}
END_TEST

/* Section headers at shoff: [0] NULL, [1] PROGBITS, then the given notes sections. */
static void make_sections(size_t shoff, unsigned int nr, const struct elf64_shdr *notes)
{
	struct elf64_shdr *sh = (struct elf64_shdr *)(img + shoff);

	eh()->e_shoff = shoff;
	eh()->e_shentsize = sizeof(struct elf64_shdr);
	eh()->e_shnum = (uint16_t)(2 + nr);
	memset(sh, 0, sizeof(*sh));
	sh[1] = (struct elf64_shdr){ .sh_type = 1, .sh_offset = 0x1000, .sh_size = 0x10 };
	for (unsigned int i = 0; i < nr; i++)
		sh[2 + i] = notes[i];
}

START_TEST(notes_in_sections)
{
	static const uint32_t one = 1, two = 2, three = 3;
	struct seen s = { 0 };
	size_t a = 0x100, b = 0x200, a_end, b_end;

	make_ehdr(1);
	set_ph(0, PT_LOAD, 0x1000, 0x10, 0x1000000, 0x10);
	a_end = note(a, 1, "Xen", &one, 4);
	a_end = note(a_end, 2, "Xen", &two, 4);
	b_end = note(b, 3, "Xen", &three, 4);
	struct elf64_shdr notes[] = {
		{ .sh_type = SHT_NOTE, .sh_offset = a, .sh_size = a_end - a, .sh_addralign = 4 },
		{ .sh_type = 3 /* STRTAB */, .sh_offset = b, .sh_size = b_end - b },
		{ .sh_type = SHT_NOTE, .sh_offset = b, .sh_size = b_end - b, .sh_addralign = 4 },
		{ .sh_type = SHT_NOTE, .sh_offset = 0x2000, .sh_size = 0x20 }, /* outside */
		{ .sh_type = SHT_NOTE, .sh_offset = 0x1008, .sh_size = ~0ULL - 0x1000 },
	};
	make_sections(0x300, ARRAY_SIZE(notes), notes);
	expect_open(0x1010);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 3);
	ck_assert_uint_eq(s.n, 3);
	expect_note(&s, 0, 1, "Xen", desc_at(a, 4), &one, 4);
	expect_note(&s, 1, 2, "Xen", desc_at(a + 20, 4), &two, 4);
	expect_note(&s, 2, 3, "Xen", desc_at(b, 4), &three, 4);
}
END_TEST

START_TEST(sections_ignored_with_pt_note)
{
	static const uint32_t one = 1, two = 2;
	struct seen s = { 0 };
	size_t a = 0x100, b = 0x200, a_end, b_end;

	make_ehdr(2);
	set_ph(0, PT_LOAD, 0x1000, 0x10, 0x1000000, 0x10);
	a_end = note(a, 1, "Xen", &one, 4);
	b_end = note(b, 2, "Xen", &two, 4);
	set_ph(1, PT_NOTE, a, a_end - a, 0, 0);
	struct elf64_shdr notes[] = {
		{ .sh_type = SHT_NOTE, .sh_offset = b, .sh_size = b_end - b },
	};
	make_sections(0x300, ARRAY_SIZE(notes), notes);
	expect_open(0x1010);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 1);
	expect_note(&s, 0, 1, "Xen", desc_at(a, 4), &one, 4);
	/* Even an empty PT_NOTE wins over the sections. */
	memset(&s, 0, sizeof(s));
	set_ph(1, PT_NOTE, a, 0, 0, 0);
	expect_open(0x1010);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 0);
	ck_assert_uint_eq(s.n, 0);
}
END_TEST

START_TEST(bad_section_tables)
{
	static const uint32_t one = 1;
	struct seen s = { 0 };
	size_t a = 0x100, a_end;

	make_ehdr(1);
	set_ph(0, PT_LOAD, 0x1000, 0x10, 0x1000000, 0x10);
	a_end = note(a, 1, "Xen", &one, 4);
	struct elf64_shdr notes[] = {
		{ .sh_type = SHT_NOTE, .sh_offset = a, .sh_size = a_end - a },
	};
	make_sections(0x300, ARRAY_SIZE(notes), notes);
	expect_open(0x1010);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 1); /* as built, it works */

	eh()->e_shentsize = 40;
	expect_open(0x1010);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 0);
	eh()->e_shentsize = sizeof(struct elf64_shdr);
	expect_open(0x300 + 3 * sizeof(struct elf64_shdr) - 1); /* table cut short */
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 0);
	eh()->e_shoff = ~0ULL - 0x40;
	expect_open(0x1010);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 0);
	eh()->e_shoff = 0x300;
	eh()->e_shnum = 0;
	expect_open(0x1010);
	ck_assert_uint_eq(elf_for_each_note(&elf, record, &s), 0);
	ck_assert_uint_eq(s.n, 1);
}
END_TEST

Suite *elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc;

	tc = tcase_create("open");
	tcase_add_checked_fixture(tc, reset, release);
	tcase_add_test(tc, valid_image);
	tcase_add_test(tc, program_headers_at_the_end);
	tcase_add_test(tc, refuses_short_file);
	tcase_add_test(tc, refuses_bad_magic);
	tcase_add_test(tc, refuses_class_and_data);
	tcase_add_test(tc, refuses_wrong_machine);
	tcase_add_test(tc, refuses_wrong_type);
	tcase_add_test(tc, refuses_bad_program_header_table);
	tcase_add_test(tc, refuses_program_headers_past_the_end);
	tcase_add_test(tc, largest_program_header_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("segments");
	tcase_add_checked_fixture(tc, reset, release);
	tcase_add_test(tc, segment_checks);
	suite_add_tcase(s, tc);

	tc = tcase_create("notes");
	tcase_add_checked_fixture(tc, reset, release);
	tcase_add_test(tc, notes_in_pt_note);
	tcase_add_test(tc, notes_in_several_segments);
	tcase_add_test(tc, note_past_its_segment_ends_the_walk);
	tcase_add_test(tc, huge_sizes_end_the_walk);
	tcase_add_test(tc, name_without_nul_is_skipped);
	tcase_add_test(tc, empty_and_outside_pt_note);
	tcase_add_test(tc, notes_in_sections);
	tcase_add_test(tc, sections_ignored_with_pt_note);
	tcase_add_test(tc, bad_section_tables);
	suite_add_tcase(s, tc);
	return s;
}
