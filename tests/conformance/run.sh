#!/bin/bash
# tests/conformance/run.sh - boot the PV conformance kernels on Xen 4.17 and on Lamina and
# compare, case by case.
#
# usage: tests/conformance/run.sh [--xen-only|--lamina-only] [-j N] [kernel...]
#
# Builds nothing: expects `make`, `make -f tests/conformance/build.mk conformance-kernels`
# and scripts/fetch-xen to have run. Each kernel boots as dom0 under QEMU (TCG), up to three
# boots at a time, with a timeout (Xen 120 s, Lamina 60 s). Serial logs go to
# $BUILD/conformance/logs/<kernel>.<hv>.log. Prints a table (case x hypervisor), then one
# line per case,
#	PASS: conformance: <area>.<name>
#	FAIL: conformance: <area>.<name> (xen: ..., lamina: ...)
# and a totals line. Exit status is 0 whatever the results.
#
# A kernel whose source has a line " * conformance-hv-args: OPTIONS" boots with OPTIONS added
# to both hypervisors' command lines (e.g. dom0_max_vcpus=2).
#
# Environment: BUILD (default build), CONF_XEN_TIMEOUT, CONF_LAMINA_TIMEOUT, CONF_JOBS,
# CONF_CPU (QEMU CPU model, default max), QEMU (default qemu-system-x86_64).
set -u

BUILD=${BUILD:-build}
QEMU=${QEMU:-qemu-system-x86_64}
CPU=${CONF_CPU:-max}
XEN_TIMEOUT=${CONF_XEN_TIMEOUT:-120}
LAMINA_TIMEOUT=${CONF_LAMINA_TIMEOUT:-60}
JOBS=${CONF_JOBS:-3}
KDIR=$BUILD/conformance
LOGS=$KDIR/logs
XEN_ELF=$BUILD/cache/xen/xen-4.17.elf
LAMINA_ELF=$BUILD/hypervisor/lamina.elf
DOM0_MEM_MB=64
KARGS="conformance expect_pages=$((DOM0_MEM_MB * 256))"
XEN_APPEND="console=com1 com1=115200,8n1 smap=0 smep=0 dom0_mem=${DOM0_MEM_MB}M loglvl=all guest_loglvl=all noreboot"
LAMINA_APPEND="console=com1 dom0_mem=${DOM0_MEM_MB}M"
# Log lines after which a hypervisor is done even though QEMU is still running.
END_PATTERN='Hardware Dom0 (halted|crashed|shutdown)|Panic on CPU|Dom0 crashed|Panic: |Powering off|Reboot in [0-9]+ seconds'

hvs="xen lamina"
kernels=()
while [ $# -gt 0 ]; do
	case "$1" in
	--xen-only) hvs="xen" ;;
	--lamina-only) hvs="lamina" ;;
	-j) shift; JOBS=$1 ;;
	-h|--help) sed -n '2,20p' "$0"; exit 0 ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 0 ;;
	*) kernels+=("${1%.elf}") ;;
	esac
	shift
done

