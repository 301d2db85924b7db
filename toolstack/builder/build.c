/*
 * build.c - laying out and writing a new PV domain's memory (see
 * builder/builder.h for the caller's side).
 *
 * The order and contents follow Xen 4.17's toolstack builder
 * (xg_dom_core.c xc_dom_build_image, xg_dom_x86.c, xg_dom_boot.c); the
 * layout itself is the hypervisor's pure boot_layout.c, shared with the
 * dom0 builder. Every range is mapped, written and unmapped before the
 * next: the kernel (its whole extent cleared, then its segments), the
 * initrd, then one range from the P2M list to the boot stack (cleared,
 * then the P2M list, start_info and the page tables written; the ring
 * pages and the stack stay zero).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xen/grant_table.h>

#include "builder/internal.h"

#define START_INFO_MAGIC "xen-3.0-x86_64"
#define X86_EFLAGS_IF (1ULL << 9)
#define X86_DR6_DEFAULT 0xffff0ff0ULL /* xg_dom_x86.c */
#define X86_DR7_DEFAULT 0x00000400ULL

/* ---- planning ---- */

static uint64_t va_pfn(const struct pv_layout *l, uint64_t va)
{
	return (va - l->v_start) / BLD_PAGE_BYTES;
}

static int plan_layout(const struct pv_image *img, uint64_t nr_pages, uint64_t mapped_initrd,
		       struct pv_layout *l, struct bld_err *err)
{
	struct pv_layout_input in = {
	    .virt_base = img->virt_base,
	    .kernel_start = img->virt_start,
	    .kernel_end = img->virt_end,
	    .initrd_bytes = mapped_initrd,
	    .nr_pages = nr_pages,
	    .start_info_bytes = sizeof(start_info_t),
	    .extra_pages = 2, /* the xenstore and console rings */
	};
	int rc;

	if (img->virt_base % BLD_PAGE_BYTES)
		return bld_fail(err, -EINVAL, "VIRT_BASE %#llx is not page aligned",
				(unsigned long long)img->virt_base);
	rc = pv_layout_compute(&in, l);
	if (rc == -ENOMEM)
		return bld_fail(err, rc,
				"%llu pages (%llu MiB) cannot hold the bootstrap region of this "
				"kernel%s",
				(unsigned long long)nr_pages, (unsigned long long)(nr_pages >> 8),
				mapped_initrd ? " and initrd" : "");
	if (rc)
		return bld_fail(err, rc, "the kernel's placement is inconsistent (%d)", rc);
	return 0;
}

/* linux_fits - Linux keeps only the L2 its bootstrap region sits in (mmu_pv.c). */
static int linux_fits(const struct pv_image *img, const struct pv_layout *l, struct bld_err *err)
{
	if (strcmp(img->guest_os, "linux"))
		return 0;
	if (l->v_start / BLD_LINUX_L2_SPAN == (l->v_end - 1) / BLD_LINUX_L2_SPAN)
		return 0;
	return bld_fail(err, -E2BIG,
			"the bootstrap region %#llx-%#llx crosses a 1 GiB boundary, and Linux maps "
			"it from one L2 (a smaller initrd or kernel is needed)",
			(unsigned long long)l->v_start, (unsigned long long)l->v_end);
}

/* plan_from_layout - the layout's pieces as pfns of the region. */
static void plan_from_layout(struct bld_plan *plan, const struct pv_layout *l)
{
	plan->v_start = l->v_start;
	plan->v_end = l->v_end;
	plan->region_pages = l->region_pages;
	plan->kernel_start = l->kernel_start;
	plan->kernel_end = l->kernel_end;
	plan->p2m_pfn = va_pfn(l, l->p2m_start);
	plan->nr_p2m_pages = bld_pages(l->p2m_end - l->p2m_start);
	plan->start_info_pfn = va_pfn(l, l->start_info_start);
	plan->store_pfn = va_pfn(l, l->extra_start);
	plan->console_pfn = plan->store_pfn + 1;
	plan->pt_pfn = va_pfn(l, l->pt_start);
	plan->nr_pt_frames = l->nr_pt_frames;
	plan->stack_pfn = va_pfn(l, l->stack_start);
}

