/* lamina/sched.h - running and blocking vCPUs (common/sched.c). */
#ifndef LAMINA_SCHED_H
#define LAMINA_SCHED_H

#include <lamina/domain.h>
#include <xen/event_channel.h>

struct cpu_user_regs;

/* sched_init - at boot: the scheduler of this CPU and its tick. */
void sched_init(void);

/* sched_init_vcpu - a new vCPU's timers and scheduling state (not runnable yet). */
void sched_init_vcpu(struct vcpu *v);

/* sched_add_vcpu - attach v's scheduling state to its domain (done by sched_init_vcpu). */
void sched_add_vcpu(struct vcpu *v);

/* sched_remove_vcpu, sched_remove_domain - forget a vCPU / domain being destroyed. */
void sched_remove_vcpu(struct vcpu *v);
void sched_remove_domain(struct domain *d);

/* sched_start - v is the first vCPU put on the CPU (dom0's vCPU 0 at boot). */
void sched_start(struct vcpu *v);

/* need_resched - set when schedule() must run before the next return to a guest. */
extern bool need_resched;

/*
 * schedule - on the way back to a guest, with regs the frame at the top of
 * the stack: pick the vCPU to run (the current one, another one, or halt
 * until one is runnable) and switch to it.
 */
void schedule(struct cpu_user_regs *regs);

/* vcpu_runnable - v is up, not blocked, not paused, and its domain is not shutting down or dying. */
bool vcpu_runnable(const struct vcpu *v);

/*
 * vcpu_sched_update - call after anything vcpu_runnable() looks at changed:
 * queues or dequeues v, or asks for a switch when v is on the CPU.
 */
void vcpu_sched_update(struct vcpu *v);

/* domain_sched_update - vcpu_sched_update for each of d's vCPUs. */
void domain_sched_update(struct domain *d);

struct xen_domctl_scheduler_op;
/*
 * sched_adjust - XEN_DOMCTL_scheduler_op for d: getinfo/putinfo of the
 * credit scheduler's weight and cap. -EINVAL for another scheduler's id or
 * another command (Xen: sched_adjust and csched_dom_cntl).
 */
long sched_adjust(struct domain *d, struct xen_domctl_scheduler_op *op);

/* sched_evtchn_pending - port of d became pending: wake d's vCPUs polling it (SCHEDOP_poll). */
void sched_evtchn_pending(struct domain *d, evtchn_port_t port);
/* vcpu_start_timers - arm the default periodic timer when the vCPU starts. */
void vcpu_start_timers(struct vcpu *v);
/* vcpu_kick - wake v if it is blocked (or polling). */
void vcpu_kick(struct vcpu *v);

#endif /* LAMINA_SCHED_H */
