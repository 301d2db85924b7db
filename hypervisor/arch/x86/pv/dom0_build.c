/*
 * dom0_build.c - building the initial domain from the first boot module.
 *
 * The PV boot contract (Xen's, xen/arch/x86/pv/dom0_build.c; ../shared
 * reference section 1): the kernel's segments at the pseudo-physical
 * addresses of their p_paddr, the bootstrap region mapped pfn-linearly at
 * VIRT_BASE with 4 KiB pages by read-only, pinned page tables (layout in
 * lamina/pv_layout.h), the P2M list and start_info in it, shared_info with
 * valid time and every event masked, RSI = start_info on entry at ENTRY in
 * guest kernel mode.
 */
#include <asm/page.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <asm/time.h>
#include <lamina/boot_info.h>
#include <lamina/buddy.h>
#include <lamina/console.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/heap.h>
#include <lamina/lib.h>
#include <lamina/mm.h>
#include <lamina/pv_image.h>
#include <lamina/pv_layout.h>
#include <lamina/time.h>
#include <lamina/vga.h>

#define L1_PROT (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_USER)
#define UPPER_PROT (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_USER)

struct dom0_ctx {
	struct domain *d;
	unsigned long *p2m; /* pfn -> mfn, nr_pages entries (hypervisor copy) */
	unsigned long nr_pages;
};

static void *pfn_va(const struct dom0_ctx *c, unsigned long pfn)
{
	return __va((paddr_t)c->p2m[pfn] << PAGE_SHIFT);
}

/* put_bytes - write len bytes (zeros when src is NULL) at pseudo-physical address pa. */
static int put_bytes(void *arg, uint64_t pa, const void *src, uint64_t len)
{
	const struct dom0_ctx *c = arg;

	while (len) {
		unsigned long pfn = pa >> PAGE_SHIFT, off = pa & ~PAGE_MASK;
		unsigned long n = MIN((uint64_t)(PAGE_SIZE - off), len);
		if (pfn >= c->nr_pages)
			return -ENOMEM;
		if (src) {
			memcpy((char *)pfn_va(c, pfn) + off, src, n);
			src = (const char *)src + n;
		} else {
			memset((char *)pfn_va(c, pfn) + off, 0, n);
		}
		pa += n;
		len -= n;
	}
	return 0;
}

/*
 * allocate_memory - dom0's nr_pages frames, in the largest blocks the
 * allocator has (as Xen's alloc_chunk), and not cleared: it is boot-time
 * memory, and dom0 may read all of the machine's memory anyway (Xen
 * allocates it with MEMF_no_scrub). Clearing 512 MiB costs about a second
 * under TCG. The builder clears what the boot contract needs clear: the
 * kernel's bss, and the bootstrap region from the P2M list on (P2M, start
 * info, page tables, boot stack).
 */
static int allocate_memory(struct dom0_ctx *c)
{
	unsigned int order = BUDDY_MAX_ORDER;
	unsigned long pfn = 0;

	c->p2m = xmalloc_bytes(c->nr_pages * sizeof(unsigned long));
	if (!c->p2m)
		return -ENOMEM;
	while (pfn < c->nr_pages) {
		unsigned long mfn;
		while (order && (1UL << order) > c->nr_pages - pfn)
			order--;
		while ((mfn = alloc_frames(order)) == INVALID_MFN && order)
			order--;
		if (mfn == INVALID_MFN || assign_pages(c->d, mfn, order))
			return -ENOMEM;
		for (unsigned long i = 0; i < 1UL << order; i++, pfn++) {
			c->p2m[pfn] = mfn + i;
			set_gpfn_from_mfn(mfn + i, pfn);
		}
	}
	return 0;
}

