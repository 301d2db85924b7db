/*
 * lamina/elf.h - reading ELF64 images: headers, loadable segments, notes.
 *
 * Layouts from the System V ABI (gABI) and its x86-64 supplement. Every
 * offset and size read from the image is checked against the image's length
 * before use, so a malformed kernel gives an error, never a wild read. Pure
 * logic, shared by the hypervisor's dom0 builder and the toolstack's domain
 * builder, unit-tested hosted.
 */
#ifndef LAMINA_ELF_H
#define LAMINA_ELF_H

#include <lamina/types.h>

#define ELF_MAGIC "\177ELF"
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ET_EXEC 2
#define EM_X86_64 62
#define PT_LOAD 1
#define PT_NOTE 4
#define SHT_NOTE 7

struct elf64_ehdr {
	uint8_t e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

struct elf64_nhdr {
	uint32_t n_namesz, n_descsz, n_type;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header");
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 program header");

struct elf_image {
	const uint8_t *data; /* the whole file */
	size_t size; /* bytes */
	const struct elf64_ehdr *ehdr;
};

/*
 * elf_open - check that data[0, size) is a little-endian x86-64 ELF64
 * executable whose program headers lie inside it. Returns 0, or -ENOEXEC
 * with *why set to a short reason.
 */
int elf_open(struct elf_image *img, const void *data, size_t size, const char **why);

/* elf_phdr - program header i (i < e_phnum), or NULL when it is not inside the image. */
const struct elf64_phdr *elf_phdr(const struct elf_image *img, unsigned int i);

/*
 * elf_segment_ok - a PT_LOAD's file bytes lie inside the image and
 * p_filesz <= p_memsz, with no arithmetic overflow.
 */
bool elf_segment_ok(const struct elf_image *img, const struct elf64_phdr *ph);

/*
 * elf_for_each_note - call fn(type, name, desc, descsz, ctx) for every note of
 * every PT_NOTE segment (or SHT_NOTE section when there is no PT_NOTE). A note
 * that runs past its segment ends the walk. Returns the number of notes seen.
 */
typedef void (*elf_note_fn)(uint32_t type, const char *name, const void *desc, uint32_t descsz,
			    void *ctx);
unsigned int elf_for_each_note(const struct elf_image *img, elf_note_fn fn, void *ctx);

#endif /* LAMINA_ELF_H */
