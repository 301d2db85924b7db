/*
 * time.c - TSC calibration and system time.
 *
 * The PIT's channel 2 (1.193182 MHz, gated through port 0x61) measures a
 * CALIBRATE_MS window; the TSC and the APIC timer are read at both ends.
 * Intel SDM vol. 3, 18.17 (TSC); the 8254 data sheet (PIT mode 0).
 */
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <lamina/console.h>

#define PIT_HZ 1193182ULL
#define CALIBRATE_MS 50
#define PIT_CH2_DATA 0x42
#define PIT_COMMAND 0x43
#define PIT_CH2_MODE0_LOHI 0xB0
#define PORT_SPEAKER 0x61
#define SPEAKER_GATE2 0x01
#define SPEAKER_DATA 0x02
#define SPEAKER_OUT2 0x20

uint64_t boot_tsc;
uint64_t tsc_khz;
struct time_scale tsc_scale;

static uint64_t tsc_hz;

/* pit_wait_start - arm channel 2 for ticks (mode 0, one shot); pit_wait_done polls its output. */
static void pit_wait_start(uint16_t ticks)
{
	outb(PORT_SPEAKER, (inb(PORT_SPEAKER) & ~SPEAKER_DATA) | SPEAKER_GATE2);
	outb(PIT_COMMAND, PIT_CH2_MODE0_LOHI);
	outb(PIT_CH2_DATA, ticks & 0xff);
	outb(PIT_CH2_DATA, ticks >> 8);
}

static bool pit_wait_done(void)
{
	return inb(PORT_SPEAKER) & SPEAKER_OUT2;
}

static uint64_t calibrate_tsc(void)
{
	uint16_t ticks = (uint16_t)(PIT_HZ * CALIBRATE_MS / 1000);

	pit_wait_start(ticks);
	uint64_t t0 = rdtsc_ordered();
	apic_timer_calibrate_begin();
	while (!pit_wait_done())
		;
	uint64_t t1 = rdtsc_ordered();
	apic_timer_calibrate_end(CALIBRATE_MS * NS_PER_MS);
	return (t1 - t0) * 1000 / CALIBRATE_MS;
}

void time_init(void)
{
	bool invariant = cpuid(0x80000000).eax >= 0x80000007 &&
			 (cpuid(0x80000007).edx & CPUID80000007_EDX_INVARIANT_TSC);

	tsc_hz = calibrate_tsc();
	tsc_khz = tsc_hz / 1000;
	tsc_scale = time_scale_for(tsc_hz);
	boot_tsc = rdtsc_ordered();
	printk("TSC: %lu.%03lu MHz (calibrated against the PIT over %d ms), %s; scale mul %#x shift %d\n",
	       (unsigned long)(tsc_hz / 1000000), (unsigned long)((tsc_hz / 1000) % 1000), CALIBRATE_MS,
	       invariant ? "invariant" : "not marked invariant", tsc_scale.mul_frac, tsc_scale.shift);
}

uint64_t ns_to_tsc(s_time_t t)
{
	if (t <= 0)
		return boot_tsc;
	/* Round up, so that a deadline in TSC never comes before the deadline in ns. */
	uint64_t secs = (uint64_t)t / NS_PER_SEC, rem = (uint64_t)t % NS_PER_SEC;
	return boot_tsc + secs * tsc_hz + (rem * tsc_hz + NS_PER_SEC - 1) / NS_PER_SEC;
}

void udelay(unsigned long us)
{
	if (!tsc_hz) {
		/* Before calibration: wait on the PIT in chunks of at most 50 ms. */
		while (us) {
			unsigned long chunk = MIN(us, 50000UL);
			pit_wait_start((uint16_t)(PIT_HZ * chunk / 1000000));
			while (!pit_wait_done())
				;
			us -= chunk;
		}
		return;
	}
	uint64_t end = rdtsc() + tsc_hz * us / 1000000;
	while ((int64_t)(rdtsc() - end) < 0)
		cpu_relax();
}
