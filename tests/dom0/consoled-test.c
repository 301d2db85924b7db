/*
 * consoled-test.c - lamina-consoled and `lamina console` against the running hypervisor, from
 * dom0 (run by tests/dom0/consoled-checks.sh in lamina.mode=consoled; tests/system/consoled.sh
 * boots that on Xen 4.17 and on Lamina).
 *
 * It plays the toolstack and the guest. For each of two tiny PV domains (consoled-guest.h)
 * it creates the domain with libctrl, gives it its pages, page tables, start_info, console
 * ring (grant reference 0 and ring-ref) and ports, writes the console's xenstore nodes as
 * Xen 4.17's libxl does, and introduces it to xenstore. Then, one line per check ("PASS:
 * consoled: <what> (<detail>)" or "FAIL: consoled: <what>: <why>"):
 *  - domain "contest": lamina-consoled connects (console/tty names a terminal), takes what
 *    the guest wrote before it came (the ring drained, the text in the log); text typed on the
 *    terminal reaches in[] and the guest's port fires while the guest is paused; unpaused, the
 *    guest's banner and its capitalised echo come back on the terminal and into the log;
 *    `lamina console <domid>` shows the echo of its input and Ctrl-] ends it with exit 0,
 *    from pipes and from a terminal (raw while attached, its modes restored after);
 *  - domain "contest-bad": out_prod moved out of range, then the guest signals: the console
 *    is dropped (console/tty emptied, the daemon says so), the daemon lives on and stays idle
 *    while the guest keeps signalling;
 *  - both domains destroyed: the daemon lets go of them, they leave the domain list (no
 *    mapping keeps them), contest's terminal is gone and the daemon's descriptors are back
 *    to their count before the test.
 * Last line: "consoled-test: N passed, N failed"; exits 1 when a check failed.
 *
 *	consoled-test [--pid-file FILE] [--log-dir DIR] [--daemon-log FILE]
 * (defaults: the paths scripts/dom0/init starts lamina-consoled with).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <xen/io/console.h>
#include <xen/sched.h>

#include "consoled-guest.h"
#include "consoled/ring.h"
#include "consoled/term.h"
#include "consoled/xspath.h"
#include "libctrl/ctrl.h"
#include "libctrl/marshal.h"
#include "libstore/xs_client.h"

#define WAIT_MS 10000	    /* longest wait for the daemon, the guest or a domain's end */
#define STEP_MS 20	    /* between two looks */
#define IDLE_WINDOW_MS 1000 /* the daemon's CPU time is measured over this */
#define IDLE_MAX_TICKS 5    /* clock ticks it may use in that window */
#define MAX_MEM_KIB ((GUEST_PAGES + 4) * 4)
#define PTE_FLAGS_TABLE 0x67 /* present, writable, user, accessed, dirty */
#define PTE_FLAGS_RO 0x25    /* present, user, accessed */
#define PTE_FLAGS_RW 0x67
#define EARLY_TEXT "early: written before any backend\r\n"
#define ESCAPE "\x1d"

_Static_assert(offsetof(struct xencons_interface, out) == RING_OUT, "ring layout");
_Static_assert(offsetof(struct xencons_interface, in_cons) == RING_IN_CONS, "ring layout");
_Static_assert(offsetof(struct xencons_interface, out_prod) == RING_OUT_PROD, "ring layout");
_Static_assert(offsetof(struct shared_info, evtchn_pending) == SHINFO_EVTCHN_PENDING,
	       "shared_info layout");
_Static_assert(offsetof(struct vcpu_info, evtchn_upcall_mask) == SHINFO_UPCALL_MASK,
	       "vcpu_info layout");
_Static_assert(sizeof(struct sched_poll) == DATA_SEND - DATA_POLL, "sched_poll layout");

extern const char consoled_guest_start[], consoled_guest_end[];

struct options {
	const char *pid_file, *log_dir, *daemon_log;
};

/* One test domain and our handles on it. */
struct testdom {
	const char *name;
	domid_t domid; /* 0: not created */
	xen_pfn_t mfn[GUEST_PAGES];
	xen_pfn_t shinfo_mfn;
	evtchn_port_t cons_port, kick_port, store_port;
	int kick_local;			/* our end of the kick channel, or -1 */
	struct xencons_interface *ring; /* its ring page, mapped by us */
	volatile uint8_t *data;		/* its data page */
	struct shared_info *shinfo;	/* its shared_info */
	char tty[CONSOLED_PATH_BYTES];	/* the terminal the daemon made */
};

