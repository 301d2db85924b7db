#!/bin/bash
# tests/bench/dom0.sh - Debian's Linux with Lamina's dom0 image (mode bench)
# booted three ways in the same QEMU configuration: as dom0 on Lamina, as
# dom0 on Xen 4.17, and natively (the same vmlinux, entered through its PVH
# note, so no decompression in any of the three). Reports
#   boot_to_init_host_ms    host wall clock from QEMU's start to /init's
#                           first line on the serial console
#   boot_to_init_uptime_ms  the kernel's /proc/uptime at that line
#   <microbench>_ns         tests/dom0/microbench.c inside the booted system
# each the median over BENCH_RUNS boots per system (alternating), with the
# ratios Lamina/Xen and Lamina/native (target: Lamina/Xen <= 1.0).
#
# Environment: BENCH_RUNS (default 3), BENCH_CPU (default qemu64),
# BENCH_DOM0_MEM (MiB, default 512), BUILD.
set -u
. "$(dirname "$0")/lib.sh"
RUNS=${BENCH_RUNS:-3}
CPU=${BENCH_CPU:-qemu64}
MIB=${BENCH_DOM0_MEM:-512}
need "$lamina" "$xen" "$kernel" "$image"

# boot SYSTEM RUN: one boot; the serial log gets each line prefixed with the
# host time in ms since QEMU was started.
boot() {
	local sys=$1 run=$2 log="$out/dom0.$1.$2.log"
	local dom0_args="loglevel=4 lamina.mode=bench lamina.dom0_mem_mib=$MIB"
	local -a args=(-accel tcg -cpu "$CPU" -smp 1 -m $((MIB * 2)) -display none -serial stdio
		-monitor none -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4)
	case "$sys" in
	lamina) args+=(-kernel "$lamina" -append "dom0_mem=${MIB}M"
		-initrd "$kernel console=hvc0 $dom0_args,$image") ;;
	xen) args+=(-kernel "$xen" -append "console=com1 com1=115200,8n1 dom0_mem=${MIB}M,max:${MIB}M"
		-initrd "$kernel console=hvc0 $dom0_args,$image") ;;
	native) args+=(-kernel "$kernel" -append "console=ttyS0 mem=${MIB}M $dom0_args"
		-initrd "$image") ;;
	esac
	local t0=$EPOCHREALTIME
	timeout -k 5 300 qemu-system-x86_64 "${args[@]}" </dev/null 2>&1 |
		while IFS= read -r line; do
			printf '%d %s\n' "$(((${EPOCHREALTIME/./} - ${t0/./}) / 1000))" "${line%$'\r'}"
		done >"$log"
}

for run in $(seq 1 "$RUNS"); do
	for sys in lamina xen native; do
		boot "$sys" "$run"
	done
done

# figure SYSTEM NAME: that figure from each of the system's logs.
figure() {
	local f
	for f in "$out"/dom0."$1".*.log; do
		case "$2" in
		boot_to_init_host_ms) awk '$2 == "init:" && $3 == "started," { print $1; exit }' "$f" ;;
		boot_to_init_uptime_ms) awk '$2 == "init:" && $3 == "started," { printf "%d\n", $5 * 1000; exit }' "$f" ;;
		*) awk -v n="${2%_ns}:" '$2 == "microbench" && $3 == n { print $4; exit }' "$f" ;;
		esac
	done | median
}

printf '%-24s %10s %10s %10s %8s %8s\n' "dom0 benchmark" "Lamina" "Xen 4.17" "native" "L/X" "L/N"
for n in boot_to_init_host_ms boot_to_init_uptime_ms getppid_ns fork_exit_wait_ns page_fault_ns \
	pipe_switch_ns; do
	l=$(figure lamina "$n") x=$(figure xen "$n") v=$(figure native "$n")
	printf '%-24s %10s %10s %10s %8s %8s\n' "$n" "${l:-missing}" "${x:-missing}" "${v:-missing}" \
		"$(ratio "$l" "$x")" "$(ratio "$l" "$v")"
done | tee "$out/dom0.table"