int bld_plan(const struct bld_kernel *k, uint64_t nr_pages, uint64_t initrd_bytes,
	     struct bld_plan *plan, struct bld_err *err)
{
	const struct pv_image *img = k->image;
	bool mapped = initrd_bytes && !img->mod_start_pfn;
	struct pv_layout l;
	int rc;

	memset(plan, 0, sizeof(*plan));
	err->msg[0] = '\0';
	rc = plan_layout(img, nr_pages, mapped ? initrd_bytes : 0, &l, err);
	if (!rc)
		rc = linux_fits(img, &l, err);
	if (rc)
		return rc;
	plan_from_layout(plan, &l);
	plan->nr_pages = nr_pages;
	plan->initrd_bytes = initrd_bytes;
	plan->initrd_mapped = mapped;
	plan->initrd_pfn = mapped ? va_pfn(&l, l.initrd_start) : l.region_pages;
	if (initrd_bytes && plan->initrd_pfn + bld_pages(initrd_bytes) > nr_pages)
		return bld_fail(err, -ENOMEM,
				"%llu pages (%llu MiB) cannot hold the bootstrap region and a "
				"%llu-byte initrd",
				(unsigned long long)nr_pages, (unsigned long long)(nr_pages >> 8),
				(unsigned long long)initrd_bytes);
	return 0;
}

/* ---- guest memory ---- */

/* A mapped range of guest pages. */
struct view {
	const struct bld_guest_mem *mem;
	uint8_t *va;
	uint64_t pfn, nr;
};

static int view_map(struct view *v, const struct bld_guest_mem *mem, uint64_t pfn, uint64_t nr,
		    const char *what, struct bld_err *err)
{
	v->mem = mem;
	v->pfn = pfn;
	v->nr = nr;
	errno = 0;
	v->va = mem->map(mem->ctx, pfn, nr);
	if (!v->va) {
		int e = errno ? errno : EIO;
		return bld_fail(err, -e, "cannot map guest pages %#llx-%#llx (%s): %s",
				(unsigned long long)pfn, (unsigned long long)(pfn + nr - 1), what,
				strerror(e));
	}
	return 0;
}

static void view_unmap(struct view *v)
{
	if (v->va)
		v->mem->unmap(v->mem->ctx, v->va, v->nr);
	v->va = NULL;
}

/* view_at - the address of pseudo-physical byte paddr inside the view. */
static uint8_t *view_at(const struct view *v, uint64_t paddr)
{
	return v->va + (paddr - v->pfn * BLD_PAGE_BYTES);
}

/* put_segment - pv_image_load's writer: len bytes (zeros when src is NULL) at paddr. */
static int put_segment(void *ctx, uint64_t paddr, const void *src, uint64_t len)
{
	const struct view *v = ctx;
	uint64_t start = v->pfn * BLD_PAGE_BYTES, end = start + v->nr * BLD_PAGE_BYTES;

	if (paddr < start || paddr > end || len > end - paddr)
		return -EINVAL;
	if (src)
		memcpy(view_at(v, paddr), src, len);
	else
		memset(view_at(v, paddr), 0, len);
	return 0;
}

static int load_kernel(const struct bld_kernel *k, const struct bld_guest_mem *mem,
		       struct bld_err *err)
{
	const struct pv_image *img = k->image;
	uint64_t first = img->paddr_start / BLD_PAGE_BYTES;
	uint64_t nr = bld_pages(img->paddr_end) - first;
	struct view v;
	int rc = view_map(&v, mem, first, nr, "kernel", err);

	if (rc)
		return rc;
	memset(v.va, 0, nr * BLD_PAGE_BYTES); /* gaps between segments, as Xen's builder */
	rc = pv_image_load(img, put_segment, &v);
	view_unmap(&v);
	if (rc)
		return bld_fail(err, rc, "a kernel segment lies outside the kernel's extent");
	return 0;
}

static int load_initrd(const struct bld_plan *plan, const struct bld_params *p,
		       const struct bld_guest_mem *mem, struct bld_err *err)
{
	uint64_t nr = bld_pages(p->initrd_bytes);
	struct view v;
	int rc;

	if (!p->initrd_bytes)
		return 0;
	rc = view_map(&v, mem, plan->initrd_pfn, nr, "initrd", err);
	if (rc)
		return rc;
	memcpy(v.va, p->initrd, p->initrd_bytes);
	memset(v.va + p->initrd_bytes, 0, nr * BLD_PAGE_BYTES - p->initrd_bytes);
	view_unmap(&v);
	return 0;
}

