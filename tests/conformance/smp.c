/*
 * smp.c - a second vCPU on one physical CPU: VCPUOP_initialise and its refusals, up/down,
 * the two vCPUs sharing the CPU (yield, SCHEDOP_poll woken by an IPI, runstate), and each
 * vCPU keeping its own SSE registers across switches; the credit scheduler's controls
 * (sysctl sched_id, XEN_DOMCTL_scheduler_op).
 *
 * conformance-hv-args: dom0_max_vcpus=2 sched=credit
 *
 * vCPU 1 runs vcpu1_main() on its own stack with events masked: it counts its passes, does
 * what v1_cmd asks (counting those too), and waits in SCHEDOP_poll on an IPI port bound to it.
 */
#include <xen/domctl.h>
#include <xen/sysctl.h>

#include "rt.h"

#define MS 1000000ULL
#define V1_STACK_BYTES 16384

enum { CMD_NONE, CMD_SPIN, CMD_XMM };

static uint8_t v1_stack[V1_STACK_BYTES] RT_ALIGNED(16);
static struct vcpu_guest_context ctxt;
static volatile unsigned long v1_count, v1_spins, v1_stage, v1_done;
static volatile unsigned int v1_cmd;
static evtchn_port_t v1_port;
static bool v1_started;
static uint8_t pat_a[256] RT_ALIGNED(16), pat_b[256] RT_ALIGNED(16);
static uint8_t got_a[256] RT_ALIGNED(16), got_b[256] RT_ALIGNED(16);

/* The SSE registers from/to 256 bytes: one asm statement each, so no C runs in between. */
#define LOAD_XMM(p)                                                                                \
	__asm__ __volatile__("movdqa 0(%0), %%xmm0\n\tmovdqa 16(%0), %%xmm1\n\t"                    \
			     "movdqa 32(%0), %%xmm2\n\tmovdqa 48(%0), %%xmm3\n\t"                   \
			     "movdqa 64(%0), %%xmm4\n\tmovdqa 80(%0), %%xmm5\n\t"                   \
			     "movdqa 96(%0), %%xmm6\n\tmovdqa 112(%0), %%xmm7\n\t"                  \
			     "movdqa 128(%0), %%xmm8\n\tmovdqa 144(%0), %%xmm9\n\t"                 \
			     "movdqa 160(%0), %%xmm10\n\tmovdqa 176(%0), %%xmm11\n\t"               \
			     "movdqa 192(%0), %%xmm12\n\tmovdqa 208(%0), %%xmm13\n\t"               \
			     "movdqa 224(%0), %%xmm14\n\tmovdqa 240(%0), %%xmm15" ::"r"(p)          \
			     : "memory")
#define STORE_XMM(p)                                                                               \
	__asm__ __volatile__("movdqa %%xmm0, 0(%0)\n\tmovdqa %%xmm1, 16(%0)\n\t"                    \
			     "movdqa %%xmm2, 32(%0)\n\tmovdqa %%xmm3, 48(%0)\n\t"                   \
			     "movdqa %%xmm4, 64(%0)\n\tmovdqa %%xmm5, 80(%0)\n\t"                   \
			     "movdqa %%xmm6, 96(%0)\n\tmovdqa %%xmm7, 112(%0)\n\t"                  \
			     "movdqa %%xmm8, 128(%0)\n\tmovdqa %%xmm9, 144(%0)\n\t"                 \
			     "movdqa %%xmm10, 160(%0)\n\tmovdqa %%xmm11, 176(%0)\n\t"               \
			     "movdqa %%xmm12, 192(%0)\n\tmovdqa %%xmm13, 208(%0)\n\t"               \
			     "movdqa %%xmm14, 224(%0)\n\tmovdqa %%xmm15, 240(%0)" ::"r"(p)          \
			     : "memory")

static long v1_poll(void)
{
	struct sched_poll p = {.nr_ports = 1, .timeout = 0};

	set_xen_guest_handle(p.ports, &v1_port);
	return hc_sched_op(SCHEDOP_poll, &p);
}

static void __attribute__((noreturn, used)) vcpu1_main(void)
{
	for (;;) {
		v1_count++;
		switch (v1_cmd) {
		case CMD_SPIN:
			while (v1_cmd == CMD_SPIN)
				v1_spins++;
			break;
		case CMD_XMM:
			LOAD_XMM(pat_b);
			v1_stage = 1;
			rt_evt_clear(v1_port);
			v1_poll();
			STORE_XMM(got_b);
			v1_stage = 2;
			v1_cmd = CMD_NONE;
			break;
		}
		v1_done++;
		rt_evt_clear(v1_port);
		v1_poll();
	}
}