struct test {
	const struct options *opt;
	struct ctrl *c;
	struct ctrl_evtchn *e;
	struct xs_handle *xs;
	pid_t daemon;
	unsigned int passed, failed;
};

/* ---- reporting ---- */

static bool check(struct test *t, bool ok, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static bool check(struct test *t, bool ok, const char *what, const char *fmt, ...)
{
	va_list ap;

	printf("%s: consoled: %s", ok ? "PASS" : "FAIL", what);
	if (fmt) {
		fputs(ok ? " (" : ": ", stdout);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		fputs(ok ? ")" : "", stdout);
	}
	putchar('\n');
	fflush(stdout);
	*(ok ? &t->passed : &t->failed) += 1;
	return ok;
}

/* A step that must work for the rest: reports only a failure, with errno. */
static bool step(struct test *t, long rc, const char *what)
{
	if (rc >= 0)
		return true;
	return check(t, false, what, "failed: %s", strerror(errno));
}

static void sleep_ms(unsigned int ms)
{
	poll(NULL, 0, (int)ms);
}

/* Call @cond(@arg) every STEP_MS until it is true or @ms pass. Returns its last answer. */
static bool wait_for(bool (*cond)(struct test *, void *), struct test *t, void *arg,
		     unsigned int ms)
{
	long long end = consoled_now_ms() + ms;

	while (!cond(t, arg)) {
		if (consoled_now_ms() > end)
			return false;
		sleep_ms(STEP_MS);
	}
	return true;
}

/* ---- building a domain ---- */

/* The contents of guest page @pfn. */
static void fill_page(const struct testdom *d, unsigned int pfn, uint8_t *pg,
		      const struct xen_domctl_getdomaininfo *info)
{
	uint64_t *pte = (uint64_t *)pg;
	uint32_t *word = (uint32_t *)pg;

	memset(pg, 0, CTRL_PAGE_BYTES);
	switch (pfn) {
	case PFN_L4:
		pte[0] = (d->mfn[PFN_L3] << 12) | PTE_FLAGS_TABLE;
		break;
	case PFN_L3:
		pte[0] = (d->mfn[PFN_L2] << 12) | PTE_FLAGS_TABLE;
		break;
	case PFN_L2:
		pte[GUEST_BASE >> 21] = (d->mfn[PFN_L1] << 12) | PTE_FLAGS_TABLE;
		break;
	case PFN_L1:
		for (unsigned int i = 0; i < GUEST_PAGES; i++)
			pte[i] =
			    (d->mfn[i] << 12) | (i < NR_PT_FRAMES ? PTE_FLAGS_RO : PTE_FLAGS_RW);
		pte[SLOT_SHINFO] = (d->shinfo_mfn << 12) | PTE_FLAGS_RW;
		break;
	case PFN_CODE:
		memcpy(pg, consoled_guest_start,
		       (size_t)(consoled_guest_end - consoled_guest_start));
		break;
	case PFN_DATA: {
		struct sched_poll *p = (struct sched_poll *)(pg + DATA_POLL);

		word[DATA_CONS_PORT / 4] = d->cons_port;
		word[DATA_KICK_PORT / 4] = d->kick_port;
		word[DATA_PORTS / 4] = d->cons_port;
		word[DATA_PORTS / 4 + 1] = d->kick_port;
		p->ports = (evtchn_port_t *)(uintptr_t)(GUEST_VA(PFN_DATA) + DATA_PORTS);
		p->nr_ports = 2;
		word[DATA_SHUTDOWN / 4] = SHUTDOWN_poweroff;
		break;
	}
	case PFN_START_INFO: {
		start_info_t *si = (start_info_t *)pg;

		memcpy(si->magic, "xen-3.0-x86_64", 15);
		si->nr_pages = GUEST_PAGES;
		si->shared_info = info->shared_info_frame << 12;
		si->store_mfn = d->mfn[PFN_STORE];
		si->store_evtchn = d->store_port;
		si->console.domU.mfn = d->mfn[PFN_RING];
		si->console.domU.evtchn = d->cons_port;
		si->pt_base = GUEST_VA(PFN_L4);
		si->nr_pt_frames = NR_PT_FRAMES;
		break;
	}
	case PFN_RING: /* what a guest wrote before any backend listened */
		consoled_ring_write_out((struct xencons_interface *)pg, EARLY_TEXT,
					strlen(EARLY_TEXT));
		break;
	}
}

static bool create(struct test *t, struct testdom *d)
{
	struct xen_domctl_createdomain cfg;

	ctrl_createdomain_pv(&cfg, 1);
	if (!step(t, ctrl_domain_create(t->c, &d->domid, &cfg), "domctl createdomain"))
		return false;
	for (unsigned int i = 0; i < GUEST_PAGES; i++)
		d->mfn[i] = i;
	return step(t, ctrl_domain_max_vcpus(t->c, d->domid, 1), "domctl max_vcpus") &&
	       step(t, ctrl_domain_max_mem(t->c, d->domid, MAX_MEM_KIB), "domctl max_mem") &&
	       step(t,
		    ctrl_populate_physmap(t->c, d->domid, GUEST_PAGES, 0, 0, d->mfn) == GUEST_PAGES
			? 0
			: -1,
		    "memory_op populate_physmap") &&
	       step(t, ctrl_evtchn_alloc_unbound(t->c, d->domid, 0, &d->cons_port),
		    "evtchn alloc_unbound (console)") &&
	       step(t, ctrl_evtchn_alloc_unbound(t->c, d->domid, 0, &d->kick_port),
		    "evtchn alloc_unbound (kick)") &&
	       step(t, ctrl_evtchn_alloc_unbound(t->c, d->domid, 0, &d->store_port),
		    "evtchn alloc_unbound (xenstore)");
}

/* Every page written through one foreign mapping, which goes before the tables are pinned. */
static bool write_pages(struct test *t, struct testdom *d)
{
	struct xen_domctl_getdomaininfo info;
	uint8_t *pages;

	if (!step(t, ctrl_domain_getinfo(t->c, d->domid, &info), "domctl getdomaininfo"))
		return false;
	d->shinfo_mfn = info.shared_info_frame;
	pages = ctrl_map_foreign(t->c, d->domid, PROT_READ | PROT_WRITE, d->mfn, NULL, GUEST_PAGES);
	if (!step(t, pages ? 0 : -1, "privcmd: map the new domain's pages"))
		return false;
	for (unsigned int pfn = 0; pfn < GUEST_PAGES; pfn++)
		fill_page(d, pfn, pages + pfn * CTRL_PAGE_BYTES, &info);
	ctrl_unmap_foreign(pages, GUEST_PAGES);
	return true;
}

/* Grant references 0 (console) and 1 (xenstore) to dom0, as Xen's domain builder seeds them. */
static bool seed_grants(struct test *t, struct testdom *d)
{
	grant_entry_v1_t *table =
	    ctrl_map_resource(t->c, d->domid, XENMEM_resource_grant_table,
			      XENMEM_resource_grant_table_id_shared, 0, 1, PROT_READ | PROT_WRITE);
	const unsigned int pfn[] = {
	    [GNTTAB_RESERVED_CONSOLE] = PFN_RING, [GNTTAB_RESERVED_XENSTORE] = PFN_STORE};

	if (!step(t, table ? 0 : -1, "privcmd MMAP_RESOURCE: the domain's grant table"))
		return false;
	for (unsigned int ref = 0; ref < 2; ref++) {
		table[ref].domid = 0;
		table[ref].frame = (uint32_t)d->mfn[pfn[ref]];
		__atomic_store_n(&table[ref].flags, GTF_permit_access, __ATOMIC_RELEASE);
	}
	ctrl_unmap_foreign(table, 1);
	return true;
}

/* M2P entries, the L4 pinned, vCPU 0's context: the domain is ready to run. */
static bool make_runnable(struct test *t, struct testdom *d)
{
	struct mmu_update m2p[GUEST_PAGES];
	struct mmuext_op pin;
	vcpu_guest_context_t ctxt;

	for (unsigned int i = 0; i < GUEST_PAGES; i++)
		m2p[i] = ctrl_mmu_machphys(d->mfn[i], i);
	ctrl_mmuext_pin(&pin, 4, d->mfn[PFN_L4]);
	memset(&ctxt, 0, sizeof(ctxt));
	ctxt.flags = VGCF_in_kernel | VGCF_online;
	ctxt.user_regs.rip = GUEST_VA(PFN_CODE);
	ctxt.user_regs.rsp = GUEST_VA(PFN_STACK + 1);
	ctxt.user_regs.rsi = GUEST_VA(PFN_START_INFO);
	ctxt.user_regs.cs = FLAT_KERNEL_CS;
	ctxt.user_regs.ss = FLAT_KERNEL_SS;
	ctxt.user_regs.rflags = 0x200;
	ctxt.kernel_ss = FLAT_KERNEL_SS;
	ctxt.kernel_sp = GUEST_VA(PFN_STACK + 1);
	ctxt.ctrlreg[3] = xen_pfn_to_cr3(d->mfn[PFN_L4]);
	return step(t, ctrl_mmu_update(t->c, d->domid, m2p, GUEST_PAGES, NULL),
		    "mmu_update: the M2P entries") &&
	       step(t, ctrl_mmuext_op(t->c, d->domid, &pin, 1, NULL), "mmuext_op: pin the L4") &&
	       step(t, ctrl_vcpu_setcontext(t->c, d->domid, 0, &ctxt), "domctl setvcpucontext");
}

/* Our own mappings of its ring, data page and shared_info, and our end of the kick port. */
static bool attach_test_side(struct test *t, struct testdom *d)
{
	d->ring =
	    ctrl_map_foreign(t->c, d->domid, PROT_READ | PROT_WRITE, &d->mfn[PFN_RING], NULL, 1);
	d->data =
	    ctrl_map_foreign(t->c, d->domid, PROT_READ | PROT_WRITE, &d->mfn[PFN_DATA], NULL, 1);
	d->shinfo =
	    ctrl_map_foreign(t->c, d->domid, PROT_READ | PROT_WRITE, &d->shinfo_mfn, NULL, 1);
	if (!step(t, d->ring && d->data ? 0 : -1, "privcmd: map the ring and data pages") ||
	    !step(t, d->shinfo ? 0 : -1, "privcmd: map the domain's shared_info"))
		return false;
	/* Events are for the guest to poll; an upcall would find no handler. */
	d->shinfo->vcpu_info[0].evtchn_upcall_mask = 1;
	d->kick_local = ctrl_evtchn_bind_interdomain(t->e, d->domid, d->kick_port);
	return step(t, d->kick_local, "evtchn: bind the kick port");
}

static int xs_printf(struct test *t, domid_t domid, const char *rel, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int xs_printf(struct test *t, domid_t domid, const char *rel, const char *fmt, ...)
{
	char path[CONSOLED_PATH_BYTES], value[64];
	va_list ap;

	consoled_xs_path(path, sizeof(path), domid, rel);
	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	return xs_write(t->xs, XS_TX_NONE, path, value, (unsigned int)strlen(value));
}

/* The nodes Xen 4.17's libxl writes for a PV domain's console, then XS_INTRODUCE. */
static bool publish(struct test *t, struct testdom *d)
{
	int rc = xs_printf(t, d->domid, CONSOLED_XS_NAME, "%s", d->name);

	rc = rc ?: xs_printf(t, d->domid, "console/backend-id", "0");
	rc = rc ?: xs_printf(t, d->domid, CONSOLED_XS_LIMIT, "%lu", CONSOLED_LIMIT_DEFAULT_BYTES);
	rc = rc ?: xs_printf(t, d->domid, CONSOLED_XS_TYPE, "%s", CONSOLED_TYPE);
	rc = rc ?: xs_printf(t, d->domid, "console/output", "pty");
	rc = rc ?: xs_printf(t, d->domid, CONSOLED_XS_TTY, "%s", "");
	rc = rc ?: xs_printf(t, d->domid, CONSOLED_XS_PORT, "%u", d->cons_port);
	rc = rc ?: xs_printf(t, d->domid, CONSOLED_XS_RING_REF, "%lu", d->mfn[PFN_RING]);
	rc = rc ?: xs_introduce_domain(t->xs, d->domid, d->mfn[PFN_STORE], d->store_port);
	errno = -rc;
	return step(t, rc ? -1 : 0, "xenstore: the console's nodes and XS_INTRODUCE");
}

static bool build(struct test *t, struct testdom *d)
{
	d->kick_local = -1;
	return create(t, d) && write_pages(t, d) && seed_grants(t, d) && make_runnable(t, d) &&
	       attach_test_side(t, d) && publish(t, d);
}

/* ---- what the daemon shows ---- */

/* The value of console/tty into d->tty; true when it names a terminal. */
static bool tty_named(struct test *t, void *arg)
{
	struct testdom *d = arg;
	char path[CONSOLED_PATH_BYTES], *value = NULL;

	consoled_xs_path(path, sizeof(path), d->domid, CONSOLED_XS_TTY);
	d->tty[0] = '\0';
	if (xs_read(t->xs, XS_TX_NONE, path, &value, NULL) == 0)
		snprintf(d->tty, sizeof(d->tty), "%s", value);
	free(value);
	return d->tty[0] != '\0';
}

static bool tty_emptied(struct test *t, void *arg)
{
	return !tty_named(t, arg);
}

static bool ring_drained(struct test *t, void *arg)
{
	struct testdom *d = arg;

	return __atomic_load_n(&d->ring->out_cons, __ATOMIC_ACQUIRE) ==
	       __atomic_load_n(&d->ring->out_prod, __ATOMIC_ACQUIRE);
}

/* Whether file @path contains @text (read whole; the files here are small). */
static bool file_has(const char *path, const char *text)
{
	static char buf[65536];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return strstr(buf, text) != NULL;
}

struct file_text {
	char path[256];
	const char *text;
};

static bool file_text_there(struct test *t, void *arg)
{
	struct file_text *f = arg;

	return file_has(f->path, f->text);
}

static void guest_log(const struct test *t, const struct testdom *d, struct file_text *f,
		      const char *text)
{
	consoled_log_path(f->path, sizeof(f->path), t->opt->log_dir, d->name, d->domid);
	f->text = text;
}

/* The daemon's CPU time in clock ticks (utime + stime of /proc/<pid>/stat), or -1. */
static long daemon_ticks(const struct test *t)
{
	char path[64], buf[512], *p;
	unsigned long utime, stime;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)t->daemon);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	p = strrchr(buf, ')');
	/* After the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt
	 * cmajflt utime stime. */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime,
			 &stime) != 2)
		return -1;
	return (long)(utime + stime);
}

