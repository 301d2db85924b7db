/*
 * multiboot.c - reading the Multiboot 1 and Multiboot 2 information blocks.
 * Layouts: the Multiboot Specification 0.6.96 (section 3.3) and Multiboot2
 * Specification 2.0 (section 3.6).
 */
#include <asm/page.h>
#include <lamina/boot_info.h>
#include <lamina/console.h>
#include <lamina/lib.h>

#define MB1_BOOTLOADER_MAGIC 0x2BADB002
#define MB2_BOOTLOADER_MAGIC 0x36D76289

#define MB1_INFO_CMDLINE (1U << 2)
#define MB1_INFO_MODS (1U << 3)
#define MB1_INFO_MMAP (1U << 6)
#define MB1_INFO_LOADER_NAME (1U << 9)

struct mb1_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
	uint32_t drives_length, drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
} __packed;

struct mb1_module {
	uint32_t mod_start, mod_end, string, reserved;
} __packed;

struct mb1_mmap_entry {
	uint32_t size; /* of the rest of the entry */
	uint64_t addr, len;
	uint32_t type;
} __packed;

#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_LOADER_NAME 2
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6
#define MB2_TAG_ACPI_OLD 14
#define MB2_TAG_ACPI_NEW 15

struct mb2_tag {
	uint32_t type, size;
} __packed;

struct mb2_mmap_entry {
	uint64_t addr, len;
	uint32_t type, reserved;
} __packed;

struct boot_info boot_info;

static void copy_string(char *dst, size_t size, paddr_t pa)
{
	const char *s = __va(pa);
	size_t n = strnlen(s, size - 1);

	memcpy(dst, s, n);
	dst[n] = '\0';
}

static void add_module(paddr_t start, paddr_t end, paddr_t cmdline_pa)
{
	if (boot_info.nr_modules >= BOOT_MODULES_MAX) {
		printk(LOG_WARNING "multiboot: more than %d modules; the rest are ignored\n",
		       BOOT_MODULES_MAX);
		return;
	}
	struct boot_module *m = &boot_info.modules[boot_info.nr_modules++];
	m->start = start;
	m->end = end;
	if (cmdline_pa)
		copy_string(m->cmdline, sizeof(m->cmdline), cmdline_pa);
}

static void parse_mb1(const struct mb1_info *mbi)
{
	boot_info.multiboot_version = 1;
	if (mbi->flags & MB1_INFO_LOADER_NAME)
		copy_string(boot_info.loader, sizeof(boot_info.loader), mbi->boot_loader_name);
	if (mbi->flags & MB1_INFO_CMDLINE)
		copy_string(boot_info.cmdline, sizeof(boot_info.cmdline), mbi->cmdline);
	if (mbi->flags & MB1_INFO_MODS) {
		const struct mb1_module *mod = __va(mbi->mods_addr);
		for (uint32_t i = 0; i < mbi->mods_count; i++)
			add_module(mod[i].mod_start, mod[i].mod_end, mod[i].string);
	}
	if (mbi->flags & MB1_INFO_MMAP) {
		paddr_t p = mbi->mmap_addr, end = p + mbi->mmap_length;
		while (p < end) {
			const struct mb1_mmap_entry *e = __va(p);
			e820_add(&boot_info.e820, e->addr, e->len, e->type);
			p += e->size + sizeof(e->size);
		}
	}
}

static void parse_mb2(paddr_t info_pa)
{
	uint32_t total = *(const uint32_t *)__va(info_pa);
	paddr_t p = info_pa + 8, end = info_pa + total;

	boot_info.multiboot_version = 2;
	while (p + sizeof(struct mb2_tag) <= end) {
		const struct mb2_tag *tag = __va(p);
		const uint8_t *body = (const uint8_t *)(tag + 1);

		if (tag->type == MB2_TAG_END || tag->size < sizeof(*tag))
			break;
		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			copy_string(boot_info.cmdline, sizeof(boot_info.cmdline), p + 8);
			break;
		case MB2_TAG_LOADER_NAME:
			copy_string(boot_info.loader, sizeof(boot_info.loader), p + 8);
			break;
		case MB2_TAG_MODULE: {
			const uint32_t *mod = (const uint32_t *)body;
			add_module(mod[0], mod[1], p + 16);
			break;
		}
		case MB2_TAG_MMAP: {
			uint32_t entry_size = ((const uint32_t *)body)[0];
			paddr_t e = p + 16;
			if (entry_size < sizeof(struct mb2_mmap_entry))
				break;
			for (; e + entry_size <= p + tag->size; e += entry_size) {
				const struct mb2_mmap_entry *me = __va(e);
				e820_add(&boot_info.e820, me->addr, me->len, me->type);
			}
			break;
		}
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW:
			if (!boot_info.acpi_rsdp_valid || tag->type == MB2_TAG_ACPI_NEW) {
				size_t n = MIN(tag->size - 8, sizeof(boot_info.acpi_rsdp));
				memcpy(boot_info.acpi_rsdp, body, n);
				boot_info.acpi_rsdp_valid = true;
			}
			break;
		}
		p += ROUNDUP((paddr_t)tag->size, 8);
	}
}

/*
 * QEMU and Multiboot 1 loaders other than GRUB 2 put the image's (or the
 * module's) path first on its command line; options follow it. Drop that
 * first word, as Xen does (cmdline_cook).
 */
static void drop_first_word(char *s)
{
	char *p = s;

	while (*p && *p != ' ')
		p++;
	while (*p == ' ')
		p++;
	memmove(s, p, strlen(p) + 1);
}

static void strip_image_path(void)
{
	if (boot_info.multiboot_version == 2 || !strncmp(boot_info.loader, "GRUB 2", 6))
		return;
	drop_first_word(boot_info.cmdline);
	for (unsigned int i = 0; i < boot_info.nr_modules; i++)
		drop_first_word(boot_info.modules[i].cmdline);
}

void multiboot_parse(unsigned long magic, paddr_t info_pa)
{
	if (magic == MB1_BOOTLOADER_MAGIC)
		parse_mb1(__va(info_pa));
	else if (magic == MB2_BOOTLOADER_MAGIC)
		parse_mb2(info_pa);
	else
		panic("not started by a Multiboot loader (magic %#lx)", magic);
	strip_image_path();
	if (e820_sanitize(&boot_info.e820) < 0)
		printk(LOG_WARNING "multiboot: memory map too long, truncated\n");
}
