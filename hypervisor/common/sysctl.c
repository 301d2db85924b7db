/*
 * sysctl.c - the sysctl hypercall: the control domain asking about the
 * whole machine (xen/sysctl.h, interface version 0x15). Lamina answers
 * getdomaininfolist, physinfo, readconsole, debug_keys and sched_id; other commands
 * return -ENOSYS. Checks in
 * Xen 4.17's order (xen/common/sysctl.c): copy-in (-EFAULT), interface
 * version (-EACCES), privilege (-EPERM).
 */
#include <asm/cpu.h>
#include <asm/time.h>
#include <asm/uaccess.h>
#include <lamina/console.h>
#include <lamina/domctl.h>
#include <lamina/errno.h>
#include <lamina/hypercall.h>
#include <lamina/keyhandler.h>
#include <lamina/lib.h>
#include <lamina/mm.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>

/* getdomaininfolist: domains from first_domain on, in id order, at most max_domains. */
static long getdomaininfolist(struct xen_sysctl_getdomaininfolist *l)
{
	struct xen_domctl_getdomaininfo info;
	uint32_t n = 0;

	for (struct domain *d = domain_at_or_after(l->first_domain); d && n < l->max_domains;
	     d = domain_at_or_after(d->domain_id + 1)) {
		getdomaininfo(d, &info);
		if (copy_to_guest((unsigned long)(l->buffer + n), &info, sizeof(info)))
			return -EFAULT;
		n++;
	}
	l->num_domains = n;
	return 0;
}

static void physinfo(struct xen_sysctl_physinfo *pi)
{
	memset(pi, 0, sizeof(*pi));
	pi->threads_per_core = pi->cores_per_socket = pi->nr_cpus = 1; /* one CPU */
	pi->nr_nodes = 1;
	pi->max_node_id = 63; /* Xen's MAX_NUMNODES - 1 */
	pi->cpu_khz = (uint32_t)tsc_khz;
	pi->capabilities = XEN_SYSCTL_PHYSCAP_pv | XEN_SYSCTL_PHYSCAP_gnttab_v1;
	pi->total_pages = total_ram_pages();
	pi->free_pages = free_ram_pages();
	pi->scrub_pages = dirty_ram_pages(); /* of free_pages, the ones still to clear */
	pi->max_mfn = max_page - 1;
	host_feature_words(pi->hw_cap);
}

/* debug_keys: each key in turn, as if typed (Xen: -EFAULT at the first unreadable one). */
static long debug_keys(const struct xen_sysctl_debug_keys *k)
{
	for (uint32_t i = 0; i < k->nr_keys; i++) {
		char c;
		if (copy_from_guest(&c, (unsigned long)k->keys + i, 1))
			return -EFAULT;
		handle_keypress(c);
	}
	return 0;
}

long do_sysctl(unsigned long arg, unsigned long a2, unsigned long a3, unsigned long a4,
	       unsigned long a5)
{
	struct xen_sysctl op;
	long rc;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -EFAULT;
	if (op.interface_version != XEN_SYSCTL_INTERFACE_VERSION)
		return -EACCES;
	if (!current->domain->is_privileged)
		return -EPERM;
	switch (op.cmd) {
	case XEN_SYSCTL_getdomaininfolist:
		rc = getdomaininfolist(&op.u.getdomaininfolist);
		break;
	case XEN_SYSCTL_physinfo:
		physinfo(&op.u.physinfo);
		rc = 0;
		break;
	case XEN_SYSCTL_readconsole:
		rc = console_readconsole(&op.u.readconsole);
		break;
	case XEN_SYSCTL_debug_keys:
		rc = debug_keys(&op.u.debug_keys);
		break;
	case XEN_SYSCTL_sched_id:
		op.u.sched_id.sched_id = XEN_SCHEDULER_CREDIT;
		rc = 0;
		break;
	default:
		return -ENOSYS;
	}
	if (copy_to_guest(arg, &op, sizeof(op)))
		rc = -EFAULT;
	return rc;
}