/* The daemon's open descriptors (entries of /proc/<pid>/fd), or -1. */
static int daemon_fds(const struct test *t)
{
	char path[64];
	struct dirent *e;
	int n = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)t->daemon);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((e = readdir(dir)))
		n += e->d_name[0] != '.';
	closedir(dir);
	return n;
}

/* ---- the terminal ---- */

struct term {
	int fd;
	char seen[4096]; /* what was read so far */
	size_t len;
};

/* Read what the terminal has until @text was seen (true) or @ms passed. */
static bool term_expect(struct term *tm, const char *text, unsigned int ms)
{
	long long end = consoled_now_ms() + ms;

	while (!memmem(tm->seen, tm->len, text, strlen(text))) {
		long long left = end - consoled_now_ms();
		struct pollfd p = {.fd = tm->fd, .events = POLLIN};
		ssize_t n;

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			return false;
		if (tm->len == sizeof(tm->seen))
			tm->len = 0; /* keep the newest */
		n = read(tm->fd, tm->seen + tm->len, sizeof(tm->seen) - tm->len);
		if (n <= 0)
			return false;
		tm->len += (size_t)n;
	}
	return true;
}

/* What was seen, printable, for messages. */
static const char *term_seen(const struct term *tm)
{
	static char out[200];
	size_t j = 0;

	for (size_t i = tm->len > 60 ? tm->len - 60 : 0; i < tm->len && j + 5 < sizeof(out); i++)
		j += (size_t)snprintf(out + j, sizeof(out) - j,
				      tm->seen[i] >= ' ' && tm->seen[i] < 0x7f ? "%c" : "\\x%02x",
				      (unsigned char)tm->seen[i]);
	out[j] = '\0';
	return out;
}

