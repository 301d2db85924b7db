/*
 * platform.c - lamina-stored's system calls: devices, mappings, hypercalls, sockets and the
 * main loop (see platform.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <xen/domctl.h>
#include <xen/grant_table.h>
#include <xen/sys/evtchn.h>
#include <xen/sys/gntdev.h>
#include <xen/sys/privcmd.h>
#include <xen/sysctl.h>
#include <xen/xen.h>

#include "stored/platform.h"

#define PAGE_BYTES 4096
#define MAX_MAPPINGS 256 /* ring pages mapped at once */
#define LISTEN_BACKLOG 16

enum map_kind { MAP_NONE, MAP_XENFS, MAP_GNTDEV, MAP_PRIVCMD };

/* One mapped ring page and how to let it go. */
struct mapping {
	enum map_kind kind;
	void *addr;
	uint64_t gnt_index; /* MAP_GNTDEV: the gntdev offset */
};

/* One socket connection. */
struct client {
	int fd;
	struct stored_conn *conn;
};

struct stored_platform {
	FILE *log;
	int evtchn_fd, gntdev_fd, privcmd_fd, listen_fd;
	int virq_port; /* VIRQ_DOM_EXC's local port, -1: none */
	struct mapping maps[MAX_MAPPINGS];
	struct client *clients;
	size_t nclients;
	struct xen_sysctl *sysctl; /* one mlock'd page: the sysctl, then the domain's info */
	char sockpath[108];
};

/* ---- logging ---- */

static void plat_log(void *priv, const char *line)
{
	struct stored_platform *p = priv;
	struct timespec ts;

	if (!p->log)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	fprintf(p->log, "[%lld.%03ld] %s\n", (long long)ts.tv_sec, ts.tv_nsec / 1000000, line);
	fflush(p->log);
}

