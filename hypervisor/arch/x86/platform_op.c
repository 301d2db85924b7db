/*
 * platform_op.c - the platform_op hypercall: the control domain telling the
 * hypervisor about the machine. Lamina takes the wall clock (settime32/64,
 * which dom0 Linux sends on settimeofday and every 11 minutes); firmware
 * and power-management operations are not offered (-ENOSYS). Checks in
 * Xen's order (xen/arch/x86/platform_hypercall.c): copy, interface version
 * (-EACCES), privilege (-EPERM).
 */
#include <asm/uaccess.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/hypercall.h>
#include <lamina/time.h>
#include <xen/platform.h>

long do_platform_op(unsigned long arg, unsigned long a2, unsigned long a3, unsigned long a4,
		    unsigned long a5)
{
	struct xen_platform_op op;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -EFAULT;
	if (op.interface_version != XENPF_INTERFACE_VERSION)
		return -EACCES;
	if (!current->domain->is_privileged)
		return -EPERM;
	switch (op.cmd) {
	case XENPF_settime32:
		wallclock_set(op.u.settime32.secs, op.u.settime32.nsecs,
			      (s_time_t)op.u.settime32.system_time);
		return 0;
	case XENPF_settime64:
		if (op.u.settime64.mbz)
			return -EINVAL;
		wallclock_set(op.u.settime64.secs, op.u.settime64.nsecs,
			      (s_time_t)op.u.settime64.system_time);
		return 0;
	default:
		return -ENOSYS;
	}
}
