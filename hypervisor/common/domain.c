/*
 * domain.c - creating domains and their vCPUs, and the frames they own.
 */
#include <asm/page.h>
#include <asm/pirq.h>
#include <asm/pv/mm.h>
#include <asm/time.h>
#include <asm/cpu.h>
#include <asm/xstate.h>
#include <lamina/console.h>
#include <asm/fpu.h>
#include <lamina/domain.h>
#include <lamina/perfc.h>
#include <lamina/errno.h>
#include <xen/sched.h>
#include <lamina/event.h>
#include <lamina/grant_table.h>
#include <lamina/heap.h>
#include <lamina/lib.h>
#include <lamina/mm.h>
#include <lamina/sched.h>
#include <lamina/shutdown.h>

#define MAX_DOMAINS 64

struct domain *hardware_domain;
/* The owner of hypervisor frames shared with guests read-only (Xen's dom_xen). */
struct domain dom_xen = { .domain_id = DOMID_XEN };
struct vcpu *current;
static struct domain *domains[MAX_DOMAINS];

struct domain *domain_by_id(domid_t domid)
{
	if (domid == DOMID_SELF)
		return current ? current->domain : NULL;
	for (unsigned int i = 0; i < MAX_DOMAINS; i++)
		if (domains[i] && domains[i]->domain_id == domid)
			return domains[i];
	return NULL;
}

struct domain *domain_at_or_after(domid_t domid)
{
	struct domain *best = NULL;

	for_each_domain(d)
		if (d->domain_id >= domid && (!best || d->domain_id < best->domain_id))
			best = d;
	return best;
}

struct domain *domain_next(struct domain *prev)
{
	unsigned int i = 0;

	if (prev) {
		while (i < MAX_DOMAINS && domains[i] != prev)
			i++;
		i++;
	}
	for (; i < MAX_DOMAINS; i++)
		if (domains[i])
			return domains[i];
	return NULL;
}

/* share_xen_page - let d map a hypervisor-allocated page (shared_info, grant frames). */
void share_xen_page(struct domain *d, void *va)
{
	struct page_info *pg = mfn_to_page(__pa(va) >> PAGE_SHIFT);

	pg->owner = d->domain_id;
	pg->count_info = PGC_allocated | PGC_xen_heap | 1;
	pg->type_info = 0;
}

static struct vcpu *vcpu_create(struct domain *d, unsigned int id)
{
	struct vcpu *v = xzalloc(struct vcpu);

	if (!v)
		return NULL;
	v->domain = d;
	v->vcpu_id = id;
	v->vcpu_info = &d->shared_info->vcpu_info[id];
	v->pv.kernel_mode = true;
	vmce_init(&v->vmce, host_vendor());
	v->xcr0 = v->xcr0_accum = XSTATE_FP_SSE;
	v->runstate.state = RUNSTATE_offline;
	v->affinity_hard = v->affinity_soft = ~0U; /* any CPU */
	if (vcpu_fpu_alloc(v)) {
		xfree(v);
		return NULL;
	}
	sched_init_vcpu(v);
	d->vcpu[id] = v;
	return v;
}

struct domain *domain_alloc(domid_t domid, bool privileged, unsigned int max_vcpus)
{
	struct domain *d;
	unsigned int slot;

	if (max_vcpus == 0 || max_vcpus > MAX_VIRT_CPUS || domain_by_id(domid))
		return NULL;
	for (slot = 0; slot < MAX_DOMAINS && domains[slot]; slot++)
		;
	if (slot == MAX_DOMAINS || !(d = xzalloc(struct domain)))
		return NULL;
	d->domain_id = domid;
	d->is_privileged = privileged;
	d->max_vcpus = max_vcpus;
	d->page_list_head = FRAME_LINK_NONE;
	d->max_pages = ~0UL;
	d->shutdown_code = SHUTDOWN_CODE_INVALID;
	csched_dom_init(&d->sched_dom);

