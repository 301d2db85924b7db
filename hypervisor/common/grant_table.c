/*
 * grant_table.c - grant tables, version 1: the shared frames where a domain
 * writes its grant entries (setup_table, query_size, set_version), and other
 * domains mapping (map_grant_ref / unmap_grant_ref) and copying (copy) what
 * it grants. A domain may have up to GRANT_MAX_FRAMES frames (Xen 4.17's
 * default gnttab_max_frames); they are hypervisor pages shared with it,
 * allocated on first use. Results and status codes: Xen 4.17's
 * xen/common/grant_table.c.
 *
 * The reference rules:
 *  - a grant entry (ref) of the granting domain rd is "active" while pinned:
 *    pin counts host and device mappings, read-only and writable, and copies
 *    in progress; while pinned it names one local domain and one frame, and
 *    its shared flags carry GTF_reading (any pin) and GTF_writing (a
 *    writable pin), set with compare-and-exchange against the guest;
 *  - the mapping domain records each mapping in its maptrack table (the
 *    handle is the index): which domain, which ref, which GNTMAP_* flags;
 *  - a host mapping is an L1 entry holding the usual references on the
 *    frame (pv_grant_map); unmapping requires that entry to map it still;
 *  - each maptrack entry holds one more reference on the frame, dropped last
 *    when the entry goes: the granting domain outlives every mapping of it;
 *  - a dying domain's maptrack entries are released (pins dropped); what
 *    others still map of a dying domain keeps those frames alive.
 */
#include <asm/page.h>
#include <asm/pv/mm.h>
#include <asm/uaccess.h>
#include <lamina/console.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/heap.h>
#include <lamina/hypercall.h>
#include <lamina/lib.h>
#include <lamina/mm.h>
#include <xen/grant_table.h>
#include <xen/memory.h>
#include <lamina/grant_table.h>

#define GRANT_MAX_FRAMES 64
#define GRANT_INITIAL_FRAMES 1
#define ENTRIES_PER_FRAME (PAGE_SIZE / sizeof(grant_entry_v1_t))
#define MAPTRACK_PER_CHUNK 512
#define MAPTRACK_MAX_CHUNKS 1024 /* Xen's default gnttab_max_maptrack_frames: 1024 */

/* Pin counts of an active entry, 8 bits each (Xen's GNTPIN_* layout). */
#define PIN_HOST_RW 0x00000001U
#define PIN_HOST_RO 0x00000100U
#define PIN_DEV_RW 0x00010000U
#define PIN_DEV_RO 0x01000000U
#define PIN_WRITERS_MASK 0x00ff00ffU
#define PIN_FIELD_MAX 0xffU

struct active_grant {
	uint32_t pin;
	domid_t domid; /* the domain holding the pins */
	unsigned long mfn;
};

struct maptrack_entry {
	bool in_use;
	domid_t domid; /* the granting domain */
	grant_ref_t ref;
	uint32_t flags; /* GNTMAP_* of the mapping */
	unsigned long mfn; /* the frame, on which the entry holds a reference */
};

struct grant_table {
	unsigned int nr_frames;
	unsigned int version;
	void *frames[GRANT_MAX_FRAMES];
	struct active_grant *active[GRANT_MAX_FRAMES]; /* per frame, allocated with it */
	struct maptrack_entry *maptrack[MAPTRACK_MAX_CHUNKS];
	unsigned int maptrack_chunks;
};

static struct grant_table *grant_table_of(struct domain *d)
{
	if (!d->grant_table) {
		d->grant_table = xzalloc(struct grant_table);
		if (d->grant_table)
			d->grant_table->version = 1;
	}
	return d->grant_table;
}

void gnttab_destroy(struct domain *d)
{
	struct grant_table *gt = d->grant_table;

	if (!gt)
		return;
	for (unsigned int i = 0; i < gt->nr_frames; i++) {
		free_xenheap_pages(gt->frames[i], 0);
		xfree(gt->active[i]);
	}
	for (unsigned int i = 0; i < gt->maptrack_chunks; i++)
		xfree(gt->maptrack[i]);
	xfree(gt);
	d->grant_table = NULL;
}

