/*
 * cli/domain_build.h - making a PV domain from a configuration (domain_build.c):
 * createdomain, memory, the builder, page tables, vCPU 0, grant seeds; then publishing it
 * in xenstore (domain_store.h) for its xenbus, the console backend and the tools.
 */
#ifndef CLI_DOMAIN_BUILD_H
#define CLI_DOMAIN_BUILD_H

#include <stdbool.h>
#include <stdint.h>

#include "config/config.h"
#include "libctrl/ctrl.h"
#include "libstore/xs_client.h"

/* What a build made, for xenstore and for cleaning up. */
struct cli_built {
	bool created;	   /* the domain exists (destroy it on failure) */
	domid_t domid;
	xen_domain_handle_t handle; /* its UUID */
	uint64_t nr_pages;
	evtchn_port_t store_port, console_port; /* the domain's ends */
	uint64_t store_mfn, console_mfn;
	char error[256];   /* on failure: "<step>: <why>" */
};

/*
 * cli_domain_build - create and build the domain cfg describes, leaving it paused (vCPU 0
 * ready). Returns 0, or -1 with b->error saying which step failed and why (b->created tells
 * whether a domain was left to destroy).
 */
int cli_domain_build(struct ctrl *c, const struct domain_config *cfg, struct cli_built *b);

/*
 * cli_domain_publish - write the built domain's xenstore nodes (libxl's layout) and
 * introduce it to the xenstore daemon. 0 or a negative errno.
 */
int cli_domain_publish(struct xs_handle *xs, const struct domain_config *cfg,
		       const struct cli_built *b);

/*
 * cli_domain_create - the whole of `lamina create` after the configuration is read: build
 * the domain, publish it through @xs and, unless @paused, unpause it. Returns 0, or -1 with
 * b->error saying which step failed and why; a half-made domain is destroyed and its
 * xenstore nodes removed.
 */
int cli_domain_create(struct ctrl *c, struct xs_handle *xs, const struct domain_config *cfg,
		      bool paused, struct cli_built *b);

/*
 * cli_domain_destroy - destroy domid (XEN_DOMCTL_destroydomain) and remove its xenstore
 * nodes (released in the daemon too) when the daemon answers. Returns the destroy's
 * result: 0, or -1 with errno.
 */
int cli_domain_destroy(struct ctrl *c, domid_t domid);

#endif /* CLI_DOMAIN_BUILD_H */
