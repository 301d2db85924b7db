/*
 * mm.c - setting up the hypervisor's memory at boot, and the page allocator.
 *
 * Order of events (mm_init): the loader's memory map, minus low memory, the
 * image and the modules, is the free map. A boot allocator takes pages from
 * its top (below 4 GiB while the boot page tables from head.S are live) for
 * the new page tables: the image map (W^X by section), the direct map of
 * every range in the memory map, the fixmap. After the switch it takes the
 * frame table anywhere in RAM; then every range still free goes to the buddy
 * allocator, which owns all further allocations.
 */
#include <asm/processor.h>
#include <asm/spinlock.h>
#include <lamina/boot_info.h>
#include <lamina/console.h>
#include <lamina/lib.h>
#include <lamina/domain.h>
#include <lamina/mm.h>

extern char _start[], _stext[], __rodata_start[], __rodata_end[], _end[];

struct page_info *frame_table = (struct page_info *)FRAMETABLE_VIRT_START;
unsigned long max_page;
pte_t *idle_pg_table;

static struct e820_map free_map; /* RAM still free for the boot allocator */
static bool buddy_ready;
static struct buddy buddy;
static spinlock_t page_alloc_lock = SPINLOCK_INIT;
static unsigned long total_pages;
static bool have_1g_pages;
static pte_t nx_bit;
static pte_t *fixmap_l1;
static bool switched; /* running on idle_pg_table: all RAM is in the direct map */

/* boot_alloc_pages - nr zeroed pages aligned to align pages, below limit; panics when none. */
static paddr_t boot_alloc_pages(unsigned long nr, unsigned long align, paddr_t limit)
{
	uint64_t bytes = (uint64_t)nr << PAGE_SHIFT;

	for (int i = (int)free_map.nr - 1; i >= 0; i--) {
		const struct e820_entry *e = &free_map.map[i];
		if (e->type != E820_RAM)
			continue;
		paddr_t end = MIN(e->addr + e->size, limit);
		if (end < e->addr + bytes)
			continue;
		paddr_t start = ROUNDDOWN(end - bytes, align << PAGE_SHIFT);
		if (start < e->addr)
			continue;
		if (e820_overlay(&free_map, start, bytes, E820_HYPERVISOR) < 0)
			break;
		memset(__va(start), 0, bytes);
		return start;
	}
	panic("boot allocator: no room for %lu pages below %#lx", nr, (unsigned long)limit);
}

static pte_t *alloc_pt_page(void)
{
	if (buddy_ready) {
		void *p = alloc_xenheap_pages(0);
		if (!p)
			panic("out of memory for a page table");
		memset(p, 0, PAGE_SIZE);
		return p;
	}
	return __va(boot_alloc_pages(1, 1, switched ? ~0ULL : BOOT_MAP_BYTES));
}

/*
 * next_table - the table entry e points to, creating it when absent. user:
 * the path leads to a mapping guests may read (the read-only M2P), so the
 * entry must allow user access too.
 */
static pte_t *next_table(pte_t *e, pte_t user)
{
	BUG_ON(*e & _PAGE_PSE);
	if (!(*e & _PAGE_PRESENT)) {
		pte_t *t = alloc_pt_page();
		*e = __pa(t) | PAGE_HYPERVISOR_RW;
	}
	*e |= user;
	return __va(*e & PTE_ADDR_MASK);
}

/*
 * map_range - map [pa, pa + size) at va in the hypervisor's tables with flags,
 * using 1 GiB and 2 MiB pages where alignment allows. All three must be 4 KiB aligned.
 */
static void map_range(unsigned long va, paddr_t pa, uint64_t size, pte_t flags)
{
	pte_t user = flags & _PAGE_USER;

	while (size) {
		pte_t *l3 = next_table(&idle_pg_table[l4_index(va)], user);
		if (have_1g_pages && IS_ALIGNED(va | pa, 1UL << L3_PAGE_SHIFT) &&
		    size >= (1UL << L3_PAGE_SHIFT)) {
			l3[l3_index(va)] = pa | flags | _PAGE_PSE;
			va += 1UL << L3_PAGE_SHIFT, pa += 1UL << L3_PAGE_SHIFT;
			size -= 1UL << L3_PAGE_SHIFT;
			continue;
		}
		pte_t *l2 = next_table(&l3[l3_index(va)], user);
		if (IS_ALIGNED(va | pa, 1UL << L2_PAGE_SHIFT) && size >= (1UL << L2_PAGE_SHIFT)) {
			l2[l2_index(va)] = pa | flags | _PAGE_PSE;
			va += 1UL << L2_PAGE_SHIFT, pa += 1UL << L2_PAGE_SHIFT;
			size -= 1UL << L2_PAGE_SHIFT;
			continue;
		}
		pte_t *l1 = next_table(&l2[l2_index(va)], user);
		l1[l1_index(va)] = pa | flags;
		va += PAGE_SIZE, pa += PAGE_SIZE;
		size -= PAGE_SIZE;
	}
}

