/*
 * lamina/shutdown.h - ending the machine: power off, reboot, halt.
 *
 * Power off uses ACPI S5 (the FADT's PM1 control blocks and \_S5 from the
 * DSDT); reboot uses the FADT reset register, then the keyboard controller,
 * then a triple fault. In tests, QEMU's isa-debug-exit device (port
 * DEBUG_EXIT_PORT) carries a result out as QEMU's exit status.
 */
#ifndef LAMINA_SHUTDOWN_H
#define LAMINA_SHUTDOWN_H

#include <lamina/types.h>

#define DEBUG_EXIT_PORT 0xf4 /* -device isa-debug-exit,iobase=0xf4,iosize=4 */

void machine_power_off(void) __noreturn;
void machine_restart(void) __noreturn;
void machine_halt(void) __noreturn;

/*
 * machine_crash_stop - after a fatal error: halt when the command line says
 * noreboot, otherwise reboot after a few seconds (Xen's behaviour).
 */
void machine_crash_stop(void) __noreturn;

/*
 * debug_exit - end QEMU with exit status (code << 1) | 1 through isa-debug-exit
 * when the `debug_exit` option is set (tests); otherwise returns.
 */
void debug_exit(unsigned int code);

#endif /* LAMINA_SHUTDOWN_H */
