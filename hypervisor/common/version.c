/*
 * version.c - the xen_version and vm_assist hypercalls.
 *
 * Lamina reports its own version (lamina/version.h) through XENVER_version
 * and the extraversion string, and the interface level it implements
 * ("xen-3.0-x86_64") as its capabilities. Sub-ops, layouts and the feature
 * bits: Xen's xen/include/public/version.h and features.h; the set of
 * features is what Xen gives a PV guest (../shared reference, 2.7).
 */
#include <asm/config.h>
#include <asm/uaccess.h>
#include <lamina/boot_info.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/hypercall.h>
#include <lamina/lib.h>
#include <lamina/version.h>
#include <xen/features.h>
#include <xen/version.h>

#define LAMINA_EXTRAVERSION "-lamina"
#define LAMINA_CAPABILITIES "xen-3.0-x86_64"

static long copy_string_out(unsigned long arg, const char *s, size_t bufsize)
{
	char buf[1024];

	memset(buf, 0, bufsize);
	memcpy(buf, s, MIN(strlen(s), bufsize - 1));
	return copy_to_guest(arg, buf, bufsize) ? -EFAULT : 0;
}

/* The XENFEAT bits a PV domain sees (submap 0). */
static uint32_t features_of(const struct domain *d)
{
	uint32_t f = (1U << XENFEAT_mmu_pt_update_preserve_ad) | (1U << XENFEAT_highmem_assist) |
		     (1U << XENFEAT_gnttab_map_avail_bits) |
		     (1U << XENFEAT_memory_op_vnode_supported) | (1U << XENFEAT_direct_mapped);

	if (d->is_privileged)
		f |= 1U << XENFEAT_dom0;
	return f;
}

/*
 * build_id_op - XENVER_build_id: the image's GNU build id (the ELF note the
 * linker wrote, kept in .rodata). A NULL argument asks for its size; a
 * buffer with len 0 is -EINVAL, one too small -ENOBUFS; otherwise the bytes
 * and their count (Xen 4.17's rules).
 */
static long build_id_op(unsigned long arg)
{
	extern const char __note_gnu_build_id_start[], __note_gnu_build_id_end[];
	const struct {
		uint32_t namesz, descsz, type;
		char name[4]; /* "GNU" */
	} *note = (const void *)__note_gnu_build_id_start;
	struct xen_build_id b;

	if (__note_gnu_build_id_end - __note_gnu_build_id_start < (long)sizeof(*note))
		return -ENODATA;
	const uint8_t *id = (const uint8_t *)(note + 1);
	if (!arg)
		return note->descsz;
	if (copy_from_guest(&b, arg, sizeof(b)))
		return -EFAULT;
	if (b.len == 0)
		return -EINVAL;
	if (note->descsz > b.len)
		return -ENOBUFS;
	if (copy_to_guest(arg + offsetof(struct xen_build_id, buf), id, note->descsz))
		return -EFAULT;
	return note->descsz;
}

long do_xen_version(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
		    unsigned long a5)
{
	struct domain *d = current->domain;

	switch ((int)cmd) {
	case XENVER_version:
		return (LAMINA_VERSION_MAJOR << 16) | LAMINA_VERSION_MINOR;
	case XENVER_extraversion:
		return copy_string_out(arg, LAMINA_EXTRAVERSION, sizeof(xen_extraversion_t));
	case XENVER_compile_info: {
		xen_compile_info_t info;
		memset(&info, 0, sizeof(info));
		lamina_snprintf(info.compiler, sizeof(info.compiler), "gcc %s", __VERSION__);
		lamina_snprintf(info.compile_by, sizeof(info.compile_by), "lamina");
		lamina_snprintf(info.compile_domain, sizeof(info.compile_domain), "localdomain");
		lamina_snprintf(info.compile_date, sizeof(info.compile_date), "%s", __DATE__);
		return copy_to_guest(arg, &info, sizeof(info)) ? -EFAULT : 0;
	}
	case XENVER_capabilities:
		return copy_string_out(arg, LAMINA_CAPABILITIES, sizeof(xen_capabilities_info_t));
	case XENVER_changeset:
		return copy_string_out(arg, "lamina " LAMINA_VERSION, sizeof(xen_changeset_info_t));
	case XENVER_platform_parameters: {
		xen_platform_parameters_t p = { .virt_start = HYPERVISOR_VIRT_START };
		return copy_to_guest(arg, &p, sizeof(p)) ? -EFAULT : 0;
	}
	case XENVER_get_features: {
		xen_feature_info_t fi;
		if (copy_from_guest(&fi, arg, sizeof(fi)))
			return -EFAULT;
		if (fi.submap_idx != 0)
			return -EINVAL;
		fi.submap = features_of(d);
		return copy_to_guest(arg, &fi, sizeof(fi)) ? -EFAULT : 0;
	}
	case XENVER_pagesize:
		return arg ? -EINVAL : (long)PAGE_SIZE;
	case XENVER_guest_handle: {
		xen_domain_handle_t h;
		memcpy(h, d->handle, sizeof(h));
		return copy_to_guest(arg, h, sizeof(h)) ? -EFAULT : 0;
	}
	case XENVER_build_id:
		return build_id_op(arg);
	case XENVER_commandline:
		if (!d->is_privileged)
			return -EPERM;
		return copy_string_out(arg, boot_info.cmdline, sizeof(xen_commandline_t));
	default:
		return -ENOSYS;
	}
}

long do_vm_assist(unsigned long cmd, unsigned long type, unsigned long a3, unsigned long a4,
		  unsigned long a5)
{
	struct domain *d = current->domain;

	if (type >= 64 || !(VM_ASSIST_VALID & (1UL << type)))
		return -EINVAL;
	switch (cmd) {
	case VMASST_CMD_enable:
		d->vm_assist |= 1UL << type;
		return 0;
	case VMASST_CMD_disable:
		d->vm_assist &= ~(1UL << type);
		return 0;
	default:
		return -ENOSYS;
	}
}
