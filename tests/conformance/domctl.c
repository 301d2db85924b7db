/*
 * domctl.c - the control domain managing domains: createdomain and its refusals, automatic
 * domain ids, getdomaininfo (of itself, of a new domain, walking the list), max_vcpus,
 * getvcpuinfo, max_mem, setdomainhandle, pause/unpause counting, settimeoffset,
 * destroydomain, and the hypercall's own checks; sysctl's physinfo, getdomaininfolist and
 * readconsole.
 */
#include <xen/domctl.h>
#include <xen/sysctl.h>

#include "rt.h"

#define SHUTDOWN_CODE_BITS 0xffff0000U /* Xen's "no shutdown code yet" (~0) shifted into flags */

static struct xen_domctl op;
static struct xen_sysctl sop;
static struct xen_domctl_getdomaininfo list[8];

static long domctl(uint32_t cmd, domid_t dom)
{
	op.cmd = cmd;
	op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	op.domain = dom;
	return HC1(__HYPERVISOR_domctl, &op);
}

static void new_config(uint32_t max_vcpus)
{
	memset(&op, 0, sizeof(op));
	op.u.createdomain.max_vcpus = max_vcpus;
	op.u.createdomain.max_evtchn_port = 1023;
	op.u.createdomain.max_grant_frames = -1;
	op.u.createdomain.max_maptrack_frames = -1;
	op.u.createdomain.grant_opts = XEN_DOMCTL_GRANT_version(1);
	for (unsigned int i = 0; i < sizeof(op.u.createdomain.handle); i++)
		op.u.createdomain.handle[i] = (uint8_t)(i + 1);
}

/* Create a domain (auto id when dom is 0); its id, or 0 on failure (recorded). */
static domid_t create(domid_t dom, uint32_t max_vcpus)
{
	new_config(max_vcpus);
	long rc = domctl(XEN_DOMCTL_createdomain, dom);
	CHECK_RC(rc, 0, "createdomain");
	return rc ? 0 : op.domain;
}

/* Destroy dom and wait until it is gone (Xen frees a dead domain a little later). */
static void destroy(domid_t dom)
{
	memset(&op, 0, sizeof(op));
	CHECK_RC(domctl(XEN_DOMCTL_destroydomain, dom), 0, "destroydomain");
	for (unsigned int i = 0; i < 1000; i++) {
		memset(&op, 0, sizeof(op));
		if (domctl(XEN_DOMCTL_getdomaininfo, dom) != 0 || op.domain != dom)
			return;
		hc_sched_op(SCHEDOP_yield, NULL);
	}
	rt_fail("d%u still listed after destroydomain", dom);
}

static void hypercall_checks(void)
{
	memset(&op, 0, sizeof(op));
	op.cmd = XEN_DOMCTL_getdomaininfo;
	op.interface_version = XEN_DOMCTL_INTERFACE_VERSION - 1;
	CHECK_RC(HC1(__HYPERVISOR_domctl, &op), -XEN_EACCES, "interface version 0x14");
	CHECK_RC(HC1(__HYPERVISOR_domctl, (void *)0x10), -XEN_EFAULT, "unmapped argument");
	CHECK_RC(domctl(XEN_DOMCTL_pausedomain, 0x7000), -XEN_ESRCH, "pausedomain(d28672)");
	CHECK_RC(domctl(XEN_DOMCTL_pausedomain, DOMID_SELF), -XEN_ESRCH, "pausedomain(DOMID_SELF)");
	CHECK_RC(domctl(XEN_DOMCTL_pausedomain, 0), -XEN_EINVAL, "pausedomain of itself");
	CHECK_RC(domctl(XEN_DOMCTL_destroydomain, 0), -XEN_EINVAL, "destroydomain of itself");
	CHECK_RC(domctl(9999, 0), -XEN_ENOSYS, "command 9999");
}

