# lib.sh - helpers for the QEMU system scenarios (sourced by tests/system/*.sh).
#
# A scenario boots QEMU with boot_qemu, then states what it expects with
# expect_* helpers; each helper prints one "PASS: ..." or "FAIL: ..." line,
# which tests/run-all counts. Logs go to $LOGDIR/<scenario>-<label>.log.

BUILD=${BUILD:-build}
ELF="$BUILD/hypervisor/lamina.elf"
LOGDIR="$BUILD/tests/system"
mkdir -p "$LOGDIR"
SCENARIO=$(basename "$0" .sh)

# boot_qemu LABEL TIMEOUT_S QEMU-ARGS... : runs QEMU headless with the serial
# console to $LOG and the isa-debug-exit device; sets LOG and STATUS (QEMU's
# exit status; 124 on timeout).
boot_qemu() {
	label=$1
	limit=$2
	shift 2
	LOG="$LOGDIR/$SCENARIO-$label.log"
	STATUS=0
	timeout --foreground -k 5 "$limit" qemu-system-x86_64 -accel tcg -display none \
		-serial "file:$LOG" -monitor none -parallel none \
		-device isa-debug-exit,iobase=0xf4,iosize=4 "$@" </dev/null >"$LOG.qemu" 2>&1 || STATUS=$?
	[ -f "$LOG" ] || : >"$LOG"
	sed -i 's/\r$//' "$LOG" # the serial console sends CR LF
}

# boot_lamina LABEL TIMEOUT_S CPU MEM CMDLINE [QEMU-ARGS...]: boot_qemu with -kernel.
boot_lamina() {
	label=$1 limit=$2 cpu=$3 mem=$4 cmdline=$5
	shift 5
	boot_qemu "$label" "$limit" -cpu "$cpu" -m "$mem" -kernel "$ELF" -append "$cmdline" "$@"
}

pass() { echo "PASS: $SCENARIO: $*"; }
fail() {
	echo "FAIL: $SCENARIO: $*"
	[ -n "${LOG:-}" ] && echo "      (log: $LOG)"
}

# expect_status WHAT CODE: QEMU's exit status was CODE.
expect_status() {
	if [ "$STATUS" = "$2" ]; then pass "$1"; else fail "$1 (QEMU exit status $STATUS, wanted $2)"; fi
}

# expect_log WHAT REGEX: the serial log has a line matching the extended regex.
expect_log() {
	if grep -Eq -- "$2" "$LOG"; then pass "$1"; else fail "$1 (no line matching /$2/)"; fi
}

# expect_no_log WHAT REGEX: no line matches.
expect_no_log() {
	if grep -Eq -- "$2" "$LOG"; then fail "$1 (unexpected: $(grep -Em1 -- "$2" "$LOG"))"; else pass "$1"; fi
}

# expect_count WHAT REGEX N: exactly N lines match.
expect_count() {
	n=$(grep -Ec -- "$2" "$LOG")
	if [ "$n" = "$3" ]; then pass "$1"; else fail "$1 ($n lines match /$2/, wanted $3)"; fi
}

# log_value REGEX SED-EXPR: the first matching line, transformed by sed.
log_value() {
	grep -Em1 -- "$1" "$LOG" | sed -E "$2"
}

# Debian's Linux, Lamina's dom0 image and Xen 4.17, as the dom0 scenarios boot them.
DOM0_KERNEL="$BUILD/cache/kernel/generic/vmlinux"
DOM0_IMAGE="$BUILD/dom0/initramfs.cpio.gz"
XEN_ELF="$BUILD/cache/xen/xen-4.17.elf"
DOM0_MIB=512

# boot_dom0 HV MODE TIMEOUT_S: boot_qemu (labelled HV) of Debian's Linux as dom0 of HV
# (lamina, or xen for Xen 4.17) in 1 GiB, DOM0_MIB of it for dom0, with Lamina's dom0 image
# in lamina.mode=MODE (scripts/dom0/init; lamina.hv=HV tells dom0 where it runs).
boot_dom0() {
	local hv=$1 mode=$2 limit=$3 hvimage=$ELF append="dom0_mem=${DOM0_MIB}M"
	if [ "$hv" = xen ]; then
		hvimage=$XEN_ELF
		append="console=com1 com1=115200,8n1 smap=0 smep=0 noreboot"
		append="$append dom0_mem=${DOM0_MIB}M,max:${DOM0_MIB}M"
	fi
	boot_qemu "$hv" "$limit" -cpu max -m 1G -no-reboot -kernel "$hvimage" -append "$append" \
		-initrd "$DOM0_KERNEL console=hvc0 loglevel=4 lamina.mode=$mode lamina.hv=$hv,$DOM0_IMAGE"
}
