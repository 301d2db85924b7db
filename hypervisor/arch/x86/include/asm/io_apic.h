/*
 * asm/io_apic.h - the I/O APICs: one redirection entry per GSI (global
 * system interrupt), each sending a vector of its own to this CPU's local
 * APIC. Hardware: Intel 82093AA I/O APIC datasheet; which pins and how the
 * ISA IRQs map: ACPI's MADT (lamina/madt.h).
 */
#ifndef ASM_IO_APIC_H
#define ASM_IO_APIC_H

#include <lamina/types.h>

/* First and last vector given to GSIs (the software gates 0x80 and 0x82 are skipped). */
#define FIRST_GSI_VECTOR 0x30
#define LAST_GSI_VECTOR 0xEF
/* GSIs the hypervisor handles: 0 .. MAX_GSIS - 1. */
#define MAX_GSIS 256

/* io_apic_init - find the I/O APICs in the MADT, map them, mask every pin. Absent ones are not an error. */
void io_apic_init(void);

/* io_apic_nr_gsis - one more than the highest GSI any I/O APIC has a pin for; 0 without I/O APICs. */
unsigned int io_apic_nr_gsis(void);

/* isa_irq_gsi - the GSI ISA IRQ irq (0-15) arrives on, and its signalling, per the MADT. */
uint32_t isa_irq_gsi(unsigned int irq, bool *level, bool *active_low);

/*
 * io_apic_route - give gsi a vector and program its pin (fixed delivery to
 * this CPU, the trigger and polarity given), left masked. Returns the
 * vector, or -EINVAL (no pin for gsi) or -ENOSPC (no vector left). Routing
 * a GSI again keeps its vector and takes the new trigger and polarity.
 */
int io_apic_route(uint32_t gsi, bool level, bool active_low);

/* io_apic_mask, io_apic_unmask - the pin of a routed gsi. */
void io_apic_mask(uint32_t gsi);
void io_apic_unmask(uint32_t gsi);

/* io_apic_vector_gsi - the GSI a vector was given to, or -1. */
int io_apic_vector_gsi(unsigned int vector);

/* io_apic_guest_read - PHYSDEVOP_apic_read: register reg of the I/O APIC at physbase; -EINVAL if none is there. */
int io_apic_guest_read(unsigned long physbase, uint32_t reg, uint32_t *value);

/* io_apic_madt - the MADT as read at boot (ISA defaults and no I/O APIC when there was none). */
struct madt_info;
const struct madt_info *io_apic_madt(void);

#endif /* ASM_IO_APIC_H */
