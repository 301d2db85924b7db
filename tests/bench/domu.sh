#!/bin/bash
# tests/bench/domu.sh - create-to-init time of the demo domU (Debian's cloud kernel, the busybox
# initramfs whose init prints "domU-init: up" on hvc0, 128 MiB, 1 vCPU): `lamina create
# /etc/lamina/demo.json` on Lamina against `xl create /etc/lamina/demo.cfg` (Debian's
# xen-utils-4.17, the same domain in xl.cfg syntax) on Xen 4.17, and for reference `lamina
# create` on Xen 4.17 too (the same toolstack: what is left is the hypervisor's share).
#
# Every boot uses the bench-only dom0 image (scripts/make-dom0-xen-image: Lamina's dom0 image
# with Xen's xenstored, xenconsoled, xen-init-dom0 and xl appended) and runs
# tests/dom0/domu-bench.sh (lamina.mode=domubench): a warm-up create, then BENCH_DOMU_CREATES
# creates, each timed in dom0 by tests/dom0/create-time.c (CLOCK_MONOTONIC) from the start of
# the create command to its exit ("returns") and to the marker in the console daemon's log of
# the guest ("init": lamina-consoled's on Lamina's stack, xenconsoled's with xl), then
# destroyed. Boots alternate (Lamina, Xen with xl, Xen with lamina) BENCH_RUNS times.
#
# Prints a table of medians in milliseconds over all boots - later creates (warm-up excluded),
# and the first create of each boot (the first use of memory no guest has used) - the guest
# kernel's own clock at "Run /init" in seconds, and the ratio lamina/xl (Lamina's stack over
# Xen's; the target is at most 0.5). Logs: build/bench/domu.HV.TOOLSTACK.RUN.log
# (sourced helpers: tests/bench/lib.sh).
#
# Environment: BENCH_RUNS (boots per configuration, default 3), BENCH_DOMU_CREATES (timed
# creates per boot, default 5), BENCH_CPU (QEMU CPU model, default max), BUILD.
set -u
. "$(dirname "$0")/lib.sh"
CPU=${BENCH_CPU:-max}
RUNS=${BENCH_RUNS:-3}
CREATES=${BENCH_DOMU_CREATES:-5}
stopwatch="$BUILD/dom0/create-time"
need "$lamina" "$xen" "$kernel" "$image" "$stopwatch"
bench_image="$out/domu-initramfs.cpio.gz"
xen_image "$bench_image" "$stopwatch" tests/dom0/domu-bench.sh

# boot HV TOOLSTACK RUN: one boot; its serial log. With xl, /init starts Xen's xenstored.
boot() {
	local log="$out/domu.$1.$2.$3.log" xsd=lamina
	[ "$2" = xl ] && xsd=xen
	boot_dom0 "$1" "$log" 1200 1536M \
		"loglevel=4 lamina.mode=domubench lamina.xsd=$xsd lamina.bench=$2:$CREATES" "$bench_image"
	grep -q '^domub-done' "$log" || echo "bench: $1 $2 run $3: dom0 did not finish ($log)" >&2
	grep '^domub-\(error\|note\)' "$log" | sed "s/^/bench: $1 $2 run $3: /" >&2
}

configs="lamina:lamina xen:xl xen:lamina"
rm -f "$out"/domu.*.log
for run in $(seq 1 "$RUNS"); do
	for c in $configs; do
		boot "${c%:*}" "${c#*:}" "$run"
	done
done

# figure HV TOOLSTACK FIELD WHICH: median of FIELD (return_ms, marker_ms, guest_init_s) over
# the creates of every boot of that configuration; WHICH: first (the warm-up) or later.
figure() {
	cat "$out"/domu."$1.$2".*.log 2>/dev/null | awk -v ts="$2" -v f="$3" -v w="$4" '
		$1 == "domub" && $2 == ts && $4 == "rc=0" && (w == "first") == ($3 == 0) {
			for (i = 5; i <= NF; i++)
				if (index($i, f "=") == 1 && substr($i, length(f) + 2) ~ /^[0-9.]+$/)
					print substr($i, length(f) + 2)
		}' | median
}

printf '%-30s %14s %14s %14s %10s\n' "demo domU, medians" "lamina/Lamina" "xl/Xen" "lamina/Xen" "lamina/xl"
for w in later first; do
	for f in return_ms marker_ms guest_init_s; do
		case "$f" in
		return_ms) what="create returns (ms)" ;;
		marker_ms) what="create to init (ms)" ;;
		guest_init_s) what="guest kernel to /init (s)" ;;
		esac
		l=$(figure lamina lamina "$f" "$w") x=$(figure xen xl "$f" "$w") lx=$(figure xen lamina "$f" "$w")
		printf '%-30s %14s %14s %14s %10s\n' "$w: $what" "${l:-missing}" "${x:-missing}" \
			"${lx:-missing}" "$(ratio "$l" "$x")"
	done
done | tee "$out/domu.table"
echo "(later: creates 1-$CREATES of each boot, $RUNS boots each; first: each boot's warm-up create)"
exit 0
