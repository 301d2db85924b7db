/*
 * extable.c - looking up the exception table (asm/extable.h) and the guest
 * memory helpers that need C.
 */
#include <asm/extable.h>
#include <asm/uaccess.h>

extern const struct extable_entry __extable_start[], __extable_end[];

unsigned long search_extable(unsigned long rip)
{
	for (const struct extable_entry *e = __extable_start; e < __extable_end; e++)
		if (e->insn == rip)
			return e->fixup;
	return 0;
}

size_t raw_clear(unsigned long va, size_t len);

size_t clear_guest(unsigned long guest_va, size_t len)
{
	return guest_range_ok(guest_va, len) ? raw_clear(guest_va, len) : len;
}
