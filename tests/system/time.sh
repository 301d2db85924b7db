#!/bin/bash
# time.sh - the TSC is calibrated, and timer interrupts arrive at the rate
# programmed (1 kHz for 1 s), checked against system time and the ACPI PM
# timer by the hypervisor's timer self-test, on both CPU models. The qemu64
# run calibrates against the PIT, so the PM timer is an independent clock.
. "$(dirname "$0")/lib.sh"

for cpu in max qemu64; do
	ref="ACPI PM timer" opt=""
	[ "$cpu" = qemu64 ] && ref="PIT" opt="tsc_calibrate=pit"
	boot_lamina "timer-$cpu" 60 "$cpu" 256M "selftest=timer debug_exit $opt"
	expect_status "$cpu: timer self-test passes" 1
	expect_log "$cpu: TSC frequency printed" "TSC: [0-9]+\\.[0-9]{3} MHz \\(calibrated against the $ref"
	expect_log "$cpu: ticks against system time and PM timer" \
		'selftest timer: 1000 ticks of 1000 us: system time [0-9]+ us .* ACPI PM timer [0-9]+ us'
	expect_log "$cpu: self-test verdict" 'selftest timer: PASS'
done
