/*
 * test_pv_image.c - reading a PV kernel's Xen notes and loading its segments
 * (hypervisor/common/pv_image.c) on ELF images built in memory. The images
 * imitate what Linux's arch/x86/xen/xen-head.S emits; each is handed to the
 * code in a heap buffer of exactly its size (AddressSanitizer sees over-reads).
 */
#include <stdlib.h>
#include <string.h>

#include <lamina/errno.h>
#include <lamina/pv_image.h>
#include <xen/elfnote.h>
#include <xen/features.h>

#include "unit.h"

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			ck_abort_msg(__VA_ARGS__);                                                 \
	} while (0)

#define PT_NULL 0
#define FILE_SIZE 0x3800
#define PH_OFF 64
#define NOTES_OFF 0x200
#define NOTES_END 0x1000
#define MAX_NOTES 32
#define MAX_SEGS 6

#define VIRT_BASE 0xffffffff80000000ULL
#define KERNEL_PADDR 0x1000000ULL /* Linux's LOAD_PHYSICAL_ADDR */
#define KERNEL_VA (VIRT_BASE + KERNEL_PADDR)
#define ENTRY (KERNEL_VA + 0x180)
#define HYPERCALL_PAGE (KERNEL_VA + 0x1000)
#define INIT_P2M 0x8000000000ULL /* PUD_SIZE * PTRS_PER_PUD */
#define SUPPORTED                                                                                  \
	(1U << XENFEAT_writable_page_tables | 1U << XENFEAT_dom0 |                                \
	 1U << XENFEAT_linux_rsdp_unrestricted)
#define BIT(f) (1U << (f))

struct note_spec {
	char name[8];
	uint32_t type;
	uint8_t desc[64];
	uint32_t descsz;
};

struct seg_spec {
	uint32_t type;
	uint64_t offset, filesz, paddr, vaddr, memsz;
};

static struct note_spec notes[MAX_NOTES];
static unsigned int nr_notes;
static struct seg_spec segs[MAX_SEGS];
static unsigned int nr_segs;
static bool notes_in_sections; /* SHT_NOTE section instead of a PT_NOTE segment */
static uint64_t e_entry;

static uint64_t file_words[FILE_SIZE / 8];
static uint8_t *const file = (uint8_t *)file_words;
static uint8_t *exact; /* the exact-size copy parsed */
static size_t exact_size;
static struct pv_image img;

static void add_note(const char *name, uint32_t type, const void *desc, uint32_t descsz)
{
	struct note_spec *n = &notes[nr_notes++];

	ck_assert_uint_le(nr_notes, MAX_NOTES);
	ck_assert_uint_lt(strlen(name), sizeof(n->name));
	ck_assert_uint_le(descsz, sizeof(n->desc));
	memset(n, 0, sizeof(*n));
	strcpy(n->name, name);
	n->type = type;
	if (descsz)
		memcpy(n->desc, desc, descsz);
	n->descsz = descsz;
}

