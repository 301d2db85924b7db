/*
 * descriptor.c - guest descriptor tables: set_gdt and update_descriptor.
 * Work in progress: both refuse with -ENOSYS until the per-vCPU GDT views
 * exist (see the PV issue's notes).
 */
#include <lamina/errno.h>
#include <lamina/hypercall.h>

long do_set_gdt(unsigned long frames, unsigned long entries, unsigned long a3, unsigned long a4,
		unsigned long a5)
{
	return -ENOSYS;
}

long do_update_descriptor(unsigned long ma, unsigned long desc, unsigned long a3,
			  unsigned long a4, unsigned long a5)
{
	return -ENOSYS;
}
