/*
 * callback.c - the hypercalls that tell the hypervisor where the guest
 * wants to be entered: set_trap_table, set_callbacks/callback_op,
 * nmi_op, stack_switch; and the small per-vCPU CPU-state calls: fpu_taskswitch,
 * set/get_debugreg, set_segment_base. Semantics and errors: Xen's
 * xen/arch/x86/pv/callback.c and misc-hypercalls.c.
 */
#include <asm/processor.h>
#include <asm/pv/traps.h>
#include <asm/traps.h>
#include <asm/uaccess.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/hypercall.h>
#include <lamina/lib.h>
#include <xen/callback.h>
#include <xen/nmi.h>

#define DR6_FIXED_ONES 0xFFFF0FF0UL
#define DR7_FIXED_ONES 0x00000400UL
#define DR7_FIXED_ZEROS 0x0000D800UL
#define DR7_GENERAL_DETECT (1UL << 13)

static bool guest_addr_ok(unsigned long va)
{
	return is_canonical_address(va) && (va < HYPERVISOR_VIRT_START || va >= HYPERVISOR_VIRT_END);
}

long do_set_trap_table(unsigned long traps, unsigned long a2, unsigned long a3, unsigned long a4,
		       unsigned long a5)
{
	struct trap_info *table = current->pv.trap_ctxt;

	if (!traps) {
		memset(table, 0, 256 * sizeof(*table));
		return 0;
	}
	for (;; traps += sizeof(struct trap_info)) {
		struct trap_info ti;
		if (copy_from_guest(&ti, traps, sizeof(ti)))
			return -EFAULT;
		if (!ti.address)
			return 0;
		if (!is_canonical_address(ti.address))
			return -EINVAL;
		ti.cs |= 3; /* guest code always runs at RPL 3 */
		table[ti.vector] = ti;
	}
}

/*
 * The NMI callback is the vector-2 entry of the trap table, with events
 * always masked in it (Xen's register_guest_nmi_callback). An NMI reason
 * dom0 has not seen is raised again, since NMIs that arrived without a
 * handler were dropped.
 */
static long register_nmi_callback(struct vcpu *v, unsigned long address)
{
	struct trap_info *t = &v->pv.trap_ctxt[X86_EXC_NMI];

	if (!is_canonical_address(address))
		return -EINVAL;
	t->vector = X86_EXC_NMI;
	t->flags = 4; /* mask events, as an interrupt gate clears IF */
	t->cs = FLAT_KERNEL_CS;
	t->address = address;
	if (v->vcpu_id == 0 && v->domain->shared_info->arch.nmi_reason)
		v->pv.nmi_pending = true;
	return 0;
}

static long unregister_nmi_callback(struct vcpu *v)
{
	memset(&v->pv.trap_ctxt[X86_EXC_NMI], 0, sizeof(struct trap_info));
	return 0;
}

/*
 * do_nmi_op - hypercall 28 (xen/nmi.h): register or remove the NMI
 * callback. -EFAULT for an unreadable argument, -EINVAL for a non-canonical
 * address, -ENOSYS for other sub-ops.
 */
long do_nmi_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
	       unsigned long a5)
{
	struct xennmi_callback cb;

	switch ((unsigned int)cmd) {
	case XENNMI_register_callback:
		if (copy_from_guest(&cb, arg, sizeof(cb)))
			return -EFAULT;
		return register_nmi_callback(current, cb.handler_address);
	case XENNMI_unregister_callback:
		return unregister_nmi_callback(current);
	default:
		return -ENOSYS;
	}
}

static long register_callback(struct vcpu *v, const struct callback_register *r)
{
	bool mask = r->flags & CALLBACKF_mask_events;

	if (!is_canonical_address(r->address))
		return -EINVAL;
	switch (r->type) {
	case CALLBACKTYPE_event:
		v->pv.event_callback_eip = r->address;
		return 0;
	case CALLBACKTYPE_failsafe:
		v->pv.failsafe_callback_eip = r->address;
		v->pv.failsafe_disables_events = mask;
		return 0;
	case CALLBACKTYPE_syscall:
		v->pv.syscall_callback_eip = r->address;
		v->pv.syscall_disables_events = mask;
		return 0;
	case CALLBACKTYPE_syscall32:
		v->pv.syscall32_callback_eip = r->address;
		v->pv.syscall32_disables_events = mask;
		return 0;
	case CALLBACKTYPE_sysenter:
		v->pv.sysenter_callback_eip = r->address;
		v->pv.sysenter_disables_events = mask;
		return 0;
	case CALLBACKTYPE_nmi:
		return register_nmi_callback(v, r->address);
	default:
		return -ENOSYS;
	}
}

