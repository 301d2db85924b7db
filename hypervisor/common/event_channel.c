/*
 * event_channel.c - event channels, 2-level ABI.
 *
 * A domain has EVTCHN_2L_NR_CHANNELS ports; port 0 is reserved. A port is
 * free, unbound (waiting for a remote domain), interdomain, a VIRQ, an IPI
 * or a PIRQ, and notifies one vCPU. Raising port p (2-level, Xen's
 * xen/common/event_2l.c): set bit p of shared_info.evtchn_pending; if it
 * was clear and bit p of evtchn_mask is clear, set bit p/64 of the vCPU's
 * evtchn_pending_sel, and if that was clear set evtchn_upcall_pending and
 * wake the vCPU. A PIRQ port is raised by its physical interrupt
 * (arch/x86/pirq.c). The guest clears pending bits itself; EVTCHNOP_unmask
 * repeats the selector step for a pending port it unmasks. FIFO
 * (init_control) is not offered: -ENOSYS makes Linux use the 2-level ABI.
 * Errors as Xen's xen/common/event_channel.c.
 */
#include <asm/pirq.h>
#include <asm/uaccess.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/event.h>
#include <lamina/heap.h>
#include <lamina/hypercall.h>
#include <lamina/lib.h>
#include <lamina/sched.h>
#include <xen/event_channel.h>

enum {
	ECS_FREE,
	ECS_RESERVED,
	ECS_UNBOUND,
	ECS_INTERDOMAIN,
	ECS_PIRQ,
	ECS_VIRQ,
	ECS_IPI,
};

struct evtchn {
	uint8_t state;
	uint16_t notify_vcpu_id;
	union {
		domid_t unbound_remote;
		struct {
			struct domain *dom;
			evtchn_port_t port;
		} interdomain;
		uint32_t virq;
		uint32_t pirq;
	} u;
};

#define NR_PORTS EVTCHN_2L_NR_CHANNELS
#define BITS_PER_WORD 64

int evtchn_init(struct domain *d)
{
	d->evtchn = xzalloc_array(struct evtchn, NR_PORTS);
	if (!d->evtchn)
		return -ENOMEM;
	d->max_evtchns = NR_PORTS;
	d->max_evtchn_port = NR_PORTS - 1;
	d->evtchn[0].state = ECS_RESERVED;
	return 0;
}

void evtchn_destroy(struct domain *d)
{
	if (!d->evtchn)
		return;
	for (evtchn_port_t p = 1; p < d->max_evtchns; p++)
		if (d->evtchn[p].state != ECS_FREE)
			evtchn_close(d, p);
	xfree(d->evtchn);
	d->evtchn = NULL;
	d->max_evtchns = 0;
}

static struct evtchn *port_to_evtchn(struct domain *d, evtchn_port_t port)
{
	return port < d->max_evtchns ? &d->evtchn[port] : NULL;
}

/* The lowest free port, up to the domain's max_evtchn_port (createdomain); -ENOSPC. */
static int get_free_port(struct domain *d)
{
	for (evtchn_port_t p = 1; p < d->max_evtchns && p <= d->max_evtchn_port; p++)
		if (d->evtchn[p].state == ECS_FREE)
			return (int)p;
	return -ENOSPC;
}

static bool test_and_set(volatile uint64_t *words, unsigned int bit)
{
	uint64_t m = 1ULL << (bit % BITS_PER_WORD);
	return __atomic_fetch_or(&words[bit / BITS_PER_WORD], m, __ATOMIC_SEQ_CST) & m;
}

static bool test_bit64(const volatile uint64_t *words, unsigned int bit)
{
	return words[bit / BITS_PER_WORD] & (1ULL << (bit % BITS_PER_WORD));
}

/* Selector and upcall step: the port is pending and unmasked. */
static void mark_vcpu_pending(struct vcpu *v, evtchn_port_t port)
{
	vcpu_info_t *vi = v->vcpu_info;
	uint64_t sel = 1ULL << (port / BITS_PER_WORD);

	if (__atomic_fetch_or(&vi->evtchn_pending_sel, sel, __ATOMIC_SEQ_CST) & sel)
		return;
	vcpu_mark_events_pending(v);
}

bool evtchn_port_pending(const struct domain *d, evtchn_port_t port)
{
	return port < EVTCHN_2L_NR_CHANNELS &&
	       test_bit64((const volatile uint64_t *)d->shared_info->evtchn_pending, port);
}

