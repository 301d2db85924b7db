#!/bin/sh
# checks.sh - dom0's own checks, run by /init with lamina.mode=test. Each
# prints "dom0-check <name>: PASS" or "dom0-check <name>: FAIL: <why>";
# tests/system/dom0.sh collects them. Timing against the host clock, console
# input and the power button need the harness: this script prints markers it
# watches for.

pass() { echo "dom0-check $1: PASS${2:+ ($2)}"; }
fail() { echo "dom0-check $1: FAIL: $2"; }
check() { # name command...
	n=$1
	shift
	if "$@" >/tmp/out 2>&1; then pass "$n" "$(head -c 120 /tmp/out | tr '\n' ' ')"; else fail "$n" "$(head -c 200 /tmp/out | tr '\n' ' ')"; fi
}
want=$(sed -n 's/.*lamina.dom0_mem_mib=\([0-9]*\).*/\1/p' /proc/cmdline)

# The hypervisor, as sysfs and xenfs show it.
check hypervisor_type grep -qx xen /sys/hypervisor/type
major=$(cat /sys/hypervisor/version/major 2>/dev/null)
minor=$(cat /sys/hypervisor/version/minor 2>/dev/null)
extra=$(cat /sys/hypervisor/version/extra 2>/dev/null)
# lamina.hv=xen: the same image as the oracle on Xen 4.17.
hv=$(sed -n 's/.*lamina.hv=\([a-z]*\).*/\1/p' /proc/cmdline)
if [ "$hv" = xen ]; then
	[ "$major.$minor" = 4.17 ] && version_ok=1 || version_ok=
else
	[ -n "$major" ] && [ -n "$minor" ] && [ "$extra" = "-lamina" ] && version_ok=1 || version_ok=
fi
if [ -n "$version_ok" ]; then
	pass hypervisor_version "$major.$minor$extra"
else
	fail hypervisor_version "major '$major' minor '$minor' extra '$extra'"
fi
check capabilities_control_d grep -qx control_d /proc/xen/capabilities

# The Xen modules and their devices.
for m in xen_evtchn xen_privcmd xen_gntdev xen_gntalloc xenfs; do
	check "module_$m" grep -q "^$m " /proc/modules
done
for d in privcmd evtchn gntdev gntalloc; do
	if (exec 3<>"/dev/xen/$d") 2>/tmp/out; then pass "open_dev_xen_$d"; else fail "open_dev_xen_$d" "$(cat /tmp/out)"; fi
done
out=$(xen-version 2>&1)
case "$out" in
"xen_version: $major.$minor$extra") pass privcmd_hypercall "$out" ;;
*) fail privcmd_hypercall "$out" ;;
esac

# Memory: what dom0 sees matches dom0_mem, and survives forks and a big touch.
# MemTotal is dom0_mem less what the kernel keeps for itself: its image and
# tables (under 64 MiB), struct pages (1/64 of RAM) and the 64 MiB swiotlb
# bounce buffer - more than dom0_mem * 15/16 - 128 MiB, never more than dom0_mem.
total_kib=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
if [ -n "$want" ] && [ "$total_kib" -le $((want * 1024)) ] &&
	[ "$total_kib" -ge $(((want * 15 / 16 - 128) * 1024)) ]; then
	pass memtotal_matches_dom0_mem "MemTotal $total_kib KiB for dom0_mem $want MiB"
else
	fail memtotal_matches_dom0_mem "MemTotal $total_kib KiB for dom0_mem '$want' MiB"
fi
sync; echo 3 >/proc/sys/vm/drop_caches
free0=$(sed -n 's/^MemFree: *\([0-9]*\) kB/\1/p' /proc/meminfo)
check memtest_fork_and_touch memtest 200 64
sync; echo 3 >/proc/sys/vm/drop_caches
free1=$(sed -n 's/^MemFree: *\([0-9]*\) kB/\1/p' /proc/meminfo)
diff=$((free0 - free1))
# Freeing may go further than before (caches dropped again); a leak shows as less free.
if [ "$diff" -le 4096 ]; then
	pass memory_returned "MemFree $free0 -> $free1 KiB"
else
	fail memory_returned "MemFree $free0 -> $free1 KiB: $diff KiB not returned"
fi