/* ---- the checks ---- */

static void kick(struct test *t, struct testdom *d, uint32_t cmd)
{
	__atomic_store_n((uint32_t *)(d->data + DATA_CMD), cmd, __ATOMIC_RELEASE);
	ctrl_evtchn_notify(t->e, (evtchn_port_t)d->kick_local);
}

static bool input_queued(struct test *t, void *arg)
{
	struct testdom *d = arg;

	return d->ring->in_prod - d->ring->in_cons == 6 && !memcmp(d->ring->in, "hello\r", 6);
}

static unsigned long *pending_word(struct testdom *d, evtchn_port_t port)
{
	return (unsigned long *)d->shinfo->evtchn_pending + port / 64;
}

static bool console_port_pending(struct test *t, void *arg)
{
	struct testdom *d = arg;

	return __atomic_load_n(pending_word(d, d->cons_port), __ATOMIC_ACQUIRE) &
	       (1UL << (d->cons_port % 64));
}

/* consoled connects: console/tty, the early text drained from the ring and logged. */
static void connect_checks(struct test *t, struct testdom *d)
{
	bool ok;
	struct file_text log;

	guest_log(t, d, &log, EARLY_TEXT);
	ok = wait_for(tty_named, t, d, WAIT_MS);
	check(t, ok, "lamina-consoled writes console/tty", "'%s'", d->tty);
	ok = wait_for(ring_drained, t, d, WAIT_MS);
	check(t, ok, "output written before the backend came is taken from the ring",
	      "out_cons %u, out_prod %u", d->ring->out_cons, d->ring->out_prod);
	ok = wait_for(file_text_there, t, &log, WAIT_MS);
	check(t, ok, "and it is in the guest's log", "%s", log.path);
}

