#!/bin/bash
# tests/bench/run.sh - run the PV micro-benchmarks on Lamina and on Xen 4.17
# in the same QEMU configuration and print each figure with the ratio
# Lamina/Xen (target: <= 1.0). Figures are guest-side TSC cycles, the median
# of the kernel's repetitions; each hypervisor is booted RUNS times,
# alternating, and the median run is reported. Needs `make`, the bench
# kernel (make bench-kernels) and scripts/fetch-xen.
#
# Environment: BENCH_RUNS (default 3), BENCH_CPU (default qemu64: the
# quirks notes explain why), BUILD.
set -u
BUILD=${BUILD:-build}
RUNS=${BENCH_RUNS:-3}
CPU=${BENCH_CPU:-qemu64}
out="$BUILD/bench"
mkdir -p "$out"
kernel="$BUILD/bench/pvbench.elf"
lamina="$BUILD/hypervisor/lamina.elf"
xen="$BUILD/cache/xen/xen-4.17.elf"
for f in "$kernel" "$lamina" "$xen"; do
	[ -f "$f" ] || { echo "bench: $f is missing (make bench builds it)" >&2; exit 1; }
done

boot() { # hv run
	local hv=$1 run=$2 log="$out/pv.$1.$2.log" img append
	if [ "$hv" = lamina ]; then
		img=$lamina append="console=com1 dom0_mem=64M"
	else
		img=$xen append="console=com1 com1=115200,8n1 dom0_mem=64M"
	fi
	timeout -k 5 180 qemu-system-x86_64 -accel tcg -cpu "$CPU" -smp 1 -m 512 -display none \
		-serial "file:$log" -monitor none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=4 -kernel "$img" -append "$append" \
		-initrd "$kernel bench" </dev/null >/dev/null 2>&1
	sed -i 's/\r$//' "$log"
}

for run in $(seq 1 "$RUNS"); do
	boot lamina "$run"
	boot xen "$run"
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "" }'; }

names=$(grep -ho '^bench [a-z_]*' "$out"/pv.lamina.*.log "$out"/pv.xen.*.log | awk '{ print $2 }' | awk '!seen[$0]++')
printf '%-28s %14s %14s %8s\n' "PV micro-benchmark (cycles)" "Lamina" "Xen 4.17" "L/X"
for n in $names; do
	l=$(grep -h "^bench $n:" "$out"/pv.lamina.*.log | awk '{ print $3 }' | median)
	x=$(grep -h "^bench $n:" "$out"/pv.xen.*.log | awk '{ print $3 }' | median)
	ratio=$(awk -v l="${l:-0}" -v x="${x:-0}" 'BEGIN { if (l > 0 && x > 0) printf "%.2f", l / x; else print "n/a" }')
	printf '%-28s %14s %14s %8s\n' "$n" "${l:-missing}" "${x:-missing}" "$ratio"
done | tee "$out/pv.table"
