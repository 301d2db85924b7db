/*
 * asm/time.h - the TSC as the hypervisor's clock.
 * System time is ns since boot: NOW() = scale(rdtsc() - boot_tsc).
 */
#ifndef ASM_TIME_H
#define ASM_TIME_H

#include <lamina/time_scale.h>

extern uint64_t boot_tsc; /* TSC at the end of calibration: system time 0 */
extern uint64_t tsc_khz; /* calibrated TSC rate, kHz */
extern struct time_scale tsc_scale; /* TSC ticks -> ns */

/* time_init - calibrate the TSC (and the APIC timer) against the PIT; start system time. */
void time_init(void);

/* NOW - system time in ns since time_init(). */
static inline s_time_t NOW(void)
{
	uint32_t lo, hi;
	asm volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return (s_time_t)scale_delta((((uint64_t)hi << 32) | lo) - boot_tsc, tsc_scale);
}

/* ns_to_tsc - the TSC value at which system time reaches t. */
uint64_t ns_to_tsc(s_time_t t);

/* udelay - busy-wait for us microseconds (TSC-timed; before time_init it waits on the PIT). */
void udelay(unsigned long us);

#endif /* ASM_TIME_H */
