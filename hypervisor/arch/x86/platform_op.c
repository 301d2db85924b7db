/*
 * platform_op.c - the platform_op hypercall: the control domain telling the
 * hypervisor about the machine. Lamina takes the wall clock (settime32/64,
 * which dom0 Linux sends on settimeofday and every 11 minutes), core
 * parking (one CPU: nothing to park) and the physical CPUs' description
 * (get_cpuinfo); other firmware and power-management
 * operations are not offered (-ENOSYS). Checks in
 * Xen's order (xen/arch/x86/platform_hypercall.c): copy, interface version
 * (-EACCES), privilege (-EPERM).
 */
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/pv/traps.h>
#include <asm/uaccess.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/hypercall.h>
#include <lamina/madt.h>
#include <lamina/time.h>
#include <xen/platform.h>

/*
 * XENPF_core_parking: SET asks for idle_nums CPUs to be taken offline (at
 * most all but one: with one CPU, none) and GET reports how many are. Xen
 * runs SET's work outside the calling vCPU (continue_hypercall_on_cpu), so
 * the vCPU's state leaves the CPU and is loaded again on the way back, data
 * selectors included; Lamina does the same.
 */
static long core_parking(struct xen_platform_op *op, unsigned long arg)
{
	switch (op->u.core_parking.type) {
	case XEN_CORE_PARKING_SET:
		pv_save_segments(current);
		return 0;
	case XEN_CORE_PARKING_GET:
		op->u.core_parking.idle_nums = 0;
		if (copy_to_guest(arg + offsetof(struct xen_platform_op, u.core_parking),
				  &op->u.core_parking, sizeof(op->u.core_parking)))
			return -EFAULT;
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * XENPF_get_cpuinfo: physical CPU xen_cpuid (only CPU 0 exists): its APIC
 * ID, its ACPI processor UID from the MADT, online; any other number is
 * XEN_PCPU_FLAGS_INVALID. Always 0 unless the result cannot be written.
 */
static long get_cpuinfo(struct xen_platform_op *op, unsigned long arg)
{
	struct xenpf_pcpuinfo *g = &op->u.pcpu_info;

	if (g->xen_cpuid == 0) {
		g->apic_id = apic_id();
		g->acpi_id = madt_acpi_id(io_apic_madt(), g->apic_id);
		g->flags = XEN_PCPU_FLAGS_ONLINE;
	} else {
		g->flags = XEN_PCPU_FLAGS_INVALID;
	}
	g->max_present = 0;
	if (copy_to_guest(arg + offsetof(struct xen_platform_op, u.pcpu_info), g, sizeof(*g)))
		return -EFAULT;
	return 0;
}

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
	case XENPF_core_parking:
		return core_parking(&op, arg);
	case XENPF_get_cpuinfo:
		return get_cpuinfo(&op, arg);
	default:
		return -ENOSYS;
	}
}
