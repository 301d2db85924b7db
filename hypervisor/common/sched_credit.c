/*
 * sched_credit.c - the credit scheduler's accounting and run queue for one
 * physical CPU. The rules are in lamina/sched_credit.h; they follow Xen's
 * credit scheduler (xen/common/sched/credit.c).
 *
 * Invariants:
 *  - a unit is on the run queue iff runq_prev != NULL; the queue is sorted
 *    by priority, highest first, FIFO within a priority;
 *  - a unit is on its domain's active list iff active; a domain is on the
 *    active-domain list iff nr_active > 0;
 *  - only runnable, unparked units are on the run queue (the running unit
 *    is not on it).
 */
#include <lamina/sched_credit.h>

void csched_init(struct csched *s)
{
	s->runq.runq_next = s->runq.runq_prev = &s->runq;
	s->active_doms = NULL;
	s->ticks = 0;
}

void csched_dom_init(struct csched_dom *d)
{
	*d = (struct csched_dom){.weight = CSCHED_DEFAULT_WEIGHT};
}

void csched_unit_init(struct csched_unit *u, struct csched_dom *d, void *owner)
{
	*u = (struct csched_unit){.dom = d, .pri = CSCHED_PRI_UNDER, .owner = owner};
}

void csched_set_params(struct csched_dom *d, unsigned int weight, unsigned int cap)
{
	if (weight)
		d->weight = weight;
	if (cap != CSCHED_CAP_KEEP)
		d->cap = cap;
}

bool csched_runq_empty(const struct csched *s)
{
	return s->runq.runq_next == &s->runq;
}

static bool on_runq(const struct csched_unit *u)
{
	return u->runq_prev != NULL;
}

static void runq_remove(struct csched_unit *u)
{
	if (!on_runq(u))
		return;
	u->runq_prev->runq_next = u->runq_next;
	u->runq_next->runq_prev = u->runq_prev;
	u->runq_next = u->runq_prev = NULL;
}

static void insert_before(struct csched_unit *pos, struct csched_unit *u)
{
	u->runq_next = pos;
	u->runq_prev = pos->runq_prev;
	pos->runq_prev->runq_next = u;
	pos->runq_prev = u;
}

/* Queue u behind every unit of its priority; a yielding unit also behind one lower. */
static void runq_insert(struct csched *s, struct csched_unit *u, bool yield)
{
	struct csched_unit *pos = s->runq.runq_next;

	if (on_runq(u) || u->parked || !u->runnable)
		return;
	while (pos != &s->runq && pos->pri >= u->pri)
		pos = pos->runq_next;
	if (yield && pos != &s->runq)
		pos = pos->runq_next;
	insert_before(pos, u);
}

static void activate(struct csched *s, struct csched_unit *u)
{
	struct csched_dom *d = u->dom;

	if (u->active)
		return;
	u->active = true;
	u->active_next = d->active_units;
	d->active_units = u;
	if (d->nr_active++ == 0) {
		d->active_next = s->active_doms;
		s->active_doms = d;
	}
}

static void deactivate(struct csched *s, struct csched_unit *u)
{
	struct csched_dom *d = u->dom;

	if (!u->active)
		return;
	u->active = false;
	for (struct csched_unit **p = &d->active_units; *p; p = &(*p)->active_next) {
		if (*p == u) {
			*p = u->active_next;
			break;
		}
	}
	if (--d->nr_active == 0) {
		for (struct csched_dom **p = &s->active_doms; *p; p = &(*p)->active_next) {
			if (*p == d) {
				*p = d->active_next;
				break;
			}
		}
	}
}

void csched_unit_remove(struct csched *s, struct csched_unit *u)
{
	runq_remove(u);
	deactivate(s, u);
}

void csched_dom_remove(struct csched *s, struct csched_dom *d)
{
	for (struct csched_dom **p = &s->active_doms; *p; p = &(*p)->active_next) {
		if (*p == d) {
			*p = d->active_next;
			break;
		}
	}
}

bool csched_wake(struct csched *s, struct csched_unit *u, const struct csched_unit *running)
{
	u->runnable = true;
	if (on_runq(u) || u == running)
		return false;
	if (u->pri == CSCHED_PRI_UNDER)
		u->pri = CSCHED_PRI_BOOST;
	runq_insert(s, u, false);
	return on_runq(u) && (!running || u->pri > running->pri);
}