static void getdomaininfo_self(void)
{
	const start_info_t *si = rt_start_info;

	memset(&op, 0, sizeof(op));
	CHECK_RC(domctl(XEN_DOMCTL_getdomaininfo, 0), 0, "getdomaininfo(d0)");
	struct xen_domctl_getdomaininfo *i = &op.u.getdomaininfo;
	rt_info("d0: flags %#x tot %lu max %lu", i->flags, (unsigned long)i->tot_pages,
		(unsigned long)i->max_pages);
	CHECK_EQ(op.domain, 0, "domain echoed");
	CHECK_EQ(i->domain, 0, "info.domain");
	CHECK_EQ(i->flags & (XEN_DOMINF_running | XEN_DOMINF_blocked | XEN_DOMINF_paused |
			     XEN_DOMINF_shutdown | XEN_DOMINF_dying),
		 XEN_DOMINF_running, "state flags of the running dom0");
	CHECK_EQ(i->flags & SHUTDOWN_CODE_BITS, SHUTDOWN_CODE_BITS, "shutdown code (none yet)");
	CHECK_EQ(i->nr_online_vcpus, 1, "nr_online_vcpus");
	CHECK_EQ(i->max_vcpu_id, 0, "max_vcpu_id");
	CHECK_EQ(i->tot_pages, si->nr_pages, "tot_pages against start_info.nr_pages");
	CHECK_EQ(i->shared_info_frame, si->shared_info >> 12, "shared_info_frame");
}

static void createdomain_refusals(void)
{
	new_config(1);
	op.u.createdomain.flags = 1U << 20;
	CHECK_RC(domctl(XEN_DOMCTL_createdomain, 0), -XEN_EINVAL, "unknown CDF flag");
	new_config(1);
	op.u.createdomain.flags = XEN_DOMCTL_CDF_hap;
	CHECK_RC(domctl(XEN_DOMCTL_createdomain, 0), -XEN_EINVAL, "HAP without HVM");
	new_config(1);
	op.u.createdomain.grant_opts = 0x10;
	CHECK_RC(domctl(XEN_DOMCTL_createdomain, 0), -XEN_EINVAL, "unknown grant option");
	new_config(0);
	CHECK_RC(domctl(XEN_DOMCTL_createdomain, 0), -XEN_EINVAL, "no vCPUs");
	new_config(1);
	op.u.createdomain.iommu_opts = XEN_DOMCTL_IOMMU_no_sharept;
	CHECK_RC(domctl(XEN_DOMCTL_createdomain, 0), -XEN_EINVAL, "IOMMU options without an IOMMU");
}