/* Yield until *v reaches want or timeout_ns passes; whether it did. */
static bool wait_for(volatile unsigned long *v, unsigned long want, uint64_t timeout_ns)
{
	uint64_t end = rt_system_time() + timeout_ns;

	while (*v < want && rt_system_time() < end)
		hc_sched_op(SCHEDOP_yield, NULL);
	return *v >= want;
}

static void good_context(void)
{
	memset(&ctxt, 0, sizeof(ctxt));
	ctxt.flags = VGCF_in_kernel;
	ctxt.user_regs.rip = (unsigned long)vcpu1_main;
	ctxt.user_regs.rsp = (unsigned long)(v1_stack + V1_STACK_BYTES - 8);
	ctxt.user_regs.cs = FLAT_KERNEL_CS;
	ctxt.user_regs.ss = FLAT_KERNEL_SS;
	ctxt.user_regs.ds = ctxt.user_regs.es = FLAT_KERNEL_DS;
	ctxt.user_regs.rflags = 0x200;
	ctxt.kernel_ss = FLAT_KERNEL_SS;
	ctxt.kernel_sp = ctxt.user_regs.rsp;
	ctxt.ctrlreg[3] = xen_pfn_to_cr3(rt_virt_to_mfn((void *)rt_start_info->pt_base));
}

static long vcpu_is_up(unsigned int v)
{
	return hc_vcpu_op(VCPUOP_is_up, v, NULL);
}

static void two_vcpus(void)
{
	CHECK_RC(vcpu_is_up(0), 1, "VCPUOP_is_up(0)");
	CHECK_RC(vcpu_is_up(1), 0, "VCPUOP_is_up(1) before it is started");
	CHECK_RC(vcpu_is_up(2), -XEN_ENOENT, "VCPUOP_is_up(2) with dom0_max_vcpus=2");
	CHECK_RC(hc_vcpu_op(VCPUOP_up, 1, NULL), -XEN_EINVAL, "VCPUOP_up(1) before initialise");
}

static void initialise_refusals(void)
{
	CHECK_RC(hc_vcpu_op(VCPUOP_initialise, 1, (void *)0x10), -XEN_EFAULT, "unmapped context");
	good_context();
	CHECK_RC(hc_vcpu_op(VCPUOP_initialise, 0, &ctxt), -XEN_EEXIST, "initialise vCPU 0");
	CHECK_RC(hc_vcpu_op(VCPUOP_initialise, 2, &ctxt), -XEN_ENOENT, "initialise vCPU 2");
	good_context();
	ctxt.user_regs.rip = 0x0000800000000000UL;
	CHECK_RC(hc_vcpu_op(VCPUOP_initialise, 1, &ctxt), -XEN_EINVAL, "non-canonical RIP");
	good_context();
	ctxt.trap_ctxt[14].address = 0x8000000000001000UL;
	CHECK_RC(hc_vcpu_op(VCPUOP_initialise, 1, &ctxt), -XEN_EINVAL, "non-canonical trap handler");
	good_context();
	ctxt.ldt_base = 0x1008;
	ctxt.ldt_ents = 1;
	CHECK_RC(hc_vcpu_op(VCPUOP_initialise, 1, &ctxt), -XEN_EINVAL, "unaligned LDT base");
	good_context();
	ctxt.ldt_ents = 8193;
	CHECK_RC(hc_vcpu_op(VCPUOP_initialise, 1, &ctxt), -XEN_EINVAL, "8193 LDT entries");
	good_context();
	ctxt.gdt_ents = 17 * 512;
	CHECK_RC(hc_vcpu_op(VCPUOP_initialise, 1, &ctxt), -XEN_EINVAL, "17 GDT frames");
	good_context();
	ctxt.flags = 0;
	CHECK_RC(hc_vcpu_op(VCPUOP_initialise, 1, &ctxt), -XEN_EINVAL,
		 "user mode without a user page table");
	good_context();
	ctxt.ctrlreg[3] = xen_pfn_to_cr3(rt_virt_to_mfn(v1_stack));
	CHECK_RC(hc_vcpu_op(VCPUOP_initialise, 1, &ctxt), -XEN_EINVAL, "a data page as the L4");
	CHECK_RC(vcpu_is_up(1), 0, "vCPU 1 still down");
}

