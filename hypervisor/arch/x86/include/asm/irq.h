/* asm/irq.h - interrupt vectors the hypervisor uses. */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

#define FIRST_EXTERNAL_VECTOR 0x20
#define PIC_MASTER_VECTOR 0x20 /* the legacy 8259s, remapped here and masked */
#define PIC_SLAVE_VECTOR 0x28
#define LOCAL_TIMER_VECTOR 0xF0
#define SPURIOUS_APIC_VECTOR 0xFF

#endif /* ASM_IRQ_H */
