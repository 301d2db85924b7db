#!/bin/bash
# domu.sh - the toolstack runs Debian's stock cloud kernel (an LZ4 bzImage, unmodified) as a
# domU on Lamina: dom0 in lamina.mode=domu runs tests/dom0/domu-checks.sh (create, console
# marker and a typed command, list, shutdown -w through the guest, 20 create/destroy cycles,
# four domUs at once, with free pages, dom0's event channels and xenstore nodes counted
# before and after). Each "PASS/FAIL: domu: <what>" line of dom0 is reported.
. "$(dirname "$0")/lib.sh"

KERNEL="$BUILD/cache/kernel/generic/vmlinux"
IMAGE="$BUILD/dom0/initramfs.cpio.gz"
if [ ! -f "$KERNEL" ] || [ ! -f "$IMAGE" ]; then
	fail "dom0 kernel or image missing (make kernel dom0-image)"
	exit 0
fi
boot_qemu lamina 900 -cpu max -m 1536M -no-reboot -kernel "$ELF" -append "dom0_mem=512M" \
	-initrd "$KERNEL console=hvc0 loglevel=4 lamina.mode=domu,$IMAGE"
expect_log "dom0 user space reached" '^init: dom0 user space ready \(mode domu\)'
expect_log "the checks ran to the end" '^domu-checks: done'
grep -E '^(PASS|FAIL): domu: ' "$LOG" | tr -d '\r'
expect_no_log "no domU crashed" 'd[0-9]+ crashed'
