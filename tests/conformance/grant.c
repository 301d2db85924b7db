/*
 * grant.c - grant tables v1 used by a domain on itself: setup_table and its frame mapped
 * into the guest, map_grant_ref (host mappings by virtual address and by PTE address,
 * read-only and writable, device mappings), the GTF_reading/GTF_writing flags the
 * hypervisor keeps, unmap_grant_ref, GNTTABOP_copy in both directions, the status codes
 * of the refusals, and debug key 'g' (XEN_SYSCTL_debug_keys) listing a mapped grant in the
 * console ring.
 */
#include <xen/sysctl.h>

#include "rt.h"

#define REF 10
#define REF_RO 11
#define REF_OTHER 12

static grant_entry_v1_t *table; /* our grant frame 0, mapped here */
static uint8_t *granted; /* the page we grant */
static uint8_t *target; /* a page whose mapping grant maps replace */
static uint64_t target_pte_ma, target_own_pte;
static uint8_t *local; /* a page of ours for copies */

static void setup(void)
{
	static xen_pfn_t frames[1];
	struct gnttab_setup_table st = {.dom = DOMID_SELF, .nr_frames = 1};

	set_xen_guest_handle(st.frame_list, frames);
	REQUIRE_RC(hc_grant_table_op(GNTTABOP_setup_table, &st, 1), 0, "setup_table");
	REQUIRE_RC(st.status, GNTST_okay, "setup_table status");
	table = rt_alloc_page();
	uint64_t pte = ((uint64_t)frames[0] << 12) | PTE_P | PTE_RW | PTE_A | PTE_D;
	REQUIRE_RC(hc_update_va_mapping(table, pte, UVMF_INVLPG), 0, "mapping grant frame 0");
	granted = rt_alloc_page();
	local = rt_alloc_page();
	target = rt_alloc_page();
	REQUIRE(rt_pte_lookup((unsigned long)target, 1, &target_pte_ma), "no L1 for the target");
	target_own_pte = rt_pte_of((unsigned long)target);
	for (unsigned int i = 0; i < 4096; i++)
		granted[i] = (uint8_t)(i * 3);
	domid_t self = (domid_t)0;
	table[REF] = (grant_entry_v1_t){.flags = GTF_permit_access, .domid = self,
					 .frame = (uint32_t)rt_virt_to_mfn(granted)};
	table[REF_RO] = (grant_entry_v1_t){.flags = GTF_permit_access | GTF_readonly, .domid = self,
					    .frame = (uint32_t)rt_virt_to_mfn(granted)};
	table[REF_OTHER] = (grant_entry_v1_t){.flags = GTF_permit_access, .domid = 7,
					       .frame = (uint32_t)rt_virt_to_mfn(granted)};
}

static struct gnttab_map_grant_ref map_req(grant_ref_t ref, uint32_t flags, uint64_t addr)
{
	return (struct gnttab_map_grant_ref){.host_addr = addr, .flags = flags, .ref = ref, .dom = 0};
}

static void map_by_va(void)
{
	REQUIRE(table, "no grant table");
	struct gnttab_map_grant_ref m = map_req(REF, GNTMAP_host_map, (unsigned long)target);
	REQUIRE_RC(hc_grant_table_op(GNTTABOP_map_grant_ref, &m, 1), 0, "map_grant_ref");
	REQUIRE_RC(m.status, GNTST_okay, "map status");
	rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)target, 0); /* it replaced a present PTE */
	CHECK_EQ(target[5], granted[5], "the granted page is seen at the host address");
	target[7] = 0xa5;
	CHECK_EQ(granted[7], 0xa5, "a writable mapping writes the granted page");
	CHECK_EQ(table[REF].flags, GTF_permit_access | GTF_reading | GTF_writing,
		 "reading and writing flags while mapped writable");

	struct gnttab_unmap_grant_ref u = {.host_addr = (unsigned long)target + 4096,
					   .handle = m.handle};
	CHECK_RC(hc_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1), 0, "unmap at the wrong address");
	CHECK_RC(u.status, GNTST_general_error, "unmap where the grant is not mapped");
	u.host_addr = (unsigned long)target;
	CHECK_RC(hc_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1), 0, "unmap_grant_ref");
	CHECK_RC(u.status, GNTST_okay, "unmap status");
	CHECK_EQ(table[REF].flags, GTF_permit_access, "flags after unmapping");
	CHECK_EQ(rt_pte_of((unsigned long)target), 0, "the host PTE is gone");
	CHECK_RC(hc_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1), 0, "second unmap");
	CHECK_RC(u.status, GNTST_bad_handle, "the handle is free again");
	rt_mmu_update1(target_pte_ma, target_own_pte);
	rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)target, 0);
}

