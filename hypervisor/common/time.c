/*
 * time.c - what guests see of time: each vCPU's vcpu_time_info (pvclock),
 * the shared wall clock, and the runstate area.
 *
 * vcpu_time_info is updated with Xen's version protocol (odd while
 * changing; xen/include/public/xen.h): the guest computes
 * system_time + ((rdtsc - tsc_timestamp) << shift) * mul >> 32, the same
 * scale the hypervisor uses for its own NOW(). The wall clock is read from
 * the CMOS RTC at boot and published as the UTC time of system time 0.
 */
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <asm/uaccess.h>
#include <lamina/console.h>
#include <lamina/domain.h>
#include <lamina/time.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define RTC_SECONDS 0x00
#define RTC_MINUTES 0x02
#define RTC_HOURS 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0A
#define RTC_STATUS_B 0x0B
#define RTC_UPDATE_IN_PROGRESS 0x80
#define RTC_BINARY 0x04
#define RTC_24H 0x02

static uint64_t boot_wallclock_sec; /* UTC seconds at system time 0 */
static uint32_t boot_wallclock_nsec;

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static unsigned int bcd(uint8_t v, bool binary)
{
	return binary ? v : (v & 0xF) + (v >> 4) * 10;
}

/* days_from_civil - days since 1970-01-01 of a Gregorian date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned int yoe = (unsigned int)(y - era * 400);
	unsigned int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void wallclock_init(void)
{
	uint8_t s, m, h, day, mon, yr, sb;

	for (int tries = 0; tries < 1000000 && (cmos_read(RTC_STATUS_A) & RTC_UPDATE_IN_PROGRESS);
	     tries++)
		;
	s = cmos_read(RTC_SECONDS);
	m = cmos_read(RTC_MINUTES);
	h = cmos_read(RTC_HOURS);
	day = cmos_read(RTC_DAY);
	mon = cmos_read(RTC_MONTH);
	yr = cmos_read(RTC_YEAR);
	sb = cmos_read(RTC_STATUS_B);
	bool bin = sb & RTC_BINARY;
	unsigned int hour = bcd(h & 0x7F, bin);
	if (!(sb & RTC_24H) && (h & 0x80))
		hour = (hour % 12) + 12;
	int64_t days = days_from_civil(2000 + bcd(yr, bin), bcd(mon, bin), bcd(day, bin));
	uint64_t now = (uint64_t)days * 86400 + hour * 3600 + bcd(m, bin) * 60 + bcd(s, bin);
	boot_wallclock_sec = now - (uint64_t)(NOW() / (s_time_t)NS_PER_SEC);
	printk("Wall clock: %lu s since the epoch at system time 0 (CMOS RTC, UTC)\n",
	       (unsigned long)boot_wallclock_sec);
}

void wallclock_set(uint64_t secs, uint32_t nsecs, s_time_t system_time)
{
	/* The UTC time at system time 0 is the given time minus the system time it was taken at. */
	uint64_t ns = secs * NS_PER_SEC + nsecs - (uint64_t)system_time;

	boot_wallclock_sec = ns / NS_PER_SEC;
	boot_wallclock_nsec = (uint32_t)(ns % NS_PER_SEC);
	for_each_domain(d)
		update_domain_wallclock(d);
}

void update_domain_wallclock(struct domain *d)
{
	shared_info_t *s = d->shared_info;

	s->wc_version++;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	uint64_t sec = boot_wallclock_sec + (uint64_t)d->time_offset_seconds; /* settimeoffset */

	s->wc_sec = (uint32_t)sec;
	s->wc_sec_hi = (uint32_t)(sec >> 32);
	s->wc_nsec = boot_wallclock_nsec;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	s->wc_version++;
}

static void write_time_info(volatile vcpu_time_info_t *t, uint64_t tsc, s_time_t now)
{
	t->version++;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	t->tsc_timestamp = tsc;
	t->system_time = (uint64_t)now;
	t->tsc_to_system_mul = tsc_scale.mul_frac;
	t->tsc_shift = tsc_scale.shift;
	t->flags = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	t->version++;
}

void update_vcpu_system_time(struct vcpu *v)
{
	uint64_t tsc = rdtsc_ordered();
	s_time_t now = (s_time_t)scale_delta(tsc - boot_tsc, tsc_scale);

	write_time_info(&v->vcpu_info->time, tsc, now);
	if (v->time_area_guest && v == current && v->pv.kernel_mode) {
		vcpu_time_info_t t = v->vcpu_info->time;
		copy_to_guest(v->time_area_guest, &t, sizeof(t));
	}
}

void update_runstate_area(struct vcpu *v)
{
	if (!v->runstate_guest || v != current || !v->pv.kernel_mode)
		return;
	copy_to_guest(v->runstate_guest, &v->runstate, sizeof(v->runstate));
}
