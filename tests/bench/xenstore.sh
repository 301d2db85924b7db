#!/bin/bash
# tests/bench/xenstore.sh - xenstore throughput: lamina-stored against Xen 4.17's own C
# xenstored (Debian's xen-utils-4.17), each serving the same client load from dom0
# (tests/dom0/xsbench.c on libstore: READ, WRITE, DIRECTORY of 64 children, and a
# read-modify-write transaction), through the daemon's socket and through dom0's kernel
# (/dev/xen/xenbus and its ring page). Each daemon runs in its own boot of Debian's Linux as
# dom0 (lamina.mode=xsbench, lamina.xsd=lamina|xen), on Lamina and on Xen 4.17, so the
# hypervisor's share (event channels, the ring) is measured too.
#
# Xen's xenstored is dynamically linked: it goes into the dom0 image with the host's copies of
# its libraries (libxen-dev's, the same Debian 12 build) in a second cpio archive appended to
# the initramfs (scripts/make-dom0-xen-image). Reports operations per second, median of three
# runs per boot, and the ratio lamina-stored / xenstored (above 1.0: lamina-stored is faster).
#
# Environment: BENCH_CPU (default max), BENCH_XS_COUNT (operations per run, default 2000),
# BUILD.
set -u
. "$(dirname "$0")/lib.sh"
CPU=${BENCH_CPU:-max}
COUNT=${BENCH_XS_COUNT:-2000}
need "$lamina" "$xen" "$kernel" "$image"

# Xen's xenstored from Debian's package, unpacked into the cache (nothing is installed), in
# the bench-only dom0 image.
bench_image="$out/xenstore-initramfs.cpio.gz"
xen_image "$bench_image"

# boot HV DAEMON: one boot; its serial log.
boot() {
	boot_dom0 "$1" "$out/xenstore.$1.$2.log" 600 1G \
		"loglevel=4 lamina.mode=xsbench lamina.xsd=$2 lamina.bench=$COUNT" "$bench_image"
}

for hv in lamina xen; do
	for daemon in lamina xen; do
		boot "$hv" "$daemon"
	done
done

# figure HV DAEMON TRANSPORT OP: median ops/s of the runs in that boot's log.
figure() {
	awk -v t="$3" -v o="$4" '$1 == "xsb" && $4 == "xsbench" && $5 == t && $6 == o { print $11 }' \
		"$out/xenstore.$1.$2.log" | median
}

printf '%-22s %14s %14s %8s\n' "xenstore ops/s" "lamina-stored" "xenstored" "L/X"
for hv in lamina xen; do
	for t in socket xenbus; do
		for op in read write dir txn; do
			l=$(figure "$hv" lamina "$t" "$op") x=$(figure "$hv" xen "$t" "$op")
			printf '%-22s %14s %14s %8s\n' "$hv $t $op" "${l:-missing}" "${x:-missing}" \
				"$(ratio "$l" "$x")"
		done
	done
done | tee "$out/xenstore.table"
for hv in lamina xen; do
	for daemon in lamina xen; do
		grep -q '^xsb-daemon none' "$out/xenstore.$hv.$daemon.log" &&
			echo "bench: no xenstore daemon ran on $hv (lamina.xsd=$daemon)" >&2
		grep '^xsb .*xsbench:' "$out/xenstore.$hv.$daemon.log" | head -2 >&2
	done
done
exit 0
