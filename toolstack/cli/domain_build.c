/*
 * domain_build.c - making a PV domain from a configuration: the hypercalls around the
 * builder (toolstack/builder/builder.h), in the order its header gives, Xen 4.17's
 * xc_dom_boot_image order. Each step that fails says which and why; the caller destroys
 * the half-made domain.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "builder/builder.h"
#include "cli/domain_build.h"
#include "cli/domain_store.h"
#include "libctrl/marshal.h"

#define POPULATE_BATCH 1024 /* extents per populate_physmap call */
#define M2P_BATCH 1024	    /* requests per mmu_update call */
#define MAXMEM_SLACK_KIB 1024 /* libxl's LIBXL_MAXMEM_CONSTANT */
#define KIB_PER_PAGE 4

struct foreign_mem {
	struct ctrl *ctrl;
	domid_t domid;
	const xen_pfn_t *p2m;
};

static void *map_pages(void *ctx, uint64_t pfn, uint64_t nr)
{
	struct foreign_mem *m = ctx;

	return ctrl_map_foreign(m->ctrl, m->domid, PROT_READ | PROT_WRITE, m->p2m + pfn, NULL,
				(unsigned int)nr);
}

static void unmap_pages(void *ctx, void *va, uint64_t nr)
{
	ctrl_unmap_foreign(va, nr);
}

/* Record a failing step: "<what>: <strerror>", and return -1. */
static int failed(struct cli_built *b, const char *what, int err)
{
	snprintf(b->error, sizeof(b->error), "%s: %s", what, strerror(err));
	return -1;
}

static int random_handle(xen_domain_handle_t h)
{
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, h, sizeof(xen_domain_handle_t)) : -1;

	if (fd >= 0)
		close(fd);
	if (n != (ssize_t)sizeof(xen_domain_handle_t))
		return -1;
	h[6] = (uint8_t)((h[6] & 0x0f) | 0x40); /* a version 4 (random) UUID */
	h[8] = (uint8_t)((h[8] & 0x3f) | 0x80);
	return 0;
}

static int populate(struct ctrl *c, domid_t domid, xen_pfn_t *p2m, uint64_t nr)
{
	for (uint64_t done = 0; done < nr;) {
		unsigned long n = (unsigned long)(nr - done < POPULATE_BATCH ? nr - done : POPULATE_BATCH);
		for (unsigned long i = 0; i < n; i++)
			p2m[done + i] = done + i;
		long got = ctrl_populate_physmap(c, domid, n, 0, 0, p2m + done);
		if (got < 0)
			return -1;
		if ((unsigned long)got != n) {
			errno = ENOMEM;
			return -1;
		}
		done += n;
	}
	return 0;
}

static int hypercall_init(struct ctrl *c, domid_t domid, uint64_t gmfn)
{
	struct xen_domctl op;

	ctrl_domctl_prepare(&op, XEN_DOMCTL_hypercall_init, domid);
	op.u.hypercall_init.gmfn = gmfn;
	return ctrl_domctl(c, &op);
}

static int init_shared_info(struct ctrl *c, domid_t domid, xen_pfn_t mfn)
{
	void *page = ctrl_map_foreign(c, domid, PROT_READ | PROT_WRITE, &mfn, NULL, 1);

	if (!page)
		return -1;
	bld_shared_info_init(page);
	ctrl_unmap_foreign(page, 1);
	return 0;
}

static int seed_grants(struct ctrl *c, domid_t domid, const struct bld_result *r)
{
	void *frame0 = ctrl_map_resource(c, domid, XENMEM_resource_grant_table,
					 XENMEM_resource_grant_table_id_shared, 0, 1,
					 PROT_READ | PROT_WRITE);

	if (!frame0)
		return -1;
	bld_gnttab_seed(frame0, r->console_mfn, 0, r->store_mfn, 0);
	ctrl_unmap_foreign(frame0, 1);
	return 0;
}