if [ ${#kernels[@]} -eq 0 ]; then
	for f in "$KDIR"/*.elf; do
		[ -e "$f" ] || continue
		k=${f##*/}
		kernels+=("${k%.elf}")
	done
fi
if [ ${#kernels[@]} -eq 0 ]; then
	echo "run.sh: no kernels in $KDIR: run make -f tests/conformance/build.mk conformance-kernels" >&2
	exit 0
fi
for hv in $hvs; do
	elf=$XEN_ELF
	[ "$hv" = lamina ] && elf=$LAMINA_ELF
	if [ ! -f "$elf" ]; then
		echo "run.sh: $elf is missing (run make / scripts/fetch-xen); $hv results will be MISSING" >&2
	fi
done
mkdir -p "$LOGS"

# boot_one KERNEL HV: one QEMU boot, log to $LOGS/KERNEL.HV.log, status to .status
boot_one() {
	local k=$1 hv=$2 log=$LOGS/$1.$2.log st=$LOGS/$1.$2.status
	local elf append timeout qpid start end_seen=0 how=exit rc
	if [ "$hv" = xen ]; then
		elf=$XEN_ELF; append=$XEN_APPEND; timeout=$XEN_TIMEOUT
	else
		elf=$LAMINA_ELF; append=$LAMINA_APPEND; timeout=$LAMINA_TIMEOUT
	fi
	# A kernel may ask both hypervisors for options: "conformance-hv-args: ..." in its source.
	local extra
	extra=$(sed -n 's/^ \* conformance-hv-args: //p' "tests/conformance/$k.c" 2>/dev/null | head -1)
	[ -n "$extra" ] && append="$append $extra"
	: > "$log"
	if [ ! -f "$elf" ] || [ ! -f "$KDIR/$k.elf" ]; then
		echo "missing-image 0" > "$st"
		return
	fi
	start=$(date +%s)
	"$QEMU" -accel tcg -cpu "$CPU" -m 512 -display none -monitor none -serial "file:$log" \
		-no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4 \
		-kernel "$elf" -append "$append" -initrd "$KDIR/$k.elf $KARGS" \
		</dev/null >>"$log.qemu" 2>&1 &
	qpid=$!
	while kill -0 "$qpid" 2>/dev/null; do
		sleep 1
		if [ $(( $(date +%s) - start )) -ge "$timeout" ]; then
			how=timeout
			kill "$qpid" 2>/dev/null
			break
		fi
		if [ $end_seen -eq 0 ] && grep -Eq "$END_PATTERN" "$log" 2>/dev/null; then
			end_seen=1
			# Give QEMU a moment to exit by itself (isa-debug-exit, ACPI poweroff).
			for _ in 1 2 3; do
				sleep 1
				kill -0 "$qpid" 2>/dev/null || break
			done
			if kill -0 "$qpid" 2>/dev/null; then
				how=halted
				kill "$qpid" 2>/dev/null
			fi
			break
		fi
	done
	wait "$qpid" 2>/dev/null
	rc=$?
	echo "$how $(( $(date +%s) - start )) $rc" > "$st"
}

t0=$(date +%s)
echo "conformance: ${#kernels[@]} kernel(s) on: $hvs (up to $JOBS boots at a time, logs in $LOGS)"
running=0
for k in "${kernels[@]}"; do
	for hv in $hvs; do
		if [ "$running" -ge "$JOBS" ]; then
			wait -n
			running=$((running - 1))
		fi
		boot_one "$k" "$hv" &
		running=$((running + 1))
	done
done
wait
t1=$(date +%s)

# ---- parse ----
declare -A res	# res[case|hv] = "PASS" / "FAIL: why" / "SKIP: why"
declare -A seen
declare -A kernel_of	# case -> kernel whose log announced it
cases=()
for k in "${kernels[@]}"; do
	for hv in xen lamina; do
		log=$LOGS/$k.$hv.log
		[ -f "$log" ] || continue
		case " $hvs " in *" $hv "*) ;; *) continue ;; esac
		while IFS= read -r line; do
			line=${line%$'\r'}
			if [[ $line =~ ^plan\ ([A-Za-z0-9_]+\.[A-Za-z0-9_]+)$ ]]; then
				c=${BASH_REMATCH[1]}
				kernel_of[$c]=$k
				if [ -z "${seen[$c]:-}" ]; then seen[$c]=1; cases+=("$c"); fi
			elif [[ $line =~ ^case\ ([A-Za-z0-9_]+\.[A-Za-z0-9_]+):\ (PASS|FAIL|SKIP)(:\ (.*))?$ ]]; then
				c=${BASH_REMATCH[1]}
				if [ -z "${seen[$c]:-}" ]; then seen[$c]=1; cases+=("$c"); fi
				v=${BASH_REMATCH[2]}
				[ -n "${BASH_REMATCH[4]}" ] && v="$v: ${BASH_REMATCH[4]}"
				res[$c|$hv]=$v
			fi
		done < "$log"
	done
done

# ---- table ----
echo
printf '%-44s' "case"
for hv in $hvs; do printf ' %-8s' "$hv"; done
echo
for c in "${cases[@]}"; do
	printf '%-44s' "$c"
	for hv in $hvs; do
		v=${res[$c|$hv]:-MISSING}
		printf ' %-8s' "${v%%:*}"
	done
	echo
done
echo
echo "boots:"
for k in "${kernels[@]}"; do
	for hv in $hvs; do
		st=$(cat "$LOGS/$k.$hv.status" 2>/dev/null || echo "none 0")
		set -- $st
		printf '  %-12s %-7s %-8s %4ss  %s\n' "$k" "$hv" "$1" "$2" "$LOGS/$k.$hv.log"
	done
done
echo

# ---- verdicts ----
npass=0; nfail=0
for c in "${cases[@]}"; do
	verdict=PASS
	detail=""
	first=""
	allskip=1
	for hv in $hvs; do
		v=${res[$c|$hv]:-MISSING}
		if [ "$v" = MISSING ] && [ -n "${kernel_of[$c]:-}" ]; then
			st=$(cat "$LOGS/${kernel_of[$c]}.$hv.status" 2>/dev/null || echo "none 0 -")
			set -- $st
			case "$1" in
			timeout) v="MISSING (killed at the $2 s timeout)" ;;
			halted) v="MISSING (hypervisor halted/crashed after $2 s)" ;;
			exit) v="MISSING (QEMU exited with status ${3:-?} after $2 s)" ;;
			*) v="MISSING ($1)" ;;
			esac
		fi
		case "$v" in
		PASS) allskip=0 ;;
		SKIP*) ;;
		*) verdict=FAIL; allskip=0 ;;
		esac
		# Outcomes must agree: PASS vs SKIP is a difference too.
		if [ -z "$first" ]; then first=${v%%:*}; elif [ "$first" != "${v%%:*}" ]; then verdict=FAIL; fi
		detail="$detail${detail:+, }$hv: $v"
	done
	if [ "$verdict" = PASS ]; then
		npass=$((npass + 1))
		if [ $allskip -eq 1 ]; then
			echo "PASS: conformance: $c (skipped: ${res[$c|${hvs%% *}]#SKIP: })"
		else
			echo "PASS: conformance: $c"
		fi
	else
		nfail=$((nfail + 1))
		echo "FAIL: conformance: $c ($detail)"
	fi
done
echo "conformance: ${#cases[@]} cases in ${#kernels[@]} kernels on $hvs: $npass passed, $nfail failed ($((t1 - t0)) s)"
exit 0
