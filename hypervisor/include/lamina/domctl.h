/* lamina/domctl.h - what the domctl and sysctl hypercalls share (common/domctl.c). */
#ifndef LAMINA_DOMCTL_H
#define LAMINA_DOMCTL_H

#include <lamina/domain.h>
#include <xen/domctl.h>

/*
 * getdomaininfo - d as XEN_DOMCTL_getdomaininfo and XEN_SYSCTL_getdomaininfolist
 * describe it: state flags (XEN_DOMINF_*, with the shutdown code in bits
 * 16-31), pages, vCPUs, CPU time in ns, shared_info frame, handle.
 */
void getdomaininfo(const struct domain *d, struct xen_domctl_getdomaininfo *info);

#endif /* LAMINA_DOMCTL_H */