static void map_readonly_by_pte(void)
{
	REQUIRE(table, "no grant table");
	struct gnttab_map_grant_ref m =
		map_req(REF_RO, GNTMAP_host_map | GNTMAP_readonly | GNTMAP_contains_pte, target_pte_ma);
	REQUIRE_RC(hc_grant_table_op(GNTTABOP_map_grant_ref, &m, 1), 0, "map_grant_ref");
	REQUIRE_RC(m.status, GNTST_okay, "read-only map by PTE address");
	rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)target, 0);
	CHECK_EQ(target[9], granted[9], "the granted page is seen read-only");
	CHECK_EQ(rt_pte_of((unsigned long)target) & PTE_RW, 0, "the PTE is read-only");
	CHECK_EQ(table[REF_RO].flags, GTF_permit_access | GTF_readonly | GTF_reading,
		 "only the reading flag");
	struct gnttab_unmap_grant_ref u = {.host_addr = target_pte_ma, .handle = m.handle};
	CHECK_RC(hc_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1), 0, "unmap_grant_ref");
	CHECK_RC(u.status, GNTST_okay, "unmap status");
	CHECK_EQ(table[REF_RO].flags, GTF_permit_access | GTF_readonly, "flags after unmapping");
	rt_mmu_update1(target_pte_ma, target_own_pte);
	rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)target, 0);
}

static void device_map(void)
{
	REQUIRE(table, "no grant table");
	struct gnttab_map_grant_ref m = map_req(REF, GNTMAP_device_map | GNTMAP_readonly, 0);
	REQUIRE_RC(hc_grant_table_op(GNTTABOP_map_grant_ref, &m, 1), 0, "map_grant_ref");
	REQUIRE_RC(m.status, GNTST_okay, "device map");
	CHECK_EQ(m.dev_bus_addr, rt_virt_to_maddr(granted), "dev_bus_addr is the frame's address");
	struct gnttab_unmap_grant_ref u = {.dev_bus_addr = m.dev_bus_addr + 4096, .handle = m.handle};
	CHECK_RC(hc_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1), 0, "unmap");
	CHECK_RC(u.status, GNTST_bad_dev_addr, "unmap at the wrong bus address");
	u.dev_bus_addr = m.dev_bus_addr;
	CHECK_RC(hc_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1), 0, "unmap");
	CHECK_RC(u.status, GNTST_okay, "unmap status");
	CHECK_EQ(table[REF].flags, GTF_permit_access, "flags after unmapping");
}