/* Typed text reaches in[] and the guest's port (the guest still paused). */
static void input_checks(struct test *t, struct testdom *d, struct term *tm)
{
	bool ok;

	tm->fd = open(d->tty, O_RDWR | O_NOCTTY);
	if (!step(t, tm->fd, "open the domain's terminal"))
		return;
	consoled_make_raw(tm->fd, NULL);
	/* The daemon signalled when it took the early text: start from a clear bit. */
	__atomic_fetch_and(pending_word(d, d->cons_port), ~(1UL << (d->cons_port % 64)),
			   __ATOMIC_SEQ_CST);
	ok = consoled_write_all(tm->fd, "hello\r", 6) == 0 && wait_for(input_queued, t, d, WAIT_MS);
	check(t, ok, "text typed on the terminal reaches the ring's in[]", "in_cons %u, in_prod %u",
	      d->ring->in_cons, d->ring->in_prod);
	ok = wait_for(console_port_pending, t, d, WAIT_MS);
	check(t, ok, "and the guest's console port fires", "port %u pending", d->cons_port);
}

/* The guest runs: its banner, then its echo of "hello", on the terminal and in the log. */
static void guest_checks(struct test *t, struct testdom *d, struct term *tm)
{
	bool ok;
	struct file_text log;

	if (!step(t, ctrl_domain_unpause(t->c, d->domid), "domctl unpausedomain"))
		return;
	ok = term_expect(tm, GUEST_BANNER, WAIT_MS);
	check(t, ok, "the running guest's banner on the terminal", "seen '%s', guest loops %u",
	      term_seen(tm), *(volatile uint32_t *)(d->data + DATA_LOOPS));
	ok = term_expect(tm, "HELLO\r", WAIT_MS);
	check(t, ok, "the guest's echo of the typed text", "seen '%s'", term_seen(tm));
	guest_log(t, d, &log, "HELLO");
	ok = wait_for(file_text_there, t, &log, WAIT_MS);
	check(t, ok, "the echo is in the guest's log", "%s", log.path);
	ok = consoled_write_all(tm->fd, "ping\r", 5) == 0 && term_expect(tm, "PING\r", WAIT_MS);
	check(t, ok, "a second round trip", "seen '%s'", term_seen(tm));
	close(tm->fd);
	tm->fd = -1;
}

