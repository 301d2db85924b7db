/*
 * multicall.c - the multicall hypercall: batches, per-entry results, failures inside a
 * batch, and bad arguments.
 */
#include "rt.h"

static void entry(struct multicall_entry *e, unsigned long op, unsigned long a0,
		  unsigned long a1, unsigned long a2)
{
	memset(e, 0, sizeof(*e));
	e->op = op;
	e->result = 0x5a5a5a5a;
	e->args[0] = a0;
	e->args[1] = a1;
	e->args[2] = a2;
}

static void batch_results(void)
{
	static struct multicall_entry mc[5];
	static const char msg[] = "multicall: console write from inside a batch\n";
	static xen_extraversion_t extra;
	domid_t self = DOMID_SELF;
	long v = hc_xen_version(XENVER_version, NULL), rc;

	entry(&mc[0], __HYPERVISOR_xen_version, XENVER_version, 0, 0);
	entry(&mc[1], __HYPERVISOR_console_io, CONSOLEIO_write, sizeof(msg) - 1,
	      (unsigned long)msg);
	entry(&mc[2], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
	entry(&mc[3], __HYPERVISOR_memory_op, XENMEM_current_reservation, (unsigned long)&self, 0);
	entry(&mc[4], __HYPERVISOR_xen_version, XENVER_extraversion, (unsigned long)extra, 0);
	rc = hc_multicall(mc, 5);
	CHECK_RC(rc, 0, "multicall of 5 entries");
	CHECK_RC(mc[0].result, v, "entry 0 result (XENVER_version)");
	CHECK_RC(mc[1].result, 0, "entry 1 result (CONSOLEIO_write)");
	CHECK_RC(mc[2].result, 4096, "entry 2 result (XENVER_pagesize)");
	CHECK_RC(mc[3].result, rt_start_info->nr_pages, "entry 3 result (current_reservation)");
	CHECK_RC(mc[4].result, 0, "entry 4 result (XENVER_extraversion)");
	CHECK(extra[0] != 0 || extra[1] == 0, "extraversion buffer not written");
}

static void failing_entry_does_not_stop(void)
{
	static struct multicall_entry mc[4];
	long rc;

	entry(&mc[0], __HYPERVISOR_xen_version, 99, 0, 0);		/* -ENOSYS */
	entry(&mc[1], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
	entry(&mc[2], __HYPERVISOR_xen_version, XENVER_extraversion, 0x1000, 0); /* -EFAULT */
	entry(&mc[3], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
	rc = hc_multicall(mc, 4);
	CHECK_RC(rc, 0, "multicall with failing entries");
	CHECK_RC(mc[0].result, -XEN_ENOSYS, "entry 0 (unknown xen_version sub-op)");
	CHECK_RC(mc[1].result, 4096, "entry 1 after a failed entry");
	CHECK_RC(mc[2].result, -XEN_EFAULT, "entry 2 (bad pointer)");
	CHECK_RC(mc[3].result, 4096, "entry 3");
}

static void unknown_hypercall_in_batch(void)
{
	static struct multicall_entry mc[3];
	long rc;

	entry(&mc[0], 11, 0, 0, 0);		/* unused hypercall number */
	entry(&mc[1], 63, 0, 0, 0);		/* beyond the table */
	entry(&mc[2], 0x10000, 0, 0, 0);
	rc = hc_multicall(mc, 3);
	CHECK_RC(rc, 0, "multicall of unknown hypercalls");
	CHECK_RC(mc[0].result, -XEN_ENOSYS, "hypercall 11 in a batch");
	CHECK_RC(mc[1].result, -XEN_ENOSYS, "hypercall 63 in a batch");
	CHECK_RC(mc[2].result, -XEN_ENOSYS, "hypercall 0x10000 in a batch");
}

static void nested_multicall_refused(void)
{
	static struct multicall_entry inner[1], outer[2];
	long rc;

	entry(&inner[0], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
	entry(&outer[0], __HYPERVISOR_multicall, (unsigned long)inner, 1, 0);
	entry(&outer[1], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
	rc = hc_multicall(outer, 2);
	CHECK_RC(rc, 0, "outer multicall");
	CHECK_RC(outer[0].result, -XEN_EINVAL, "multicall inside a multicall");
	CHECK_EQ(inner[0].result, 0x5a5a5a5a, "inner entry result untouched");
	CHECK_RC(outer[1].result, 4096, "entry after the nested multicall");
}

static void mmu_ops_in_batch(void)
{
	static struct multicall_entry mc[3];
	static struct mmu_update u;
	static struct mmuext_op op;
	static unsigned int done;
	uint64_t *page = rt_alloc_page();
	long rc;

	u.ptr = rt_virt_to_maddr(&page[3]);
	u.val = 0x3333;
	memset(&op, 0, sizeof(op));
	op.cmd = MMUEXT_TLB_FLUSH_LOCAL;
	entry(&mc[0], __HYPERVISOR_mmu_update, (unsigned long)&u, 1, (unsigned long)&done);
	mc[0].args[3] = DOMID_SELF;
	entry(&mc[1], __HYPERVISOR_mmuext_op, (unsigned long)&op, 1, 0);
	mc[1].args[3] = DOMID_SELF;
	entry(&mc[2], __HYPERVISOR_update_va_mapping, (unsigned long)page,
	      (rt_virt_to_mfn(page) << 12) | PTE_P | PTE_A | PTE_D, UVMF_INVLPG);
	rc = hc_multicall(mc, 3);
	CHECK_RC(rc, 0, "multicall of MMU operations");
	CHECK_RC(mc[0].result, 0, "mmu_update result");
	CHECK_EQ(done, 1, "mmu_update done count");
	CHECK_EQ(page[3], 0x3333, "mmu_update applied");
	CHECK_RC(mc[1].result, 0, "mmuext_op result");
	CHECK_RC(mc[2].result, 0, "update_va_mapping result");
	CHECK(!(rt_pte_of((unsigned long)page) & PTE_RW), "page still writable after the batch");
	rt_set_page_rw(page, true);
}

static void empty_batch(void)
{
	long rc = hc_multicall(NULL, 0);

	CHECK_RC(rc, 0, "multicall(NULL, 0)");
}

static void bad_pointer(void)
{
	long rc = hc_multicall((void *)0x1000, 2);

	CHECK_RC(rc, -XEN_EFAULT, "multicall list at unmapped 0x1000");
	rc = hc_multicall((void *)0xffff830000000000UL, 1);
	CHECK_RC(rc, -XEN_EFAULT, "multicall list in the hypervisor area");
}

static void result_not_written_back_on_fault(void)
{
	/* A list whose second entry is unmapped: the first runs, then -EFAULT. */
	struct multicall_entry *mc = (struct multicall_entry *)((char *)rt_alloc_page() + 4096 - 64);
	long rc;

	entry(mc, __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
	REQUIRE_RC(hc_update_va_mapping((char *)mc + 64, 0, UVMF_INVLPG), 0,
		   "unmapping the page after the list");
	rc = hc_multicall(mc, 2);
	CHECK_RC(rc, -XEN_EFAULT, "multicall whose second entry is unmapped");
	CHECK_RC(mc->result, 4096, "first entry's result");
	hc_update_va_mapping((char *)mc + 64,
			     (rt_virt_to_mfn((char *)mc + 64) << 12) | PTE_KERNEL, UVMF_INVLPG);
}

static const struct rt_case cases[] = {
	RT_CASE(batch_results),
	RT_CASE(failing_entry_does_not_stop),
	RT_CASE(unknown_hypercall_in_batch),
	RT_CASE(nested_multicall_refused),
	RT_CASE(mmu_ops_in_batch),
	RT_CASE(empty_batch),
	RT_CASE(bad_pointer),
	RT_CASE(result_not_written_back_on_fault),
};
RT_SUITE("multicall", cases, NULL);
