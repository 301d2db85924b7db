/*
 * evtchn.c - 2-level event channels: binding, sending, masking, status, closing, and the
 * upcall with its vcpu_info/shared_info bookkeeping.
 */
#include "rt.h"

#define MS	1000000ULL

static bool pending_sel_bit(evtchn_port_t p)
{
	return (rt_vcpu_info->evtchn_pending_sel >> (p / 64)) & 1;
}

static void virq_timer_delivered(void)
{
	evtchn_port_t port;
	struct evtchn_status st;
	long rc;

	rc = rt_evtchn_bind_virq(VIRQ_TIMER, 0, &port);
	REQUIRE_RC(rc, 0, "EVTCHNOP_bind_virq(VIRQ_TIMER, vcpu 0)");
	CHECK(port > 0 && port < RT_NR_PORTS, "port %u", port);
	rc = rt_evtchn_status(port, &st);
	CHECK_RC(rc, 0, "EVTCHNOP_status");
	CHECK_EQ(st.status, EVTCHNSTAT_virq, "status of a VIRQ port");
	CHECK_EQ(st.u.virq, VIRQ_TIMER, "status.u.virq");
	CHECK_EQ(st.vcpu, 0, "status.vcpu");
	rc = rt_set_singleshot(rt_system_time() + 2 * MS, 0);
	CHECK_RC(rc, 0, "VCPUOP_set_singleshot_timer(now + 2 ms)");
	CHECK(rt_wait_event(&rt_evt_count[port], rt_evt_count[port] + 1, 500 * MS),
	      "no VIRQ_TIMER event within 500 ms");
	rc = rt_evtchn_close(port);
	CHECK_RC(rc, 0, "EVTCHNOP_close of the VIRQ port");
}

static void bind_virq_twice(void)
{
	evtchn_port_t p1, p2;
	long rc;

	rc = rt_evtchn_bind_virq(VIRQ_DEBUG, 0, &p1);
	REQUIRE_RC(rc, 0, "first bind_virq(VIRQ_DEBUG)");
	rc = rt_evtchn_bind_virq(VIRQ_DEBUG, 0, &p2);
	CHECK_RC(rc, -XEN_EEXIST, "second bind_virq(VIRQ_DEBUG)");
	rt_evtchn_close(p1);
	rc = rt_evtchn_bind_virq(VIRQ_DEBUG, 0, &p2);
	CHECK_RC(rc, 0, "bind_virq(VIRQ_DEBUG) after closing the first port");
	rt_evtchn_close(p2);
}

static void bind_virq_bad(void)
{
	evtchn_port_t p;
	long rc;

	rc = rt_evtchn_bind_virq(NR_VIRQS, 0, &p);
	CHECK_RC(rc, -XEN_EINVAL, "bind_virq(NR_VIRQS)");
	rc = rt_evtchn_bind_virq(0xffffffffU, 0, &p);
	CHECK_RC(rc, -XEN_EINVAL, "bind_virq(-1)");
	rc = rt_evtchn_bind_virq(VIRQ_TIMER, 1, &p);
	CHECK_RC(rc, -XEN_ENOENT, "bind_virq(VIRQ_TIMER, vcpu 1) with one vCPU");
	rc = rt_evtchn_bind_virq(VIRQ_TIMER, 5000, &p);
	CHECK_RC(rc, -XEN_ENOENT, "bind_virq(VIRQ_TIMER, vcpu 5000)");
	/* A global VIRQ can only be bound on vCPU 0 (checked before the vCPU exists). */
	rc = rt_evtchn_bind_virq(VIRQ_CONSOLE, 1, &p);
	CHECK_RC(rc, -XEN_EINVAL, "bind_virq(VIRQ_CONSOLE, vcpu 1)");
}

