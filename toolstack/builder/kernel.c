/*
 * kernel.c - from a kernel file to an ELF image with its Xen notes read:
 * a plain ELF is taken as it is, a bzImage's payload is decompressed; then
 * the hypervisor's own note reader (hypervisor/common/pv_image.c, shared
 * with the dom0 builder) checks that it is a 64-bit PV kernel.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builder/internal.h"

int bld_fail(struct bld_err *err, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return rc;
}

int bld_map_file(const char *path, size_t max_bytes, const uint8_t **data, size_t *bytes,
		 struct bld_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	void *map = NULL;
	int rc = 0;

	if (fd < 0 || fstat(fd, &st) < 0)
		rc = -errno;
	else if (!S_ISREG(st.st_mode))
		rc = -EINVAL;
	else if ((uint64_t)st.st_size > max_bytes)
		rc = -EFBIG;
	else if (st.st_size == 0)
		map = (void *)""; /* mmap refuses zero bytes; nothing to unmap */
	else if ((map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd,
			     0)) == MAP_FAILED)
		rc = -errno;
	if (fd >= 0)
		close(fd);
	if (!rc) {
		*data = map;
		*bytes = (size_t)st.st_size;
		return 0;
	}
	if (rc == -EINVAL)
		return bld_fail(err, rc, "%s: not a regular file", path);
	if (rc == -EFBIG)
		return bld_fail(err, rc, "%s: larger than %zu bytes", path, max_bytes);
	return bld_fail(err, rc, "%s: %s", path, strerror(-rc));
}

void bld_unmap_file(const uint8_t *data, size_t bytes)
{
	if (data && bytes)
		munmap((void *)data, bytes);
}

/* prefix - put "what: " in front of err->msg. */
static int prefix(struct bld_err *err, int rc, const char *what)
{
	char msg[BLD_ERR_MAX];

	snprintf(msg, sizeof(msg), "%s", err->msg);
	if (!msg[0] && rc == -ENOMEM)
		snprintf(msg, sizeof(msg), "out of memory");
	return bld_fail(err, rc, "%s: %s", what, msg);
}

static bool is_elf(const void *data, size_t bytes)
{
	return bytes >= 4 && !memcmp(data,
				     "\x7f"
				     "ELF",
				     4);
}

/* unpack_bzimage - the ELF inside a bzImage, into k->elf. */
static int unpack_bzimage(struct bld_kernel *k, const void *file, size_t bytes, size_t max,
			  struct bld_err *err)
{
	const uint8_t *payload;
	size_t payload_bytes;
	char what[48];
	int rc;

	rc = bld_bzimage_payload(file, bytes, &payload, &payload_bytes, &k->boot_protocol, err);
	if (rc == -ENOEXEC)
		return bld_fail(err, rc, "not a kernel: neither an ELF image nor a bzImage");
	if (rc)
		return rc;
	k->bzimage = true;
	rc = bld_decompress(payload, payload_bytes, max, &k->elf, &k->elf_bytes, &k->compression,
			    err);
	snprintf(what, sizeof(what), "bzImage payload (%s)", bld_compression_name(k->compression));
	if (rc)
		return prefix(err, rc, what);
	if (!is_elf(k->elf, k->elf_bytes))
		return bld_fail(err, -ENOEXEC, "%s: not an ELF image", what);
	return 0;
}

/* summarise - copy what callers need from the note parse into k. */
static void summarise(struct bld_kernel *k)
{
	const struct pv_image *img = k->image;

	snprintf(k->guest_os, sizeof(k->guest_os), "%s", img->guest_os);
	snprintf(k->loader, sizeof(k->loader), "%s", img->loader);
	snprintf(k->xen_version, sizeof(k->xen_version), "%s", img->xen_version);
	k->entry = img->entry;
	k->virt_base = img->virt_base;
	k->virt_start = img->virt_start;
	k->virt_end = img->virt_end;
	k->has_hypercall_page = img->has_hypercall_page;
	k->hypercall_page = img->hypercall_page;
	k->mod_start_pfn = img->mod_start_pfn;
	k->init_p2m = img->init_p2m;
	k->supported_features = img->supported_features;
}

/* parse_notes - read the ELF's Xen notes into k->image (hypervisor/common/pv_image.c). */
static int parse_notes(struct bld_kernel *k, struct bld_err *err)
{
	const char *why = NULL;
	int rc;

	k->image = calloc(1, sizeof(*k->image));
	if (!k->image)
		return bld_fail(err, -ENOMEM, "out of memory");
	rc = pv_image_parse(k->image, k->elf, k->elf_bytes, &why);
	if (rc)
		return bld_fail(err, rc, "%s kernel: %s", k->bzimage ? "bzImage" : "ELF",
				why ? why : "unreadable");
	summarise(k);
	return 0;
}

int bld_kernel_load(struct bld_kernel *k, const void *file, size_t bytes, size_t max_bytes,
		    struct bld_err *err)
{
	int rc;

	memset(k, 0, sizeof(*k));
	err->msg[0] = '\0';
	if (!max_bytes)
		max_bytes = BLD_KERNEL_MAX_BYTES;
	if (is_elf(file, bytes)) {
		k->compression = BLD_COMP_NONE;
		rc = bld_decompress(file, bytes, max_bytes, &k->elf, &k->elf_bytes, NULL, err);
	} else {
		rc = unpack_bzimage(k, file, bytes, max_bytes, err);
	}
	if (!rc)
		rc = parse_notes(k, err);
	if (rc)
		bld_kernel_free(k);
	return rc;
}

void bld_kernel_free(struct bld_kernel *k)
{
	free(k->image);
	free(k->elf);
	memset(k, 0, sizeof(*k));
}
