/*
 * time.c - pvclock: system time from vcpu_time_info.
 */
#include "rt.h"

uint64_t rt_scale_delta(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t rt_system_time(void)
{
	volatile struct vcpu_time_info *t = &rt_vcpu_info->time;
	uint32_t ver;
	uint64_t tsc, ts, st;
	uint32_t mul;
	int8_t shift;

	do {
		ver = t->version;
		rt_barrier();
		__asm__ __volatile__("lfence" ::: "memory");
		tsc = rt_rdtsc();
		ts = t->tsc_timestamp;
		st = t->system_time;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		rt_barrier();
	} while ((ver & 1) || ver != t->version);
	return st + rt_scale_delta(tsc - ts, mul, shift);
}

void rt_udelay_ns(uint64_t ns)
{
	uint64_t end = rt_system_time() + ns;

	while (rt_system_time() < end)
		__asm__ __volatile__("pause");
}

long rt_set_singleshot(uint64_t abs_ns, uint32_t flags)
{
	struct vcpu_set_singleshot_timer t = { .timeout_abs_ns = abs_ns, .flags = flags };

	return hc_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t);
}