static void map_refusals(void)
{
	REQUIRE(table, "no grant table");
	struct gnttab_map_grant_ref m[6] = {
		map_req(REF, 0, (unsigned long)target),
		map_req(5000, GNTMAP_host_map, (unsigned long)target),
		map_req(REF_RO, GNTMAP_host_map, (unsigned long)target),
		map_req(REF_OTHER, GNTMAP_host_map, (unsigned long)target),
		map_req(REF, GNTMAP_host_map, 0x800000000000UL),
		map_req(REF, GNTMAP_host_map, (unsigned long)target),
	};
	m[5].dom = 0x7000;
	CHECK_RC(hc_grant_table_op(GNTTABOP_map_grant_ref, m, 6), 0, "six refused maps");
	CHECK_RC(m[0].status, GNTST_bad_gntref, "neither host nor device map");
	CHECK_RC(m[1].status, GNTST_bad_gntref, "ref beyond the table");
	CHECK_RC(m[2].status, GNTST_general_error, "writable map of a read-only grant");
	CHECK_RC(m[3].status, GNTST_general_error, "grant to another domain");
	CHECK_RC(m[4].status, GNTST_general_error, "non-canonical host address");
	CHECK_RC(m[5].status, GNTST_bad_domain, "no such domain");
	CHECK_EQ(table[REF].flags, GTF_permit_access, "no flags left behind");
	CHECK_EQ(table[REF_RO].flags, GTF_permit_access | GTF_readonly, "no flags left behind");
	struct gnttab_unmap_grant_ref u = {.host_addr = (unsigned long)target, .handle = 4000};
	CHECK_RC(hc_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1), 0, "unmap");
	CHECK_RC(u.status, GNTST_bad_handle, "unmap of a handle never given");
}

static void copy(void)
{
	REQUIRE(table, "no grant table");
	struct gnttab_copy c[2] = {
		{.source = {.u.ref = REF, .domid = 0, .offset = 100},
		 .dest = {.u.gmfn = rt_virt_to_mfn(local), .domid = DOMID_SELF, .offset = 8},
		 .len = 64,
		 .flags = GNTCOPY_source_gref},
		{.source = {.u.gmfn = rt_virt_to_mfn(local), .domid = DOMID_SELF, .offset = 0},
		 .dest = {.u.ref = REF, .domid = 0, .offset = 2000},
		 .len = 16,
		 .flags = GNTCOPY_dest_gref},
	};
	memset(local, 0x11, 16);
	memset(local + 8, 0, 64);
	CHECK_RC(hc_grant_table_op(GNTTABOP_copy, c, 2), 0, "two copies");
	CHECK_RC(c[0].status, GNTST_okay, "copy from a grant");
	CHECK_RC(c[1].status, GNTST_okay, "copy to a grant");
	CHECK(!memcmp(local + 8, granted + 100, 64), "bytes copied from the grant");
	CHECK_EQ(granted[2000], 0x11, "bytes copied into the grant");
	CHECK_EQ(table[REF].flags, GTF_permit_access, "no flags left by copies");
}

static void copy_refusals(void)
{
	REQUIRE(table, "no grant table");
	struct gnttab_copy c[4] = {
		{.source = {.u.ref = REF, .domid = 0, .offset = 4000},
		 .dest = {.u.gmfn = rt_virt_to_mfn(local), .domid = DOMID_SELF},
		 .len = 200,
		 .flags = GNTCOPY_source_gref},
		{.source = {.u.ref = REF_RO, .domid = 0},
		 .dest = {.u.ref = REF_RO, .domid = 0},
		 .len = 8,
		 .flags = GNTCOPY_source_gref | GNTCOPY_dest_gref},
		{.source = {.u.ref = 5000, .domid = 0},
		 .dest = {.u.gmfn = rt_virt_to_mfn(local), .domid = DOMID_SELF},
		 .len = 8,
		 .flags = GNTCOPY_source_gref},
		{.source = {.u.ref = REF, .domid = 0x7000},
		 .dest = {.u.gmfn = rt_virt_to_mfn(local), .domid = DOMID_SELF},
		 .len = 8,
		 .flags = GNTCOPY_source_gref},
	};
	CHECK_RC(hc_grant_table_op(GNTTABOP_copy, c, 4), 0, "four refused copies");
	CHECK_RC(c[0].status, GNTST_bad_copy_arg, "copy past the end of the page");
	CHECK_RC(c[1].status, GNTST_general_error, "copy into a read-only grant");
	CHECK_RC(c[2].status, GNTST_bad_gntref, "copy from a ref beyond the table");
	CHECK_RC(c[3].status, GNTST_bad_domain, "copy from no such domain");
	CHECK_EQ(table[REF_RO].flags, GTF_permit_access | GTF_readonly, "no flags left behind");
}