static void global_virq_console(void)
{
	evtchn_port_t p;
	struct evtchn_status st;
	long rc;

	rc = rt_evtchn_bind_virq(VIRQ_CONSOLE, 0, &p);
	REQUIRE_RC(rc, 0, "bind_virq(VIRQ_CONSOLE, 0) as dom0");
	rc = rt_evtchn_status(p, &st);
	CHECK_RC(rc, 0, "status");
	CHECK_EQ(st.status, EVTCHNSTAT_virq, "status");
	CHECK_EQ(st.u.virq, VIRQ_CONSOLE, "status.u.virq");
	/* Global VIRQs may move between vCPUs: vCPU 0 is fine, vCPU 1 does not exist. */
	{
		struct evtchn_bind_vcpu bv = { .port = p, .vcpu = 0 };

		rc = hc_event_channel_op(EVTCHNOP_bind_vcpu, &bv);
		CHECK_RC(rc, 0, "bind_vcpu(VIRQ_CONSOLE port, 0)");
		bv.vcpu = 1;
		rc = hc_event_channel_op(EVTCHNOP_bind_vcpu, &bv);
		CHECK_RC(rc, -XEN_ENOENT, "bind_vcpu(VIRQ_CONSOLE port, 1)");
	}
	rt_evtchn_close(p);
}

static void ipi_send_to_self(void)
{
	evtchn_port_t p;
	struct evtchn_status st;
	unsigned long before;
	long rc;

	rc = rt_evtchn_bind_ipi(0, &p);
	REQUIRE_RC(rc, 0, "EVTCHNOP_bind_ipi(vcpu 0)");
	rc = rt_evtchn_status(p, &st);
	CHECK_RC(rc, 0, "status");
	CHECK_EQ(st.status, EVTCHNSTAT_ipi, "status of an IPI port");
	CHECK_EQ(st.vcpu, 0, "status.vcpu");
	rt_irq_enable();
	before = rt_evt_count[p];
	rc = rt_evtchn_send(p);
	CHECK_RC(rc, 0, "EVTCHNOP_send");
	/* The upcall is delivered on the way out of the send hypercall. */
	CHECK_EQ(rt_evt_count[p] - before, 1, "events handled right after the send");
	CHECK(!rt_evt_test_pending(p), "port still pending after the handler");
	rt_irq_disable();
	rt_evtchn_close(p);
}

static void bind_ipi_bad_vcpu(void)
{
	evtchn_port_t p;
	long rc = rt_evtchn_bind_ipi(1, &p);

	CHECK_RC(rc, -XEN_ENOENT, "bind_ipi(vcpu 1)");
}

static void unbound_send_dropped(void)
{
	evtchn_port_t p;
	struct evtchn_status st;
	unsigned long before;
	long rc;

	rc = rt_evtchn_alloc_unbound(DOMID_SELF, DOMID_SELF, &p);
	REQUIRE_RC(rc, 0, "EVTCHNOP_alloc_unbound(SELF, SELF)");
	rc = rt_evtchn_status(p, &st);
	CHECK_RC(rc, 0, "status");
	CHECK_EQ(st.status, EVTCHNSTAT_unbound, "status of an unbound port");
	CHECK_EQ(st.u.unbound.dom, 0, "status.u.unbound.dom (DOMID_SELF resolved to dom0)");
	rt_irq_enable();
	before = rt_evt_count[p];
	rc = rt_evtchn_send(p);
	CHECK_RC(rc, 0, "EVTCHNOP_send on an unbound port (silently dropped)");
	CHECK_EQ(rt_evt_count[p] - before, 0, "events on the unbound port");
	CHECK(!rt_evt_test_pending(p), "unbound port became pending");
	rt_irq_disable();
	rt_evtchn_close(p);
}