static void plat_logf(struct stored_platform *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void plat_logf(struct stored_platform *p, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	plat_log(p, line);
}

/* ---- event channels (/dev/xen/evtchn) ---- */

static int plat_bind(void *priv, unsigned int domid, evtchn_port_t remote)
{
	struct stored_platform *p = priv;
	struct ioctl_evtchn_bind_interdomain b = {.remote_domain = domid, .remote_port = remote};
	int rc;

	if (p->evtchn_fd < 0)
		return -ENODEV;
	rc = ioctl(p->evtchn_fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &b);
	if (rc < 0) {
		rc = -errno;
		plat_logf(p, "d%u: bind_interdomain of port %u failed (%d)", domid, remote, rc);
	}
	return rc;
}

static void plat_unbind(void *priv, evtchn_port_t port)
{
	struct stored_platform *p = priv;
	struct ioctl_evtchn_unbind u = {.port = port};

	if (p->evtchn_fd >= 0 && ioctl(p->evtchn_fd, IOCTL_EVTCHN_UNBIND, &u) < 0)
		plat_logf(p, "unbind of local port %u failed (%d)", port, -errno);
}

static void plat_notify(void *priv, evtchn_port_t port)
{
	struct stored_platform *p = priv;
	struct ioctl_evtchn_notify n = {.port = port};

	if (p->evtchn_fd >= 0)
		ioctl(p->evtchn_fd, IOCTL_EVTCHN_NOTIFY, &n);
}

int stored_platform_watch_domains(struct stored_platform *p)
{
	struct ioctl_evtchn_bind_virq b = {.virq = VIRQ_DOM_EXC};
	int rc;

	if (p->evtchn_fd < 0)
		return -ENODEV;
	rc = ioctl(p->evtchn_fd, IOCTL_EVTCHN_BIND_VIRQ, &b);
	if (rc < 0)
		return -errno;
	p->virq_port = rc;
	plat_logf(p, "VIRQ_DOM_EXC on local port %d", rc);
	return 0;
}

/* ---- ring pages ---- */

static struct mapping *free_mapping(struct stored_platform *p)
{
	for (int i = 0; i < MAX_MAPPINGS; i++)
		if (p->maps[i].kind == MAP_NONE)
			return &p->maps[i];
	return NULL;
}

static void *map_xenfs(struct stored_platform *p, int *err)
{
	int fd = open(STORED_XSD_KVA, O_RDWR | O_CLOEXEC);
	void *addr;

	if (fd < 0) {
		*err = -errno;
		return NULL;
	}
	addr = mmap(NULL, PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	*err = addr == MAP_FAILED ? -errno : 0;
	close(fd);
	return addr == MAP_FAILED ? NULL : addr;
}

/* Grant reference GNTTAB_RESERVED_XENSTORE of @domid, through gntdev. */
static void *map_grant(struct stored_platform *p, unsigned int domid, struct mapping *m, int *err)
{
	struct ioctl_gntdev_map_grant_ref g = {
	    .count = 1,
	    .refs[0] = {.domid = domid, .ref = GNTTAB_RESERVED_XENSTORE},
	};
	struct ioctl_gntdev_unmap_grant_ref u = {.count = 1};
	void *addr;

	if (p->gntdev_fd < 0 || ioctl(p->gntdev_fd, IOCTL_GNTDEV_MAP_GRANT_REF, &g) < 0) {
		*err = p->gntdev_fd < 0 ? -ENODEV : -errno;
		return NULL;
	}
	addr = mmap(NULL, PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, p->gntdev_fd, g.index);
	if (addr == MAP_FAILED) {
		*err = -errno;
		u.index = g.index;
		ioctl(p->gntdev_fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
		return NULL;
	}
	m->gnt_index = g.index;
	return addr;
}

/* Frame @mfn of @domid, through a privcmd foreign mapping. */
static void *map_foreign(struct stored_platform *p, unsigned int domid, uint64_t mfn, int *err)
{
	xen_pfn_t frame = mfn;
	int ferr = 0;
	struct privcmd_mmapbatch_v2 batch = {
	    .num = 1, .dom = (domid_t)domid, .arr = &frame, .err = &ferr};
	void *addr;

	if (p->privcmd_fd < 0) {
		*err = -ENODEV;
		return NULL;
	}
	addr = mmap(NULL, PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, p->privcmd_fd, 0);
	if (addr == MAP_FAILED) {
		*err = -errno;
		return NULL;
	}
	batch.addr = (uint64_t)(uintptr_t)addr;
	if (ioctl(p->privcmd_fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &batch) < 0 || ferr) {
		*err = ferr ? ferr : -errno;
		munmap(addr, PAGE_BYTES);
		return NULL;
	}
	return addr;
}

static struct xenstore_domain_interface *plat_map(void *priv, unsigned int domid, uint64_t mfn,
						  int *err)
{
	struct stored_platform *p = priv;
	struct mapping *m = free_mapping(p);
	int gerr = 0;

	if (!m) {
		*err = -ENOSPC;
		return NULL;
	}
	if (domid == 0) {
		m->addr = map_xenfs(p, err);
		m->kind = MAP_XENFS;
	} else if ((m->addr = map_grant(p, domid, m, &gerr))) {
		m->kind = MAP_GNTDEV;
	} else {
		plat_logf(p, "d%u: grant mapping failed (%d), mapping frame %#llx", domid, gerr,
			  (unsigned long long)mfn);
		m->addr = map_foreign(p, domid, mfn, err);
		m->kind = MAP_PRIVCMD;
	}
	if (!m->addr) {
		m->kind = MAP_NONE;
		plat_logf(p, "d%u: cannot map its ring page (%d)", domid, *err);
	}
	return m->addr;
}

static void plat_unmap(void *priv, unsigned int domid, struct xenstore_domain_interface *intf)
{
	struct stored_platform *p = priv;

	for (int i = 0; i < MAX_MAPPINGS; i++) {
		struct mapping *m = &p->maps[i];
		struct ioctl_gntdev_unmap_grant_ref u = {.index = m->gnt_index, .count = 1};

		if (m->kind == MAP_NONE || m->addr != intf)
			continue;
		munmap(m->addr, PAGE_BYTES);
		if (m->kind == MAP_GNTDEV)
			ioctl(p->gntdev_fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
		m->kind = MAP_NONE;
		return;
	}
}

/* ---- the hypervisor's view of a domain ---- */

static int plat_dominfo(void *priv, unsigned int domid, struct stored_dominfo *info)
{
	struct stored_platform *p = priv;
	struct xen_sysctl *op = p->sysctl;
	xen_domctl_getdomaininfo_t *di = (void *)(op + 1);
	struct privcmd_hypercall call = {.op = __HYPERVISOR_sysctl};

	if (!op)
		return 0; /* no hypervisor to ask: every domain runs */
	memset(op, 0, sizeof(*op) + sizeof(*di));
	op->cmd = XEN_SYSCTL_getdomaininfolist;
	op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
	op->u.getdomaininfolist.first_domain = (domid_t)domid;
	op->u.getdomaininfolist.max_domains = 1;
	op->u.getdomaininfolist.buffer = di;
	call.arg[0] = (uint64_t)(uintptr_t)op;
	if (ioctl(p->privcmd_fd, IOCTL_PRIVCMD_HYPERCALL, &call) < 0)
		return -errno;
	if (op->u.getdomaininfolist.num_domains < 1 || di->domain != domid)
		return -ESRCH;
	info->dying = di->flags & XEN_DOMINF_dying;
	info->shutdown = di->flags & XEN_DOMINF_shutdown;
	return 0;
}

/* ---- setting up ---- */

static int open_dev(struct stored_platform *p, const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		plat_logf(p, "%s: %s", path, strerror(errno));
	return fd;
}

/* One page for sysctl arguments, locked so that the hypervisor may write it. */
static void setup_sysctl_page(struct stored_platform *p)
{
	void *page;

	if (p->privcmd_fd < 0)
		return;
	page = mmap(NULL, PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return;
	if (mlock(page, PAGE_BYTES) < 0) {
		plat_logf(p, "mlock of the sysctl page failed: %s", strerror(errno));
		munmap(page, PAGE_BYTES);
		return;
	}
	p->sysctl = page;
}

struct stored_platform *stored_platform_new(FILE *log, struct stored_ops *ops)
{
	struct stored_platform *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->log = log;
	p->listen_fd = p->virq_port = -1;
	p->evtchn_fd = open_dev(p, "/dev/xen/evtchn");
	p->gntdev_fd = open_dev(p, "/dev/xen/gntdev");
	p->privcmd_fd = open_dev(p, "/dev/xen/privcmd");
	setup_sysctl_page(p);
	*ops = (struct stored_ops){
	    .priv = p,
	    .map_ring = plat_map,
	    .unmap_ring = plat_unmap,
	    .bind_port = plat_bind,
	    .unbind_port = plat_unbind,
	    .notify = plat_notify,
	    .domain_info = plat_dominfo,
	    .log = plat_log,
	};
	return p;
}

static void close_fd(int fd)
{
	if (fd >= 0)
		close(fd);
}

void stored_platform_free(struct stored_platform *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nclients; i++)
		close(p->clients[i].fd);
	free(p->clients);
	if (p->listen_fd >= 0) {
		close(p->listen_fd);
		unlink(p->sockpath);
	}
	if (p->sysctl)
		munmap(p->sysctl, PAGE_BYTES);
	close_fd(p->evtchn_fd);
	close_fd(p->gntdev_fd);
	close_fd(p->privcmd_fd);
	free(p);
}

int stored_platform_listen(struct stored_platform *p, const char *path)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	int fd;

	if (strlen(path) >= sizeof(addr.sun_path))
		return -ENAMETOOLONG;
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -errno;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || chmod(path, 0600) < 0 ||
	    listen(fd, LISTEN_BACKLOG) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	p->listen_fd = fd;
	strcpy(p->sockpath, path);
	return 0;
}

int stored_platform_dom0(struct stored_platform *p, struct stored *s)
{
	char buf[32];
	ssize_t n;
	int fd = open(STORED_XSD_PORT, O_RDONLY | O_CLOEXEC);
	unsigned long port;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -EINVAL;
	buf[n] = 0;
	port = strtoul(buf, NULL, 0);
	plat_logf(p, "dom0: xenstore port %lu (%s)", port, STORED_XSD_PORT);
	return stored_introduce(s, 0, 0, (evtchn_port_t)port);
}

/* ---- the main loop ---- */

static void accept_client(struct stored_platform *p, struct stored *s)
{
	int fd = accept4(p->listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	struct client *grown;
	struct stored_conn *c;

	if (fd < 0)
		return;
	grown = realloc(p->clients, (p->nclients + 1) * sizeof(*grown));
	c = grown ? stored_conn_new(s, NULL) : NULL;
	if (grown)
		p->clients = grown;
	if (!c) {
		close(fd);
		return;
	}
	p->clients[p->nclients++] = (struct client){fd, c};
}

static void drop_client(struct stored_platform *p, size_t i)
{
	stored_conn_close(p->clients[i].conn);
	close(p->clients[i].fd);
	p->clients[i] = p->clients[--p->nclients];
}

/* Read what client @i sent; false when it is gone or broke the protocol. */
static bool read_client(struct stored_platform *p, size_t i)
{
	char buf[XENSTORE_PAYLOAD_MAX];
	ssize_t n = read(p->clients[i].fd, buf, sizeof(buf));

	if (n < 0)
		return errno == EAGAIN || errno == EINTR;
	if (n == 0)
		return false;
	return stored_conn_input(p->clients[i].conn, buf, (size_t)n) == 0;
}

/* Write what is queued for client @i; false when it is gone. */
static bool write_client(struct stored_platform *p, size_t i)
{
	const void *data;
	size_t len;

	while ((len = stored_conn_output(p->clients[i].conn, &data))) {
		ssize_t n = write(p->clients[i].fd, data, len);

		if (n < 0)
			return errno == EAGAIN || errno == EINTR;
		stored_conn_advance(p->clients[i].conn, (size_t)n);
	}
	return true;
}

/* Take the fired ports; check domains on VIRQ_DOM_EXC; unmask them again. */
static void take_events(struct stored_platform *p, struct stored *s)
{
	uint32_t ports[64];
	ssize_t n = read(p->evtchn_fd, ports, sizeof(ports));
	bool check = false;

	if (n <= 0)
		return;
	for (ssize_t i = 0; i < n / 4; i++)
		check |= (int)ports[i] == p->virq_port;
	if (check)
		stored_check_domains(s);
	stored_service(s);
	if (write(p->evtchn_fd, ports, (size_t)n) != n)
		plat_logf(p, "unmasking ports failed: %s", strerror(errno));
}

/* The poll set: listener, event channels, then one entry per client. */
static size_t fill_poll(struct stored_platform *p, struct pollfd *fds)
{
	const void *data;

	fds[0] = (struct pollfd){.fd = p->listen_fd, .events = POLLIN};
	fds[1] = (struct pollfd){.fd = p->evtchn_fd, .events = POLLIN};
	for (size_t i = 0; i < p->nclients; i++) {
		fds[2 + i].fd = p->clients[i].fd;
		fds[2 + i].events = POLLIN;
		if (stored_conn_output(p->clients[i].conn, &data))
			fds[2 + i].events |= POLLOUT;
		fds[2 + i].revents = 0;
	}
	return 2 + p->nclients;
}

static void serve_clients(struct stored_platform *p, struct pollfd *fds, size_t nfds)
{
	/* Back to front: dropping client i moves the last one into its place. */
	for (size_t k = nfds; k-- > 2;) {
		size_t i = k - 2;
		short ev = fds[k].revents;

		if (ev & (POLLIN | POLLHUP | POLLERR)) {
			if (!read_client(p, i)) {
				drop_client(p, i);
				continue;
			}
		}
	}
}

static void flush_clients(struct stored_platform *p)
{
	for (size_t i = p->nclients; i-- > 0;)
		if (!write_client(p, i))
			drop_client(p, i);
}

int stored_platform_run(struct stored_platform *p, struct stored *s)
{
	struct pollfd *fds = NULL;
	bool more = stored_service(s);

	for (;;) {
		struct pollfd *grown = realloc(fds, (p->nclients + 2) * sizeof(*fds));
		size_t nfds;

		if (!grown) {
			free(fds);
			return -ENOMEM;
		}
		fds = grown;
		nfds = fill_poll(p, fds);
		if (poll(fds, nfds, more ? 0 : -1) < 0) {
			if (errno == EINTR)
				continue;
			free(fds);
			return -errno;
		}
		if (fds[1].revents & POLLIN)
			take_events(p, s);
		serve_clients(p, fds, nfds);
		if (fds[0].revents & POLLIN)
			accept_client(p, s);
		more = stored_service(s);
		flush_clients(p);
	}
}
