/*
 * builder_fake.c - a fake domain, a page-table walker and test kernels for
 * the builder's tests (see builder_fake.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xen/elfnote.h>

#include <lamina/elf.h>
#include <lamina/pv_image.h>

#include "builder_fake.h"
#include "unit.h"

#define PAGE 4096ULL
#define PTE_P 0x1ULL
#define PTE_RW 0x2ULL
#define PTE_US 0x4ULL
#define PTE_A 0x20ULL
#define PTE_D 0x40ULL
#define PTE_PSE 0x80ULL
#define PTE_ADDR 0x000ffffffffff000ULL
#define SCRAMBLE 7919 /* a prime: pfn * SCRAMBLE mod n is a permutation unless n is a multiple */
#define UPPER_FLAGS (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)

/*
 * CHECK - an assertion for loops over every page: ck_assert_* records a
 * mark point per success, which Check replays quadratically afterwards.
 */
#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			ck_abort_msg(__VA_ARGS__);                                                 \
	} while (0)
#define LEAF_FLAGS (PTE_P | PTE_RW | PTE_A)

/* ---- the fake domain ---- */

static void *fake_map(void *ctx, uint64_t pfn, uint64_t nr)
{
	struct bld_fake_dom *d = ctx;

	d->maps++;
	if (pfn >= d->nr_pages || nr > d->nr_pages - pfn || nr == 0) {
		errno = EINVAL;
		return NULL;
	}
	if (d->fail_pfn >= pfn && d->fail_pfn < pfn + nr) {
		errno = EFAULT;
		return NULL;
	}
	d->mapped++;
	return d->mem + pfn * PAGE;
}

static void fake_unmap(void *ctx, void *va, uint64_t nr)
{
	struct bld_fake_dom *d = ctx;

	CHECK((uint8_t *)va >= d->mem &&
		  (uint64_t)((uint8_t *)va - d->mem) + nr * PAGE <= d->nr_pages * PAGE,
	      "unmap of a range that was never mapped");
	d->mapped--;
}

void bld_fake_init(struct bld_fake_dom *d, uint64_t nr_pages)
{
	memset(d, 0, sizeof(*d));
	ck_assert_uint_ne(nr_pages % SCRAMBLE, 0);
	d->nr_pages = nr_pages;
	d->mem = malloc(nr_pages * PAGE);
	d->p2m = malloc(nr_pages * sizeof(*d->p2m));
	d->pfn_of = malloc(nr_pages * sizeof(*d->pfn_of));
	ck_assert(d->mem && d->p2m && d->pfn_of);
	memset(d->mem, 0xa5, nr_pages * PAGE); /* not zero: the builder must clear what it uses */
	for (uint64_t pfn = 0; pfn < nr_pages; pfn++) {
		uint64_t i = pfn * SCRAMBLE % nr_pages;
		d->p2m[pfn] = BLD_FAKE_MFN_BASE + i;
		d->pfn_of[i] = pfn;
	}
	d->fail_pfn = ~0ULL;
	d->gm = (struct bld_guest_mem){.ctx = d, .map = fake_map, .unmap = fake_unmap};
}

void bld_fake_free(struct bld_fake_dom *d)
{
	free(d->mem);
	free(d->p2m);
	free(d->pfn_of);
	memset(d, 0, sizeof(*d));
}

struct bld_params bld_fake_params(const struct bld_fake_dom *d)
{
	return (struct bld_params){
	    .nr_pages = d->nr_pages,
	    .p2m = d->p2m,
	    .shared_info_mfn = BLD_FAKE_MFN_BASE + d->nr_pages,
	    .store_evtchn = 1,
	    .console_evtchn = 2,
	};
}

/* frame - the page of a machine frame of the domain, or NULL. */
static uint8_t *frame(const struct bld_fake_dom *d, uint64_t mfn)
{
	if (mfn < BLD_FAKE_MFN_BASE || mfn - BLD_FAKE_MFN_BASE >= d->nr_pages)
		return NULL;
	return d->mem + d->pfn_of[mfn - BLD_FAKE_MFN_BASE] * PAGE;
}

