#!/bin/sh
# domu-bench.sh - the dom0 side of tests/bench/domu.sh, run by /init with
# lamina.mode=domubench: create-to-init time of the demo domU (Debian's cloud kernel, the
# busybox initramfs that prints "domU-init: up", 128 MiB, 1 vCPU), timed in dom0 by
# create-time (tests/dom0/create-time.c, CLOCK_MONOTONIC): from the start of the create
# command to its exit, and to the marker in the console daemon's log of that guest.
# Usage: domu-bench.sh TOOLSTACK CREATES
#   lamina  `lamina create /etc/lamina/demo.json`, lamina-consoled's log
#           /var/log/lamina/console/demo.log (the stack /init starts)
#   xl      `xl create /etc/lamina/demo.cfg` (the same domain in xl.cfg syntax, named
#           demo-xl), Xen's own stack from the bench image (scripts/make-dom0-xen-image):
#           /init started Xen's xenstored (lamina.xsd=xen); this script stops
#           lamina-consoled, runs xen-init-dom0 and starts xenconsoled, whose log is
#           /var/log/xen/console/guest-demo-xl.log
# CREATES creates (default 5) after one warm-up create, each followed by a destroy and a
# wait until only dom0 is left and 2 s more (Xen scrubs freed memory in its idle loop).
# Prints "domub TOOLSTACK REP rc=RC return_ms=MS marker_ms=MS guest_init_s=S" per create
# (REP 0 is the warm-up; guest_init_s is the guest kernel's own clock at "Run /init", from
# the console log, "unknown" when that line is not there) and "domub-done" at the end;
# problems as "domub-error: ...".
toolstack=${1:-lamina}
creates=${2:-5}
marker='domU-init: up'
XEN=/usr/lib/xen-4.17/bin

err() { echo "domub-error: $*"; }

# The xenstore daemon detaches before its socket exists.
i=0
while [ ! -S /var/run/xenstored/socket ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done

case "$toolstack" in
lamina)
	create="lamina create /etc/lamina/demo.json"
	log=/var/log/lamina/console/demo.log
	domid() { lamina domid demo; }
	destroy() { lamina destroy demo; }
	domains() { lamina list | tail -n +2 | wc -l; }
	;;
xl)
	[ -x $XEN/xl ] || { err "no xl in this image"; echo "domub-done"; exit 0; }
	if [ -f /var/run/lamina-consoled.pid ]; then
		kill "$(cat /var/run/lamina-consoled.pid)" 2>/dev/null
		i=0
		while pidof lamina-consoled >/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	fi
	mkdir -p /dev/pts /var/lib/xen /var/run/xen /var/log/xen/console /var/lock
	grep -q ' /dev/pts ' /proc/mounts || mount -t devpts devpts /dev/pts
	$XEN/xen-init-dom0 || err "xen-init-dom0 failed"
	$XEN/xenconsoled --pid-file=/var/run/xen/xenconsoled.pid --log=guest \
		--log-dir=/var/log/xen/console || err "xenconsoled did not start"
	create="$XEN/xl create /etc/lamina/demo.cfg"
	log=/var/log/xen/console/guest-demo-xl.log
	domid() { $XEN/xl domid demo-xl; }
	destroy() { $XEN/xl destroy demo-xl; }
	domains() { $XEN/xl list | tail -n +2 | wc -l; }
	;;
*)
	err "unknown toolstack $toolstack"
	echo "domub-done"
	exit 0
	;;
esac

# settle: until only dom0 is listed (no dying domain left; Xen under load has taken more
# than 10 s now and then), then 2 s of quiet.
settle() {
	i=0
	while [ "$(domains)" != 1 ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	[ $i -lt 300 ] || err "domains left after 30 s: $(domains)"
	[ $i -lt 100 ] || echo "domub-note: the destroyed domain took $((i / 10)) s to go"
	sleep 2
}

settle
rep=0
while [ $rep -le "$creates" ]; do
	rm -f "$log"
	line=$(create-time -t 120 -o /tmp/create.out "$log" "$marker" $create)
	# Right after the marker is seen the kernel's line, which comes before it in the log, has
	# been found missing now and then on Xen (with xenconsoled and lamina-consoled alike), and
	# there 100 ms later: wait up to 3 s for it (the timing is done).
	i=0
	while [ $i -lt 30 ]; do
		boot=$(tr -d '\r' 2>/dev/null <"$log" |
			sed -n 's/.*\[ *\([0-9.]*\)\] Run .* as init process.*/\1/p' | head -1)
		[ -n "$boot" ] && break
		sleep 0.1
		i=$((i + 1))
	done
	echo "domub $toolstack $rep ${line#create-time: } guest_init_s=${boot:-unknown}"
	case "$line" in
	*marker_ms=timeout*)
		err "create $rep: $(tr '\n' ' ' </tmp/create.out | head -c 300)"
		err "console: $(tail -5 "$log" 2>/dev/null | tr '\r\n' '  ')" ;;
	esac
	domid >/dev/null 2>&1 && { destroy || err "destroy $rep failed"; }
	settle
	rep=$((rep + 1))
done
echo "domub-done"
