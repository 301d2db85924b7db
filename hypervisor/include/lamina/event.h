/*
 * lamina/event.h - event channels (common/event_channel.c): how the
 * hypervisor and other domains raise events in a domain.
 */
#ifndef LAMINA_EVENT_H
#define LAMINA_EVENT_H

#include <lamina/domain.h>
#include <xen/event_channel.h>

/* evtchn_init - the domain's port table, port 0 reserved. Returns 0 or -ENOMEM. */
int evtchn_init(struct domain *d);

/* evtchn_destroy - close every port of a dying domain (peers see theirs unbound) and free the table. */
void evtchn_destroy(struct domain *d);

/* evtchn_port_pending - port of d (any number) has its pending bit set in shared_info. */
bool evtchn_port_pending(const struct domain *d, evtchn_port_t port);

/* evtchn_set_pending - raise port on v (2-level rules in event_channel.c). */
void evtchn_set_pending(struct vcpu *v, evtchn_port_t port);

/* send_guest_vcpu_virq / send_guest_global_virq - raise a VIRQ if the guest bound it. */
void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq);
void send_guest_global_virq(struct domain *d, unsigned int virq);

/* vcpu_mark_events_pending - set evtchn_upcall_pending and wake v. */
void vcpu_mark_events_pending(struct vcpu *v);

/* virq_is_global - bound once per domain on vCPU 0 (true), or per vCPU (false). */
bool virq_is_global(unsigned int virq);

/* evtchn_close - EVTCHNOP_close of d's port: 0, or -EINVAL for a port that is not open. */
long evtchn_close(struct domain *d, evtchn_port_t port);

/* evtchn_raise - make d's port pending (a PIRQ's interrupt, for instance). */
void evtchn_raise(struct domain *d, evtchn_port_t port);

/* evtchn_unmask - EVTCHNOP_unmask of d's port: 0, or -EINVAL. */
long evtchn_unmask(struct domain *d, evtchn_port_t port);

#endif /* LAMINA_EVENT_H */
