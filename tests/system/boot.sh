#!/bin/bash
# boot.sh - the hypervisor boots to its banner on both CPU models and at three
# memory sizes, reports the memory QEMU gave it, passes modules, parses its
# command line, and ends by powering off through ACPI.
. "$(dirname "$0")/lib.sh"

mod1="$LOGDIR/boot-module1.bin"
mod2="$LOGDIR/boot-module2.bin"
head -c 300000 /dev/urandom >"$mod1"
echo "second module" >"$mod2"

for cpu in max qemu64; do
	for mem_mib in 128 2048 16384; do
		label="$cpu-${mem_mib}M"
		boot_lamina "$label" 60 "$cpu" "${mem_mib}M" "selftest=boot debug_exit bogus_option=1 dom0_mem=max:96M" \
			-initrd "$mod1 first module args,$mod2 second"
		expect_status "$label: boot completes (debug exit 1)" 1
		expect_log "$label: banner" '^\(lamina\) Lamina [0-9.]+ - a thin x86-64 PV hypervisor'
		expect_log "$label: unknown option warned, not fatal" "unknown option 'bogus_option=1' ignored"
		expect_log "$label: dom0_mem=max:96M honoured" '^\(lamina\) Dom0 memory: 96 MiB of [0-9]+ MiB free \(dom0_mem=\)'
		expect_log "$label: module 0 and its command line" 'Module 0: .* first module args$'
		expect_log "$label: module 1 and its command line" 'Module 1: .* second$'
		# QEMU's firmware keeps the 640K-1M hole and a little at the top of
		# low RAM: the reported RAM must be within 1 MiB below what QEMU got.
		kib=$(log_value 'Memory: [0-9]+ KiB RAM in all' 's/.*Memory: ([0-9]+) KiB RAM in all.*/\1/')
		given=$((mem_mib * 1024))
		if [ -n "$kib" ] && [ "$kib" -le "$given" ] && [ "$kib" -ge $((given - 1024)) ]; then
			pass "$label: reports $kib KiB of RAM for $given KiB given"
		else
			fail "$label: reports '${kib:-nothing}' KiB of RAM for $given KiB given"
		fi
		free=$(log_value 'Memory: .* KiB free' 's/.*, ([0-9]+) KiB free.*/\1/')
		# Free = RAM - image - modules - low 1 MiB - page tables, frame table and M2P.
		ft=$(log_value 'frame table [0-9]+ KiB' 's/.*frame table ([0-9]+) KiB.*/\1/')
		m2p=$(log_value 'M2P [0-9]+ KiB' 's/.*M2P ([0-9]+) KiB.*/\1/')
		if [ -n "$free" ] && [ -n "$ft" ] && [ -n "$m2p" ] &&
			[ "$free" -lt $((kib - ft - m2p - 290)) ] &&
			[ "$free" -gt $((kib - ft - m2p - 4096)) ]; then
			pass "$label: free memory ($free KiB) excludes image, modules, frame table ($ft KiB), M2P ($m2p KiB)"
		else
			fail "$label: free memory '${free:-?}' KiB implausible for $kib KiB RAM, frame table ${ft:-?} KiB, M2P ${m2p:-?} KiB"
		fi
	done
done

# Log levels: loglvl=warning hides info lines on the serial line, keeps warnings.
boot_lamina loglvl 30 max 256M "loglvl=warning selftest=boot debug_exit bogus=2"
expect_status "loglvl=warning: boots" 1
expect_no_log "loglvl=warning: info lines hidden" 'Memory: '
expect_log "loglvl=warning: warnings shown" "unknown option 'bogus=2' ignored"

# Power off through ACPI: without -no-reboot a failed power-off that reset the
# machine would boot again, so exactly one banner and QEMU exiting 0 prove it.
boot_lamina poweroff 30 max 256M "selftest=boot"
expect_status "ACPI power off ends QEMU" 0
expect_log "power off announced" 'Powering off'
expect_count "no second boot after power off" 'Lamina [0-9.]+ - a thin' 1

# Reboot: ACPI reset register or keyboard controller; QEMU -no-reboot exits.
boot_lamina reboot 30 qemu64 256M "selftest=reboot" -no-reboot
expect_status "reboot resets the machine (QEMU exits)" 0
expect_log "reboot announced" '^\(lamina\) Rebooting$'
expect_no_log "not powered off instead" 'Powering off'
