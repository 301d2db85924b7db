/*
 * pv_image.c - reading a PV kernel's Xen notes and loading its segments
 * (rules in lamina/pv_image.h). Pure logic, unit-tested hosted.
 */
#include <lamina/errno.h>
#include <lamina/lib.h>
#include <lamina/pv_image.h>
#include <xen/elfnote.h>
#include <xen/features.h>

static void copy_str(char *dst, const void *desc, uint32_t len)
{
	size_t n = MIN((size_t)len, (size_t)PV_IMAGE_STR_MAX - 1);

	memcpy(dst, desc, n);
	dst[n] = '\0';
	dst[strnlen(dst, n)] = '\0';
}

static uint64_t note_value(const void *desc, uint32_t len)
{
	const uint8_t *p = desc;
	uint64_t v = 0;

	/* Numeric notes are 4 or 8 bytes, little-endian. */
	for (uint32_t i = 0; i < len && i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* The names FEATURES may list, by XENFEAT bit. */
static const struct {
	const char *name;
	unsigned int bit;
} feature_names[] = {
	{ "writable_page_tables", XENFEAT_writable_page_tables },
	{ "writable_descriptor_tables", XENFEAT_writable_descriptor_tables },
	{ "auto_translated_physmap", XENFEAT_auto_translated_physmap },
	{ "supervisor_mode_kernel", XENFEAT_supervisor_mode_kernel },
	{ "pae_pgdir_above_4gb", XENFEAT_pae_pgdir_above_4gb },
	{ "hvm_callback_vector", XENFEAT_hvm_callback_vector },
	{ "dom0", XENFEAT_dom0 },
};

static void parse_features(struct pv_image *img, const char *s, uint32_t len)
{
	uint32_t i = 0;

	while (i < len && s[i]) {
		bool required = s[i] == '!';
		if (required)
			i++;
		uint32_t start = i;
		while (i < len && s[i] && s[i] != '|')
			i++;
		for (size_t k = 0; k < ARRAY_SIZE(feature_names); k++) {
			size_t n = strlen(feature_names[k].name);
			if (n == i - start && !strncmp(s + start, feature_names[k].name, n)) {
				uint32_t bit = 1U << feature_names[k].bit;
				if (required)
					img->features_required[0] |= bit;
				img->features_supported[0] |= bit;
			}
		}
		if (i < len && s[i] == '|')
			i++;
	}
}

struct note_ctx {
	struct pv_image *img;
	bool have_entry, have_virt_base, have_paddr_offset;
};

static void note(uint32_t type, const char *name, const void *desc, uint32_t len, void *arg)
{
	struct note_ctx *c = arg;
	struct pv_image *img = c->img;

	if (strcmp(name, "Xen"))
		return;
	switch (type) {
	case XEN_ELFNOTE_ENTRY:
		img->entry = note_value(desc, len);
		c->have_entry = true;
		break;
	case XEN_ELFNOTE_HYPERCALL_PAGE:
		img->hypercall_page = note_value(desc, len);
		img->has_hypercall_page = true;
		break;
	case XEN_ELFNOTE_VIRT_BASE:
		img->virt_base = note_value(desc, len);
		c->have_virt_base = true;
		break;
	case XEN_ELFNOTE_PADDR_OFFSET:
		img->paddr_offset = note_value(desc, len);
		c->have_paddr_offset = true;
		break;
	case XEN_ELFNOTE_XEN_VERSION:
		copy_str(img->xen_version, desc, len);
		break;
	case XEN_ELFNOTE_GUEST_OS:
		copy_str(img->guest_os, desc, len);
		break;
	case XEN_ELFNOTE_LOADER:
		copy_str(img->loader, desc, len);
		break;
	case XEN_ELFNOTE_FEATURES:
		parse_features(img, desc, len);
		break;
	case XEN_ELFNOTE_SUPPORTED_FEATURES:
		img->supported_features = (uint32_t)note_value(desc, len);
		break;
	case XEN_ELFNOTE_L1_MFN_VALID:
		if (len >= 16) {
			img->l1_mfn_valid_mask = note_value(desc, 8);
			img->l1_mfn_valid_value = note_value((const uint8_t *)desc + 8, 8);
		}
		break;
	case XEN_ELFNOTE_SUSPEND_CANCEL:
		img->suspend_cancel = note_value(desc, len) != 0;
		break;
	case XEN_ELFNOTE_INIT_P2M:
		img->init_p2m = note_value(desc, len);
		break;
	case XEN_ELFNOTE_MOD_START_PFN:
		img->mod_start_pfn = note_value(desc, len) != 0;
		break;
	default:
		break;
	}
}

int pv_image_parse(struct pv_image *img, const void *data, size_t size, const char **why)
{
	struct note_ctx c = { .img = img };

	memset(img, 0, sizeof(*img));
	if (elf_open(&img->elf, data, size, why) < 0)
		return -ENOEXEC;
	elf_for_each_note(&img->elf, note, &c);

	if (strncmp(img->xen_version, "xen-3.0", 7)) {
		*why = "no Xen notes (XEN_VERSION \"xen-3.0\" missing): not a PV kernel";
		return -ENOEXEC;
	}
	if (strcmp(img->loader, "generic") && strcmp(img->guest_os, "linux")) {
		*why = "neither LOADER \"generic\" nor GUEST_OS \"linux\"";
		return -ENOEXEC;
	}
	if (img->features_required[0] & ~(1U << XENFEAT_writable_page_tables |
					    1U << XENFEAT_pae_pgdir_above_4gb |
					    1U << XENFEAT_dom0)) {
		*why = "the kernel requires a feature this hypervisor does not offer";
		return -EINVAL;
	}

	/* Extent of the image, by p_paddr. */
	bool any = false;
	for (unsigned int i = 0; i < img->elf.ehdr->e_phnum; i++) {
		const struct elf64_phdr *ph = elf_phdr(&img->elf, i);
		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		if (!elf_segment_ok(&img->elf, ph)) {
			*why = "a loadable segment lies outside the file";
			return -ENOEXEC;
		}
		if (!any || ph->p_paddr < img->paddr_start)
			img->paddr_start = ph->p_paddr;
		if (!any || ph->p_paddr + ph->p_memsz > img->paddr_end)
			img->paddr_end = ph->p_paddr + ph->p_memsz;
		any = true;
	}
	if (!any) {
		*why = "no loadable segments";
		return -ENOEXEC;
	}
	if (!c.have_virt_base)
		img->virt_base = 0;
	/* Xen: 0 for an image with ELF notes (VIRT_BASE only for __xen_guest) */
	if (!c.have_paddr_offset)
		img->paddr_offset = 0;
	if (img->paddr_start < img->paddr_offset) {
		*why = "a segment lies below PADDR_OFFSET";
		return -EINVAL;
	}
	img->paddr_start -= img->paddr_offset;
	img->paddr_end -= img->paddr_offset;
	img->virt_start = img->virt_base + img->paddr_start;
	img->virt_end = img->virt_base + img->paddr_end;
	if (!c.have_entry)
		img->entry = img->elf.ehdr->e_entry;
	if (img->entry < img->virt_start || img->entry >= img->virt_end) {
		*why = "the entry point lies outside the image";
		return -EINVAL;
	}
	if (img->has_hypercall_page &&
	    (img->hypercall_page < img->virt_start || img->hypercall_page >= img->virt_end ||
	     img->virt_end - img->hypercall_page < 4096 ||
	     (img->hypercall_page & 4095))) {
		*why = "the hypercall page lies outside the image or is not page-aligned";
		return -EINVAL;
	}
	return 0;
}

int pv_image_load(const struct pv_image *img, pv_put_fn put, void *ctx)
{
	for (unsigned int i = 0; i < img->elf.ehdr->e_phnum; i++) {
		const struct elf64_phdr *ph = elf_phdr(&img->elf, i);
		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		uint64_t dst = ph->p_paddr - img->paddr_offset;
		int rc = put(ctx, dst, img->elf.data + ph->p_offset, ph->p_filesz);
		if (!rc && ph->p_memsz > ph->p_filesz)
			rc = put(ctx, dst + ph->p_filesz, NULL, ph->p_memsz - ph->p_filesz);
		if (rc)
			return rc;
	}
	return 0;
}