static int update_m2p(struct ctrl *c, domid_t domid, const struct bld_result *r)
{
	for (size_t done = 0; done < r->nr_m2p; done += M2P_BATCH) {
		size_t n = r->nr_m2p - done < M2P_BATCH ? r->nr_m2p - done : M2P_BATCH;
		if (ctrl_mmu_update(c, domid, r->m2p + done, (unsigned int)n, NULL))
			return -1;
	}
	return 0;
}

/* The steps after createdomain; the domain exists in b->domid. */
static int build(struct ctrl *c, const struct domain_config *cfg, struct cli_built *b)
{
	struct bld_err berr = {{0}};
	struct bld_kernel k = {0};
	struct bld_result r = {0};
	const uint8_t *file = NULL, *initrd = NULL;
	size_t bytes = 0, initrd_bytes = 0;
	xen_pfn_t *p2m = NULL;
	struct xen_domctl_getdomaininfo info;
	int rc = -1;

	b->nr_pages = cfg->memory_mib * 256;
	if (bld_map_file(cfg->kernel, BLD_KERNEL_MAX_BYTES, &file, &bytes, &berr) ||
	    bld_kernel_load(&k, file, bytes, 0, &berr) ||
	    (cfg->ramdisk &&
	     bld_map_file(cfg->ramdisk, SIZE_MAX / 2, &initrd, &initrd_bytes, &berr))) {
		snprintf(b->error, sizeof(b->error), "%s", berr.msg);
		goto out;
	}
	if (ctrl_domain_max_vcpus(c, b->domid, cfg->maxvcpus)) {
		rc = failed(b, "setting the vCPU count (domctl max_vcpus)", errno);
		goto out;
	}
	if (ctrl_domain_max_mem(c, b->domid, cfg->maxmem_mib * 1024 + MAXMEM_SLACK_KIB)) {
		rc = failed(b, "setting the memory limit (domctl max_mem)", errno);
		goto out;
	}
	p2m = calloc(b->nr_pages, sizeof(*p2m));
	if (!p2m || populate(c, b->domid, p2m, b->nr_pages)) {
		rc = failed(b, "allocating the domain's memory (populate_physmap)", p2m ? errno : ENOMEM);
		goto out;
	}
	if (ctrl_evtchn_alloc_unbound(c, b->domid, 0, &b->store_port) ||
	    ctrl_evtchn_alloc_unbound(c, b->domid, 0, &b->console_port)) {
		rc = failed(b, "event channels for xenstore and the console (alloc_unbound)", errno);
		goto out;
	}
	if (ctrl_domain_getinfo(c, b->domid, &info)) {
		rc = failed(b, "reading the domain's shared_info frame (getdomaininfo)", errno);
		goto out;
	}
	uint64_t *p2m64 = (uint64_t *)p2m; /* xen_pfn_t is 64-bit on x86-64 */
	struct bld_params params = {
		.nr_pages = b->nr_pages,
		.p2m = p2m64,
		.shared_info_mfn = info.shared_info_frame,
		.store_evtchn = b->store_port,
		.console_evtchn = b->console_port,
		.cmdline = cfg->cmdline,
		.initrd = initrd,
		.initrd_bytes = initrd_bytes,
	};
	struct foreign_mem fm = {.ctrl = c, .domid = b->domid, .p2m = p2m};
	struct bld_guest_mem mem = {.ctx = &fm, .map = map_pages, .unmap = unmap_pages};
	if (bld_build(&k, &params, &mem, &r, &berr)) {
		snprintf(b->error, sizeof(b->error), "%s", berr.msg);
		goto out;
	}
	b->store_mfn = r.store_mfn;
	b->console_mfn = r.console_mfn;
	if (update_m2p(c, b->domid, &r)) {
		rc = failed(b, "the domain's M2P entries (mmu_update)", errno);
		goto out;
	}
	if (r.hypercall_page && hypercall_init(c, b->domid, r.hypercall_gmfn)) {
		rc = failed(b, "the hypercall page (domctl hypercall_init)", errno);
		goto out;
	}
	if (ctrl_mmuext_op(c, b->domid, &r.pin, 1, NULL)) {
		rc = failed(b, "pinning the domain's page tables (mmuext_op)", errno);
		goto out;
	}
	if (init_shared_info(c, b->domid, info.shared_info_frame)) {
		rc = failed(b, "mapping the domain's shared_info", errno);
		goto out;
	}
	if (ctrl_vcpu_setcontext(c, b->domid, 0, &r.ctxt)) {
		rc = failed(b, "starting vCPU 0 (domctl setvcpucontext)", errno);
		goto out;
	}
	if (seed_grants(c, b->domid, &r)) {
		rc = failed(b, "seeding the grant table (acquire_resource)", errno);
		goto out;
	}
	rc = 0;
out:
	bld_result_free(&r);
	bld_kernel_free(&k);
	bld_unmap_file(file, bytes);
	bld_unmap_file(initrd, initrd_bytes);
	free(p2m);
	return rc;
}

