#!/bin/bash
# memory.sh - the buddy allocator, the heap and the scrubbing of guests' freed
# frames work on the real frame table.
. "$(dirname "$0")/lib.sh"

boot_lamina heap 60 max 512M "selftest=heap debug_exit"
expect_status "heap self-test passes" 1
expect_log "free pages restored" 'selftest heap: [0-9]+ free pages before'
expect_log "a guest's freed frame is cleared before reuse" \
	'selftest scrub: frame 0x[0-9a-f]+ freed dirty, cleared, clean; dirtied frame 0x[0-9a-f]+ handed to a guest zeroed'
boot_lamina conring 60 qemu64 256M "selftest=conring debug_exit"
expect_status "console ring keeps the last 64 KiB" 1
expect_log "console ring self-test verdict" 'selftest conring: PASS'