static void start_vcpu1(void)
{
	long rc = rt_evtchn_bind_ipi(1, &v1_port);

	REQUIRE_RC(rc, 0, "EVTCHNOP_bind_ipi(vcpu 1)");
	rt_evt_mask(v1_port); /* vCPU 1 polls it; vCPU 0's upcall must leave it alone */
	good_context();
	REQUIRE_RC(hc_vcpu_op(VCPUOP_initialise, 1, &ctxt), 0, "VCPUOP_initialise(1)");
	CHECK_RC(vcpu_is_up(1), 0, "VCPUOP_is_up(1) after initialise");
	CHECK_RC(hc_vcpu_op(VCPUOP_initialise, 1, &ctxt), -XEN_EEXIST, "second initialise");
	REQUIRE_RC(hc_vcpu_op(VCPUOP_up, 1, NULL), 0, "VCPUOP_up(1)");
	CHECK_RC(vcpu_is_up(1), 1, "VCPUOP_is_up(1) after up");
	CHECK_RC(hc_vcpu_op(VCPUOP_up, 1, NULL), 0, "VCPUOP_up(1) again");
	REQUIRE(wait_for(&v1_count, 1, 500 * MS), "vCPU 1 did not run within 500 ms");
	v1_started = true;
}

static void ipi_wakes_poller(void)
{
	REQUIRE(v1_started, "vCPU 1 is not running");
	for (unsigned long i = 0; i < 5; i++) {
		unsigned long before = v1_count;
		CHECK_RC(rt_evtchn_send(v1_port), 0, "EVTCHNOP_send to vCPU 1's IPI port");
		CHECK(wait_for(&v1_count, before + 1, 500 * MS), "IPI %lu did not wake vCPU 1", i);
	}
}

static void runstate_of_polling_vcpu(void)
{
	struct vcpu_runstate_info rs;

	REQUIRE(v1_started, "vCPU 1 is not running");
	hc_sched_op(SCHEDOP_yield, NULL);
	CHECK_RC(hc_vcpu_op(VCPUOP_get_runstate_info, 1, &rs), 0, "get_runstate_info(1)");
	CHECK_EQ(rs.state, RUNSTATE_blocked, "vCPU 1 waiting in SCHEDOP_poll");
	CHECK(rs.time[RUNSTATE_running] > 0, "vCPU 1 has run (%lu ns)",
	      (unsigned long)rs.time[RUNSTATE_running]);
	CHECK_RC(hc_vcpu_op(VCPUOP_get_runstate_info, 0, &rs), 0, "get_runstate_info(0)");
	CHECK_EQ(rs.state, RUNSTATE_running, "vCPU 0 itself");
}

static void yield_runs_the_other(void)
{
	REQUIRE(v1_started, "vCPU 1 is not running");
	v1_spins = 0;
	v1_cmd = CMD_SPIN;
	rt_evtchn_send(v1_port);
	CHECK(wait_for(&v1_spins, 1000, 2000 * MS), "vCPU 1 did not spin (%lu)", v1_spins);
	/* A busy vCPU 1 does not keep vCPU 0 off the CPU: we are back here. */
	unsigned long before = v1_done;
	v1_cmd = CMD_NONE;
	CHECK(wait_for(&v1_done, before + 1, 2000 * MS), "vCPU 1 did not leave its spin");
}

static void sse_registers_per_vcpu(void)
{
	REQUIRE(v1_started, "vCPU 1 is not running");
	for (unsigned int i = 0; i < sizeof(pat_a); i++) {
		pat_a[i] = (uint8_t)(i * 5 + 3);
		pat_b[i] = (uint8_t)(i * 11 + 7);
	}
	v1_stage = 0;
	v1_cmd = CMD_XMM;
	LOAD_XMM(pat_a);
	rt_evtchn_send(v1_port);
	bool loaded = wait_for(&v1_stage, 1, 1000 * MS);
	STORE_XMM(got_a);
	REQUIRE(loaded, "vCPU 1 did not load its registers");
	CHECK(!memcmp(pat_a, got_a, sizeof(pat_a)), "vCPU 0's xmm registers changed while vCPU 1 ran");
	rt_evtchn_send(v1_port);
	REQUIRE(wait_for(&v1_stage, 2, 1000 * MS), "vCPU 1 did not finish");
	CHECK(!memcmp(pat_b, got_b, sizeof(pat_b)), "vCPU 1's xmm registers changed while vCPU 0 ran");
}

