/*
 * lamina/acpi.h - the little of ACPI the hypervisor needs: power off (S5),
 * the reset register, and the PM timer as a second clock for self-tests.
 * Table layouts: ACPI Specification 6.4, chapter 5.2.
 */
#ifndef LAMINA_ACPI_H
#define LAMINA_ACPI_H

#include <lamina/types.h>

#define ACPI_PM_TIMER_HZ 3579545ULL

/* acpi_init - find the RSDP, the FADT and \_S5 in the DSDT. Absent ACPI is not an error. */
void acpi_init(void);

/* acpi_power_off - enter S5; returns only if that failed or ACPI is absent. */
void acpi_power_off(void);

/* acpi_reset - write the FADT reset register; returns if there is none or it did not work. */
void acpi_reset(void);

/* acpi_pm_timer_read - the PM timer's count, or 0 when there is none; acpi_pm_timer_bits 24 or 32. */
uint32_t acpi_pm_timer_read(void);
unsigned int acpi_pm_timer_bits(void);

/*
 * acpi_find_table - the table with signature sig (e.g. "APIC") through the
 * direct map, checksum verified, and its length in bytes in *len; NULL when
 * there is no such table or no ACPI (call after acpi_init).
 */
const void *acpi_find_table(const char sig[4], size_t *len);

#endif /* LAMINA_ACPI_H */
