#!/bin/bash
# dom0.sh - Debian's Linux 6.1 as Lamina's dom0, checked as a user would:
# the dom0 image's own checks (tests/dom0/checks.sh: hypervisor identity,
# modules and /dev/xen devices, a privcmd hypercall, memory against
# dom0_mem, forks and a 64 MiB touch, sleep, a clean kernel log, console
# input, physical interrupts: the RTC alarm and the ACPI SCI from QEMU's
# power button), dom0's clock against the host's over 10 s, power off, and reboot;
# no failure message in dom0's kernel log that it lacks on Xen 4.17, and the
# CPU features Xen shows;
# on both CPU models, with dom0_mem of 256 MiB and 2 GiB, and with two vCPUs. The same checks
# run on Xen 4.17 with the same kernel and image: the oracle for them.
. "$(dirname "$0")/lib.sh"

KERNEL="$BUILD/cache/kernel/generic/vmlinux"
IMAGE="$BUILD/dom0/initramfs.cpio.gz"
if [ ! -f "$KERNEL" ] || [ ! -f "$IMAGE" ]; then
	fail "dom0 kernel or image missing (make kernel dom0-image)"
	exit 0
fi

XEN="$BUILD/cache/xen/xen-4.17.elf"

# boot_dom0 LABEL CPU RAM DOM0_MIB MODE [HV]: QEMU with the serial line on a
# FIFO we can type into; watches the log for the markers checks.sh prints.
# HV is lamina (default) or xen: Xen 4.17 with the same kernel and image, the
# oracle for the same checks.
boot_dom0() {
	local label=$1 cpu=$2 ram=$3 mib=$4 mode=$5 hv=${6:-lamina}
	local -a hvargs=(-kernel "$ELF" -append "dom0_mem=${mib}M $LAMINA_EXTRA")
	[ "$hv" = xen ] && hvargs=(-kernel "$XEN" -append "console=com1 com1=115200,8n1 smap=0 smep=0 dom0_mem=${mib}M,max:${mib}M noreboot")
	LOG="$LOGDIR/$SCENARIO-$label.log"
	local fifo="$LOGDIR/$SCENARIO-$label.in" mon="$LOGDIR/$SCENARIO-$label.mon"
	rm -f "$fifo" "$LOG" "$mon.in" "$mon.out"
	mkfifo "$fifo" "$mon.in" "$mon.out"
	timeout -k 5 300 qemu-system-x86_64 -accel tcg -cpu "$cpu" -m "$ram" -display none \
		-serial stdio -chardev "pipe,id=mon,path=$mon" -mon chardev=mon -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4 \
		"${hvargs[@]}" \
		-initrd "$KERNEL console=hvc0 loglevel=4 lamina.mode=$mode lamina.dom0_mem_mib=$mib lamina.hv=$hv,$IMAGE" \
		<"$fifo" >"$LOG" 2>&1 &
	local qemu=$!
	exec 3>"$fifo" 4<>"$mon.in" 5<>"$mon.out"
	local t0="" t1="" typed="" pressed=""
	while kill -0 "$qemu" 2>/dev/null; do
		if [ -z "$t0" ] && grep -q "dom0-mark time-start" "$LOG"; then t0=$(date +%s.%N); fi
		if [ -z "$t1" ] && grep -q "dom0-mark time-end" "$LOG"; then t1=$(date +%s.%N); fi
		if [ -z "$pressed" ] && grep -q "dom0-mark sci-wanted" "$LOG"; then
			echo system_powerdown >&4 # QEMU's power button: an ACPI SCI
			pressed=1
		fi
		if [ -z "$typed" ] && grep -q "dom0-mark console-input-wanted" "$LOG"; then
			printf 'lamina-console-input\r' >&3
			typed=1
		fi
		sleep 0.02
	done
	wait "$qemu"
	STATUS=$?
	exec 3>&- 4>&- 5>&-
	rm -f "$fifo" "$mon.in" "$mon.out"
	sed -i 's/\r$//' "$LOG"
	HOST_T0=$t0 HOST_T1=$t1
}

