/* lamina/time.h - time as guests see it (common/time.c). */
#ifndef LAMINA_TIME_H
#define LAMINA_TIME_H

#include <lamina/domain.h>

/* wallclock_init - read the CMOS RTC: the UTC time of system time 0. */
void wallclock_init(void);
/* wallclock_set - UTC secs/nsecs was the time at system_time (ns); every domain learns it. */
void wallclock_set(uint64_t secs, uint32_t nsecs, s_time_t system_time);
/* update_domain_wallclock - publish it in d's shared_info (wc_version protocol). */
void update_domain_wallclock(struct domain *d);
/* update_vcpu_system_time - refresh v's vcpu_time_info (and its registered copy). */
void update_vcpu_system_time(struct vcpu *v);
/* update_runstate_area - copy v's runstate to its registered guest area. */
void update_runstate_area(struct vcpu *v);

#endif /* LAMINA_TIME_H */
