#!/bin/bash
# xenstore.sh - lamina-stored serving dom0's kernel, on Lamina and on Xen 4.17 (the oracle):
# Debian's Linux boots as dom0 with Lamina's dom0 image in lamina.mode=xenstore; /init starts
# lamina-stored, which maps the kernel's xenstore page from xenfs and binds its event
# channel; tests/dom0/xenstore-checks.sh then drives the store through /dev/xen/xenbus
# (write, read, list, ls, chmod, rm, a watch that fires, transactions, Xen's errors, node
# counts before and after) and through the daemon's socket, and prints one xs-check line per
# check, which become PASS/FAIL lines here. First, on this machine, Xen 4.17's own clients
# (xenstore-* and test-xenstore, scripts/fetch-xen-tools) talk to lamina-stored's socket.
. "$(dirname "$0")/lib.sh"

KERNEL="$BUILD/cache/kernel/generic/vmlinux"
IMAGE="$BUILD/dom0/initramfs.cpio.gz"
XEN="$BUILD/cache/xen/xen-4.17.elf"
if [ ! -f "$KERNEL" ] || [ ! -f "$IMAGE" ]; then
	fail "dom0 kernel or image missing (make kernel dom0-image)"
	exit 0
fi

DOM0_ARGS="console=hvc0 loglevel=4 lamina.mode=xenstore"

# host_interop: lamina-stored on this machine (socket only, -D) against Xen 4.17's own
# clients (Debian's xenstore-utils and xen-utils-4.17, through the host's libxenstore):
# each xenstore-* command prints byte for byte what ours prints, and Xen's test-xenstore
# passes.
host_interop() {
	local root tmp sock pid a b args
	root=$(scripts/fetch-xen-tools 2>/dev/null) || { fail "host: cannot fetch Xen's tools"; return; }
	tmp=$(mktemp -d)
	sock="$tmp/socket"
	for m in read write ls list rm exists chmod; do
		ln -s "$(pwd)/$BUILD/dom0/xenstore" "$tmp/xenstore-$m"
	done
	XENSTORED_PATH=$sock "$BUILD/dom0/lamina-stored" -N -D -L "$LOGDIR/$SCENARIO-host.log" &
	pid=$!
	for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
	export XENSTORED_PATH=$sock
	"$root/usr/bin/xenstore-write" /interop/a 'x\ty' /interop/b/c "$(printf 'v%.0s' $(seq 90))" \
		/interop/bin '\001\x7f'
	"$tmp/xenstore-write" /interop/ours 1
	while IFS='|' read -r m args; do
		# shellcheck disable=SC2086
		a=$("$root/usr/bin/xenstore-$m" $args 2>&1; echo "rc=$?")
		# shellcheck disable=SC2086
		b=$("$tmp/xenstore-$m" $args 2>&1; echo "rc=$?")
		if [ "$a" = "$b" ]; then
			pass "host: xenstore-$m $args: as Xen's ($(echo "$a" | wc -l) lines)"
		else
			fail "host: xenstore-$m $args: $(diff <(echo "$a") <(echo "$b") | head -3 | tr '\n' '|')"
		fi
	done <<-EOF
		ls|
		ls|-p
		ls|-f /interop
		read|/interop/a /interop/bin /interop/b/c
		read|-p /interop/a
		list|-p /interop
		exists|/interop/nope
		read|/interop/nope
		chmod|/interop/b n0 r3
		ls|-p /interop
		rm|/interop/nope/deeper
	EOF
	a=$(timeout 120 "$root/usr/lib/xen-4.17/bin/test-xenstore" -i 5 2>&1)
	if [ $? = 0 ] && ! echo "$a" | grep -q failed; then
		pass "host: Xen's test-xenstore passes against lamina-stored ($(echo "$a" | wc -l) tests)"
	else
		fail "host: Xen's test-xenstore: $(echo "$a" | grep failed | head -2 | tr '\n' '|')"
	fi
	unset XENSTORED_PATH
	kill "$pid"
	wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
host_interop

# collect LABEL: one PASS/FAIL line per xs-check line of the log, and the run's frame.
collect() {
	local label=$1 n
	expect_log "$label: dom0 user space reached" '^init: dom0 user space ready \(mode xenstore\)'
	expect_no_log "$label: lamina-stored started" '^init: lamina-stored did not start'
	while read -r line; do
		name=${line#xs-check }
		name=${name%%:*}
		case "$line" in
		*": PASS"*) pass "$label: $name${line#*PASS}" ;;
		*) fail "$label: $name: ${line#*: }" ;;
		esac
	done < <(grep '^xs-check ' "$LOG")
	n=$(grep -c '^xs-check ' "$LOG")
	[ "$n" -ge 24 ] && pass "$label: all xenstore checks ran ($n)" || fail "$label: only $n xenstore checks ran"
	expect_log "$label: checks finished" '^xs-checks: done'
	expect_no_log "$label: no kernel xenbus errors" 'xenbus.*(error|fail)|XENBUS.*(error|fail)'
}

boot_lamina lamina 240 max 1G "dom0_mem=512M" -no-reboot -initrd "$KERNEL $DOM0_ARGS,$IMAGE"
collect lamina
expect_log "lamina: dom0 powered the machine off" 'd0: shut down \(poweroff'

if [ -f "$XEN" ]; then
	boot_qemu xen 240 -cpu max -m 1G -no-reboot -kernel "$XEN" \
		-append "console=com1 com1=115200,8n1 smap=0 smep=0 dom0_mem=512M,max:512M noreboot" \
		-initrd "$KERNEL $DOM0_ARGS,$IMAGE"
	collect xen
	expect_log "xen: dom0 powered the machine off" '^\(XEN\) Entering ACPI S5'
	# The same answers on both: the ls of a fresh store, as dom0's kernel passed it on.
	a=$(grep '^xs-ls ' "$LOGDIR/$SCENARIO-lamina.log")
	b=$(grep '^xs-ls ' "$LOGDIR/$SCENARIO-xen.log")
	if [ -n "$a" ] && [ "$a" = "$b" ]; then
		pass "lamina and xen: same initial store ($(echo "$a" | wc -l) lines)"
	else
		fail "lamina and xen: initial store differs: $(diff <(echo "$a") <(echo "$b") | head -4 | tr '\n' '|')"
	fi
else
	fail "xen: $XEN missing (scripts/fetch-xen)"
fi
