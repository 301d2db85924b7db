#!/bin/sh
# ctrl-checks.sh - dom0's checks of libctrl and the lamina CLI, run by /init with
# lamina.mode=ctrl (tests/system/ctrl.sh boots it on Xen 4.17 and on Lamina). Prints
# "PASS: ctrl: <what>" / "FAIL: ctrl: <what>: <why>" lines: ctrl-selftest's, then the CLI's
# (named "cli: ..."), and each CLI command's output prefixed "ctrl-cli| " for the log.

ctrl-selftest
echo "ctrl-checks: ctrl-selftest exited $?"

pass() { echo "PASS: ctrl: cli: $1${2:+ ($2)}"; }
fail() { echo "FAIL: ctrl: cli: $1: $2"; }

# run CMD...: run a lamina command; $rc, $out (stdout) and $err (stderr, one line) after.
run() {
	echo "ctrl-cli| \$ $*"
	"$@" >/tmp/cli.out 2>/tmp/cli.err
	rc=$?
	out=$(cat /tmp/cli.out)
	err=$(tr '\n' ' ' </tmp/cli.err)
	sed 's/^/ctrl-cli| /' /tmp/cli.out /tmp/cli.err
	echo "ctrl-cli| (exit $rc)"
}

# expect NAME RC REGEX: the last command exited RC and its stdout has a line matching REGEX.
expect() {
	if [ "$rc" != "$2" ]; then
		fail "$1" "exit $rc, wanted $2${err:+; stderr: $err}"
	elif ! grep -Eq -- "$3" /tmp/cli.out; then
		fail "$1" "no line matching /$3/${err:+; stderr: $err}"
	else
		pass "$1" "$(grep -Em1 -- "$3" /tmp/cli.out | tr -s ' ' | cut -c1-80)"
	fi
}

# expect_error NAME RC TEXT: the last command exited RC and said TEXT on stderr.
expect_error() {
	if [ "$rc" = "$2" ] && grep -qF -- "$3" /tmp/cli.err; then
		pass "$1" "$err"
	else
		fail "$1" "exit $rc, wanted $2 with '$3'; stderr: $err"
	fi
}

# clean_stderr NAME: the last command said nothing on stderr.
clean_stderr() {
	if [ -s /tmp/cli.err ]; then fail "$1" "stderr: $err"; else pass "$1"; fi
}

# expect_quiet NAME: the last command exited 0 and said nothing on stderr.
expect_quiet() {
	if [ "$rc" = 0 ]; then clean_stderr "$1"; else fail "$1" "exit $rc; stderr: $err"; fi
}

run lamina list
expect "list shows Domain-0 running" 0 '^Domain-0 +0 +[0-9]+ +[0-9]+ +r----- +[0-9]+\.[0-9]$'
expect "list has xl's header" 0 '^Name +ID +Mem +VCPUs +State +Time\(s\)$'
run lamina list --json
expect "list --json" 0 '"name": "Domain-0",'
run lamina list 0
expect "list one domain by id" 0 '^Domain-0 +0 '
run lamina list Domain-0
expect "list one domain by name" 0 '^Domain-0 +0 '
run lamina list web
expect_error "list of an unknown name" 1 "lamina list: domain 'web' not found"

run lamina info
expect "info: host" 0 '^host +: lamina-dom0$'
expect "info: nr_cpus" 0 '^nr_cpus +: [1-9][0-9]*$'
expect "info: total_memory" 0 '^total_memory +: [1-9][0-9]*$'
expect "info: free_memory" 0 '^free_memory +: [0-9]+$'
expect "info: xen_version" 0 '^xen_version +: [0-9]+\.[0-9]+'
expect "info: xen_caps" 0 '^xen_caps +: .*xen-3\.0-x86_64'
expect "info: xen_scheduler" 0 '^xen_scheduler +: (credit|credit2|null|rtds|arinc653)$'
clean_stderr "info: every part read"
run lamina info free_memory
expect "info free_memory: the value alone" 0 '^[0-9]+$'
clean_stderr "info free_memory: the other parts not asked"

run lamina dmesg
expect "dmesg: the hypervisor's console ring" 0 '.'
before=$(wc -c </tmp/cli.out)
run lamina dmesg -c
expect "dmesg -c" 0 '.'
run lamina dmesg
after=$(wc -c </tmp/cli.out)
what="dmesg after -c: the ring was cleared"
if [ "$rc" = 0 ] && [ "$after" -lt "$before" ]; then
	pass "$what" "$before -> $after bytes"
else
	fail "$what" "exit $rc, $before -> $after bytes; stderr: $err"
fi

run lamina vcpu-list
expect "vcpu-list shows dom0's vCPU 0" 0 '^Domain-0 +0 +0 +[0-9]+ +[-r][-b]- +[0-9]+\.[0-9] '
clean_stderr "vcpu-list: affinity read"
run lamina uptime
expect "uptime shows Domain-0" 0 '^Domain-0 +0 +[ 0-9]+:[0-9][0-9]:[0-9][0-9]$'
run lamina uptime -s
expect "uptime -s" 0 '^ [0-9:]+ up .*, Domain-0 \(0\)$'
run lamina domid Domain-0
expect "domid Domain-0" 0 '^0$'
run lamina domname 0
expect "domname 0" 0 '^Domain-0$'

# A domain to act on: empty and paused, made by ctrl-selftest.
domid=$(ctrl-selftest create 2>/tmp/cli.err)
if [ -z "$domid" ]; then
	fail "a domain for the CLI" "ctrl-selftest create: $(cat /tmp/cli.err)"
else
	run lamina list "$domid"
	expect "list a new domain: paused, no name" 0 "^\(null\) +$domid +0 +0 +--p--- "
	run lamina unpause "$domid"
	run lamina list "$domid"
	expect "unpause" 0 "^\(null\) +$domid +0 +0 +-[-b]-"
	run lamina pause "$domid"
	run lamina list "$domid"
	expect "pause" 0 "^\(null\) +$domid +0 +0 +-[-b]p"
	run lamina vcpu-list "$domid"
	expect "vcpu-list of a domain whose vCPU is down" 0 "^\(null\) +$domid +0 +- +--p "
	run lamina domname "$domid"
	expect_error "domname of a nameless domain" 1 "domain $domid has no name"
	run lamina destroy "$domid"
	expect_quiet "destroy"
	run lamina list "$domid"
	expect_error "destroyed domain gone" 1 "lamina list: domain '$domid' not found"
fi

run lamina pause 0
expect_error "pause of dom0 itself: Xen's refusal explained" 1 \
	"lamina pause: pausing domain 0 failed: Invalid argument (EINVAL)"
run lamina destroy 0
expect_error "destroy 0 needs -f" 1 "lamina destroy: not destroying domain 0; use -f to force"
run lamina unpause 32000
expect_error "unknown domain id" 1 "lamina unpause: domain '32000' not found"
run lamina frob
expect_error "unknown command" 1 "lamina: unknown command 'frob'"
run lamina list --bogus
expect_error "unknown option" 2 "lamina list: unknown option '--bogus'"
run lamina pause
expect_error "missing argument" 2 "lamina pause: missing argument"
run lamina help
expect "help lists the commands" 0 '^  vcpu-list +List the vCPUs'
run lamina dmesg --help
expect "dmesg --help" 0 '^  -c, --clear'

echo "ctrl-checks: done"