/* Read from @fd until @text or @ms; into @tm (reused for messages). */
static bool child_output(int fd, struct term *tm, const char *text, unsigned int ms)
{
	tm->fd = fd;
	return term_expect(tm, text, ms);
}

/* `lamina console <domid>` on @in and @out; the child closes @other, our ends. */
static pid_t start_console(const struct testdom *d, int in, int out, const int other[2])
{
	char domid[16];
	pid_t pid = fork();

	if (pid)
		return pid;
	snprintf(domid, sizeof(domid), "%u", d->domid);
	dup2(in, STDIN_FILENO);
	dup2(out, STDOUT_FILENO);
	close(other[0]);
	close(other[1]);
	execlp("lamina", "lamina", "console", domid, (char *)NULL);
	_exit(127);
}

/* Send Ctrl-] on @fd and wait for @pid's end; its status (SIGKILLed when it would not end). */
static int detach_console(int fd, pid_t pid)
{
	int status = -1;

	consoled_write_all(fd, ESCAPE, 1);
	for (int i = 0; i < WAIT_MS / STEP_MS && waitpid(pid, &status, WNOHANG) == 0; i++)
		sleep_ms(STEP_MS);
	if (status == -1) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	return status;
}

/* `lamina console <domid>` with pipes for its standard input and output. */
static void cli_pipe_checks(struct test *t, struct testdom *d)
{
	int in[2], out[2], status;
	struct term tm = {.fd = -1};
	pid_t pid;
	bool ok;

	if (!step(t, pipe(in) || pipe(out) ? -1 : 0, "pipes for lamina console"))
		return;
	pid = start_console(d, in[0], out[1], (int[2]){in[1], out[0]});
	close(in[0]);
	close(out[1]);
	consoled_write_all(in[1], "abc\r", 4);
	ok = child_output(out[0], &tm, "ABC\r", WAIT_MS);
	check(t, ok, "lamina console: the domain's echo of what it is given", "seen '%s'",
	      term_seen(&tm));
	status = detach_console(in[1], pid);
	check(t, WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "lamina console: Ctrl-] detaches with exit 0", "status %#x", status);
	close(in[1]);
	close(out[0]);
}