static struct xen_sysctl sop;
static char ring[16384];

static long sysctl(uint32_t cmd)
{
	sop.cmd = cmd;
	sop.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
	return HC1(__HYPERVISOR_sysctl, &sop);
}

static long debug_keys(const char *keys, uint32_t nr)
{
	memset(&sop, 0, sizeof(sop));
	set_xen_guest_handle(sop.u.debug_keys.keys, keys);
	sop.u.debug_keys.nr_keys = nr;
	return sysctl(XEN_SYSCTL_debug_keys);
}

/* The console ring's text from *index on (NUL-terminated in ring); *index moves past it. */
static long ring_since(uint32_t *index)
{
	memset(&sop, 0, sizeof(sop));
	sop.u.readconsole.incremental = 1;
	sop.u.readconsole.index = *index;
	sop.u.readconsole.count = sizeof(ring) - 1;
	set_xen_guest_handle(sop.u.readconsole.buffer, ring);
	long rc = sysctl(XEN_SYSCTL_readconsole);
	ring[rc ? 0 : sop.u.readconsole.count] = 0;
	*index = sop.u.readconsole.index;
	return rc;
}

/* How many lines of ring list grant entry ref as active ("[0x00a]" for 10). */
static unsigned int listed(grant_ref_t ref)
{
	char tag[16];
	unsigned int n = 0;

	rt_snprintf(tag, sizeof(tag), "[0x%03x]", ref);
	for (const char *p = ring; (p = strstr(p, tag)); p++)
		n++;
	return n;
}

static void debug_key_g(void)
{
	uint32_t index = 0;

	REQUIRE(table, "no grant table");
	CHECK_RC(debug_keys("g", 0), 0, "debug_keys with no keys");
	CHECK_RC(debug_keys((const char *)0x10, 1), -XEN_EFAULT, "debug_keys from unmapped memory");
	REQUIRE_RC(ring_since(&index), 0, "readconsole to the end of the ring");
	struct gnttab_map_grant_ref m = map_req(REF, GNTMAP_host_map, (unsigned long)target);
	REQUIRE_RC(hc_grant_table_op(GNTTABOP_map_grant_ref, &m, 1), 0, "map_grant_ref");
	REQUIRE_RC(m.status, GNTST_okay, "map status");
	CHECK_RC(debug_keys("g", 1), 0, "debug key 'g'");
	CHECK_RC(ring_since(&index), 0, "readconsole after 'g'");
	CHECK_EQ(listed(REF), 1, "'g' lists the mapped entry once");
	CHECK_EQ(listed(REF_RO), 0, "'g' does not list an entry nobody maps");
	struct gnttab_unmap_grant_ref u = {.host_addr = (unsigned long)target, .handle = m.handle};
	CHECK_RC(hc_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1), 0, "unmap_grant_ref");
	CHECK_RC(u.status, GNTST_okay, "unmap status");
	rt_mmu_update1(target_pte_ma, target_own_pte);
	rt_mmuext1(MMUEXT_INVLPG_LOCAL, (unsigned long)target, 0);
	CHECK_RC(debug_keys("g", 1), 0, "debug key 'g' again");
	CHECK_RC(ring_since(&index), 0, "readconsole after the second 'g'");
	CHECK(strstr(ring, "d0") != NULL, "the second dump names domain 0");
	CHECK_EQ(listed(REF), 0, "the unmapped entry is no longer listed");
}

static const struct rt_case cases[] = {
	RT_CASE(setup),
	RT_CASE(map_by_va),
	RT_CASE(map_readonly_by_pte),
	RT_CASE(device_map),
	RT_CASE(map_refusals),
	RT_CASE(copy),
	RT_CASE(copy_refusals),
	RT_CASE(debug_key_g),
};
RT_SUITE("grant", cases, NULL);
