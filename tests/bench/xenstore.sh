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
# the initramfs. Reports operations per second, median of three runs per boot, and the ratio
# lamina-stored / xenstored (above 1.0: lamina-stored is faster).
#
# Environment: BENCH_CPU (default max), BENCH_XS_COUNT (operations per run, default 2000),
# BUILD.
set -u
BUILD=${BUILD:-build}
CPU=${BENCH_CPU:-max}
COUNT=${BENCH_XS_COUNT:-2000}
out="$BUILD/bench"
lamina="$BUILD/hypervisor/lamina.elf"
xen="$BUILD/cache/xen/xen-4.17.elf"
kernel="$BUILD/cache/kernel/generic/vmlinux"
image="$BUILD/dom0/initramfs.cpio.gz"
mkdir -p "$out"
for f in "$lamina" "$xen" "$kernel" "$image"; do
	[ -f "$f" ] || { echo "bench: $f is missing (make bench builds it)" >&2; exit 1; }
done

# Xen's xenstored from Debian's package, unpacked into the cache (nothing is installed).
root=$(scripts/fetch-xen-tools) || { echo "bench: cannot fetch Xen's tools" >&2; exit 1; }
xsd="$root/usr/lib/xen-4.17/bin/xenstored"

# The image with Xen's xenstored and the libraries it needs appended.
overlay=$(mktemp -d)
trap 'rm -rf "$overlay"' EXIT
mkdir -p "$overlay/usr/lib/xen-4.17/bin" "$overlay/lib64" "$overlay/lib/x86_64-linux-gnu"
cp "$xsd" "$overlay/usr/lib/xen-4.17/bin/"
for lib in $(ldd "$xsd" | awk '/=>/ { print $3 } /ld-linux/ && !/=>/ { print $1 }'); do
	case "$lib" in
	*ld-linux*) cp -L "$lib" "$overlay/lib64/" ;;
	*) cp -L "$lib" "$overlay/lib/x86_64-linux-gnu/" ;;
	esac
done
bench_image="$out/xenstore-initramfs.cpio.gz"
(cd "$overlay" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) | gzip -9 >"$overlay.cpio.gz"
cat "$image" "$overlay.cpio.gz" >"$bench_image"
rm -f "$overlay.cpio.gz"

# boot HV DAEMON: one boot; its serial log.
boot() {
	local hv=$1 daemon=$2 log="$out/xenstore.$1.$2.log"
	local dom0="$kernel console=hvc0 loglevel=4 lamina.mode=xsbench lamina.xsd=$daemon lamina.bench=$COUNT"
	local -a args=(-accel tcg -cpu "$CPU" -smp 1 -m 1G -display none -serial "file:$log"
		-monitor none -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4)
	case "$hv" in
	lamina) args+=(-kernel "$lamina" -append "dom0_mem=512M") ;;
	xen) args+=(-kernel "$xen" -append "console=com1 com1=115200,8n1 smap=0 smep=0 dom0_mem=512M,max:512M noreboot") ;;
	esac
	timeout -k 5 600 qemu-system-x86_64 "${args[@]}" -initrd "$dom0,$bench_image" </dev/null >/dev/null 2>&1
	sed -i 's/\r$//' "$log"
}

for hv in lamina xen; do
	for daemon in lamina xen; do
		boot "$hv" "$daemon"
	done
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "" }'; }

# figure HV DAEMON TRANSPORT OP: median ops/s of the runs in that boot's log.
figure() {
	awk -v t="$3" -v o="$4" '$1 == "xsb" && $4 == "xsbench" && $5 == t && $6 == o { print $11 }' \
		"$out/xenstore.$1.$2.log" | median
}

ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "n/a" }'; }

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
