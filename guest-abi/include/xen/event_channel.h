/*
 * xen/event_channel.h - event_channel_op hypercall: binding, sending and managing event
 * channels, for both the 2-level and the FIFO event ABI.
 *
 * Matches Xen's public xen/include/public/event_channel.h. An event channel is a port number
 * in a domain; raising it sets its pending bit and, unless masked, makes an upcall to the
 * vCPU it is bound to. Ports can be bound to a VIRQ, a physical IRQ (PIRQ), an IPI between
 * the domain's own vCPUs, or to a port of another domain (interdomain).
 *
 * event_channel_op(cmd, arg) takes an EVTCHNOP_* command and the struct evtchn_* named after
 * it. IN fields are read by the hypervisor, OUT fields written by it.
 */
#ifndef XEN_ABI_EVENT_CHANNEL_H
#define XEN_ABI_EVENT_CHANNEL_H

#include "xen.h"

#define EVTCHNOP_bind_interdomain	0
#define EVTCHNOP_bind_virq		1
#define EVTCHNOP_bind_pirq		2
#define EVTCHNOP_close			3
#define EVTCHNOP_send			4
#define EVTCHNOP_status			5
#define EVTCHNOP_alloc_unbound		6
#define EVTCHNOP_bind_ipi		7
#define EVTCHNOP_bind_vcpu		8
#define EVTCHNOP_unmask			9
#define EVTCHNOP_reset			10
#define EVTCHNOP_init_control		11	/* FIFO ABI */
#define EVTCHNOP_expand_array		12	/* FIFO ABI */
#define EVTCHNOP_set_priority		13	/* FIFO ABI */

/* evtchn_bind_pirq.flags: the physical IRQ may be shared with other domains. */
#define BIND_PIRQ__WILL_SHARE		1

/* evtchn_status.status */
#define EVTCHNSTAT_closed		0	/* not in use */
#define EVTCHNSTAT_unbound		1	/* waiting for an interdomain connection */
#define EVTCHNSTAT_interdomain		2	/* connected to a remote domain's port */
#define EVTCHNSTAT_pirq			3	/* bound to a physical IRQ */
#define EVTCHNSTAT_virq			4	/* bound to a virtual IRQ */
#define EVTCHNSTAT_ipi			5	/* bound to an IPI */

/*
 * FIFO ABI. Each port has a 32-bit event word in the guest-provided event array; ports are
 * queued per vCPU on 16 priority queues (0 is the highest).
 */
#define EVTCHN_FIFO_PRIORITY_MAX	0
#define EVTCHN_FIFO_PRIORITY_DEFAULT	7
#define EVTCHN_FIFO_PRIORITY_MIN	15
#define EVTCHN_FIFO_MAX_QUEUES		(EVTCHN_FIFO_PRIORITY_MIN + 1)

/* Bit numbers in an event word; bits 16:0 link to the next port in the queue. */
#define EVTCHN_FIFO_PENDING		31
#define EVTCHN_FIFO_MASKED		30
#define EVTCHN_FIFO_LINKED		29
#define EVTCHN_FIFO_BUSY		28

#define EVTCHN_FIFO_LINK_BITS		17
#define EVTCHN_FIFO_LINK_MASK		((1 << EVTCHN_FIFO_LINK_BITS) - 1)
#define EVTCHN_FIFO_NR_CHANNELS		(1 << EVTCHN_FIFO_LINK_BITS)

#ifndef __ASSEMBLER__

/* An event-channel port number. */
typedef uint32_t evtchn_port_t;

/* FIFO ABI: one port's event word. */
typedef uint32_t event_word_t;

/* 2-level ABI: one bit per port in each of the 64 words of shared_info.evtchn_pending. */
#define EVTCHN_2L_NR_CHANNELS		(sizeof(xen_ulong_t) * 8 * sizeof(xen_ulong_t) * 8)

/*
 * struct evtchn_alloc_unbound - EVTCHNOP_alloc_unbound: allocate a fresh port in dom that
 * remote_dom may later connect to with EVTCHNOP_bind_interdomain. remote_dom may be
 * DOMID_SELF (loopback); dom must be DOMID_SELF unless the caller is privileged.
 */
struct evtchn_alloc_unbound {
	domid_t dom;		/* in */
	domid_t remote_dom;	/* in */
	evtchn_port_t port;	/* out: the new port */
};
typedef struct evtchn_alloc_unbound evtchn_alloc_unbound_t;
XEN_ABI_SIZE(struct evtchn_alloc_unbound, 8);
XEN_ABI_OFFSET(struct evtchn_alloc_unbound, remote_dom, 2);
XEN_ABI_OFFSET(struct evtchn_alloc_unbound, port, 4);

/*
 * struct evtchn_bind_interdomain - EVTCHNOP_bind_interdomain: connect a new local port to the
 * unbound port remote_port of remote_dom, which must accept the caller. The new local port
 * starts out pending.
 */