int cli_domain_build(struct ctrl *c, const struct domain_config *cfg, struct cli_built *b)
{
	struct xen_domctl_createdomain config;

	memset(b, 0, sizeof(*b));
	ctrl_createdomain_pv(&config, cfg->maxvcpus);
	if (cfg->has_uuid)
		memcpy(config.handle, cfg->uuid, sizeof(config.handle));
	else if (random_handle(config.handle))
		return failed(b, "reading /dev/urandom for the domain's UUID", errno);
	memcpy(b->handle, config.handle, sizeof(b->handle));
	if (ctrl_domain_create(c, &b->domid, &config))
		return failed(b, "creating the domain (domctl createdomain)", errno);
	b->created = true;
	return build(c, cfg, b);
}

int cli_domain_publish(struct xs_handle *xs, const struct domain_config *cfg,
		       const struct cli_built *b)
{
	char uuid[CTRL_UUID_STRLEN + 1];

	ctrl_uuid_format(b->handle, uuid);
	struct cli_domain_layout l = {
		.domid = b->domid,
		.name = cfg->name,
		.uuid = uuid,
		.max_kib = cfg->maxmem_mib * 1024,
		.target_kib = cfg->memory_mib * 1024,
		.vcpus = cfg->vcpus,
		.max_vcpus = cfg->maxvcpus,
		.store_port = b->store_port,
		.store_mfn = b->store_mfn,
		.console_port = b->console_port,
		.console_mfn = b->console_mfn,
		.kernel = cfg->kernel,
		.ramdisk = cfg->ramdisk,
		.cmdline = cfg->cmdline,
		.start_time_s = (uint64_t)time(NULL),
	};
	return cli_domain_store_write(xs, &l);
}

int cli_domain_create(struct ctrl *c, struct xs_handle *xs, const struct domain_config *cfg,
		      bool paused, struct cli_built *b)
{
	int rc;

	if (cli_domain_build(c, cfg, b))
		goto fail;
	rc = cli_domain_publish(xs, cfg, b);
	if (rc) {
		snprintf(b->error, sizeof(b->error), "writing domain %u's xenstore entries: %s",
			 b->domid, strerror(-rc));
		goto fail;
	}
	if (!paused && ctrl_domain_unpause(c, b->domid)) {
		failed(b, "starting the domain (domctl unpausedomain)", errno);
		goto fail;
	}
	return 0;
fail:
	if (b->created) {
		int saved = errno;
		cli_domain_store_remove(xs, b->domid);
		ctrl_domain_destroy(c, b->domid);
		errno = saved;
	}
	return -1;
}

int cli_domain_destroy(struct ctrl *c, domid_t domid)
{
	struct xs_handle *xs;
	int rc = ctrl_domain_destroy(c, domid);
	int saved = errno;

	if (xs_open(&xs) == 0) {
		cli_domain_store_remove(xs, domid);
		xs_close(xs);
	}
	errno = saved;
	return rc;
}