static bool line_mode(int fd)
{
	struct termios tio;

	return tcgetattr(fd, &tio) == 0 && (tio.c_lflag & (ICANON | ECHO)) == (ICANON | ECHO);
}

static bool raw_mode(struct test *t, void *arg)
{
	return !line_mode(*(int *)arg);
}

/*
 * `lamina console <domid>` on a terminal of ours, as a user runs it: raw mode while
 * attached (no local echo, CR passed as typed), the terminal's modes back after Ctrl-].
 */
static void cli_tty_checks(struct test *t, struct testdom *d)
{
	int fds[2] = {posix_openpt(O_RDWR | O_NOCTTY), -1}, status;
	struct term tm = {.fd = -1};
	bool ok, was_line, raw;
	pid_t pid;

	if (fds[0] >= 0 && !grantpt(fds[0]) && !unlockpt(fds[0]))
		fds[1] = open(ptsname(fds[0]), O_RDWR | O_NOCTTY);
	if (!step(t, fds[1], "a terminal for lamina console"))
		return;
	was_line = line_mode(fds[1]);
	pid = start_console(d, fds[1], fds[1], fds);
	raw = wait_for(raw_mode, t, &fds[1], WAIT_MS); /* typing before would be cooked */
	consoled_write_all(fds[0], "xyz\r", 4);
	ok = child_output(fds[0], &tm, "XYZ\r", WAIT_MS);
	check(t, ok && raw && !memmem(tm.seen, tm.len, "xyz", 3),
	      "lamina console on a terminal: raw mode, no local echo", "seen '%s'%s",
	      term_seen(&tm), raw ? "" : ", still in line mode");
	status = detach_console(fds[0], pid);
	check(t, WIFEXITED(status) && WEXITSTATUS(status) == 0 && was_line && line_mode(fds[1]),
	      "lamina console on a terminal: Ctrl-] restores the terminal's modes", "status %#x",
	      status);
	close(fds[0]);
	close(fds[1]);
}

static bool acked(struct test *t, void *arg)
{
	struct testdom *d = arg;

	return __atomic_load_n((uint32_t *)(d->data + DATA_ACKS), __ATOMIC_ACQUIRE) > 0;
}

/* A corrupt ring: the console goes, the daemon stays, and stays quiet. */
static void corrupt_checks(struct test *t, struct testdom *d)
{
	bool ok;
	struct file_text msg = {.text = "console dropped"};
	long before, used;

	snprintf(msg.path, sizeof(msg.path), "%s", t->opt->daemon_log);
	if (!wait_for(tty_named, t, d, WAIT_MS) ||
	    !step(t, ctrl_domain_unpause(t->c, d->domid), "domctl unpausedomain (contest-bad)"))
		return;
	wait_for(ring_drained, t, d, WAIT_MS);
	d->ring->out_prod = d->ring->out_cons + 3 * sizeof(d->ring->out);
	kick(t, d, GUEST_CMD_SIGNAL);
	ok = wait_for(acked, t, d, WAIT_MS);
	check(t, ok, "the guest signals its console port on command", NULL);
	ok = wait_for(tty_emptied, t, d, WAIT_MS);
	check(t, ok, "out-of-range indices drop the console (console/tty emptied)", "tty '%s'",
	      d->tty);
	ok = wait_for(file_text_there, t, &msg, WAIT_MS);
	check(t, ok, "and the daemon says why", "%s", msg.path);
	check(t, kill(t->daemon, 0) == 0, "lamina-consoled lives on", "pid %d", (int)t->daemon);
	before = daemon_ticks(t);
	for (unsigned int i = 0; i < 20; i++) {
		kick(t, d, GUEST_CMD_SIGNAL);
		sleep_ms(IDLE_WINDOW_MS / 20);
	}
	used = daemon_ticks(t) - before;
	check(t, before >= 0 && used <= IDLE_MAX_TICKS,
	      "the daemon stays idle while the broken guest signals", "%ld ticks in %u ms", used,
	      IDLE_WINDOW_MS);
}

static bool domain_gone(struct test *t, void *arg)
{
	struct xen_domctl_getdomaininfo info;
	struct testdom *d = arg;

	return ctrl_domain_getinfo(t->c, d->domid, &info) != 0 && errno == ESRCH;
}

