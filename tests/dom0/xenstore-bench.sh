#!/bin/sh
# xenstore-bench.sh - the dom0 side of tests/bench/xenstore.sh, run by /init with
# lamina.mode=xsbench: xsbench's operations (read, write, dir, txn) through the daemon's
# socket and through dom0's kernel (/dev/xen/xenbus), three times each, against whichever
# xenstore daemon /init started (lamina.xsd=). Prints one "xsb DAEMON REP <xsbench line>"
# per run and "xsb-done" at the end. Argument: operations per run (default 2000).
count=${1:-2000}
i=0 # Xen's xenstored detaches before its socket exists
while [ ! -S /var/run/xenstored/socket ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
daemon=none
pidof lamina-stored >/dev/null && daemon=lamina-stored
pidof xenstored >/dev/null && daemon=xenstored
echo "xsb-daemon $daemon"
for rep in 1 2 3; do
	for transport in socket xenbus; do
		for op in read write dir txn; do
			echo "xsb $daemon $rep $(xsbench $transport $op "$count" 2>&1)"
		done
	done
done
echo "xsb-done"