/* ---- the pieces after the initrd ---- */

/* fill_start_info - start_info as xg_dom_x86.c start_info_x86_64 writes it. */
static void fill_start_info(start_info_t *si, const struct bld_plan *plan,
			    const struct bld_params *p)
{
	memset(si, 0, sizeof(*si));
	strcpy(si->magic, START_INFO_MAGIC);
	si->nr_pages = p->nr_pages;
	si->shared_info = p->shared_info_mfn << BLD_PAGE_SHIFT;
	si->flags = p->flags;
	si->store_mfn = p->p2m[plan->store_pfn];
	si->store_evtchn = p->store_evtchn;
	si->console.domU.mfn = p->p2m[plan->console_pfn];
	si->console.domU.evtchn = p->console_evtchn;
	si->pt_base = bld_pfn_va(plan, plan->pt_pfn);
	si->nr_pt_frames = plan->nr_pt_frames;
	si->mfn_list = bld_pfn_va(plan, plan->p2m_pfn);
	if (p->initrd_bytes) {
		si->mod_start =
		    plan->initrd_mapped ? bld_pfn_va(plan, plan->initrd_pfn) : plan->initrd_pfn;
		si->mod_len = p->initrd_bytes;
		if (!plan->initrd_mapped)
			si->flags |= SIF_MOD_START_PFN;
	}
	if (p->cmdline)
		strcpy((char *)si->cmd_line, p->cmdline);
}

/*
 * write_tail - the range from the P2M list to the boot stack: cleared, then
 * the P2M list, start_info and the page tables.
 */
static int write_tail(const struct bld_plan *plan, const struct bld_params *p,
		      const struct bld_guest_mem *mem, struct bld_err *err)
{
	uint64_t first = plan->p2m_pfn;
	uint64_t nr = plan->stack_pfn + 1 - first;
	struct view v;
	int rc = view_map(&v, mem, first, nr, "P2M list to boot stack", err);

	if (rc)
		return rc;
	memset(v.va, 0, nr * BLD_PAGE_BYTES);
	memcpy(v.va, p->p2m, p->nr_pages * sizeof(p->p2m[0]));
	fill_start_info((start_info_t *)view_at(&v, plan->start_info_pfn * BLD_PAGE_BYTES), plan,
			p);
	bld_pt_build(plan, p->p2m, (uint64_t *)view_at(&v, plan->pt_pfn * BLD_PAGE_BYTES));
	view_unmap(&v);
	return 0;
}

/* ---- what the caller does afterwards ---- */

/* fill_vcpu - vCPU 0's context, as xg_dom_x86.c vcpu_x86_64 sets it. */
static void fill_vcpu(struct vcpu_guest_context *c, const struct bld_kernel *k,
		      const struct bld_plan *plan, uint64_t l4_mfn)
{
	memset(c, 0, sizeof(*c));
	c->flags = VGCF_in_kernel | VGCF_online;
	c->user_regs.rip = k->entry;
	c->user_regs.rsp = bld_pfn_va(plan, plan->stack_pfn + 1);
	c->user_regs.rsi = bld_pfn_va(plan, plan->start_info_pfn);
	c->user_regs.rflags = X86_EFLAGS_IF;
	c->user_regs.cs = FLAT_KERNEL_CS;
	c->user_regs.ss = FLAT_KERNEL_SS;
	c->user_regs.ds = c->user_regs.es = FLAT_KERNEL_DS;
	c->user_regs.fs = c->user_regs.gs = FLAT_KERNEL_DS;
	c->kernel_ss = FLAT_KERNEL_SS;
	c->kernel_sp = c->user_regs.rsp;
	c->ctrlreg[3] = xen_pfn_to_cr3(l4_mfn);
	c->debugreg[6] = X86_DR6_DEFAULT;
	c->debugreg[7] = X86_DR7_DEFAULT;
	/* Event and failsafe callbacks stay 0: the guest registers its own. */
}