/* Build the bootstrap page tables in the frames of [pt_start, pt_end). */
static unsigned long build_page_tables(struct dom0_ctx *c, const struct pv_layout *l)
{
	unsigned long next_pfn = (l->pt_start - l->v_start) >> PAGE_SHIFT;
	unsigned long pt_first = next_pfn, pt_last = next_pfn + l->nr_pt_frames;
	unsigned long l4_pfn = next_pfn++;
	pte_t *l4 = pfn_va(c, l4_pfn);

	for (uint64_t va = l->v_start; va < l->v_end; va += PAGE_SIZE) {
		pte_t *t = l4;
		for (unsigned int level = 4; level > 1; level--) {
			pte_t *e = &t[(va >> (12 + 9 * (level - 1))) & 511];
			if (!(*e & _PAGE_PRESENT)) {
				BUG_ON(next_pfn >= pt_last);
				*e = ((pte_t)c->p2m[next_pfn] << PAGE_SHIFT) | UPPER_PROT;
				next_pfn++;
			}
			t = __va(*e & PTE_ADDR_MASK);
		}
		unsigned long pfn = (va - l->v_start) >> PAGE_SHIFT;
		pte_t prot = L1_PROT;
		if (pfn >= pt_first && pfn < pt_last)
			prot &= ~_PAGE_RW; /* page tables are never writable */
		/*
		 * The padding after the boot stack is never code; Linux clears its bootstrap
		 * mapping only up to the 4 MiB boundary after the page tables, so leaving the
		 * rest executable would be a writable and executable mapping it keeps.
		 */
		if (va >= l->stack_end)
			prot |= _PAGE_NX;
		t[(va >> 12) & 511] = ((pte_t)c->p2m[pfn] << PAGE_SHIFT) | prot;
	}
	return c->p2m[l4_pfn];
}

static void fill_hypercall_page(struct dom0_ctx *c, const struct pv_image *img)
{
	pv_write_hypercall_page(pfn_va(c, (img->hypercall_page - img->virt_base) >> PAGE_SHIFT));
}

static void print_layout(const struct pv_image *img, const struct pv_layout *l, unsigned long nr)
{
	printk("d0: kernel %s/%s, entry %#lx, virt base %#lx\n", img->guest_os, img->loader,
	       (unsigned long)img->entry, (unsigned long)img->virt_base);
	printk("d0: %lu pages (%lu MiB); bootstrap region:\n", nr, nr / 256);
	printk("  kernel      %#lx-%#lx\n", (unsigned long)l->kernel_start, (unsigned long)l->kernel_end);
	if (l->initrd_end > l->initrd_start)
		printk("  initrd      %#lx-%#lx\n", (unsigned long)l->initrd_start,
		       (unsigned long)l->initrd_end);
	printk("  P2M list    %#lx-%#lx\n", (unsigned long)l->p2m_start, (unsigned long)l->p2m_end);
	printk("  start info  %#lx-%#lx\n", (unsigned long)l->start_info_start,
	       (unsigned long)l->start_info_end);
	printk("  page tables %#lx-%#lx (%u frames)\n", (unsigned long)l->pt_start,
	       (unsigned long)l->pt_end, l->nr_pt_frames);
	printk("  boot stack  %#lx-%#lx\n", (unsigned long)l->stack_start, (unsigned long)l->stack_end);
	printk("  total       %#lx-%#lx\n", (unsigned long)l->v_start, (unsigned long)l->v_end);
}

