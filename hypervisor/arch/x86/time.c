/*
 * time.c - TSC calibration and system time.
 *
 * The TSC is measured against a reference clock of known rate: the ACPI PM
 * timer (3.579545 MHz) when the FADT has one, else channel 2 of the PIT
 * (1.193182 MHz) counting down freely; `tsc_calibrate=pit` forces the PIT.
 * Each reading of the reference is bracketed by two TSC reads and the
 * tightest of several is kept, so a pause of the (virtual) CPU between two
 * reads costs nothing: the window's length in reference ticks and in TSC
 * ticks come from the same instants. The APIC timer is measured in the same
 * window. Intel SDM vol. 3, 18.17 (TSC); the 8254 data sheet (PIT modes).
 */
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <lamina/acpi.h>
#include <lamina/console.h>
#include <lamina/lib.h>
#include <lamina/param.h>

#define PIT_HZ 1193182ULL
#define CALIBRATE_MS 50
#define SAMPLES 5
#define PIT_CH2_DATA 0x42
#define PIT_COMMAND 0x43
#define PIT_CH2_MODE0_LOHI 0xB0
#define PIT_CH2_MODE2_LOHI 0xB4
#define PIT_CH2_LATCH 0x80
#define PORT_SPEAKER 0x61
#define SPEAKER_GATE2 0x01
#define SPEAKER_DATA 0x02
#define SPEAKER_OUT2 0x20

uint64_t boot_tsc;
uint64_t tsc_khz;
struct time_scale tsc_scale;

static uint64_t tsc_hz;
static char opt_tsc_calibrate[8];
string_param("tsc_calibrate", opt_tsc_calibrate);

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

/* A reference clock: a free-running counter of known rate and width. */
struct ref_clock {
	const char *name;
	uint64_t hz;
	uint32_t mask; /* width of the counter */
	bool counts_down;
	uint32_t (*read)(void);
};

static uint32_t pit_read(void)
{
	outb(PIT_COMMAND, PIT_CH2_LATCH);
	uint32_t lo = inb(PIT_CH2_DATA);
	return lo | ((uint32_t)inb(PIT_CH2_DATA) << 8);
}

static void pit_start_free_running(void)
{
	outb(PORT_SPEAKER, (inb(PORT_SPEAKER) & ~SPEAKER_DATA) | SPEAKER_GATE2);
	outb(PIT_COMMAND, PIT_CH2_MODE2_LOHI);
	outb(PIT_CH2_DATA, 0); /* reload 0 = 65536 */
	outb(PIT_CH2_DATA, 0);
}

struct sample {
	uint64_t tsc; /* midpoint of the bracket */
	uint32_t ref;
	uint32_t apic;
};

/* take_sample - the reading of ref (and the APIC timer) with the tightest TSC bracket. */
static struct sample take_sample(const struct ref_clock *ref)
{
	struct sample best = { 0 };
	uint64_t best_width = ~0ULL;

	for (int i = 0; i < SAMPLES; i++) {
		uint64_t a = rdtsc_ordered();
		uint32_t v = ref->read();
		uint32_t apic = apic_timer_count();
		uint64_t b = rdtsc_ordered();
		if (b - a < best_width) {
			best_width = b - a;
			best = (struct sample){ .tsc = a + (b - a) / 2, .ref = v, .apic = apic };
		}
	}
	return best;
}

static uint32_t ref_delta(const struct ref_clock *ref, uint32_t from, uint32_t to)
{
	return (ref->counts_down ? from - to : to - from) & ref->mask;
}

static uint64_t calibrate_tsc(const struct ref_clock *ref)
{
	uint64_t window = ref->hz * CALIBRATE_MS / 1000, elapsed = 0;

	apic_timer_calibrate_begin();
	struct sample first = take_sample(ref);
	uint32_t last = first.ref;
	/* Poll often enough that the counter never wraps unseen. */
	while (elapsed < window) {
		uint32_t now = ref->read();
		elapsed += ref_delta(ref, last, now);
		last = now;
	}
	struct sample end = take_sample(ref);
	elapsed += ref_delta(ref, last, end.ref);

	uint64_t tsc_delta = end.tsc - first.tsc;
	uint64_t hz = tsc_delta * ref->hz / elapsed;
	uint64_t ns = elapsed * NS_PER_SEC / ref->hz;
	apic_timer_calibrate_end(first.apic - end.apic, ns);
	return hz;
}

void time_init(void)
{
	bool invariant = cpuid(0x80000000).eax >= 0x80000007 &&
			 (cpuid(0x80000007).edx & CPUID80000007_EDX_INVARIANT_TSC);

	static const struct ref_clock pit = { "PIT", PIT_HZ, 0xFFFF, true, pit_read };
	static const struct ref_clock pm_timer = { "ACPI PM timer", ACPI_PM_TIMER_HZ, 0, false,
						   acpi_pm_timer_read };
	struct ref_clock pm = pm_timer;
	const struct ref_clock *ref = &pit;

	pm.mask = acpi_pm_timer_bits() == 32 ? 0xFFFFFFFF : 0xFFFFFF;
	if (acpi_pm_timer_read() && strcmp(opt_tsc_calibrate, "pit"))
		ref = &pm;
	else
		pit_start_free_running();

	tsc_hz = calibrate_tsc(ref);
	tsc_khz = tsc_hz / 1000;
	tsc_scale = time_scale_for(tsc_hz);
	boot_tsc = rdtsc_ordered();
	printk("TSC: %lu.%03lu MHz (calibrated against the %s over %d ms), %s; scale mul %#x shift %d\n",
	       (unsigned long)(tsc_hz / 1000000), (unsigned long)((tsc_hz / 1000) % 1000), ref->name,
	       CALIBRATE_MS, invariant ? "invariant" : "not marked invariant", tsc_scale.mul_frac,
	       tsc_scale.shift);
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