	d->shared_info = alloc_xenheap_pages(0);
	if (!d->shared_info)
		goto fail;
	memset(d->shared_info, 0, PAGE_SIZE);
	d->shared_info_mfn = __pa(d->shared_info) >> PAGE_SHIFT;
	share_xen_page(d, d->shared_info);
	/* Events start masked on every vCPU (Xen's builders do the same). */
	for (unsigned int i = 0; i < XEN_LEGACY_MAX_VCPUS; i++)
		d->shared_info->vcpu_info[i].evtchn_upcall_mask = 1;

	if (evtchn_init(d) < 0 || pv_perdomain_init(d) < 0)
		goto fail;
	domains[slot] = d;
	return d;
fail:
	domain_free(d);
	return NULL;
}

int domain_create_vcpus(struct domain *d, unsigned int nr)
{
	for (unsigned int i = 0; i < nr && i < d->max_vcpus; i++)
		if (!d->vcpu[i] && !vcpu_create(d, i))
			return -ENOMEM;
	return 0;
}

struct domain *domain_create(domid_t domid, bool privileged, unsigned int max_vcpus)
{
	struct domain *d = domain_alloc(domid, privileged, max_vcpus);

	if (d && domain_create_vcpus(d, max_vcpus)) {
		domain_free(d);
		d = NULL;
	}
	if (!d)
		printk(LOG_ERR "d%u: out of memory creating the domain\n", domid);
	return d;
}

void domain_free(struct domain *d)
{
	evtchn_destroy(d); /* first: closing a VIRQ port looks at the vCPUs */
	gnttab_destroy(d);
	for (unsigned int i = 0; i < MAX_VIRT_CPUS; i++) {
		struct vcpu *v = d->vcpu[i];
		if (!v)
			continue;
		stop_timer(&v->singleshot_timer);
		stop_timer(&v->periodic_timer);
		stop_timer(&v->poll_timer);
		sched_remove_vcpu(v);
		vcpu_fpu_free(v);
		xfree(v);
	}
	sched_remove_domain(d);
	xfree(d->e820);
	pv_perdomain_free(d);
	if (d->shared_info)
		free_xenheap_pages(d->shared_info, 0);
	for (unsigned int slot = 0; slot < MAX_DOMAINS; slot++)
		if (domains[slot] == d)
			domains[slot] = NULL;
	xfree(d);
}

int assign_pages(struct domain *d, unsigned long mfn, unsigned int order)
{
	unsigned long n = 1UL << order;

	if (d->tot_pages + n > d->max_pages)
		return -ENOMEM;
	for (unsigned long i = 0; i < n; i++) {
		struct page_info *pg = mfn_to_page(mfn + i);
		pg->owner = d->domain_id;
		pg->count_info = PGC_allocated | 1;
		pg->type_info = 0;
		pg->prev = FRAME_LINK_NONE;
		pg->next = (uint32_t)d->page_list_head;
		if (d->page_list_head != FRAME_LINK_NONE)
			mfn_to_page(d->page_list_head)->prev = (uint32_t)(mfn + i);
		d->page_list_head = mfn + i;
	}
	d->tot_pages += n;
	return 0;
}

static const char *shutdown_reason_name(unsigned int reason)
{
	switch (reason) {
	case SHUTDOWN_poweroff:
		return "poweroff";
	case SHUTDOWN_reboot:
		return "reboot";
	case SHUTDOWN_suspend:
		return "suspend";
	case SHUTDOWN_crash:
		return "crash";
	case SHUTDOWN_watchdog:
		return "watchdog";
	case SHUTDOWN_soft_reset:
		return "soft_reset";
	default:
		return "unknown";
	}
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
	d->is_shutting_down = true;
	d->shutdown_code = reason;
	domain_sched_update(d); /* its vCPUs stop */
	if (d != hardware_domain && hardware_domain)
		send_guest_global_virq(hardware_domain, VIRQ_DOM_EXC); /* the toolstack looks */
	printk("d%u: shut down (%s, reason %u)\n", d->domain_id, shutdown_reason_name(reason),
	       reason);
	if (d != hardware_domain)
		return;
	perfc_print();
	/* The initial domain's end is the machine's end (Xen: dom0 shutdown). */
	switch (reason) {
	case SHUTDOWN_reboot:
		machine_restart();
	case SHUTDOWN_crash:
		printk("Dom0 crashed\n");
		machine_crash_stop();
	default:
		machine_power_off();
	}
}