int dom0_construct(struct domain *d, const struct boot_module *kernel,
		   const struct boot_module *initrd, const char *cmdline, unsigned long nr_pages)
{
	struct pv_image img;
	struct pv_layout l;
	struct dom0_ctx c = { .d = d, .nr_pages = nr_pages };
	const char *why;
	struct vcpu *v = d->vcpu[0];
	int rc;

	rc = pv_image_parse(&img, __va(kernel->start), kernel->end - kernel->start, &why);
	if (rc) {
		printk(LOG_ERR "d0: cannot load the kernel (module 0): %s\n", why);
		return rc;
	}
	/*
	 * A kernel that takes its initrd by PFN (XEN_ELFNOTE_MOD_START_PFN) gets it after the
	 * bootstrap region, unmapped, as Xen places it: the region stays small, and Linux
	 * never sees a large writable and executable mapping it would have to clean up.
	 */
	unsigned long initrd_bytes = initrd ? initrd->end - initrd->start : 0;
	bool initrd_by_pfn = initrd && img.mod_start_pfn;
	struct pv_layout_input in = {
		.virt_base = img.virt_base,
		.kernel_start = img.virt_start,
		.kernel_end = img.virt_end,
		.initrd_bytes = initrd_by_pfn ? 0 : initrd_bytes,
		.nr_pages = nr_pages,
		.start_info_bytes = sizeof(start_info_t) + sizeof(dom0_vga_console_info_t),
	};
	rc = pv_layout_compute(&in, &l);
	if (!rc && initrd_by_pfn && l.region_pages + (initrd_bytes + PAGE_SIZE - 1) / PAGE_SIZE > nr_pages)
		rc = -ENOMEM;
	if (rc) {
		printk(LOG_ERR "d0: %lu pages cannot hold the kernel's bootstrap region (%d)\n",
		       nr_pages, rc);
		return rc;
	}
	rc = allocate_memory(&c);
	if (rc) {
		printk(LOG_ERR "d0: out of memory for %lu pages\n", nr_pages);
		return rc;
	}
	print_layout(&img, &l, nr_pages);
	if (initrd_by_pfn)
		printk("  initrd      pfn %#lx-%#lx, not mapped (SIF_MOD_START_PFN)\n",
		       (unsigned long)l.region_pages,
		       (unsigned long)(l.region_pages + (initrd_bytes + PAGE_SIZE - 1) / PAGE_SIZE));

	rc = pv_image_load(&img, put_bytes, &c);
	if (!rc && initrd)
		rc = put_bytes(&c, initrd_by_pfn ? l.region_pages << PAGE_SHIFT : l.initrd_start - l.v_start,
			       __va(initrd->start), initrd_bytes);
	if (rc)
		return rc;
	if (img.has_hypercall_page)
		fill_hypercall_page(&c, &img);

	/* From the P2M list to the end of the region: cleared, then the P2M list. */
	put_bytes(&c, l.p2m_start - l.v_start, NULL, l.v_end - l.p2m_start);
	put_bytes(&c, l.p2m_start - l.v_start, c.p2m, nr_pages * sizeof(c.p2m[0]));

	unsigned long l4_mfn = build_page_tables(&c, &l);

	start_info_t *si = pfn_va(&c, (l.start_info_start - l.v_start) >> PAGE_SHIFT);
	memset(si, 0, PAGE_SIZE);
	lamina_snprintf(si->magic, sizeof(si->magic), "xen-3.0-x86_64");
	si->nr_pages = nr_pages;
	si->shared_info = (unsigned long)d->shared_info_mfn << PAGE_SHIFT;
	si->flags = SIF_PRIVILEGED | SIF_INITDOMAIN;
	si->pt_base = l.pt_start;
	si->nr_pt_frames = l.nr_pt_frames;
	si->mfn_list = l.p2m_start;
	if (initrd) {
		si->mod_start = initrd_by_pfn ? l.region_pages : l.initrd_start;
		si->mod_len = initrd_bytes;
		if (initrd_by_pfn)
			si->flags |= SIF_MOD_START_PFN;
	}
	lamina_snprintf((char *)si->cmd_line, sizeof(si->cmd_line), "%s", cmdline);
	/* The firmware's VGA state follows start_info in its page (Xen's layout). */
	dom0_vga_console_info_t *ci = (dom0_vga_console_info_t *)(si + 1);
	if (vga_text_mode_info(ci)) {
		si->console.dom0.info_off = sizeof(start_info_t);
		si->console.dom0.info_size = sizeof(*ci);
	}

	rc = pv_pin_table(d, l4_mfn, 4);
	if (rc) {
		printk(LOG_ERR "d0: bootstrap page tables failed validation (%d)\n", rc);
		return rc;
	}
	rc = pv_new_baseptr(v, l4_mfn, false);
	if (rc)
		return rc;

	memset(&v->regs, 0, sizeof(v->regs));
	v->regs.rip = img.entry;
	v->regs.rsp = l.stack_end;
	v->regs.rsi = l.start_info_start;
	v->regs.cs = FLAT_KERNEL_CS;
	v->regs.ss = FLAT_KERNEL_SS;
	v->regs.rflags = 0x202;
	v->pv.kernel_sp = l.stack_end;
	v->pv.kernel_ss = FLAT_KERNEL_SS;
	v->is_initialised = v->is_up = true;
	xfree(c.p2m);
	return 0;
}
