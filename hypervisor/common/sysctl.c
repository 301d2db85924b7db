/*
 * sysctl.c - the sysctl hypercall: the control domain asking about the
 * whole machine (xen/sysctl.h, interface version 0x15). Lamina answers
 * getdomaininfolist and physinfo; other commands return -ENOSYS. Checks in
 * Xen 4.17's order (xen/common/sysctl.c): copy-in (-EFAULT), interface
 * version (-EACCES), privilege (-EPERM).
 */
#include <asm/processor.h>
#include <asm/time.h>
#include <asm/uaccess.h>
#include <lamina/domctl.h>
#include <lamina/errno.h>
#include <lamina/hypercall.h>
#include <lamina/lib.h>
#include <lamina/mm.h>
#include <xen/sysctl.h>

/* The domain with the lowest id above `after` (-1: the lowest of all), or NULL. */
static struct domain *next_by_id(long after)
{
	struct domain *best = NULL;

	for (struct domain *d = domain_next(NULL); d; d = domain_next(d))
		if ((long)d->domain_id > after && (!best || d->domain_id < best->domain_id))
			best = d;
	return best;
}

/* getdomaininfolist: domains from first_domain on, in id order, at most max_domains. */
static long getdomaininfolist(struct xen_sysctl_getdomaininfolist *l)
{
	struct xen_domctl_getdomaininfo info;
	uint32_t n = 0;

	for (struct domain *d = next_by_id((long)l->first_domain - 1); d && n < l->max_domains;
	     d = next_by_id(d->domain_id)) {
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
	pi->max_mfn = max_page - 1;
	/* Xen's feature words 0-7: 1.EDX, 1.ECX, e1.EDX, e1.ECX, 0xD/1.EAX, 7/0.EBX, 7/0.ECX, e7.EDX. */
	struct cpuid_regs r1 = cpuid(1), r7 = cpuid_count(7, 0), e1 = cpuid(0x80000001);
	uint32_t w[8] = { r1.edx, r1.ecx, e1.edx, e1.ecx, cpuid_count(0xd, 1).eax, r7.ebx, r7.ecx,
			  cpuid(0x80000007).edx };
	memcpy(pi->hw_cap, w, sizeof(w));
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
	default:
		return -ENOSYS;
	}
	if (copy_to_guest(arg, &op, sizeof(op)))
		rc = -EFAULT;
	return rc;
}
