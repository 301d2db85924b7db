#!/bin/bash
# ctrl.sh - libctrl and the lamina CLI in dom0: Debian's Linux 6.1 as dom0 with Lamina's dom0
# image in lamina.mode=ctrl (tests/dom0/ctrl-checks.sh: ctrl-selftest, then lamina list, info,
# dmesg, ...), on Xen 4.17 - the oracle, where every check must pass - and on Lamina. Each
# "PASS/FAIL: ctrl: <what>" line of dom0 is reported with the hypervisor's name in front.
. "$(dirname "$0")/lib.sh"

if [ ! -f "$DOM0_KERNEL" ] || [ ! -f "$DOM0_IMAGE" ]; then
	fail "dom0 kernel or image missing (make kernel dom0-image)"
	exit 0
fi

# run_ctrl HV: boot dom0 in ctrl mode on HV (lamina or xen) and report its lines.
run_ctrl() {
	local hv=$1
	boot_dom0 "$hv" ctrl 400
	expect_log "$hv: dom0 user space reached" \
		'^init: dom0 user space ready \(mode ctrl\)'
	expect_log "$hv: the checks ran to the end" '^ctrl-checks: done'
	grep -E '^(PASS|FAIL): ctrl: ' "$LOG" |
		sed -E "s/^(PASS|FAIL): ctrl: /\1: $SCENARIO: $hv: /"
	grep -E '^ctrl-selftest: [0-9]+ passed' "$LOG" | sed "s/^/      $hv: /"
}

if [ -f "$XEN_ELF" ]; then
	run_ctrl xen
else
	fail "xen: $XEN_ELF missing (scripts/fetch-xen)"
fi
run_ctrl lamina