# Time: sleep 1 takes a second of uptime; the harness times 10 s of uptime on the host.
u0=$(cut -d' ' -f1 /proc/uptime)
sleep 1
u1=$(cut -d' ' -f1 /proc/uptime)
ms=$(awk -v a="$u0" -v b="$u1" 'BEGIN { printf "%d", (b - a) * 1000 }')
if [ "$ms" -ge 950 ] && [ "$ms" -le 1300 ]; then pass sleep_1 "$ms ms"; else fail sleep_1 "sleep 1 took $ms ms of uptime"; fi
echo "dom0-mark time-start uptime=$(cut -d' ' -f1 /proc/uptime) date=$(date +%s)"
sleep 10
echo "dom0-mark time-end uptime=$(cut -d' ' -f1 /proc/uptime) date=$(date +%s)"

# The console takes input: the harness types a line when it sees the marker.
echo "dom0-mark console-input-wanted"
if read -t 30 line </dev/console; then
	case "$line" in *lamina-console-input*) pass console_input "read '$line'" ;; *) fail console_input "read '$line'" ;; esac
else
	fail console_input "nothing read in 30 s"
fi

# Physical interrupts reach dom0 through PIRQ event channels: the RTC's alarm
# (IRQ 8, edge) set through sysfs, and the ACPI SCI (GSI 9, level: the pin
# stays masked until dom0's EOI) raised by the harness pressing the power
# button in QEMU's monitor.
# irq_count NAME: the interrupts of a xen-pirq line, summed over the CPU columns.
irq_count() {
	awk -v n="$1" '$NF == n { for (i = 2; i <= NF; i++) if ($i == "xen-pirq") {
		t = 0; for (j = 2; j < i; j++) t += $j; print t } }' /proc/interrupts
}
rtc0=$(irq_count rtc0)
if echo +2 >/sys/class/rtc/rtc0/wakealarm 2>/tmp/out; then
	i=0
	while [ $i -lt 20 ] && [ "$(irq_count rtc0)" = "$rtc0" ]; do sleep 0.5; i=$((i + 1)); done
	rtc1=$(irq_count rtc0)
	if [ "${rtc1:-0}" -gt "${rtc0:-0}" ]; then
		pass pirq_edge_rtc_alarm "rtc0 (xen-pirq) interrupts ${rtc0:-none} -> $rtc1"
	else
		fail pirq_edge_rtc_alarm "rtc0 (xen-pirq) interrupts ${rtc0:-none} -> ${rtc1:-none} after the alarm"
	fi
else
	fail pirq_edge_rtc_alarm "cannot set the RTC alarm: $(cat /tmp/out)"
fi
sci0=$(irq_count acpi)
echo "dom0-mark sci-wanted"
i=0
while [ $i -lt 20 ] && [ "$(irq_count acpi)" = "$sci0" ]; do sleep 0.5; i=$((i + 1)); done
sleep 1
sci1=$(irq_count acpi)
if [ -n "$sci1" ] && [ "$sci1" -gt "${sci0:-0}" ] && [ "$sci1" -le $((${sci0:-0} + 4)) ]; then
	pass pirq_level_acpi_sci "acpi (xen-pirq) interrupts ${sci0:-none} -> $sci1"
else
	fail pirq_level_acpi_sci "acpi (xen-pirq) interrupts ${sci0:-none} -> ${sci1:-none} (wanted 1-4 more)"
fi

# The kernel log is clean.
if dmesg | grep -E "BUG|WARNING|Oops|Unhandled|Call Trace|Failed to setup GSI|map irq failed|Failed to obtain physical IRQ|IO TLB.*Failed" >/tmp/out; then
	fail kernel_log_clean "$(head -3 /tmp/out | tr '\n' ' ')"
else
	pass kernel_log_clean
fi
# The CPU features the kernel found, for the same comparison.
echo "dom0-cpuflags $(sed -n 's/^flags[[:space:]]*: //p' /proc/cpuinfo | head -1)"
# Every kernel message that reports a failure, for tests/system/dom0.sh to
# compare with the same kernel's messages on Xen 4.17.
dmesg | sed 's/^\[ *[0-9.]*\] //' |
	grep -iE "fail|error|unable|unsupported|not supported|cannot|can't|invalid|missing|denied|timed out" |
	sort -u | sed 's/^/dom0-klog /'
echo "dom0-cpus online=$(cat /sys/devices/system/cpu/online)"
echo "dom0-checks: done"
