/*
 * builder/builder.h - the PV domain builder: from a kernel file to a domain
 * whose memory holds everything a 64-bit PV kernel expects at its first
 * instruction, as Xen 4.17's toolstack builder leaves it
 * (tools/libs/guest/xg_dom_core.c, xg_dom_x86.c, xg_dom_boot.c) and as
 * Linux 6.1 reads it (arch/x86/xen/enlighten_pv.c, mmu_pv.c, p2m.c).
 *
 * This is the pure part: it reads files already in memory and writes guest
 * memory through a small interface (struct bld_guest_mem), so it runs the
 * same against a real domain (privcmd foreign mappings) and against a fake
 * one in unit tests. The hypercalls are the caller's; what the builder
 * needs done with them comes back as data (struct bld_result).
 *
 * The caller's sequence (the order of xc_dom_boot_image in Xen 4.17):
 *  1. bld_kernel_load: the kernel file (bzImage or ELF) -> ELF + Xen notes.
 *  2. bld_plan (optional, before allocating): does the domain's memory hold
 *     the bootstrap region? Where does each piece go?
 *  3. XEN_DOMCTL_createdomain, max_vcpus, max_mem; XENMEM_populate_physmap
 *     of nr_pages pages, giving the P2M (pfn -> mfn); EVTCHNOP_alloc_unbound
 *     for the xenstore and console ports (remote: the backends' domain);
 *     XEN_DOMCTL_getdomaininfo for shared_info_frame.
 *  4. bld_build: loads the kernel, initrd, P2M list, start_info, the ring
 *     pages, the bootstrap page tables and stack; fills struct bld_result.
 *     It unmaps everything it mapped before returning, so no writable
 *     mapping of a page-table frame is left when the caller pins.
 *  5. With the result, in this order: mmu_update(result.m2p, nr_m2p,
 *     foreigndom = domid) in batches (Xen's populate_physmap already sets
 *     these M2P entries for PV guests; they are listed so that a
 *     hypervisor that does not still gets them); if result.hypercall_page,
 *     XEN_DOMCTL_hypercall_init with result.hypercall_gmfn;
 *     mmuext_op(&result.pin, 1, foreigndom = domid); map the shared_info
 *     frame and call bld_shared_info_init on it; XEN_DOMCTL_setvcpucontext
 *     for vCPU 0 with result.ctxt (Xen also sets the domain's wall clock
 *     then); optionally bld_gnttab_seed on grant-table frame 0; introduce
 *     the domain to xenstored (store_mfn, store_evtchn); unpause.
 *
 * Errors: functions return 0 or a negative errno value and write one line
 * into struct bld_err: -ENOEXEC not a kernel we can load, -EINVAL corrupt
 * or inconsistent input, -EFBIG a decompressed kernel over the caller's
 * cap, -E2BIG a bootstrap region Linux cannot map, -ENOMEM not enough guest
 * memory (or host memory), -EOPNOTSUPP a compression we do not read, or the
 * errno of a failing map().
 *
 * Units: sizes in bytes unless named *_pages; addresses are guest virtual
 * (VA), pseudo-physical frame numbers (pfn) or machine frame numbers (mfn);
 * pages are 4 KiB.
 */
#ifndef LAMINA_BUILDER_H
#define LAMINA_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>

struct pv_image; /* the full note parse (hypervisor/include/lamina/pv_image.h), builder-internal */

#define BLD_PAGE_BYTES 4096ULL
#define BLD_ERR_MAX 256			  /* bytes of one error line with its NUL */
#define BLD_KERNEL_MAX_BYTES (1ULL << 30) /* a default cap on a decompressed kernel */
#define BLD_MAX_MFN ((1ULL << 40) - 1)	  /* x86-64: 52-bit machine addresses */
#define BLD_LINUX_L2_SPAN (1ULL << 30)	  /* Linux maps the bootstrap region from one L2 */
#define BLD_NOTE_STR_MAX 32		  /* bytes kept of a string note, with its NUL */

struct bld_err {
	char msg[BLD_ERR_MAX]; /* one line, no newline; "" when there is none */
};

