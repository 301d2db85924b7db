#!/bin/sh
# consoled-checks.sh - dom0's checks of lamina-consoled and `lamina console`, run by /init
# with lamina.mode=consoled (tests/system/consoled.sh boots it on Xen 4.17 and on Lamina).
# /init started lamina-stored and lamina-consoled. Prints "PASS: consoled: <what>" /
# "FAIL: consoled: <what>: <why>" lines: consoled-test's (two tiny PV domains driven through
# their consoles), then the CLI's error paths; the daemon's own log last, prefixed
# "consoled-log| ".

pass() { echo "PASS: consoled: $1${2:+ ($2)}"; }
fail() { echo "FAIL: consoled: $1: $2"; }

if [ -n "$(pidof lamina-consoled)" ]; then
	pass "lamina-consoled started by /init" "pid $(pidof lamina-consoled)"
else
	fail "lamina-consoled started by /init" "not running"
fi
consoled-test
echo "consoled-checks: consoled-test exited $?"
# For the reader of a failure: the domains left, and what xenstore's daemon saw.
lamina list | sed 's/^/consoled-list| /'
tail -n 20 /var/log/lamina-stored.log | sed 's/^/stored-log| /'

# expect_error NAME RC TEXT CMD...: CMD exits RC and says TEXT on standard error.
expect_error() {
	name=$1 want=$2 text=$3
	shift 3
	"$@" </dev/null >/tmp/cli.out 2>/tmp/cli.err
	rc=$?
	if [ "$rc" = "$want" ] && grep -qF -- "$text" /tmp/cli.err; then
		pass "$name" "$(head -1 /tmp/cli.err)"
	else
		fail "$name" "exit $rc, wanted $want with '$text'; stderr: $(tr '\n' ' ' </tmp/cli.err)"
	fi
}

expect_error "lamina console of a missing domain" 1 "domain '32000' not found" \
	lamina console 32000
expect_error "lamina console of dom0" 1 "domain 0 has no console here" lamina console 0
expect_error "lamina console without a domain" 2 "missing argument" lamina console

sed 's/^/consoled-log| /' /var/log/lamina/consoled.log
echo "consoled-checks: done"