static void map_image(void)
{
	paddr_t text = __pa(_stext), rodata = __pa(__rodata_start), data = __pa(__rodata_end);

	map_range(IMAGE_VIRT_BASE + text, text, rodata - text, PAGE_HYPERVISOR_RW & ~_PAGE_RW);
	map_range(IMAGE_VIRT_BASE + rodata, rodata, data - rodata,
		  (PAGE_HYPERVISOR_RW & ~_PAGE_RW) | nx_bit);
	map_range(IMAGE_VIRT_BASE + data, data, __pa(_end) - data, PAGE_HYPERVISOR_RW | nx_bit);
}

/*
 * map_direct - map every range of the memory map (and the low 1 MiB) in the
 * direct map. The ranges are rounded out to pages and merged first, so a
 * boundary inside a page or a superpage never maps one area twice.
 */
static void map_direct(void)
{
	static struct e820_map ranges;

	ranges.nr = 0;
	e820_add(&ranges, 0, MiB(1), E820_RAM);
	for (unsigned int i = 0; i < boot_info.e820.nr; i++) {
		const struct e820_entry *e = &boot_info.e820.map[i];
		paddr_t start = ROUNDDOWN(e->addr, PAGE_SIZE);
		paddr_t end = MIN(ROUNDUP(e->addr + e->size, PAGE_SIZE), (paddr_t)DIRECTMAP_SIZE);
		if (end > start)
			e820_add(&ranges, start, end - start, E820_RAM); /* one type: neighbours merge */
	}
	e820_sanitize(&ranges);
	for (unsigned int i = 0; i < ranges.nr; i++)
		map_range(DIRECTMAP_VIRT_START + ranges.map[i].addr, ranges.map[i].addr,
			  ranges.map[i].size, PAGE_HYPERVISOR_RW | nx_bit);
}

static void map_fixmap(void)
{
	pte_t *l3 = next_table(&idle_pg_table[l4_index(FIXMAP_VIRT_START)], 0);
	pte_t *l2 = next_table(&l3[l3_index(FIXMAP_VIRT_START)], 0);

	fixmap_l1 = next_table(&l2[l2_index(FIXMAP_VIRT_START)], 0);
}

void *set_fixmap_nocache(enum fixmap_index idx, paddr_t pa)
{
	unsigned long va = FIXMAP_VIRT_START + ((unsigned long)idx << PAGE_SHIFT);

	BUG_ON(idx >= FIX_END);
	fixmap_l1[idx] = (pa & PTE_ADDR_MASK) | PAGE_HYPERVISOR_UC | nx_bit;
	invlpg(va);
	return (void *)(va + (pa & ~PAGE_MASK));
}

static void build_frame_table(void)
{
	uint64_t bytes = ROUNDUP((uint64_t)max_page * sizeof(struct page_info), 1UL << L2_PAGE_SHIFT);
	paddr_t pa = boot_alloc_pages(bytes >> PAGE_SHIFT, 512, ~0ULL);

	map_range(FRAMETABLE_VIRT_START, pa, bytes, PAGE_HYPERVISOR_RW | nx_bit);
	buddy_init(&buddy, frame_table, max_page);
}

static void fill_buddy(void)
{
	for (unsigned int i = 0; i < free_map.nr; i++) {
		const struct e820_entry *e = &free_map.map[i];
		if (e->type != E820_RAM)
			continue;
		unsigned long first = ROUNDUP(e->addr, PAGE_SIZE) >> PAGE_SHIFT;
		unsigned long last = MIN((e->addr + e->size) >> PAGE_SHIFT, max_page);
		if (last > first && buddy_add_range(&buddy, first, last - first) < 0)
			panic("buddy: cannot add frames %#lx-%#lx", first, last);
	}
	buddy_ready = true;
}

/*
 * The machine-to-phys table: 8 bytes per MFN, in 2 MiB chunks, mapped
 * read-only and user-readable at RO_MPT_VIRT_START for guests (where Linux
 * expects it, xen/arch-x86/xen.h MACH2PHYS_VIRT_START) and writable at
 * RDWR_MPT_VIRT_START for the hypervisor. Unused entries hold ~0.
 */
#define M2P_CHUNK_BYTES (1UL << L2_PAGE_SHIFT)
#define M2P_CHUNK_ORDER (L2_PAGE_SHIFT - PAGE_SHIFT)
static unsigned long m2p_chunks;
static unsigned long *m2p_chunk_mfns;