/* Kernel payload compressions (Linux's CONFIG_KERNEL_*). */
enum bld_compression {
	BLD_COMP_NONE, /* a plain ELF, or a bzImage with an uncompressed payload */
	BLD_COMP_GZIP,
	BLD_COMP_XZ,
	BLD_COMP_LZ4, /* the LZ4 legacy frame format (magic 0x184C2102), as Linux uses it */
	BLD_COMP_ZSTD,
	BLD_COMP_BZIP2, /* recognised, not read */
	BLD_COMP_LZMA,	/* recognised, not read */
	BLD_COMP_LZO,	/* recognised, not read */
	BLD_COMP_UNKNOWN,
};

/* bld_compression_name - "gzip", "XZ", "LZ4", ... for messages. */
const char *bld_compression_name(enum bld_compression c);

/* bld_detect_compression - which compression the bytes at data start with (by magic). */
enum bld_compression bld_detect_compression(const void *data, size_t bytes);

/*
 * bld_decompress - decompress bytes at in (gzip, XZ, LZ4 legacy frames,
 * zstd; an ELF is copied as it is) into a new heap buffer *out of
 * *out_bytes bytes (free() it), refusing to produce more than max_bytes.
 * Data after the end of the compressed stream is ignored, and so is the
 * 4-byte size Linux appends to its payloads (scripts/Makefile.lib
 * size_append). *what (may be NULL) gets the compression found. Returns 0,
 * -EINVAL (corrupt or truncated), -EFBIG (over max_bytes), -EOPNOTSUPP,
 * -ENOEXEC (unknown format) or -ENOMEM.
 */
int bld_decompress(const void *in, size_t in_bytes, size_t max_bytes, uint8_t **out,
		   size_t *out_bytes, enum bld_compression *what, struct bld_err *err);

/*
 * bld_bzimage_payload - find the compressed kernel inside a bzImage: the x86
 * boot protocol's setup header ("HdrS" at 0x202, version >= 2.08;
 * Documentation/x86/boot.rst) gives setup_sects (0 means 4), payload_offset
 * and payload_length; the payload starts (setup_sects + 1) * 512 +
 * payload_offset bytes into the file. Returns 0 with *payload pointing into
 * file and *version the protocol version (0x020f for Linux 6.1), -ENOEXEC
 * when file is no bzImage (no "HdrS"), or -EINVAL when its header is too old
 * or points outside the file.
 */
int bld_bzimage_payload(const void *file, size_t bytes, const uint8_t **payload,
			size_t *payload_bytes, uint16_t *version, struct bld_err *err);

/*
 * bld_map_file - map the regular file at path, at most max_bytes, read-only
 * into memory: *data, *bytes bytes, to be released with bld_unmap_file (an
 * empty file gives bytes 0). Mapped, not read, as libxc's
 * xc_dom_malloc_filemap does: a kernel or initrd is read once, by the
 * decompressor or the copy into the guest, without a copy into a buffer
 * first (under QEMU's TCG that copy was 0.1 s of `lamina create`). As with
 * any mapped file, shrinking it while it is mapped kills the process with
 * SIGBUS. Returns 0, the negative errno of opening or mapping it, -EFBIG
 * when it is larger than max_bytes, or -EINVAL when it is no regular file,
 * with err->msg naming the file.
 */
int bld_map_file(const char *path, size_t max_bytes, const uint8_t **data, size_t *bytes,
		 struct bld_err *err);

/* bld_unmap_file - release what bld_map_file mapped (NULL or 0 bytes: nothing). */
void bld_unmap_file(const uint8_t *data, size_t bytes);

/*
 * A loaded kernel: its ELF image and what its Xen notes ask for (names in
 * Xen's xen/include/public/elfnote.h; the rules are Xen's libelf ones, in
 * hypervisor/common/pv_image.c, shared with the dom0 builder).
 */
