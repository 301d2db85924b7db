/*
 * physdev.c - the physdev_op hypercall. What a PV domain without devices
 * uses: set_iopl (the virtual IOPL that lets its kernel emulate port I/O),
 * set_iobitmap, irq_status_query; PIRQ and PCI management for dom0 comes
 * with dom0's devices. Numbers and layouts: xen/include/public/physdev.h;
 * errors as Xen 4.17's xen/arch/x86/physdev.c.
 */
#include <asm/uaccess.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/hypercall.h>
#include <xen/physdev.h>

long do_physdev_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
		   unsigned long a5)
{
	struct vcpu *v = current;

	switch ((int)cmd) {
	case PHYSDEVOP_set_iopl: {
		struct physdev_set_iopl s;
		if (copy_from_guest(&s, arg, sizeof(s)))
			return -EFAULT;
		if (s.iopl > 3)
			return -EINVAL;
		v->pv.iopl = s.iopl;
		return 0;
	}
	case PHYSDEVOP_irq_status_query: {
		struct physdev_irq_status_query q;
		if (copy_from_guest(&q, arg, sizeof(q)))
			return -EFAULT;
		return -EINVAL; /* no PIRQ is bound (Xen: irq out of range or not mapped) */
	}
	default:
		return -ENOSYS;
	}
}