void evtchn_set_pending(struct vcpu *v, evtchn_port_t port)
{
	shared_info_t *s = v->domain->shared_info;

	if (test_and_set((volatile uint64_t *)s->evtchn_pending, port))
		return;
	if (!test_bit64((const volatile uint64_t *)s->evtchn_mask, port))
		mark_vcpu_pending(v, port);
	sched_evtchn_pending(v->domain, port); /* pollers wake even when it is masked */
}

void vcpu_mark_events_pending(struct vcpu *v)
{
	if (__atomic_exchange_n(&v->vcpu_info->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST))
		return;
	vcpu_kick(v);
}

static void port_set_pending(struct domain *d, const struct evtchn *chn, evtchn_port_t port)
{
	struct vcpu *v = d->vcpu[chn->notify_vcpu_id];

	if (v)
		evtchn_set_pending(v, port);
}

bool virq_is_global(unsigned int virq)
{
	switch (virq) {
	case VIRQ_TIMER:
	case VIRQ_DEBUG:
	case VIRQ_XENOPROF:
	case VIRQ_XENPMU:
		return false;
	default:
		return true;
	}
}

void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq)
{
	evtchn_port_t port = v->virq_to_evtchn[virq];

	if (port)
		evtchn_set_pending(v, port);
}

void send_guest_global_virq(struct domain *d, unsigned int virq)
{
	if (!d || !d->vcpu[0])
		return;
	evtchn_port_t port = d->vcpu[0]->virq_to_evtchn[virq];
	if (port)
		port_set_pending(d, &d->evtchn[port], port);
}

static long alloc_unbound(struct evtchn_alloc_unbound *a)
{
	struct domain *cur = current->domain;
	struct domain *d = domain_by_id(a->dom);

	if (!d)
		return -ESRCH;
	if (d != cur && !cur->is_privileged)
		return -EPERM;
	int port = get_free_port(d);
	if (port < 0)
		return port;
	d->evtchn[port].state = ECS_UNBOUND;
	d->evtchn[port].notify_vcpu_id = 0;
	d->evtchn[port].u.unbound_remote = a->remote_dom == DOMID_SELF ? cur->domain_id
								       : a->remote_dom;
	a->port = (evtchn_port_t)port;
	return 0;
}

/*
 * bind_interdomain - connect a new local port to remote_port of remote_dom,
 * which must be unbound and waiting for this domain. Both ends become
 * interdomain; the local port is raised at once, since the remote side may
 * have signalled the unbound port before (Xen does the same).
 */
static long bind_interdomain(struct evtchn_bind_interdomain *b)
{
	struct domain *ld = current->domain;
	struct domain *rd = domain_by_id(b->remote_dom == DOMID_SELF ? ld->domain_id : b->remote_dom);

	if (!rd)
		return -ESRCH;
	int lport = get_free_port(ld);
	if (lport < 0)
		return lport;
	struct evtchn *rchn = port_to_evtchn(rd, b->remote_port);
	if (!rchn || rchn->state != ECS_UNBOUND || rchn->u.unbound_remote != ld->domain_id)
		return -EINVAL;
	struct evtchn *lchn = &ld->evtchn[lport];
	lchn->state = ECS_INTERDOMAIN;
	lchn->notify_vcpu_id = 0;
	lchn->u.interdomain.dom = rd;
	lchn->u.interdomain.port = b->remote_port;
	rchn->state = ECS_INTERDOMAIN;
	rchn->u.interdomain.dom = ld;
	rchn->u.interdomain.port = (evtchn_port_t)lport;
	b->local_port = (evtchn_port_t)lport;
	port_set_pending(ld, lchn, (evtchn_port_t)lport);
	return 0;
}

static long bind_virq(struct evtchn_bind_virq *b)
{
	struct domain *d = current->domain;
	unsigned int virq = b->virq, vcpu = b->vcpu;

	if (virq >= NR_VIRQS)
		return -EINVAL;
	if (virq_is_global(virq) && vcpu != 0)
		return -EINVAL;
	if (vcpu >= d->max_vcpus || !d->vcpu[vcpu])
		return -ENOENT;
	struct vcpu *v = d->vcpu[vcpu];
	if (virq_is_global(virq) && d != hardware_domain)
		return -EBUSY;
	if (v->virq_to_evtchn[virq])
		return -EEXIST;
	int port = get_free_port(d);
	if (port < 0)
		return port;
	d->evtchn[port].state = ECS_VIRQ;
	d->evtchn[port].notify_vcpu_id = (uint16_t)vcpu;
	d->evtchn[port].u.virq = virq;
	v->virq_to_evtchn[virq] = (evtchn_port_t)port;
	b->port = (evtchn_port_t)port;
	return 0;
}

