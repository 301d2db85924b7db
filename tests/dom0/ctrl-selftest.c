/*
 * ctrl-selftest.c - libctrl against the running hypervisor, from dom0 user space.
 *
 * Prints one line per check, "PASS: ctrl: <what>" or "FAIL: ctrl: <what>: <why>" (with the
 * errno name of a failed call), "info: ctrl: ..." lines for context, and last
 * "ctrl-selftest: N passed, N failed"; exits 1 when a check failed. The main checks that
 * need an earlier step (the test domain, its memory, a pinned L4) report FAIL "not run" when
 * it failed, so a missing piece shows as failures, not as fewer checks. Xen 4.17 is the
 * oracle: all pass there (tests/system/ctrl.sh).
 *
 * The story: the hypervisor's identity and the machine; dom0 in the domain list; the
 * console ring; an empty PV domain created, inspected, limited, paused and renamed; memory
 * populated into it, mapped from here, typed, pinned as a page table and used as a vCPU's
 * page-table root; event channels between it and dom0 and within dom0; one of its grants
 * mapped through gntdev; calls that must fail; the domain destroyed and its memory back.
 *
 * `ctrl-selftest create` only creates an empty domain and prints its id (for the CLI checks
 * of tests/dom0/ctrl-checks.sh).
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <xen/sys/privcmd.h>

#include "libctrl/ctrl.h"
#include "libctrl/dominfo.h"
#include "libctrl/marshal.h"
#include "libctrl/xenerr.h"

#define TEST_PAGES 4		/* populated into the test domain at gfns 0..3 */
#define TEST_MAX_KIB 1024	/* its max_mem: room for TEST_PAGES and one more */
#define TEST_GREF 10		/* a grant reference past the toolstack's reserved 8 */
#define WAIT_MS 5000		/* longest wait for an event or a domain's end */
#define FREE_SLACK_PAGES 16	/* free memory after destroy may differ by this much */
#define PATTERN 0x5a17c0de

static unsigned int passed, failed;

static void vreport(bool ok, const char *what, const char *fmt, va_list ap)
{
	printf("%s: ctrl: %s", ok ? "PASS" : "FAIL", what);
	if (fmt && *fmt) {
		fputs(ok ? " (" : ": ", stdout);
		vprintf(fmt, ap);
		if (ok)
			putchar(')');
	}
	putchar('\n');
	fflush(stdout);
	if (ok)
		passed++;
	else
		failed++;
}

/* check - report @what as passed when @ok, else failed; @fmt says why (or, if ok, detail). */
static bool check(bool ok, const char *what, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ok, what, fmt, ap);
	va_end(ap);
	return ok;
}

static void info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("info: ctrl: ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
}

/* "ENOSYS (Function not implemented)" for errno @err. */
static const char *err_text(int err)
{
	static char buf[160];
	const char *name = ctrl_xen_errno_name(err);

	snprintf(buf, sizeof(buf), "%s (%s)", name ? name : "?", strerror(err));
	return buf;
}

/* call_ok - report a call that must succeed: @rc < 0 fails @what with errno's name. */
static bool call_ok(long rc, const char *what)
{
	if (rc < 0)
		return check(false, what, "failed with %s", err_text(errno));
	return true;
}

/* call_passes - a check that is only a call's success. */
static void call_passes(long rc, const char *what)
{
	if (call_ok(rc, what))
		check(true, what, NULL);
}

/* call_fails - a call that must fail with @want: @rc and errno as the call left them. */
static bool call_fails(long rc, int want, const char *what)
{
	if (rc >= 0)
		return check(false, what, "succeeded; wanted %s", ctrl_xen_errno_name(want));
	if (errno != want)
		return check(false, what, "failed with %s; wanted %s", err_text(errno),
			     ctrl_xen_errno_name(want));
	return check(true, what, "%s", ctrl_xen_errno_name(want));
}

