/*
 * lamina/selftest.h - boot-time self-tests chosen by `selftest=` (tests only).
 *
 *   selftest=boot   boot to the end, then power off through ACPI
 *   selftest=timer  check timer interrupts against system time and the ACPI PM timer
 *   selftest=fault  raise a page fault in hypervisor code (crash report path)
 *   selftest=conring  fill the console ring past 64 KiB and check what it keeps
 *   selftest=doublefault  a fault on an unusable stack: #DF on its IST stack
 *   selftest=nmi  a self-NMI runs on the NMI IST stack and the boot goes on
 *   selftest=uaccess  guest-memory copies survive faults and refuse bad ranges
 *   selftest=heap   exercise the page allocator and heap on the real frame table
 *   selftest=reboot reboot through ACPI / the keyboard controller
 *
 * A test prints "selftest <name>: PASS" or "... FAIL: why" and, with the
 * debug_exit option, ends QEMU with status 1 (pass) or 3 (fail).
 */
#ifndef LAMINA_SELFTEST_H
#define LAMINA_SELFTEST_H

void selftest_run(void);

#endif /* LAMINA_SELFTEST_H */
