/*
 * rate.c - events per period of one console's port (see rate.h).
 */
#include "consoled/rate.h"

bool consoled_rate_event(struct consoled_rate *r, long long now_ms)
{
	if (now_ms >= r->period_end_ms) {
		r->events = 0;
		r->period_end_ms = now_ms + CONSOLED_RATE_PERIOD_MS;
	}
	r->events++;
	return r->events < CONSOLED_RATE_EVENTS;
}

long long consoled_rate_release_ms(const struct consoled_rate *r)
{
	return r->period_end_ms;
}
