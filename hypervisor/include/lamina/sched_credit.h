/*
 * lamina/sched_credit.h - the credit scheduler's accounting and run queue
 * (common/sched_credit.c): pure logic, no hardware, unit-tested hosted.
 *
 * The model is Xen's credit scheduler (xen/common/sched/credit.c, the
 * default scheduler of Xen 4.17), for one physical CPU:
 *  - each domain has a weight (1-65535, default 256) and a cap (percent of
 *    one physical CPU, 0 = none);
 *  - every accounting period (30 ms) the CPU's time, as credits, is shared
 *    among the domains whose vCPUs were active, in proportion to weight,
 *    never above the cap, and split evenly among each domain's active vCPUs;
 *  - a running vCPU burns credit for the time it runs (10 credits per ms);
 *  - vCPUs with credit left (UNDER) run before those in debt (OVER); a vCPU
 *    that wakes from blocking with credit left is BOOSTed ahead of both
 *    until its next tick, so interactive work gets the CPU quickly;
 *  - equal priorities share the CPU round robin in 30 ms time slices;
 *  - a capped domain whose vCPU is in debt is parked until new credit
 *    arrives;
 *  - a vCPU that piles up more than one time slice of unused credit stops
 *    taking part in the sharing (inactive) until it runs again, so idle
 *    vCPUs do not hoard the CPU.
 * The caller supplies the time (ns) and decides what "runnable" means.
 */
#ifndef LAMINA_SCHED_CREDIT_H
#define LAMINA_SCHED_CREDIT_H

#include <lamina/types.h>

#define CSCHED_TICK_NS (10 * (s_time_t)NS_PER_MS) /* accounting tick */
#define CSCHED_TICKS_PER_TSLICE 3
#define CSCHED_TSLICE_NS (CSCHED_TICKS_PER_TSLICE * CSCHED_TICK_NS) /* time slice: 30 ms */
#define CSCHED_TICKS_PER_ACCT 3 /* accounting period: 30 ms */
#define CSCHED_CREDITS_PER_MSEC 10
#define CSCHED_CREDITS_PER_TICK (CSCHED_CREDITS_PER_MSEC * 10)
#define CSCHED_CREDITS_PER_TSLICE (CSCHED_CREDITS_PER_TICK * CSCHED_TICKS_PER_TSLICE)
#define CSCHED_CREDITS_PER_ACCT (CSCHED_CREDITS_PER_TICK * CSCHED_TICKS_PER_ACCT)
#define CSCHED_DEFAULT_WEIGHT 256 /* XEN_DOMCTL_SCHEDOP_getinfo default */
#define CSCHED_CAP_KEEP 0xffff /* putinfo: leave the cap as it is */

/* Priorities, highest first (Xen's CSCHED_PRI_TS_*). */
enum csched_pri {
	CSCHED_PRI_BOOST = 0,
	CSCHED_PRI_UNDER = -1,
	CSCHED_PRI_OVER = -2,
};

struct csched_dom;

/* A vCPU's scheduling state. */
struct csched_unit {
	struct csched_unit *runq_next, *runq_prev; /* on the run queue when runq_prev != NULL */
	struct csched_unit *active_next; /* on its domain's active list */
	struct csched_dom *dom;
	int credit;
	int pri; /* enum csched_pri */
	bool active; /* takes part in the credit sharing */
	bool parked; /* capped and in debt: not picked until credit returns */
	bool runnable; /* wants the CPU (csched_wake .. csched_sleep) */
	s_time_t burn_from; /* ns: credit was last debited for running up to this time */
	void *owner; /* the caller's vCPU */
};

/* A domain's scheduling parameters and its active vCPUs. */
struct csched_dom {
	struct csched_dom *active_next; /* on the scheduler's list of active domains */
	struct csched_unit *active_units;
	unsigned int nr_active;
	unsigned int weight; /* 1..CSCHED_MAX_WEIGHT */
	unsigned int cap; /* percent of a CPU, 0: no cap */
};

/* The scheduler of one physical CPU. */
struct csched {
	struct csched_unit runq; /* sentinel of the circular run queue */
	struct csched_dom *active_doms;
	unsigned int ticks; /* since the last accounting */
};

/* csched_init - an empty scheduler. */
void csched_init(struct csched *s);

/* csched_dom_init - a domain with the default weight and no cap. */
void csched_dom_init(struct csched_dom *d);

/* csched_unit_init - a vCPU of d, with no credit yet, not queued. owner is returned by picks. */
void csched_unit_init(struct csched_unit *u, struct csched_dom *d, void *owner);

/*
 * csched_unit_remove - forget u entirely (a vCPU being destroyed): off the
 * run queue and its domain's active list.
 */
void csched_unit_remove(struct csched *s, struct csched_unit *u);

/* csched_dom_remove - forget d (every unit of it must have been removed). */
void csched_dom_remove(struct csched *s, struct csched_dom *d);

/*
 * csched_set_params - XEN_DOMCTL_SCHEDOP_putinfo for the credit scheduler:
 * a weight of 0 leaves the weight, a cap of CSCHED_CAP_KEEP leaves the cap;
 * any other value is taken (Xen: csched_dom_cntl). The cap is in percent of
 * one physical CPU and may exceed 100 (then it does not limit here).
 */
void csched_set_params(struct csched_dom *d, unsigned int weight, unsigned int cap);

/*
 * csched_wake - u became runnable after blocking: queue it, BOOSTed when it
 * has credit left. Returns true when it should preempt `running` (the
 * vCPU on the CPU, NULL when idle): it has a higher priority.
 */
bool csched_wake(struct csched *s, struct csched_unit *u, const struct csched_unit *running);

/* csched_sleep - u is no longer runnable: off the run queue. */
void csched_sleep(struct csched *s, struct csched_unit *u);

/*
 * csched_burn - debit the running u for its time on the CPU up to now (ns);
 * a BOOSTed unit becomes UNDER. Makes u active in the sharing.
 */
void csched_burn(struct csched *s, struct csched_unit *u, s_time_t now);

/*
 * csched_tick - the periodic tick (every CSCHED_TICK_NS) while `running`
 * (NULL: idle) is on the CPU: burns its credit and, every
 * CSCHED_TICKS_PER_ACCT ticks, shares out new credit. Returns true when the
 * running unit should be preempted (a queued unit now has a higher
 * priority, or it got parked).
 */
bool csched_tick(struct csched *s, struct csched_unit *running, s_time_t now);

/*
 * csched_pick - choose what runs next at time now. prev is the unit that
 * was running (NULL: idle) and prev_runnable whether it may go on; it
 * competes with the queue (behind units of its priority when yielding).
 * Returns the unit to run, taken off the queue (prev itself when it stays),
 * or NULL to idle. Sets *slice_ns to the time before the next forced pick.
 */
struct csched_unit *csched_pick(struct csched *s, struct csched_unit *prev, bool prev_runnable,
				bool yield, s_time_t now, s_time_t *slice_ns);

/* csched_runq_empty - nothing is queued. */
bool csched_runq_empty(const struct csched *s);

#endif /* LAMINA_SCHED_CREDIT_H */
