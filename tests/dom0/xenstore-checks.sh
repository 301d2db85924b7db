#!/bin/sh
# xenstore-checks.sh - dom0's checks of the xenstore daemon, run by /init with
# lamina.mode=xenstore (tests/system/xenstore.sh boots it on Lamina and on Xen 4.17).
# lamina-stored was started by /init; these checks talk to it through dom0's kernel
# (/dev/xen/xenbus: the kernel's xenbus driver forwards each request over its ring page
# and event channel to the daemon) and through the daemon's Unix socket.
# Each check prints "xs-check <name>: PASS" or "xs-check <name>: FAIL: <why>".

pass() { echo "xs-check $1: PASS${2:+ ($2)}"; }
fail() { echo "xs-check $1: FAIL: $2"; }
check() { # name command...
	n=$1
	shift
	if "$@" >/tmp/xs.out 2>&1; then
		pass "$n" "$(head -c 100 /tmp/xs.out | tr '\n' ' ')"
	else
		fail "$n" "$(head -c 200 /tmp/xs.out | tr '\n' ' ')"
	fi
}
# The kernel's device, as Xen's libxenstore would use it when no socket is there.
xb() { XENSTORED_PATH=/dev/xen/xenbus "$@"; }
nodes() { xb xenstore-ls -f | wc -l; }

check daemon_running test -n "$(pidof lamina-stored)"
check xenbus_device test -c /dev/xen/xenbus
check socket test -S /var/run/xenstored/socket

# The nodes a fresh dom0 has (xenstored's and xen-init-dom0's), read by the kernel.
xb xenstore-ls >/tmp/ls.out 2>&1
if grep -q '^tool = ""' /tmp/ls.out && grep -q '^   name = "Domain-0"' /tmp/ls.out; then
	pass xenbus_ls "$(wc -l </tmp/ls.out) lines"
else
	fail xenbus_ls "$(head -c 200 /tmp/ls.out | tr '\n' ' ')"
fi
sed "s/^/xs-ls /" /tmp/ls.out
before=$(nodes)

# Write, read, list, exists and remove through the kernel's xenbus.
check xenbus_write xb xenstore-write /test/a/b "hello world" /test/esc 'tab\there'
v=$(xb xenstore-read /test/a/b 2>&1)
[ "$v" = "hello world" ] && pass xenbus_read "$v" || fail xenbus_read "got '$v'"
v=$(xb xenstore-read /test/esc 2>&1)
[ "$v" = 'tab\there' ] && pass xenbus_read_escaped "$v" || fail xenbus_read_escaped "got '$v'"
v=$(xb xenstore-list /test | tr '\n' ,)
[ "$v" = "a,esc," ] && pass xenbus_list "$v" || fail xenbus_list "got '$v'"
check xenbus_exists xb xenstore-exists /test/a/b
# The socket sees what the kernel wrote: one store.
v=$(xenstore-read /test/a/b 2>&1)
[ "$v" = "hello world" ] && pass socket_read "$v" || fail socket_read "got '$v'"
check xenbus_chmod xb xenstore-chmod /test/a n0 r1
v=$(xb xenstore-ls -p /test | head -1)
case "$v" in *"(n0,r1)"*) pass xenbus_perms "$v" ;; *) fail xenbus_perms "got '$v'" ;; esac

# A watch through the kernel: the registration event, then one per change.
xb xenstore-watch -n 3 /test/w >/tmp/watch.out 2>&1 &
wpid=$!
i=0
while [ $i -lt 50 ] && [ ! -s /tmp/watch.out ]; do sleep 0.1; i=$((i + 1)); done
xb xenstore-write /test/w/x 1
xenstore-write /test/w/y 2 # through the socket: the kernel's watch fires too
i=0
while [ $i -lt 50 ] && kill -0 $wpid 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
kill $wpid 2>/dev/null
v=$(tr '\n' , </tmp/watch.out)
[ "$v" = "/test/w,/test/w/x,/test/w/y," ] && pass xenbus_watch_fires "$v" || fail xenbus_watch_fires "got '$v'"

# Transactions: several keys in one xenstore-write or -rm are one transaction.
check xenbus_transaction_commits xb xenstore-write /test/t/1 one /test/t/2 two /test/t/3 three
v=$(xb xenstore-read /test/t/1 /test/t/2 /test/t/3 | tr '\n' ,)
[ "$v" = "one,two,three," ] && pass xenbus_transaction_reads "$v" || fail xenbus_transaction_reads "got '$v'"
check xenbus_transaction_rm xb xenstore-rm /test/t/1 /test/t/2

# Errors come back as Xen's: a missing node, an invalid path.
xb xenstore-read /test/missing >/tmp/xs.out 2>&1 && fail xenbus_enoent "read a missing node" ||
	pass xenbus_enoent "$(cat /tmp/xs.out)"
xb xenstore-write /test//bad x >/tmp/xs.out 2>&1 && fail xenbus_einval "wrote a bad path" ||
	pass xenbus_einval "$(cat /tmp/xs.out)"

# Removal takes the subtree; the node count is back where it was.
check xenbus_rm xb xenstore-rm /test
after=$(nodes)
[ "$before" = "$after" ] && pass node_count_restored "$before nodes" ||
	fail node_count_restored "$before nodes before, $after after"

# The daemon is still there and its log has no complaint.
check daemon_still_running test -n "$(pidof lamina-stored)"
if grep -iE "ignored|exceeds|failed|cannot" /var/log/lamina-stored.log >/tmp/xs.out; then
	fail daemon_log_clean "$(head -3 /tmp/xs.out | tr '\n' ' ')"
else
	pass daemon_log_clean "$(wc -l </var/log/lamina-stored.log) lines"
fi
sed 's/^/xs-log /' /var/log/lamina-stored.log
echo "xs-checks: done"