static void domain_lifecycle(void)
{
	domid_t d = create(0, 2);
	struct xen_domctl_getdomaininfo *i = &op.u.getdomaininfo;

	if (!d)
		return;
	rt_info("created d%u", d);
	memset(&op, 0, sizeof(op));
	CHECK_RC(domctl(XEN_DOMCTL_getdomaininfo, d), 0, "getdomaininfo(new)");
	CHECK_EQ(i->flags, XEN_DOMINF_paused | SHUTDOWN_CODE_BITS, "flags of a new domain");
	CHECK_EQ(i->nr_online_vcpus, 0, "nr_online_vcpus of a new domain");
	CHECK_EQ(i->max_vcpu_id, XEN_INVALID_MAX_VCPU_ID, "max_vcpu_id before max_vcpus");
	CHECK_EQ(i->tot_pages, 0, "tot_pages of a new domain");
	CHECK_EQ(i->handle[0] + i->handle[15], 1 + 16, "handle as given");

	memset(&op, 0, sizeof(op));
	op.u.max_vcpus.max = 3;
	CHECK_RC(domctl(XEN_DOMCTL_max_vcpus, d), -XEN_EINVAL, "max_vcpus 3 (created with 2)");
	op.u.max_vcpus.max = 2;
	CHECK_RC(domctl(XEN_DOMCTL_max_vcpus, d), 0, "max_vcpus 2");
	memset(&op, 0, sizeof(op));
	domctl(XEN_DOMCTL_getdomaininfo, d);
	CHECK_EQ(i->max_vcpu_id, 1, "max_vcpu_id after max_vcpus");
	CHECK_EQ(i->nr_online_vcpus, 0, "nr_online_vcpus (vCPUs are down)");
	memset(&op, 0, sizeof(op));
	op.u.getvcpuinfo.vcpu = 1;
	CHECK_RC(domctl(XEN_DOMCTL_getvcpuinfo, d), 0, "getvcpuinfo(1)");
	CHECK_EQ(op.u.getvcpuinfo.online | op.u.getvcpuinfo.blocked | op.u.getvcpuinfo.running, 0,
		 "vCPU 1 online|blocked|running");
	op.u.getvcpuinfo.vcpu = 2;
	CHECK_RC(domctl(XEN_DOMCTL_getvcpuinfo, d), -XEN_EINVAL, "getvcpuinfo(2)");

	memset(&op, 0, sizeof(op));
	op.u.max_mem.max_memkb = 65536;
	CHECK_RC(domctl(XEN_DOMCTL_max_mem, d), 0, "max_mem 64 MiB");
	memset(&op, 0, sizeof(op));
	for (unsigned int k = 0; k < sizeof(op.u.setdomainhandle.handle); k++)
		op.u.setdomainhandle.handle[k] = 0xa0;
	CHECK_RC(domctl(XEN_DOMCTL_setdomainhandle, d), 0, "setdomainhandle");
	memset(&op, 0, sizeof(op));
	op.u.settimeoffset.time_offset_seconds = 3600;
	CHECK_RC(domctl(XEN_DOMCTL_settimeoffset, d), 0, "settimeoffset");
	memset(&op, 0, sizeof(op));
	domctl(XEN_DOMCTL_getdomaininfo, d);
	CHECK_EQ(i->max_pages, 16384, "max_pages after max_mem 64 MiB");
	CHECK_EQ(i->handle[7], 0xa0, "handle after setdomainhandle");

	/* The toolstack's pause count: created paused (1), +1, then down to 0, and no further. */
	CHECK_RC(domctl(XEN_DOMCTL_pausedomain, d), 0, "pausedomain");
	CHECK_RC(domctl(XEN_DOMCTL_unpausedomain, d), 0, "unpausedomain (2 -> 1)");
	memset(&op, 0, sizeof(op));
	domctl(XEN_DOMCTL_getdomaininfo, d);
	CHECK(i->flags & XEN_DOMINF_paused, "flags %#x: not paused with count 1", i->flags);
	CHECK_RC(domctl(XEN_DOMCTL_unpausedomain, d), 0, "unpausedomain (1 -> 0)");
	memset(&op, 0, sizeof(op));
	domctl(XEN_DOMCTL_getdomaininfo, d);
	CHECK_EQ(i->flags & XEN_DOMINF_paused, 0, "paused flag at count 0");
	CHECK_RC(domctl(XEN_DOMCTL_unpausedomain, d), -XEN_EINVAL, "unpausedomain at count 0");
	destroy(d);
}

static void domain_ids(void)
{
	domid_t a = create(0, 1), b = create(0, 1);

	if (!a || !b)
		return;
	CHECK(a != b && a != 0 && b != 0, "automatic ids d%u and d%u", a, b);
	new_config(1);
	CHECK_RC(domctl(XEN_DOMCTL_createdomain, a), -XEN_EEXIST, "createdomain with a taken id");
	/* The list walk: the first domain at or after an id. */
	domid_t lo = a < b ? a : b, hi = a < b ? b : a;
	memset(&op, 0, sizeof(op));
	CHECK_RC(domctl(XEN_DOMCTL_getdomaininfo, 1), 0, "getdomaininfo walk from d1");
	CHECK_EQ(op.domain, lo, "first domain at or after d1");
	memset(&op, 0, sizeof(op));
	CHECK_RC(domctl(XEN_DOMCTL_getdomaininfo, lo + 1), 0, "getdomaininfo walk");
	CHECK_EQ(op.domain, hi, "the next domain");
	memset(&op, 0, sizeof(op));
	CHECK_RC(domctl(XEN_DOMCTL_getdomaininfo, hi + 1), -XEN_ESRCH, "walk past the last domain");
	CHECK_RC(domctl(XEN_DOMCTL_getdomaininfo, DOMID_FIRST_RESERVED), -XEN_EINVAL,
		 "getdomaininfo of a reserved id");
	destroy(a);
	destroy(b);
	domid_t c = create(0x1234, 1);
	CHECK_EQ(c, 0x1234, "createdomain with a chosen id");
	if (c)
		destroy(c);
}

static long sysctl(uint32_t cmd)
{
	sop.cmd = cmd;
	sop.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
	return HC1(__HYPERVISOR_sysctl, &sop);
}

