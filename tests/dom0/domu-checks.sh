#!/bin/sh
# domu-checks.sh - the demo domU's life as a Xen user would live it, in dom0 (lamina.mode=domu,
# for tests/system/domu.sh): `lamina create` of Debian's cloud kernel with a busybox
# initramfs, its marker on the console, a command typed on that console, `lamina list`,
# `lamina shutdown -w` through the guest, the monitor's on_reboot and on_crash actions,
# `lamina mem-set`, then create/destroy cycles and four domUs at once,
# with the hypervisor's free pages, dom0's event channels, the active grant entries and the
# xenstore nodes counted before and after. Prints "PASS: domu: ..." / "FAIL: domu: ..." lines, then "domu-checks: done".
LOGDIR=/var/log/lamina/console
pass() { echo "PASS: domu: $1"; }
fail() { echo "FAIL: domu: $1: $2"; }

# grants: the active (mapped) grant entries of every domain, as debug key 'g' lists them
# ("[0xREF] ..." lines, on Lamina and on Xen) in a cleared console ring
grants() {
	lamina dmesg -c >/dev/null
	lamina debug-keys g
	lamina dmesg | grep -c '\[0x[0-9a-f]*\] '
}
counts() { echo "$(ctrl-selftest counts) grants=$(grants) nodes=$(xenstore-ls -f / | wc -l)"; }