struct evtchn_bind_interdomain {
	domid_t remote_dom;		/* in; may be DOMID_SELF */
	evtchn_port_t remote_port;	/* in */
	evtchn_port_t local_port;	/* out */
};
typedef struct evtchn_bind_interdomain evtchn_bind_interdomain_t;
XEN_ABI_SIZE(struct evtchn_bind_interdomain, 12);
XEN_ABI_OFFSET(struct evtchn_bind_interdomain, remote_port, 4);
XEN_ABI_OFFSET(struct evtchn_bind_interdomain, local_port, 8);

/*
 * struct evtchn_bind_virq - EVTCHNOP_bind_virq: bind a new port to a virtual IRQ on a vCPU.
 * Per-vCPU VIRQs can be bound once on each vCPU and never moved; global VIRQs once per
 * domain, on vCPU 0.
 */
struct evtchn_bind_virq {
	uint32_t virq;		/* in: VIRQ_* */
	uint32_t vcpu;		/* in */
	evtchn_port_t port;	/* out */
};
typedef struct evtchn_bind_virq evtchn_bind_virq_t;
XEN_ABI_SIZE(struct evtchn_bind_virq, 12);
XEN_ABI_OFFSET(struct evtchn_bind_virq, vcpu, 4);
XEN_ABI_OFFSET(struct evtchn_bind_virq, port, 8);

/*
 * struct evtchn_bind_pirq - EVTCHNOP_bind_pirq: bind a new port to a physical IRQ (privileged
 * domains; at most one port per PIRQ per domain).
 */
struct evtchn_bind_pirq {
	uint32_t pirq;		/* in */
	uint32_t flags;		/* in: BIND_PIRQ__* */
	evtchn_port_t port;	/* out */
};
typedef struct evtchn_bind_pirq evtchn_bind_pirq_t;
XEN_ABI_SIZE(struct evtchn_bind_pirq, 12);
XEN_ABI_OFFSET(struct evtchn_bind_pirq, flags, 4);
XEN_ABI_OFFSET(struct evtchn_bind_pirq, port, 8);

/*
 * struct evtchn_bind_ipi - EVTCHNOP_bind_ipi: a new port that any vCPU of the domain can
 * raise and that is always delivered to vcpu.
 */
struct evtchn_bind_ipi {
	uint32_t vcpu;		/* in */
	evtchn_port_t port;	/* out */
};
typedef struct evtchn_bind_ipi evtchn_bind_ipi_t;
XEN_ABI_SIZE(struct evtchn_bind_ipi, 8);
XEN_ABI_OFFSET(struct evtchn_bind_ipi, port, 4);

/*
 * struct evtchn_close - EVTCHNOP_close: free a local port. The remote end of an interdomain
 * channel goes back to the unbound state.
 */
struct evtchn_close {
	evtchn_port_t port;	/* in */
};
typedef struct evtchn_close evtchn_close_t;
XEN_ABI_SIZE(struct evtchn_close, 4);

/*
 * struct evtchn_send - EVTCHNOP_send: raise the other end of the channel whose local end is
 * port (for IPI ports, the port itself).
 */
struct evtchn_send {
	evtchn_port_t port;	/* in */
};
typedef struct evtchn_send evtchn_send_t;
XEN_ABI_SIZE(struct evtchn_send, 4);

/*
 * struct evtchn_status - EVTCHNOP_status: what the port <dom, port> is bound to. dom may be
 * DOMID_SELF; other domains need privilege. The union member follows status.
 */
struct evtchn_status {
	domid_t dom;			/* in */
	evtchn_port_t port;		/* in */
	uint32_t status;		/* out: EVTCHNSTAT_* */
	uint32_t vcpu;			/* out: vCPU the port notifies */
	union {
		struct {
			domid_t dom;	/* domain allowed to connect */
		} unbound;		/* EVTCHNSTAT_unbound */
		struct {
			domid_t dom;		/* remote domain */
			evtchn_port_t port;	/* remote port */
		} interdomain;		/* EVTCHNSTAT_interdomain */
		uint32_t pirq;		/* EVTCHNSTAT_pirq */
		uint32_t virq;		/* EVTCHNSTAT_virq */
	} u;				/* out */
};
typedef struct evtchn_status evtchn_status_t;
XEN_ABI_SIZE(struct evtchn_status, 24);
XEN_ABI_OFFSET(struct evtchn_status, port, 4);
XEN_ABI_OFFSET(struct evtchn_status, status, 8);
XEN_ABI_OFFSET(struct evtchn_status, vcpu, 12);
XEN_ABI_OFFSET(struct evtchn_status, u, 16);
XEN_ABI_OFFSET(struct evtchn_status, u.interdomain.port, 20);