static void sysctl_checks(void)
{
	memset(&sop, 0, sizeof(sop));
	sop.cmd = XEN_SYSCTL_physinfo;
	sop.interface_version = XEN_SYSCTL_INTERFACE_VERSION + 1;
	CHECK_RC(HC1(__HYPERVISOR_sysctl, &sop), -XEN_EACCES, "sysctl interface version 0x16");
	CHECK_RC(HC1(__HYPERVISOR_sysctl, (void *)0x10), -XEN_EFAULT, "sysctl: unmapped argument");
	CHECK_RC(sysctl(9999), -XEN_ENOSYS, "sysctl command 9999");
}

static char conbuf[16384];

static long readconsole(uint8_t clear, uint8_t incremental, uint32_t index, void *buf,
			uint32_t count)
{
	memset(&sop, 0, sizeof(sop));
	sop.u.readconsole.clear = clear;
	sop.u.readconsole.incremental = incremental;
	sop.u.readconsole.index = index;
	sop.u.readconsole.count = count;
	set_xen_guest_handle(sop.u.readconsole.buffer, buf);
	return sysctl(XEN_SYSCTL_readconsole);
}

static void readconsole_ring(void)
{
	static const char marker[] = "readconsole-marker-7e3\n";
	static char first[64];

	CHECK_RC(readconsole(0, 0, 0, conbuf, sizeof(conbuf)), 0, "readconsole from the oldest");
	uint32_t n = sop.u.readconsole.count, idx = sop.u.readconsole.index;
	CHECK(n > 20, "the console ring holds the boot messages (%u bytes)", n);
	memcpy(first, conbuf, sizeof(first));
	/* Our own console output goes to the serial line, not into the hypervisor's ring. */
	rt_flush();
	hc_console_io(CONSOLEIO_write, sizeof(marker) - 1, marker);
	CHECK_RC(readconsole(0, 1, idx, conbuf, sizeof(conbuf) - 1), 0, "incremental readconsole");
	conbuf[sop.u.readconsole.count] = 0;
	CHECK(!strstr(conbuf, "readconsole-marker-7e3"), "dom0's console text is not in the ring");
	/* Ten bytes, then ten more from the index returned. */
	CHECK_RC(readconsole(0, 0, 0, conbuf, 10), 0, "readconsole of 10 bytes");
	CHECK_EQ(sop.u.readconsole.count, 10, "count limits the copy");
	uint32_t next = sop.u.readconsole.index;
	CHECK_RC(readconsole(0, 1, next, conbuf + 10, 10), 0, "incremental readconsole of 10 more");
	CHECK_EQ(sop.u.readconsole.count, 10, "ten more bytes");
	CHECK_EQ(sop.u.readconsole.index, next + 10, "index advanced by 10");
	CHECK(!memcmp(conbuf, first, 20), "the two reads continue each other");
	CHECK_RC(readconsole(0, 0, 0, (void *)0x10, 100), -XEN_EFAULT, "unmapped buffer");
	CHECK_RC(readconsole(1, 0, 0, conbuf, sizeof(conbuf)), 0, "readconsole with clear");
	CHECK_RC(readconsole(0, 0, 0, conbuf, sizeof(conbuf)), 0, "readconsole after clear");
	CHECK(sop.u.readconsole.count < 200, "a cleared ring starts after what was read (%u bytes)",
	      sop.u.readconsole.count);
}

/* QEMU here: one CPU, 512 MiB. */
static void physinfo(void)
{
	struct xen_sysctl_physinfo *p = &sop.u.physinfo;

	memset(&sop, 0, sizeof(sop));
	CHECK_RC(sysctl(XEN_SYSCTL_physinfo), 0, "physinfo");
	rt_info("physinfo: %u CPU(s), %u kHz, caps %#x, %lu pages, %lu free, max_mfn %#lx",
		p->nr_cpus, p->cpu_khz, p->capabilities, (unsigned long)p->total_pages,
		(unsigned long)p->free_pages, (unsigned long)p->max_mfn);
	CHECK_EQ(p->nr_cpus, 1, "nr_cpus");
	CHECK_EQ(p->threads_per_core, 1, "threads_per_core");
	CHECK_EQ(p->nr_nodes, 1, "nr_nodes");
	CHECK(p->capabilities & XEN_SYSCTL_PHYSCAP_pv, "capabilities %#x: no PV", p->capabilities);
	CHECK(p->capabilities & XEN_SYSCTL_PHYSCAP_gnttab_v1, "capabilities %#x: no grant v1",
	      p->capabilities);
	CHECK(p->cpu_khz > 100000 && p->cpu_khz < 10000000, "cpu_khz %u", p->cpu_khz);
	CHECK(p->total_pages > 100000 && p->total_pages <= 131072, "total_pages %lu for 512 MiB",
	      (unsigned long)p->total_pages);
	CHECK(p->free_pages > 0 && p->free_pages < p->total_pages, "free_pages %lu",
	      (unsigned long)p->free_pages);
	CHECK(p->max_mfn >= 131071 / 2, "max_mfn %#lx", (unsigned long)p->max_mfn);
	CHECK_EQ(p->hw_cap[0] & 1, 1, "hw_cap[0] (CPUID 1.EDX): FPU");
}