/* Numeric notes are little-endian, 4 or 8 bytes. */
static void add_num(uint32_t type, uint64_t v, uint32_t bytes)
{
	uint8_t b[8];

	for (unsigned int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	add_note("Xen", type, b, bytes);
}

static void add_str(uint32_t type, const char *s)
{
	add_note("Xen", type, s, (uint32_t)strlen(s) + 1);
}

/* Drop every "Xen" note of this type. */
static void del_note(uint32_t type)
{
	unsigned int j = 0;

	for (unsigned int i = 0; i < nr_notes; i++)
		if (notes[i].type != type || strcmp(notes[i].name, "Xen"))
			notes[j++] = notes[i];
	nr_notes = j;
}

static void set_num(uint32_t type, uint64_t v, uint32_t bytes)
{
	del_note(type);
	add_num(type, v, bytes);
}

static void set_str(uint32_t type, const char *s)
{
	del_note(type);
	add_str(type, s);
}

static void add_seg(uint32_t type, uint64_t offset, uint64_t filesz, uint64_t paddr, uint64_t vaddr,
		    uint64_t memsz)
{
	ck_assert_uint_lt(nr_segs, MAX_SEGS);
	segs[nr_segs++] = (struct seg_spec){ type, offset, filesz, paddr, vaddr, memsz };
}

/* The file bytes: a pattern that differs from zero everywhere. */
static uint8_t pattern(size_t off)
{
	return (uint8_t)(0x5b + off * 7 + (off >> 8));
}

/*
 * A Linux-like image: text and data+bss loaded at 16 MiB, linked at
 * __START_KERNEL_map + 16 MiB, with the notes of xen-head.S.
 */
static void linux_image(void)
{
	uint8_t build_id[20];
	uint64_t l1_mfn_valid[2] = { 1, 1 }; /* _PAGE_PRESENT, _PAGE_PRESENT */

	nr_notes = 0;
	nr_segs = 0;
	notes_in_sections = false;
	e_entry = KERNEL_VA; /* startup_64, not the PV entry */
	for (unsigned int i = 0; i < sizeof(build_id); i++)
		build_id[i] = (uint8_t)(0xa0 + i);

	add_note("GNU", 3, build_id, sizeof(build_id)); /* NT_GNU_BUILD_ID: not a Xen note */
	add_note("Linux", 1, "6.1", 4);
	add_str(XEN_ELFNOTE_GUEST_OS, "linux");
	add_str(XEN_ELFNOTE_GUEST_VERSION, "2.6");
	add_str(XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
	add_num(XEN_ELFNOTE_VIRT_BASE, VIRT_BASE, 8);
	add_num(XEN_ELFNOTE_INIT_P2M, INIT_P2M, 8);
	add_num(XEN_ELFNOTE_ENTRY, ENTRY, 8);
	add_num(XEN_ELFNOTE_HYPERCALL_PAGE, HYPERCALL_PAGE, 8);
	add_str(XEN_ELFNOTE_FEATURES, "!writable_page_tables|pae_pgdir_above_4gb");
	add_num(XEN_ELFNOTE_SUPPORTED_FEATURES, SUPPORTED, 4);
	add_str(XEN_ELFNOTE_PAE_MODE, "yes");
	add_note("Xen", XEN_ELFNOTE_L1_MFN_VALID, l1_mfn_valid, sizeof(l1_mfn_valid));
	add_num(XEN_ELFNOTE_SUSPEND_CANCEL, 1, 4);
	add_num(XEN_ELFNOTE_MOD_START_PFN, 1, 4);
	add_str(XEN_ELFNOTE_LOADER, "generic");
	add_num(XEN_ELFNOTE_HV_START_LOW, 0xffff800000000000ULL, 8);
	add_num(XEN_ELFNOTE_PADDR_OFFSET, 0, 8);

	add_seg(PT_LOAD, 0x1000, 0x2000, KERNEL_PADDR, KERNEL_VA, 0x2000);
	add_seg(PT_LOAD, 0x3000, 0x800, KERNEL_PADDR + 0x2000, KERNEL_VA + 0x2000, 0x3000);
}

struct elf64_shdr {
	uint32_t sh_name, sh_type;
	uint64_t sh_flags, sh_addr, sh_offset, sh_size;
	uint32_t sh_link, sh_info;
	uint64_t sh_addralign, sh_entsize;
};

/* build - lay out the file from the specs; returns its size. */
static size_t build(void)
{
	struct elf64_ehdr *eh = (struct elf64_ehdr *)file;
	size_t off = NOTES_OFF;

	memset(file_words, 0, sizeof(file_words));
	for (size_t i = 0x1000; i < FILE_SIZE; i++)
		file[i] = pattern(i);

	for (unsigned int i = 0; i < nr_notes; i++) {
		const struct note_spec *n = &notes[i];
		struct elf64_nhdr nh = { (uint32_t)strlen(n->name) + 1, n->descsz, n->type };

		ck_assert_uint_le(off + sizeof(nh) + 8 + ROUNDUP(n->descsz, 4), NOTES_END);
		memcpy(file + off, &nh, sizeof(nh));
		off += sizeof(nh);
		memcpy(file + off, n->name, nh.n_namesz);
		off += ROUNDUP(nh.n_namesz, 4);
		if (n->descsz)
			memcpy(file + off, n->desc, n->descsz);
		off += ROUNDUP(n->descsz, 4);
	}

	memcpy(eh->e_ident, ELF_MAGIC, 4);
	eh->e_ident[4] = ELFCLASS64;
	eh->e_ident[5] = ELFDATA2LSB;
	eh->e_ident[6] = 1;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_version = 1;
	eh->e_entry = e_entry;
	eh->e_phoff = PH_OFF;
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(struct elf64_phdr);

	struct elf64_phdr *ph = (struct elf64_phdr *)(file + PH_OFF);
	unsigned int n = 0;
	for (unsigned int i = 0; i < nr_segs; i++, n++)
		ph[n] = (struct elf64_phdr){ .p_type = segs[i].type,
					     .p_flags = 7,
					     .p_offset = segs[i].offset,
					     .p_vaddr = segs[i].vaddr,
					     .p_paddr = segs[i].paddr,
					     .p_filesz = segs[i].filesz,
					     .p_memsz = segs[i].memsz,
					     .p_align = 0x1000 };
	if (!notes_in_sections) {
		ph[n++] = (struct elf64_phdr){ .p_type = PT_NOTE,
					       .p_flags = 4,
					       .p_offset = NOTES_OFF,
					       .p_filesz = off - NOTES_OFF,
					       .p_align = 4 };
	} else {
		/* [0] NULL, [1] .notes; the table just before the segments' bytes. */
		struct elf64_shdr *sh = (struct elf64_shdr *)(file + NOTES_END - 2 * 64);

		ck_assert_uint_le(off, NOTES_END - 2 * 64);
		memset(sh, 0, 2 * sizeof(*sh));
		sh[1] = (struct elf64_shdr){ .sh_type = SHT_NOTE,
					     .sh_offset = NOTES_OFF,
					     .sh_size = off - NOTES_OFF,
					     .sh_addralign = 4 };
		eh->e_shoff = NOTES_END - 2 * 64;
		eh->e_shentsize = sizeof(*sh);
		eh->e_shnum = 2;
	}
	eh->e_phnum = (uint16_t)n;
	ck_assert_uint_le(PH_OFF + n * sizeof(*ph), NOTES_OFF);
	return FILE_SIZE;
}

static void release(void)
{
	free(exact);
	exact = NULL;
}

/* parse - build the image and run pv_image_parse on an exact-size copy. */
static int parse(const char **why)
{
	exact_size = build();
	release();
	exact = malloc(exact_size);
	ck_assert_ptr_nonnull(exact);
	memcpy(exact, file, exact_size);
	*why = "unset";
	return pv_image_parse(&img, exact, exact_size, why);
}

static void expect_ok(void)
{
	const char *why;
	int rc = parse(&why);

	ck_assert_msg(rc == 0, "parse: %d (%s)", rc, why ? why : "no reason");
}

static void expect_refused(int want_rc, const char *reason)
{
	const char *why = NULL;
	int rc = parse(&why);

	ck_assert_msg(rc == want_rc, "parse returned %d, want %d (%s)", rc, want_rc,
		      why ? why : "no reason");
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, reason), "reason \"%s\" does not mention \"%s\"", why, reason);
}