/*
 * struct evtchn_bind_vcpu - EVTCHNOP_bind_vcpu: deliver port's events to another vCPU. Not
 * allowed for IPI and per-vCPU VIRQ ports; other ports start on vCPU 0.
 */
struct evtchn_bind_vcpu {
	evtchn_port_t port;	/* in */
	uint32_t vcpu;		/* in */
};
typedef struct evtchn_bind_vcpu evtchn_bind_vcpu_t;
XEN_ABI_SIZE(struct evtchn_bind_vcpu, 8);
XEN_ABI_OFFSET(struct evtchn_bind_vcpu, vcpu, 4);

/*
 * struct evtchn_unmask - EVTCHNOP_unmask: clear port's mask bit and, if it is pending, notify
 * the vCPU it is bound to.
 */
struct evtchn_unmask {
	evtchn_port_t port;	/* in */
};
typedef struct evtchn_unmask evtchn_unmask_t;
XEN_ABI_SIZE(struct evtchn_unmask, 4);

/*
 * struct evtchn_reset - EVTCHNOP_reset: close every port of dom (DOMID_SELF, or any domain
 * for privileged callers). For the calling domain this also returns it to the 2-level ABI.
 */
struct evtchn_reset {
	domid_t dom;		/* in */
};
typedef struct evtchn_reset evtchn_reset_t;
XEN_ABI_SIZE(struct evtchn_reset, 2);

/*
 * struct evtchn_init_control - EVTCHNOP_init_control: switch to the FIFO ABI by giving a
 * vCPU its control block (struct evtchn_fifo_control_block) at control_gfn:offset. Events
 * pending at the switch are lost, so guests call it before binding anything.
 */
struct evtchn_init_control {
	uint64_t control_gfn;	/* in: frame holding the control block */
	uint32_t offset;	/* in: byte offset of the control block in that frame */
	uint32_t vcpu;		/* in */
	uint8_t link_bits;	/* out: EVTCHN_FIFO_LINK_BITS */
	uint8_t _pad[7];
};
typedef struct evtchn_init_control evtchn_init_control_t;
XEN_ABI_SIZE(struct evtchn_init_control, 24);
XEN_ABI_OFFSET(struct evtchn_init_control, offset, 8);
XEN_ABI_OFFSET(struct evtchn_init_control, vcpu, 12);
XEN_ABI_OFFSET(struct evtchn_init_control, link_bits, 16);

/*
 * struct evtchn_expand_array - EVTCHNOP_expand_array: append one page of event words to the
 * domain's FIFO event array.
 */
struct evtchn_expand_array {
	uint64_t array_gfn;	/* in */
};
typedef struct evtchn_expand_array evtchn_expand_array_t;
XEN_ABI_SIZE(struct evtchn_expand_array, 8);

/*
 * struct evtchn_set_priority - EVTCHNOP_set_priority: FIFO queue priority of a port.
 */
struct evtchn_set_priority {
	evtchn_port_t port;	/* in */
	uint32_t priority;	/* in: EVTCHN_FIFO_PRIORITY_MAX .. _MIN */
};
typedef struct evtchn_set_priority evtchn_set_priority_t;
XEN_ABI_SIZE(struct evtchn_set_priority, 8);
XEN_ABI_OFFSET(struct evtchn_set_priority, priority, 4);

/*
 * struct evtchn_op - argument of the obsolete event_channel_op_compat hypercall: the command
 * followed by its structure.
 */
struct evtchn_op {
	uint32_t cmd;	/* EVTCHNOP_* */
	union {
		evtchn_alloc_unbound_t alloc_unbound;
		evtchn_bind_interdomain_t bind_interdomain;
		evtchn_bind_virq_t bind_virq;
		evtchn_bind_pirq_t bind_pirq;
		evtchn_bind_ipi_t bind_ipi;
		evtchn_close_t close;
		evtchn_send_t send;
		evtchn_status_t status;
		evtchn_bind_vcpu_t bind_vcpu;
		evtchn_unmask_t unmask;
	} u;
};
typedef struct evtchn_op evtchn_op_t;
XEN_ABI_SIZE(struct evtchn_op, 28);
XEN_ABI_OFFSET(struct evtchn_op, u, 4);

/*
 * struct evtchn_fifo_control_block - per-vCPU FIFO state in guest memory. The hypervisor sets
 * bit q of ready when queue q becomes non-empty; head[q] is the first port of queue q.
 */
struct evtchn_fifo_control_block {
	uint32_t ready;				/* bitmap of non-empty queues */
	uint32_t _rsvd;
	uint32_t head[EVTCHN_FIFO_MAX_QUEUES];	/* first port of each queue, 0 if empty */
};
typedef struct evtchn_fifo_control_block evtchn_fifo_control_block_t;
XEN_ABI_SIZE(struct evtchn_fifo_control_block, 72);
XEN_ABI_OFFSET(struct evtchn_fifo_control_block, head, 8);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_EVENT_CHANNEL_H */