/* Let go of our side of a domain, destroy it and remove its nodes, as a toolstack does. */
static void destroy(struct test *t, struct testdom *d)
{
	char path[CONSOLED_PATH_BYTES];

	if (d->ring)
		ctrl_unmap_foreign(d->ring, 1);
	if (d->data)
		ctrl_unmap_foreign((void *)d->data, 1);
	if (d->shinfo)
		ctrl_unmap_foreign(d->shinfo, 1);
	d->ring = NULL;
	d->data = NULL;
	d->shinfo = NULL;
	if (d->kick_local >= 0)
		ctrl_evtchn_unbind(t->e, (evtchn_port_t)d->kick_local);
	d->kick_local = -1;
	if (!d->domid)
		return;
	ctrl_domain_destroy(t->c, d->domid);
	snprintf(path, sizeof(path), "/local/domain/%u", d->domid);
	xs_rm(t->xs, XS_TX_NONE, path);
}

static void end_checks(struct test *t, struct testdom *good, struct testdom *bad, int fds)
{
	bool ok;
	char gone[64];
	struct file_text msg;

	snprintf(msg.path, sizeof(msg.path), "%s", t->opt->daemon_log);
	snprintf(gone, sizeof(gone), "d%u: gone", good->domid);
	msg.text = gone;
	destroy(t, good);
	destroy(t, bad);
	ok = wait_for(domain_gone, t, good, WAIT_MS);
	check(t, ok, "destroyed, it leaves the domain list (nothing maps its pages any more)",
	      "d%u", good->domid);
	ok = wait_for(domain_gone, t, bad, WAIT_MS);
	check(t, ok, "so does contest-bad", "d%u", bad->domid);
	ok = wait_for(file_text_there, t, &msg, WAIT_MS);
	check(t, ok, "the daemon lets go of it", "'%s' in %s", gone, msg.path);
	check(t, good->tty[0] && access(good->tty, F_OK) && errno == ENOENT,
	      "its terminal is closed", "%s", good->tty);
	sleep_ms(STEP_MS * 10);
	check(t, daemon_fds(t) == fds, "the daemon's descriptors are back to the count before",
	      "%d, before %d", daemon_fds(t), fds);
}

/* ---- main ---- */

static pid_t read_pid(const char *file)
{
	FILE *f = fopen(file, "r");
	long pid = 0;

	if (f) {
		if (fscanf(f, "%ld", &pid) != 1)
			pid = 0;
		fclose(f);
	}
	return (pid_t)pid;
}

static void parse_args(int argc, char **argv, struct options *opt)
{
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--pid-file"))
			opt->pid_file = argv[i + 1];
		else if (!strcmp(argv[i], "--log-dir"))
			opt->log_dir = argv[i + 1];
		else if (!strcmp(argv[i], "--daemon-log"))
			opt->daemon_log = argv[i + 1];
	}
}

static bool open_handles(struct test *t)
{
	int rc;

	t->daemon = read_pid(t->opt->pid_file);
	if (!check(t, t->daemon > 0 && kill(t->daemon, 0) == 0, "lamina-consoled is running",
		   "pid %d from %s", (int)t->daemon, t->opt->pid_file))
		return false;
	t->c = ctrl_open();
	t->e = ctrl_evtchn_open(true);
	rc = xs_open(&t->xs);
	errno = -rc;
	return step(t, t->c ? 0 : -1, "open privcmd") && step(t, t->e ? 0 : -1, "open evtchn") &&
	       step(t, rc ? -1 : 0, "open xenstore");
}

int main(int argc, char **argv)
{
	struct options opt = {.pid_file = "/var/run/lamina-consoled.pid",
			      .log_dir = CONSOLED_LOG_DIR,
			      .daemon_log = "/var/log/lamina/consoled.log"};
	struct test t = {.opt = &opt};
	struct testdom good = {.name = "contest", .kick_local = -1},
		       bad = {.name = "contest-bad", .kick_local = -1};
	struct term tm = {.fd = -1};
	int fds = -1;

	parse_args(argc, argv, &opt);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (open_handles(&t)) {
		fds = daemon_fds(&t);
		if (build(&t, &good)) {
			connect_checks(&t, &good);
			input_checks(&t, &good, &tm);
			if (tm.fd >= 0)
				guest_checks(&t, &good, &tm);
			cli_pipe_checks(&t, &good);
			cli_tty_checks(&t, &good);
		}
		if (build(&t, &bad))
			corrupt_checks(&t, &bad);
		end_checks(&t, &good, &bad, fds);
	}
	printf("consoled-test: %u passed, %u failed\n", t.passed, t.failed);
	return t.failed ? 1 : 0;
}
