#!/bin/bash
# domu.sh - the toolstack runs Debian's stock cloud kernel (an LZ4 bzImage, unmodified) as a
# domU, on Lamina and - the same toolstack and image - on Xen 4.17: dom0 in lamina.mode=domu
# runs tests/dom0/domu-checks.sh (create, console marker and a typed command, list, shutdown
# -w through the guest, the monitor's reboot and crash actions, mem-set, create/destroy
# cycles, four domUs at once, with free pages, dom0's event channels, active grant entries
# and xenstore nodes counted before and after). Each "PASS/FAIL: domu: <what>" line of dom0 is reported.
. "$(dirname "$0")/lib.sh"

KERNEL="$BUILD/cache/kernel/generic/vmlinux"
IMAGE="$BUILD/dom0/initramfs.cpio.gz"
if [ ! -f "$KERNEL" ] || [ ! -f "$IMAGE" ]; then
	fail "dom0 kernel or image missing (make kernel dom0-image)"
	exit 0
fi
XEN="$BUILD/cache/xen/xen-4.17.elf"

# run_domu HV CYCLES: dom0 in domu mode on HV (lamina or xen); its lines, named after HV.
#
# Xen runs on -cpu qemu64: under QEMU 7.2 TCG with -cpu max, Xen 4.17 with several domUs
# booting at once corrupts memory (dom0 processes read back garbage, a domU crashes), with
# Xen's own xenconsoled as with lamina-consoled, and not with qemu64 (docs/building.md, "Xen under TCG").
run_domu() {
	local hv=$1 hvimage=$ELF append="dom0_mem=512M" cpu=max
	if [ "$hv" = xen ]; then
		hvimage=$XEN cpu=qemu64
		append="console=com1 com1=115200,8n1 noreboot dom0_mem=512M,max:512M"
	fi
	boot_qemu "$hv" 900 -cpu $cpu -m 1536M -no-reboot -kernel "$hvimage" -append "$append" \
		-initrd "$KERNEL console=hvc0 loglevel=4 lamina.mode=domu lamina.domu-cycles=$2 lamina.hv=$hv,$IMAGE"
	expect_log "$hv: dom0 user space reached" '^init: dom0 user space ready \(mode domu\)'
	expect_log "$hv: the checks ran to the end" '^domu-checks: done'
	grep -E '^(PASS|FAIL): domu: ' "$LOG" | tr -d '\r' | sed -E "s/^(PASS|FAIL): domu: /\1: domu: $hv: /"
	expect_no_log "$hv: no domU crashed" 'd[0-9]+ crashed|Domain [0-9]+ crashed'
}

run_domu lamina 20
# The same toolstack, dom0 image and domU on Xen 4.17 (3 cycles there, to keep the run short).
if [ -f "$XEN" ]; then
	run_domu xen 3
else
	fail "xen: $XEN missing (scripts/fetch-xen)"
fi
