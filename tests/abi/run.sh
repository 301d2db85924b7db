#!/bin/bash
# tests/abi/run.sh - prove that Lamina's guest ABI headers (guest-abi/include/xen) match
# Xen 4.17's public headers byte for byte.
#
# Usage: tests/abi/run.sh [OUTDIR]	(default: $BUILD/tests/abi, BUILD defaulting to build/)
#
# 1. builds tests/abi/layout.c against Xen's headers (Debian libxen-dev, /usr/include/xen;
#    override with XEN_INCLUDE=<dir containing xen/>) and against Lamina's, runs both and
#    compares the printed sizes, offsets, field types, constant values and ring-macro
#    behaviour: one line per group of layout.c;
# 2. checks that the comparison covers every constant, macro, type and struct member the
#    headers define: one line per header;
# 3. compiles each header alone, freestanding, as C11 (twice, for the include guard) and as
#    assembler input: one line per header;
# 4. assembles every integer constant visible to assembly code and compares it with C.
#
# Prints "PASS: abi: ..." / "FAIL: abi: ..." lines and exits 0 even when checks fail; the
# caller counts FAIL lines. Build logs and both outputs stay in OUTDIR.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-${BUILD:-$root/build}/tests/abi}
mkdir -p "$out" && out=$(cd "$out" && pwd)
inc=$root/guest-abi/include
xen_inc=${XEN_INCLUDE:-/usr/include}
cc=${CC:-gcc}
gcc_inc=$($cc -print-file-name=include)
layout=$here/layout.c
check="perl $here/check.pl"

pass() { echo "PASS: abi: $*"; }
fail() { echo "FAIL: abi: $*"; }