uint64_t bld_fake_walk(const struct bld_fake_dom *d, uint64_t cr3, uint64_t va, bool *writable)
{
	const uint64_t *table = (const uint64_t *)frame(d, cr3 >> 12);
	bool rw = true;
	uint64_t e = 0;

	for (int level = 4; level >= 1 && table; level--) {
		e = table[(va >> (12 + 9 * (level - 1))) & 511];
		if (!(e & PTE_P))
			return 0;
		ck_assert_msg(level == 1 || !(e & PTE_PSE), "large page at level %d", level);
		ck_assert_msg(level == 1 || (e & UPPER_FLAGS) == UPPER_FLAGS,
			      "level %d entry %#llx lacks P|RW|US|A|D", level,
			      (unsigned long long)e);
		rw = rw && (e & PTE_RW);
		table = level > 1 ? (const uint64_t *)frame(d, (e & PTE_ADDR) >> 12) : NULL;
		CHECK(level == 1 || table, "level %d entry %#llx names a foreign frame", level,
		      (unsigned long long)e);
	}
	if (writable)
		*writable = rw;
	return e;
}

const uint8_t *bld_fake_va(const struct bld_fake_dom *d, uint64_t cr3, uint64_t va)
{
	uint64_t e = bld_fake_walk(d, cr3, va, NULL);
	const uint8_t *page = e ? frame(d, (e & PTE_ADDR) >> 12) : NULL;

	return page ? page + (va & (PAGE - 1)) : NULL;
}

/* ---- test kernels ---- */

#define NOTES_OFF 0x100
#define NOTES_MAX 0xe00
#define TEXT_OFF 0x1000

struct notes {
	uint8_t *p;
	size_t len;
};

static void note(struct notes *n, uint32_t type, const void *desc, uint32_t descsz)
{
	struct elf64_nhdr h = {.n_namesz = 4, .n_descsz = descsz, .n_type = type};
	size_t need = sizeof(h) + 4 + ((descsz + 3) & ~3u);

	ck_assert_uint_le(n->len + need, NOTES_MAX);
	memcpy(n->p + n->len, &h, sizeof(h));
	memcpy(n->p + n->len + sizeof(h), "Xen", 4);
	memcpy(n->p + n->len + sizeof(h) + 4, desc, descsz);
	n->len += need;
}

static void note_str(struct notes *n, uint32_t type, const char *s)
{
	note(n, type, s, (uint32_t)strlen(s) + 1);
}

static void note_u64(struct notes *n, uint32_t type, uint64_t v)
{
	note(n, type, &v, sizeof(v)); /* little-endian host, as the image */
}

