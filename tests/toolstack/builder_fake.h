/*
 * builder_fake.h - test support for the domain builder (toolstack/builder):
 * a fake domain in host memory behind struct bld_guest_mem, a four-level
 * page-table walker that reads the guest's tables the way the MMU would,
 * a generator of small ELF kernels with Xen notes, and the check that a
 * built domain is what a PV kernel expects. Used by test_builder*.c.
 */
#ifndef BUILDER_FAKE_H
#define BUILDER_FAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "builder/builder.h"

#define BLD_FAKE_MFN_BASE 0x100000ULL		 /* the fake domain's MFNs start at 4 GiB */
#define BLD_FAKE_VIRT_BASE 0xffffffff80000000ULL /* Linux's __START_KERNEL_map */

/*
 * A domain of nr_pages pages whose P2M is a scrambled permutation of
 * [BLD_FAKE_MFN_BASE, + nr_pages): neighbouring pfns never have
 * neighbouring MFNs, so pfn/MFN mix-ups show.
 */
struct bld_fake_dom {
	uint8_t *mem; /* page pfn at mem + pfn * 4096 */
	uint64_t nr_pages;
	uint64_t *p2m;
	uint64_t *pfn_of;  /* MFN - BLD_FAKE_MFN_BASE -> pfn */
	int mapped;	   /* views handed out and not yet unmapped */
	int maps;	   /* map calls */
	uint64_t fail_pfn; /* map fails (EFAULT) for a range holding this pfn; ~0: never */
	struct bld_guest_mem gm;
};

void bld_fake_init(struct bld_fake_dom *d, uint64_t nr_pages);
void bld_fake_free(struct bld_fake_dom *d);

/* bld_fake_params - build parameters for d (shared_info frame just past its MFNs). */
struct bld_params bld_fake_params(const struct bld_fake_dom *d);

/*
 * bld_fake_walk - translate va through the tables rooted at cr3 as the MMU
 * does: returns the leaf entry (0 when some level is not present) and, via
 * writable (may be NULL), whether every level allows writes.
 */
uint64_t bld_fake_walk(const struct bld_fake_dom *d, uint64_t cr3, uint64_t va, bool *writable);

/* bld_fake_va - the byte at guest va through the tables, or NULL when unmapped. */
const uint8_t *bld_fake_va(const struct bld_fake_dom *d, uint64_t cr3, uint64_t va);

/* What bld_fake_kernel puts in its test kernel. */
struct bld_fake_kernel_spec {
	uint64_t virt_base;		  /* 0: BLD_FAKE_VIRT_BASE */
	uint64_t paddr;			  /* where the text segment loads */
	uint64_t text_bytes;		  /* >= 0x2000 */
	uint64_t data_gap;		  /* bytes between text end (64 KiB rounded) and data */
	uint64_t data_filesz, data_memsz; /* data and bss */
	const char *guest_os;		  /* NULL: "linux" */
	bool mod_start_pfn;		  /* XEN_ELFNOTE_MOD_START_PFN */
	bool hypercall_page;		  /* XEN_ELFNOTE_HYPERCALL_PAGE at text + 0x1000 */
};

#define BLD_FAKE_ENTRY_OFFSET 0x40 /* ENTRY note: text start + this */
#define BLD_FAKE_HYPERCALL_OFFSET 0x1000

/* bld_fake_kernel - a heap ELF image per spec; *bytes gets its size. */
uint8_t *bld_fake_kernel(const struct bld_fake_kernel_spec *spec, size_t *bytes);

/*
 * bld_fake_check - everything bld_build promised, read back from d through
 * the page tables (ck_assert on each point): every page of the bootstrap
 * region maps its pfn's MFN, table frames read-only and nothing else
 * mapped; the kernel's segments, the initrd, the P2M list, start_info, the
 * zeroed ring and stack pages; vCPU 0's context; the M2P and pin requests;
 * no view left mapped.
 */
void bld_fake_check(const struct bld_fake_dom *d, const struct bld_kernel *k,
		    const struct bld_params *p, const struct bld_result *r);

#endif /* BUILDER_FAKE_H */