/* unlink_page - take pg off d's page list; one page less for d. */
static void unlink_page(struct domain *d, struct page_info *pg)
{
	if (pg->prev != FRAME_LINK_NONE)
		mfn_to_page(pg->prev)->next = pg->next;
	else
		d->page_list_head = pg->next == FRAME_LINK_NONE ? FRAME_LINK_NONE : pg->next;
	if (pg->next != FRAME_LINK_NONE)
		mfn_to_page(pg->next)->prev = pg->prev;
	pg->prev = pg->next = FRAME_LINK_NONE;
	d->tot_pages--;
}

int steal_page(struct domain *d, unsigned long mfn)
{
	if (mfn >= max_page)
		return -EINVAL;
	struct page_info *pg = mfn_to_page(mfn);
	if (pg->owner != d->domain_id || (pg->count_info & PGC_xen_heap) ||
	    (pg->count_info & (PGC_count_mask | PGC_allocated)) != (PGC_allocated | 1) ||
	    (pg->type_info & PGT_count_mask))
		return -EINVAL;
	unlink_page(d, pg);
	pg->owner = DOMID_NONE_OWNER;
	pg->type_info = 0;
	pg->count_info = PGC_allocated; /* as the allocator handed it out */
	return 0;
}

/* A dying domain whose last page went is freed; the control domain hears of it. */
static void domain_destroy_if_done(struct domain *d)
{
	if (d->is_dying != DOMDYING_dead || d->tot_pages)
		return;
	printk(LOG_INFO "d%u: destroyed\n", d->domain_id);
	domain_free(d);
	if (hardware_domain)
		send_guest_global_virq(hardware_domain, VIRQ_DOM_EXC);
}

void free_domain_page(struct page_info *pg)
{
	unsigned long mfn = page_to_mfn(pg);
	struct domain *d = domain_by_id(pg->owner);

	if (d)
		unlink_page(d, pg);
	pg->owner = DOMID_NONE_OWNER;
	pg->type_info = 0;
	pg->count_info = PGC_allocated; /* as the allocator handed it out, to take it back */
	free_guest_frame(mfn); /* cleared before anyone gets it again */
	if (d)
		domain_destroy_if_done(d);
}

int domain_kill(struct domain *d)
{
	if (d->is_dying)
		return 0;
	d->is_dying = DOMDYING_dying;
	domain_sched_update(d); /* none of its vCPUs runs again */
	pirq_domain_release(d); /* before its event channels: it closes the PIRQ ports */
	evtchn_destroy(d);
	gnttab_release_mappings(d);
	for (unsigned int i = 0; i < d->max_vcpus; i++)
		if (d->vcpu[i])
			vcpu_release_vcpu_info(d->vcpu[i]);
	pv_domain_relinquish_memory(d);
	d->is_dying = DOMDYING_dead;
	/* The toolstack and backends look now (they may hold the last pages), as on Xen. */
	if (hardware_domain)
		send_guest_global_virq(hardware_domain, VIRQ_DOM_EXC);
	if (d->tot_pages) {
		printk(LOG_INFO "d%u: dead, %lu pages still mapped elsewhere\n", d->domain_id,
		       d->tot_pages);
		for (unsigned long mfn = d->page_list_head; mfn != FRAME_LINK_NONE;
		     mfn = mfn_to_page(mfn)->next)
			printk(LOG_DEBUG "d%u:   frame %#lx count %#lx type %#lx\n", d->domain_id,
			       mfn, (unsigned long)mfn_to_page(mfn)->count_info,
			       (unsigned long)mfn_to_page(mfn)->type_info);
	}
	domain_destroy_if_done(d);
	return 0;
}
