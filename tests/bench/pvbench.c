/*
 * pvbench.c - micro-benchmarks of the PV paths a guest kernel uses most,
 * measured from inside the guest with RDTSC: the median of many repetitions,
 * in TSC cycles. The same kernel runs on Lamina and on Xen 4.17 in one QEMU
 * configuration (tests/bench/run.sh compares them).
 *
 * Each benchmark prints one line: "bench <name>: <median cycles> cycles (<reps> reps)".
 */
#include "rt.h"

#define REPS 2000
#define BATCH 512
#define BATCH_REPS 40

static uint64_t samples[REPS];

static void sort(uint64_t *a, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		uint64_t v = a[i];
		unsigned int j = i;
		while (j > 0 && a[j - 1] > v) {
			a[j] = a[j - 1];
			j--;
		}
		a[j] = v;
	}
}

static void report(const char *name, uint64_t *s, unsigned int n, unsigned int per)
{
	sort(s, n);
	rt_printf("bench %s: %lu cycles (%u reps)\n", name, s[n / 2] / per, n);
}

static void null_hypercall(void)
{
	for (unsigned int i = 0; i < REPS; i++) {
		uint64_t t0 = rt_rdtsc();
		hc_xen_version(XENVER_version, NULL);
		samples[i] = rt_rdtsc() - t0;
	}
	report("null_hypercall", samples, REPS, 1);
}

/* 512 L1 entries of a pinned table mapped (read-only, to data pages) in one batch, per entry. */
static void mmu_update_batch(void)
{
	static struct mmu_update req[BATCH];
	uint64_t *l1 = rt_alloc_page(), *data = rt_alloc_page();
	uint64_t l1_ma = rt_virt_to_maddr(l1), data_mfn = rt_virt_to_mfn(data);

	REQUIRE_RC(rt_set_page_rw(l1, false), 0, "L1 page read-only");
	REQUIRE_RC(rt_mmuext1(MMUEXT_PIN_L1_TABLE, rt_virt_to_mfn(l1), 0), 0, "PIN_L1");
	for (unsigned int r = 0; r < BATCH_REPS; r++) {
		for (unsigned int i = 0; i < BATCH; i++) {
			req[i].ptr = l1_ma + i * 8;
			req[i].val = (data_mfn << 12) | PTE_P | PTE_A;
		}
		uint64_t t0 = rt_rdtsc();
		long rc = hc_mmu_update(req, BATCH, NULL, DOMID_SELF);
		samples[r] = rt_rdtsc() - t0;
		REQUIRE_RC(rc, 0, "mmu_update batch");
		for (unsigned int i = 0; i < BATCH; i++)
			req[i].val = 0;
		REQUIRE_RC(hc_mmu_update(req, BATCH, NULL, DOMID_SELF), 0, "clearing batch");
	}
	report("mmu_update_per_entry", samples, BATCH_REPS, BATCH);
	rt_mmuext1(MMUEXT_UNPIN_TABLE, rt_virt_to_mfn(l1), 0);
	rt_set_page_rw(l1, true);
}

/* update_va_mapping of one page, flipping it read-only and back, with UVMF_INVLPG. */
static void update_va_mapping_invlpg(void)
{
	char *page = rt_alloc_page();
	uint64_t pte = rt_pte_of((unsigned long)page);

	for (unsigned int i = 0; i < REPS; i++) {
		uint64_t val = (i & 1) ? pte : (pte & ~PTE_RW);
		uint64_t t0 = rt_rdtsc();
		long rc = hc_update_va_mapping((unsigned long)page, val, UVMF_INVLPG);
		samples[i] = rt_rdtsc() - t0;
		REQUIRE_RC(rc, 0, "update_va_mapping");
	}
	hc_update_va_mapping((unsigned long)page, pte, UVMF_INVLPG);
	report("update_va_mapping_invlpg", samples, REPS, 1);
}

/* EVTCHNOP_send to an IPI port of our own, until its upcall has run. */
static void evtchn_send_self(void)
{
	evtchn_port_t port;

	REQUIRE_RC(rt_evtchn_bind_ipi(0, &port), 0, "bind_ipi");
	rt_evt_unmask_local(port);
	rt_irq_enable();
	for (unsigned int i = 0; i < REPS; i++) {
		unsigned long before = rt_evt_count[port];
		uint64_t t0 = rt_rdtsc();
		rt_evtchn_send(port);
		while (rt_evt_count[port] == before)
			;
		samples[i] = rt_rdtsc() - t0;
	}
	rt_irq_disable();
	rt_evtchn_close(port);
	report("evtchn_send_self_upcall", samples, REPS, 1);
}

/* A #PF on an unmapped address bounced to the guest's handler, which skips the load and irets. */
static bool skip_faulting_load(struct rt_regs *r)
{
	if (r->rip != rt_at)
		return false;
	r->rip = rt_after;
	return true;
}

static void page_fault_bounce(void)
{
	rt_trap_hooks[X86_PF] = skip_faulting_load;
	for (unsigned int i = 0; i < REPS; i++) {
		uint64_t t0 = rt_rdtsc();
		asm volatile(RT_MARK_AT "mov (%0), %%rax" RT_MARK_END
			     : : "r"(0x0000100000000000UL) : "rax", "r11", "memory");
		samples[i] = rt_rdtsc() - t0;
	}
	rt_trap_hooks[X86_PF] = NULL;
	report("page_fault_bounce_iret", samples, REPS, 1);
}

/* Guest user -> guest kernel SYSCALL, straight back to user mode with iret. */
#define BENCH_SYSCALL_NR 0x42

static bool return_to_user(struct rt_regs *r)
{
	r->iret_flags = VGCF_in_syscall;
	return r->rax == BENCH_SYSCALL_NR;
}

static void user_loop(unsigned long arg)
{
	for (unsigned int i = 0; i < REPS; i++) {
		uint64_t t0 = rt_rdtsc();
		asm volatile("syscall" : : "a"(BENCH_SYSCALL_NR) : "rcx", "r11", "memory");
		samples[i] = rt_rdtsc() - t0;
	}
	rt_user_exit(0);
}

static void user_syscall_round_trip(void)
{
	struct rt_user_result res;

	rt_syscall_hook = return_to_user;
	rt_user_run(user_loop, 0, &res);
	rt_syscall_hook = NULL;
	report("user_syscall_round_trip", samples, REPS, 1);
}

static const struct rt_case cases[] = {
	RT_CASE(null_hypercall),
	RT_CASE(mmu_update_batch),
	RT_CASE(update_va_mapping_invlpg),
	RT_CASE(evtchn_send_self),
	RT_CASE(page_fault_bounce),
	RT_CASE(user_syscall_round_trip),
};
RT_SUITE("bench", cases, NULL);