static void setup(void)
{
	memset(&img, 0, sizeof(img));
	linux_image();
}

/* ---- pv_image_parse ---- */

START_TEST(linux_image_parses)
{
	expect_ok();
	ck_assert_ptr_eq(img.elf.data, exact);
	ck_assert_uint_eq(img.elf.size, FILE_SIZE);
	ck_assert_uint_eq(img.entry, ENTRY);
	ck_assert_uint_eq(img.virt_base, VIRT_BASE);
	ck_assert_uint_eq(img.paddr_offset, 0);
	ck_assert(img.has_hypercall_page);
	ck_assert_uint_eq(img.hypercall_page, HYPERCALL_PAGE);
	ck_assert_uint_eq(img.init_p2m, INIT_P2M);
	ck_assert(img.mod_start_pfn);
	ck_assert(img.suspend_cancel);
	ck_assert_uint_eq(img.l1_mfn_valid_mask, 1);
	ck_assert_uint_eq(img.l1_mfn_valid_value, 1);
	ck_assert_uint_eq(img.supported_features, SUPPORTED);
	ck_assert_uint_eq(img.features_required[0], BIT(XENFEAT_writable_page_tables));
	ck_assert_uint_eq(img.features_supported[0],
			  BIT(XENFEAT_writable_page_tables) | BIT(XENFEAT_pae_pgdir_above_4gb));
	ck_assert_str_eq(img.xen_version, "xen-3.0");
	ck_assert_str_eq(img.guest_os, "linux");
	ck_assert_str_eq(img.loader, "generic");
	/* Placed by p_paddr: 16 MiB up to the end of the second segment's bss. */
	ck_assert_uint_eq(img.paddr_start, KERNEL_PADDR);
	ck_assert_uint_eq(img.paddr_end, KERNEL_PADDR + 0x5000);
	ck_assert_uint_eq(img.virt_start, KERNEL_VA);
	ck_assert_uint_eq(img.virt_end, KERNEL_VA + 0x5000);
}
END_TEST

START_TEST(placement_ignores_p_vaddr_and_order)
{
	/* Segments listed high first, with a gap, and p_vaddr that mean nothing. */
	nr_segs = 0;
	add_seg(PT_LOAD, 0x3000, 0x800, KERNEL_PADDR + 0x10000, 0x1234000, 0x1000);
	add_seg(PT_NULL, 0, 0, 0, 0, 0);
	add_seg(PT_LOAD, 0x1000, 0x2000, KERNEL_PADDR, 0, 0x2000);
	add_seg(PT_LOAD, 0x1000, 0x100, 0x100, 0x100, 0); /* empty: ignored */
	expect_ok();
	ck_assert_uint_eq(img.paddr_start, KERNEL_PADDR);
	ck_assert_uint_eq(img.paddr_end, KERNEL_PADDR + 0x11000);
	ck_assert_uint_eq(img.virt_start, KERNEL_VA);
	ck_assert_uint_eq(img.virt_end, KERNEL_VA + 0x11000);
}
END_TEST

START_TEST(notes_from_sections)
{
	/* Without a PT_NOTE the notes are found through an SHT_NOTE section. */
	notes_in_sections = true;
	expect_ok();
	ck_assert_uint_eq(img.entry, ENTRY);
	ck_assert_uint_eq(img.virt_start, KERNEL_VA);
	ck_assert_str_eq(img.guest_os, "linux");
}
END_TEST

START_TEST(other_owners_ignored)
{
	/* Notes with Xen's types under other names change nothing. */
	add_num(XEN_ELFNOTE_ENTRY, KERNEL_VA + 0x400, 8); /* a second, valid, ENTRY... */
	strcpy(notes[nr_notes - 1].name, "Xen2"); /* ...that is not Xen's */
	add_note("XEN", XEN_ELFNOTE_VIRT_BASE, "\0\0\0\0\0\0\0\0", 8);
	add_note("Xe", XEN_ELFNOTE_LOADER, "other", 6);
	expect_ok();
	ck_assert_uint_eq(img.entry, ENTRY);
	ck_assert_uint_eq(img.virt_base, VIRT_BASE);
	ck_assert_str_eq(img.loader, "generic");
}
END_TEST

START_TEST(refuses_non_elf)
{
	const char *why;

	build();
	file[0] = 0;
	release();
	exact = malloc(FILE_SIZE);
	ck_assert_ptr_nonnull(exact);
	memcpy(exact, file, FILE_SIZE);
	ck_assert_int_eq(pv_image_parse(&img, exact, FILE_SIZE, &why), -ENOEXEC);
	ck_assert_ptr_nonnull(why);
	ck_assert_int_eq(pv_image_parse(&img, exact, 10, &why), -ENOEXEC);
	ck_assert_ptr_nonnull(why);
}
END_TEST

