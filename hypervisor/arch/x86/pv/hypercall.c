/*
 * hypercall.c - the hypercall table and its dispatch, and multicall.
 *
 * 64-bit PV register ABI: number in RAX, arguments in RDI, RSI, RDX, R10, R8,
 * result in RAX. A number with no handler returns -ENOSYS (Xen's rule).
 */
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <asm/uaccess.h>
#include <lamina/console.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/hypercall.h>
#include <lamina/lib.h>
#include <lamina/perfc.h>
#include <xen/arch-x86/xen-mca.h>

typedef long (*hypercall_fn)(unsigned long, unsigned long, unsigned long, unsigned long,
			     unsigned long);

#define HC(nr, fn) [__HYPERVISOR_##nr] = (hypercall_fn)(fn)

static const hypercall_fn hypercall_table[NR_HYPERCALLS] = {
	HC(set_trap_table, do_set_trap_table),
	HC(mmu_update, do_mmu_update),
	HC(stack_switch, do_stack_switch),
	HC(set_callbacks, do_set_callbacks),
	HC(fpu_taskswitch, do_fpu_taskswitch),
	HC(set_debugreg, do_set_debugreg),
	HC(get_debugreg, do_get_debugreg),
	HC(memory_op, do_memory_op),
	HC(multicall, do_multicall),
	HC(update_va_mapping, do_update_va_mapping),
	HC(set_timer_op, do_set_timer_op),
	HC(xen_version, do_xen_version),
	HC(console_io, do_console_io),
	HC(grant_table_op, do_grant_table_op),
	HC(vm_assist, do_vm_assist),
	HC(vcpu_op, do_vcpu_op),
	HC(set_segment_base, do_set_segment_base),
	HC(mmuext_op, do_mmuext_op),
	HC(sched_op, do_sched_op),
	HC(callback_op, do_callback_op),
	HC(event_channel_op, do_event_channel_op),
	HC(physdev_op, do_physdev_op),
	HC(set_gdt, do_set_gdt),
	HC(update_descriptor, do_update_descriptor),
	HC(platform_op, do_platform_op),
	HC(nmi_op, do_nmi_op),
	HC(mca, do_mca),
	HC(sysctl, do_sysctl),
	HC(domctl, do_domctl),
};

__hot_path long hypercall_dispatch(unsigned long nr, unsigned long a1, unsigned long a2, unsigned long a3,
			unsigned long a4, unsigned long a5)
{
	if (nr >= NR_HYPERCALLS || !hypercall_table[nr])
		return -ENOSYS;
	perfc_incra(hypercalls, nr);
	return hypercall_table[nr](a1, a2, a3, a4, a5);
}

__hot_path void pv_hypercall(struct vcpu *v, struct cpu_user_regs *regs)
{
	unsigned long nr = regs->rax;

	if (nr == __HYPERVISOR_iret) {
		perfc_incra(hypercalls, __HYPERVISOR_iret);
		regs->rax = (unsigned long)do_iret(regs);
		return;
	}
	regs->rax = (unsigned long)hypercall_dispatch(nr, regs->rdi, regs->rsi, regs->rdx,
						      regs->r10, regs->r8);
	pv_hypercall_clobbers(); /* the ABI lets a hypercall destroy RCX and R11 */
}

/*
 * do_multicall - run up to `count` hypercalls described by an array of
 * struct multicall_entry, writing each result into its entry. Stops early
 * when copying an entry fails (-EFAULT). A nested multicall and iret are
 * refused per entry with -EINVAL... as Xen does for calls that cannot be
 * batched.
 */
long do_multicall(unsigned long call_list, unsigned long count, unsigned long a3,
		  unsigned long a4, unsigned long a5)
{
	for (unsigned long i = 0; i < count; i++) {
		struct multicall_entry e;
		unsigned long va = call_list + i * sizeof(e);

		if (copy_from_guest(&e, va, sizeof(e)))
			return -EFAULT;
		if (e.op == __HYPERVISOR_multicall || e.op == __HYPERVISOR_iret)
			e.result = -EINVAL;
		else
			e.result = hypercall_dispatch(e.op, e.args[0], e.args[1], e.args[2],
						      e.args[3], e.args[4]);
		if (copy_to_guest(va + offsetof(struct multicall_entry, result), &e.result,
				  sizeof(e.result)))
			return -EFAULT;
		if (current->domain->is_shutting_down)
			break;
	}
	return 0;
}

#define HYPERCALL_STUB_BYTES 32

void pv_write_hypercall_page(uint8_t *page)
{
	for (unsigned int i = 0; i < PAGE_SIZE / HYPERCALL_STUB_BYTES; i++) {
		uint8_t *p = page + i * HYPERCALL_STUB_BYTES;
		memset(p, 0xCC, HYPERCALL_STUB_BYTES); /* int3 as padding */
		*p++ = 0x51; /* push %rcx */
		*p++ = 0x41; /* push %r11 */
		*p++ = 0x53;
		if (i == __HYPERVISOR_iret) {
			*p++ = 0x50; /* push %rax: the iret stub is jumped to, never returns */
			*p++ = 0xb8; /* mov $i, %eax */
			memcpy(p, &i, 4);
			p += 4;
			*p++ = 0x0f; /* syscall */
			*p++ = 0x05;
			continue;
		}
		*p++ = 0xb8;
		memcpy(p, &i, 4);
		p += 4;
		*p++ = 0x0f;
		*p++ = 0x05;
		*p++ = 0x41; /* pop %r11 */
		*p++ = 0x5b;
		*p++ = 0x59; /* pop %rcx */
		*p++ = 0xc3; /* ret */
	}
}
