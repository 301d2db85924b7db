#!/bin/bash
# consoled.sh - the console backend (lamina-consoled) and `lamina console` in dom0: Debian's
# Linux 6.1 as dom0 with Lamina's dom0 image in lamina.mode=consoled
# (tests/dom0/consoled-checks.sh: consoled-test builds two tiny PV domains and drives their
# consoles through the daemon, then the CLI's error paths), on Xen 4.17 - the oracle, where
# every check must pass - and on Lamina. Each "PASS/FAIL: consoled: <what>" line of dom0 is
# reported with the hypervisor's name in front.
. "$(dirname "$0")/lib.sh"

if [ ! -f "$DOM0_KERNEL" ] || [ ! -f "$DOM0_IMAGE" ]; then
	fail "dom0 kernel or image missing (make kernel dom0-image)"
	exit 0
fi

# run_consoled HV: boot dom0 in consoled mode on HV (lamina or xen) and report its lines.
run_consoled() {
	local hv=$1
	boot_dom0 "$hv" consoled 400
	expect_log "$hv: dom0 user space reached" '^init: dom0 user space ready \(mode consoled\)'
	expect_no_log "$hv: lamina-consoled started" '^init: lamina-consoled did not start'
	expect_log "$hv: consoled-test ran to the end" '^consoled-test: [0-9]+ passed'
	expect_log "$hv: the checks ran to the end" '^consoled-checks: done'
	grep -E '^(PASS|FAIL): consoled: ' "$LOG" |
		sed -E "s/^(PASS|FAIL): consoled: /\1: $SCENARIO: $hv: /"
}

if [ -f "$XEN_ELF" ]; then
	run_consoled xen
else
	fail "xen: $XEN_ELF missing (scripts/fetch-xen)"
fi
run_consoled lamina