static void loopback_interdomain(void)
{
	evtchn_port_t a, b;
	struct evtchn_bind_interdomain bi;
	struct evtchn_status st;
	unsigned long before_a, before_b;
	long rc;

	rc = rt_evtchn_alloc_unbound(DOMID_SELF, DOMID_SELF, &a);
	REQUIRE_RC(rc, 0, "alloc_unbound");
	bi.remote_dom = DOMID_SELF;
	bi.remote_port = a;
	bi.local_port = 0;
	rc = hc_event_channel_op(EVTCHNOP_bind_interdomain, &bi);
	REQUIRE_RC(rc, 0, "EVTCHNOP_bind_interdomain(SELF, unbound port)");
	b = bi.local_port;
	CHECK(b != a && b > 0, "local port %u", b);
	rc = rt_evtchn_status(a, &st);
	CHECK_EQ(st.status, EVTCHNSTAT_interdomain, "status of the formerly unbound end");
	CHECK_EQ(st.u.interdomain.port, b, "its remote port");
	rc = rt_evtchn_status(b, &st);
	CHECK_EQ(st.status, EVTCHNSTAT_interdomain, "status of the new end");
	CHECK_EQ(st.u.interdomain.port, a, "its remote port");
	CHECK_EQ(st.u.interdomain.dom, 0, "its remote domain");
	rt_irq_enable();
	before_a = rt_evt_count[a];
	before_b = rt_evt_count[b];
	rc = rt_evtchn_send(b);
	CHECK_RC(rc, 0, "send on one end");
	CHECK_EQ(rt_evt_count[a] - before_a, 1, "events on the other end");
	CHECK_EQ(rt_evt_count[b] - before_b, 0, "events on the sending end");
	rt_irq_disable();
	rt_evtchn_close(b);
	rc = rt_evtchn_status(a, &st);
	CHECK_EQ(st.status, EVTCHNSTAT_unbound, "status of an end whose peer closed");
	rt_evtchn_close(a);
}

static void masked_port_then_unmask_hypercall(void)
{
	evtchn_port_t p;
	unsigned long before;
	long rc;

	REQUIRE_RC(rt_evtchn_bind_ipi(0, &p), 0, "bind_ipi");
	rt_evt_mask(p);
	rt_irq_enable();
	before = rt_evt_count[p];
	rc = rt_evtchn_send(p);
	CHECK_RC(rc, 0, "send to a masked port");
	CHECK(rt_evt_test_pending(p), "masked port not pending after send");
	CHECK(!pending_sel_bit(p), "selector bit set for a masked port");
	CHECK_EQ(rt_evt_count[p] - before, 0, "events delivered on a masked port");
	rc = rt_evtchn_unmask(p);
	CHECK_RC(rc, 0, "EVTCHNOP_unmask");
	CHECK_EQ(rt_evt_count[p] - before, 1, "events after EVTCHNOP_unmask of a pending port");
	CHECK(!(rt_shared_info->evtchn_mask[p / 64] >> (p % 64) & 1), "mask bit still set");
	rt_irq_disable();
	rt_evtchn_close(p);
}

static void local_unmask_does_not_raise(void)
{
	evtchn_port_t p;
	unsigned long before;

	REQUIRE_RC(rt_evtchn_bind_ipi(0, &p), 0, "bind_ipi");
	rt_evt_mask(p);
	rt_irq_enable();
	before = rt_evt_count[p];
	rt_evtchn_send(p);
	/* Clearing the mask bit directly tells the hypervisor nothing. */
	rt_evt_unmask_local(p);
	hc_xen_version(XENVER_version, NULL);
	hc_sched_op(SCHEDOP_yield, NULL);
	CHECK_EQ(rt_evt_count[p] - before, 0, "events after a local (non-hypercall) unmask");
	CHECK(rt_evt_test_pending(p), "port no longer pending");
	/* A second send finds it already pending: still nothing (edge semantics). */
	rt_evtchn_send(p);
	CHECK_EQ(rt_evt_count[p] - before, 0, "events after sending to an already pending port");
	rt_evt_clear(p);
	rt_evtchn_send(p);
	CHECK_EQ(rt_evt_count[p] - before, 1, "events after clearing pending and sending again");
	rt_irq_disable();
	rt_evtchn_close(p);
}