static size_t write_notes(uint8_t *p, const struct bld_fake_kernel_spec *s, uint64_t virt_base)
{
	struct notes n = {p, 0};

	note_str(&n, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
	note_str(&n, XEN_ELFNOTE_GUEST_OS, s->guest_os ? s->guest_os : "linux");
	note_str(&n, XEN_ELFNOTE_GUEST_VERSION, "2.6");
	note_str(&n, XEN_ELFNOTE_LOADER, "generic");
	note_u64(&n, XEN_ELFNOTE_VIRT_BASE, virt_base);
	note_u64(&n, XEN_ELFNOTE_PADDR_OFFSET, 0);
	note_u64(&n, XEN_ELFNOTE_ENTRY, virt_base + s->paddr + BLD_FAKE_ENTRY_OFFSET);
	note_str(&n, XEN_ELFNOTE_FEATURES, "!writable_page_tables|pae_pgdir_above_4gb");
	note_u64(&n, XEN_ELFNOTE_SUSPEND_CANCEL, 1);
	if (s->mod_start_pfn)
		note_u64(&n, XEN_ELFNOTE_MOD_START_PFN, 1);
	if (s->hypercall_page)
		note_u64(&n, XEN_ELFNOTE_HYPERCALL_PAGE,
			 virt_base + s->paddr + BLD_FAKE_HYPERCALL_OFFSET);
	return n.len;
}

static struct elf64_phdr load(uint64_t off, uint64_t paddr, uint64_t virt_base, uint64_t filesz,
			      uint64_t memsz)
{
	return (struct elf64_phdr){.p_type = PT_LOAD,
				   .p_flags = 7,
				   .p_offset = off,
				   .p_vaddr = virt_base + paddr,
				   .p_paddr = paddr,
				   .p_filesz = filesz,
				   .p_memsz = memsz,
				   .p_align = PAGE};
}

uint8_t *bld_fake_kernel(const struct bld_fake_kernel_spec *s, size_t *bytes)
{
	uint64_t vb = s->virt_base ? s->virt_base : BLD_FAKE_VIRT_BASE;
	uint64_t data_off = TEXT_OFF + ((s->text_bytes + PAGE - 1) & ~(PAGE - 1));
	uint64_t data_paddr = s->paddr + ((s->text_bytes + 0xffff) & ~0xffffULL) + s->data_gap;
	size_t size = data_off + s->data_filesz;
	uint8_t *f = calloc(1, size);
	struct elf64_ehdr *eh = (struct elf64_ehdr *)f;
	struct elf64_phdr *ph = (struct elf64_phdr *)(f + sizeof(*eh));

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_ge(s->text_bytes, 2 * PAGE);
	memcpy(eh->e_ident, ELF_MAGIC, 4);
	eh->e_ident[4] = ELFCLASS64;
	eh->e_ident[5] = ELFDATA2LSB;
	eh->e_ident[6] = 1;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_version = 1;
	eh->e_entry = s->paddr; /* the native entry, which a PV loader ignores */
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 3;
	ph[0] = load(TEXT_OFF, s->paddr, vb, s->text_bytes, s->text_bytes);
	ph[1] = load(data_off, data_paddr, vb, s->data_filesz, s->data_memsz);
	ph[2] = (struct elf64_phdr){.p_type = PT_NOTE,
				    .p_offset = NOTES_OFF,
				    .p_filesz = write_notes(f + NOTES_OFF, s, vb),
				    .p_align = 4};
	for (uint64_t i = TEXT_OFF; i < size; i++)
		f[i] = (uint8_t)(i * 7 + 3);
	*bytes = size;
	return f;
}

/* ---- checking a built domain ---- */

static uint64_t va_of(const struct bld_result *r, uint64_t pfn)
{
	return bld_pfn_va(&r->plan, pfn);
}

static uint64_t cr3_of(const struct bld_result *r)
{
	return r->ctxt.ctrlreg[3];
}

/* check_bytes - guest memory at va holds len bytes of want (NULL: zeros). */
static void check_bytes(const struct bld_fake_dom *d, const struct bld_result *r, uint64_t va,
			const uint8_t *want, uint64_t len, const char *what)
{
	static const uint8_t zeros[PAGE];

	for (uint64_t i = 0; i < len;) {
		const uint8_t *g = bld_fake_va(d, cr3_of(r), va + i);
		uint64_t n = PAGE - ((va + i) & (PAGE - 1));

		CHECK(g, "%s: va %#llx not mapped", what, (unsigned long long)(va + i));
		if (n > len - i)
			n = len - i;
		CHECK(!memcmp(g, want ? want + i : zeros, n), "%s: bytes %llu-%llu differ", what,
		      (unsigned long long)i, (unsigned long long)(i + n - 1));
		i += n;
	}
}

/* check_region - pfn n at v_start + n pages, table frames read-only, nothing else mapped. */
static void check_region(const struct bld_fake_dom *d, const struct bld_result *r)
{
	const struct bld_plan *pl = &r->plan;
	uint64_t present = 0;
	bool rw;

	for (uint64_t pfn = 0; pfn < pl->region_pages; pfn++) {
		uint64_t e = bld_fake_walk(d, cr3_of(r), va_of(r, pfn), &rw);
		bool table = pfn >= pl->pt_pfn && pfn < pl->pt_pfn + pl->nr_pt_frames;

		CHECK(e, "pfn %#llx not mapped", (unsigned long long)pfn);
		CHECK((e & PTE_ADDR) >> 12 == d->p2m[pfn], "pfn %#llx maps MFN %#llx",
		      (unsigned long long)pfn, (unsigned long long)((e & PTE_ADDR) >> 12));
		CHECK((e & ~PTE_ADDR) == (table ? LEAF_FLAGS & ~PTE_RW : LEAF_FLAGS) &&
			  rw == !table,
		      "pfn %#llx: flags %#llx (%s)", (unsigned long long)pfn,
		      (unsigned long long)(e & ~PTE_ADDR), table ? "a table" : "not a table");
	}
	ck_assert_uint_eq(bld_fake_walk(d, cr3_of(r), pl->v_end, NULL), 0);
	ck_assert_uint_eq(bld_fake_walk(d, cr3_of(r), pl->v_start - PAGE, NULL), 0);
	/* Exactly one entry per mapped page and per table below the L4. */
	for (uint64_t t = 0; t < pl->nr_pt_frames; t++) {
		const uint64_t *tab = (const uint64_t *)(d->mem + (pl->pt_pfn + t) * PAGE);
		for (int i = 0; i < 512; i++)
			present += tab[i] & PTE_P;
	}
	ck_assert_uint_eq(present, pl->region_pages + pl->nr_pt_frames - 1);
	/* The L4 first, then the L3s, then the L2s (Linux frees the first three frames). */
	uint64_t nr_l3 = ((pl->v_end - 1) >> 39) - (pl->v_start >> 39) + 1;
	const uint64_t *l4 = (const uint64_t *)(d->mem + pl->pt_pfn * PAGE);
	uint64_t l4e = l4[(pl->v_start >> 39) & 511];
	ck_assert_uint_eq(r->l4_mfn, d->p2m[pl->pt_pfn]);
	ck_assert_uint_eq((l4e & PTE_ADDR) >> 12, d->p2m[pl->pt_pfn + 1]);
	const uint64_t *l3 = (const uint64_t *)(d->mem + (pl->pt_pfn + 1) * PAGE);
	uint64_t l3e = l3[(pl->v_start >> 30) & 511];
	ck_assert_uint_eq((l3e & PTE_ADDR) >> 12, d->p2m[pl->pt_pfn + 1 + nr_l3]);
}

static void check_kernel(const struct bld_fake_dom *d, const struct bld_kernel *k,
			 const struct bld_result *r)
{
	const struct pv_image *img = k->image;

	for (unsigned int i = 0; i < img->elf.ehdr->e_phnum; i++) {
		const struct elf64_phdr *ph = elf_phdr(&img->elf, i);
		uint64_t va = ph->p_paddr - img->paddr_offset + img->virt_base;

		if (ph->p_type != PT_LOAD)
			continue;
		check_bytes(d, r, va, img->elf.data + ph->p_offset, ph->p_filesz, "segment");
		check_bytes(d, r, va + ph->p_filesz, NULL, ph->p_memsz - ph->p_filesz, "bss");
	}
}

static void check_initrd(const struct bld_fake_dom *d, const struct bld_params *p,
			 const struct bld_result *r, const start_info_t *si)
{
	const struct bld_plan *pl = &r->plan;

	ck_assert_uint_eq(si->mod_len, p->initrd_bytes);
	if (!p->initrd_bytes) {
		ck_assert_uint_eq(si->mod_start, 0);
		return;
	}
	ck_assert(!(si->flags & SIF_MOD_START_PFN) == pl->initrd_mapped);
	if (pl->initrd_mapped) {
		ck_assert_uint_eq(si->mod_start, bld_pfn_va(pl, pl->initrd_pfn));
		check_bytes(d, r, si->mod_start, p->initrd, p->initrd_bytes, "initrd");
		return;
	}
	/* Unmapped: right after the region, by pfn, and not mapped. */
	ck_assert_uint_eq(si->mod_start, pl->region_pages);
	ck_assert_uint_eq(bld_fake_walk(d, cr3_of(r), va_of(r, si->mod_start), NULL), 0);
	CHECK(!memcmp(d->mem + si->mod_start * PAGE, p->initrd, p->initrd_bytes),
	      "the unmapped initrd differs");
}

static void check_start_info(const struct bld_fake_dom *d, const struct bld_params *p,
			     const struct bld_result *r)
{
	const struct bld_plan *pl = &r->plan;
	const start_info_t *si = (const void *)bld_fake_va(d, cr3_of(r), r->ctxt.user_regs.rsi);

	ck_assert_ptr_nonnull(si);
	ck_assert_uint_eq(r->ctxt.user_regs.rsi, va_of(r, pl->start_info_pfn));
	ck_assert_str_eq(si->magic, "xen-3.0-x86_64");
	ck_assert_uint_eq(si->nr_pages, p->nr_pages);
	ck_assert_uint_eq(si->shared_info, p->shared_info_mfn << 12);
	ck_assert_uint_eq(si->flags & ~SIF_MOD_START_PFN, p->flags);
	ck_assert_uint_eq(si->store_mfn, d->p2m[pl->store_pfn]);
	ck_assert_uint_eq(si->store_mfn, r->store_mfn);
	ck_assert_uint_eq(si->store_evtchn, p->store_evtchn);
	ck_assert_uint_eq(si->console.domU.mfn, d->p2m[pl->console_pfn]);
	ck_assert_uint_eq(si->console.domU.mfn, r->console_mfn);
	ck_assert_uint_eq(si->console.domU.evtchn, p->console_evtchn);
	ck_assert_uint_eq(si->pt_base, va_of(r, pl->pt_pfn));
	ck_assert_uint_eq(si->nr_pt_frames, pl->nr_pt_frames);
	ck_assert_uint_eq(si->first_p2m_pfn, 0);
	ck_assert_uint_eq(si->nr_p2m_frames, 0);
	ck_assert_str_eq((const char *)si->cmd_line, p->cmdline ? p->cmdline : "");
	/* The P2M list the guest reads is the one given. */
	check_bytes(d, r, si->mfn_list, (const uint8_t *)p->p2m, p->nr_pages * 8, "P2M list");
	/* The ring pages and the stack are clear; the store ring lies after start_info. */
	ck_assert_uint_eq(pl->store_pfn, pl->start_info_pfn + 1);
	check_bytes(d, r, va_of(r, pl->store_pfn), NULL, 2 * PAGE, "ring pages");
	check_bytes(d, r, va_of(r, pl->stack_pfn), NULL, PAGE, "boot stack");
	check_initrd(d, p, r, si);
}

static void check_vcpu(const struct bld_fake_dom *d, const struct bld_kernel *k,
		       const struct bld_result *r)
{
	const struct vcpu_guest_context *c = &r->ctxt;
	bool rw;

	ck_assert_uint_eq(c->flags, VGCF_in_kernel | VGCF_online);
	ck_assert_uint_eq(c->user_regs.rip, k->entry);
	ck_assert_uint_eq(c->user_regs.rsp, va_of(r, r->plan.stack_pfn + 1));
	ck_assert_uint_eq(bld_fake_walk(d, cr3_of(r), c->user_regs.rsp - 8, &rw) >> 12,
			  d->p2m[r->plan.stack_pfn]);
	ck_assert(rw);
	ck_assert_uint_eq(c->user_regs.rflags, 0x200);
	ck_assert_uint_eq(c->user_regs.cs, 0xe033);
	ck_assert_uint_eq(c->user_regs.ss, 0xe02b);
	ck_assert_uint_eq(c->user_regs.ds | c->user_regs.es | c->user_regs.fs | c->user_regs.gs, 0);
	ck_assert_uint_eq(c->kernel_ss, 0xe02b);
	ck_assert_uint_eq(c->kernel_sp, c->user_regs.rsp);
	ck_assert_uint_eq(c->ctrlreg[3], r->l4_mfn << 12);
	ck_assert_uint_eq(c->ctrlreg[1], 0);
	ck_assert_uint_eq(c->debugreg[6], 0xffff0ff0);
	ck_assert_uint_eq(c->debugreg[7], 0x400);
	ck_assert_uint_eq(c->event_callback_eip | c->failsafe_callback_eip, 0);
	ck_assert_uint_eq(c->syscall_callback_eip | c->gdt_ents | c->ldt_ents, 0);
	ck_assert_uint_eq(c->user_regs.rax | c->user_regs.rdi | c->user_regs.rbp, 0);
}

static void check_requests(const struct bld_fake_dom *d, const struct bld_result *r)
{
	ck_assert_uint_eq(r->nr_m2p, d->nr_pages);
	for (uint64_t pfn = 0; pfn < d->nr_pages; pfn++)
		CHECK(r->m2p[pfn].ptr == (d->p2m[pfn] << 12 | MMU_MACHPHYS_UPDATE) &&
			  r->m2p[pfn].val == pfn,
		      "M2P request %llu", (unsigned long long)pfn);
	ck_assert_uint_eq(r->pin.cmd, MMUEXT_PIN_L4_TABLE);
	ck_assert_uint_eq(r->pin.arg1.mfn, r->l4_mfn);
}

void bld_fake_check(const struct bld_fake_dom *d, const struct bld_kernel *k,
		    const struct bld_params *p, const struct bld_result *r)
{
	ck_assert_int_eq(d->mapped, 0);
	check_region(d, r);
	check_kernel(d, k, r);
	check_start_info(d, p, r);
	check_vcpu(d, k, r);
	check_requests(d, r);
}
