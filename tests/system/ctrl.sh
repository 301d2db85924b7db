#!/bin/bash
# ctrl.sh - libctrl and the lamina CLI in dom0: Debian's Linux 6.1 as dom0 with Lamina's dom0
# image in lamina.mode=ctrl (tests/dom0/ctrl-checks.sh: ctrl-selftest, then lamina list, info,
# dmesg, ...), on Xen 4.17 - the oracle, where every check must pass - and on Lamina. Each
# "PASS/FAIL: ctrl: <what>" line of dom0 is reported with the hypervisor's name in front.
. "$(dirname "$0")/lib.sh"

KERNEL="$BUILD/cache/kernel/generic/vmlinux"
IMAGE="$BUILD/dom0/initramfs.cpio.gz"
XEN="$BUILD/cache/xen/xen-4.17.elf"
DOM0_MIB=512
if [ ! -f "$KERNEL" ] || [ ! -f "$IMAGE" ]; then
	fail "dom0 kernel or image missing (make kernel dom0-image)"
	exit 0
fi

# run_ctrl HV: boot dom0 in ctrl mode on HV (lamina or xen) and report its lines.
run_ctrl() {
	local hv=$1 hvimage=$ELF append="dom0_mem=${DOM0_MIB}M"
	if [ "$hv" = xen ]; then
		hvimage=$XEN
		append="console=com1 com1=115200,8n1 smap=0 smep=0 noreboot"
		append="$append dom0_mem=${DOM0_MIB}M,max:${DOM0_MIB}M"
	fi
	boot_qemu "$hv" 400 -cpu max -m 1G -no-reboot -kernel "$hvimage" -append "$append" \
		-initrd "$KERNEL console=hvc0 loglevel=4 lamina.mode=ctrl lamina.hv=$hv,$IMAGE"
	expect_log "$hv: dom0 user space reached" \
		'^init: dom0 user space ready \(mode ctrl\)'
	expect_log "$hv: the checks ran to the end" '^ctrl-checks: done'
	grep -E '^(PASS|FAIL): ctrl: ' "$LOG" |
		sed -E "s/^(PASS|FAIL): ctrl: /\1: $SCENARIO: $hv: /"
	grep -E '^ctrl-selftest: [0-9]+ passed' "$LOG" | sed "s/^/      $hv: /"
}

if [ -f "$XEN" ]; then
	run_ctrl xen
else
	fail "xen: $XEN missing (scripts/fetch-xen)"
fi
run_ctrl lamina
