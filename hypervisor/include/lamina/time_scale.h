/*
 * lamina/time_scale.h - converting TSC ticks to nanoseconds.
 *
 * The form is Xen's vcpu_time_info (xen/include/public/xen.h): a delta of
 * ticks is shifted by tsc_shift (left when positive, right when negative),
 * then multiplied by tsc_to_system_mul as a 32.32 fixed-point fraction:
 *     ns = ((delta << shift) * mul) >> 32
 * The hypervisor keeps its own system time this way and will hand the same
 * pair to guests. Pure logic, unit-tested hosted.
 */
#ifndef LAMINA_TIME_SCALE_H
#define LAMINA_TIME_SCALE_H

#include <lamina/types.h>

struct time_scale {
	int8_t shift;
	uint32_t mul_frac;
};

/* time_scale_for - the scale converting ticks of a tick_hz clock to ns (tick_hz > 0). */
struct time_scale time_scale_for(uint64_t tick_hz);

/* scale_delta - ticks to ns with a scale from time_scale_for. */
static inline uint64_t scale_delta(uint64_t delta, struct time_scale s)
{
	if (s.shift < 0)
		delta >>= -s.shift;
	else
		delta <<= s.shift;
	return (uint64_t)(((unsigned __int128)delta * s.mul_frac) >> 32);
}

#endif /* LAMINA_TIME_SCALE_H */
