/*
 * sysctl.c - the machine: domain list, physical resources, scheduler, console ring
 * (the XEN_SYSCTL_* wrappers of ctrl.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "libctrl/marshal.h"
#include "libctrl/private.h"

/* Domains fetched per getdomaininfolist call by ctrl_domain_list_all. */
#define LIST_BATCH 64

int ctrl_domain_list(struct ctrl *c, domid_t first, unsigned int max,
		     struct xen_domctl_getdomaininfo *infos)
{
	struct xen_sysctl op;
	struct bounce b;
	int rc;

	if (bounce_pre(c, &b, infos, (size_t)max * sizeof(*infos), BOUNCE_OUT))
		return -1;
	ctrl_sysctl_prepare(&op, XEN_SYSCTL_getdomaininfolist);
	op.u.getdomaininfolist.first_domain = first;
	op.u.getdomaininfolist.max_domains = max;
	op.u.getdomaininfolist.buffer = b.hc;
	rc = ctrl_sysctl(c, &op);
	bounce_post(c, &b);
	return rc ? -1 : (int)op.u.getdomaininfolist.num_domains;
}

int ctrl_domain_list_all(struct ctrl *c, struct xen_domctl_getdomaininfo **infos)
{
	struct xen_domctl_getdomaininfo *all = NULL;
	unsigned int n = 0;
	domid_t next = 0;

	for (;;) {
		struct xen_domctl_getdomaininfo *grown =
			realloc(all, (n + LIST_BATCH) * sizeof(*all));
		int got;

		if (!grown)
			goto fail;
		all = grown;
		got = ctrl_domain_list(c, next, LIST_BATCH, all + n);
		if (got < 0)
			goto fail;
		n += got;
		if (got < LIST_BATCH)
			break;
		next = all[n - 1].domain + 1;
	}
	*infos = all;
	return n;
fail:;
	int err = errno;

	free(all);
	errno = err;
	return -1;
}

int ctrl_physinfo(struct ctrl *c, struct xen_sysctl_physinfo *info)
{
	struct xen_sysctl op;

	ctrl_sysctl_prepare(&op, XEN_SYSCTL_physinfo);
	if (ctrl_sysctl(c, &op))
		return -1;
	*info = op.u.physinfo;
	return 0;
}

int ctrl_sched_id(struct ctrl *c, uint32_t *sched_id)
{
	struct xen_sysctl op;

	ctrl_sysctl_prepare(&op, XEN_SYSCTL_sched_id);
	if (ctrl_sysctl(c, &op))
		return -1;
	*sched_id = op.u.sched_id.sched_id;
	return 0;
}

int ctrl_readconsole(struct ctrl *c, char *buf, uint32_t *count, uint32_t *index,
		     unsigned int flags)
{
	struct xen_sysctl op;
	struct bounce b;
	int rc;

	if ((flags & CTRL_CONSOLE_INCREMENTAL) && !index) {
		errno = EINVAL;
		return -1;
	}
	if (bounce_pre(c, &b, buf, *count, BOUNCE_OUT))
		return -1;
	ctrl_readconsole_prepare(&op, b.hc, *count, index ? *index : 0, flags);
	rc = ctrl_sysctl(c, &op);
	bounce_post(c, &b);
	if (rc)
		return -1;
	*count = op.u.readconsole.count;
	if (index)
		*index = op.u.readconsole.index;
	return 0;
}

int ctrl_debug_keys(struct ctrl *c, const char *keys, uint32_t nr_keys)
{
	struct xen_sysctl op;
	struct bounce b;
	int rc;

	if (bounce_pre(c, &b, (void *)keys, nr_keys, BOUNCE_IN))
		return -1;
	ctrl_sysctl_prepare(&op, XEN_SYSCTL_debug_keys);
	op.u.debug_keys.keys = b.hc;
	op.u.debug_keys.nr_keys = nr_keys;
	rc = ctrl_sysctl(c, &op);
	bounce_post(c, &b);
	return rc ? -1 : 0;
}
