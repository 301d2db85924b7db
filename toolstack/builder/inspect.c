/*
 * inspect.c - lamina-builder-inspect: what Lamina makes of a domain
 * configuration or a kernel, without building anything.
 *
 *   lamina-builder-inspect CONFIG       the configuration as parsed (xl.cfg or
 *                                       JSON, warnings on stderr), then its kernel
 *   lamina-builder-inspect [-m MIB] [-r RAMDISK] KERNEL
 *
 * For the kernel it prints the file format, the Xen notes and the domain's
 * bootstrap layout (virtual addresses and pfns of each piece), the same
 * facts Xen's builder logs as its "VIRTUAL MEMORY ARRANGEMENT", so the two
 * can be compared for one kernel, initrd and memory size. Exit status: 0,
 * 1 for a bad file, 2 for bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builder/builder.h"
#include "config/config.h"

#define DEFAULT_MEMORY_MIB 128
#define PAGES_PER_MIB 256
#define SNIFF_BYTES 0x206 /* enough to see an ELF magic or a bzImage's "HdrS" */

static void usage(FILE *f)
{
	fprintf(f,
		"usage: lamina-builder-inspect CONFIG\n"
		"       lamina-builder-inspect [-m MIB] [-r RAMDISK] KERNEL\n"
		"Shows how Lamina reads a domain configuration (xl.cfg or JSON) or a PV kernel\n"
		"(bzImage or ELF) and where the builder would put each piece in a domain of\n"
		"MIB MiB (default %d) with that ramdisk.\n",
		DEFAULT_MEMORY_MIB);
}

/* is_kernel - the file starts like an ELF image or a bzImage. */
static bool is_kernel(const char *path)
{
	uint8_t b[SNIFF_BYTES];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(b, 1, sizeof(b), f) : 0;

	if (f)
		fclose(f);
	return (n >= 4 && !memcmp(b,
				  "\x7f"
				  "ELF",
				  4)) ||
	       (n == sizeof(b) && !memcmp(b + 0x202, "HdrS", 4));
}

static void print_config(const struct domain_config *c)
{
	printf("name      %s\n", c->name);
	printf("memory    %llu MiB (maxmem %llu MiB)\n", (unsigned long long)c->memory_mib,
	       (unsigned long long)c->maxmem_mib);
	printf("vcpus     %u (maxvcpus %u)\n", c->vcpus, c->maxvcpus);
	printf("kernel    %s\n", c->kernel);
	printf("ramdisk   %s\n", c->ramdisk ? c->ramdisk : "(none)");
	printf("cmdline   %s\n", c->cmdline ? c->cmdline : "(none)");
	printf("actions   poweroff %s, reboot %s, watchdog %s, crash %s, soft reset %s\n",
	       cfg_action_name(c->on_poweroff), cfg_action_name(c->on_reboot),
	       cfg_action_name(c->on_watchdog), cfg_action_name(c->on_crash),
	       cfg_action_name(c->on_soft_reset));
	for (size_t i = 0; i < c->nr_disks; i++) {
		const struct cfg_disk *d = &c->disks[i];
		printf("disk %zu    %s -> %s, %s, %s%s\n", i, d->target[0] ? d->target : "(empty)",
		       d->vdev, cfg_disk_format_name(d->format), d->readwrite ? "rw" : "ro",
		       d->is_cdrom ? ", cdrom" : "");
	}
	for (size_t i = 0; i < c->nr_vifs; i++) {
		const struct cfg_vif *v = &c->vifs[i];
		printf("vif %d     bridge %s, script %s, mtu %u", v->devid, v->bridge, v->script,
		       v->mtu);
		if (v->has_mac)
			printf(", mac %02x:%02x:%02x:%02x:%02x:%02x", v->mac[0], v->mac[1],
			       v->mac[2], v->mac[3], v->mac[4], v->mac[5]);
		printf("%s%s\n", v->ip ? ", ip " : "", v->ip ? v->ip : "");
	}
}

static void print_kernel(const char *path, const struct bld_kernel *k)
{
	if (k->bzimage)
		printf("kernel    %s: bzImage (boot protocol %u.%02u), %s payload, %zu-byte ELF\n",
		       path, k->boot_protocol >> 8, k->boot_protocol & 0xff,
		       bld_compression_name(k->compression), k->elf_bytes);
	else
		printf("kernel    %s: ELF, %zu bytes\n", path, k->elf_bytes);
	printf("notes     guest %s, loader %s, xen %s, entry %#llx, virt base %#llx\n",
	       k->guest_os[0] ? k->guest_os : "?", k->loader[0] ? k->loader : "?", k->xen_version,
	       (unsigned long long)k->entry, (unsigned long long)k->virt_base);
	printf("          hypercall page %s, mod_start_pfn %s, init_p2m %#llx, "
	       "supported features %#x\n",
	       k->has_hypercall_page ? "yes" : "no", k->mod_start_pfn ? "yes" : "no",
	       (unsigned long long)k->init_p2m, k->supported_features);
}

