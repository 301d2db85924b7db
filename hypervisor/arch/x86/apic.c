/*
 * apic.c - the local APIC: enable it, mask the 8259s, run its timer.
 */
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <lamina/console.h>
#include <lamina/mm.h>

#define APIC_BASE_ENABLE (1UL << 11)
#define APIC_BASE_ADDR_MASK 0xFFFFFF000ULL

#define APIC_ID 0x020
#define APIC_TPR 0x080
#define APIC_EOI 0x0B0
#define APIC_SVR 0x0F0
#define APIC_ICR_LOW 0x300
#define APIC_ICR_HIGH 0x310
#define APIC_LVT_TIMER 0x320
#define APIC_TIMER_INITIAL 0x380
#define APIC_TIMER_CURRENT 0x390
#define APIC_TIMER_DIVIDE 0x3E0

#define SVR_ENABLE (1U << 8)
#define ICR_DELIVERY_NMI (4U << 8)
#define ICR_ALL_INCLUDING_SELF (2U << 18)
#define LVT_MASKED (1U << 16)
#define LVT_TIMER_ONESHOT (0U << 17)
#define LVT_TIMER_TSC_DEADLINE (2U << 17)
#define TIMER_DIVIDE_BY_1 0xB

static volatile uint32_t *apic_regs;
static bool tsc_deadline;
static uint64_t apic_timer_hz;

static inline uint32_t apic_read(unsigned int reg)
{
	return apic_regs[reg / 4];
}

static inline void apic_write(unsigned int reg, uint32_t v)
{
	apic_regs[reg / 4] = v;
}

static void mask_8259s(void)
{
	/* Remap the PICs away from the exception vectors, then mask every line. */
	outb(0x20, 0x11);
	outb(0xA0, 0x11);
	outb(0x21, PIC_MASTER_VECTOR);
	outb(0xA1, PIC_SLAVE_VECTOR);
	outb(0x21, 4);
	outb(0xA1, 2);
	outb(0x21, 0x01);
	outb(0xA1, 0x01);
	outb(0x21, 0xFF);
	outb(0xA1, 0xFF);
}

void apic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	if (!(cpuid(1).edx & CPUID1_EDX_APIC))
		panic("this CPU has no local APIC");
	mask_8259s();
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	apic_regs = set_fixmap_nocache(FIX_APIC, base & APIC_BASE_ADDR_MASK);
	apic_write(APIC_TPR, 0);
	apic_write(APIC_SVR, SVR_ENABLE | SPURIOUS_APIC_VECTOR);
	apic_write(APIC_LVT_TIMER, LVT_MASKED);
	tsc_deadline = cpuid(1).ecx & CPUID1_ECX_TSC_DEADLINE;
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

uint32_t apic_id(void)
{
	return apic_read(APIC_ID) >> 24;
}

void apic_timer_calibrate_begin(void)
{
	apic_write(APIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_1);
	apic_write(APIC_LVT_TIMER, LVT_MASKED | LVT_TIMER_ONESHOT);
	apic_write(APIC_TIMER_INITIAL, 0xFFFFFFFF);
}

uint32_t apic_timer_count(void)
{
	return apic_read(APIC_TIMER_CURRENT);
}

void apic_timer_calibrate_end(uint32_t ticks, uint64_t elapsed_ns)
{
	apic_write(APIC_TIMER_INITIAL, 0);
	apic_timer_hz = (uint64_t)ticks * NS_PER_SEC / elapsed_ns;
	if (tsc_deadline)
		apic_write(APIC_LVT_TIMER, LVT_TIMER_TSC_DEADLINE | LOCAL_TIMER_VECTOR);
	else
		apic_write(APIC_LVT_TIMER, LVT_TIMER_ONESHOT | LOCAL_TIMER_VECTOR);
	printk("APIC: timer %lu.%03lu MHz, %s mode\n", apic_timer_hz / 1000000,
	       (apic_timer_hz / 1000) % 1000, apic_timer_mode());
}

const char *apic_timer_mode(void)
{
	return tsc_deadline ? "TSC-deadline" : "one-shot";
}

void apic_timer_set_deadline(s_time_t deadline)
{
	if (tsc_deadline) {
		wrmsr(MSR_TSC_DEADLINE, deadline ? ns_to_tsc(deadline) : 0);
		return;
	}
	if (!deadline) {
		apic_write(APIC_TIMER_INITIAL, 0);
		return;
	}
	s_time_t delta = deadline - NOW();
	if (delta > (s_time_t)NS_PER_SEC)
		delta = NS_PER_SEC; /* keeps the product below in range; re-armed on expiry */
	uint64_t count = delta <= 0 ? 1 : (uint64_t)delta * apic_timer_hz / NS_PER_SEC;
	if (count == 0)
		count = 1;
	if (count > 0xFFFFFFFF)
		count = 0xFFFFFFFF; /* fires early; timer_interrupt() re-arms */
	apic_write(APIC_TIMER_INITIAL, (uint32_t)count);
}

void apic_send_nmi_all(void)
{
	apic_write(APIC_ICR_HIGH, 0);
	apic_write(APIC_ICR_LOW, ICR_DELIVERY_NMI | ICR_ALL_INCLUDING_SELF);
}
