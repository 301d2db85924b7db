/*
 * asm/apic.h - the local APIC (xAPIC, MMIO) and its timer.
 * Registers: Intel SDM vol. 3, chapter 11 (APIC), 11.5.4 (timer).
 */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <lamina/types.h>

/* apic_init - enable this CPU's local APIC and mask the legacy 8259 PICs. */
void apic_init(void);
void apic_eoi(void);
uint32_t apic_id(void);

/*
 * Calibration (time_init): _begin starts the timer counting down from its
 * maximum; apic_timer_count() reads it; _end takes the ticks counted in
 * elapsed_ns, sets the rate and arms the timer's interrupt mode.
 */
void apic_timer_calibrate_begin(void);
uint32_t apic_timer_count(void);
void apic_timer_calibrate_end(uint32_t ticks, uint64_t elapsed_ns);

/*
 * apic_timer_set_deadline - interrupt (LOCAL_TIMER_VECTOR) once system time
 * reaches deadline_ns; 0 cancels. Uses TSC-deadline mode when the CPU has it,
 * one-shot mode otherwise (long delays are cut and re-armed by the caller).
 */
void apic_timer_set_deadline(s_time_t deadline_ns);

/* apic_send_nmi_all - an NMI to every CPU, this one included (self-tests, crash). */
void apic_send_nmi_all(void);

/* apic_timer_mode - "TSC-deadline" or "one-shot", for the boot log. */
const char *apic_timer_mode(void);

#endif /* ASM_APIC_H */
