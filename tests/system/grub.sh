#!/bin/bash
# grub.sh - the GRUB rescue ISO (make iso) boots Lamina by Multiboot 2.
. "$(dirname "$0")/lib.sh"

iso="$BUILD/tests/system/grub-test.iso"
echo "Lamina test module (grub.sh)" >"$LOGDIR/grub-module.txt"
scripts/make-iso "$iso" "$ELF" "selftest=boot debug_exit" "$LOGDIR/grub-module.txt" "test-module arg=1" ||
	{ fail "make-iso"; exit 0; }
boot_qemu iso 90 -cpu max -m 512M -cdrom "$iso"
expect_status "GRUB ISO boots to the end" 1
expect_log "loaded by Multiboot 2" 'Loader: GRUB .*\(Multiboot 2\)'
expect_log "module from grub.cfg" 'Module 0: .* test-module arg=1$'
expect_log "banner" 'Lamina [0-9.]+ - a thin x86-64 PV hypervisor'
