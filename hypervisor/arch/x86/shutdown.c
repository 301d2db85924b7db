/*
 * shutdown.c - power off, reboot, halt; and the test exit through QEMU's
 * isa-debug-exit device.
 */
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <lamina/acpi.h>
#include <lamina/console.h>
#include <lamina/param.h>
#include <lamina/shutdown.h>

#define KBC_STATUS 0x64
#define KBC_INPUT_FULL 0x02
#define KBC_CMD_PULSE_RESET 0xFE
#define CRASH_REBOOT_DELAY_US 5000000UL
#define DEBUG_EXIT_CRASH 2

static bool opt_noreboot;
boolean_param("noreboot", opt_noreboot);

static bool opt_debug_exit;
boolean_param("debug_exit", opt_debug_exit);

void debug_exit(unsigned int code)
{
	if (opt_debug_exit)
		outl(DEBUG_EXIT_PORT, code);
}

void machine_halt(void)
{
	printk("Halting (machine stopped; interrupts off)\n");
	for (;;) {
		local_irq_disable();
		halt();
	}
}

void machine_power_off(void)
{
	printk("Powering off\n");
	local_irq_disable();
	acpi_power_off();
	udelay(100000);
	printk(LOG_ERR "ACPI power off did not work\n");
	machine_halt();
}

void machine_restart(void)
{
	printk("Rebooting\n");
	local_irq_disable();
	acpi_reset();
	udelay(50000);
	for (int tries = 0; tries < 10; tries++) {
		for (int i = 0; i < 100000 && (inb(KBC_STATUS) & KBC_INPUT_FULL); i++)
			;
		outb(KBC_STATUS, KBC_CMD_PULSE_RESET);
		udelay(50000);
	}
	/* Last resort: a triple fault through an empty IDT. */
	struct __packed {
		uint16_t limit;
		uint64_t base;
	} empty = { 0, 0 };
	asm volatile("lidt %0; int3" : : "m"(empty));
	machine_halt();
}

void machine_crash_stop(void)
{
	local_irq_disable();
	debug_exit(DEBUG_EXIT_CRASH);
	if (opt_noreboot)
		machine_halt();
	printk("Rebooting in %lu seconds (noreboot on the command line halts instead)\n",
	       CRASH_REBOOT_DELAY_US / 1000000);
	udelay(CRASH_REBOOT_DELAY_US);
	machine_restart();
}