static void upcall_mask_defers_delivery(void)
{
	evtchn_port_t p;
	unsigned long before;

	REQUIRE_RC(rt_evtchn_bind_ipi(0, &p), 0, "bind_ipi");
	rt_irq_disable();
	before = rt_evt_count[p];
	rt_vcpu_info->evtchn_upcall_pending = 0;
	rt_evtchn_send(p);
	CHECK_EQ(rt_vcpu_info->evtchn_upcall_pending, 1, "evtchn_upcall_pending after send");
	CHECK(pending_sel_bit(p), "selector bit for the port not set");
	CHECK_EQ(rt_evt_count[p] - before, 0, "delivered while the upcall mask was set");
	hc_xen_version(XENVER_version, NULL);
	CHECK_EQ(rt_evt_count[p] - before, 0, "delivered on a hypercall return with the mask set");
	rt_irq_enable();	/* clears the mask, then a hypercall to get the upcall */
	CHECK_EQ(rt_evt_count[p] - before, 1, "events after clearing the mask");
	CHECK_EQ(rt_vcpu_info->evtchn_upcall_pending, 0, "evtchn_upcall_pending after the upcall");
	rt_irq_disable();
	rt_evtchn_close(p);
}

static volatile int upcall_seen;

static void frame_handler(evtchn_port_t port)
{
	(void)port;
	upcall_seen++;
}

static void upcall_frame_contents(void)
{
	evtchn_port_t p;

	REQUIRE_RC(rt_evtchn_bind_ipi(0, &p), 0, "bind_ipi");
	rt_evt_handlers[p] = frame_handler;
	upcall_seen = 0;
	memset(&rt_last_upcall, 0, sizeof(rt_last_upcall));
	rt_irq_enable();
	rt_evtchn_send(p);
	rt_irq_disable();
	CHECK_EQ(upcall_seen, 1, "handler calls");
	CHECK_EQ(rt_last_upcall.cs & 0xffff, FLAT_KERNEL_CS & ~3, "saved CS (kernel mode, RPL 0)");
	CHECK_EQ(rt_last_upcall.cs >> 32, 0, "saved upcall mask in CS bits 39:32");
	CHECK(rt_last_upcall.rflags & RFL_IF, "saved RFLAGS %#lx: IF clear", rt_last_upcall.rflags);
	CHECK_EQ(rt_last_upcall.ss, FLAT_KERNEL_SS, "saved SS");
	CHECK_EQ(rt_last_upcall.mask_in_handler, 1, "evtchn_upcall_mask inside the upcall");
	CHECK(rt_last_upcall.rip >= (unsigned long)_text && rt_last_upcall.rip < (unsigned long)_etext,
	      "saved RIP %#lx outside the kernel text", rt_last_upcall.rip);
	CHECK_EQ(rt_last_upcall.frame_top, rt_last_upcall.rsp & ~15UL,
		 "upcall frame right below the interrupted (16-byte rounded) RSP");
	rt_evt_handlers[p] = NULL;
	rt_evtchn_close(p);
}

static void close_then_send(void)
{
	evtchn_port_t p;
	struct evtchn_status st;
	long rc;

	REQUIRE_RC(rt_evtchn_bind_ipi(0, &p), 0, "bind_ipi");
	rc = rt_evtchn_close(p);
	CHECK_RC(rc, 0, "close");
	rc = rt_evtchn_send(p);
	CHECK_RC(rc, -XEN_EINVAL, "send on a closed port");
	rc = rt_evtchn_close(p);
	CHECK_RC(rc, -XEN_EINVAL, "close of a closed port");
	rc = rt_evtchn_status(p, &st);
	CHECK_RC(rc, 0, "status of a closed port");
	CHECK_EQ(st.status, EVTCHNSTAT_closed, "status");
	rc = rt_evtchn_status(0, &st);
	CHECK_RC(rc, 0, "status of port 0");
	CHECK_EQ(st.status, EVTCHNSTAT_closed, "status of port 0 (reserved)");
}