static int fill_ops(struct bld_result *r, const struct bld_kernel *k, const struct bld_params *p)
{
	r->m2p = calloc(p->nr_pages, sizeof(*r->m2p));
	if (!r->m2p)
		return -ENOMEM;
	for (uint64_t pfn = 0; pfn < p->nr_pages; pfn++) {
		r->m2p[pfn].ptr = (p->p2m[pfn] << BLD_PAGE_SHIFT) | MMU_MACHPHYS_UPDATE;
		r->m2p[pfn].val = pfn;
	}
	r->nr_m2p = p->nr_pages;
	r->pin.cmd = MMUEXT_PIN_L4_TABLE;
	r->pin.arg1.mfn = r->l4_mfn;
	r->hypercall_page = k->has_hypercall_page;
	if (r->hypercall_page)
		r->hypercall_gmfn = p->p2m[(k->hypercall_page - k->virt_base) / BLD_PAGE_BYTES];
	fill_vcpu(&r->ctxt, k, &r->plan, r->l4_mfn);
	return 0;
}

/* check_params - everything about p that can be wrong, before anything is written. */
static int check_params(const struct bld_params *p, struct bld_err *err)
{
	if (!p->p2m || !p->nr_pages)
		return bld_fail(err, -EINVAL, "no guest memory (an empty P2M)");
	for (uint64_t pfn = 0; pfn < p->nr_pages; pfn++)
		if (p->p2m[pfn] > BLD_MAX_MFN)
			return bld_fail(err, -EINVAL, "P2M entry %#llx is no MFN: %#llx",
					(unsigned long long)pfn, (unsigned long long)p->p2m[pfn]);
	if (p->shared_info_mfn > BLD_MAX_MFN)
		return bld_fail(err, -EINVAL, "shared_info frame %#llx is no MFN",
				(unsigned long long)p->shared_info_mfn);
	if (p->cmdline && strlen(p->cmdline) >= MAX_GUEST_CMDLINE)
		return bld_fail(err, -EINVAL,
				"command line of %zu bytes: at most %d fit start_info",
				strlen(p->cmdline), MAX_GUEST_CMDLINE - 1);
	if (p->initrd_bytes && !p->initrd)
		return bld_fail(err, -EINVAL, "initrd of %zu bytes without its data",
				p->initrd_bytes);
	return 0;
}

int bld_build(const struct bld_kernel *k, const struct bld_params *p,
	      const struct bld_guest_mem *mem, struct bld_result *r, struct bld_err *err)
{
	int rc;

	memset(r, 0, sizeof(*r));
	err->msg[0] = '\0';
	rc = check_params(p, err);
	if (!rc)
		rc = bld_plan(k, p->nr_pages, p->initrd_bytes, &r->plan, err);
	if (!rc)
		rc = load_kernel(k, mem, err);
	if (!rc)
		rc = load_initrd(&r->plan, p, mem, err);
	if (!rc)
		rc = write_tail(&r->plan, p, mem, err);
	if (rc)
		return rc;
	r->store_mfn = p->p2m[r->plan.store_pfn];
	r->console_mfn = p->p2m[r->plan.console_pfn];
	r->l4_mfn = p->p2m[r->plan.pt_pfn];
	rc = fill_ops(r, k, p);
	if (rc) {
		bld_result_free(r);
		return bld_fail(err, rc, "out of memory");
	}
	return 0;
}

void bld_result_free(struct bld_result *r)
{
	free(r->m2p);
	memset(r, 0, sizeof(*r));
}

void bld_shared_info_init(void *page)
{
	shared_info_t *s = page;

	memset(page, 0, BLD_PAGE_BYTES);
	for (unsigned int i = 0; i < XEN_LEGACY_MAX_VCPUS; i++)
		s->vcpu_info[i].evtchn_upcall_mask = 1;
}

void bld_gnttab_seed(void *frame0, uint64_t console_mfn, domid_t console_domid, uint64_t store_mfn,
		     domid_t store_domid)
{
	grant_entry_v1_t *g = frame0;

	g[GNTTAB_RESERVED_CONSOLE].domid = console_domid;
	g[GNTTAB_RESERVED_CONSOLE].frame = (uint32_t)console_mfn;
	g[GNTTAB_RESERVED_CONSOLE].flags = GTF_permit_access;
	g[GNTTAB_RESERVED_XENSTORE].domid = store_domid;
	g[GNTTAB_RESERVED_XENSTORE].frame = (uint32_t)store_mfn;
	g[GNTTAB_RESERVED_XENSTORE].flags = GTF_permit_access;
}
