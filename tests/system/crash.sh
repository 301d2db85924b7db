#!/bin/bash
# crash.sh - a deliberate page fault in hypervisor code prints the vector,
# error code, every register, the control registers and a symbolized
# backtrace; then the machine reboots (or halts with noreboot).
. "$(dirname "$0")/lib.sh"

boot_lamina fault 30 max 256M "selftest=fault debug_exit"
expect_status "crash path ends with debug exit 2 (status 5)" 5
expect_log "vector and error code" 'fatal exception 14 \(page fault\), error code 0x2 '
expect_log "faulting RIP symbolized" 'RIP: +e008:\[<ffff82[0-9a-f]+>\] fault_level2\+0x'
expect_log "CR2 holds the faulting address" 'cr2: 00000dead0000000'
for r in rax rbx rcx rdx rsi rdi rbp rsp r8 r9 r10 r11 r12 r13 r14 r15 cr0 cr3 cr4 RFLAGS; do
	expect_log "register $r printed" "$r: +[0-9a-f]{16}"
done
# The backtrace names the call chain, innermost first.
chain=$(sed -n '/Backtrace:/,/Panic/p' "$LOG" | grep -Eo '\] [a-z_0-9]+\+' | tr -d '] +' | tr '\n' ' ')
case "$chain" in
*"fault_level2 fault_level1 selftest_fault selftest_run start_lamina"*)
	pass "backtrace symbolized: $chain" ;;
*) fail "backtrace symbolized (got: $chain)" ;;
esac
expect_log "panic line" 'Panic: fatal exception 14'

# Without noreboot the machine reboots after the report (QEMU -no-reboot exits).
boot_lamina reboot-after-crash 40 qemu64 256M "selftest=fault" -no-reboot
expect_status "crash then reboot ends QEMU" 0
expect_log "reboot announced" 'Rebooting in 5 seconds'

# With noreboot it halts: QEMU keeps running until the timeout.
boot_lamina noreboot 12 qemu64 256M "selftest=fault noreboot" -no-reboot
expect_status "noreboot halts (QEMU still running at the timeout)" 124
expect_log "halt announced" 'Halting'

# A fault that cannot be delivered on a broken stack becomes a double fault,
# handled on its own IST stack; the report still comes out.
boot_lamina doublefault 30 max 256M "selftest=doublefault debug_exit"
expect_status "double fault reported (status 5)" 5
expect_log "double fault vector" 'fatal exception 8 \(double fault\)'
expect_log "handled on the #DF IST stack" 'Handled on the IST1 \(double fault\) stack'
expect_log "the broken RSP is not walked" 'is on no hypervisor stack: no further frames'

# An NMI is reported, runs on the NMI IST stack, and the boot goes on.
boot_lamina nmi 30 qemu64 256M "selftest=nmi debug_exit"
expect_status "NMI self-test passes" 1
expect_log "NMI on its IST stack" 'NMI received at .* on the IST2 \(NMI\) stack; continuing'

# Faults on guest addresses in the copy helpers are caught by the exception table.
boot_lamina uaccess 30 max 256M "selftest=uaccess debug_exit"
expect_status "guest copies survive faults (self-test passes)" 1
expect_log "guest copy verdict" 'selftest uaccess: PASS'