static void invalid_ports(void)
{
	struct evtchn_status st;
	long rc;

	rc = rt_evtchn_send(100000);
	CHECK_RC(rc, -XEN_EINVAL, "send on port 100000");
	rc = rt_evtchn_status(100000, &st);
	CHECK_RC(rc, -XEN_EINVAL, "status of port 100000");
	rc = rt_evtchn_close(100000);
	CHECK_RC(rc, -XEN_EINVAL, "close of port 100000");
	rc = rt_evtchn_unmask(100000);
	CHECK_RC(rc, -XEN_EINVAL, "unmask of port 100000");
	st.dom = 1;
	st.port = 1;
	rc = hc_event_channel_op(EVTCHNOP_status, &st);
	CHECK_RC(rc, -XEN_ESRCH, "status of a port of (non-existent) domain 1");
}

static void bind_vcpu_rules(void)
{
	evtchn_port_t ipi, timer, unb;
	struct evtchn_bind_vcpu bv;
	long rc;

	REQUIRE_RC(rt_evtchn_bind_ipi(0, &ipi), 0, "bind_ipi");
	REQUIRE_RC(rt_evtchn_bind_virq(VIRQ_TIMER, 0, &timer), 0, "bind_virq(TIMER)");
	REQUIRE_RC(rt_evtchn_alloc_unbound(DOMID_SELF, DOMID_SELF, &unb), 0, "alloc_unbound");
	bv.vcpu = 0;
	bv.port = unb;
	rc = hc_event_channel_op(EVTCHNOP_bind_vcpu, &bv);
	CHECK_RC(rc, 0, "bind_vcpu(unbound port, 0)");
	bv.port = ipi;
	rc = hc_event_channel_op(EVTCHNOP_bind_vcpu, &bv);
	CHECK_RC(rc, -XEN_EINVAL, "bind_vcpu(IPI port, 0)");
	bv.port = timer;
	rc = hc_event_channel_op(EVTCHNOP_bind_vcpu, &bv);
	CHECK_RC(rc, -XEN_EINVAL, "bind_vcpu(per-vCPU VIRQ port, 0)");
	rt_evtchn_close(ipi);
	rt_evtchn_close(timer);
	rt_evtchn_close(unb);
}

static void ports_reused_lowest_first(void)
{
	evtchn_port_t a, b, c;

	REQUIRE_RC(rt_evtchn_bind_ipi(0, &a), 0, "bind_ipi");
	REQUIRE_RC(rt_evtchn_bind_ipi(0, &b), 0, "bind_ipi");
	CHECK(b != a, "two bindings share port %u", a);
	rt_evtchn_close(a);
	REQUIRE_RC(rt_evtchn_bind_ipi(0, &c), 0, "bind_ipi");
	CHECK_EQ(c, a, "port allocated after closing the lower one (lowest free first)");
	rt_evtchn_close(b);
	rt_evtchn_close(c);
}

static void unknown_subop(void)
{
	char buf[64] = { 0 };
	long rc = hc_event_channel_op(99, buf);

	CHECK_RC(rc, -XEN_ENOSYS, "event_channel_op sub-op 99");
}

static const struct rt_case cases[] = {
	RT_CASE(virq_timer_delivered),
	RT_CASE(bind_virq_twice),
	RT_CASE(bind_virq_bad),
	RT_CASE(global_virq_console),
	RT_CASE(ipi_send_to_self),
	RT_CASE(bind_ipi_bad_vcpu),
	RT_CASE(unbound_send_dropped),
	RT_CASE(loopback_interdomain),
	RT_CASE(masked_port_then_unmask_hypercall),
	RT_CASE(local_unmask_does_not_raise),
	RT_CASE(upcall_mask_defers_delivery),
	RT_CASE(upcall_frame_contents),
	RT_CASE(close_then_send),
	RT_CASE(invalid_ports),
	RT_CASE(bind_vcpu_rules),
	RT_CASE(ports_reused_lowest_first),
	RT_CASE(unknown_subop),
};
RT_SUITE("evtchn", cases, NULL);