# counts_settled: the counts once they equal $before, or after 10 s (Xen frees a dead
# domain's memory a little later)
counts_settled() {
	i=0
	c=$(counts)
	while [ "$c" != "$before" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
		c=$(counts)
	done
	echo "$c"
}

cycles=20 hv=lamina
for w in $(cat /proc/cmdline); do
	case "$w" in
	lamina.domu-cycles=*) cycles=${w#lamina.domu-cycles=} ;;
	lamina.hv=*) hv=${w#lamina.hv=} ;;
	esac
done

# same_counts WHAT: the counts are back to $before. A statement about Lamina; on Xen (the
# oracle for the toolstack's behaviour) the figures are reported only, as Xen keeps some
# memory of its own after the first domain.
same_counts() {
	after=$(counts_settled)
	if [ "$hv" != lamina ]; then
		echo "domu-info: $1: before $before, after $after"
	elif [ "$after" = "$before" ]; then
		pass "$1: pages, ports, grants and nodes as before ($after)"
	else
		fail "$1" "before $before, after $after"
	fi
}

# wait_for FILE REGEX SECONDS: until a line of FILE matches
wait_for() {
	i=0
	while [ $i -lt $(($3 * 10)) ]; do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# gone NAME SECONDS: until no domain of that name is listed
gone() {
	i=0
	while [ $i -lt $(($2 * 10)) ]; do
		lamina domid "$1" >/dev/null 2>&1 || return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# settle: wait until no dying domain is left (the backends let go of their rings)
settle() {
	i=0
	while [ $i -lt 50 ] && lamina list | grep -q '^(null)'; do
		sleep 0.1
		i=$((i + 1))
	done
}

before=$(counts)
echo "domu-checks: before: $before"

# ---- one domU, through its life ----
if lamina create /etc/lamina/demo.json >/tmp/create.out 2>&1; then
	pass "lamina create demo.json"
else
	fail "lamina create demo.json" "$(tr '\n' ' ' </tmp/create.out)"
fi
if wait_for $LOGDIR/demo.log 'domU-init: up' 60; then
	pass "the guest's init prints its marker on the console ($(grep -m1 'domU-init' $LOGDIR/demo.log))"
else
	fail "the guest's marker on the console" "$(tail -3 $LOGDIR/demo.log 2>/dev/null | tr '\n' ' ')"
fi
id=$(lamina domid demo 2>/dev/null)
tty=$(xenstore-read /local/domain/$id/console/tty 2>/dev/null)
if [ -n "$tty" ] && wait_for $LOGDIR/demo.log '^/ # ' 20; then
	echo 'echo typed-$((6*7))' >"$tty"
	if wait_for $LOGDIR/demo.log 'typed-42' 20; then
		pass "a command typed on the console runs (console/tty $tty)"
	else
		fail "a command typed on the console" "no output in the log"
	fi
else
	fail "a command typed on the console" "no console tty or no shell prompt"
fi
if lamina list | grep -Eq '^demo +[0-9]+ +128 +1 '; then
	pass "lamina list shows demo with 128 MiB and 1 vCPU"
else
	fail "lamina list" "$(lamina list | tr '\n' '|')"
fi
if lamina list --json | grep -q '"name": *"demo"'; then
	pass "lamina list --json names demo"
else
	fail "lamina list --json" "$(lamina list --json | tr -d '\n' | head -c 200)"
fi
g=$(grants)
if [ "$g" -ge 1 ]; then
	pass "debug key 'g' lists $g active grant entries while demo runs (its rings, mapped by dom0's backends)"
else
	fail "active grant entries while demo runs" "'g' lists $g"
fi
if lamina shutdown -w demo >/tmp/shutdown.out 2>&1 &&
	grep -q 'reason code 0 (poweroff)' /var/log/lamina/monitor-demo.log; then
	pass "lamina shutdown -w: the guest powered itself off (reason poweroff)"
else
	fail "lamina shutdown -w" "$(tr '\n' ' ' </tmp/shutdown.out) $(tail -2 /var/log/lamina/monitor-demo.log)"
fi
gone demo 10 && pass "demo is gone after the shutdown" || fail "demo after shutdown" "still listed"
grep -q 'action destroy' /var/log/lamina/monitor-demo.log &&
	grep -q 'Done. Exiting now' /var/log/lamina/monitor-demo.log &&
	pass "the monitor destroyed it (on_poweroff destroy) and exited" ||
	fail "the monitor on poweroff" "$(tail -3 /var/log/lamina/monitor-demo.log | tr '\n' '|')"
settle
same_counts "after one domU"

# ---- the monitor's actions: reboot restarts, a crash renames and restarts ----
lamina create /etc/lamina/demo.json >/tmp/create.out 2>&1 || fail "create for reboot" "$(cat /tmp/create.out)"
wait_for $LOGDIR/demo.log 'domU-init: up' 60
old=$(lamina domid demo 2>/dev/null)
ups=$(grep -c 'domU-init: up' $LOGDIR/demo.log)
lamina reboot -w demo >/tmp/reboot.out 2>&1
# back_as NAME OLD-ID SECONDS: until a domain NAME other than OLD-ID is listed; its id
back_as() {
	i=0
	while [ $i -lt $(($3 * 10)) ]; do
		id=$(lamina domid "$1" 2>/dev/null)
		[ -n "$id" ] && [ "$id" != "$2" ] && echo "$id" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
new=$(back_as demo "$old" 60)
i=0
while [ "$(grep -c 'domU-init: up' $LOGDIR/demo.log)" -le "$ups" ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
if grep -q 'reason code 1 (reboot); action restart' /var/log/lamina/monitor-demo.log &&
	[ -n "$new" ] && [ $i -lt 600 ]; then
	pass "lamina reboot -w: on_reboot restart made demo again (domid $old -> $new) and it reached init"
else
	fail "lamina reboot -w and restart" "$(tr '\n' ' ' </tmp/reboot.out) old=$old new=$new $(tail -3 /var/log/lamina/monitor-demo.log | tr '\n' '|')"
fi

# mem-set: the guest's balloon driver gives memory back and takes it again
mem_of() { lamina list demo | awk 'NR == 2 { print $3 }'; }
wait_mem() { # MiB SECONDS: until lamina list shows that much
	i=0
	while [ "$(mem_of)" != "$1" ] && [ $i -lt $(($2 * 10)) ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(mem_of)" = "$1" ]
}
if lamina mem-set demo 64 && wait_mem 64 30 &&
	[ "$(xenstore-read /local/domain/$new/memory/target)" = 65536 ]; then
	pass "lamina mem-set demo 64: the guest ballooned down to 64 MiB"
else
	fail "mem-set 64" "lamina list shows $(mem_of) MiB"
fi
if lamina mem-set demo 128m && wait_mem 128 30; then
	pass "lamina mem-set demo 128m: the guest took its memory back"
else
	fail "mem-set 128m" "lamina list shows $(mem_of) MiB"
fi
lamina mem-set demo 129 >/tmp/memset.out 2>&1
rc=$?
[ $rc = 1 ] && grep -q 'above domain' /tmp/memset.out && pass "mem-set above maxmem is refused (exit 1)" ||
	fail "mem-set above maxmem" "exit $rc: $(cat /tmp/memset.out)"
lamina mem-set demo 12q >/tmp/memset.out 2>&1
rc=$?
[ $rc = 2 ] && grep -q 'invalid memory size' /tmp/memset.out && pass "mem-set of a bad size is a usage error (exit 2)" ||
	fail "mem-set of a bad size" "exit $rc: $(cat /tmp/memset.out)"
lamina destroy demo
gone demo 10 && wait_for /var/log/lamina/monitor-demo.log 'has been destroyed' 10 &&
	pass "the monitor lets go of a destroyed domain" ||
	fail "monitor after destroy" "$(tail -2 /var/log/lamina/monitor-demo.log | tr '\n' '|')"

sed 's/"name": "demo"/"name": "crashy", "on_crash": "rename-restart"/' /etc/lamina/demo.json >/tmp/crashy.json
lamina create /tmp/crashy.json >/tmp/create.out 2>&1 || fail "create crashy" "$(cat /tmp/create.out)"
wait_for $LOGDIR/crashy.log '^/ # ' 60
old=$(lamina domid crashy 2>/dev/null)
tty=$(xenstore-read /local/domain/$old/console/tty 2>/dev/null)
[ -n "$tty" ] && echo 'echo c >/proc/sysrq-trigger' >"$tty"
i=0
while ! lamina list | grep -Eq "^crashy-[0-9]{8}T[0-9]{4}Z +$old +[0-9]+ +[0-9]+ +[-rbp]{3}sc" && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
new=$(back_as crashy "$old" 60)
if [ $i -lt 300 ] && [ -n "$new" ]; then
	pass "a crash (sysrq c): on_crash rename-restart kept domain $old as crashy-<time> and started crashy as $new"
else
	fail "crash and rename-restart" "$(lamina list | tr '\n' '|')"
fi
lamina destroy crashy
lamina destroy "$old"
gone crashy 10
settle
same_counts "after reboot, mem-set and crash"

# ---- create/destroy cycles ----
n=0
for i in $(seq 1 $cycles); do
	lamina create /etc/lamina/demo.json >/tmp/cycle.out 2>&1 && lamina destroy demo && n=$((n + 1))
	settle
done
[ "$n" = "$cycles" ] && pass "$n create/destroy cycles" || fail "create/destroy cycles" "$n done"
same_counts "after the cycles"

# ---- four at once ----
for i in 1 2 3 4; do
	sed "s/\"demo\"/\"demo$i\"/; s/\"memory\": 128/\"memory\": 96/" /etc/lamina/demo.json >/tmp/demo$i.json
	lamina create /tmp/demo$i.json >/tmp/create$i.out 2>&1 ||
		fail "create demo$i" "$(tr '\n' ' ' </tmp/create$i.out)"
done
up=0
for i in 1 2 3 4; do
	wait_for $LOGDIR/demo$i.log 'domU-init: up' 90 && up=$((up + 1))
done
[ $up = 4 ] && pass "four domUs run at once and each reaches its init" || fail "four domUs" "$up reached init"
for i in 1 2 3 4; do
	lamina destroy demo$i
done
settle
same_counts "after four domUs"
echo "domu-checks: done"
