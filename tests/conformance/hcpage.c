/*
 * hcpage.c - the hypercall page: a kernel with XEN_ELFNOTE_HYPERCALL_PAGE gets 128 32-byte
 * stubs (push %rcx; push %r11; mov $nr, %eax; syscall; pop %r11; pop %rcx; ret; stub 23,
 * iret, without the pops), the rest filled with int3; calls through the page work.
 */
#include "rt.h"

static void stub_bytes(void)
{
	const unsigned char *p = (const unsigned char *)hypercall_page;
	unsigned int bad = 0, first = 999;

	for (unsigned int i = 0; i < 128; i++) {
		const unsigned char *s = p + 32 * i;
		unsigned char want[14];
		unsigned int n;

		if (i == __HYPERVISOR_iret) {
			const unsigned char w[] = { 0x51, 0x41, 0x53, 0x50, 0xb8, 23, 0, 0, 0, 0x0f,
						    0x05 };
			memcpy(want, w, sizeof(w));
			n = sizeof(w);
		} else {
			const unsigned char w[] = { 0x51, 0x41, 0x53, 0xb8, (unsigned char)i, 0, 0, 0,
						    0x0f, 0x05, 0x41, 0x5b, 0x59, 0xc3 };
			memcpy(want, w, sizeof(w));
			n = sizeof(w);
		}
		if (memcmp(s, want, n)) {
			bad++;
			if (first == 999)
				first = i;
		}
	}
	CHECK(bad == 0, "%u stubs differ from the expected bytes (first: stub %u: %02x %02x %02x "
	      "%02x %02x %02x)", bad, first, p[32 * (first & 127)], p[32 * (first & 127) + 1],
	      p[32 * (first & 127) + 2], p[32 * (first & 127) + 3], p[32 * (first & 127) + 4],
	      p[32 * (first & 127) + 5]);
}

static void padding_is_int3(void)
{
	const unsigned char *p = (const unsigned char *)hypercall_page;
	unsigned int bad = 0;

	for (unsigned int i = 0; i < 128; i++) {
		unsigned int start = i == __HYPERVISOR_iret ? 11 : 14;

		for (unsigned int j = start; j < 32; j++)
			if (p[32 * i + j] != 0xcc)
				bad++;
	}
	CHECK(bad == 0, "%u padding bytes are not 0xcc (int3)", bad);
}

static void calls_through_page(void)
{
	static const char msg[] = "hcpage: console write through the hypercall page\n";
	struct xen_feature_info fi = { .submap_idx = 0 };
	long rc;

	rc = rt_hcpage_call(__HYPERVISOR_xen_version, XENVER_version, 0, 0, 0, 0);
	CHECK_RC(rc, hc_xen_version(XENVER_version, NULL), "xen_version through the page");
	rc = rt_hcpage_call(__HYPERVISOR_console_io, CONSOLEIO_write, sizeof(msg) - 1,
			    (unsigned long)msg, 0, 0);
	CHECK_RC(rc, 0, "console_io through the page");
	rc = rt_hcpage_call(__HYPERVISOR_xen_version, XENVER_get_features, (unsigned long)&fi, 0, 0,
			    0);
	CHECK_RC(rc, 0, "XENVER_get_features through the page");
	CHECK(fi.submap & (1U << XENFEAT_mmu_pt_update_preserve_ad), "features %#x", fi.submap);
	rc = rt_hcpage_call(11, 0, 0, 0, 0, 0);
	CHECK_RC(rc, -XEN_ENOSYS, "stub 11 (unused hypercall)");
	rc = rt_hcpage_call(127, 0, 0, 0, 0, 0);
	CHECK_RC(rc, -XEN_ENOSYS, "stub 127");
}

static void five_arguments(void)
{
	uint64_t *page = rt_alloc_page();
	struct mmu_update u = { .ptr = rt_virt_to_maddr(&page[1]), .val = 77 };
	unsigned int done = 0;
	long rc;

	/* mmu_update uses four argument registers (RDI, RSI, RDX, R10). */
	rc = rt_hcpage_call(__HYPERVISOR_mmu_update, (unsigned long)&u, 1, (unsigned long)&done,
			    DOMID_SELF, 0);
	CHECK_RC(rc, 0, "mmu_update through the page");
	CHECK_EQ(page[1], 77, "value stored");
	CHECK_EQ(done, 1, "done count");
}

static void rcx_r11_preserved(void)
{
	static volatile unsigned long out[2];

	__asm__ __volatile__("mov $0x1c1c, %%rcx\n\tmov $0x1b1b, %%r11\n\t"
			     "mov $17, %%eax\n\txor %%edi, %%edi\n\txor %%esi, %%esi\n\t"
			     "call *%%rbx\n\t"
			     "mov %%rcx, 0(%0)\n\tmov %%r11, 8(%0)"
			     :: "r"(out), "b"(hypercall_page + 32 * __HYPERVISOR_xen_version)
			     : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r10", "r11", "memory");
	CHECK_EQ(out[0], 0x1c1c, "RCX across a page stub (saved by the stub)");
	CHECK_EQ(out[1], 0x1b1b, "R11 across a page stub (saved by the stub)");
}

static void iret_stub(void)
{
	static volatile unsigned long out[2];
	static char stack[4096] RT_ALIGNED(16);

	/* Jump (not call) to stub 23 with a hardware-style frame and flags 0 on the stack. */
	__asm__ __volatile__("mov %%rsp, %%r12\n\t"
			     "lea 2048(%[stk]), %%rsp\n\t"
			     "pushq $0xe02b\n\t"		/* SS */
			     "lea 1024(%[stk]), %%rax\n\tpushq %%rax\n\t"	/* RSP */
			     "pushq $0x2\n\t"			/* RFLAGS: IF clear -> masked */
			     "pushq $0xe030\n\t"		/* CS, RPL 0: stay in kernel */
			     "lea 1f(%%rip), %%rax\n\tpushq %%rax\n\t"	/* RIP */
			     "pushq $0\n\t"			/* flags */
			     "mov $0x1cec, %%ecx\n\tmov $0x1b0b, %%r11d\n\tmov $0xa0a0, %%eax\n\t"
			     "jmp *%[stub]\n"
			     "1:\n\t"
			     "mov %%rax, 0(%[out])\n\t"
			     "mov %%rcx, 8(%[out])\n\t"
			     "mov %%r12, %%rsp"
			     :: [stk] "r"(stack), [out] "b"(out),
				[stub] "r"(hypercall_page + 32 * __HYPERVISOR_iret)
			     : "rax", "rcx", "r11", "r12", "memory");
	CHECK_EQ(out[0], 0xa0a0, "RAX after iret through stub 23");
	CHECK_EQ(out[1], 0x1cec, "RCX after iret through stub 23 (pushed by the stub)");
	CHECK_EQ(rt_vcpu_info->evtchn_upcall_mask, 1, "mask after iret with IF clear");
}

static const struct rt_case cases[] = {
	RT_CASE(stub_bytes),
	RT_CASE(padding_is_int3),
	RT_CASE(calls_through_page),
	RT_CASE(five_arguments),
	RT_CASE(rcx_r11_preserved),
	RT_CASE(iret_stub),
};
RT_SUITE("hcpage", cases, NULL);