static int grow(struct domain *d, struct grant_table *gt, unsigned int nr)
{
	nr = MAX(nr, (unsigned int)GRANT_INITIAL_FRAMES);
	for (unsigned int i = gt->nr_frames; i < nr; i++) {
		void *p = alloc_xenheap_pages(0);
		if (!p)
			return -ENOMEM;
		gt->active[i] = xzalloc_bytes(ENTRIES_PER_FRAME * sizeof(struct active_grant));
		if (!gt->active[i]) {
			free_xenheap_pages(p, 0);
			return -ENOMEM;
		}
		memset(p, 0, PAGE_SIZE);
		share_xen_page(d, p);
		gt->frames[i] = p;
		gt->nr_frames = i + 1;
	}
	return 0;
}

/* The domain an op names, or NULL with *status set (Xen's GNTST_* for that case). */
static struct domain *target_domain(domid_t dom, int16_t *status)
{
	struct domain *cur = current->domain, *d = domain_by_id(dom);

	if (!d) {
		*status = GNTST_bad_domain;
		return NULL;
	}
	if (d != cur && !cur->is_privileged) {
		*status = GNTST_permission_denied;
		return NULL;
	}
	return d;
}

static long setup_table(unsigned long uop, unsigned long count)
{
	struct gnttab_setup_table op;

	if (count != 1)
		return -EINVAL;
	if (copy_from_guest(&op, uop, sizeof(op)))
		return -EFAULT;
	if (!guest_range_ok((unsigned long)op.frame_list, (size_t)op.nr_frames * sizeof(xen_pfn_t)))
		return -EFAULT;
	struct domain *d = target_domain(op.dom, &op.status);
	if (d) {
		struct grant_table *gt = grant_table_of(d);
		op.status = GNTST_okay;
		if (!gt || op.nr_frames > GRANT_MAX_FRAMES ||
		    (op.nr_frames > gt->nr_frames && grow(d, gt, op.nr_frames)))
			op.status = GNTST_general_error;
		for (unsigned int i = 0; op.status == GNTST_okay && i < op.nr_frames; i++) {
			xen_pfn_t mfn = __pa(gt->frames[i]) >> PAGE_SHIFT;
			if (copy_to_guest((unsigned long)op.frame_list + i * sizeof(mfn), &mfn,
					  sizeof(mfn)))
				op.status = GNTST_bad_virt_addr;
		}
	}
	if (copy_to_guest(uop + offsetof(struct gnttab_setup_table, status), &op.status,
			  sizeof(op.status)))
		return -EFAULT;
	return 0;
}

