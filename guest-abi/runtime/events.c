/*
 * events.c - 2-level event channels: the upcall handler and hypercall wrappers.
 */
#include "rt.h"

volatile unsigned long rt_evt_count[RT_NR_PORTS];
volatile unsigned long rt_upcall_count;
rt_evt_handler_t rt_evt_handlers[RT_NR_PORTS];

void rt_evt_init(void)
{
}

/* Called from the event callback with events masked. */
void rt_evt_upcall(struct rt_regs *r)
{
	vcpu_info_t *vi = rt_vcpu_info;
	shared_info_t *s = rt_shared_info;

	(void)r;
	rt_upcall_count++;
	do {
		unsigned long sel;

		vi->evtchn_upcall_pending = 0;
		rt_barrier();
		sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
		while (sel) {
			unsigned int w = (unsigned int)__builtin_ctzl(sel);
			unsigned long pend;

			sel &= sel - 1;
			pend = s->evtchn_pending[w] & ~s->evtchn_mask[w];
			while (pend) {
				unsigned int b = (unsigned int)__builtin_ctzl(pend);
				evtchn_port_t port = w * 64 + b;

				pend &= pend - 1;
				rt_evt_clear(port);
				if (port < RT_NR_PORTS) {
					rt_evt_count[port]++;
					if (rt_evt_handlers[port])
						rt_evt_handlers[port](port);
				}
			}
		}
		rt_barrier();
	} while (vi->evtchn_upcall_pending);
}

void rt_irq_enable(void)
{
	rt_barrier();
	rt_vcpu_info->evtchn_upcall_mask = 0;
	rt_barrier();
	/* An event that arrived while masked is only delivered on an exit to the guest. */
	if (rt_vcpu_info->evtchn_upcall_pending)
		hc_xen_version(XENVER_version, NULL);
}

long rt_evtchn_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port)
{
	struct evtchn_bind_virq op = { .virq = virq, .vcpu = vcpu, .port = 0 };
	long rc = hc_event_channel_op(EVTCHNOP_bind_virq, &op);

	if (port)
		*port = op.port;
	return rc;
}

long rt_evtchn_bind_ipi(uint32_t vcpu, evtchn_port_t *port)
{
	struct evtchn_bind_ipi op = { .vcpu = vcpu, .port = 0 };
	long rc = hc_event_channel_op(EVTCHNOP_bind_ipi, &op);

	if (port)
		*port = op.port;
	return rc;
}

long rt_evtchn_alloc_unbound(domid_t dom, domid_t remote, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound op = { .dom = dom, .remote_dom = remote, .port = 0 };
	long rc = hc_event_channel_op(EVTCHNOP_alloc_unbound, &op);

	if (port)
		*port = op.port;
	return rc;
}

long rt_evtchn_send(evtchn_port_t port)
{
	struct evtchn_send op = { .port = port };

	return hc_event_channel_op(EVTCHNOP_send, &op);
}

long rt_evtchn_close(evtchn_port_t port)
{
	struct evtchn_close op = { .port = port };

	return hc_event_channel_op(EVTCHNOP_close, &op);
}

long rt_evtchn_unmask(evtchn_port_t port)
{
	struct evtchn_unmask op = { .port = port };

	return hc_event_channel_op(EVTCHNOP_unmask, &op);
}

long rt_evtchn_status(evtchn_port_t port, struct evtchn_status *st)
{
	memset(st, 0, sizeof(*st));
	st->dom = DOMID_SELF;
	st->port = port;
	return hc_event_channel_op(EVTCHNOP_status, st);
}

bool rt_wait_event(volatile unsigned long *counter, unsigned long target, uint64_t timeout_ns)
{
	uint64_t end = rt_system_time() + timeout_ns;
	uint8_t m = rt_irq_save();
	bool ok;

	rt_irq_enable();
	while (*counter < target && rt_system_time() < end)
		__asm__ __volatile__("pause");
	ok = *counter >= target;
	rt_irq_restore(m);
	return ok;
}