static long bind_ipi(struct evtchn_bind_ipi *b)
{
	struct domain *d = current->domain;

	if (b->vcpu >= d->max_vcpus || !d->vcpu[b->vcpu])
		return -ENOENT;
	int port = get_free_port(d);
	if (port < 0)
		return port;
	d->evtchn[port].state = ECS_IPI;
	d->evtchn[port].notify_vcpu_id = (uint16_t)b->vcpu;
	b->port = (evtchn_port_t)port;
	return 0;
}

/*
 * bind_pirq - EVTCHNOP_bind_pirq: a port for a PIRQ the domain mapped,
 * notifying vCPU 0. BIND_PIRQ__WILL_SHARE is accepted; one domain per GSI.
 */
static long bind_pirq(struct evtchn_bind_pirq *b)
{
	struct domain *d = current->domain;
	long rc = pirq_bind_check(d, b->pirq);

	if (rc)
		return rc;
	int port = get_free_port(d);
	if (port < 0)
		return port;
	struct evtchn *chn = &d->evtchn[port];
	chn->state = ECS_PIRQ;
	chn->notify_vcpu_id = 0;
	chn->u.pirq = b->pirq;
	pirq_bind(d, b->pirq, (evtchn_port_t)port);
	b->port = (evtchn_port_t)port;
	return 0;
}

void evtchn_raise(struct domain *d, evtchn_port_t port)
{
	struct evtchn *chn = port_to_evtchn(d, port);

	if (chn && chn->state != ECS_FREE)
		port_set_pending(d, chn, port);
}

static void clear_pending(struct domain *d, evtchn_port_t port)
{
	uint64_t *w = (uint64_t *)d->shared_info->evtchn_pending;

	__atomic_fetch_and(&w[port / BITS_PER_WORD], ~(1ULL << (port % BITS_PER_WORD)),
			   __ATOMIC_SEQ_CST);
}

long evtchn_close(struct domain *d, evtchn_port_t port)
{
	struct evtchn *chn = port_to_evtchn(d, port);

	if (!chn)
		return -EINVAL;
	switch (chn->state) {
	case ECS_FREE:
	case ECS_RESERVED:
		return -EINVAL;
	case ECS_VIRQ:
		for (unsigned int i = 0; i < d->max_vcpus; i++)
			if (d->vcpu[i] && d->vcpu[i]->virq_to_evtchn[chn->u.virq] == port)
				d->vcpu[i]->virq_to_evtchn[chn->u.virq] = 0;
		break;
	case ECS_PIRQ:
		pirq_unbind(d, chn->u.pirq);
		break;
	case ECS_INTERDOMAIN: {
		struct domain *rd = chn->u.interdomain.dom;
		struct evtchn *rchn = port_to_evtchn(rd, chn->u.interdomain.port);
		if (rchn && rchn->state == ECS_INTERDOMAIN) {
			rchn->state = ECS_UNBOUND;
			rchn->u.unbound_remote = d->domain_id;
		}
		break;
	}
	default:
		break;
	}
	clear_pending(d, port);
	chn->state = ECS_FREE;
	chn->notify_vcpu_id = 0;
	return 0;
}

static long evtchn_send(struct domain *d, evtchn_port_t port)
{
	struct evtchn *chn = port_to_evtchn(d, port);

	if (!chn)
		return -EINVAL;
	switch (chn->state) {
	case ECS_INTERDOMAIN: {
		struct domain *rd = chn->u.interdomain.dom;
		evtchn_port_t rport = chn->u.interdomain.port;
		port_set_pending(rd, &rd->evtchn[rport], rport);
		return 0;
	}
	case ECS_IPI:
		port_set_pending(d, chn, port);
		return 0;
	case ECS_UNBOUND:
		return 0; /* nobody to tell: dropped */
	default:
		return -EINVAL;
	}
}