static long query_size(unsigned long uop, unsigned long count)
{
	struct gnttab_query_size op;

	if (count != 1)
		return -EINVAL;
	if (copy_from_guest(&op, uop, sizeof(op)))
		return -EFAULT;
	struct domain *d = target_domain(op.dom, &op.status);
	if (d) {
		struct grant_table *gt = grant_table_of(d);
		if (gt && !gt->nr_frames)
			grow(d, gt, GRANT_INITIAL_FRAMES);
		op.nr_frames = gt ? gt->nr_frames : 0;
		op.max_nr_frames = GRANT_MAX_FRAMES;
		op.status = GNTST_okay;
	}
	return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

static long set_version(unsigned long uop, unsigned long count)
{
	struct gnttab_set_version op;

	if (count != 1)
		return -EINVAL;
	if (copy_from_guest(&op, uop, sizeof(op)))
		return -EFAULT;
	if (op.version != 1)
		return -EINVAL; /* only version 1 is offered */
	return 0;
}

unsigned int gnttab_resource_max_frames(unsigned int id)
{
	return id == XENMEM_resource_grant_table_id_shared ? GRANT_MAX_FRAMES : 0;
}

int gnttab_acquire_frames(struct domain *d, unsigned int id, unsigned int frame,
			  unsigned int nr, xen_pfn_t *mfns)
{
	struct grant_table *gt = grant_table_of(d);

	if (!nr || id != XENMEM_resource_grant_table_id_shared || !gt ||
	    frame + nr > GRANT_MAX_FRAMES)
		return -EINVAL;
	if (frame + nr > gt->nr_frames && grow(d, gt, frame + nr))
		return -ENOMEM;
	for (unsigned int i = 0; i < nr; i++)
		mfns[i] = __pa(gt->frames[frame + i]) >> PAGE_SHIFT;
	return (int)nr;
}

/* ---- the granting side: entries, active pins ---- */

static unsigned int nr_entries(const struct grant_table *gt)
{
	return gt->nr_frames * ENTRIES_PER_FRAME;
}

static grant_entry_v1_t *shared_entry(struct grant_table *gt, grant_ref_t ref)
{
	return (grant_entry_v1_t *)gt->frames[ref / ENTRIES_PER_FRAME] + ref % ENTRIES_PER_FRAME;
}

static struct active_grant *active_entry(struct grant_table *gt, grant_ref_t ref)
{
	return &gt->active[ref / ENTRIES_PER_FRAME][ref % ENTRIES_PER_FRAME];
}

static uint32_t pin_increment(uint32_t gntmap_flags)
{
	bool ro = gntmap_flags & GNTMAP_readonly;
	uint32_t inc = 0;

	if (gntmap_flags & GNTMAP_host_map)
		inc += ro ? PIN_HOST_RO : PIN_HOST_RW;
	if (gntmap_flags & GNTMAP_device_map)
		inc += ro ? PIN_DEV_RO : PIN_DEV_RW;
	return inc;
}

/* Would adding inc overflow one of the four 8-bit pin counts? */
static bool pin_would_overflow(uint32_t pin, uint32_t inc)
{
	for (unsigned int shift = 0; shift < 32; shift += 8)
		if (((pin >> shift) & PIN_FIELD_MAX) + ((inc >> shift) & PIN_FIELD_MAX) > PIN_FIELD_MAX)
			return true;
	return false;
}

/*
 * Mark the shared entry in use by ld: it must grant access to ld
 * (GTF_permit_access, its domid) and, for writing, not be read-only; then
 * GTF_reading, and GTF_writing when writable, are set atomically against
 * the guest changing the entry.
 */
static int16_t claim_shared(grant_entry_v1_t *e, domid_t ld, bool readonly)
{
	for (;;) {
		uint32_t old = __atomic_load_n((uint32_t *)e, __ATOMIC_SEQ_CST);
		uint16_t flags = (uint16_t)old, domid = (uint16_t)(old >> 16);
		if ((flags & GTF_type_mask) != GTF_permit_access || domid != ld)
			return GNTST_general_error;
		if (!readonly && (flags & GTF_readonly))
			return GNTST_general_error;
		uint32_t nv = old | GTF_reading | (readonly ? 0 : GTF_writing);
		if (__atomic_compare_exchange_n((uint32_t *)e, &old, nv, false, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			return GNTST_okay;
	}
}

/*
 * pin_grant - take pins inc on ref of rd for ld: the entry becomes active
 * with its frame, which must be rd's. *mfn gets the frame. GNTST_* result.
 */
static int16_t pin_grant(struct domain *rd, grant_ref_t ref, domid_t ld, uint32_t inc,
			 bool readonly, unsigned long *mfn)
{
	struct grant_table *gt = rd->grant_table;

	if (!gt || ref >= nr_entries(gt))
		return GNTST_bad_gntref;
	struct active_grant *act = active_entry(gt, ref);
	grant_entry_v1_t *e = shared_entry(gt, ref);
	if (act->pin && (act->domid != ld || pin_would_overflow(act->pin, inc)))
		return GNTST_general_error;
	if (!act->pin || (!readonly && !(act->pin & PIN_WRITERS_MASK))) {
		int16_t st = claim_shared(e, ld, readonly);
		if (st != GNTST_okay)
			return st;
		if (!act->pin) {
			unsigned long frame = e->frame;
			/* A PV domain's frame numbers are machine frames; it must own this one. */
			if (frame >= max_page || !get_page(mfn_to_page(frame), rd)) {
				__atomic_fetch_and(&e->flags, (uint16_t)~(GTF_reading | GTF_writing),
						   __ATOMIC_SEQ_CST);
				return GNTST_general_error;
			}
			put_page(mfn_to_page(frame)); /* mappings and copies take their own */
			act->domid = ld;
			act->mfn = frame;
		}
	}
	act->pin += inc;
	*mfn = act->mfn;
	return GNTST_okay;
}

/* unpin_grant - drop pins dec; the shared flags follow what is left. */
static void unpin_grant(struct domain *rd, grant_ref_t ref, uint32_t dec)
{
	struct grant_table *gt = rd->grant_table;
	struct active_grant *act = active_entry(gt, ref);
	grant_entry_v1_t *e = shared_entry(gt, ref);

	act->pin -= dec;
	if (!(act->pin & PIN_WRITERS_MASK))
		__atomic_fetch_and(&e->flags, (uint16_t)~GTF_writing, __ATOMIC_SEQ_CST);
	if (!act->pin)
		__atomic_fetch_and(&e->flags, (uint16_t)~GTF_reading, __ATOMIC_SEQ_CST);
}

/* ---- the mapping side: maptrack ---- */

static struct maptrack_entry *maptrack_entry(struct grant_table *gt, grant_handle_t h)
{
	if (h >= gt->maptrack_chunks * MAPTRACK_PER_CHUNK)
		return NULL;
	return &gt->maptrack[h / MAPTRACK_PER_CHUNK][h % MAPTRACK_PER_CHUNK];
}

/* A free maptrack handle of gt (growing it), or -1 when it is full. */
static long get_maptrack_handle(struct grant_table *gt)
{
	for (grant_handle_t h = 0; h < gt->maptrack_chunks * MAPTRACK_PER_CHUNK; h++)
		if (!maptrack_entry(gt, h)->in_use)
			return h;
	if (gt->maptrack_chunks == MAPTRACK_MAX_CHUNKS)
		return -1;
	struct maptrack_entry *chunk = xzalloc_bytes(MAPTRACK_PER_CHUNK * sizeof(*chunk));
	if (!chunk)
		return -1;
	gt->maptrack[gt->maptrack_chunks++] = chunk;
	return (long)(gt->maptrack_chunks - 1) * MAPTRACK_PER_CHUNK;
}

/* Free the last maptrack chunks while nothing in them is in use. */
static void shrink_maptrack(struct grant_table *gt)
{
	while (gt->maptrack_chunks) {
		struct maptrack_entry *chunk = gt->maptrack[gt->maptrack_chunks - 1];
		for (unsigned int i = 0; i < MAPTRACK_PER_CHUNK; i++)
			if (chunk[i].in_use)
				return;
		xfree(chunk);
		gt->maptrack[--gt->maptrack_chunks] = NULL;
	}
}

static void map_one(struct gnttab_map_grant_ref *op)
{
	struct vcpu *v = current;
	struct domain *ld = v->domain, *rd;
	uint32_t inc = pin_increment(op->flags);
	bool readonly = op->flags & GNTMAP_readonly;
	unsigned long mfn;

	op->handle = ~0U;
	if (!inc) {
		op->status = GNTST_bad_gntref; /* neither host nor device mapping asked */
		return;
	}
	if (!(rd = domain_by_id(op->dom)) || rd->is_dying) {
		op->status = GNTST_bad_domain;
		return;
	}
	struct grant_table *lgt = grant_table_of(ld);
	long h = lgt ? get_maptrack_handle(lgt) : -1;
	if (h < 0) {
		op->status = GNTST_no_space;
		return;
	}
	op->status = pin_grant(rd, op->ref, ld->domain_id, inc, readonly, &mfn);
	if (op->status != GNTST_okay)
		return;
	if ((op->flags & GNTMAP_host_map) &&
	    pv_grant_map(v, op->host_addr, op->flags & GNTMAP_contains_pte, mfn, readonly, rd)) {
		unpin_grant(rd, op->ref, inc);
		op->status = GNTST_general_error;
		return;
	}
	/* The mapping's own reference: rd cannot be freed while the mapping exists. */
	get_page(mfn_to_page(mfn), rd);
	*maptrack_entry(lgt, (grant_handle_t)h) = (struct maptrack_entry){
		.in_use = true, .domid = rd->domain_id, .ref = op->ref, .flags = op->flags,
		.mfn = mfn};
	op->handle = (grant_handle_t)h;
	op->dev_bus_addr = (op->flags & GNTMAP_device_map) ? (uint64_t)mfn << PAGE_SHIFT : 0;
}

static void unmap_one(struct gnttab_unmap_grant_ref *op)
{
	struct vcpu *v = current;
	struct grant_table *lgt = v->domain->grant_table;
	struct maptrack_entry *m = lgt ? maptrack_entry(lgt, op->handle) : NULL;

	if (!m || !m->in_use) {
		op->status = GNTST_bad_handle;
		return;
	}
	struct domain *rd = domain_by_id(m->domid);
	if (!rd || !rd->grant_table) {
		op->status = GNTST_bad_domain;
		return;
	}
	unsigned long mfn = active_entry(rd->grant_table, m->ref)->mfn;
	uint32_t dec = 0, flags = m->flags;
	bool ro = flags & GNTMAP_readonly;

	if (op->dev_bus_addr && (flags & GNTMAP_device_map)) {
		if (op->dev_bus_addr != (uint64_t)mfn << PAGE_SHIFT) {
			op->status = GNTST_bad_dev_addr;
			return;
		}
		dec += ro ? PIN_DEV_RO : PIN_DEV_RW;
		flags &= ~GNTMAP_device_map;
	}
	if (op->host_addr && (flags & GNTMAP_host_map)) {
		if (pv_grant_unmap(v, op->host_addr, flags & GNTMAP_contains_pte, mfn)) {
			op->status = GNTST_general_error;
			if (dec)
				unpin_grant(rd, m->ref, dec);
			m->flags = flags;
			return;
		}
		dec += ro ? PIN_HOST_RO : PIN_HOST_RW;
		flags &= ~GNTMAP_host_map;
	}
	unpin_grant(rd, m->ref, dec);
	m->flags = flags;
	op->status = GNTST_okay;
	if (!(flags & (GNTMAP_host_map | GNTMAP_device_map))) {
		m->in_use = false;
		shrink_maptrack(lgt);
		put_page(mfn_to_page(m->mfn)); /* last: this may free a dying rd */
	}
}

void gnttab_release_mappings(struct domain *d)
{
	struct grant_table *gt = d->grant_table;

	if (!gt)
		return;
	for (grant_handle_t h = 0; h < gt->maptrack_chunks * MAPTRACK_PER_CHUNK; h++) {
		struct maptrack_entry *m = maptrack_entry(gt, h);
		struct domain *rd = m->in_use ? domain_by_id(m->domid) : NULL;
		if (rd && rd->grant_table)
			unpin_grant(rd, m->ref, pin_increment(m->flags));
		if (m->in_use)
			put_page(mfn_to_page(m->mfn)); /* the host mappings go with d's page tables */
		m->in_use = false;
	}
}

/* ---- copy ---- */

/*
 * One side of a copy: a grant of another domain (pinned for the copy) or a
 * frame of the caller's own. Sets *page to its hypervisor mapping.
 */
static int16_t copy_side(const struct gnttab_copy_ptr *p, bool is_gref, bool dest,
			 struct domain **rd, uint8_t **page)
{
	struct domain *ld = current->domain;
	unsigned long mfn;

	*rd = p->domid == DOMID_SELF ? ld : domain_by_id(p->domid);
	if (!*rd || (*rd)->is_dying)
		return GNTST_bad_domain;
	if (is_gref) {
		int16_t st = pin_grant(*rd, p->u.ref, ld->domain_id, dest ? PIN_HOST_RW : PIN_HOST_RO,
				       !dest, &mfn);
		if (st != GNTST_okay)
			return st;
	} else {
		if (*rd != ld)
			return GNTST_permission_denied; /* only one's own frames by number */
		mfn = p->u.gmfn;
		if (mfn >= max_page || !get_page(mfn_to_page(mfn), ld))
			return GNTST_bad_page;
		put_page(mfn_to_page(mfn));
	}
	*page = __va((paddr_t)mfn << PAGE_SHIFT);
	return GNTST_okay;
}

static void copy_one(struct gnttab_copy *op)
{
	bool src_gref = op->flags & GNTCOPY_source_gref, dst_gref = op->flags & GNTCOPY_dest_gref;
	struct domain *srd = NULL, *drd = NULL;
	uint8_t *src, *dst;

	if (op->source.offset + op->len > PAGE_SIZE || op->dest.offset + op->len > PAGE_SIZE) {
		op->status = GNTST_bad_copy_arg;
		return;
	}
	op->status = copy_side(&op->source, src_gref, false, &srd, &src);
	if (op->status != GNTST_okay)
		return;
	op->status = copy_side(&op->dest, dst_gref, true, &drd, &dst);
	if (op->status == GNTST_okay) {
		memmove(dst + op->dest.offset, src + op->source.offset, op->len);
		if (dst_gref)
			unpin_grant(drd, op->dest.u.ref, PIN_HOST_RW);
	}
	if (src_gref)
		unpin_grant(srd, op->source.u.ref, PIN_HOST_RO);
}

/*
 * The batched operations: count structures of size bytes at uop, each
 * handled by fn and written back whole. -EFAULT when one cannot be read or
 * written (those before it are done).
 */
static long for_each_op(unsigned long uop, unsigned long count, size_t size, void (*fn)(void *))
{
	union {
		struct gnttab_map_grant_ref map;
		struct gnttab_unmap_grant_ref unmap;
		struct gnttab_copy copy;
	} buf;

	for (unsigned long i = 0; i < count; i++) {
		unsigned long at = uop + i * size;
		if (copy_from_guest(&buf, at, size))
			return -EFAULT;
		fn(&buf);
		if (copy_to_guest(at, &buf, size))
			return -EFAULT;
	}
	return 0;
}

static void map_op(void *p)
{
	map_one(p);
}

static void unmap_op(void *p)
{
	unmap_one(p);
}

static void copy_op(void *p)
{
	copy_one(p);
}

long do_grant_table_op(unsigned long cmd, unsigned long uop, unsigned long count,
		       unsigned long a4, unsigned long a5)
{
	switch ((unsigned int)cmd) {
	case GNTTABOP_map_grant_ref:
		return for_each_op(uop, count, sizeof(struct gnttab_map_grant_ref), map_op);
	case GNTTABOP_unmap_grant_ref:
		return for_each_op(uop, count, sizeof(struct gnttab_unmap_grant_ref), unmap_op);
	case GNTTABOP_copy:
		return for_each_op(uop, count, sizeof(struct gnttab_copy), copy_op);
	case GNTTABOP_setup_table:
		return setup_table(uop, count);
	case GNTTABOP_query_size:
		return query_size(uop, count);
	case GNTTABOP_set_version:
		return set_version(uop, count);
	default:
		return -ENOSYS;
	}
}

/* Print d's grant table: its size, and each active entry with its shared entry. */
static void gnttab_dump_domain(struct domain *d)
{
	struct grant_table *gt = d->grant_table;
	unsigned int active = 0;

	if (!gt) {
		printk("d%u: no grant table\n", d->domain_id);
		return;
	}
	printk("d%u: grant table v%u, %u of %u frames, %u of %u maptrack chunks\n",
	       d->domain_id, gt->version, gt->nr_frames, GRANT_MAX_FRAMES, gt->maptrack_chunks,
	       MAPTRACK_MAX_CHUNKS);
	for (grant_ref_t ref = 0; ref < gt->nr_frames * ENTRIES_PER_FRAME; ref++) {
		struct active_grant *act = active_entry(gt, ref);
		const grant_entry_v1_t *sha =
			(const grant_entry_v1_t *)gt->frames[ref / ENTRIES_PER_FRAME] +
			ref % ENTRIES_PER_FRAME;

		if (!act->pin)
			continue;
		if (!active++)
			printk("  [ref]  mapper mfn      pin        grantee gfn      flags\n");
		printk("  [0x%03x] %5u 0x%06lx 0x%08x %5u 0x%06x 0x%02x\n", ref, act->domid,
		       act->mfn, act->pin, sha->domid, sha->frame, sha->flags);
	}
	printk("d%u: %u active entries\n", d->domain_id, active);
}

void gnttab_dump_all(void)
{
	for (struct domain *d = domain_at_or_after(0); d; d = domain_at_or_after(d->domain_id + 1))
		gnttab_dump_domain(d);
}
