/*
 * version.c - the xen_version hypercall.
 */
#include "rt.h"

static void version_matches_cpuid(void)
{
	long v = hc_xen_version(XENVER_version, NULL);
	uint32_t r[4];

	rt_cpuid_pv(XEN_CPUID_LEAF(1), 0, r);
	rt_info("XENVER_version %#lx (%ld.%ld), CPUID 0x40000001 EAX %#x", v, v >> 16, v & 0xffff,
		r[0]);
	CHECK(v > 0, "XENVER_version returned %s", rt_errname(v));
	CHECK_EQ(v, r[0], "XENVER_version vs CPUID 0x40000001 EAX");
}

static bool nul_terminated(const char *s, size_t n)
{
	return strnlen(s, n) < n;
}

static void extraversion(void)
{
	char buf[XEN_EXTRAVERSION_LEN + 8];
	long rc;

	memset(buf, 0x7f, sizeof(buf));
	rc = hc_xen_version(XENVER_extraversion, buf);
	CHECK_RC(rc, 0, "XENVER_extraversion");
	CHECK(nul_terminated(buf, XEN_EXTRAVERSION_LEN), "extraversion not NUL-terminated in 16 bytes");
	CHECK((unsigned char)buf[XEN_EXTRAVERSION_LEN] == 0x7f, "wrote past the 16-byte buffer");
	rt_info("extraversion \"%s\"", buf);
}

static void compile_info(void)
{
	struct xen_compile_info ci;
	long rc;

	memset(&ci, 0x7f, sizeof(ci));
	rc = hc_xen_version(XENVER_compile_info, &ci);
	CHECK_RC(rc, 0, "XENVER_compile_info");
	CHECK(nul_terminated(ci.compiler, sizeof(ci.compiler)) &&
	      nul_terminated(ci.compile_by, sizeof(ci.compile_by)) &&
	      nul_terminated(ci.compile_domain, sizeof(ci.compile_domain)) &&
	      nul_terminated(ci.compile_date, sizeof(ci.compile_date)),
	      "a compile_info string is not NUL-terminated");
}

static void capabilities(void)
{
	static char caps[XEN_CAPABILITIES_INFO_LEN];
	long rc;

	memset(caps, 0x7f, sizeof(caps));
	rc = hc_xen_version(XENVER_capabilities, caps);
	CHECK_RC(rc, 0, "XENVER_capabilities");
	CHECK(nul_terminated(caps, sizeof(caps)), "capabilities not NUL-terminated");
	CHECK(!strncmp(caps, "xen-3.0-x86_64", 14), "capabilities \"%.60s\" do not start with "
	      "xen-3.0-x86_64", caps);
	CHECK(caps[14] == 0 || caps[14] == ' ', "capabilities \"%.60s\": first word is not "
	      "xen-3.0-x86_64", caps);
	rt_info("capabilities \"%s\"", caps);
}

static void changeset(void)
{
	char buf[XEN_CHANGESET_INFO_LEN];
	long rc;

	memset(buf, 0x7f, sizeof(buf));
	rc = hc_xen_version(XENVER_changeset, buf);
	CHECK_RC(rc, 0, "XENVER_changeset");
	CHECK(nul_terminated(buf, sizeof(buf)), "changeset not NUL-terminated");
}

static void platform_parameters(void)
{
	struct xen_platform_parameters p = { .virt_start = 0 };
	long rc = hc_xen_version(XENVER_platform_parameters, &p);

	CHECK_RC(rc, 0, "XENVER_platform_parameters");
	CHECK_EQ(p.virt_start, HYPERVISOR_VIRT_START, "virt_start");
}

static void get_features(void)
{
	struct xen_feature_info fi = { .submap_idx = 0, .submap = 0xdeadbeef };
	long rc = hc_xen_version(XENVER_get_features, &fi);
	uint32_t need = (1U << XENFEAT_mmu_pt_update_preserve_ad) |
			(1U << XENFEAT_gnttab_map_avail_bits) | (1U << XENFEAT_dom0);
	uint32_t never = (1U << XENFEAT_writable_page_tables) |
			 (1U << XENFEAT_auto_translated_physmap) |
			 (1U << XENFEAT_supervisor_mode_kernel) | (1U << XENFEAT_hvm_callback_vector) |
			 (1U << XENFEAT_hvm_safe_pvclock) | (1U << XENFEAT_hvm_pirqs) |
			 (1U << XENFEAT_not_direct_mapped);

	CHECK_RC(rc, 0, "XENVER_get_features(0)");
	rt_info("submap 0 = %#x", fi.submap);
	CHECK((fi.submap & need) == need, "submap 0 %#x lacks %#x (preserve_ad, map_avail_bits, "
	      "dom0)", fi.submap, need & ~fi.submap);
	CHECK((fi.submap & never) == 0, "submap 0 %#x has translated/HVM-only bits %#x", fi.submap,
	      fi.submap & never);
	CHECK_EQ(fi.submap_idx, 0, "submap_idx after the call");
}