START_TEST(refuses_without_xen_notes)
{
	/* A plain ELF kernel: only GNU and Linux notes. */
	unsigned int j = 0;

	for (unsigned int i = 0; i < nr_notes; i++)
		if (strcmp(notes[i].name, "Xen"))
			notes[j++] = notes[i];
	nr_notes = j;
	expect_refused(-ENOEXEC, "XEN_VERSION");
	/* No notes at all. */
	nr_notes = 0;
	expect_refused(-ENOEXEC, "XEN_VERSION");
	/* Everything but XEN_VERSION. */
	linux_image();
	del_note(XEN_ELFNOTE_XEN_VERSION);
	expect_refused(-ENOEXEC, "XEN_VERSION");
}
END_TEST

START_TEST(refuses_wrong_xen_version)
{
	static const char *const bad[] = { "xen-2.0", "xen-3", "", "Xen-3.0", "xen-3.1" };

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		set_str(XEN_ELFNOTE_XEN_VERSION, bad[i]);
		expect_refused(-ENOEXEC, "XEN_VERSION");
	}
}
END_TEST

START_TEST(loader_or_guest_os)
{
	/* Either LOADER "generic" or GUEST_OS "linux" suffices. */
	set_str(XEN_ELFNOTE_GUEST_OS, "Mini-OS");
	expect_ok();
	ck_assert_str_eq(img.guest_os, "Mini-OS");

	linux_image();
	del_note(XEN_ELFNOTE_LOADER);
	expect_ok();
	ck_assert_str_eq(img.loader, "");

	linux_image();
	set_str(XEN_ELFNOTE_LOADER, "elfbsd");
	expect_ok();

	/* Neither. */
	linux_image();
	set_str(XEN_ELFNOTE_LOADER, "elfbsd");
	set_str(XEN_ELFNOTE_GUEST_OS, "NetBSD");
	expect_refused(-ENOEXEC, "LOADER");
	linux_image();
	del_note(XEN_ELFNOTE_LOADER);
	del_note(XEN_ELFNOTE_GUEST_OS);
	expect_refused(-ENOEXEC, "LOADER");
}
END_TEST