static void getdomaininfolist(void)
{
	domid_t a = create(0, 1), b = create(0, 1);
	struct xen_sysctl_getdomaininfolist *l = &sop.u.getdomaininfolist;

	if (!a || !b)
		return;
	memset(&sop, 0, sizeof(sop));
	l->first_domain = 0;
	l->max_domains = 8;
	l->buffer = list;
	CHECK_RC(sysctl(XEN_SYSCTL_getdomaininfolist), 0, "getdomaininfolist from d0");
	CHECK_EQ(l->num_domains, 3, "num_domains (dom0 and two new ones)");
	CHECK_EQ(list[0].domain, 0, "first entry");
	CHECK(list[1].domain < list[2].domain, "entries out of order: d%u, d%u", list[1].domain,
	      list[2].domain);
	CHECK_EQ(list[1].flags & XEN_DOMINF_paused, XEN_DOMINF_paused, "a new domain is paused");
	memset(&sop, 0, sizeof(sop));
	l->first_domain = (domid_t)(list[1].domain + 1);
	l->max_domains = 8;
	l->buffer = list;
	CHECK_RC(sysctl(XEN_SYSCTL_getdomaininfolist), 0, "getdomaininfolist from the middle");
	CHECK_EQ(l->num_domains, 1, "num_domains from the middle");
	CHECK_EQ(list[0].domain, a < b ? b : a, "the last domain");
	memset(&sop, 0, sizeof(sop));
	l->max_domains = 1;
	l->buffer = list;
	CHECK_RC(sysctl(XEN_SYSCTL_getdomaininfolist), 0, "getdomaininfolist, room for 1");
	CHECK_EQ(l->num_domains, 1, "num_domains with room for 1");
	memset(&sop, 0, sizeof(sop));
	l->max_domains = 2;
	l->buffer = (void *)0x10;
	CHECK_RC(sysctl(XEN_SYSCTL_getdomaininfolist), -XEN_EFAULT, "getdomaininfolist to a bad buffer");
	destroy(a);
	destroy(b);
}

/* createdomain.max_evtchn_port bounds the ports a domain gets (Xen's replacement of set_max_evtchn). */
static void max_evtchn_port(void)
{
	new_config(1);
	op.u.createdomain.max_evtchn_port = 3;
	REQUIRE_RC(domctl(XEN_DOMCTL_createdomain, 0), 0, "createdomain with max_evtchn_port 3");
	domid_t d = op.domain;
	evtchn_port_t ports[3];
	for (unsigned int i = 0; i < 3; i++) {
		CHECK_RC(rt_evtchn_alloc_unbound(d, 0, &ports[i]), 0, "alloc_unbound in the domain");
		CHECK_EQ(ports[i], i + 1, "its ports count from 1");
	}
	evtchn_port_t extra;
	CHECK_RC(rt_evtchn_alloc_unbound(d, 0, &extra), -XEN_ENOSPC, "a port beyond max_evtchn_port");
	destroy(d);
}

static const struct rt_case cases[] = {
	RT_CASE(hypercall_checks),
	RT_CASE(getdomaininfo_self),
	RT_CASE(createdomain_refusals),
	RT_CASE(domain_lifecycle),
	RT_CASE(domain_ids),
	RT_CASE(max_evtchn_port),
	RT_CASE(sysctl_checks),
	RT_CASE(physinfo),
	RT_CASE(readconsole_ring),
	RT_CASE(getdomaininfolist),
};
RT_SUITE("domctl", cases, NULL);