long do_callback_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
		    unsigned long a5)
{
	struct vcpu *v = current;

	switch ((int)cmd) {
	case CALLBACKOP_register: {
		struct callback_register r;
		if (copy_from_guest(&r, arg, sizeof(r)))
			return -EFAULT;
		return register_callback(v, &r);
	}
	case CALLBACKOP_unregister: {
		struct callback_unregister u;
		if (copy_from_guest(&u, arg, sizeof(u)))
			return -EFAULT;
		switch (u.type) {
		case CALLBACKTYPE_nmi:
			return unregister_nmi_callback(v);
		case CALLBACKTYPE_event:
		case CALLBACKTYPE_failsafe:
		case CALLBACKTYPE_syscall:
		case CALLBACKTYPE_syscall32:
		case CALLBACKTYPE_sysenter:
			return -EINVAL; /* these cannot be removed */
		default:
			return -ENOSYS;
		}
	}
	default:
		return -ENOSYS;
	}
}

long do_set_callbacks(unsigned long event, unsigned long failsafe, unsigned long syscall,
		      unsigned long a4, unsigned long a5)
{
	struct vcpu *v = current;
	struct callback_register r[] = {
		{ .type = CALLBACKTYPE_event, .address = event },
		{ .type = CALLBACKTYPE_failsafe, .address = failsafe },
		{ .type = CALLBACKTYPE_syscall, .address = syscall },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(r); i++)
		register_callback(v, &r[i]);
	return 0;
}

long do_stack_switch(unsigned long ss, unsigned long sp, unsigned long a3, unsigned long a4,
		     unsigned long a5)
{
	current->pv.kernel_ss = ss | 3;
	current->pv.kernel_sp = sp;
	return 0;
}

long do_fpu_taskswitch(unsigned long set, unsigned long a2, unsigned long a3, unsigned long a4,
		       unsigned long a5)
{
	current->pv.ctrlreg0_ts = (int)set ? 1 : 0;
	if ((int)set)
		stts();
	else
		clts();
	return 0;
}

long set_debugreg(struct vcpu *v, unsigned int reg, unsigned long value)
{
	switch (reg) {
	case 0 ... 3:
		if (!guest_addr_ok(value))
			return -EPERM;
		v->pv.debugreg[reg] = value;
		if (v == current)
			write_debugreg(reg, value);
		return 0;
	case 4:
	case 6:
		if (value != (uint32_t)value)
			return -EINVAL;
		v->pv.debugreg[6] = value | DR6_FIXED_ONES;
		if (v == current)
			write_debugreg(6, v->pv.debugreg[6]);
		return 0;
	case 5:
	case 7:
		if (value != (uint32_t)value)
			return -EINVAL;
		value = (value | DR7_FIXED_ONES) & ~DR7_FIXED_ZEROS;
		if (value & DR7_GENERAL_DETECT)
			return -EPERM;
		v->pv.debugreg[7] = value;
		if (v == current)
			write_debugreg(7, value);
		return 0;
	default:
		return -ENODEV;
	}
}

long do_set_debugreg(unsigned long reg, unsigned long value, unsigned long a3, unsigned long a4,
		     unsigned long a5)
{
	return set_debugreg(current, (unsigned int)reg, value);
}

long do_get_debugreg(unsigned long reg, unsigned long a2, unsigned long a3, unsigned long a4,
		     unsigned long a5)
{
	struct vcpu *v = current;

	switch ((unsigned int)reg) {
	case 0 ... 3:
		return (long)v->pv.debugreg[reg];
	case 4:
	case 6:
		return (long)(v->pv.debugreg[6] ? v->pv.debugreg[6] : DR6_FIXED_ONES);
	case 5:
	case 7:
		return (long)(v->pv.debugreg[7] ? v->pv.debugreg[7] : DR7_FIXED_ONES);
	default:
		return -ENODEV;
	}
}

/*
 * do_set_segment_base - FS and the two GS bases. The hypervisor keeps the
 * active mode's GS base in MSR_GS_BASE and the other in MSR_SHADOW_GS_BASE
 * (toggle_guest_mode swaps them), so in kernel mode the user base is the
 * shadow one.
 */
long pv_set_segment_base(struct vcpu *v, unsigned int which, unsigned long base)
{
	switch (which) {
	case SEGBASE_FS:
		if (!is_canonical_address(base))
			return -EINVAL;
		wrmsr(MSR_FS_BASE, base);
		v->pv.fs_base = base;
		return 0;
	case SEGBASE_GS_USER:
		if (!is_canonical_address(base))
			return -EINVAL;
		wrmsr(v->pv.kernel_mode ? MSR_SHADOW_GS_BASE : MSR_GS_BASE, base);
		v->pv.gs_base_user = base;
		return 0;
	case SEGBASE_GS_KERNEL:
		if (!is_canonical_address(base))
			return -EINVAL;
		wrmsr(v->pv.kernel_mode ? MSR_GS_BASE : MSR_SHADOW_GS_BASE, base);
		v->pv.gs_base_kernel = base;
		return 0;
	case SEGBASE_GS_USER_SEL:
		return load_user_gs_selector(v, (uint16_t)base);
	default:
		return -EINVAL;
	}
}

long do_set_segment_base(unsigned long which, unsigned long base, unsigned long a3,
			 unsigned long a4, unsigned long a5)
{
	return pv_set_segment_base(current, (unsigned int)which, base);
}