static void down_and_up(void)
{
	REQUIRE(v1_started, "vCPU 1 is not running");
	hc_sched_op(SCHEDOP_yield, NULL);
	CHECK_RC(hc_vcpu_op(VCPUOP_down, 1, NULL), 0, "VCPUOP_down(1)");
	CHECK_RC(vcpu_is_up(1), 0, "VCPUOP_is_up(1) after down");
	unsigned long before = v1_count;
	rt_evtchn_send(v1_port);
	wait_for(&v1_count, before + 1, 50 * MS);
	CHECK_EQ(v1_count, before, "a down vCPU does not run");
	CHECK_RC(hc_vcpu_op(VCPUOP_up, 1, NULL), 0, "VCPUOP_up(1) again");
	CHECK(wait_for(&v1_count, before + 1, 500 * MS), "vCPU 1 did not resume after up");
}

static long domctl_sched(struct xen_domctl *op, uint32_t cmd, uint16_t weight, uint16_t cap)
{
	memset(op, 0, sizeof(*op));
	op->cmd = XEN_DOMCTL_scheduler_op;
	op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	op->domain = 0;
	op->u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT;
	op->u.scheduler_op.cmd = cmd;
	op->u.scheduler_op.u.credit.weight = weight;
	op->u.scheduler_op.u.credit.cap = cap;
	return HC1(__HYPERVISOR_domctl, op);
}

static void credit_scheduler_controls(void)
{
	static struct xen_sysctl sop;
	static struct xen_domctl op;

	memset(&sop, 0, sizeof(sop));
	sop.cmd = XEN_SYSCTL_sched_id;
	sop.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
	CHECK_RC(HC1(__HYPERVISOR_sysctl, &sop), 0, "sysctl sched_id");
	CHECK_EQ(sop.u.sched_id.sched_id, XEN_SCHEDULER_CREDIT, "the credit scheduler");

	CHECK_RC(domctl_sched(&op, XEN_DOMCTL_SCHEDOP_getinfo, 0, 0), 0, "getinfo");
	CHECK_EQ(op.u.scheduler_op.u.credit.weight, 256, "default weight");
	CHECK_EQ(op.u.scheduler_op.u.credit.cap, 0, "default cap");
	CHECK_RC(domctl_sched(&op, XEN_DOMCTL_SCHEDOP_putinfo, 512, 50), 0, "putinfo 512/50");
	CHECK_RC(domctl_sched(&op, XEN_DOMCTL_SCHEDOP_getinfo, 0, 0), 0, "getinfo");
	CHECK_EQ(op.u.scheduler_op.u.credit.weight, 512, "weight set");
	CHECK_EQ(op.u.scheduler_op.u.credit.cap, 50, "cap set");
	CHECK_RC(domctl_sched(&op, XEN_DOMCTL_SCHEDOP_putinfo, 0, 0), 0, "putinfo weight 0");
	CHECK_RC(domctl_sched(&op, XEN_DOMCTL_SCHEDOP_getinfo, 0, 0), 0, "getinfo");
	CHECK_EQ(op.u.scheduler_op.u.credit.weight, 512, "weight 0 leaves the weight");
	CHECK_EQ(op.u.scheduler_op.u.credit.cap, 0, "cap 0 clears the cap");
	CHECK_RC(domctl_sched(&op, XEN_DOMCTL_SCHEDOP_putinfo, 256, 0), 0, "putinfo 256/0");
	CHECK_RC(domctl_sched(&op, 7, 0, 0), -XEN_EINVAL, "scheduler_op command 7");
	memset(&op, 0, sizeof(op));
	CHECK_RC(domctl_sched(&op, XEN_DOMCTL_SCHEDOP_getinfo, 0, 0), 0, "getinfo");
	op.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT2;
	CHECK_RC(HC1(__HYPERVISOR_domctl, &op), -XEN_EINVAL, "another scheduler's id");
}

static const struct rt_case cases[] = {
	RT_CASE(two_vcpus),
	RT_CASE(initialise_refusals),
	RT_CASE(start_vcpu1),
	RT_CASE(ipi_wakes_poller),
	RT_CASE(runstate_of_polling_vcpu),
	RT_CASE(yield_runs_the_other),
	RT_CASE(sse_registers_per_vcpu),
	RT_CASE(down_and_up),
	RT_CASE(credit_scheduler_controls),
};
RT_SUITE("smp", cases, NULL);