static void m2p_init(void)
{
	m2p_chunks = ROUNDUP((uint64_t)max_page * sizeof(unsigned long), M2P_CHUNK_BYTES) /
		     M2P_CHUNK_BYTES;
	unsigned int order = 0;
	while ((PAGE_SIZE << order) < m2p_chunks * sizeof(unsigned long))
		order++;
	m2p_chunk_mfns = alloc_xenheap_pages(order);
	BUG_ON(!m2p_chunk_mfns);
	for (unsigned long i = 0; i < m2p_chunks; i++) {
		unsigned long mfn = alloc_frames(M2P_CHUNK_ORDER);
		if (mfn == INVALID_MFN)
			panic("out of memory for the M2P table");
		paddr_t pa = (paddr_t)mfn << PAGE_SHIFT;
		memset(__va(pa), 0xFF, M2P_CHUNK_BYTES);
		map_range(RO_MPT_VIRT_START + i * M2P_CHUNK_BYTES, pa, M2P_CHUNK_BYTES,
			  (PAGE_HYPERVISOR_RW & ~_PAGE_RW) | _PAGE_USER | nx_bit);
		map_range(RDWR_MPT_VIRT_START + i * M2P_CHUNK_BYTES, pa, M2P_CHUNK_BYTES,
			  PAGE_HYPERVISOR_RW | nx_bit);
		m2p_chunk_mfns[i] = mfn;
		/* Guests may map these frames read-only as DOMID_XEN's (mmu_update foreigndom). */
		for (unsigned long k = 0; k < (1UL << M2P_CHUNK_ORDER); k++) {
			frame_table[mfn + k].owner = DOMID_XEN;
			frame_table[mfn + k].count_info = PGC_allocated | PGC_xen_heap | PGC_shared_ro | 1;
		}
	}
}

unsigned long m2p_nr_chunks(void)
{
	return m2p_chunks;
}

unsigned long m2p_chunk_mfn(unsigned long i)
{
	return m2p_chunk_mfns[i];
}

void set_gpfn_from_mfn(unsigned long mfn, unsigned long pfn)
{
	if (mfn < max_page)
		((unsigned long *)RDWR_MPT_VIRT_START)[mfn] = pfn;
}

/* Frames below max_page that are not RAM (and all of the low 1 MiB) are I/O frames. */
static void mark_io_frames(void)
{
	unsigned long next = 0;

	for (unsigned int i = 0; i <= boot_info.e820.nr; i++) {
		const struct e820_entry *e = i < boot_info.e820.nr ? &boot_info.e820.map[i] : NULL;
		if (e && e->type != E820_RAM)
			continue;
		unsigned long start = e ? ROUNDUP(e->addr, PAGE_SIZE) >> PAGE_SHIFT : max_page;
		unsigned long end = e ? (e->addr + e->size) >> PAGE_SHIFT : max_page;
		for (unsigned long mfn = next; mfn < MIN(start, max_page); mfn++)
			frame_table[mfn].count_info |= PGC_io;
		next = MAX(next, end);
	}
	for (unsigned long mfn = 0; mfn < (MiB(1) >> PAGE_SHIFT) && mfn < max_page; mfn++)
		frame_table[mfn].count_info |= PGC_io;
}

void pv_fill_hypervisor_slots(pte_t *l4, const struct domain *d)
{
	for (unsigned int i = HYPERVISOR_FIRST_SLOT; i <= HYPERVISOR_LAST_SLOT; i++)
		l4[i] = idle_pg_table[i];
	if (d->perdomain_l3_mfn)
		l4[l4_index(PERDOMAIN_VIRT_START)] =
			((pte_t)d->perdomain_l3_mfn << PAGE_SHIFT) | PAGE_HYPERVISOR_RW;
}

void mm_init(void)
{
	struct cpuid_regs ext = cpuid(0x80000001);

	have_1g_pages = ext.edx & CPUID80000001_EDX_PAGE1GB;
	nx_bit = (ext.edx & CPUID80000001_EDX_NX) ? _PAGE_NX : 0;

	free_map = boot_info.e820;
	e820_overlay(&free_map, 0, MiB(1), E820_HYPERVISOR);
	e820_overlay(&free_map, __pa(_start), __pa(_end) - __pa(_start), E820_HYPERVISOR);
	for (unsigned int i = 0; i < boot_info.nr_modules; i++) {
		const struct boot_module *m = &boot_info.modules[i];
		e820_overlay(&free_map, ROUNDDOWN(m->start, PAGE_SIZE),
			     ROUNDUP(m->end, PAGE_SIZE) - ROUNDDOWN(m->start, PAGE_SIZE), E820_MODULE);
	}

	uint64_t ram_end = e820_end(&boot_info.e820, E820_RAM);
	if (ram_end > DIRECTMAP_SIZE)
		ram_end = DIRECTMAP_SIZE;
	max_page = ram_end >> PAGE_SHIFT;
	total_pages = e820_total(&boot_info.e820, E820_RAM) >> PAGE_SHIFT;

	idle_pg_table = __va(boot_alloc_pages(1, 1, BOOT_MAP_BYTES));
	map_image();
	map_direct();
	map_fixmap();
	write_cr3(__pa(idle_pg_table));
	switched = true;

	build_frame_table();
	fill_buddy();
	mark_io_frames();
	m2p_init();
}

