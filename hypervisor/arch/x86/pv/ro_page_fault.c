/*
 * ro_page_fault.c - the writable-page-table assist. Work in progress: no
 * write is emulated yet, so such faults reach the guest as #PF.
 */
#include <asm/pv/mm.h>

bool pv_ro_page_fault(struct cpu_user_regs *regs, unsigned long addr)
{
	return false;
}
