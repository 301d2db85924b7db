# lib.sh - helpers for the benchmarks that boot Debian's Linux as dom0 on Lamina and on Xen
# 4.17 (sourced by tests/bench/dom0.sh, xenstore.sh and domu.sh).
#
# Sets BUILD (default build), out (build/bench, made), lamina, xen, kernel (dom0's vmlinux)
# and image (Lamina's dom0 image); prints nothing unless something is missing.

BUILD=${BUILD:-build}
out="$BUILD/bench"
lamina="$BUILD/hypervisor/lamina.elf"
xen="$BUILD/cache/xen/xen-4.17.elf"
kernel="$BUILD/cache/kernel/generic/vmlinux"
image="$BUILD/dom0/initramfs.cpio.gz"
mkdir -p "$out"

# need FILE...: exit unless each exists.
need() {
	for f in "$@"; do
		[ -f "$f" ] || { echo "bench: $f is missing (make bench builds it)" >&2; exit 1; }
	done
}

# xen_image OUT [FILE...]: the bench-only dom0 image (scripts/make-dom0-xen-image: Lamina's
# dom0 image with Xen 4.17's own tools from Debian's packages, and FILEs in /bin) at OUT.
xen_image() {
	local root
	root=$(scripts/fetch-xen-tools) || { echo "bench: cannot fetch Xen's tools" >&2; exit 1; }
	scripts/make-dom0-xen-image "$1" "$image" "$root" "${@:2}" || exit 1
}

# boot_dom0 HV LOG TIMEOUT_S MEM DOM0_ARGS INITRD: one boot of QEMU (TCG, one CPU, CPU model
# $CPU, MEM of RAM) with HV (lamina or xen) and Debian's Linux as dom0 with 512 MiB, its
# command line DOM0_ARGS and INITRD as its initramfs; the serial console goes to LOG,
# without carriage returns.
boot_dom0() {
	local hv=$1 log=$2
	local -a args=(-accel tcg -cpu "$CPU" -smp 1 -m "$4" -display none -serial "file:$log"
		-monitor none -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4)
	case "$hv" in
	lamina) args+=(-kernel "$lamina" -append "dom0_mem=512M") ;;
	xen) args+=(-kernel "$xen" -append "console=com1 com1=115200,8n1 smap=0 smep=0 dom0_mem=512M,max:512M noreboot") ;;
	esac
	timeout -k 5 "$3" qemu-system-x86_64 "${args[@]}" -initrd "$kernel console=hvc0 $5,$6" \
		</dev/null >/dev/null 2>&1
	sed -i 's/\r//g' "$log"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "" }'; }

ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