static void get_features_bad_submap(void)
{
	struct xen_feature_info fi = { .submap_idx = 1, .submap = 0x5a5a5a5a };
	long rc = hc_xen_version(XENVER_get_features, &fi);

	CHECK_RC(rc, -XEN_EINVAL, "XENVER_get_features(submap 1)");
	CHECK_EQ(fi.submap, 0x5a5a5a5a, "submap written for a refused index");
	fi.submap_idx = 0x80000000U;
	rc = hc_xen_version(XENVER_get_features, &fi);
	CHECK_RC(rc, -XEN_EINVAL, "XENVER_get_features(submap 0x80000000)");
}

static void pagesize(void)
{
	long rc = hc_xen_version(XENVER_pagesize, NULL);
	char buf[8];

	CHECK_RC(rc, 4096, "XENVER_pagesize(NULL)");
	rc = hc_xen_version(XENVER_pagesize, buf);
	CHECK_RC(rc, -XEN_EINVAL, "XENVER_pagesize with a non-NULL argument");
}

static void guest_handle(void)
{
	uint8_t h[16];
	long rc;

	memset(h, 0x7f, sizeof(h));
	rc = hc_xen_version(XENVER_guest_handle, h);
	CHECK_RC(rc, 0, "XENVER_guest_handle");
	for (unsigned int i = 0; i < 16; i++)
		if (h[i]) {
			rt_fail("dom0's handle byte %u is %#x, expected all zero", i, h[i]);
			break;
		}
}

static void commandline(void)
{
	static char buf[1024];
	long rc;

	memset(buf, 0x7f, sizeof(buf));
	rc = hc_xen_version(XENVER_commandline, buf);
	CHECK_RC(rc, 0, "XENVER_commandline (dom0 is privileged)");
	CHECK(nul_terminated(buf, sizeof(buf)), "command line not NUL-terminated");
	/* Both hypervisors are booted with dom0_mem=64M. */
	CHECK(strstr(buf, "dom0_mem=64M"), "command line \"%.100s\" lacks dom0_mem=64M", buf);
}

static void build_id(void)
{
	static struct {
		struct xen_build_id h;
		unsigned char buf[256];
	} b;
	long sz = hc_xen_version(XENVER_build_id, NULL), rc;

	rt_info("XENVER_build_id(NULL) = %s", rt_errname(sz));
	if (sz == -XEN_ENODATA) {
		rt_skip("the hypervisor has no build id (-ENODATA)");
		return;
	}
	REQUIRE(sz > 0 && sz <= 256, "XENVER_build_id(NULL) = %s, expected a size", rt_errname(sz));
	b.h.len = 0;
	rc = hc_xen_version(XENVER_build_id, &b);
	CHECK_RC(rc, -XEN_EINVAL, "XENVER_build_id with len 0");
	b.h.len = (uint32_t)sz - 1;
	rc = hc_xen_version(XENVER_build_id, &b);
	CHECK_RC(rc, -XEN_ENOBUFS, "XENVER_build_id with len one short");
	b.h.len = 256;
	rc = hc_xen_version(XENVER_build_id, &b);
	CHECK_RC(rc, sz, "XENVER_build_id with room (returns the size)");
}

static void unknown_subop(void)
{
	long rc = hc_xen_version(11, NULL);

	CHECK_RC(rc, -XEN_ENOSYS, "xen_version sub-op 11");
	rc = hc_xen_version(0x7fffffff, NULL);
	CHECK_RC(rc, -XEN_ENOSYS, "xen_version sub-op 0x7fffffff");
}

static void bad_pointer(void)
{
	long rc = hc_xen_version(XENVER_extraversion, (void *)0x1000);

	CHECK_RC(rc, -XEN_EFAULT, "XENVER_extraversion to unmapped 0x1000");
	rc = hc_xen_version(XENVER_get_features, (void *)0xffff830000000000UL);
	CHECK_RC(rc, -XEN_EFAULT, "XENVER_get_features from the hypervisor area");
	rc = hc_xen_version(XENVER_capabilities, (void *)(RT_VIRT_BASE + 0x40000000UL));
	CHECK_RC(rc, -XEN_EFAULT, "XENVER_capabilities to an unmapped kernel address");
}

static const struct rt_case cases[] = {
	RT_CASE(version_matches_cpuid),
	RT_CASE(extraversion),
	RT_CASE(compile_info),
	RT_CASE(capabilities),
	RT_CASE(changeset),
	RT_CASE(platform_parameters),
	RT_CASE(get_features),
	RT_CASE(get_features_bad_submap),
	RT_CASE(pagesize),
	RT_CASE(guest_handle),
	RT_CASE(commandline),
	RT_CASE(build_id),
	RT_CASE(unknown_subop),
	RT_CASE(bad_pointer),
};
RT_SUITE("version", cases, NULL);