/* row - one piece: its VAs and pfns, from pfn for pages (or from VA start to end). */
static void row(const struct bld_plan *p, const char *what, uint64_t start, uint64_t end)
{
	uint64_t first = (start - p->v_start) / BLD_PAGE_BYTES;
	uint64_t last = (end - p->v_start + BLD_PAGE_BYTES - 1) / BLD_PAGE_BYTES - 1;

	printf("  %-12s %#llx-%#llx  pfn %#llx-%#llx\n", what, (unsigned long long)start,
	       (unsigned long long)end, (unsigned long long)first, (unsigned long long)last);
}

/* pages - row() for n whole pages from pfn. */
static void pages(const struct bld_plan *p, const char *what, uint64_t pfn, uint64_t n)
{
	row(p, what, bld_pfn_va(p, pfn), bld_pfn_va(p, pfn + n));
}

static void print_plan(const struct bld_plan *p)
{
	uint64_t initrd_pages = (p->initrd_bytes + BLD_PAGE_BYTES - 1) / BLD_PAGE_BYTES;

	printf("domain    %llu pages (%llu MiB)\n", (unsigned long long)p->nr_pages,
	       (unsigned long long)(p->nr_pages / PAGES_PER_MIB));
	printf("bootstrap region %#llx-%#llx (%llu pages), in order:\n",
	       (unsigned long long)p->v_start, (unsigned long long)p->v_end,
	       (unsigned long long)p->region_pages);
	if (p->kernel_start >= p->v_start + BLD_PAGE_BYTES)
		row(p, "below kernel", p->v_start, p->kernel_start & ~(BLD_PAGE_BYTES - 1));
	row(p, "kernel", p->kernel_start, p->kernel_end);
	if (p->initrd_bytes && p->initrd_mapped)
		pages(p, "initrd", p->initrd_pfn, initrd_pages);
	pages(p, "P2M list", p->p2m_pfn, p->nr_p2m_pages);
	pages(p, "start info", p->start_info_pfn, 1);
	pages(p, "xenstore", p->store_pfn, 1);
	pages(p, "console", p->console_pfn, 1);
	pages(p, "page tables", p->pt_pfn, p->nr_pt_frames);
	pages(p, "boot stack", p->stack_pfn, 1);
	pages(p, "padding", p->stack_pfn + 1, p->region_pages - p->stack_pfn - 1);
	if (p->initrd_bytes && !p->initrd_mapped)
		printf("  %-12s unmapped (SIF_MOD_START_PFN)            pfn %#llx-%#llx\n",
		       "initrd", (unsigned long long)p->initrd_pfn,
		       (unsigned long long)(p->initrd_pfn + initrd_pages - 1));
}

/* inspect_kernel - load the kernel, size the ramdisk, print the plan. 0 or 1. */
static int inspect_kernel(const char *path, const char *ramdisk, uint64_t memory_mib)
{
	struct bld_kernel k;
	struct bld_plan plan;
	struct bld_err err = {""};
	const uint8_t *file = NULL, *initrd = NULL;
	size_t bytes = 0, initrd_bytes = 0;
	int rc = bld_map_file(path, BLD_KERNEL_MAX_BYTES, &file, &bytes, &err);

	if (!rc && ramdisk)
		rc = bld_map_file(ramdisk, BLD_KERNEL_MAX_BYTES, &initrd, &initrd_bytes, &err);
	bld_unmap_file(initrd, initrd_bytes); /* only its size matters here */
	if (!rc)
		rc = bld_kernel_load(&k, file, bytes, 0, &err);
	bld_unmap_file(file, bytes);
	if (rc) {
		fprintf(stderr, "lamina-builder-inspect: %s\n", err.msg);
		return 1;
	}
	print_kernel(path, &k);
	rc = bld_plan(&k, memory_mib * PAGES_PER_MIB, initrd_bytes, &plan, &err);
	if (rc)
		fprintf(stderr, "lamina-builder-inspect: %s\n", err.msg);
	else
		print_plan(&plan);
	bld_kernel_free(&k);
	return rc ? 1 : 0;
}

static int inspect_config(const char *path)
{
	struct domain_config c;
	struct cfg_error err;
	int rc = cfg_load(path, &c, &err);

	if (rc) {
		fprintf(stderr, "lamina-builder-inspect: %s\n", err.msg);
		return 1;
	}
	for (size_t i = 0; i < c.nr_warnings; i++)
		fprintf(stderr, "warning: %s\n", c.warnings[i]);
	print_config(&c);
	rc = inspect_kernel(c.kernel, c.ramdisk, c.memory_mib);
	cfg_free(&c);
	return rc;
}

int main(int argc, char **argv)
{
	const char *ramdisk = NULL;
	unsigned long long mib = DEFAULT_MEMORY_MIB;
	char *end;
	int opt;

	while ((opt = getopt(argc, argv, "hm:r:")) != -1) {
		switch (opt) {
		case 'm':
			errno = 0;
			mib = strtoull(optarg, &end, 10);
			if (errno || *end || !mib || mib > CFG_MAX_MEMORY_MIB) {
				fprintf(stderr,
					"lamina-builder-inspect: -m: expected MiB, got %s\n",
					optarg);
				return 2;
			}
			break;
		case 'r':
			ramdisk = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	if (is_kernel(argv[optind]) || ramdisk || mib != DEFAULT_MEMORY_MIB)
		return inspect_kernel(argv[optind], ramdisk, mib);
	return inspect_config(argv[optind]);
}
