/* lamina/sched.h - running and blocking vCPUs (common/sched.c). */
#ifndef LAMINA_SCHED_H
#define LAMINA_SCHED_H

#include <lamina/domain.h>

void sched_init_vcpu(struct vcpu *v);
/* vcpu_start_timers - arm the default periodic timer when the vCPU starts. */
void vcpu_start_timers(struct vcpu *v);
/* vcpu_kick - wake v if it is blocked. */
void vcpu_kick(struct vcpu *v);

#endif /* LAMINA_SCHED_H */
