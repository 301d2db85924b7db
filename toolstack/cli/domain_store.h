/*
 * cli/domain_store.h - the xenstore nodes a toolstack writes for a new PV domain, in
 * the layout Xen 4.17's libxl uses (tools/libs/light/libxl_create.c libxl__domain_make,
 * libxl_dom.c libxl__build_post, libxl_console.c), so that Linux's xenbus, a console
 * backend and xenstore tools find what they expect:
 *
 *   /local/domain/<id>            owner dom0, the domain may read ("roperm")
 *     vm, name, domid, store/{port,ring-ref}, console/{port,ring-ref,limit,type,output,tty}
 *     memory/{static-max,target,videoram} (KiB), cpu/<n>/availability
 *     control/                     roperm; control/shutdown, feature-* owned by the domain
 *     device/, data/, drivers/, feature/, attr/, error/   owned by the domain ("rwperm")
 *   /vm/<uuid>                    roperm: uuid, name, start_time, image/{ostype,kernel,...}
 *   /libxl/<id>                   dom0 only: type
 *
 * cli_domain_nodes is pure (unit-tested); cli_domain_store_write and
 * cli_domain_store_remove talk to the xenstore daemon.
 */
#ifndef CLI_DOMAIN_STORE_H
#define CLI_DOMAIN_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "libstore/xs_client.h"
#include "libstore/xs_codec.h"

#define CLI_XS_PATH_MAX 128
#define CLI_XS_VALUE_MAX 512
#define CLI_CONSOLE_LIMIT_BYTES 1048576 /* libxl's LIBXL_XENCONSOLE_LIMIT */

/* What the layout needs to know of the domain. */
struct cli_domain_layout {
	unsigned int domid;
	const char *name;
	const char *uuid;	  /* 8-4-4-4-12 hex */
	uint64_t max_kib;	  /* memory/static-max */
	uint64_t target_kib;	  /* memory/target: what the domain starts with */
	unsigned int vcpus;	  /* online at start */
	unsigned int max_vcpus;	  /* cpu/0 .. cpu/max_vcpus-1 */
	unsigned int store_port;  /* the domain's end of the xenstore event channel */
	uint64_t store_mfn;	  /* its xenstore ring page */
	unsigned int console_port;
	uint64_t console_mfn;
	const char *kernel, *ramdisk, *cmdline; /* for /vm/<uuid>/image; may be NULL */
	uint64_t start_time_s;	  /* seconds since the epoch */
};

/* One node: a value to write (or only the node, with no value) and, if nr_perms, its perms. */
struct cli_xs_node {
	char path[CLI_XS_PATH_MAX];
	char value[CLI_XS_VALUE_MAX];
	bool has_value;
	struct xs_perm perms[2];
	unsigned int nr_perms;
};

/*
 * cli_domain_nodes - the nodes for layout l, parents before children, into out (room for
 * max). Returns how many, or -ENOSPC when max is too small or -ENAMETOOLONG when a path or
 * value does not fit.
 */
int cli_domain_nodes(const struct cli_domain_layout *l, struct cli_xs_node *out,
		     unsigned int max);

/* cli_domain_dom_path, cli_domain_vm_path - "/local/domain/<id>" and "/vm/<uuid>" into buf. */
void cli_domain_dom_path(unsigned int domid, char buf[CLI_XS_PATH_MAX]);
void cli_domain_vm_path(const char *uuid, char buf[CLI_XS_PATH_MAX]);

/*
 * cli_domain_store_write - write the nodes in one transaction (retried on EAGAIN) and
 * introduce the domain to the daemon (its store ring and port). 0 or a negative errno.
 */
int cli_domain_store_write(struct xs_handle *xs, const struct cli_domain_layout *l);

/*
 * cli_domain_store_remove - forget a domain: release it in the daemon and remove its
 * /local/domain, /vm and /libxl nodes. Missing nodes are not an error. 0 or -errno.
 */
int cli_domain_store_remove(struct xs_handle *xs, unsigned int domid);

#endif /* CLI_DOMAIN_STORE_H */