# xen/sys/ holds Linux's dom0 device interfaces (privcmd, evtchn, gntdev): user-space
# headers, compared in step 1 and compiled hosted in step 3; the rest is freestanding.
headers=$(cd "$inc" && find xen -name '*.h' -not -path 'xen/sys/*' | LC_ALL=C sort)
sys_headers=$(cd "$inc" && find xen/sys -name '*.h' | LC_ALL=C sort)
rm -f "$out"/xen.txt "$out"/ours.txt "$out"/*.log

# ---- 1. the layout program, built twice ----

if [ ! -f "$xen_inc/xen/xen.h" ]; then
	fail "reference: Xen's public headers not found in $xen_inc/xen (install libxen-dev)"
elif ! grep -q '__XEN_LATEST_INTERFACE_VERSION__ 0x00040e00' "$xen_inc/xen/xen-compat.h"; then
	fail "reference: $xen_inc/xen is not Xen 4.17 (interface version 0x00040e00)"
elif ! $cc -std=gnu11 -Wall -Werror -DABI_XEN -I"$xen_inc" -MD -MF "$out/layout-xen.d" \
		-o "$out/layout-xen" "$layout" >"$out/build-xen.log" 2>&1; then
	fail "reference: layout.c does not build against Xen's headers (see $out/build-xen.log)"
elif grep -qF "$inc/" "$out/layout-xen.d"; then
	fail "reference: the build against Xen's headers read Lamina's headers"
	rm -f "$out/layout-xen"
elif ! "$out/layout-xen" >"$out/xen.txt"; then
	fail "reference: layout program built against Xen's headers failed"
else
	n=$(grep -cF "$xen_inc/xen/" "$out/layout-xen.d")
	pass "reference: layout.c built against Xen 4.17's headers ($n lines naming $xen_inc/xen)"
fi

if ! $cc -std=gnu11 -Wall -Werror -I"$inc" -MD -MF "$out/layout-ours.d" \
		-o "$out/layout-ours" "$layout" >"$out/build-ours.log" 2>&1; then
	fail "lamina: layout.c does not build against Lamina's headers (see $out/build-ours.log)"
elif grep -qF "$xen_inc/xen/" "$out/layout-ours.d"; then
	fail "lamina: the build against Lamina's headers read Xen's headers"
elif ! "$out/layout-ours" >"$out/ours.txt"; then
	fail "lamina: layout program built against Lamina's headers failed"
else
	pass "lamina: layout.c built against guest-abi/include only, none of Xen's headers"
fi

$check groups "$layout" "$out/xen.txt" "$out/ours.txt"

# ---- 2. coverage of what the headers define ----

all=$out/all-headers.c
{
	for h in $headers; do
		echo "#include <$h>"
	done
	echo "typedef int abi_all_headers_nonempty;"
} >"$all"
freestanding=(-ffreestanding -nostdinc -isystem "$gcc_inc" -I"$inc")
if ! $cc -std=gnu11 "${freestanding[@]}" -g -fno-eliminate-unused-debug-types -c \
		-o "$out/all-headers.o" "$all" >"$out/coverage.log" 2>&1 ||
	! $cc -std=gnu11 "${freestanding[@]}" -E -o "$out/all-headers.i" "$all" \
		>>"$out/coverage.log" 2>&1 ||
	! readelf --debug-dump=info "$out/all-headers.o" >"$out/all-headers.dwarf" \
		2>>"$out/coverage.log"; then
	fail "coverage: the headers together do not compile (see $out/coverage.log)"
fi
$check coverage "$inc" "$layout" "$out/ours.txt" "$out/all-headers.i" "$out/all-headers.dwarf"

# ---- 3. every header on its own ----

for h in $headers; do
	log=$out/header-$(echo "$h" | tr '/' '-').log
	if ! printf '#include <%s>\n#include <%s>\ntypedef int abi_header_nonempty;\n' "$h" "$h" |
		$cc -std=c11 -pedantic-errors -Wall -Wextra -Werror "${freestanding[@]}" \
			-fsyntax-only -x c - >"$log" 2>&1; then
		fail "header $h: does not compile alone as freestanding C11 (see $log)"
	elif ! printf '#include <%s>\n' "$h" |
		$cc -x assembler-with-cpp -nostdinc -I"$inc" -c -o /dev/null - >>"$log" 2>&1; then
		fail "header $h: breaks when included from assembly (see $log)"
	else
		pass "header $h: self-contained (freestanding C11, twice) and assembler-safe"
	fi
done

for h in $sys_headers; do
	log=$out/header-$(echo "$h" | tr '/' '-').log
	if printf '#include <%s>\n#include <%s>\ntypedef int abi_header_nonempty;\n' "$h" "$h" |
		$cc -std=c11 -pedantic-errors -Wall -Wextra -Werror -I"$inc" \
			-fsyntax-only -x c - >"$log" 2>&1; then
		pass "header $h: self-contained (hosted C11, twice)"
	else
		fail "header $h: does not compile alone as hosted C11 (see $log)"
	fi
done

# ---- 4. constants as the assembler sees them ----

names=$out/asm-names.txt
sed -n 's/^value \([A-Za-z_][A-Za-z0-9_]*\) -\{0,1\}[0-9][0-9]*$/\1/p' "$out/ours.txt" \
	2>/dev/null >"$names"
{
	for h in $headers; do
		echo "#include <$h>"
	done
	echo "	.data"
	while read -r n; do
		printf '#ifdef %s\n\t.quad 1, %s\n#else\n\t.quad 0, 0\n#endif\n' "$n" "$n"
	done <"$names"
} >"$out/asm-constants.S"
if $cc -x assembler-with-cpp -nostdinc -I"$inc" -c -o "$out/asm-constants.o" \
		"$out/asm-constants.S" >"$out/asm.log" 2>&1 &&
	objcopy -O binary -j .data "$out/asm-constants.o" "$out/asm-constants.bin" \
		>>"$out/asm.log" 2>&1; then
	od -An -v -tx8 -w16 "$out/asm-constants.bin" | awk '{ print $1, $2 }' \
		>"$out/asm-values.txt"
else
	: >"$out/asm-values.txt"
fi
$check asm "$out/ours.txt" "$names" "$out/asm-values.txt"

exit 0