# check_dom0 LABEL CPU DOM0_MIB [HV]: boot in test mode and assert every check.
check_dom0() {
	local label=$1 cpu=$2 mib=$3 hv=${4:-lamina} ram=$(($3 * 2))M
	[ "$mib" -ge 2048 ] && ram=3G
	boot_dom0 "$label" "$cpu" "$ram" "$mib" test "$hv"
	expect_log "$label: dom0 user space reached" '^init: dom0 user space ready'
	if [ "$hv" = xen ]; then
		expect_log "$label: dom0 powered the machine off" '^\(XEN\) Entering ACPI S5'
	else
		expect_log "$label: dom0 powered the machine off" 'd0: shut down \(poweroff'
	fi
	expect_status "$label: QEMU ended by the power-off" 0
	while read -r line; do
		name=${line#dom0-check }
		name=${name%%:*}
		case "$line" in
		*": PASS"*) pass "$label: $name${line#*PASS}" ;;
		*) fail "$label: $name: ${line#*: }" ;;
		esac
	done < <(grep '^dom0-check ' "$LOG")
	n=$(grep -c '^dom0-check ' "$LOG")
	[ "$n" -ge 21 ] && pass "$label: all dom0 checks ran ($n)" || fail "$label: only $n dom0 checks ran"
	# dom0's uptime against the host's clock over the 10 s sleep: within 2%.
	u0=$(sed -n 's/.*time-start uptime=\([0-9.]*\).*/\1/p' "$LOG")
	u1=$(sed -n 's/.*time-end uptime=\([0-9.]*\).*/\1/p' "$LOG")
	if [ -n "$u0" ] && [ -n "$u1" ] && [ -n "$HOST_T0" ] && [ -n "$HOST_T1" ]; then
		verdict=$(awk -v u0="$u0" -v u1="$u1" -v h0="$HOST_T0" -v h1="$HOST_T1" 'BEGIN {
			r = (u1 - u0) / (h1 - h0);
			printf "%s %.4f", (r > 0.98 && r < 1.02) ? "ok" : "bad", r }')
		case "$verdict" in
		ok*) pass "$label: dom0 uptime advances at the host's rate (ratio ${verdict#ok })" ;;
		*) fail "$label: dom0 uptime against host time: ratio ${verdict#bad } (wanted within 2%)" ;;
		esac
	else
		fail "$label: time markers missing"
	fi
}

for cpu in max qemu64; do
	for mib in 256 2048; do
		check_dom0 "$cpu-${mib}M" "$cpu" "$mib"
	done
done
# Two vCPUs for dom0 on the one physical CPU: SMP Linux (IPIs, spinlocks that poll) on the
# credit scheduler, with the same checks.
LAMINA_EXTRA="dom0_max_vcpus=2" check_dom0 max-1024M-2vcpus max 1024
expect_log "max-1024M-2vcpus: dom0's kernel brought up both vCPUs" '^dom0-cpus online=0-1[^0-9,]*$'

# The oracle: Xen 4.17 passes the same checks with the same kernel and image,
# and Lamina's dom0 logs no failure the same kernel does not log on Xen.
if [ -f "$XEN" ]; then
	check_dom0 xen-max-512M max 512 xen
	# Linux times a PIT channel 2 countdown against the TSC at boot: on Lamina
	# (the real channel 2) that may miss under a loaded emulator, and Linux
	# then takes the CPU clock from the hypervisor's TSC rate, as it does
	# on Xen, so that one line is not held against Lamina.
	klog() { tr -d '\r' <"$LOGDIR/$SCENARIO-$1.log" | sed -n 's/^dom0-klog //p' |
		grep -vx 'tsc: Fast TSC calibration failed' | sort -u; }
	only=$(comm -23 <(klog max-256M) <(klog xen-max-512M))
	if [ -z "$only" ] && grep -q '^dom0-checks: done' "$LOGDIR/$SCENARIO-max-256M.log"; then
		pass "kernel log: no failure message that Xen's dom0 lacks ($(klog max-256M | wc -l) on both)"
	else
		fail "kernel log: only on Lamina: $(echo "$only" | head -3 | tr '\n' '|')"
	fi
	# The CPU features dom0's kernel sees: Xen's, but for FSGSBASE (not offered yet).
	flags() { tr -d '\r' <"$LOGDIR/$SCENARIO-$1.log" | sed -n 's/^dom0-cpuflags //p' |
		tr ' ' '\n' | grep -v '^$' | sort -u; }
	differ=$(comm -3 <(flags max-256M) <(flags xen-max-512M | grep -vx fsgsbase) | tr -d '\t' | tr '\n' ' ')
	if [ -z "$differ" ] && [ -n "$(flags max-256M)" ]; then
		pass "CPU features: dom0 sees Xen's ($(flags max-256M | wc -l) flags)"
	else
		fail "CPU features: dom0's differ from Xen's in: ${differ:-(none reported)}"
	fi
else
	fail "xen: $XEN missing (scripts/fetch-xen)"
fi

boot_dom0 reboot max 512M 256 reboot
expect_log "reboot: dom0 asked for a reboot" 'd0: shut down \(reboot'
expect_log "reboot: the machine resets" '^\(lamina\) Rebooting$'
expect_status "reboot: QEMU ended by the reset" 0
