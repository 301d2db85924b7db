/*
 * consoled/rate.h - how often a guest may make the daemon work: every event on a console's
 * port costs a wake-up, so a guest that signals without pause could keep dom0 busy. As Xen's
 * xenconsoled: at most CONSOLED_RATE_EVENTS events per period of CONSOLED_RATE_PERIOD_MS;
 * past that the port stays masked (events wait in the hypervisor, merged into one) until the
 * period ends. Pure: the caller passes the time.
 */
#ifndef CONSOLED_RATE_H
#define CONSOLED_RATE_H

#include <stdbool.h>

#define CONSOLED_RATE_EVENTS 30	    /* xenconsoled's RATE_LIMIT_ALLOWANCE */
#define CONSOLED_RATE_PERIOD_MS 200 /* xenconsoled's RATE_LIMIT_PERIOD */

/* struct consoled_rate - one port's count; zero-initialised. Times in ms (CLOCK_MONOTONIC). */
struct consoled_rate {
	unsigned int events;	 /* in the current period */
	long long period_end_ms; /* when the current period ends */
};

/*
 * consoled_rate_event - count one event at @now_ms (a new period starts when the last has
 * ended). Returns true when the port may be unmasked at once, false when it must stay masked
 * until consoled_rate_release_ms().
 */
bool consoled_rate_event(struct consoled_rate *r, long long now_ms);

/* consoled_rate_release_ms - when a port held back by consoled_rate_event() may be unmasked. */
long long consoled_rate_release_ms(const struct consoled_rate *r);

#endif /* CONSOLED_RATE_H */