void csched_sleep(struct csched *s, struct csched_unit *u)
{
	u->runnable = false;
	runq_remove(u);
}

void csched_burn(struct csched *s, struct csched_unit *u, s_time_t now)
{
	s_time_t ran = now - u->burn_from;

	if (ran > 0) {
		s_time_t credits = ran * CSCHED_CREDITS_PER_MSEC / (s_time_t)NS_PER_MS;
		u->credit -= (int)credits;
		/* Keep the remainder: what was not debited yet is debited next time. */
		u->burn_from += credits * (s_time_t)NS_PER_MS / CSCHED_CREDITS_PER_MSEC;
	}
	if (u->pri == CSCHED_PRI_BOOST)
		u->pri = CSCHED_PRI_UNDER;
	activate(s, u);
}

/* The priority a unit's credit gives it; parks capped units in debt. */
static void set_pri(struct csched_unit *u)
{
	if (u->credit >= 0) {
		if (u->pri != CSCHED_PRI_BOOST)
			u->pri = CSCHED_PRI_UNDER;
		u->parked = false;
	} else {
		u->pri = CSCHED_PRI_OVER;
		u->parked = u->dom->cap != 0 && u->dom->cap < 100;
	}
}

/* Share out one period's credit among the active domains (Xen: csched_acct). */
static void account(struct csched *s)
{
	unsigned long weight_total = 0;

	for (struct csched_dom *d = s->active_doms; d; d = d->active_next)
		weight_total += (unsigned long)d->weight * d->nr_active;
	if (!weight_total)
		return;
	for (struct csched_dom *d = s->active_doms, *next; d; d = next) {
		next = d->active_next;
		unsigned long fair = ((unsigned long)CSCHED_CREDITS_PER_ACCT * d->weight *
					      d->nr_active +
				      weight_total - 1) /
				     weight_total;
		if (d->cap && d->cap < 100) {
			unsigned long cap = (unsigned long)CSCHED_CREDITS_PER_ACCT * d->cap / 100;
			if (fair > cap)
				fair = cap;
		}
		int per_unit = (int)((fair + d->nr_active - 1) / d->nr_active);
		for (struct csched_unit *u = d->active_units, *un; u; u = un) {
			un = u->active_next;
			u->credit += per_unit;
			set_pri(u);
			/* Unused credit above a slice: idle, leave the sharing (and start afresh). */
			if (u->credit > CSCHED_CREDITS_PER_TSLICE) {
				u->credit = 0;
				deactivate(s, u);
			}
		}
	}
}

/* Sort the queue again after priorities changed (FIFO order kept within one); drop parked units. */
static void requeue_all(struct csched *s)
{
	struct csched_unit *u = s->runq.runq_next;

	s->runq.runq_next = s->runq.runq_prev = &s->runq;
	while (u != &s->runq) {
		struct csched_unit *next = u->runq_next;
		u->runq_next = u->runq_prev = NULL;
		runq_insert(s, u, false);
		u = next;
	}
}

bool csched_tick(struct csched *s, struct csched_unit *running, s_time_t now)
{
	if (running) {
		csched_burn(s, running, now);
		set_pri(running);
	}
	if (++s->ticks >= CSCHED_TICKS_PER_ACCT) {
		s->ticks = 0;
		account(s);
		requeue_all(s);
		/* Parked units whose credit came back compete again. */
		for (struct csched_dom *d = s->active_doms; d; d = d->active_next)
			for (struct csched_unit *u = d->active_units; u; u = u->active_next)
				if (u->runnable && u != running)
					runq_insert(s, u, false);
	}
	if (!running)
		return !csched_runq_empty(s);
	return running->parked ||
	       (!csched_runq_empty(s) && s->runq.runq_next->pri > running->pri);
}

struct csched_unit *csched_pick(struct csched *s, struct csched_unit *prev, bool prev_runnable,
				bool yield, s_time_t now, s_time_t *slice_ns)
{
	if (prev) {
		csched_burn(s, prev, now);
		set_pri(prev);
		prev->runnable = prev_runnable;
		if (prev_runnable)
			runq_insert(s, prev, yield);
	}
	*slice_ns = CSCHED_TSLICE_NS;
	if (csched_runq_empty(s))
		return NULL;
	struct csched_unit *next = s->runq.runq_next;
	runq_remove(next);
	next->burn_from = now;
	return next;
}