/* take_block - a block from the buddy allocator, below MFN limit (~0UL: anywhere). */
static unsigned long take_block(unsigned int order, unsigned long limit)
{
	unsigned long flags = spin_lock_irqsave(&page_alloc_lock);
	unsigned long mfn = limit == ~0UL ? buddy_alloc(&buddy, order)
					  : buddy_alloc_below(&buddy, order, limit);

	spin_unlock_irqrestore(&page_alloc_lock, flags);
	return mfn;
}

/*
 * alloc_block - take_block; when nothing fits, clear dirty frames (a batch at
 * a time) and try again until it fits or none is left.
 */
static unsigned long alloc_block(unsigned int order, unsigned long limit)
{
	unsigned long mfn;

	while ((mfn = take_block(order, limit)) == INVALID_MFN && scrub_free_frames(SCRUB_BATCH))
		;
	return mfn;
}

unsigned long alloc_frames(unsigned int order)
{
	unsigned long mfn = alloc_block(order, ~0UL);

	if (mfn != INVALID_MFN)
		for (unsigned long i = 0; i < 1UL << order; i++)
			frame_table[mfn + i].count_info &= ~PGC_scrubbed; /* the caller writes it */
	return mfn;
}

unsigned long alloc_guest_frames(unsigned int order, unsigned long limit)
{
	unsigned long mfn = alloc_block(order, limit);

	if (mfn == INVALID_MFN)
		return mfn;
	for (unsigned long i = 0; i < 1UL << order; i++) {
		struct page_info *pg = &frame_table[mfn + i];
		if (pg->count_info & PGC_scrubbed)
			pg->count_info &= ~PGC_scrubbed;
		else
			memset(__va((paddr_t)(mfn + i) << PAGE_SHIFT), 0, PAGE_SIZE);
	}
	return mfn;
}

void free_frames(unsigned long mfn, unsigned int order)
{
	unsigned long flags = spin_lock_irqsave(&page_alloc_lock);
	int rc = buddy_free(&buddy, mfn, order);

	spin_unlock_irqrestore(&page_alloc_lock, flags);
	if (rc)
		panic("free_frames: bad free of MFN %#lx order %u", mfn, order);
}

void free_guest_frame(unsigned long mfn)
{
	unsigned long flags = spin_lock_irqsave(&page_alloc_lock);
	int rc = buddy_free_dirty(&buddy, mfn);

	spin_unlock_irqrestore(&page_alloc_lock, flags);
	if (rc)
		panic("free_guest_frame: bad free of MFN %#lx", mfn);
}

unsigned long scrub_free_frames(unsigned long max)
{
	unsigned long done;

	for (done = 0; done < max; done++) {
		unsigned long flags = spin_lock_irqsave(&page_alloc_lock);
		unsigned long mfn = buddy_take_dirty(&buddy);

		spin_unlock_irqrestore(&page_alloc_lock, flags);
		if (mfn == INVALID_MFN)
			break;
		memset(__va((paddr_t)mfn << PAGE_SHIFT), 0, PAGE_SIZE);
		flags = spin_lock_irqsave(&page_alloc_lock);
		buddy_free_scrubbed(&buddy, mfn, 0);
		spin_unlock_irqrestore(&page_alloc_lock, flags);
	}
	return done;
}

void *alloc_xenheap_pages(unsigned int order)
{
	unsigned long mfn = alloc_frames(order);

	return mfn == INVALID_MFN ? NULL : __va((paddr_t)mfn << PAGE_SHIFT);
}

void free_xenheap_pages(void *va, unsigned int order)
{
	free_frames(__pa(va) >> PAGE_SHIFT, order);
}

unsigned long total_ram_pages(void)
{
	return total_pages;
}

unsigned long free_ram_pages(void)
{
	return buddy.free_pages + buddy.dirty_pages;
}

unsigned long dirty_ram_pages(void)
{
	return buddy.dirty_pages;
}

unsigned long free_blocks_of_order(unsigned int order)
{
	return order <= BUDDY_MAX_ORDER ? buddy.free_blocks[order] : 0;
}