static long evtchn_status(struct evtchn_status *st)
{
	struct domain *cur = current->domain;
	struct domain *d = domain_by_id(st->dom);

	if (!d)
		return -ESRCH;
	if (d != cur && !cur->is_privileged)
		return -EPERM;
	struct evtchn *chn = port_to_evtchn(d, st->port);
	if (!chn)
		return -EINVAL;
	st->vcpu = chn->notify_vcpu_id;
	switch (chn->state) {
	case ECS_FREE:
	case ECS_RESERVED:
		st->status = EVTCHNSTAT_closed;
		break;
	case ECS_UNBOUND:
		st->status = EVTCHNSTAT_unbound;
		st->u.unbound.dom = chn->u.unbound_remote;
		break;
	case ECS_INTERDOMAIN:
		st->status = EVTCHNSTAT_interdomain;
		st->u.interdomain.dom = chn->u.interdomain.dom->domain_id;
		st->u.interdomain.port = chn->u.interdomain.port;
		break;
	case ECS_PIRQ:
		st->status = EVTCHNSTAT_pirq;
		st->u.pirq = chn->u.pirq;
		break;
	case ECS_VIRQ:
		st->status = EVTCHNSTAT_virq;
		st->u.virq = chn->u.virq;
		break;
	case ECS_IPI:
		st->status = EVTCHNSTAT_ipi;
		break;
	}
	return 0;
}

static long bind_vcpu(struct domain *d, evtchn_port_t port, unsigned int vcpu)
{
	if (vcpu >= d->max_vcpus || !d->vcpu[vcpu])
		return -ENOENT;
	struct evtchn *chn = port_to_evtchn(d, port);
	if (!chn)
		return -EINVAL;
	switch (chn->state) {
	case ECS_VIRQ:
		if (!virq_is_global(chn->u.virq))
			return -EINVAL;
		/* fall through */
	case ECS_UNBOUND:
	case ECS_INTERDOMAIN:
	case ECS_PIRQ:
		chn->notify_vcpu_id = (uint16_t)vcpu;
		return 0;
	default:
		return -EINVAL;
	}
}

long evtchn_unmask(struct domain *d, evtchn_port_t port)
{
	struct evtchn *chn = port_to_evtchn(d, port);
	shared_info_t *s = d->shared_info;

	if (!chn)
		return -EINVAL;
	uint64_t *mask = (uint64_t *)s->evtchn_mask;
	uint64_t m = 1ULL << (port % BITS_PER_WORD);
	if ((__atomic_fetch_and(&mask[port / BITS_PER_WORD], ~m, __ATOMIC_SEQ_CST) & m) &&
	    test_bit64((const volatile uint64_t *)s->evtchn_pending, port)) {
		struct vcpu *v = d->vcpu[chn->notify_vcpu_id];
		if (v)
			mark_vcpu_pending(v, port);
	}
	return 0;
}


long do_event_channel_op(unsigned long cmd, unsigned long arg, unsigned long a3,
			 unsigned long a4, unsigned long a5)
{
	struct domain *d = current->domain;

	switch ((int)cmd) {
	case EVTCHNOP_alloc_unbound:
		WITH_GUEST_ARG(struct evtchn_alloc_unbound, arg, alloc_unbound(&a), true);
	case EVTCHNOP_bind_interdomain:
		WITH_GUEST_ARG(struct evtchn_bind_interdomain, arg, bind_interdomain(&a), true);
	case EVTCHNOP_bind_virq:
		WITH_GUEST_ARG(struct evtchn_bind_virq, arg, bind_virq(&a), true);
	case EVTCHNOP_bind_ipi:
		WITH_GUEST_ARG(struct evtchn_bind_ipi, arg, bind_ipi(&a), true);
	case EVTCHNOP_bind_pirq:
		WITH_GUEST_ARG(struct evtchn_bind_pirq, arg, bind_pirq(&a), true);
	case EVTCHNOP_status:
		WITH_GUEST_ARG(struct evtchn_status, arg, evtchn_status(&a), true);
	case EVTCHNOP_close: {
		struct evtchn_close c;
		if (copy_from_guest(&c, arg, sizeof(c)))
			return -EFAULT;
		return evtchn_close(d, c.port);
	}
	case EVTCHNOP_send: {
		struct evtchn_send s;
		if (copy_from_guest(&s, arg, sizeof(s)))
			return -EFAULT;
		return evtchn_send(d, s.port);
	}
	case EVTCHNOP_bind_vcpu: {
		struct evtchn_bind_vcpu b;
		if (copy_from_guest(&b, arg, sizeof(b)))
			return -EFAULT;
		return bind_vcpu(d, b.port, b.vcpu);
	}
	case EVTCHNOP_unmask: {
		struct evtchn_unmask u;
		if (copy_from_guest(&u, arg, sizeof(u)))
			return -EFAULT;
		return evtchn_unmask(d, u.port);
	}
	default:
		return -ENOSYS;
	}
}
