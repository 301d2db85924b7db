/*
 * elf.c - bounds-checked reading of ELF64 images (see lamina/elf.h).
 * Pure logic, unit-tested hosted (tests/unit/test_elf.c).
 */
#include <lamina/elf.h>
#include <lamina/errno.h>
#include <lamina/lib.h>

/* in_image - [off, off + len) lies inside the image without overflow. */
static bool in_image(const struct elf_image *img, uint64_t off, uint64_t len)
{
	return off <= img->size && len <= img->size - off;
}

int elf_open(struct elf_image *img, const void *data, size_t size, const char **why)
{
	const struct elf64_ehdr *eh = data;

	img->data = data;
	img->size = size;
	img->ehdr = NULL;
	*why = NULL;
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELF_MAGIC, 4))
		*why = "not an ELF file";
	else if (eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB)
		*why = "not a little-endian ELF64 file";
	else if (eh->e_machine != EM_X86_64)
		*why = "not an x86-64 image";
	else if (eh->e_type != ET_EXEC)
		*why = "not an executable (ET_EXEC) image";
	else if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0)
		*why = "no usable program headers";
	else if (!in_image(img, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr)))
		*why = "program headers lie outside the file";
	if (*why)
		return -ENOEXEC;
	img->ehdr = eh;
	return 0;
}

const struct elf64_phdr *elf_phdr(const struct elf_image *img, unsigned int i)
{
	if (!img->ehdr || i >= img->ehdr->e_phnum)
		return NULL;
	return (const struct elf64_phdr *)(img->data + img->ehdr->e_phoff) + i;
}

bool elf_segment_ok(const struct elf_image *img, const struct elf64_phdr *ph)
{
	return ph->p_filesz <= ph->p_memsz && in_image(img, ph->p_offset, ph->p_filesz) &&
	       ph->p_paddr + ph->p_memsz >= ph->p_paddr;
}

static unsigned int walk_notes(const struct elf_image *img, uint64_t off, uint64_t len,
			       elf_note_fn fn, void *ctx)
{
	unsigned int n = 0;
	uint64_t end = off + len;

	while (off + sizeof(struct elf64_nhdr) <= end) {
		const struct elf64_nhdr *nh = (const void *)(img->data + off);
		uint64_t name_off = off + sizeof(*nh);
		uint64_t desc_off = name_off + ROUNDUP((uint64_t)nh->n_namesz, 4);
		uint64_t next = desc_off + ROUNDUP((uint64_t)nh->n_descsz, 4);

		if (next > end || next <= off)
			break;
		const char *name = (const char *)img->data + name_off;
		/* A name must be NUL-terminated within its size. */
		if (nh->n_namesz && name[nh->n_namesz - 1] == '\0')
			fn(nh->n_type, name, img->data + desc_off, nh->n_descsz, ctx);
		n++;
		off = next;
	}
	return n;
}

struct elf64_shdr {
	uint32_t sh_name, sh_type;
	uint64_t sh_flags, sh_addr, sh_offset, sh_size;
	uint32_t sh_link, sh_info;
	uint64_t sh_addralign, sh_entsize;
};

unsigned int elf_for_each_note(const struct elf_image *img, elf_note_fn fn, void *ctx)
{
	unsigned int n = 0;
	bool had_pt_note = false;

	for (unsigned int i = 0; i < img->ehdr->e_phnum; i++) {
		const struct elf64_phdr *ph = elf_phdr(img, i);
		if (ph->p_type != PT_NOTE || !in_image(img, ph->p_offset, ph->p_filesz))
			continue;
		had_pt_note = true;
		n += walk_notes(img, ph->p_offset, ph->p_filesz, fn, ctx);
	}
	if (had_pt_note)
		return n;

	const struct elf64_ehdr *eh = img->ehdr;
	if (eh->e_shentsize != sizeof(struct elf64_shdr) ||
	    !in_image(img, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(struct elf64_shdr)))
		return 0;
	for (unsigned int i = 0; i < eh->e_shnum; i++) {
		const struct elf64_shdr *sh = (const struct elf64_shdr *)(img->data + eh->e_shoff) + i;
		if (sh->sh_type == SHT_NOTE && in_image(img, sh->sh_offset, sh->sh_size))
			n += walk_notes(img, sh->sh_offset, sh->sh_size, fn, ctx);
	}
	return n;
}
