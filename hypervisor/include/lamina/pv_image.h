/*
 * lamina/pv_image.h - what a PV kernel image asks for, from its Xen ELF notes.
 *
 * The rules are those of Xen's loader (xen/common/libelf/libelf-dominfo.c,
 * note numbers in xen/elfnote.h): a PV image carries XEN_VERSION "xen-3.0"
 * and either LOADER "generic" or GUEST_OS "linux"; ENTRY, VIRT_BASE and
 * PADDR_OFFSET place it; segments are placed by p_paddr; an image that
 * requires a feature we lack (supervisor_mode_kernel) is refused. Pure logic,
 * shared by the hypervisor's dom0 builder and the toolstack's builder.
 */
#ifndef LAMINA_PV_IMAGE_H
#define LAMINA_PV_IMAGE_H

#include <lamina/elf.h>

#define PV_IMAGE_STR_MAX 32

struct pv_image {
	struct elf_image elf;
	uint64_t entry; /* virtual address of the first instruction */
	uint64_t virt_base; /* VA of pseudo-physical address 0 */
	uint64_t paddr_offset;
	uint64_t hypercall_page; /* VA of the page to fill with stubs, 0 when not asked */
	bool has_hypercall_page;
	uint64_t init_p2m; /* VA where the P2M may be mapped (INIT_P2M), 0 when absent */
	bool mod_start_pfn; /* the kernel accepts an unmapped initrd given by PFN */
	bool suspend_cancel;
	uint64_t l1_mfn_valid_mask, l1_mfn_valid_value;
	uint32_t supported_features; /* SUPPORTED_FEATURES: XENFEAT bits the kernel copes with */
	uint32_t features_required[1]; /* FEATURES '!' entries, XENFEAT bits */
	uint32_t features_supported[1]; /* FEATURES plain entries */
	char xen_version[PV_IMAGE_STR_MAX];
	char guest_os[PV_IMAGE_STR_MAX];
	char loader[PV_IMAGE_STR_MAX];
	/* Placement, in pseudo-physical (p_paddr - paddr_offset) and virtual terms. */
	uint64_t paddr_start, paddr_end; /* lowest and highest (exclusive) segment bytes */
	uint64_t virt_start, virt_end; /* the same plus virt_base */
};

/*
 * pv_image_parse - read the notes of an ELF image and check it is a 64-bit PV
 * kernel we can load. Returns 0, or -ENOEXEC / -EINVAL with *why set.
 */
int pv_image_parse(struct pv_image *img, const void *data, size_t size, const char **why);

/*
 * pv_image_load - copy every PT_LOAD segment to its place: for each, the bytes
 * [p_paddr - paddr_offset, + p_memsz) of guest pseudo-physical space, file
 * bytes then zeros. put(ctx, paddr, src, len) writes len bytes at guest
 * pseudo-physical address paddr (src NULL: zeros) and returns 0 or an error,
 * which stops the load.
 */
typedef int (*pv_put_fn)(void *ctx, uint64_t paddr, const void *src, uint64_t len);
int pv_image_load(const struct pv_image *img, pv_put_fn put, void *ctx);

#endif /* LAMINA_PV_IMAGE_H */