struct bld_kernel {
	uint8_t *elf; /* the ELF image (heap, owned) */
	size_t elf_bytes;
	bool bzimage;			    /* it came out of a bzImage */
	uint16_t boot_protocol;		    /* bzImage: the setup header version */
	enum bld_compression compression;   /* bzImage: the payload's */
	char guest_os[BLD_NOTE_STR_MAX];    /* GUEST_OS, e.g. "linux" */
	char loader[BLD_NOTE_STR_MAX];	    /* LOADER, e.g. "generic" */
	char xen_version[BLD_NOTE_STR_MAX]; /* XEN_VERSION, "xen-3.0" */
	uint64_t entry;			    /* ENTRY: VA of the first instruction */
	uint64_t virt_base;		    /* VIRT_BASE: VA of pfn 0 */
	uint64_t virt_start, virt_end;	    /* VAs of the image's segments (end exclusive) */
	bool has_hypercall_page;	    /* HYPERCALL_PAGE given: */
	uint64_t hypercall_page;	    /*   its VA */
	bool mod_start_pfn;		    /* MOD_START_PFN: the initrd may stay unmapped */
	uint64_t init_p2m; /* INIT_P2M VA, 0 when absent (the builder maps the P2M in the region) */
	uint32_t supported_features; /* SUPPORTED_FEATURES: XENFEAT bits of submap 0 */
	struct pv_image *image;	     /* the full parse (heap, owned; points into elf) */
};

/*
 * bld_kernel_load - take a kernel file (a bzImage, or an ELF with Xen notes)
 * that lies in memory at file, decompressing at most max_bytes (0: the
 * default BLD_KERNEL_MAX_BYTES), and check it is a 64-bit PV kernel
 * (Xen's rules: XEN_VERSION "xen-3.0", LOADER "generic" or GUEST_OS
 * "linux", ENTRY inside the image, no required feature we lack). The file
 * may be freed afterwards. Returns 0, or an error as above with err->msg like
 * "bzImage payload (LZ4): truncated block at byte 123".
 */
int bld_kernel_load(struct bld_kernel *k, const void *file, size_t bytes, size_t max_bytes,
		    struct bld_err *err);

/* bld_kernel_free - release what k owns and zero it. */
void bld_kernel_free(struct bld_kernel *k);

/*
 * struct bld_plan - where everything goes in a domain of nr_pages pages.
 * The bootstrap region maps pfn n at v_start + n pages for n <
 * region_pages, holding in this order (Xen's xc_dom_build_image): the
 * kernel, the initrd unless it stays unmapped, the P2M list, start_info,
 * the xenstore ring, the console ring, the page tables (L4, L3s, L2s,
 * L1s), the boot stack, and padding to a 4 MiB boundary with at least
 * 512 KiB spare (hypervisor/arch/x86/pv/boot_layout.c, shared with the dom0
 * builder).
 */
struct bld_plan {
	uint64_t nr_pages;		   /* RAM pages of the domain */
	uint64_t v_start, v_end;	   /* VAs of the bootstrap region (v_start = VIRT_BASE) */
	uint64_t region_pages;		   /* pages it maps: (v_end - v_start) / 4 KiB */
	uint64_t kernel_start, kernel_end; /* VAs of the kernel image (not page aligned) */
	uint64_t p2m_pfn, nr_p2m_pages;	   /* the P2M list: nr_pages 8-byte MFNs */
	uint64_t start_info_pfn, store_pfn, console_pfn;
	uint64_t pt_pfn; /* the L4; nr_pt_frames tables from here */
	uint64_t nr_pt_frames;
	uint64_t stack_pfn;    /* one page; the initial RSP is its end */
	uint64_t initrd_bytes; /* 0: no initrd */
	bool initrd_mapped;    /* false: it follows the region, given by pfn (SIF_MOD_START_PFN) */
	uint64_t initrd_pfn;   /* its first pfn either way */
};

/* bld_pfn_va - the VA at which the bootstrap region maps pfn (pfn < region_pages). */
static inline uint64_t bld_pfn_va(const struct bld_plan *plan, uint64_t pfn)
{
	return plan->v_start + pfn * BLD_PAGE_BYTES;
}

/*
 * bld_plan - lay out a domain of nr_pages pages for kernel k and an initrd
 * of initrd_bytes (0: none). The initrd stays outside the bootstrap region
 * when the kernel allows it (XEN_ELFNOTE_MOD_START_PFN), as Xen's toolstack
 * does. For a Linux kernel (GUEST_OS "linux") the region must lie within
 * one 1 GiB-aligned block (Linux copies only one L2). Returns 0, -ENOMEM
 * when nr_pages is too small, -E2BIG when the region is too large for
 * Linux, -EINVAL for inconsistent input.
 */