START_TEST(required_features)
{
	static const char *const refused[] = {
		"!supervisor_mode_kernel",
		"!writable_page_tables|!supervisor_mode_kernel",
		"!auto_translated_physmap",
		"!writable_descriptor_tables",
		"!hvm_callback_vector|writable_page_tables",
	};
	static const struct {
		const char *s;
		uint32_t required, supported;
	} accepted[] = {
		{ "!writable_page_tables|!pae_pgdir_above_4gb|!dom0",
		  BIT(XENFEAT_writable_page_tables) | BIT(XENFEAT_pae_pgdir_above_4gb) |
			  BIT(XENFEAT_dom0),
		  BIT(XENFEAT_writable_page_tables) | BIT(XENFEAT_pae_pgdir_above_4gb) |
			  BIT(XENFEAT_dom0) },
		/* Merely supported, not required: fine. */
		{ "supervisor_mode_kernel|auto_translated_physmap", 0,
		  BIT(XENFEAT_supervisor_mode_kernel) | BIT(XENFEAT_auto_translated_physmap) },
		{ "writable_descriptor_tables|hvm_callback_vector|dom0", 0,
		  BIT(XENFEAT_writable_descriptor_tables) | BIT(XENFEAT_hvm_callback_vector) |
			  BIT(XENFEAT_dom0) },
		/* Names must match whole. */
		{ "!supervisor_mode_kernelx|!supervisor_mode|writable_page_tables", 0,
		  BIT(XENFEAT_writable_page_tables) },
		{ "", 0, 0 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(refused); i++) {
		set_str(XEN_ELFNOTE_FEATURES, refused[i]);
		expect_refused(-EINVAL, "feature");
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(accepted); i++) {
		set_str(XEN_ELFNOTE_FEATURES, accepted[i].s);
		expect_ok();
		ck_assert_msg(img.features_required[0] == accepted[i].required,
			      "\"%s\": required %#x, want %#x", accepted[i].s,
			      img.features_required[0], accepted[i].required);
		ck_assert_msg(img.features_supported[0] == accepted[i].supported,
			      "\"%s\": supported %#x, want %#x", accepted[i].s,
			      img.features_supported[0], accepted[i].supported);
	}
	/* A FEATURES string without its NUL stops at the descriptor's end. */
	del_note(XEN_ELFNOTE_FEATURES);
	add_note("Xen", XEN_ELFNOTE_FEATURES, "!writable_page_tables|!supervisor_mode_kernel",
		 (uint32_t)strlen("!writable_page_tables|!supervisor_mode_kernel"));
	expect_refused(-EINVAL, "feature");
	del_note(XEN_ELFNOTE_FEATURES);
	add_note("Xen", XEN_ELFNOTE_FEATURES, "!writable_page_tables|!dom0",
		 (uint32_t)strlen("!writable_page_tables|!dom0"));
	expect_ok();
	ck_assert_uint_eq(img.features_required[0],
			  BIT(XENFEAT_writable_page_tables) | BIT(XENFEAT_dom0));
}
END_TEST

START_TEST(entry_must_lie_inside)
{
	set_num(XEN_ELFNOTE_ENTRY, KERNEL_VA + 0x5000, 8); /* virt_end */
	expect_refused(-EINVAL, "entry");
	set_num(XEN_ELFNOTE_ENTRY, KERNEL_VA - 1, 8);
	expect_refused(-EINVAL, "entry");
	set_num(XEN_ELFNOTE_ENTRY, 0, 8);
	expect_refused(-EINVAL, "entry");
	set_num(XEN_ELFNOTE_ENTRY, KERNEL_VA, 8);
	expect_ok();
	ck_assert_uint_eq(img.entry, KERNEL_VA);
	set_num(XEN_ELFNOTE_ENTRY, KERNEL_VA + 0x4fff, 8); /* in the bss, but inside */
	expect_ok();
	ck_assert_uint_eq(img.entry, KERNEL_VA + 0x4fff);
	/* Without ENTRY, e_entry is the entry. */
	del_note(XEN_ELFNOTE_ENTRY);
	e_entry = KERNEL_VA + 0x40;
	expect_ok();
	ck_assert_uint_eq(img.entry, KERNEL_VA + 0x40);
	e_entry = KERNEL_PADDR; /* a physical e_entry is outside */
	expect_refused(-EINVAL, "entry");
}
END_TEST

START_TEST(hypercall_page_checks)
{
	set_num(XEN_ELFNOTE_HYPERCALL_PAGE, KERNEL_VA + 0x4000, 8); /* the last page */
	expect_ok();
	ck_assert_uint_eq(img.hypercall_page, KERNEL_VA + 0x4000);
	set_num(XEN_ELFNOTE_HYPERCALL_PAGE, KERNEL_VA, 8); /* the first */
	expect_ok();

	set_num(XEN_ELFNOTE_HYPERCALL_PAGE, KERNEL_VA + 0x5000, 8); /* at virt_end */
	expect_refused(-EINVAL, "hypercall");
	set_num(XEN_ELFNOTE_HYPERCALL_PAGE, KERNEL_VA - 0x1000, 8); /* just below */
	expect_refused(-EINVAL, "hypercall");
	set_num(XEN_ELFNOTE_HYPERCALL_PAGE, KERNEL_VA + 0x800, 8); /* misaligned */
	expect_refused(-EINVAL, "hypercall");
	set_num(XEN_ELFNOTE_HYPERCALL_PAGE, KERNEL_VA + 0x4800, 8); /* runs past the end */
	expect_refused(-EINVAL, "hypercall");
	set_num(XEN_ELFNOTE_HYPERCALL_PAGE, ~0ULL & ~0xfffULL, 8); /* would wrap */
	expect_refused(-EINVAL, "hypercall");
	set_num(XEN_ELFNOTE_HYPERCALL_PAGE, 0, 8); /* asked for, at 0 */
	expect_refused(-EINVAL, "hypercall");

	/* Not asked for. */
	del_note(XEN_ELFNOTE_HYPERCALL_PAGE);
	expect_ok();
	ck_assert(!img.has_hypercall_page);
	ck_assert_uint_eq(img.hypercall_page, 0);
}
END_TEST

START_TEST(paddr_offset_rules)
{
	/* PADDR_OFFSET is subtracted from p_paddr. */
	set_num(XEN_ELFNOTE_PADDR_OFFSET, KERNEL_PADDR, 8);
	set_num(XEN_ELFNOTE_ENTRY, VIRT_BASE + 0x180, 8);
	set_num(XEN_ELFNOTE_HYPERCALL_PAGE, VIRT_BASE + 0x1000, 8);
	expect_ok();
	ck_assert_uint_eq(img.entry, VIRT_BASE + 0x180);
	ck_assert_uint_eq(img.paddr_offset, KERNEL_PADDR);
	ck_assert_uint_eq(img.paddr_start, 0);
	ck_assert_uint_eq(img.paddr_end, 0x5000);
	ck_assert_uint_eq(img.virt_start, VIRT_BASE);
	ck_assert_uint_eq(img.virt_end, VIRT_BASE + 0x5000);
	/* The Linux entry point is now outside the image. */
	set_num(XEN_ELFNOTE_ENTRY, ENTRY, 8);
	expect_refused(-EINVAL, "entry");

	/* A segment below it. */
	set_num(XEN_ELFNOTE_PADDR_OFFSET, KERNEL_PADDR + 1, 8);
	expect_refused(-EINVAL, "PADDR_OFFSET");
	set_num(XEN_ELFNOTE_PADDR_OFFSET, ~0ULL, 8);
	expect_refused(-EINVAL, "PADDR_OFFSET");

	/* Old-style images with virtual p_paddr and PADDR_OFFSET = VIRT_BASE. */
	linux_image();
	set_num(XEN_ELFNOTE_PADDR_OFFSET, VIRT_BASE, 8);
	for (unsigned int i = 0; i < nr_segs; i++)
		segs[i].paddr = segs[i].vaddr;
	expect_ok();
	ck_assert_uint_eq(img.paddr_start, KERNEL_PADDR);
	ck_assert_uint_eq(img.paddr_end, KERNEL_PADDR + 0x5000);
	ck_assert_uint_eq(img.virt_start, KERNEL_VA);
	ck_assert_uint_eq(img.virt_end, KERNEL_VA + 0x5000);
}
END_TEST

START_TEST(paddr_offset_default)
{
	/*
	 * Without PADDR_OFFSET, an image with ELF notes has offset 0 (Xen's
	 * libelf-dominfo.c: only the legacy __xen_guest section defaults it to
	 * VIRT_BASE; xen/elfnote.h: "default 0"). Linux's image is unchanged.
	 */
	del_note(XEN_ELFNOTE_PADDR_OFFSET);
	expect_ok();
	ck_assert_uint_eq(img.paddr_offset, 0);
	ck_assert_uint_eq(img.paddr_start, KERNEL_PADDR);
	ck_assert_uint_eq(img.virt_start, KERNEL_VA);
	ck_assert_uint_eq(img.virt_end, KERNEL_VA + 0x5000);
	ck_assert_uint_eq(img.entry, ENTRY);

	/* So virtual p_paddr without PADDR_OFFSET place the image nowhere sensible. */
	for (unsigned int i = 0; i < nr_segs; i++)
		segs[i].paddr = segs[i].vaddr;
	expect_refused(-EINVAL, "entry");
}
END_TEST

START_TEST(virt_base_default)
{
	/* Without VIRT_BASE (and PADDR_OFFSET): 0, so virtual = pseudo-physical. */
	del_note(XEN_ELFNOTE_VIRT_BASE);
	del_note(XEN_ELFNOTE_PADDR_OFFSET);
	set_num(XEN_ELFNOTE_ENTRY, KERNEL_PADDR + 0x180, 8);
	set_num(XEN_ELFNOTE_HYPERCALL_PAGE, KERNEL_PADDR + 0x1000, 8);
	expect_ok();
	ck_assert_uint_eq(img.virt_base, 0);
	ck_assert_uint_eq(img.paddr_offset, 0);
	ck_assert_uint_eq(img.virt_start, KERNEL_PADDR);
	ck_assert_uint_eq(img.virt_end, KERNEL_PADDR + 0x5000);
	ck_assert_uint_eq(img.entry, KERNEL_PADDR + 0x180);
}
END_TEST

START_TEST(refuses_without_loadable_segments)
{
	nr_segs = 0;
	expect_refused(-ENOEXEC, "no loadable");
	/* Only empty PT_LOADs and other types. */
	add_seg(PT_LOAD, 0x1000, 0, KERNEL_PADDR, KERNEL_VA, 0);
	add_seg(PT_NULL, 0x1000, 0x1000, KERNEL_PADDR, KERNEL_VA, 0x1000);
	add_seg(0x6474e551 /* PT_GNU_STACK */, 0, 0, 0, 0, 0x1000);
	expect_refused(-ENOEXEC, "no loadable");
}
END_TEST

START_TEST(refuses_segment_outside_the_file)
{
	segs[1].filesz = FILE_SIZE - 0x3000 + 1;
	expect_refused(-ENOEXEC, "outside the file");
	linux_image();
	segs[1].memsz = segs[1].filesz - 1; /* filesz > memsz */
	expect_refused(-ENOEXEC, "outside the file");
	linux_image();
	segs[0].paddr = ~0ULL - 0xfff; /* p_paddr + p_memsz wraps */
	expect_refused(-ENOEXEC, "outside the file");
	/* The last byte of the file is fine. */
	linux_image();
	segs[1].filesz = FILE_SIZE - 0x3000;
	expect_ok();
}
END_TEST

START_TEST(numeric_note_sizes)
{
	/* A kernel low in the address space can use 4-byte numbers. */
	nr_notes = 0;
	nr_segs = 0;
	add_str(XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
	add_str(XEN_ELFNOTE_LOADER, "generic");
	add_num(XEN_ELFNOTE_VIRT_BASE, 0x400000, 4);
	add_num(XEN_ELFNOTE_PADDR_OFFSET, 0x400000, 4);
	add_num(XEN_ELFNOTE_ENTRY, 0x500040, 4);
	add_num(XEN_ELFNOTE_HYPERCALL_PAGE, 0x501000, 4);
	add_num(XEN_ELFNOTE_SUPPORTED_FEATURES, 0x80000001, 4); /* not sign-extended */
	add_num(XEN_ELFNOTE_INIT_P2M, 0x80000000, 4);
	add_num(XEN_ELFNOTE_MOD_START_PFN, 0x100000000ULL, 8); /* non-zero in its high half */
	add_num(XEN_ELFNOTE_SUSPEND_CANCEL, 0, 8);
	add_seg(PT_LOAD, 0x1000, 0x2000, 0x500000, 0x500000, 0x2000);
	expect_ok();
	ck_assert_uint_eq(img.virt_base, 0x400000);
	ck_assert_uint_eq(img.paddr_offset, 0x400000);
	ck_assert_uint_eq(img.entry, 0x500040);
	ck_assert_uint_eq(img.hypercall_page, 0x501000);
	ck_assert_uint_eq(img.supported_features, 0x80000001);
	ck_assert_uint_eq(img.init_p2m, 0x80000000);
	ck_assert(img.mod_start_pfn);
	ck_assert(!img.suspend_cancel);
	ck_assert_uint_eq(img.paddr_start, 0x100000);
	ck_assert_uint_eq(img.virt_start, 0x500000);
	ck_assert_uint_eq(img.virt_end, 0x502000);

	/* 8-byte numbers use all their bytes. */
	set_num(XEN_ELFNOTE_INIT_P2M, 0x0123456789abcdefULL, 8);
	set_num(XEN_ELFNOTE_ENTRY, 0x500041, 8);
	expect_ok();
	ck_assert_uint_eq(img.init_p2m, 0x0123456789abcdefULL);
	ck_assert_uint_eq(img.entry, 0x500041);
}
END_TEST

START_TEST(flags_and_optional_notes)
{
	set_num(XEN_ELFNOTE_MOD_START_PFN, 0, 4);
	set_num(XEN_ELFNOTE_SUSPEND_CANCEL, 0, 4);
	del_note(XEN_ELFNOTE_INIT_P2M);
	del_note(XEN_ELFNOTE_SUPPORTED_FEATURES);
	del_note(XEN_ELFNOTE_FEATURES);
	/* An L1_MFN_VALID without a full mask/value pair is ignored. */
	del_note(XEN_ELFNOTE_L1_MFN_VALID);
	add_num(XEN_ELFNOTE_L1_MFN_VALID, 1, 8);
	expect_ok();
	ck_assert(!img.mod_start_pfn);
	ck_assert(!img.suspend_cancel);
	ck_assert_uint_eq(img.init_p2m, 0);
	ck_assert_uint_eq(img.supported_features, 0);
	ck_assert_uint_eq(img.features_required[0], 0);
	ck_assert_uint_eq(img.features_supported[0], 0);
	ck_assert_uint_eq(img.l1_mfn_valid_mask, 0);
	ck_assert_uint_eq(img.l1_mfn_valid_value, 0);

	uint64_t pair[2] = { 0x8000000000000fffULL, 0x0000000000000001ULL };
	del_note(XEN_ELFNOTE_L1_MFN_VALID);
	add_note("Xen", XEN_ELFNOTE_L1_MFN_VALID, pair, sizeof(pair));
	expect_ok();
	ck_assert_uint_eq(img.l1_mfn_valid_mask, pair[0]);
	ck_assert_uint_eq(img.l1_mfn_valid_value, pair[1]);
}
END_TEST

START_TEST(string_notes)
{
	static const char long_os[] = "a-guest-os-name-longer-than-the-field-holds";

	/* Too long: truncated to PV_IMAGE_STR_MAX - 1 characters. */
	set_str(XEN_ELFNOTE_GUEST_OS, long_os);
	expect_ok();
	ck_assert_uint_eq(strlen(img.guest_os), PV_IMAGE_STR_MAX - 1);
	ck_assert_int_eq(strncmp(img.guest_os, long_os, PV_IMAGE_STR_MAX - 1), 0);

	/* No NUL in the descriptor. */
	del_note(XEN_ELFNOTE_GUEST_OS);
	add_note("Xen", XEN_ELFNOTE_GUEST_OS, "linux", 5);
	del_note(XEN_ELFNOTE_LOADER);
	expect_ok();
	ck_assert_str_eq(img.guest_os, "linux");

	/* Bytes after an inner NUL do not count. */
	del_note(XEN_ELFNOTE_GUEST_OS);
	add_note("Xen", XEN_ELFNOTE_GUEST_OS, "linux\0xx", 8);
	expect_ok();
	ck_assert_str_eq(img.guest_os, "linux");
}
END_TEST

/* ---- pv_image_load ---- */

#define MAX_PUTS 16

struct put {
	uint64_t paddr;
	long src_off; /* from the start of the file; -1 for zeros */
	uint64_t len;
};

struct recorder {
	unsigned int n, fail_at; /* fail the fail_at'th non-empty call (1-based); 0: never */
	int error;
	struct put puts[MAX_PUTS];
	uint8_t *mem; /* guest memory [base, base + size) */
	uint64_t base, size;
};

static int record_put(void *ctx, uint64_t paddr, const void *src, uint64_t len)
{
	struct recorder *r = ctx;

	if (len == 0)
		return 0; /* an empty write, if any, writes nothing */
	ck_assert_uint_lt(r->n, MAX_PUTS);
	if (src)
		ck_assert((const uint8_t *)src >= exact &&
			  (const uint8_t *)src + len <= exact + exact_size);
	r->puts[r->n] = (struct put){ paddr, src ? (long)((const uint8_t *)src - exact) : -1, len };
	if (++r->n == r->fail_at)
		return r->error;
	if (r->mem) {
		ck_assert(paddr >= r->base && paddr + len <= r->base + r->size);
		if (src)
			memcpy(r->mem + (paddr - r->base), src, len);
		else
			memset(r->mem + (paddr - r->base), 0, len);
	}
	return 0;
}

static void expect_put(const struct recorder *r, unsigned int i, uint64_t paddr, long src_off,
		       uint64_t len)
{
	ck_assert_uint_lt(i, r->n);
	ck_assert_msg(r->puts[i].paddr == paddr && r->puts[i].src_off == src_off &&
			      r->puts[i].len == len,
		      "put %u: paddr %#llx src %ld len %#llx, want %#llx %ld %#llx", i,
		      (unsigned long long)r->puts[i].paddr, r->puts[i].src_off,
		      (unsigned long long)r->puts[i].len, (unsigned long long)paddr, src_off,
		      (unsigned long long)len);
}

START_TEST(load_linux_image)
{
	struct recorder r = { 0 };

	expect_ok();
	r.base = img.paddr_start;
	r.size = img.paddr_end - img.paddr_start;
	r.mem = malloc(r.size);
	ck_assert_ptr_nonnull(r.mem);
	memset(r.mem, 0xee, r.size);

	ck_assert_int_eq(pv_image_load(&img, record_put, &r), 0);
	ck_assert_uint_eq(r.n, 3);
	expect_put(&r, 0, KERNEL_PADDR, 0x1000, 0x2000);
	expect_put(&r, 1, KERNEL_PADDR + 0x2000, 0x3000, 0x800);
	expect_put(&r, 2, KERNEL_PADDR + 0x2800, -1, 0x2800);
	/* Guest memory: the file's bytes, then zeros. */
	for (uint64_t a = 0; a < r.size; a++) {
		uint8_t want = a < 0x2800 ? pattern(0x1000 + a) : 0;
		CHECK(r.mem[a] == want, "byte %#llx: %#x, want %#x", (unsigned long long)a,
		      r.mem[a], want);
	}
	free(r.mem);
}
END_TEST

START_TEST(load_uses_pseudo_physical_addresses)
{
	struct recorder r = { 0 };

	/* Virtual p_paddr with PADDR_OFFSET = VIRT_BASE: the same pseudo-physical places. */
	set_num(XEN_ELFNOTE_PADDR_OFFSET, VIRT_BASE, 8);
	for (unsigned int i = 0; i < nr_segs; i++)
		segs[i].paddr = segs[i].vaddr;
	expect_ok();
	ck_assert_int_eq(pv_image_load(&img, record_put, &r), 0);
	ck_assert_uint_eq(r.n, 3);
	expect_put(&r, 0, KERNEL_PADDR, 0x1000, 0x2000);
	expect_put(&r, 1, KERNEL_PADDR + 0x2000, 0x3000, 0x800);
	expect_put(&r, 2, KERNEL_PADDR + 0x2800, -1, 0x2800);

	/* Segments in file order, all-bss and empty ones included. */
	memset(&r, 0, sizeof(r));
	linux_image();
	nr_segs = 0;
	add_seg(PT_LOAD, 0x3000, 0x100, KERNEL_PADDR + 0x8000, 0, 0x100);
	add_seg(PT_LOAD, 0x2000, 0, KERNEL_PADDR + 0x4000, 0, 0x3000); /* all bss */
	add_seg(PT_LOAD, 0x1000, 0x1000, KERNEL_PADDR, 0, 0x1000);
	add_seg(PT_LOAD, 0x1000, 0, KERNEL_PADDR + 0x20000, 0, 0); /* empty */
	add_seg(PT_NULL, 0x1000, 0x1000, 0x10, 0, 0x1000);
	expect_ok();
	ck_assert_uint_eq(img.paddr_end, KERNEL_PADDR + 0x8100);
	ck_assert_int_eq(pv_image_load(&img, record_put, &r), 0);
	ck_assert_uint_eq(r.n, 3);
	expect_put(&r, 0, KERNEL_PADDR + 0x8000, 0x3000, 0x100);
	expect_put(&r, 1, KERNEL_PADDR + 0x4000, -1, 0x3000);
	expect_put(&r, 2, KERNEL_PADDR, 0x1000, 0x1000);
}
END_TEST

START_TEST(load_stops_on_error)
{
	/* The error of the k-th write is returned and nothing is written after it. */
	for (unsigned int k = 1; k <= 3; k++) {
		struct recorder r = { .fail_at = k, .error = -EFAULT - (int)k };

		expect_ok();
		ck_assert_int_eq(pv_image_load(&img, record_put, &r), -EFAULT - (int)k);
		ck_assert_uint_eq(r.n, k);
	}
	struct recorder r = { .fail_at = 1, .error = 1 }; /* any non-zero value */

	ck_assert_int_eq(pv_image_load(&img, record_put, &r), 1);
	ck_assert_uint_eq(r.n, 1);
}
END_TEST

Suite *pv_image_suite(void)
{
	Suite *s = suite_create("pv_image");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_checked_fixture(tc, setup, release);
	tcase_add_test(tc, linux_image_parses);
	tcase_add_test(tc, placement_ignores_p_vaddr_and_order);
	tcase_add_test(tc, notes_from_sections);
	tcase_add_test(tc, other_owners_ignored);
	tcase_add_test(tc, numeric_note_sizes);
	tcase_add_test(tc, flags_and_optional_notes);
	tcase_add_test(tc, string_notes);
	tcase_add_test(tc, paddr_offset_rules);
	tcase_add_test(tc, paddr_offset_default);
	tcase_add_test(tc, virt_base_default);
	suite_add_tcase(s, tc);

	tc = tcase_create("refusals");
	tcase_add_checked_fixture(tc, setup, release);
	tcase_add_test(tc, refuses_non_elf);
	tcase_add_test(tc, refuses_without_xen_notes);
	tcase_add_test(tc, refuses_wrong_xen_version);
	tcase_add_test(tc, loader_or_guest_os);
	tcase_add_test(tc, required_features);
	tcase_add_test(tc, entry_must_lie_inside);
	tcase_add_test(tc, hypercall_page_checks);
	tcase_add_test(tc, refuses_without_loadable_segments);
	tcase_add_test(tc, refuses_segment_outside_the_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup, release);
	tcase_add_test(tc, load_linux_image);
	tcase_add_test(tc, load_uses_pseudo_physical_addresses);
	tcase_add_test(tc, load_stops_on_error);
	suite_add_tcase(s, tc);
	return s;
}