static void not_run(const char *what, const char *why)
{
	check(false, what, "not run: %s", why);
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* ---- the hypervisor and the machine ---- */

static void version_checks(struct ctrl *c)
{
	struct ctrl_version v;
	xen_changeset_info_t changeset;

	if (!call_ok(ctrl_version_get(c, &v), "xen_version: version, extraversion, capabilities"))
		return;
	check(v.major >= 4 || strstr(v.extra, "lamina"), "xen_version: version, extraversion, "
	      "capabilities", "%u.%u%s, %s", v.major, v.minor, v.extra, v.capabilities);
	check(strstr(v.capabilities, "xen-3.0-x86_64") != NULL, "xen_version: capabilities name "
	      "xen-3.0-x86_64", "'%s'", v.capabilities);
	if (call_ok(ctrl_xen_version(c, XENVER_changeset, changeset, sizeof(changeset)),
		    "xen_version: changeset"))
		check(true, "xen_version: changeset", "'%.40s'", changeset);
	check(v.pagesize == CTRL_PAGE_BYTES, "xen_version: page size", "%lu", v.pagesize);
}

static void physinfo_checks(struct ctrl *c, struct xen_sysctl_physinfo *p)
{
	if (!call_ok(ctrl_physinfo(c, p), "sysctl physinfo"))
		return;
	check(p->nr_cpus >= 1 && p->total_pages > 0 && p->free_pages <= p->total_pages &&
		      p->cpu_khz > 0 && (p->capabilities & XEN_SYSCTL_PHYSCAP_pv),
	      "sysctl physinfo", "%u CPUs, %u kHz, %lu pages, %lu free, caps %#x", p->nr_cpus,
	      p->cpu_khz, (unsigned long)p->total_pages, (unsigned long)p->free_pages,
	      p->capabilities);
}

static void sched_id_check(struct ctrl *c, uint32_t *sched_id)
{
	*sched_id = 0;
	if (call_ok(ctrl_sched_id(c, sched_id), "sysctl sched_id"))
		check(ctrl_scheduler_name(*sched_id) != NULL, "sysctl sched_id", "%u (%s)",
		      *sched_id, ctrl_scheduler_name(*sched_id));
}

static void domain_list_checks(struct ctrl *c)
{
	struct xen_domctl_getdomaininfo *all, one;
	struct ctrl_dominfo d0;
	int n = ctrl_domain_list_all(c, &all);

	if (call_ok(n, "sysctl getdomaininfolist contains dom0")) {
		bool found = n > 0 && all[0].domain == 0;

		if (found)
			ctrl_dominfo_decode(&all[0], &d0);
		check(found && d0.running && d0.vcpus_online >= 1,
		      "sysctl getdomaininfolist contains dom0", "%d domain(s), dom0 %s, %llu KiB",
		      n, found ? ctrl_dominfo_state_name(&d0) : "missing",
		      found ? (unsigned long long)d0.mem_kib : 0ULL);
		free(all);
	}
	if (call_ok(ctrl_domain_getinfo(c, 0, &one), "domctl getdomaininfo of dom0"))
		check(one.domain == 0 && one.tot_pages > 0, "domctl getdomaininfo of dom0",
		      "%lu pages", (unsigned long)one.tot_pages);
}

/* ---- the console ring ---- */

#define CONSOLE_BUF_BYTES 16384

static void console_checks(struct ctrl *c)
{
	char *buf = malloc(CONSOLE_BUF_BYTES);
	uint32_t count = CONSOLE_BUF_BYTES, index = 0, total = 0;
	char in[16];

	if (!buf)
		return;
	if (call_ok(ctrl_readconsole(c, buf, &count, NULL, 0), "sysctl readconsole"))
		check(count > 0, "sysctl readconsole", "%u bytes, starting '%.20s'", count, buf);
	/* An incremental walk from the oldest byte ends with an empty read. */
	for (unsigned int i = 0; i < 64; i++) {
		count = CONSOLE_BUF_BYTES;
		if (ctrl_readconsole(c, buf, &count, &index, CTRL_CONSOLE_INCREMENTAL) < 0) {
			call_ok(-1, "sysctl readconsole, incremental");
			goto out;
		}
		total += count;
		if (!count)
			break;
	}
	check(total > 0 && count == 0, "sysctl readconsole, incremental", "%u bytes, index %u",
	      total, index);
out:
	free(buf);
	/* Input is rare here; the call must only answer. */
	long got = ctrl_console_read(c, in, sizeof(in));
	if (call_ok(got, "console_io read"))
		check(true, "console_io read", "%ld bytes waiting", got);
}

/* ---- the test domain ---- */

struct testdom {
	domid_t domid;			/* 0: not created */
	bool populated;			/* mfn[] are its pages */
	xen_pfn_t mfn[TEST_PAGES];	/* MFNs of its gfns 0..TEST_PAGES-1 */
	bool l4_pinned;			/* mfn[1] is pinned as an L4 table */
};

static bool getinfo(struct ctrl *c, domid_t domid, struct ctrl_dominfo *d)
{
	struct xen_domctl_getdomaininfo raw;

	if (ctrl_domain_getinfo(c, domid, &raw) < 0)
		return false;
	ctrl_dominfo_decode(&raw, d);
	return true;
}

static void create_domain(struct ctrl *c, struct testdom *t)
{
	struct xen_domctl_createdomain cfg;
	struct ctrl_dominfo d;
	domid_t domid = 0;

	ctrl_createdomain_pv(&cfg, 1);
	memset(cfg.handle, 0x11, sizeof(cfg.handle));
	if (!call_ok(ctrl_domain_create(c, &domid, &cfg), "domctl createdomain"))
		return;
	t->domid = domid;
	check(domid > 0 && domid < DOMID_FIRST_RESERVED, "domctl createdomain", "d%u", domid);
	if (call_ok(getinfo(c, domid, &d) ? 0 : -1, "domctl getdomaininfo of the new domain"))
		check(d.paused && !d.running && d.nr_vcpus == 0 && d.mem_kib == 0 &&
			      d.handle[0] == 0x11,
		      "domctl getdomaininfo of the new domain", "%s, %u vCPUs, %llu KiB",
		      ctrl_dominfo_state_name(&d), d.nr_vcpus, (unsigned long long)d.mem_kib);
}

static void configure_domain(struct ctrl *c, struct testdom *t)
{
	struct xen_domctl_getvcpuinfo vi;
	xen_domain_handle_t handle;
	struct ctrl_dominfo d;

	if (call_ok(ctrl_domain_max_vcpus(c, t->domid, 1), "domctl max_vcpus") &&
	    call_ok(ctrl_vcpu_getinfo(c, t->domid, 0, &vi), "domctl getvcpuinfo"))
		check(!vi.online && !vi.running, "domctl max_vcpus, getvcpuinfo",
		      "vCPU 0 offline until it has a context");
	call_fails(ctrl_vcpu_getinfo(c, t->domid, 1, &vi), EINVAL, "domctl getvcpuinfo of vCPU 1");
	if (call_ok(ctrl_domain_max_mem(c, t->domid, TEST_MAX_KIB), "domctl max_mem") &&
	    getinfo(c, t->domid, &d))
		check(d.max_mem_kib == TEST_MAX_KIB, "domctl max_mem", "%llu KiB",
		      (unsigned long long)d.max_mem_kib);
	ctrl_uuid_parse("6c616d69-6e61-2d63-7472-6c2d73656c66", handle);
	if (call_ok(ctrl_domain_sethandle(c, t->domid, handle), "domctl setdomainhandle") &&
	    getinfo(c, t->domid, &d))
		check(!memcmp(d.handle, handle, sizeof(handle)), "domctl setdomainhandle",
		      "handle reads back");
	if (call_ok(ctrl_domain_settimeoffset(c, t->domid, 3600), "domctl settimeoffset"))
		check(true, "domctl settimeoffset", "+3600 s");
}

static void pause_checks(struct ctrl *c, struct testdom *t)
{
	struct ctrl_dominfo d;

	/* Created paused (count 1): +1, -1, -1 leaves it unpaused; one more is refused. */
	if (!call_ok(ctrl_domain_pause(c, t->domid), "domctl pausedomain") ||
	    !call_ok(ctrl_domain_unpause(c, t->domid), "domctl unpausedomain") ||
	    !call_ok(ctrl_domain_unpause(c, t->domid), "domctl unpausedomain"))
		return;
	check(getinfo(c, t->domid, &d) && !d.paused, "domctl pausedomain/unpausedomain",
	      "unpaused after create, pause, unpause, unpause");
	call_fails(ctrl_domain_unpause(c, t->domid), EINVAL, "domctl unpausedomain at count 0");
	if (call_ok(ctrl_domain_pause(c, t->domid), "domctl pausedomain"))
		check(getinfo(c, t->domid, &d) && d.paused, "domctl pausedomain", "paused again");
}

static void memory_checks(struct ctrl *c, struct testdom *t, uint64_t free_before)
{
	struct xen_sysctl_physinfo p;
	struct ctrl_dominfo d;
	xen_pfn_t extra = 0;
	long rc;

	for (unsigned int i = 0; i < TEST_PAGES; i++)
		t->mfn[i] = i;
	rc = ctrl_populate_physmap(c, t->domid, TEST_PAGES, 0, 0, t->mfn);
	if (!call_ok(rc, "memory_op populate_physmap into the domain"))
		return;
	t->populated = rc == TEST_PAGES;
	check(t->populated && getinfo(c, t->domid, &d) && d.mem_kib == TEST_PAGES * CTRL_PAGE_KIB,
	      "memory_op populate_physmap into the domain", "%ld extents, MFNs %#lx %#lx %#lx %#lx",
	      rc, t->mfn[0], t->mfn[1], t->mfn[2], t->mfn[3]);
	rc = ctrl_current_reservation(c, t->domid);
	if (call_ok(rc, "memory_op current_reservation"))
		check(rc == TEST_PAGES, "memory_op current_reservation", "%ld pages", rc);
	rc = ctrl_maximum_reservation(c, t->domid);
	if (call_ok(rc, "memory_op maximum_reservation"))
		check(rc == TEST_MAX_KIB / CTRL_PAGE_KIB, "memory_op maximum_reservation",
		      "%ld pages", rc);
	if (call_ok(ctrl_physinfo(c, &p), "sysctl physinfo: free memory taken"))
		check(p.free_pages + TEST_PAGES <= free_before,
		      "sysctl physinfo: free memory taken", "%lu -> %lu pages",
		      (unsigned long)free_before, (unsigned long)p.free_pages);
	rc = ctrl_increase_reservation(c, t->domid, 1, 0, 0, &extra);
	if (call_ok(rc, "memory_op increase_reservation") &&
	    check(rc == 1, "memory_op increase_reservation", "MFN %#lx", extra)) {
		rc = ctrl_decrease_reservation(c, t->domid, 1, 0, &extra);
		if (call_ok(rc, "memory_op decrease_reservation"))
			check(rc == 1 && ctrl_current_reservation(c, t->domid) == TEST_PAGES,
			      "memory_op decrease_reservation", "back to %d pages", TEST_PAGES);
	}
	/* The frame just released is nobody's now: its M2P entry is not ours to set. */
	struct mmu_update freed = ctrl_mmu_machphys(extra, 0);
	if (extra)
		call_fails(ctrl_mmu_update(c, t->domid, &freed, 1, NULL), EINVAL,
			   "mmu_update MMU_MACHPHYS_UPDATE of a frame the domain lacks");
}

/* Map mfn[0..1] writable: a pattern in page 0, zeros in page 1 (the L4 to be). */
static void foreign_map_checks(struct ctrl *c, struct testdom *t)
{
	int errs[2] = { 0 };
	uint32_t *pages = ctrl_map_foreign(c, t->domid, PROT_READ | PROT_WRITE, t->mfn, errs, 2);

	if (!call_ok(pages ? 0 : -1, "privcmd MMAPBATCH_V2: map two pages of the domain"))
		return;
	if (!check(!ctrl_batch_errors(errs, 2, NULL), "privcmd MMAPBATCH_V2: map two pages of the "
		   "domain", "per-page errors %d %d", errs[0], errs[1])) {
		ctrl_unmap_foreign(pages, 2);
		return;
	}
	for (unsigned int i = 0; i < CTRL_PAGE_BYTES / 4; i++)
		pages[i] = PATTERN ^ i;
	memset((char *)pages + CTRL_PAGE_BYTES, 0, CTRL_PAGE_BYTES);
	ctrl_unmap_foreign(pages, 2);

	pages = ctrl_map_foreign(c, t->domid, PROT_READ, t->mfn, NULL, 1);
	if (call_ok(pages ? 0 : -1, "privcmd: the page written reads back in a new mapping")) {
		unsigned int bad = 0;

		for (unsigned int i = 0; i < CTRL_PAGE_BYTES / 4; i++)
			bad += pages[i] != (PATTERN ^ i);
		check(!bad, "privcmd: the page written reads back in a new mapping",
		      "%u words differ", bad);
		ctrl_unmap_foreign(pages, 1);
	}
}

static void foreign_map_refusal(struct ctrl *c, struct testdom *t)
{
	/* A frame past the end of RAM belongs to nobody: its page fails, the call does not. */
	xen_pfn_t bogus = ~(xen_pfn_t)0 >> 24;
	int err = 0;
	void *p = ctrl_map_foreign(c, t->domid, PROT_READ, &bogus, &err, 1);

	if (call_ok(p ? 0 : -1, "privcmd MMAPBATCH_V2: a frame not the domain's")) {
		check(err != 0, "privcmd MMAPBATCH_V2: a frame not the domain's",
		      "per-page error %s", err ? ctrl_xen_errno_name(-err) : "none");
		ctrl_unmap_foreign(p, 1);
	}
}

static bool frame_type(struct ctrl *c, struct testdom *t, xen_pfn_t mfn, xen_pfn_t *type)
{
	*type = mfn;
	return ctrl_domain_pageframeinfo(c, t->domid, type, 1) == 0;
}

static void pagetable_checks(struct ctrl *c, struct testdom *t)
{
	xen_pfn_t types[TEST_PAGES], type;
	struct mmuext_op pin, unpin = ctrl_mmuext_unpin(t->mfn[1]), flush = {
		.cmd = MMUEXT_TLB_FLUSH_LOCAL
	};
	struct mmu_update m2p = ctrl_mmu_machphys(t->mfn[2], 2);
	unsigned int done = 0;
	bool typed;

	memcpy(types, t->mfn, sizeof(types));
	if (call_ok(ctrl_domain_pageframeinfo(c, t->domid, types, TEST_PAGES),
		    "domctl getpageframeinfo3"))
		check((types[0] | types[1] | types[2] | types[3]) == XEN_DOMCTL_PFINFO_NOTAB,
		      "domctl getpageframeinfo3", "plain pages: %#lx %#lx %#lx %#lx", types[0],
		      types[1], types[2], types[3]);
	if (call_ok(ctrl_mmu_update(c, t->domid, &m2p, 1, &done),
		    "mmu_update MMU_MACHPHYS_UPDATE for the domain"))
		check(done == 1, "mmu_update MMU_MACHPHYS_UPDATE for the domain", "M2P[%#lx] = 2",
		      t->mfn[2]);
	ctrl_mmuext_pin(&pin, 4, t->mfn[1]);
	if (!call_ok(ctrl_mmuext_op(c, t->domid, &pin, 1, NULL),
		     "mmuext_op MMUEXT_PIN_L4_TABLE for the domain"))
		return;
	t->l4_pinned = true;
	typed = frame_type(c, t, t->mfn[1], &type);
	check(typed && type == (XEN_DOMCTL_PFINFO_L4TAB | XEN_DOMCTL_PFINFO_LPINTAB),
	      "mmuext_op MMUEXT_PIN_L4_TABLE for the domain", "type %#lx", type);
	if (call_ok(ctrl_mmuext_op(c, t->domid, &unpin, 1, NULL),
		    "mmuext_op MMUEXT_UNPIN_TABLE for the domain")) {
		t->l4_pinned = false;
		typed = frame_type(c, t, t->mfn[1], &type);
		check(typed && !(type & XEN_DOMCTL_PFINFO_LPINTAB),
		      "mmuext_op MMUEXT_UNPIN_TABLE for the domain", "type %#lx", type);
	}
	call_fails(ctrl_mmuext_op(c, t->domid, &flush, 1, NULL), EPERM,
		   "mmuext_op: a TLB flush for another domain");
	if (!t->l4_pinned && ctrl_mmuext_op(c, t->domid, &pin, 1, NULL) == 0)
		t->l4_pinned = true;
}

static void vcpu_context_checks(struct ctrl *c, struct testdom *t)
{
	vcpu_guest_context_t ctx, back;
	const unsigned long rip = 0xffffffff81000000UL, rsp = 0xffffffff81400000UL;

	call_fails(ctrl_vcpu_getcontext(c, t->domid, 0, &back), ENODATA,
		   "domctl getvcpucontext before any context");
	memset(&ctx, 0, sizeof(ctx));
	ctx.flags = VGCF_in_kernel; /* not VGCF_online: the vCPU stays down */
	ctx.user_regs.rip = rip;
	ctx.user_regs.rsp = rsp;
	ctx.user_regs.cs = FLAT_KERNEL_CS;
	ctx.user_regs.ss = FLAT_KERNEL_SS;
	ctx.user_regs.rflags = 1 << 9; /* IF */
	ctx.kernel_ss = FLAT_KERNEL_SS;
	ctx.kernel_sp = rsp;
	ctx.ctrlreg[3] = xen_pfn_to_cr3(t->mfn[1]);
	if (!call_ok(ctrl_vcpu_setcontext(c, t->domid, 0, &ctx),
		     "domctl setvcpucontext (root table: the pinned L4)"))
		return;
	check(true, "domctl setvcpucontext (root table: the pinned L4)", "cr3 %#lx",
	      ctx.ctrlreg[3]);
	memset(&back, 0, sizeof(back));
	if (call_ok(ctrl_vcpu_getcontext(c, t->domid, 0, &back), "domctl getvcpucontext"))
		check(back.user_regs.rip == rip && back.ctrlreg[3] == ctx.ctrlreg[3] &&
			      back.kernel_sp == rsp,
		      "domctl getvcpucontext", "rip %#lx cr3 %#lx", back.user_regs.rip,
		      back.ctrlreg[3]);
}

static void affinity_checks(struct ctrl *c, struct testdom *t, unsigned int nr_cpus)
{
	uint8_t hard[32] = { 0 }, soft[32] = { 0 };
	char text[64];

	if (nr_cpus > 8 * sizeof(hard))
		nr_cpus = 8 * sizeof(hard);
	memset(hard, 0xff, ctrl_bitmap_bytes(nr_cpus));
	if (call_ok(ctrl_vcpu_setaffinity(c, t->domid, 0, hard, NULL, nr_cpus),
		    "domctl setvcpuaffinity"))
		check(hard[0] & 1, "domctl setvcpuaffinity", "effective map has CPU 0");
	if (call_ok(ctrl_vcpu_getaffinity(c, t->domid, 0, hard, soft, nr_cpus),
		    "domctl getvcpuaffinity")) {
		ctrl_format_cpumap(text, sizeof(text), hard, nr_cpus);
		check(hard[0] & 1, "domctl getvcpuaffinity", "hard %s", text);
	}
}

static void sched_checks(struct ctrl *c, struct testdom *t, uint32_t sched_id)
{
	struct xen_domctl_sched_credit p = { 0 }, want = { .weight = 512, .cap = 0 };

	if (sched_id != XEN_SCHEDULER_CREDIT && sched_id != XEN_SCHEDULER_CREDIT2) {
		/* Without a (weight, cap) scheduler to name, ask as Xen 4.17's default. */
		info("scheduler %u unknown: scheduler_op as credit2", sched_id);
		sched_id = XEN_SCHEDULER_CREDIT2;
	}

	if (!call_ok(ctrl_sched_credit_get(c, t->domid, sched_id, &p),
		     "domctl scheduler_op getinfo (weight, cap)"))
		return;
	check(p.weight > 0, "domctl scheduler_op getinfo (weight, cap)", "weight %u cap %u",
	      p.weight, p.cap);
	if (call_ok(ctrl_sched_credit_set(c, t->domid, sched_id, &want),
		    "domctl scheduler_op putinfo") &&
	    call_ok(ctrl_sched_credit_get(c, t->domid, sched_id, &p),
		    "domctl scheduler_op putinfo"))
		check(p.weight == want.weight, "domctl scheduler_op putinfo", "weight now %u",
		      p.weight);
}

/* ---- event channels ---- */

/* Wait for @port on @e (non-blocking handle); true when it fired. */
static bool wait_port(struct ctrl_evtchn *e, evtchn_port_t port)
{
	struct pollfd pfd = { .fd = ctrl_evtchn_fd(e), .events = POLLIN };

	for (unsigned int waited = 0; waited < WAIT_MS; waited += 10) {
		evtchn_port_t fired[16];
		int n = ctrl_evtchn_pending(e, fired, 16);

		for (int i = 0; i < n; i++) {
			ctrl_evtchn_unmask(e, fired[i]);
			if (fired[i] == port)
				return true;
		}
		poll(&pfd, 1, 10);
	}
	return false;
}

static bool port_status(struct ctrl *c, domid_t dom, evtchn_port_t port,
			struct evtchn_status *s)
{
	return ctrl_evtchn_status(c, dom, port, s) == 0;
}

static void interdomain_checks(struct ctrl *c, struct testdom *t, struct ctrl_evtchn *e)
{
	struct evtchn_status s;
	evtchn_port_t remote;
	int local;

	if (!call_ok(ctrl_evtchn_alloc_unbound(c, t->domid, 0, &remote),
		     "evtchn alloc_unbound in the domain for dom0"))
		return;
	check(port_status(c, t->domid, remote, &s) && s.status == EVTCHNSTAT_unbound &&
		      s.u.unbound.dom == 0,
	      "evtchn alloc_unbound in the domain for dom0", "d%u port %u", t->domid, remote);
	local = ctrl_evtchn_bind_interdomain(e, t->domid, remote);
	if (!call_ok(local, "/dev/xen/evtchn bind_interdomain to it"))
		return;
	check(port_status(c, t->domid, remote, &s) && s.status == EVTCHNSTAT_interdomain &&
		      s.u.interdomain.dom == 0 && s.u.interdomain.port == (evtchn_port_t)local,
	      "/dev/xen/evtchn bind_interdomain to it", "dom0 port %d", local);
	call_passes(ctrl_evtchn_notify(e, local), "/dev/xen/evtchn notify the domain");
	if (call_ok(ctrl_evtchn_unbind(e, local), "/dev/xen/evtchn unbind"))
		check(port_status(c, t->domid, remote, &s) && s.status == EVTCHNSTAT_unbound,
		      "/dev/xen/evtchn unbind", "the domain's port is unbound again");
}

static void loopback_checks(struct ctrl *c, struct ctrl_evtchn *e)
{
	const char *loop = "/dev/xen/evtchn: event from a dom0 port to another";
	struct evtchn_status s;
	evtchn_port_t spare;
	int a, b;

	a = ctrl_evtchn_bind_unbound_port(e, 0);
	if (!call_ok(a, "/dev/xen/evtchn bind_unbound_port"))
		return;
	b = ctrl_evtchn_bind_interdomain(e, 0, a);
	if (call_ok(b, loop)) {
		wait_port(e, b); /* a new interdomain port starts out pending */
		if (call_ok(ctrl_evtchn_notify(e, b), loop))
			check(wait_port(e, a), loop, "port %d -> port %d, read and unmasked", b, a);
		ctrl_evtchn_unbind(e, b);
	}
	ctrl_evtchn_unbind(e, a);
	if (call_ok(ctrl_evtchn_alloc_unbound(c, DOMID_SELF, 0, &spare), "evtchn close") &&
	    call_ok(ctrl_evtchn_close(c, spare), "evtchn close"))
		check(port_status(c, DOMID_SELF, spare, &s) && s.status == EVTCHNSTAT_closed,
		      "evtchn close", "port %u closed", spare);
}

static void evtchn_checks(struct ctrl *c, struct testdom *t)
{
	struct ctrl_evtchn *e = ctrl_evtchn_open(true);

	if (!call_ok(e ? 0 : -1, "open /dev/xen/evtchn"))
		return;
	if (t->domid)
		interdomain_checks(c, t, e);
	else
		not_run("evtchn alloc_unbound in the domain for dom0", "no test domain");
	loopback_checks(c, e);
	ctrl_evtchn_close_dev(e);
}

/* ---- a grant of the test domain, written by us into its table, mapped through gntdev ---- */

static void gntdev_checks(struct ctrl *c, struct testdom *t)
{
	grant_entry_v1_t *table;
	struct ctrl_gntdev *g;
	grant_ref_t ref = TEST_GREF;
	uint32_t *page;

	table = ctrl_map_resource(c, t->domid, XENMEM_resource_grant_table,
				  XENMEM_resource_grant_table_id_shared, 0, 1,
				  PROT_READ | PROT_WRITE);
	if (!call_ok(table ? 0 : -1, "privcmd MMAP_RESOURCE: the domain's grant table"))
		return;
	check(true, "privcmd MMAP_RESOURCE: the domain's grant table", NULL);
	table[ref].domid = 0;
	table[ref].frame = (uint32_t)t->mfn[0];
	__atomic_store_n(&table[ref].flags, GTF_permit_access | GTF_readonly, __ATOMIC_RELEASE);
	g = ctrl_gntdev_open();
	if (call_ok(g ? 0 : -1, "gntdev: map a grant of the domain")) {
		page = ctrl_gntdev_map(g, t->domid, &ref, 1, PROT_READ);
		if (call_ok(page ? 0 : -1, "gntdev: map a grant of the domain")) {
			check(page[1] == (PATTERN ^ 1), "gntdev: map a grant of the domain",
			      "reads the pattern written through privcmd");
			call_passes(ctrl_gntdev_unmap(g, page, 1), "gntdev unmap");
		}
		ctrl_gntdev_close(g);
	}
	__atomic_store_n(&table[ref].flags, 0, __ATOMIC_RELEASE);
	ctrl_unmap_foreign(table, 1);
}

/* ---- calls that must fail ---- */

static void refusal_checks(struct ctrl *c, struct testdom *t)
{
	struct xen_domctl_getdomaininfo info;
	struct xen_domctl *op;
	struct ctrl *r;
	domid_t self = 0;

	call_fails(ctrl_domain_getinfo(c, DOMID_FIRST_RESERVED - 1, &info), ESRCH,
		   "domctl getdomaininfo of a domain that does not exist");
	call_fails(ctrl_domain_pause(c, 0), EINVAL, "domctl pausedomain of dom0 itself");
	call_fails(ctrl_domain_destroy(c, 0), EINVAL, "domctl destroydomain of dom0 itself");
	call_fails(ctrl_evtchn_status(c, DOMID_FIRST_RESERVED - 1, 1, &(struct evtchn_status){ 0 }),
		   ESRCH, "evtchn status in a domain that does not exist");

	/* A stale interface version, written by hand: ctrl_domctl always stamps the right one. */
	op = ctrl_buf_alloc(c, sizeof(*op));
	if (op) {
		ctrl_domctl_prepare(op, XEN_DOMCTL_getdomaininfo, self);
		op->interface_version = XEN_DOMCTL_INTERFACE_VERSION - 1;
		call_fails(ctrl_hypercall(c, __HYPERVISOR_domctl, (uintptr_t)op, 0, 0, 0, 0),
			   EACCES, "domctl with interface version 0x14");
		ctrl_buf_free(c, op, sizeof(*op));
	}

	/* A privcmd handle restricted to one domain is not privileged: Linux refuses hypercalls. */
	r = ctrl_open();
	if (!call_ok(r ? 0 : -1, "restricted privcmd: domctl refused"))
		return;
	domid_t target = t->domid ? t->domid : 1;
	if (call_ok(ioctl(ctrl_privcmd_fd(r), IOCTL_PRIVCMD_RESTRICT, &target),
		    "restricted privcmd: domctl refused"))
		call_fails(ctrl_domain_getinfo(r, 0, &info), EPERM,
			   "restricted privcmd: domctl refused");
	ctrl_close(r);
}

/* ---- the end of a domain ---- */

/* destroy - destroy @domid and wait until it is no longer listed; reports as @what. */
static bool destroy(struct ctrl *c, domid_t domid, const char *what)
{
	struct ctrl_dominfo d;
	unsigned int waited = 0;

	if (!call_ok(ctrl_domain_destroy(c, domid), what))
		return false;
	/* Xen lists a dying domain until its last reference goes. */
	while (getinfo(c, domid, &d) && waited < WAIT_MS) {
		sleep_ms(10);
		waited += 10;
	}
	return check(!getinfo(c, domid, &d) && errno == ESRCH, what, "d%u gone after %u ms",
		     domid, waited);
}

/* A domain that never had memory: created, given its vCPU, destroyed. */
static void empty_domain_checks(struct ctrl *c)
{
	const char *what = "domctl destroydomain of an empty domain";
	struct xen_domctl_createdomain cfg;
	domid_t domid = 0;

	ctrl_createdomain_pv(&cfg, 1);
	if (call_ok(ctrl_domain_create(c, &domid, &cfg), what) &&
	    call_ok(ctrl_domain_max_vcpus(c, domid, 1), what))
		destroy(c, domid, what);
	else if (domid)
		ctrl_domain_destroy(c, domid);
}

static void destroy_checks(struct ctrl *c, struct testdom *t, uint64_t free_before)
{
	const char *back = "sysctl physinfo: free memory back after destroy";
	struct xen_sysctl_physinfo p;
	unsigned int waited;

	if (!destroy(c, t->domid, "domctl destroydomain of the domain with memory"))
		return;
	t->domid = 0;
	/* The last of a domain's memory goes back after its id does (Xen frees it under RCU). */
	for (waited = 0; waited < WAIT_MS; waited += 10) {
		if (!call_ok(ctrl_physinfo(c, &p), back))
			return;
		if (p.free_pages + FREE_SLACK_PAGES >= free_before)
			break;
		sleep_ms(10);
	}
	check(p.free_pages + FREE_SLACK_PAGES >= free_before, back, "%lu -> %lu pages after %u ms",
	      (unsigned long)free_before, (unsigned long)p.free_pages, waited);
}

static const char *const domain_checks[] = {
	"domctl getdomaininfo of the new domain", "domctl max_vcpus, getvcpuinfo",
	"domctl max_mem", "domctl setdomainhandle", "domctl settimeoffset",
	"domctl pausedomain/unpausedomain", "memory_op populate_physmap into the domain",
	"privcmd MMAPBATCH_V2: map two pages of the domain", "domctl getpageframeinfo3",
	"mmuext_op MMUEXT_PIN_L4_TABLE for the domain", "domctl setvcpucontext (root table: the "
	"pinned L4)", "domctl setvcpuaffinity", "domctl scheduler_op getinfo (weight, cap)",
	"gntdev: map a grant of the domain", "domctl destroydomain of the domain with memory",
};

/*
 * `ctrl-selftest create`: make an empty, paused PV domain (one vCPU, max_mem
 * TEST_MAX_KIB) for the CLI's checks to act on, and print its id.
 */
static int create_for_cli(struct ctrl *c)
{
	struct xen_domctl_createdomain cfg;
	domid_t domid = 0;

	ctrl_createdomain_pv(&cfg, 1);
	if (ctrl_domain_create(c, &domid, &cfg) || ctrl_domain_max_vcpus(c, domid, 1) ||
	    ctrl_domain_max_mem(c, domid, TEST_MAX_KIB)) {
		fprintf(stderr, "ctrl-selftest create: %s\n", err_text(errno));
		if (domid)
			ctrl_domain_destroy(c, domid);
		return 1;
	}
	printf("%u\n", domid);
	return 0;
}

/*
 * `ctrl-selftest counts`: "free_pages=N ports=N" - the hypervisor's free pages (physinfo)
 * and dom0's event channels in use (EVTCHNOP_status of each port), for leak checks.
 */
static int print_counts(struct ctrl *c)
{
	struct xen_sysctl_physinfo p;
	unsigned int ports = 0;

	if (ctrl_physinfo(c, &p))
		return 1;
	for (evtchn_port_t port = 1; port < 4096; port++) {
		struct evtchn_status st;
		if (ctrl_evtchn_status(c, DOMID_SELF, port, &st) == 0 && st.status != EVTCHNSTAT_closed)
			ports++;
	}
	printf("free_pages=%lu ports=%u\n", (unsigned long)p.free_pages, ports);
	return 0;
}

int main(int argc, char **argv)
{
	struct xen_sysctl_physinfo p = { 0 };
	struct testdom t = { 0 };
	uint32_t sched_id;
	struct ctrl *c;

	setvbuf(stdout, NULL, _IOLBF, 0);
	c = ctrl_open();
	if (!c) {
		char why[200];

		ctrl_describe_error(why, sizeof(why), CTRL_CALL_OPEN_PRIVCMD, errno);
		check(false, "open " CTRL_PRIVCMD_PATH, "%s", why);
		return 1;
	}
	if (argc > 1 && !strcmp(argv[1], "create"))
		return create_for_cli(c);
	if (argc > 1 && !strcmp(argv[1], "counts"))
		return print_counts(c);
	info("argument buffers from %s", ctrl_uses_hcbuf(c) ? CTRL_HCBUF_PATH : "mlock");
	version_checks(c);
	physinfo_checks(c, &p);
	sched_id_check(c, &sched_id);
	domain_list_checks(c);
	console_checks(c);

	empty_domain_checks(c);
	create_domain(c, &t);
	if (!t.domid) {
		for (size_t i = 0; i < sizeof(domain_checks) / sizeof(domain_checks[0]); i++)
			not_run(domain_checks[i], "no test domain");
		evtchn_checks(c, &t);
		refusal_checks(c, &t);
		goto out;
	}
	configure_domain(c, &t);
	pause_checks(c, &t);
	memory_checks(c, &t, p.free_pages);
	if (t.populated) {
		foreign_map_checks(c, &t);
		foreign_map_refusal(c, &t);
		pagetable_checks(c, &t);
	} else {
		not_run("privcmd MMAPBATCH_V2: map two pages of the domain", "no memory in it");
		not_run("domctl getpageframeinfo3", "no memory in it");
		not_run("mmuext_op MMUEXT_PIN_L4_TABLE for the domain", "no memory in it");
	}
	if (t.l4_pinned)
		vcpu_context_checks(c, &t);
	else
		not_run("domctl setvcpucontext (root table: the pinned L4)", "no pinned L4");
	affinity_checks(c, &t, p.max_cpu_id + 1);
	sched_checks(c, &t, sched_id);
	evtchn_checks(c, &t);
	if (t.populated)
		gntdev_checks(c, &t);
	else
		not_run("gntdev: map a grant of the domain", "no memory in it");
	refusal_checks(c, &t);
	destroy_checks(c, &t, p.free_pages);
out:
	if (t.domid)
		ctrl_domain_destroy(c, t.domid);
	ctrl_close(c);
	printf("ctrl-selftest: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