int bld_plan(const struct bld_kernel *k, uint64_t nr_pages, uint64_t initrd_bytes,
	     struct bld_plan *plan, struct bld_err *err);

/*
 * struct bld_guest_mem - access to the new domain's memory, by pfn. map
 * returns a writable, virtually contiguous view of nr pages starting at
 * pfn (for a real domain: privcmd mapping of p2m[pfn..pfn+nr)), or NULL
 * with errno set; unmap releases such a view. The builder never keeps a
 * view across calls and maps at most one range at a time.
 */
struct bld_guest_mem {
	void *ctx;
	void *(*map)(void *ctx, uint64_t pfn, uint64_t nr);
	void (*unmap)(void *ctx, void *va, uint64_t nr);
};

/* What the caller knows about the domain when it builds it. */
struct bld_params {
	uint64_t nr_pages;	  /* pages of RAM: entries of p2m */
	const uint64_t *p2m;	  /* pfn -> mfn, every entry a valid MFN (<= BLD_MAX_MFN) */
	uint64_t shared_info_mfn; /* XEN_DOMCTL_getdomaininfo's shared_info_frame */
	uint32_t store_evtchn;	  /* the domain's port for xenstore; 0 makes Linux wait for none */
	uint32_t console_evtchn;  /* its port for the console ring; 0: no hvc0 */
	const char *cmdline;	  /* NULL: empty; at most MAX_GUEST_CMDLINE - 1 bytes */
	const void *initrd;	  /* NULL: none */
	size_t initrd_bytes;
	uint32_t flags; /* start_info SIF_* flags to add (0 for a domU) */
};

/* What the caller must do after bld_build (see the sequence at the top). */
struct bld_result {
	struct bld_plan plan;
	uint64_t store_mfn, console_mfn; /* for start_info, xenstored and the console backend */
	uint64_t l4_mfn;
	struct mmu_update *m2p; /* nr_pages MMU_MACHPHYS_UPDATE requests, heap */
	size_t nr_m2p;
	struct mmuext_op pin;		/* MMUEXT_PIN_L4_TABLE of l4_mfn */
	bool hypercall_page;		/* the kernel asked for one (XEN_ELFNOTE_HYPERCALL_PAGE): */
	uint64_t hypercall_gmfn;	/*   XEN_DOMCTL_hypercall_init with this frame */
	struct vcpu_guest_context ctxt; /* vCPU 0, for XEN_DOMCTL_setvcpucontext */
};

/*
 * bld_build - build the domain's memory for kernel k (see the sequence at
 * the top) and fill *r (release with bld_result_free). On failure the
 * domain's memory is in an unspecified state and should be destroyed; *r
 * holds nothing to free.
 */
int bld_build(const struct bld_kernel *k, const struct bld_params *p,
	      const struct bld_guest_mem *mem, struct bld_result *r, struct bld_err *err);

/* bld_result_free - release what r owns and zero it. */
void bld_result_free(struct bld_result *r);

/*
 * bld_shared_info_init - prepare a new domain's shared_info page (4 KiB at
 * page) as Xen's toolstack does (xg_dom_x86.c shared_info_x86_64): zeroed,
 * with every legacy vcpu_info's evtchn_upcall_mask set, so the guest starts
 * with events masked.
 */
void bld_shared_info_init(void *page);

/*
 * bld_gnttab_seed - fill the reserved grant entries of a new domain's grant
 * table (version 1; frame0 is its first frame) as Xen's toolstack does
 * (xg_dom_boot.c xc_dom_gnttab_seed): entry GNTTAB_RESERVED_CONSOLE grants
 * console_mfn to console_domid, GNTTAB_RESERVED_XENSTORE grants store_mfn to
 * store_domid, both with GTF_permit_access.
 */
void bld_gnttab_seed(void *frame0, uint64_t console_mfn, domid_t console_domid, uint64_t store_mfn,
		     domid_t store_domid);

#endif /* LAMINA_BUILDER_H */
