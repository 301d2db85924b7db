/*
 * time_scale.c - choosing the (shift, mul) pair for a clock's frequency.
 * Pure logic, unit-tested hosted (tests/unit/test_time_scale.c).
 */
#include <lamina/time_scale.h>

struct time_scale time_scale_for(uint64_t tick_hz)
{
	/*
	 * Pick the shift that brings the shifted rate into (1e9, 2e9] ticks per
	 * second; then mul = 2^32 * 1e9 / rate lies in [2^31, 2^32) and keeps 31
	 * or more bits of precision.
	 */
	uint64_t rate = tick_hz;
	int shift = 0;

	while (rate <= NS_PER_SEC && shift < 31) {
		rate <<= 1;
		shift++;
	}
	while (rate > 2 * NS_PER_SEC) {
		rate >>= 1;
		shift--;
	}
	uint64_t mul = (NS_PER_SEC << 32) / rate;
	if (mul > 0xFFFFFFFFULL)
		mul = 0xFFFFFFFFULL;
	return (struct time_scale){ .shift = (int8_t)shift, .mul_frac = (uint32_t)mul };
}
