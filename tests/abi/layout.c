// SPDX-License-Identifier: MIT
/*
 * tests/abi/layout.c - print the layout of the Xen guest ABI for cross-checking.
 *
 * Built twice by tests/abi/run.sh: once against Xen 4.17's public headers
 * (-DABI_XEN, /usr/include/xen from Debian's libxen-dev) and once against
 * Lamina's guest-abi/include. Both builds print the same lines in the same
 * order, so any difference between the two outputs is an ABI mismatch:
 *
 *	group <name>		starts a check; run.sh reports one PASS/FAIL per group
 *	size <type> N		sizeof
 *	align <type> N		_Alignof
 *	offset <type>.<field> N	offsetof
 *	fieldsize <type>.<field> N
 *	signed <type>.<field> 0|1	signedness of an integer field (or array element)
 *	elemsize <type>.<field> N	element size of an array field
 *	typedef <name> 1	the typedef names the expected type
 *	value <CONSTANT> N	value of a constant or of a macro applied to sample arguments
 *	type <CONSTANT> Ns|Nu	size and signedness of the constant's C type
 *	string <CONSTANT> hex	bytes of a string constant
 *	result <what> N		observable behaviour of the ring macros
 *
 * Names are printed without "struct"/"union", so "size start_info 1168".
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef ABI_XEN
/*
 * Xen's headers need the interface version and, for io/ring.h, barriers; domctl.h and
 * sysctl.h (and the tools-only parts of xen.h and arch-x86/xen.h they use) need
 * __XEN_TOOLS__, which changes nothing else that layout.c prints.
 */
#define __XEN_TOOLS__
#define __XEN_INTERFACE_VERSION__ 0x00040e00
#define xen_mb() __sync_synchronize()
#define xen_rmb() __sync_synchronize()
#define xen_wmb() __sync_synchronize()
#endif

/* The include paths are the same for both trees; -I decides which one is read. */
#include <xen/xen.h>
#include <xen/arch-x86/cpuid.h>
#include <xen/arch-x86/xen-mca.h>
#include <xen/errno.h>
#include <xen/callback.h>
#include <xen/domctl.h>
#include <xen/elfnote.h>
#include <xen/event_channel.h>
#include <xen/features.h>
#include <xen/grant_table.h>
#include <xen/memory.h>
#include <xen/nmi.h>
#include <xen/physdev.h>
#include <xen/platform.h>
#include <xen/sched.h>
#include <xen/sysctl.h>
#include <xen/vcpu.h>
#include <xen/version.h>
#include <xen/io/blkif.h>
#include <xen/io/console.h>
#include <xen/io/netif.h>
#include <xen/io/ring.h>
#include <xen/io/xs_wire.h>
/* dom0's Linux devices (Linux's uapi; Xen ships copies in xen/sys/, needing <sys/ioctl.h>) */
#include <sys/ioctl.h>
#include <xen/sys/evtchn.h>
#include <xen/sys/gntdev.h>
#include <xen/sys/privcmd.h>

#ifdef ABI_XEN
/*
 * Xen's public errno.h lists EINTR and ERESTART only when __XEN__ is defined (they are
 * hypervisor-internal); its "custom XEN_ERRNO" mode lets us list them anyway.
 */
#define __XEN__
#define XEN_ERRNO(name, value) XEN_INTERNAL_##name = value,
enum {
#include <xen/errno.h>
};
#undef __XEN__
#define XEN_EINTR XEN_INTERNAL_EINTR
#define XEN_ERESTART XEN_INTERNAL_ERESTART

/* Xen names guest-handle types by single identifiers. */
#define HANDLE_CONST_VOID XEN_GUEST_HANDLE(const_void)
#else
#define HANDLE_CONST_VOID XEN_GUEST_HANDLE(const void)
#endif

/* ---- printing helpers ---- */

static const char *bare(const char *type)
{
	if (!strncmp(type, "struct ", 7))
		return type + 7;
	if (!strncmp(type, "union ", 6))
		return type + 6;
	if (!strncmp(type, "enum ", 5))
		return type + 5;
	return type;
}

static void group(const char *name)
{
	printf("group %s\n", name);
}

static void size_line(const char *type, size_t n, size_t align)
{
	printf("size %s %zu\n", bare(type), n);
	printf("align %s %zu\n", bare(type), align);
}

static void field_line(const char *type, const char *field, size_t off, size_t size)
{
	printf("offset %s.%s %zu\n", bare(type), field, off);
	printf("fieldsize %s.%s %zu\n", bare(type), field, size);
}

static void signed_line(const char *type, const char *field, int is_signed)
{
	printf("signed %s.%s %d\n", bare(type), field, is_signed);
}

static void value_line(const char *name, int is_signed, size_t size, long long s,
		       unsigned long long u)
{
	if (is_signed)
		printf("value %s %lld\n", name, s);
	else
		printf("value %s %llu\n", name, u);
	printf("type %s %zu%c\n", name, size, is_signed ? 's' : 'u');
}

static void string_line(const char *name, const char *s, size_t n)
{
	printf("string %s ", name);
	for (size_t i = 0; i < n; i++)
		printf("%02x", (unsigned char)s[i]);
	printf("\n");
}

#define IS_SIGNED(x) ((__typeof__(x))-1 < 0)
#define MEMBER(T, f) (((T *)0)->f)

/* sizeof a struct, union or typedef */
#define SIZE(T) size_line(#T, sizeof(T), _Alignof(T))
/* the same, under a name of our choosing */
#define SIZE_AS(name, T) size_line(name, sizeof(T), _Alignof(T))
/* offset and size of any member (aggregates, pointers, guest handles) */
#define FIELD(T, f) field_line(#T, #f, offsetof(T, f), sizeof(MEMBER(T, f)))
/* ... plus signedness, for integer members */
#define SFIELD(T, f)                                                                               \
	do {                                                                                       \
		FIELD(T, f);                                                                       \
		signed_line(#T, #f, IS_SIGNED(MEMBER(T, f)));                                      \
	} while (0)
/* ... plus element size and signedness, for arrays of integers */
#define AFIELD(T, f)                                                                               \
	do {                                                                                       \
		FIELD(T, f);                                                                       \
		signed_line(#T, #f, IS_SIGNED(MEMBER(T, f)[0]));                                   \
		printf("elemsize %s.%s %zu\n", bare(#T), #f, sizeof(MEMBER(T, f)[0]));             \
	} while (0)
/* flexible array member: offset and element size only */
#define FLEX(T, f)                                                                                 \
	do {                                                                                       \
		printf("offset %s.%s %zu\n", bare(#T), #f, offsetof(T, f));                        \
		printf("elemsize %s.%s %zu\n", bare(#T), #f, sizeof(MEMBER(T, f)[0]));             \
		signed_line(#T, #f, IS_SIGNED(MEMBER(T, f)[0]));                                   \
	} while (0)
/* integer typedef: size and signedness */
#define ITYPE(T)                                                                                   \
	do {                                                                                       \
		size_line(#T, sizeof(T), _Alignof(T));                                             \
		printf("signed %s %d\n", #T, IS_SIGNED((T)0));                                     \
	} while (0)
/* the typedef names exactly this type */
#define TYPEDEF(name, T) printf("typedef %s %d\n", #name, __builtin_types_compatible_p(name, T))
/* integer constant (or integer expression) */
#define VAL(c) value_line(#c, IS_SIGNED(c), sizeof(c), (long long)(c), (unsigned long long)(c))
/* string constant, including its terminating NUL */
#define STR(c) string_line(#c, c, sizeof(c))
/* observable behaviour */
#define RESULT(what, v) printf("result %s %lld\n", what, (long long)(v))

/* ---- arch-x86/xen.h ---- */

static void arch_x86(void)
{
	group("arch-x86/xen.h: basic types");
	ITYPE(xen_pfn_t);
	ITYPE(xen_ulong_t);
	ITYPE(xen_callback_t);
	ITYPE(tsc_timestamp_t);
	STR(PRI_xen_pfn);
	STR(PRIu_xen_pfn);
	STR(PRI_xen_ulong);

	group("arch-x86/xen.h: guest handles are plain guest pointers");
	SIZE(XEN_GUEST_HANDLE(xen_pfn_t));
	SIZE_AS("XEN_GUEST_HANDLE(const void)", HANDLE_CONST_VOID);
	SIZE(XEN_GUEST_HANDLE_PARAM(xen_pfn_t));
	{
		struct xen_memory_reservation res;
		xen_pfn_t frames[2];
		void *stored;

		memset(&res, 0, sizeof(res));
		set_xen_guest_handle(res.extent_start, frames);
		memcpy(&stored, &res.extent_start, sizeof(stored));
		RESULT("handle_holds_pointer", stored == (void *)frames);
	}

	group("arch-x86/xen.h: GDT, selectors, address space, segment bases");
	VAL(XEN_HAVE_PV_GUEST_ENTRY);
	VAL(XEN_HAVE_PV_UPCALL_MASK);
	VAL(FIRST_RESERVED_GDT_PAGE);
	VAL(FIRST_RESERVED_GDT_BYTE);
	VAL(FIRST_RESERVED_GDT_ENTRY);
	VAL(XEN_LEGACY_MAX_VCPUS);
	VAL(FLAT_RING3_CS32);
	VAL(FLAT_RING3_CS64);
	VAL(FLAT_RING3_DS32);
	VAL(FLAT_RING3_DS64);
	VAL(FLAT_RING3_SS32);
	VAL(FLAT_RING3_SS64);
	VAL(FLAT_KERNEL_DS64);
	VAL(FLAT_KERNEL_DS32);
	VAL(FLAT_KERNEL_DS);
	VAL(FLAT_KERNEL_CS64);
	VAL(FLAT_KERNEL_CS32);
	VAL(FLAT_KERNEL_CS);
	VAL(FLAT_KERNEL_SS64);
	VAL(FLAT_KERNEL_SS32);
	VAL(FLAT_KERNEL_SS);
	VAL(FLAT_USER_DS64);
	VAL(FLAT_USER_DS32);
	VAL(FLAT_USER_DS);
	VAL(FLAT_USER_CS64);
	VAL(FLAT_USER_CS32);
	VAL(FLAT_USER_CS);
	VAL(FLAT_USER_SS64);
	VAL(FLAT_USER_SS32);
	VAL(FLAT_USER_SS);
	VAL(__HYPERVISOR_VIRT_START);
	VAL(__HYPERVISOR_VIRT_END);
	VAL(__MACH2PHYS_VIRT_START);
	VAL(__MACH2PHYS_VIRT_END);
	VAL(HYPERVISOR_VIRT_START);
	VAL(HYPERVISOR_VIRT_END);
	VAL(MACH2PHYS_VIRT_START);
	VAL(MACH2PHYS_VIRT_END);
	VAL(MACH2PHYS_NR_ENTRIES);
	VAL(SEGBASE_FS);
	VAL(SEGBASE_GS_USER);
	VAL(SEGBASE_GS_KERNEL);
	VAL(SEGBASE_GS_USER_SEL);
	VAL(XEN_HVM_DEBUGCONS_IOPORT);
	VAL(xen_pfn_to_cr3(0x123456));
	VAL(xen_cr3_to_pfn(0x123456789));
	STR(XEN_EMULATE_PREFIX);
	STR(XEN_CPUID);

	group("arch-x86/xen.h: VGCF_* flags");
	VAL(VGCF_I387_VALID);
	VAL(VGCF_IN_KERNEL);
	VAL(_VGCF_i387_valid);
	VAL(VGCF_i387_valid);
	VAL(_VGCF_in_kernel);
	VAL(VGCF_in_kernel);
	VAL(_VGCF_failsafe_disables_events);
	VAL(VGCF_failsafe_disables_events);
	VAL(_VGCF_syscall_disables_events);
	VAL(VGCF_syscall_disables_events);
	VAL(_VGCF_online);
	VAL(VGCF_online);
	VAL(_VGCF_in_syscall);
	VAL(VGCF_in_syscall);
	VAL(VGCF_IN_SYSCALL);

	group("arch-x86/xen.h: struct trap_info and TI_* helpers");
	SIZE(struct trap_info);
	TYPEDEF(trap_info_t, struct trap_info);
	SFIELD(struct trap_info, vector);
	SFIELD(struct trap_info, flags);
	SFIELD(struct trap_info, cs);
	SFIELD(struct trap_info, address);
	{
		struct trap_info ti = { .flags = 0 };

		TI_SET_DPL(&ti, 3);
		TI_SET_IF(&ti, 7);
		VAL(ti.flags);
		VAL(TI_GET_DPL(&ti));
		VAL(TI_GET_IF(&ti));
		ti.flags = 0x05;
		VAL(TI_GET_DPL(&ti));
		VAL(TI_GET_IF(&ti));
		ti.flags = 0;
		TI_SET_IF(&ti, 0);
		VAL(ti.flags);
	}

	group("arch-x86/xen.h: struct iret_context");
	SIZE(struct iret_context);
	SFIELD(struct iret_context, rax);
	SFIELD(struct iret_context, r11);
	SFIELD(struct iret_context, rcx);
	SFIELD(struct iret_context, flags);
	SFIELD(struct iret_context, rip);
	SFIELD(struct iret_context, cs);
	SFIELD(struct iret_context, rflags);
	SFIELD(struct iret_context, rsp);
	SFIELD(struct iret_context, ss);

	group("arch-x86/xen.h: struct cpu_user_regs");
	SIZE(struct cpu_user_regs);
	TYPEDEF(cpu_user_regs_t, struct cpu_user_regs);
	SFIELD(struct cpu_user_regs, r15);
	SFIELD(struct cpu_user_regs, r14);
	SFIELD(struct cpu_user_regs, r13);
	SFIELD(struct cpu_user_regs, r12);
	SFIELD(struct cpu_user_regs, rbp);
	SFIELD(struct cpu_user_regs, rbx);
	SFIELD(struct cpu_user_regs, r11);
	SFIELD(struct cpu_user_regs, r10);
	SFIELD(struct cpu_user_regs, r9);
	SFIELD(struct cpu_user_regs, r8);
	SFIELD(struct cpu_user_regs, rax);
	SFIELD(struct cpu_user_regs, rcx);
	SFIELD(struct cpu_user_regs, rdx);
	SFIELD(struct cpu_user_regs, rsi);
	SFIELD(struct cpu_user_regs, rdi);
	SFIELD(struct cpu_user_regs, error_code);
	SFIELD(struct cpu_user_regs, entry_vector);
	SFIELD(struct cpu_user_regs, rip);
	SFIELD(struct cpu_user_regs, cs);
	AFIELD(struct cpu_user_regs, _pad0);
	SFIELD(struct cpu_user_regs, saved_upcall_mask);
	AFIELD(struct cpu_user_regs, _pad1);
	SFIELD(struct cpu_user_regs, rflags);
	SFIELD(struct cpu_user_regs, rsp);
	SFIELD(struct cpu_user_regs, ss);
	AFIELD(struct cpu_user_regs, _pad2);
	SFIELD(struct cpu_user_regs, es);
	AFIELD(struct cpu_user_regs, _pad3);
	SFIELD(struct cpu_user_regs, ds);
	AFIELD(struct cpu_user_regs, _pad4);
	SFIELD(struct cpu_user_regs, fs);
	AFIELD(struct cpu_user_regs, _pad5);
	SFIELD(struct cpu_user_regs, gs);
	AFIELD(struct cpu_user_regs, _pad6);

	group("arch-x86/xen.h: struct vcpu_guest_context");
	SIZE(struct vcpu_guest_context);
	TYPEDEF(vcpu_guest_context_t, struct vcpu_guest_context);
	FIELD(struct vcpu_guest_context, fpu_ctxt);
	AFIELD(struct vcpu_guest_context, fpu_ctxt.x);
	SFIELD(struct vcpu_guest_context, flags);
	FIELD(struct vcpu_guest_context, user_regs);
	SFIELD(struct vcpu_guest_context, user_regs.rip);
	SFIELD(struct vcpu_guest_context, user_regs.gs);
	FIELD(struct vcpu_guest_context, trap_ctxt);
	SFIELD(struct vcpu_guest_context, trap_ctxt[255].address);
	SFIELD(struct vcpu_guest_context, ldt_base);
	SFIELD(struct vcpu_guest_context, ldt_ents);
	AFIELD(struct vcpu_guest_context, gdt_frames);
	SFIELD(struct vcpu_guest_context, gdt_ents);
	SFIELD(struct vcpu_guest_context, kernel_ss);
	SFIELD(struct vcpu_guest_context, kernel_sp);
	AFIELD(struct vcpu_guest_context, ctrlreg);
	AFIELD(struct vcpu_guest_context, debugreg);
	SFIELD(struct vcpu_guest_context, event_callback_eip);
	SFIELD(struct vcpu_guest_context, failsafe_callback_eip);
	SFIELD(struct vcpu_guest_context, syscall_callback_eip);
	SFIELD(struct vcpu_guest_context, vm_assist);
	SFIELD(struct vcpu_guest_context, fs_base);
	SFIELD(struct vcpu_guest_context, gs_base_kernel);
	SFIELD(struct vcpu_guest_context, gs_base_user);

	group("arch-x86/xen.h: struct arch_vcpu_info");
	SIZE(struct arch_vcpu_info);
	TYPEDEF(arch_vcpu_info_t, struct arch_vcpu_info);
	SFIELD(struct arch_vcpu_info, cr2);
	SFIELD(struct arch_vcpu_info, pad);

	group("arch-x86/xen.h: struct arch_shared_info");
	SIZE(struct arch_shared_info);
	TYPEDEF(arch_shared_info_t, struct arch_shared_info);
	SFIELD(struct arch_shared_info, max_pfn);
	SFIELD(struct arch_shared_info, pfn_to_mfn_frame_list_list);
	SFIELD(struct arch_shared_info, nmi_reason);
	SFIELD(struct arch_shared_info, p2m_cr3);
	SFIELD(struct arch_shared_info, p2m_vaddr);
	SFIELD(struct arch_shared_info, p2m_generation);

	group("arch-x86/xen.h: struct xen_cpuid_leaf, struct xen_msr_entry");
	SIZE(struct xen_cpuid_leaf);
	TYPEDEF(xen_cpuid_leaf_t, struct xen_cpuid_leaf);
	VAL(XEN_CPUID_NO_SUBLEAF);
	SFIELD(struct xen_cpuid_leaf, leaf);
	SFIELD(struct xen_cpuid_leaf, subleaf);
	SFIELD(struct xen_cpuid_leaf, a);
	SFIELD(struct xen_cpuid_leaf, b);
	SFIELD(struct xen_cpuid_leaf, c);
	SFIELD(struct xen_cpuid_leaf, d);
	SIZE(struct xen_msr_entry);
	TYPEDEF(xen_msr_entry_t, struct xen_msr_entry);
	SFIELD(struct xen_msr_entry, idx);
	SFIELD(struct xen_msr_entry, flags);
	SFIELD(struct xen_msr_entry, val);
}

/* ---- errno.h ---- */

static void errno_values(void)
{
	group("errno.h: XEN_E* error values");
	VAL(XEN_EPERM);
	VAL(XEN_ENOENT);
	VAL(XEN_ESRCH);
	VAL(XEN_EINTR);
	VAL(XEN_EIO);
	VAL(XEN_ENXIO);
	VAL(XEN_E2BIG);
	VAL(XEN_ENOEXEC);
	VAL(XEN_EBADF);
	VAL(XEN_ECHILD);
	VAL(XEN_EAGAIN);
	VAL(XEN_EWOULDBLOCK);
	VAL(XEN_ENOMEM);
	VAL(XEN_EACCES);
	VAL(XEN_EFAULT);
	VAL(XEN_EBUSY);
	VAL(XEN_EEXIST);
	VAL(XEN_EXDEV);
	VAL(XEN_ENODEV);
	VAL(XEN_ENOTDIR);
	VAL(XEN_EISDIR);
	VAL(XEN_EINVAL);
	VAL(XEN_ENFILE);
	VAL(XEN_EMFILE);
	VAL(XEN_ENOSPC);
	VAL(XEN_EROFS);
	VAL(XEN_EMLINK);
	VAL(XEN_EDOM);
	VAL(XEN_ERANGE);
	VAL(XEN_EDEADLK);
	VAL(XEN_EDEADLOCK);
	VAL(XEN_ENAMETOOLONG);
	VAL(XEN_ENOLCK);
	VAL(XEN_ENOSYS);
	VAL(XEN_ENOTEMPTY);
	VAL(XEN_ENODATA);
	VAL(XEN_ETIME);
	VAL(XEN_EBADMSG);
	VAL(XEN_EOVERFLOW);
	VAL(XEN_EILSEQ);
	VAL(XEN_ERESTART);
	VAL(XEN_ENOTSOCK);
	VAL(XEN_EMSGSIZE);
	VAL(XEN_EOPNOTSUPP);
	VAL(XEN_EADDRINUSE);
	VAL(XEN_EADDRNOTAVAIL);
	VAL(XEN_ENOBUFS);
	VAL(XEN_EISCONN);
	VAL(XEN_ENOTCONN);
	VAL(XEN_ETIMEDOUT);
	VAL(XEN_ECONNREFUSED);
}

/* ---- arch-x86/cpuid.h ---- */

static void arch_x86_cpuid(void)
{
	group("arch-x86/cpuid.h: hypervisor CPUID leaves");
	VAL(XEN_CPUID_FIRST_LEAF);
	VAL(XEN_CPUID_LEAF(0));
	VAL(XEN_CPUID_LEAF(5));
	VAL(XEN_CPUID_SIGNATURE_EBX);
	VAL(XEN_CPUID_SIGNATURE_ECX);
	VAL(XEN_CPUID_SIGNATURE_EDX);
	VAL(_XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD);
	VAL(XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD);
	VAL(XEN_HVM_CPUID_APIC_ACCESS_VIRT);
	VAL(XEN_HVM_CPUID_X2APIC_VIRT);
	VAL(XEN_HVM_CPUID_IOMMU_MAPPINGS);
	VAL(XEN_HVM_CPUID_VCPU_ID_PRESENT);
	VAL(XEN_HVM_CPUID_DOMID_PRESENT);
	VAL(XEN_HVM_CPUID_EXT_DEST_ID);
	VAL(XEN_HVM_CPUID_UPCALL_VECTOR);
	VAL(XEN_CPUID_MACHINE_ADDRESS_WIDTH_MASK);
	VAL(XEN_CPUID_MAX_NUM_LEAVES);
	{
		/* The signature registers spell "XenVMMXenVMM" in EBX, ECX, EDX order. */
		uint32_t sig[3] = { XEN_CPUID_SIGNATURE_EBX, XEN_CPUID_SIGNATURE_ECX,
				    XEN_CPUID_SIGNATURE_EDX };
		char text[13] = { 0 };

		memcpy(text, sig, 12);
		string_line("signature", text, sizeof(text));
	}
}

/* ---- xen.h ---- */

static void xen_hypercalls(void)
{
	group("xen.h: hypercall numbers");
	VAL(__HYPERVISOR_set_trap_table);
	VAL(__HYPERVISOR_mmu_update);
	VAL(__HYPERVISOR_set_gdt);
	VAL(__HYPERVISOR_stack_switch);
	VAL(__HYPERVISOR_set_callbacks);
	VAL(__HYPERVISOR_fpu_taskswitch);
	VAL(__HYPERVISOR_sched_op_compat);
	VAL(__HYPERVISOR_platform_op);
	VAL(__HYPERVISOR_set_debugreg);
	VAL(__HYPERVISOR_get_debugreg);
	VAL(__HYPERVISOR_update_descriptor);
	VAL(__HYPERVISOR_memory_op);
	VAL(__HYPERVISOR_multicall);
	VAL(__HYPERVISOR_update_va_mapping);
	VAL(__HYPERVISOR_set_timer_op);
	VAL(__HYPERVISOR_event_channel_op_compat);
	VAL(__HYPERVISOR_xen_version);
	VAL(__HYPERVISOR_console_io);
	VAL(__HYPERVISOR_physdev_op_compat);
	VAL(__HYPERVISOR_grant_table_op);
	VAL(__HYPERVISOR_vm_assist);
	VAL(__HYPERVISOR_update_va_mapping_otherdomain);
	VAL(__HYPERVISOR_iret);
	VAL(__HYPERVISOR_vcpu_op);
	VAL(__HYPERVISOR_set_segment_base);
	VAL(__HYPERVISOR_mmuext_op);
	VAL(__HYPERVISOR_xsm_op);
	VAL(__HYPERVISOR_nmi_op);
	VAL(__HYPERVISOR_sched_op);
	VAL(__HYPERVISOR_callback_op);
	VAL(__HYPERVISOR_xenoprof_op);
	VAL(__HYPERVISOR_event_channel_op);
	VAL(__HYPERVISOR_physdev_op);
	VAL(__HYPERVISOR_hvm_op);
	VAL(__HYPERVISOR_sysctl);
	VAL(__HYPERVISOR_domctl);
	VAL(__HYPERVISOR_kexec_op);
	VAL(__HYPERVISOR_tmem_op);
	VAL(__HYPERVISOR_argo_op);
	VAL(__HYPERVISOR_xenpmu_op);
	VAL(__HYPERVISOR_dm_op);
	VAL(__HYPERVISOR_hypfs_op);
	VAL(__HYPERVISOR_arch_0);
	VAL(__HYPERVISOR_arch_1);
	VAL(__HYPERVISOR_arch_2);
	VAL(__HYPERVISOR_arch_3);
	VAL(__HYPERVISOR_arch_4);
	VAL(__HYPERVISOR_arch_5);
	VAL(__HYPERVISOR_arch_6);
	VAL(__HYPERVISOR_arch_7);

	group("xen.h: VIRQ_* numbers");
	VAL(VIRQ_TIMER);
	VAL(VIRQ_DEBUG);
	VAL(VIRQ_CONSOLE);
	VAL(VIRQ_DOM_EXC);
	VAL(VIRQ_TBUF);
	VAL(VIRQ_DEBUGGER);
	VAL(VIRQ_XENOPROF);
	VAL(VIRQ_CON_RING);
	VAL(VIRQ_PCPU_STATE);
	VAL(VIRQ_MEM_EVENT);
	VAL(VIRQ_ARGO);
	VAL(VIRQ_ENOMEM);
	VAL(VIRQ_XENPMU);
	VAL(VIRQ_ARCH_0);
	VAL(VIRQ_ARCH_1);
	VAL(VIRQ_ARCH_2);
	VAL(VIRQ_ARCH_3);
	VAL(VIRQ_ARCH_4);
	VAL(VIRQ_ARCH_5);
	VAL(VIRQ_ARCH_6);
	VAL(VIRQ_ARCH_7);
	VAL(NR_VIRQS);

	group("xen.h: MMU_*, MMUEXT_*, UVMF_* commands");
	VAL(MMU_NORMAL_PT_UPDATE);
	VAL(MMU_MACHPHYS_UPDATE);
	VAL(MMU_PT_UPDATE_PRESERVE_AD);
	VAL(MMU_PT_UPDATE_NO_TRANSLATE);
	VAL(MMUEXT_PIN_L1_TABLE);
	VAL(MMUEXT_PIN_L2_TABLE);
	VAL(MMUEXT_PIN_L3_TABLE);
	VAL(MMUEXT_PIN_L4_TABLE);
	VAL(MMUEXT_UNPIN_TABLE);
	VAL(MMUEXT_NEW_BASEPTR);
	VAL(MMUEXT_TLB_FLUSH_LOCAL);
	VAL(MMUEXT_INVLPG_LOCAL);
	VAL(MMUEXT_TLB_FLUSH_MULTI);
	VAL(MMUEXT_INVLPG_MULTI);
	VAL(MMUEXT_TLB_FLUSH_ALL);
	VAL(MMUEXT_INVLPG_ALL);
	VAL(MMUEXT_FLUSH_CACHE);
	VAL(MMUEXT_SET_LDT);
	VAL(MMUEXT_NEW_USER_BASEPTR);
	VAL(MMUEXT_CLEAR_PAGE);
	VAL(MMUEXT_COPY_PAGE);
	VAL(MMUEXT_FLUSH_CACHE_GLOBAL);
	VAL(MMUEXT_MARK_SUPER);
	VAL(MMUEXT_UNMARK_SUPER);
	VAL(UVMF_NONE);
	VAL(UVMF_TLB_FLUSH);
	VAL(UVMF_INVLPG);
	VAL(UVMF_FLUSHTYPE_MASK);
	VAL(UVMF_MULTI);
	VAL(UVMF_LOCAL);
	VAL(UVMF_ALL);

	group("xen.h: CONSOLEIO_*, VMASST_*, DOMID_* constants");
	VAL(CONSOLEIO_write);
	VAL(CONSOLEIO_read);
	VAL(VMASST_CMD_enable);
	VAL(VMASST_CMD_disable);
	VAL(VMASST_TYPE_4gb_segments);
	VAL(VMASST_TYPE_4gb_segments_notify);
	VAL(VMASST_TYPE_writable_pagetables);
	VAL(VMASST_TYPE_pae_extended_cr3);
	VAL(VMASST_TYPE_architectural_iopl);
	VAL(VMASST_TYPE_runstate_update_flag);
	VAL(VMASST_TYPE_m2p_strict);
	VAL(DOMID_FIRST_RESERVED);
	VAL(DOMID_SELF);
	VAL(DOMID_IO);
	VAL(DOMID_XEN);
	VAL(DOMID_COW);
	VAL(DOMID_INVALID);
	VAL(DOMID_IDLE);
	VAL(DOMID_MASK);
	ITYPE(domid_t);
}

static void xen_structs(void)
{
	group("xen.h: struct mmuext_op");
	SIZE(struct mmuext_op);
	TYPEDEF(mmuext_op_t, struct mmuext_op);
	SFIELD(struct mmuext_op, cmd);
	FIELD(struct mmuext_op, arg1);
	SFIELD(struct mmuext_op, arg1.mfn);
	SFIELD(struct mmuext_op, arg1.linear_addr);
	FIELD(struct mmuext_op, arg2);
	SFIELD(struct mmuext_op, arg2.nr_ents);
	FIELD(struct mmuext_op, arg2.vcpumask);
	SFIELD(struct mmuext_op, arg2.src_mfn);

	group("xen.h: struct mmu_update, struct multicall_entry");
	SIZE(struct mmu_update);
	TYPEDEF(mmu_update_t, struct mmu_update);
	SFIELD(struct mmu_update, ptr);
	SFIELD(struct mmu_update, val);
	SIZE(struct multicall_entry);
	TYPEDEF(multicall_entry_t, struct multicall_entry);
	SFIELD(struct multicall_entry, op);
	SFIELD(struct multicall_entry, result);
	AFIELD(struct multicall_entry, args);

	group("xen.h: struct vcpu_time_info");
	SIZE(struct vcpu_time_info);
	TYPEDEF(vcpu_time_info_t, struct vcpu_time_info);
	SFIELD(struct vcpu_time_info, version);
	SFIELD(struct vcpu_time_info, pad0);
	SFIELD(struct vcpu_time_info, tsc_timestamp);
	SFIELD(struct vcpu_time_info, system_time);
	SFIELD(struct vcpu_time_info, tsc_to_system_mul);
	SFIELD(struct vcpu_time_info, tsc_shift);
	SFIELD(struct vcpu_time_info, flags);
	AFIELD(struct vcpu_time_info, pad1);
	VAL(XEN_PVCLOCK_TSC_STABLE_BIT);
	VAL(XEN_PVCLOCK_GUEST_STOPPED);

	group("xen.h: struct vcpu_info");
	SIZE(struct vcpu_info);
	TYPEDEF(vcpu_info_t, struct vcpu_info);
	SFIELD(struct vcpu_info, evtchn_upcall_pending);
	SFIELD(struct vcpu_info, evtchn_upcall_mask);
	SFIELD(struct vcpu_info, evtchn_pending_sel);
	FIELD(struct vcpu_info, arch);
	SFIELD(struct vcpu_info, arch.cr2);
	FIELD(struct vcpu_info, time);
	SFIELD(struct vcpu_info, time.tsc_to_system_mul);

	group("xen.h: struct shared_info");
	SIZE(struct shared_info);
	TYPEDEF(shared_info_t, struct shared_info);
	FIELD(struct shared_info, vcpu_info);
	FIELD(struct shared_info, vcpu_info[31]);
	SFIELD(struct shared_info, vcpu_info[31].evtchn_upcall_mask);
	AFIELD(struct shared_info, evtchn_pending);
	AFIELD(struct shared_info, evtchn_mask);
	SFIELD(struct shared_info, wc_version);
	SFIELD(struct shared_info, wc_sec);
	SFIELD(struct shared_info, wc_nsec);
	SFIELD(struct shared_info, wc_sec_hi);
	FIELD(struct shared_info, arch);
	SFIELD(struct shared_info, arch.max_pfn);
	SFIELD(struct shared_info, arch.pfn_to_mfn_frame_list_list);
	SFIELD(struct shared_info, arch.nmi_reason);
	SFIELD(struct shared_info, arch.p2m_cr3);
	SFIELD(struct shared_info, arch.p2m_vaddr);
	SFIELD(struct shared_info, arch.p2m_generation);

	group("xen.h: struct start_info and SIF_* flags");
	SIZE(struct start_info);
	TYPEDEF(start_info_t, struct start_info);
	AFIELD(struct start_info, magic);
	SFIELD(struct start_info, nr_pages);
	SFIELD(struct start_info, shared_info);
	SFIELD(struct start_info, flags);
	SFIELD(struct start_info, store_mfn);
	SFIELD(struct start_info, store_evtchn);
	FIELD(struct start_info, console);
	FIELD(struct start_info, console.domU);
	SFIELD(struct start_info, console.domU.mfn);
	SFIELD(struct start_info, console.domU.evtchn);
	FIELD(struct start_info, console.dom0);
	SFIELD(struct start_info, console.dom0.info_off);
	SFIELD(struct start_info, console.dom0.info_size);
	SFIELD(struct start_info, pt_base);
	SFIELD(struct start_info, nr_pt_frames);
	SFIELD(struct start_info, mfn_list);
	SFIELD(struct start_info, mod_start);
	SFIELD(struct start_info, mod_len);
	AFIELD(struct start_info, cmd_line);
	SFIELD(struct start_info, first_p2m_pfn);
	SFIELD(struct start_info, nr_p2m_frames);
	VAL(MAX_GUEST_CMDLINE);
	VAL(SIF_PRIVILEGED);
	VAL(SIF_INITDOMAIN);
	VAL(SIF_MULTIBOOT_MOD);
	VAL(SIF_MOD_START_PFN);
	VAL(SIF_VIRT_P2M_4TOOLS);
	VAL(SIF_PM_MASK);

	group("xen.h: struct xen_multiboot_mod_list");
	SIZE(struct xen_multiboot_mod_list);
	SFIELD(struct xen_multiboot_mod_list, mod_start);
	SFIELD(struct xen_multiboot_mod_list, mod_end);
	SFIELD(struct xen_multiboot_mod_list, cmdline);
	SFIELD(struct xen_multiboot_mod_list, pad);

	group("xen.h: struct dom0_vga_console_info");
	SIZE(struct dom0_vga_console_info);
	TYPEDEF(dom0_vga_console_info_t, struct dom0_vga_console_info);
	VAL(XEN_VGATYPE_TEXT_MODE_3);
	VAL(XEN_VGATYPE_VESA_LFB);
	VAL(XEN_VGATYPE_EFI_LFB);
	SFIELD(struct dom0_vga_console_info, video_type);
	FIELD(struct dom0_vga_console_info, u);
	FIELD(struct dom0_vga_console_info, u.text_mode_3);
	SFIELD(struct dom0_vga_console_info, u.text_mode_3.font_height);
	SFIELD(struct dom0_vga_console_info, u.text_mode_3.cursor_x);
	SFIELD(struct dom0_vga_console_info, u.text_mode_3.cursor_y);
	SFIELD(struct dom0_vga_console_info, u.text_mode_3.rows);
	SFIELD(struct dom0_vga_console_info, u.text_mode_3.columns);
	FIELD(struct dom0_vga_console_info, u.vesa_lfb);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.width);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.height);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.bytes_per_line);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.bits_per_pixel);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.lfb_base);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.lfb_size);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.red_pos);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.red_size);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.green_pos);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.green_size);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.blue_pos);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.blue_size);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.rsvd_pos);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.rsvd_size);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.gbl_caps);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.mode_attrs);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.pad);
	SFIELD(struct dom0_vga_console_info, u.vesa_lfb.ext_lfb_base);

	group("xen.h: xen_domain_handle_t, xen_uuid_t");
	SIZE(xen_domain_handle_t);
	SIZE(xen_uuid_t);
	AFIELD(xen_uuid_t, a);
}

/* ---- features.h, elfnote.h, version.h ---- */

static void features_elfnote_version(void)
{
	group("features.h: XENFEAT_* bits");
	VAL(XENFEAT_writable_page_tables);
	VAL(XENFEAT_writable_descriptor_tables);
	VAL(XENFEAT_auto_translated_physmap);
	VAL(XENFEAT_supervisor_mode_kernel);
	VAL(XENFEAT_pae_pgdir_above_4gb);
	VAL(XENFEAT_mmu_pt_update_preserve_ad);
	VAL(XENFEAT_highmem_assist);
	VAL(XENFEAT_gnttab_map_avail_bits);
	VAL(XENFEAT_hvm_callback_vector);
	VAL(XENFEAT_hvm_safe_pvclock);
	VAL(XENFEAT_hvm_pirqs);
	VAL(XENFEAT_dom0);
	VAL(XENFEAT_memory_op_vnode_supported);
	VAL(XENFEAT_ARM_SMCCC_supported);
	VAL(XENFEAT_linux_rsdp_unrestricted);
	VAL(XENFEAT_not_direct_mapped);
	VAL(XENFEAT_direct_mapped);
	VAL(XENFEAT_NR_SUBMAPS);

	group("elfnote.h: XEN_ELFNOTE_* types");
	VAL(XEN_ELFNOTE_INFO);
	VAL(XEN_ELFNOTE_ENTRY);
	VAL(XEN_ELFNOTE_HYPERCALL_PAGE);
	VAL(XEN_ELFNOTE_VIRT_BASE);
	VAL(XEN_ELFNOTE_PADDR_OFFSET);
	VAL(XEN_ELFNOTE_XEN_VERSION);
	VAL(XEN_ELFNOTE_GUEST_OS);
	VAL(XEN_ELFNOTE_GUEST_VERSION);
	VAL(XEN_ELFNOTE_LOADER);
	VAL(XEN_ELFNOTE_PAE_MODE);
	VAL(XEN_ELFNOTE_FEATURES);
	VAL(XEN_ELFNOTE_BSD_SYMTAB);
	VAL(XEN_ELFNOTE_HV_START_LOW);
	VAL(XEN_ELFNOTE_L1_MFN_VALID);
	VAL(XEN_ELFNOTE_SUSPEND_CANCEL);
	VAL(XEN_ELFNOTE_INIT_P2M);
	VAL(XEN_ELFNOTE_MOD_START_PFN);
	VAL(XEN_ELFNOTE_SUPPORTED_FEATURES);
	VAL(XEN_ELFNOTE_PHYS32_ENTRY);
	VAL(XEN_ELFNOTE_MAX);
	VAL(XEN_ELFNOTE_CRASH_INFO);
	VAL(XEN_ELFNOTE_CRASH_REGS);
	VAL(XEN_ELFNOTE_DUMPCORE_NONE);
	VAL(XEN_ELFNOTE_DUMPCORE_HEADER);
	VAL(XEN_ELFNOTE_DUMPCORE_XEN_VERSION);
	VAL(XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION);

	group("version.h: XENVER_* sub-ops and buffer types");
	VAL(XENVER_version);
	VAL(XENVER_extraversion);
	VAL(XENVER_compile_info);
	VAL(XENVER_capabilities);
	VAL(XENVER_changeset);
	VAL(XENVER_platform_parameters);
	VAL(XENVER_get_features);
	VAL(XENVER_pagesize);
	VAL(XENVER_guest_handle);
	VAL(XENVER_commandline);
	VAL(XENVER_build_id);
	SIZE(xen_extraversion_t);
	VAL(XEN_EXTRAVERSION_LEN);
	SIZE(xen_capabilities_info_t);
	VAL(XEN_CAPABILITIES_INFO_LEN);
	SIZE(xen_changeset_info_t);
	VAL(XEN_CHANGESET_INFO_LEN);
	SIZE(xen_commandline_t);

	group("version.h: struct xen_compile_info");
	SIZE(struct xen_compile_info);
	TYPEDEF(xen_compile_info_t, struct xen_compile_info);
	AFIELD(struct xen_compile_info, compiler);
	AFIELD(struct xen_compile_info, compile_by);
	AFIELD(struct xen_compile_info, compile_domain);
	AFIELD(struct xen_compile_info, compile_date);

	group("version.h: struct xen_platform_parameters, xen_feature_info, xen_build_id");
	SIZE(struct xen_platform_parameters);
	TYPEDEF(xen_platform_parameters_t, struct xen_platform_parameters);
	SFIELD(struct xen_platform_parameters, virt_start);
	SIZE(struct xen_feature_info);
	TYPEDEF(xen_feature_info_t, struct xen_feature_info);
	SFIELD(struct xen_feature_info, submap_idx);
	SFIELD(struct xen_feature_info, submap);
	SIZE(struct xen_build_id);
	TYPEDEF(xen_build_id_t, struct xen_build_id);
	SFIELD(struct xen_build_id, len);
	FLEX(struct xen_build_id, buf);
}

/* ---- memory.h ---- */

static void memory(void)
{
	group("memory.h: XENMEM_* sub-ops");
	VAL(XENMEM_increase_reservation);
	VAL(XENMEM_decrease_reservation);
	VAL(XENMEM_maximum_ram_page);
	VAL(XENMEM_current_reservation);
	VAL(XENMEM_maximum_reservation);
	VAL(XENMEM_machphys_mfn_list);
	VAL(XENMEM_populate_physmap);
	VAL(XENMEM_add_to_physmap);
	VAL(XENMEM_memory_map);
	VAL(XENMEM_machine_memory_map);
	VAL(XENMEM_exchange);
	VAL(XENMEM_machphys_mapping);
	VAL(XENMEM_set_memory_map);
	VAL(XENMEM_maximum_gpfn);
	VAL(XENMEM_remove_from_physmap);
	VAL(XENMEM_set_pod_target);
	VAL(XENMEM_get_pod_target);
	VAL(XENMEM_add_to_physmap_batch);
	VAL(XENMEM_machphys_compat_mfn_list);
	VAL(XENMEM_get_vnumainfo);
	VAL(XENMEM_acquire_resource);

	group("memory.h: XENMEMF_* flags and XENMAPSPACE_* spaces");
	VAL(XENMEMF_address_bits(32));
	VAL(XENMEMF_get_address_bits(0x12345));
	VAL(XENMEMF_node(3));
	VAL(XENMEMF_get_node(0x0400));
	VAL(XENMEMF_get_node(0));
	VAL(XENMEMF_populate_on_demand);
	VAL(XENMEMF_exact_node_request);
	VAL(XENMEMF_exact_node(2));
	VAL(XENMEMF_vnode);
	VAL(XENMAPSPACE_shared_info);
	VAL(XENMAPSPACE_grant_table);
	VAL(XENMAPSPACE_gmfn);
	VAL(XENMAPSPACE_gmfn_range);
	VAL(XENMAPSPACE_gmfn_foreign);
	VAL(XENMAPSPACE_dev_mmio);
	VAL(XENMAPIDX_grant_table_status);

	group("memory.h: struct xen_memory_reservation");
	SIZE(struct xen_memory_reservation);
	TYPEDEF(xen_memory_reservation_t, struct xen_memory_reservation);
	FIELD(struct xen_memory_reservation, extent_start);
	SFIELD(struct xen_memory_reservation, nr_extents);
	SFIELD(struct xen_memory_reservation, extent_order);
	SFIELD(struct xen_memory_reservation, mem_flags);
	SFIELD(struct xen_memory_reservation, domid);

	group("memory.h: struct xen_memory_exchange");
	SIZE(struct xen_memory_exchange);
	TYPEDEF(xen_memory_exchange_t, struct xen_memory_exchange);
	FIELD(struct xen_memory_exchange, in);
	FIELD(struct xen_memory_exchange, in.extent_start);
	SFIELD(struct xen_memory_exchange, in.domid);
	FIELD(struct xen_memory_exchange, out);
	FIELD(struct xen_memory_exchange, out.extent_start);
	SFIELD(struct xen_memory_exchange, out.mem_flags);
	SFIELD(struct xen_memory_exchange, nr_exchanged);

	group("memory.h: struct xen_memory_domain, xen_machphys_mfn_list, xen_machphys_mapping");
	SIZE(struct xen_memory_domain);
	SFIELD(struct xen_memory_domain, domid);
	SIZE(struct xen_machphys_mfn_list);
	TYPEDEF(xen_machphys_mfn_list_t, struct xen_machphys_mfn_list);
	SFIELD(struct xen_machphys_mfn_list, max_extents);
	FIELD(struct xen_machphys_mfn_list, extent_start);
	SFIELD(struct xen_machphys_mfn_list, nr_extents);
	SIZE(struct xen_machphys_mapping);
	TYPEDEF(xen_machphys_mapping_t, struct xen_machphys_mapping);
	SFIELD(struct xen_machphys_mapping, v_start);
	SFIELD(struct xen_machphys_mapping, v_end);
	SFIELD(struct xen_machphys_mapping, max_mfn);

	group("memory.h: struct xen_add_to_physmap(_batch), xen_remove_from_physmap");
	SIZE(struct xen_add_to_physmap);
	TYPEDEF(xen_add_to_physmap_t, struct xen_add_to_physmap);
	SFIELD(struct xen_add_to_physmap, domid);
	SFIELD(struct xen_add_to_physmap, size);
	SFIELD(struct xen_add_to_physmap, space);
	SFIELD(struct xen_add_to_physmap, idx);
	SFIELD(struct xen_add_to_physmap, gpfn);
	SIZE(struct xen_add_to_physmap_batch);
	TYPEDEF(xen_add_to_physmap_batch_t, struct xen_add_to_physmap_batch);
	SFIELD(struct xen_add_to_physmap_batch, domid);
	SFIELD(struct xen_add_to_physmap_batch, space);
	SFIELD(struct xen_add_to_physmap_batch, size);
	FIELD(struct xen_add_to_physmap_batch, u);
	SFIELD(struct xen_add_to_physmap_batch, u.foreign_domid);
	SFIELD(struct xen_add_to_physmap_batch, u.res0);
	FIELD(struct xen_add_to_physmap_batch, idxs);
	FIELD(struct xen_add_to_physmap_batch, gpfns);
	FIELD(struct xen_add_to_physmap_batch, errs);
	SIZE(union xen_add_to_physmap_batch_extra);
	SFIELD(union xen_add_to_physmap_batch_extra, foreign_domid);
	SFIELD(union xen_add_to_physmap_batch_extra, res0);
	SIZE(struct xen_remove_from_physmap);
	TYPEDEF(xen_remove_from_physmap_t, struct xen_remove_from_physmap);
	SFIELD(struct xen_remove_from_physmap, domid);
	SFIELD(struct xen_remove_from_physmap, gpfn);

	group("memory.h: struct xen_memory_map, xen_foreign_memory_map");
	SIZE(struct xen_memory_map);
	TYPEDEF(xen_memory_map_t, struct xen_memory_map);
	SFIELD(struct xen_memory_map, nr_entries);
	FIELD(struct xen_memory_map, buffer);
	SIZE(struct xen_foreign_memory_map);
	TYPEDEF(xen_foreign_memory_map_t, struct xen_foreign_memory_map);
	SFIELD(struct xen_foreign_memory_map, domid);
	FIELD(struct xen_foreign_memory_map, map);
	SFIELD(struct xen_foreign_memory_map, map.nr_entries);
	FIELD(struct xen_foreign_memory_map, map.buffer);

	group("memory.h: struct xen_pod_target");
	SIZE(struct xen_pod_target);
	TYPEDEF(xen_pod_target_t, struct xen_pod_target);
	SFIELD(struct xen_pod_target, target_pages);
	SFIELD(struct xen_pod_target, tot_pages);
	SFIELD(struct xen_pod_target, pod_cache_pages);
	SFIELD(struct xen_pod_target, pod_entries);
	SFIELD(struct xen_pod_target, domid);

	group("memory.h: struct xen_mem_acquire_resource");
	SIZE(struct xen_mem_acquire_resource);
	TYPEDEF(xen_mem_acquire_resource_t, struct xen_mem_acquire_resource);
	SFIELD(struct xen_mem_acquire_resource, domid);
	SFIELD(struct xen_mem_acquire_resource, type);
	SFIELD(struct xen_mem_acquire_resource, id);
	SFIELD(struct xen_mem_acquire_resource, nr_frames);
	SFIELD(struct xen_mem_acquire_resource, pad);
	SFIELD(struct xen_mem_acquire_resource, frame);
	FIELD(struct xen_mem_acquire_resource, frame_list);
	VAL(XENMEM_resource_ioreq_server);
	VAL(XENMEM_resource_grant_table);
	VAL(XENMEM_resource_vmtrace_buf);
	VAL(XENMEM_resource_grant_table_id_shared);
	VAL(XENMEM_resource_grant_table_id_status);
	VAL(XENMEM_resource_ioreq_server_frame_bufioreq);
	VAL(XENMEM_resource_ioreq_server_frame_ioreq(0));
	VAL(XENMEM_resource_ioreq_server_frame_ioreq(4));

	group("memory.h: struct xen_vmemrange, xen_vnuma_topology_info");
	SIZE(struct xen_vmemrange);
	TYPEDEF(xen_vmemrange_t, struct xen_vmemrange);
	SFIELD(struct xen_vmemrange, start);
	SFIELD(struct xen_vmemrange, end);
	SFIELD(struct xen_vmemrange, flags);
	SFIELD(struct xen_vmemrange, nid);
	SIZE(struct xen_vnuma_topology_info);
	TYPEDEF(xen_vnuma_topology_info_t, struct xen_vnuma_topology_info);
	SFIELD(struct xen_vnuma_topology_info, domid);
	SFIELD(struct xen_vnuma_topology_info, pad);
	SFIELD(struct xen_vnuma_topology_info, nr_vnodes);
	SFIELD(struct xen_vnuma_topology_info, nr_vcpus);
	SFIELD(struct xen_vnuma_topology_info, nr_vmemranges);
	FIELD(struct xen_vnuma_topology_info, vdistance);
	FIELD(struct xen_vnuma_topology_info, vdistance.h);
	SFIELD(struct xen_vnuma_topology_info, vdistance.pad);
	FIELD(struct xen_vnuma_topology_info, vcpu_to_vnode);
	FIELD(struct xen_vnuma_topology_info, vcpu_to_vnode.h);
	SFIELD(struct xen_vnuma_topology_info, vcpu_to_vnode.pad);
	FIELD(struct xen_vnuma_topology_info, vmemrange);
	FIELD(struct xen_vnuma_topology_info, vmemrange.h);
	SFIELD(struct xen_vnuma_topology_info, vmemrange.pad);
}

/* ---- vcpu.h ---- */

static void vcpu(void)
{
	group("vcpu.h: VCPUOP_* sub-ops, RUNSTATE_* states, timer flags");
	VAL(VCPUOP_initialise);
	VAL(VCPUOP_up);
	VAL(VCPUOP_down);
	VAL(VCPUOP_is_up);
	VAL(VCPUOP_get_runstate_info);
	VAL(VCPUOP_register_runstate_memory_area);
	VAL(VCPUOP_set_periodic_timer);
	VAL(VCPUOP_stop_periodic_timer);
	VAL(VCPUOP_set_singleshot_timer);
	VAL(VCPUOP_stop_singleshot_timer);
	VAL(VCPUOP_register_vcpu_info);
	VAL(VCPUOP_send_nmi);
	VAL(VCPUOP_get_physid);
	VAL(VCPUOP_register_vcpu_time_memory_area);
	VAL(RUNSTATE_running);
	VAL(RUNSTATE_runnable);
	VAL(RUNSTATE_blocked);
	VAL(RUNSTATE_offline);
	VAL(XEN_RUNSTATE_UPDATE);
	VAL(_VCPU_SSHOTTMR_future);
	VAL(VCPU_SSHOTTMR_future);
	VAL(xen_vcpu_physid_to_x86_apicid(0x1122334455667788ULL));
	VAL(xen_vcpu_physid_to_x86_acpiid(0x1122334455667788ULL));

	group("vcpu.h: struct vcpu_runstate_info");
	SIZE(struct vcpu_runstate_info);
	TYPEDEF(vcpu_runstate_info_t, struct vcpu_runstate_info);
	SFIELD(struct vcpu_runstate_info, state);
	SFIELD(struct vcpu_runstate_info, state_entry_time);
	AFIELD(struct vcpu_runstate_info, time);

	group("vcpu.h: struct vcpu_register_runstate_memory_area, *_time_memory_area");
	SIZE(struct vcpu_register_runstate_memory_area);
	TYPEDEF(vcpu_register_runstate_memory_area_t, struct vcpu_register_runstate_memory_area);
	FIELD(struct vcpu_register_runstate_memory_area, addr);
	FIELD(struct vcpu_register_runstate_memory_area, addr.h);
	FIELD(struct vcpu_register_runstate_memory_area, addr.v);
	SFIELD(struct vcpu_register_runstate_memory_area, addr.p);
	SIZE(struct vcpu_register_time_memory_area);
	TYPEDEF(vcpu_register_time_memory_area_t, struct vcpu_register_time_memory_area);
	FIELD(struct vcpu_register_time_memory_area, addr);
	FIELD(struct vcpu_register_time_memory_area, addr.h);
	FIELD(struct vcpu_register_time_memory_area, addr.v);
	SFIELD(struct vcpu_register_time_memory_area, addr.p);

	group("vcpu.h: struct vcpu_set_periodic_timer, vcpu_set_singleshot_timer");
	SIZE(struct vcpu_set_periodic_timer);
	TYPEDEF(vcpu_set_periodic_timer_t, struct vcpu_set_periodic_timer);
	SFIELD(struct vcpu_set_periodic_timer, period_ns);
	SIZE(struct vcpu_set_singleshot_timer);
	TYPEDEF(vcpu_set_singleshot_timer_t, struct vcpu_set_singleshot_timer);
	SFIELD(struct vcpu_set_singleshot_timer, timeout_abs_ns);
	SFIELD(struct vcpu_set_singleshot_timer, flags);

	group("vcpu.h: struct vcpu_register_vcpu_info, vcpu_get_physid");
	SIZE(struct vcpu_register_vcpu_info);
	TYPEDEF(vcpu_register_vcpu_info_t, struct vcpu_register_vcpu_info);
	SFIELD(struct vcpu_register_vcpu_info, mfn);
	SFIELD(struct vcpu_register_vcpu_info, offset);
	SFIELD(struct vcpu_register_vcpu_info, rsvd);
	SIZE(struct vcpu_get_physid);
	TYPEDEF(vcpu_get_physid_t, struct vcpu_get_physid);
	SFIELD(struct vcpu_get_physid, phys_id);
}

/* ---- platform.h ---- */

static void platform(void)
{
	group("platform.h: XENPF_INTERFACE_VERSION and the XENPF_* commands");
	VAL(XENPF_INTERFACE_VERSION);
	VAL(XENPF_settime32);
	VAL(XENPF_add_memtype);
	VAL(XENPF_del_memtype);
	VAL(XENPF_read_memtype);
	VAL(XENPF_microcode_update);
	VAL(XENPF_platform_quirk);
	VAL(XENPF_get_cpu_version);
	VAL(XENPF_efi_runtime_call);
	VAL(XENPF_firmware_info);
	VAL(XENPF_enter_acpi_sleep);
	VAL(XENPF_change_freq);
	VAL(XENPF_getidletime);
	VAL(XENPF_set_processor_pminfo);
	VAL(XENPF_get_cpuinfo);
	VAL(XENPF_cpu_online);
	VAL(XENPF_cpu_offline);
	VAL(XENPF_cpu_hotadd);
	VAL(XENPF_mem_hotadd);
	VAL(XENPF_core_parking);
	VAL(XENPF_resource_op);
	VAL(XENPF_settime64);
	VAL(XENPF_get_symbol);

	group("platform.h: struct xen_platform_op, xenpf_settime32, xenpf_settime64");
	SIZE(struct xen_platform_op);
	TYPEDEF(xen_platform_op_t, struct xen_platform_op);
	SFIELD(struct xen_platform_op, cmd);
	SFIELD(struct xen_platform_op, interface_version);
	FIELD(struct xen_platform_op, u);
	FIELD(struct xen_platform_op, u.settime32);
	FIELD(struct xen_platform_op, u.settime64);
	FIELD(struct xen_platform_op, u.core_parking);
	FIELD(struct xen_platform_op, u.pcpu_info);
	FIELD(struct xen_platform_op, u.pad);
	SIZE(struct xenpf_settime32);
	TYPEDEF(xenpf_settime32_t, struct xenpf_settime32);
	SFIELD(struct xenpf_settime32, secs);
	SFIELD(struct xenpf_settime32, nsecs);
	SFIELD(struct xenpf_settime32, system_time);
	SIZE(struct xenpf_settime64);
	TYPEDEF(xenpf_settime64_t, struct xenpf_settime64);
	SFIELD(struct xenpf_settime64, secs);
	SFIELD(struct xenpf_settime64, nsecs);
	SFIELD(struct xenpf_settime64, mbz);
	SFIELD(struct xenpf_settime64, system_time);

	group("platform.h: XEN_PCPU_FLAGS_*, struct xenpf_pcpuinfo");
	VAL(XEN_PCPU_FLAGS_ONLINE);
	VAL(XEN_PCPU_FLAGS_INVALID);
	SIZE(struct xenpf_pcpuinfo);
	TYPEDEF(xenpf_pcpuinfo_t, struct xenpf_pcpuinfo);
	SFIELD(struct xenpf_pcpuinfo, xen_cpuid);
	SFIELD(struct xenpf_pcpuinfo, max_present);
	SFIELD(struct xenpf_pcpuinfo, flags);
	SFIELD(struct xenpf_pcpuinfo, apic_id);
	SFIELD(struct xenpf_pcpuinfo, acpi_id);

	group("platform.h: XEN_CORE_PARKING_*, struct xenpf_core_parking");
	VAL(XEN_CORE_PARKING_SET);
	VAL(XEN_CORE_PARKING_GET);
	SIZE(struct xenpf_core_parking);
	TYPEDEF(xenpf_core_parking_t, struct xenpf_core_parking);
	SFIELD(struct xenpf_core_parking, type);
	SFIELD(struct xenpf_core_parking, idle_nums);
}

/* ---- sched.h, callback.h ---- */

static void sched_callback(void)
{
	group("sched.h: SCHEDOP_* sub-ops and SHUTDOWN_* reasons");
	VAL(SCHEDOP_yield);
	VAL(SCHEDOP_block);
	VAL(SCHEDOP_shutdown);
	VAL(SCHEDOP_poll);
	VAL(SCHEDOP_remote_shutdown);
	VAL(SCHEDOP_shutdown_code);
	VAL(SCHEDOP_watchdog);
	VAL(SCHEDOP_pin_override);
	VAL(SHUTDOWN_poweroff);
	VAL(SHUTDOWN_reboot);
	VAL(SHUTDOWN_suspend);
	VAL(SHUTDOWN_crash);
	VAL(SHUTDOWN_watchdog);
	VAL(SHUTDOWN_soft_reset);
	VAL(SHUTDOWN_MAX);

	group("sched.h: struct sched_shutdown, sched_poll, sched_remote_shutdown");
	SIZE(struct sched_shutdown);
	TYPEDEF(sched_shutdown_t, struct sched_shutdown);
	SFIELD(struct sched_shutdown, reason);
	SIZE(struct sched_poll);
	TYPEDEF(sched_poll_t, struct sched_poll);
	FIELD(struct sched_poll, ports);
	SFIELD(struct sched_poll, nr_ports);
	SFIELD(struct sched_poll, timeout);
	SIZE(struct sched_remote_shutdown);
	TYPEDEF(sched_remote_shutdown_t, struct sched_remote_shutdown);
	SFIELD(struct sched_remote_shutdown, domain_id);
	SFIELD(struct sched_remote_shutdown, reason);

	group("sched.h: struct sched_watchdog, sched_pin_override");
	SIZE(struct sched_watchdog);
	TYPEDEF(sched_watchdog_t, struct sched_watchdog);
	SFIELD(struct sched_watchdog, id);
	SFIELD(struct sched_watchdog, timeout);
	SIZE(struct sched_pin_override);
	TYPEDEF(sched_pin_override_t, struct sched_pin_override);
	SFIELD(struct sched_pin_override, pcpu);

	group("callback.h: CALLBACKTYPE_*, CALLBACKF_*, CALLBACKOP_*");
	VAL(CALLBACKTYPE_event);
	VAL(CALLBACKTYPE_failsafe);
	VAL(CALLBACKTYPE_syscall);
	VAL(CALLBACKTYPE_sysenter_deprecated);
	VAL(CALLBACKTYPE_nmi);
	VAL(CALLBACKTYPE_sysenter);
	VAL(CALLBACKTYPE_syscall32);
	VAL(_CALLBACKF_mask_events);
	VAL(CALLBACKF_mask_events);
	VAL(CALLBACKOP_register);
	VAL(CALLBACKOP_unregister);

	group("callback.h: struct callback_register, callback_unregister");
	SIZE(struct callback_register);
	TYPEDEF(callback_register_t, struct callback_register);
	SFIELD(struct callback_register, type);
	SFIELD(struct callback_register, flags);
	SFIELD(struct callback_register, address);
	SIZE(struct callback_unregister);
	TYPEDEF(callback_unregister_t, struct callback_unregister);
	SFIELD(struct callback_unregister, type);
	SFIELD(struct callback_unregister, _unused);

	group("nmi.h: XENNMI_*, XEN_NMIREASON_*, struct xennmi_callback");
	VAL(XENNMI_register_callback);
	VAL(XENNMI_unregister_callback);
	VAL(_XEN_NMIREASON_io_error);
	VAL(XEN_NMIREASON_io_error);
	VAL(_XEN_NMIREASON_pci_serr);
	VAL(XEN_NMIREASON_pci_serr);
	VAL(_XEN_NMIREASON_unknown);
	VAL(XEN_NMIREASON_unknown);
	SIZE(struct xennmi_callback);
	TYPEDEF(xennmi_callback_t, struct xennmi_callback);
	SFIELD(struct xennmi_callback, handler_address);
	SFIELD(struct xennmi_callback, pad);
}

/* ---- event_channel.h ---- */

static void event_channel(void)
{
	group("event_channel.h: EVTCHNOP_* sub-ops, EVTCHNSTAT_*, 2-level and FIFO constants");
	VAL(EVTCHNOP_bind_interdomain);
	VAL(EVTCHNOP_bind_virq);
	VAL(EVTCHNOP_bind_pirq);
	VAL(EVTCHNOP_close);
	VAL(EVTCHNOP_send);
	VAL(EVTCHNOP_status);
	VAL(EVTCHNOP_alloc_unbound);
	VAL(EVTCHNOP_bind_ipi);
	VAL(EVTCHNOP_bind_vcpu);
	VAL(EVTCHNOP_unmask);
	VAL(EVTCHNOP_reset);
	VAL(EVTCHNOP_init_control);
	VAL(EVTCHNOP_expand_array);
	VAL(EVTCHNOP_set_priority);
	ITYPE(evtchn_port_t);
	VAL(BIND_PIRQ__WILL_SHARE);
	VAL(EVTCHNSTAT_closed);
	VAL(EVTCHNSTAT_unbound);
	VAL(EVTCHNSTAT_interdomain);
	VAL(EVTCHNSTAT_pirq);
	VAL(EVTCHNSTAT_virq);
	VAL(EVTCHNSTAT_ipi);
	VAL(EVTCHN_2L_NR_CHANNELS);
	VAL(EVTCHN_FIFO_PRIORITY_MAX);
	VAL(EVTCHN_FIFO_PRIORITY_DEFAULT);
	VAL(EVTCHN_FIFO_PRIORITY_MIN);
	VAL(EVTCHN_FIFO_MAX_QUEUES);
	ITYPE(event_word_t);
	VAL(EVTCHN_FIFO_PENDING);
	VAL(EVTCHN_FIFO_MASKED);
	VAL(EVTCHN_FIFO_LINKED);
	VAL(EVTCHN_FIFO_BUSY);
	VAL(EVTCHN_FIFO_LINK_BITS);
	VAL(EVTCHN_FIFO_LINK_MASK);
	VAL(EVTCHN_FIFO_NR_CHANNELS);

	group("event_channel.h: struct evtchn_alloc_unbound, evtchn_bind_interdomain");
	SIZE(struct evtchn_alloc_unbound);
	TYPEDEF(evtchn_alloc_unbound_t, struct evtchn_alloc_unbound);
	SFIELD(struct evtchn_alloc_unbound, dom);
	SFIELD(struct evtchn_alloc_unbound, remote_dom);
	SFIELD(struct evtchn_alloc_unbound, port);
	SIZE(struct evtchn_bind_interdomain);
	TYPEDEF(evtchn_bind_interdomain_t, struct evtchn_bind_interdomain);
	SFIELD(struct evtchn_bind_interdomain, remote_dom);
	SFIELD(struct evtchn_bind_interdomain, remote_port);
	SFIELD(struct evtchn_bind_interdomain, local_port);

	group("event_channel.h: struct evtchn_bind_virq, evtchn_bind_pirq, evtchn_bind_ipi");
	SIZE(struct evtchn_bind_virq);
	TYPEDEF(evtchn_bind_virq_t, struct evtchn_bind_virq);
	SFIELD(struct evtchn_bind_virq, virq);
	SFIELD(struct evtchn_bind_virq, vcpu);
	SFIELD(struct evtchn_bind_virq, port);
	SIZE(struct evtchn_bind_pirq);
	TYPEDEF(evtchn_bind_pirq_t, struct evtchn_bind_pirq);
	SFIELD(struct evtchn_bind_pirq, pirq);
	SFIELD(struct evtchn_bind_pirq, flags);
	SFIELD(struct evtchn_bind_pirq, port);
	SIZE(struct evtchn_bind_ipi);
	TYPEDEF(evtchn_bind_ipi_t, struct evtchn_bind_ipi);
	SFIELD(struct evtchn_bind_ipi, vcpu);
	SFIELD(struct evtchn_bind_ipi, port);

	group("event_channel.h: struct evtchn_close, _send, _unmask, _bind_vcpu, _reset");
	SIZE(struct evtchn_close);
	TYPEDEF(evtchn_close_t, struct evtchn_close);
	SFIELD(struct evtchn_close, port);
	SIZE(struct evtchn_send);
	TYPEDEF(evtchn_send_t, struct evtchn_send);
	SFIELD(struct evtchn_send, port);
	SIZE(struct evtchn_unmask);
	TYPEDEF(evtchn_unmask_t, struct evtchn_unmask);
	SFIELD(struct evtchn_unmask, port);
	SIZE(struct evtchn_bind_vcpu);
	TYPEDEF(evtchn_bind_vcpu_t, struct evtchn_bind_vcpu);
	SFIELD(struct evtchn_bind_vcpu, port);
	SFIELD(struct evtchn_bind_vcpu, vcpu);
	SIZE(struct evtchn_reset);
	TYPEDEF(evtchn_reset_t, struct evtchn_reset);
	SFIELD(struct evtchn_reset, dom);

	group("event_channel.h: struct evtchn_status");
	SIZE(struct evtchn_status);
	TYPEDEF(evtchn_status_t, struct evtchn_status);
	SFIELD(struct evtchn_status, dom);
	SFIELD(struct evtchn_status, port);
	SFIELD(struct evtchn_status, status);
	SFIELD(struct evtchn_status, vcpu);
	FIELD(struct evtchn_status, u);
	FIELD(struct evtchn_status, u.unbound);
	SFIELD(struct evtchn_status, u.unbound.dom);
	FIELD(struct evtchn_status, u.interdomain);
	SFIELD(struct evtchn_status, u.interdomain.dom);
	SFIELD(struct evtchn_status, u.interdomain.port);
	SFIELD(struct evtchn_status, u.pirq);
	SFIELD(struct evtchn_status, u.virq);

	group("event_channel.h: FIFO: evtchn_init_control, _expand_array, _set_priority, ...");
	SIZE(struct evtchn_init_control);
	TYPEDEF(evtchn_init_control_t, struct evtchn_init_control);
	SFIELD(struct evtchn_init_control, control_gfn);
	SFIELD(struct evtchn_init_control, offset);
	SFIELD(struct evtchn_init_control, vcpu);
	SFIELD(struct evtchn_init_control, link_bits);
	AFIELD(struct evtchn_init_control, _pad);
	SIZE(struct evtchn_expand_array);
	TYPEDEF(evtchn_expand_array_t, struct evtchn_expand_array);
	SFIELD(struct evtchn_expand_array, array_gfn);
	SIZE(struct evtchn_set_priority);
	TYPEDEF(evtchn_set_priority_t, struct evtchn_set_priority);
	SFIELD(struct evtchn_set_priority, port);
	SFIELD(struct evtchn_set_priority, priority);
	SIZE(struct evtchn_fifo_control_block);
	TYPEDEF(evtchn_fifo_control_block_t, struct evtchn_fifo_control_block);
	SFIELD(struct evtchn_fifo_control_block, ready);
	SFIELD(struct evtchn_fifo_control_block, _rsvd);
	AFIELD(struct evtchn_fifo_control_block, head);

	group("event_channel.h: struct evtchn_op (compat hypercall argument)");
	SIZE(struct evtchn_op);
	TYPEDEF(evtchn_op_t, struct evtchn_op);
	SFIELD(struct evtchn_op, cmd);
	FIELD(struct evtchn_op, u);
	FIELD(struct evtchn_op, u.alloc_unbound);
	FIELD(struct evtchn_op, u.bind_interdomain);
	FIELD(struct evtchn_op, u.bind_virq);
	FIELD(struct evtchn_op, u.bind_pirq);
	FIELD(struct evtchn_op, u.bind_ipi);
	FIELD(struct evtchn_op, u.close);
	FIELD(struct evtchn_op, u.send);
	FIELD(struct evtchn_op, u.status);
	FIELD(struct evtchn_op, u.bind_vcpu);
	FIELD(struct evtchn_op, u.unmask);
}

/* ---- grant_table.h ---- */

static void grant_table(void)
{
	group("grant_table.h: GTF_*, GNTTAB_* reserved entries, grant types");
	ITYPE(grant_ref_t);
	ITYPE(grant_handle_t);
	ITYPE(grant_status_t);
	VAL(GNTTAB_NR_RESERVED_ENTRIES);
	VAL(GNTTAB_RESERVED_CONSOLE);
	VAL(GNTTAB_RESERVED_XENSTORE);
	VAL(GTF_invalid);
	VAL(GTF_permit_access);
	VAL(GTF_accept_transfer);
	VAL(GTF_transitive);
	VAL(GTF_type_mask);
	VAL(_GTF_readonly);
	VAL(GTF_readonly);
	VAL(_GTF_reading);
	VAL(GTF_reading);
	VAL(_GTF_writing);
	VAL(GTF_writing);
	VAL(_GTF_PWT);
	VAL(GTF_PWT);
	VAL(_GTF_PCD);
	VAL(GTF_PCD);
	VAL(_GTF_PAT);
	VAL(GTF_PAT);
	VAL(_GTF_sub_page);
	VAL(GTF_sub_page);
	VAL(_GTF_transfer_committed);
	VAL(GTF_transfer_committed);
	VAL(_GTF_transfer_completed);
	VAL(GTF_transfer_completed);

	group("grant_table.h: GNTTABOP_*, GNTMAP_*, GNTCOPY_*, GNTST_*, GNTTAB_CACHE_*");
	VAL(GNTTABOP_map_grant_ref);
	VAL(GNTTABOP_unmap_grant_ref);
	VAL(GNTTABOP_setup_table);
	VAL(GNTTABOP_dump_table);
	VAL(GNTTABOP_transfer);
	VAL(GNTTABOP_copy);
	VAL(GNTTABOP_query_size);
	VAL(GNTTABOP_unmap_and_replace);
	VAL(GNTTABOP_set_version);
	VAL(GNTTABOP_get_status_frames);
	VAL(GNTTABOP_get_version);
	VAL(GNTTABOP_swap_grant_ref);
	VAL(GNTTABOP_cache_flush);
	VAL(_GNTMAP_device_map);
	VAL(GNTMAP_device_map);
	VAL(_GNTMAP_host_map);
	VAL(GNTMAP_host_map);
	VAL(_GNTMAP_readonly);
	VAL(GNTMAP_readonly);
	VAL(_GNTMAP_application_map);
	VAL(GNTMAP_application_map);
	VAL(_GNTMAP_contains_pte);
	VAL(GNTMAP_contains_pte);
	VAL(_GNTMAP_guest_avail0);
	VAL(GNTMAP_guest_avail_mask);
	VAL(_GNTCOPY_source_gref);
	VAL(GNTCOPY_source_gref);
	VAL(_GNTCOPY_dest_gref);
	VAL(GNTCOPY_dest_gref);
	VAL(GNTST_okay);
	VAL(GNTST_general_error);
	VAL(GNTST_bad_domain);
	VAL(GNTST_bad_gntref);
	VAL(GNTST_bad_handle);
	VAL(GNTST_bad_virt_addr);
	VAL(GNTST_bad_dev_addr);
	VAL(GNTST_no_device_space);
	VAL(GNTST_permission_denied);
	VAL(GNTST_bad_page);
	VAL(GNTST_bad_copy_arg);
	VAL(GNTST_address_too_big);
	VAL(GNTST_eagain);
	VAL(GNTST_no_space);
	VAL(GNTTAB_CACHE_CLEAN);
	VAL(GNTTAB_CACHE_INVAL);
	VAL(GNTTAB_CACHE_SOURCE_GREF);

	group("grant_table.h: struct grant_entry_v1, grant_entry_header, union grant_entry_v2");
	SIZE(struct grant_entry_v1);
	TYPEDEF(grant_entry_v1_t, struct grant_entry_v1);
	SFIELD(struct grant_entry_v1, flags);
	SFIELD(struct grant_entry_v1, domid);
	SFIELD(struct grant_entry_v1, frame);
	SIZE(struct grant_entry_header);
	TYPEDEF(grant_entry_header_t, struct grant_entry_header);
	SFIELD(struct grant_entry_header, flags);
	SFIELD(struct grant_entry_header, domid);
	SIZE(union grant_entry_v2);
	TYPEDEF(grant_entry_v2_t, union grant_entry_v2);
	FIELD(union grant_entry_v2, hdr);
	FIELD(union grant_entry_v2, full_page);
	FIELD(union grant_entry_v2, full_page.hdr);
	SFIELD(union grant_entry_v2, full_page.pad0);
	SFIELD(union grant_entry_v2, full_page.frame);
	FIELD(union grant_entry_v2, sub_page);
	FIELD(union grant_entry_v2, sub_page.hdr);
	SFIELD(union grant_entry_v2, sub_page.page_off);
	SFIELD(union grant_entry_v2, sub_page.length);
	SFIELD(union grant_entry_v2, sub_page.frame);
	FIELD(union grant_entry_v2, transitive);
	FIELD(union grant_entry_v2, transitive.hdr);
	SFIELD(union grant_entry_v2, transitive.trans_domid);
	SFIELD(union grant_entry_v2, transitive.pad0);
	SFIELD(union grant_entry_v2, transitive.gref);
	AFIELD(union grant_entry_v2, __spacer);

	group("grant_table.h: struct gnttab_map_grant_ref, gnttab_unmap_grant_ref");
	SIZE(struct gnttab_map_grant_ref);
	TYPEDEF(gnttab_map_grant_ref_t, struct gnttab_map_grant_ref);
	SFIELD(struct gnttab_map_grant_ref, host_addr);
	SFIELD(struct gnttab_map_grant_ref, flags);
	SFIELD(struct gnttab_map_grant_ref, ref);
	SFIELD(struct gnttab_map_grant_ref, dom);
	SFIELD(struct gnttab_map_grant_ref, status);
	SFIELD(struct gnttab_map_grant_ref, handle);
	SFIELD(struct gnttab_map_grant_ref, dev_bus_addr);
	SIZE(struct gnttab_unmap_grant_ref);
	TYPEDEF(gnttab_unmap_grant_ref_t, struct gnttab_unmap_grant_ref);
	SFIELD(struct gnttab_unmap_grant_ref, host_addr);
	SFIELD(struct gnttab_unmap_grant_ref, dev_bus_addr);
	SFIELD(struct gnttab_unmap_grant_ref, handle);
	SFIELD(struct gnttab_unmap_grant_ref, status);

	group("grant_table.h: struct gnttab_setup_table, gnttab_query_size, gnttab_dump_table");
	SIZE(struct gnttab_setup_table);
	TYPEDEF(gnttab_setup_table_t, struct gnttab_setup_table);
	SFIELD(struct gnttab_setup_table, dom);
	SFIELD(struct gnttab_setup_table, nr_frames);
	SFIELD(struct gnttab_setup_table, status);
	FIELD(struct gnttab_setup_table, frame_list);
	SIZE(struct gnttab_query_size);
	TYPEDEF(gnttab_query_size_t, struct gnttab_query_size);
	SFIELD(struct gnttab_query_size, dom);
	SFIELD(struct gnttab_query_size, nr_frames);
	SFIELD(struct gnttab_query_size, max_nr_frames);
	SFIELD(struct gnttab_query_size, status);
	SIZE(struct gnttab_dump_table);
	TYPEDEF(gnttab_dump_table_t, struct gnttab_dump_table);
	SFIELD(struct gnttab_dump_table, dom);
	SFIELD(struct gnttab_dump_table, status);

	group("grant_table.h: struct gnttab_copy, gnttab_copy_ptr");
	SIZE(struct gnttab_copy);
	TYPEDEF(gnttab_copy_t, struct gnttab_copy);
	FIELD(struct gnttab_copy, source);
	SFIELD(struct gnttab_copy, source.u.ref);
	SFIELD(struct gnttab_copy, source.u.gmfn);
	SFIELD(struct gnttab_copy, source.domid);
	SFIELD(struct gnttab_copy, source.offset);
	FIELD(struct gnttab_copy, dest);
	SFIELD(struct gnttab_copy, dest.u.ref);
	SFIELD(struct gnttab_copy, dest.domid);
	SFIELD(struct gnttab_copy, dest.offset);
	SFIELD(struct gnttab_copy, len);
	SFIELD(struct gnttab_copy, flags);
	SFIELD(struct gnttab_copy, status);
	SIZE(struct gnttab_copy_ptr);
	FIELD(struct gnttab_copy_ptr, u);
	SFIELD(struct gnttab_copy_ptr, u.ref);
	SFIELD(struct gnttab_copy_ptr, u.gmfn);
	SFIELD(struct gnttab_copy_ptr, domid);
	SFIELD(struct gnttab_copy_ptr, offset);

	group("grant_table.h: struct gnttab_transfer, gnttab_unmap_and_replace");
	SIZE(struct gnttab_transfer);
	TYPEDEF(gnttab_transfer_t, struct gnttab_transfer);
	SFIELD(struct gnttab_transfer, mfn);
	SFIELD(struct gnttab_transfer, domid);
	SFIELD(struct gnttab_transfer, ref);
	SFIELD(struct gnttab_transfer, status);
	SIZE(struct gnttab_unmap_and_replace);
	TYPEDEF(gnttab_unmap_and_replace_t, struct gnttab_unmap_and_replace);
	SFIELD(struct gnttab_unmap_and_replace, host_addr);
	SFIELD(struct gnttab_unmap_and_replace, new_addr);
	SFIELD(struct gnttab_unmap_and_replace, handle);
	SFIELD(struct gnttab_unmap_and_replace, status);

	group("grant_table.h: struct gnttab_set_version, _get_version, _get_status_frames");
	SIZE(struct gnttab_set_version);
	TYPEDEF(gnttab_set_version_t, struct gnttab_set_version);
	SFIELD(struct gnttab_set_version, version);
	SIZE(struct gnttab_get_version);
	TYPEDEF(gnttab_get_version_t, struct gnttab_get_version);
	SFIELD(struct gnttab_get_version, dom);
	SFIELD(struct gnttab_get_version, pad);
	SFIELD(struct gnttab_get_version, version);
	SIZE(struct gnttab_get_status_frames);
	TYPEDEF(gnttab_get_status_frames_t, struct gnttab_get_status_frames);
	SFIELD(struct gnttab_get_status_frames, nr_frames);
	SFIELD(struct gnttab_get_status_frames, dom);
	SFIELD(struct gnttab_get_status_frames, status);
	FIELD(struct gnttab_get_status_frames, frame_list);

	group("grant_table.h: struct gnttab_swap_grant_ref, gnttab_cache_flush");
	SIZE(struct gnttab_swap_grant_ref);
	TYPEDEF(gnttab_swap_grant_ref_t, struct gnttab_swap_grant_ref);
	SFIELD(struct gnttab_swap_grant_ref, ref_a);
	SFIELD(struct gnttab_swap_grant_ref, ref_b);
	SFIELD(struct gnttab_swap_grant_ref, status);
	SIZE(struct gnttab_cache_flush);
	TYPEDEF(gnttab_cache_flush_t, struct gnttab_cache_flush);
	FIELD(struct gnttab_cache_flush, a);
	SFIELD(struct gnttab_cache_flush, a.dev_bus_addr);
	SFIELD(struct gnttab_cache_flush, a.ref);
	SFIELD(struct gnttab_cache_flush, offset);
	SFIELD(struct gnttab_cache_flush, length);
	SFIELD(struct gnttab_cache_flush, op);
}

/* ---- physdev.h ---- */

static void physdev(void)
{
	group("physdev.h: PHYSDEVOP_* sub-ops and flags");
	VAL(PHYSDEVOP_IRQ_UNMASK_NOTIFY);
	VAL(PHYSDEVOP_irq_status_query);
	VAL(PHYSDEVOP_set_iopl);
	VAL(PHYSDEVOP_set_iobitmap);
	VAL(PHYSDEVOP_apic_read);
	VAL(PHYSDEVOP_apic_write);
	VAL(PHYSDEVOP_alloc_irq_vector);
	VAL(PHYSDEVOP_free_irq_vector);
	VAL(PHYSDEVOP_eoi);
	VAL(PHYSDEVOP_map_pirq);
	VAL(PHYSDEVOP_unmap_pirq);
	VAL(PHYSDEVOP_manage_pci_add);
	VAL(PHYSDEVOP_manage_pci_remove);
	VAL(PHYSDEVOP_pirq_eoi_gmfn_v1);
	VAL(PHYSDEVOP_restore_msi);
	VAL(PHYSDEVOP_manage_pci_add_ext);
	VAL(PHYSDEVOP_setup_gsi);
	VAL(PHYSDEVOP_get_free_pirq);
	VAL(PHYSDEVOP_pci_mmcfg_reserved);
	VAL(PHYSDEVOP_pci_device_add);
	VAL(PHYSDEVOP_pci_device_remove);
	VAL(PHYSDEVOP_restore_msi_ext);
	VAL(PHYSDEVOP_pirq_eoi_gmfn_v2);
	VAL(PHYSDEVOP_dbgp_op);
	VAL(PHYSDEVOP_prepare_msix);
	VAL(PHYSDEVOP_release_msix);
	VAL(PHYSDEVOP_pirq_eoi_gmfn);
	VAL(_XENIRQSTAT_needs_eoi);
	VAL(XENIRQSTAT_needs_eoi);
	VAL(_XENIRQSTAT_shared);
	VAL(XENIRQSTAT_shared);
	VAL(MAP_PIRQ_TYPE_MSI);
	VAL(MAP_PIRQ_TYPE_GSI);
	VAL(MAP_PIRQ_TYPE_UNKNOWN);
	VAL(MAP_PIRQ_TYPE_MSI_SEG);
	VAL(MAP_PIRQ_TYPE_MULTI_MSI);
	VAL(XEN_PCI_MMCFG_RESERVED);
	VAL(XEN_PCI_DEV_EXTFN);
	VAL(XEN_PCI_DEV_VIRTFN);
	VAL(XEN_PCI_DEV_PXM);
	VAL(PHYSDEVOP_DBGP_RESET_PREPARE);
	VAL(PHYSDEVOP_DBGP_RESET_DONE);
	VAL(PHYSDEVOP_DBGP_BUS_UNKNOWN);
	VAL(PHYSDEVOP_DBGP_BUS_PCI);

	group("physdev.h: struct physdev_eoi, _pirq_eoi_gmfn, _irq_status_query, _set_iopl");
	SIZE(struct physdev_eoi);
	TYPEDEF(physdev_eoi_t, struct physdev_eoi);
	SFIELD(struct physdev_eoi, irq);
	SIZE(struct physdev_pirq_eoi_gmfn);
	TYPEDEF(physdev_pirq_eoi_gmfn_t, struct physdev_pirq_eoi_gmfn);
	SFIELD(struct physdev_pirq_eoi_gmfn, gmfn);
	SIZE(struct physdev_irq_status_query);
	TYPEDEF(physdev_irq_status_query_t, struct physdev_irq_status_query);
	SFIELD(struct physdev_irq_status_query, irq);
	SFIELD(struct physdev_irq_status_query, flags);
	SIZE(struct physdev_set_iopl);
	TYPEDEF(physdev_set_iopl_t, struct physdev_set_iopl);
	SFIELD(struct physdev_set_iopl, iopl);

	group("physdev.h: struct physdev_set_iobitmap, physdev_apic, physdev_irq");
	SIZE(struct physdev_set_iobitmap);
	TYPEDEF(physdev_set_iobitmap_t, struct physdev_set_iobitmap);
	FIELD(struct physdev_set_iobitmap, bitmap);
	SFIELD(struct physdev_set_iobitmap, nr_ports);
	SIZE(struct physdev_apic);
	TYPEDEF(physdev_apic_t, struct physdev_apic);
	SFIELD(struct physdev_apic, apic_physbase);
	SFIELD(struct physdev_apic, reg);
	SFIELD(struct physdev_apic, value);
	SIZE(struct physdev_irq);
	TYPEDEF(physdev_irq_t, struct physdev_irq);
	SFIELD(struct physdev_irq, irq);
	SFIELD(struct physdev_irq, vector);

	group("physdev.h: struct physdev_map_pirq, physdev_unmap_pirq, physdev_get_free_pirq");
	SIZE(struct physdev_map_pirq);
	TYPEDEF(physdev_map_pirq_t, struct physdev_map_pirq);
	SFIELD(struct physdev_map_pirq, domid);
	SFIELD(struct physdev_map_pirq, type);
	SFIELD(struct physdev_map_pirq, index);
	SFIELD(struct physdev_map_pirq, pirq);
	SFIELD(struct physdev_map_pirq, bus);
	SFIELD(struct physdev_map_pirq, devfn);
	SFIELD(struct physdev_map_pirq, entry_nr);
	SFIELD(struct physdev_map_pirq, table_base);
	SIZE(struct physdev_unmap_pirq);
	TYPEDEF(physdev_unmap_pirq_t, struct physdev_unmap_pirq);
	SFIELD(struct physdev_unmap_pirq, domid);
	SFIELD(struct physdev_unmap_pirq, pirq);
	SIZE(struct physdev_get_free_pirq);
	TYPEDEF(physdev_get_free_pirq_t, struct physdev_get_free_pirq);
	SFIELD(struct physdev_get_free_pirq, type);
	SFIELD(struct physdev_get_free_pirq, pirq);

	group("physdev.h: struct physdev_manage_pci, physdev_manage_pci_ext, physdev_restore_msi");
	SIZE(struct physdev_manage_pci);
	TYPEDEF(physdev_manage_pci_t, struct physdev_manage_pci);
	SFIELD(struct physdev_manage_pci, bus);
	SFIELD(struct physdev_manage_pci, devfn);
	SIZE(struct physdev_manage_pci_ext);
	TYPEDEF(physdev_manage_pci_ext_t, struct physdev_manage_pci_ext);
	SFIELD(struct physdev_manage_pci_ext, bus);
	SFIELD(struct physdev_manage_pci_ext, devfn);
	SFIELD(struct physdev_manage_pci_ext, is_extfn);
	SFIELD(struct physdev_manage_pci_ext, is_virtfn);
	FIELD(struct physdev_manage_pci_ext, physfn);
	SFIELD(struct physdev_manage_pci_ext, physfn.bus);
	SFIELD(struct physdev_manage_pci_ext, physfn.devfn);
	SIZE(struct physdev_restore_msi);
	TYPEDEF(physdev_restore_msi_t, struct physdev_restore_msi);
	SFIELD(struct physdev_restore_msi, bus);
	SFIELD(struct physdev_restore_msi, devfn);

	group("physdev.h: struct physdev_setup_gsi, physdev_pci_mmcfg_reserved");
	SIZE(struct physdev_setup_gsi);
	TYPEDEF(physdev_setup_gsi_t, struct physdev_setup_gsi);
	SFIELD(struct physdev_setup_gsi, gsi);
	SFIELD(struct physdev_setup_gsi, triggering);
	SFIELD(struct physdev_setup_gsi, polarity);
	SIZE(struct physdev_pci_mmcfg_reserved);
	TYPEDEF(physdev_pci_mmcfg_reserved_t, struct physdev_pci_mmcfg_reserved);
	SFIELD(struct physdev_pci_mmcfg_reserved, address);
	SFIELD(struct physdev_pci_mmcfg_reserved, segment);
	SFIELD(struct physdev_pci_mmcfg_reserved, start_bus);
	SFIELD(struct physdev_pci_mmcfg_reserved, end_bus);
	SFIELD(struct physdev_pci_mmcfg_reserved, flags);

	group("physdev.h: struct physdev_pci_device_add, physdev_pci_device, physdev_dbgp_op");
	SIZE(struct physdev_pci_device_add);
	TYPEDEF(physdev_pci_device_add_t, struct physdev_pci_device_add);
	SFIELD(struct physdev_pci_device_add, seg);
	SFIELD(struct physdev_pci_device_add, bus);
	SFIELD(struct physdev_pci_device_add, devfn);
	SFIELD(struct physdev_pci_device_add, flags);
	FIELD(struct physdev_pci_device_add, physfn);
	SFIELD(struct physdev_pci_device_add, physfn.bus);
	SFIELD(struct physdev_pci_device_add, physfn.devfn);
	FLEX(struct physdev_pci_device_add, optarr);
	SIZE(struct physdev_pci_device);
	TYPEDEF(physdev_pci_device_t, struct physdev_pci_device);
	SFIELD(struct physdev_pci_device, seg);
	SFIELD(struct physdev_pci_device, bus);
	SFIELD(struct physdev_pci_device, devfn);
	SIZE(struct physdev_dbgp_op);
	TYPEDEF(physdev_dbgp_op_t, struct physdev_dbgp_op);
	SFIELD(struct physdev_dbgp_op, op);
	SFIELD(struct physdev_dbgp_op, bus);
	FIELD(struct physdev_dbgp_op, u);
	FIELD(struct physdev_dbgp_op, u.pci);
	SFIELD(struct physdev_dbgp_op, u.pci.seg);

	group("physdev.h: struct physdev_op (compat hypercall argument)");
	SIZE(struct physdev_op);
	TYPEDEF(physdev_op_t, struct physdev_op);
	SFIELD(struct physdev_op, cmd);
	FIELD(struct physdev_op, u);
	FIELD(struct physdev_op, u.irq_status_query);
	FIELD(struct physdev_op, u.set_iopl);
	FIELD(struct physdev_op, u.set_iobitmap);
	FIELD(struct physdev_op, u.apic_op);
	FIELD(struct physdev_op, u.irq_op);
}

/* ---- io/console.h, io/xs_wire.h ---- */

static void io_console_xs(void)
{
	group("io/console.h: struct xencons_interface");
	ITYPE(XENCONS_RING_IDX);
	SIZE(struct xencons_interface);
	AFIELD(struct xencons_interface, in);
	AFIELD(struct xencons_interface, out);
	SFIELD(struct xencons_interface, in_cons);
	SFIELD(struct xencons_interface, in_prod);
	SFIELD(struct xencons_interface, out_cons);
	SFIELD(struct xencons_interface, out_prod);
	{
		struct xencons_interface intf;

		VAL(MASK_XENCONS_IDX(1025u, intf.in));
		VAL(MASK_XENCONS_IDX(0xffffffffu, intf.out));
		VAL(MASK_XENCONS_IDX((XENCONS_RING_IDX)5000, intf.out));
	}

	group("io/xs_wire.h: message types and XS_* constants");
	SIZE(enum xsd_sockmsg_type);
	VAL(XS_CONTROL);
	VAL(XS_DEBUG);
	VAL(XS_DIRECTORY);
	VAL(XS_READ);
	VAL(XS_GET_PERMS);
	VAL(XS_WATCH);
	VAL(XS_UNWATCH);
	VAL(XS_TRANSACTION_START);
	VAL(XS_TRANSACTION_END);
	VAL(XS_INTRODUCE);
	VAL(XS_RELEASE);
	VAL(XS_GET_DOMAIN_PATH);
	VAL(XS_WRITE);
	VAL(XS_MKDIR);
	VAL(XS_RM);
	VAL(XS_SET_PERMS);
	VAL(XS_WATCH_EVENT);
	VAL(XS_ERROR);
	VAL(XS_IS_DOMAIN_INTRODUCED);
	VAL(XS_RESUME);
	VAL(XS_SET_TARGET);
	VAL(XS_RESET_WATCHES);
	VAL(XS_DIRECTORY_PART);
	VAL(XS_TYPE_COUNT);
	VAL(XS_INVALID);
	SIZE(enum xs_watch_type);
	VAL(XS_WATCH_PATH);
	VAL(XS_WATCH_TOKEN);
	STR(XS_WRITE_NONE);
	STR(XS_WRITE_CREATE);
	STR(XS_WRITE_CREATE_EXCL);

	group("io/xs_wire.h: struct xsd_sockmsg");
	SIZE(struct xsd_sockmsg);
	SFIELD(struct xsd_sockmsg, type);
	SFIELD(struct xsd_sockmsg, req_id);
	SFIELD(struct xsd_sockmsg, tx_id);
	SFIELD(struct xsd_sockmsg, len);

	group("io/xs_wire.h: struct xenstore_domain_interface and XENSTORE_* constants");
	ITYPE(XENSTORE_RING_IDX);
	VAL(XENSTORE_RING_SIZE);
	VAL(MASK_XENSTORE_IDX(1030u));
	VAL(MASK_XENSTORE_IDX(0xffffffffu));
	SIZE(struct xenstore_domain_interface);
	AFIELD(struct xenstore_domain_interface, req);
	AFIELD(struct xenstore_domain_interface, rsp);
	SFIELD(struct xenstore_domain_interface, req_cons);
	SFIELD(struct xenstore_domain_interface, req_prod);
	SFIELD(struct xenstore_domain_interface, rsp_cons);
	SFIELD(struct xenstore_domain_interface, rsp_prod);
	SFIELD(struct xenstore_domain_interface, server_features);
	SFIELD(struct xenstore_domain_interface, connection);
	SFIELD(struct xenstore_domain_interface, error);
	VAL(XENSTORE_PAYLOAD_MAX);
	VAL(XENSTORE_ABS_PATH_MAX);
	VAL(XENSTORE_REL_PATH_MAX);
	VAL(XENSTORE_SERVER_FEATURE_RECONNECTION);
	VAL(XENSTORE_SERVER_FEATURE_ERROR);
	VAL(XENSTORE_CONNECTED);
	VAL(XENSTORE_RECONNECT);
	VAL(XENSTORE_ERROR_NONE);
	VAL(XENSTORE_ERROR_COMM);
	VAL(XENSTORE_ERROR_RINGIDX);
	VAL(XENSTORE_ERROR_PROTO);
}

/* ---- io/ring.h, io/blkif.h, io/netif.h ---- */

/* A shared ring as laid out by DEFINE_RING_TYPES(), for any request/response pair. */
#define RING_LAYOUT(name)                                                                          \
	do {                                                                                       \
		SIZE(struct name##_sring);                                                         \
		TYPEDEF(name##_sring_t, struct name##_sring);                                      \
		SFIELD(struct name##_sring, req_prod);                                             \
		SFIELD(struct name##_sring, req_event);                                            \
		SFIELD(struct name##_sring, rsp_prod);                                             \
		SFIELD(struct name##_sring, rsp_event);                                            \
		FIELD(struct name##_sring, pvt);                                                   \
		SFIELD(struct name##_sring, pvt.netif.smartpoll_active);                           \
		SFIELD(struct name##_sring, pvt.tapif_user.msg);                                   \
		AFIELD(struct name##_sring, pvt.pvt_pad);                                          \
		AFIELD(struct name##_sring, __pad);                                                \
		FIELD(struct name##_sring, ring);                                                  \
		FIELD(struct name##_sring, ring[1]);                                               \
		SIZE(union name##_sring_entry);                                                    \
		FIELD(union name##_sring_entry, req);                                              \
		FIELD(union name##_sring_entry, rsp);                                              \
		SIZE(struct name##_front_ring);                                                    \
		TYPEDEF(name##_front_ring_t, struct name##_front_ring);                            \
		SFIELD(struct name##_front_ring, req_prod_pvt);                                    \
		SFIELD(struct name##_front_ring, rsp_cons);                                        \
		SFIELD(struct name##_front_ring, nr_ents);                                         \
		FIELD(struct name##_front_ring, sring);                                            \
		SIZE(struct name##_back_ring);                                                     \
		TYPEDEF(name##_back_ring_t, struct name##_back_ring);                              \
		SFIELD(struct name##_back_ring, rsp_prod_pvt);                                     \
		SFIELD(struct name##_back_ring, req_cons);                                         \
		SFIELD(struct name##_back_ring, nr_ents);                                          \
		FIELD(struct name##_back_ring, sring);                                             \
		VAL(__CONST_RING_SIZE(name, 4096));                                                \
		VAL(__CONST_RING_SIZE(name, 8192));                                                \
		VAL(__CONST_RING_SIZE(name, 64 + 3 * sizeof(union name##_sring_entry)));           \
	} while (0)

/* A ring of this test's own, to check what DEFINE_RING_TYPES() generates. */
struct abitest_request {
	uint16_t a;
	uint8_t b;
};

struct abitest_response {
	uint64_t x;
	uint8_t y;
};

DEFINE_RING_TYPES(abitest, struct abitest_request, struct abitest_response);

static union {
	unsigned char bytes[4096];
	struct blkif_sring s;
} page;

/*
 * Notification decisions for producer index moves old -> new with the consumer's event index
 * around them, and the overflow predicates right at their limits, including indexes that wrap
 * past 2^32.
 */
static void ring_boundaries(void)
{
	static const RING_IDX bases[] = { 0, 5, 0xfffffff0u, 0xfffffffeu };
	struct blkif_front_ring front;
	struct blkif_back_ring back;
	struct blkif_sring *s = &page.s;
	char what[64];

	XEN_FRONT_RING_INIT(&front, s, sizeof(page.bytes));
	BACK_RING_INIT(&back, s, sizeof(page.bytes));
	for (unsigned int b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
		RING_IDX old = bases[b];

		for (RING_IDX step = 1; step <= 3; step++) {
			for (int ev = -2; ev <= 5; ev++) {
				int notify;

				s->req_prod = old;
				s->req_event = old + (RING_IDX)ev;
				front.req_prod_pvt = old + step;
				RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, notify);
				snprintf(what, sizeof(what), "req_notify[%u+%u,ev%+d]", old, step,
					 ev);
				RESULT(what, notify);

				s->rsp_prod = old;
				s->rsp_event = old + (RING_IDX)ev;
				back.rsp_prod_pvt = old + step;
				RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&back, notify);
				snprintf(what, sizeof(what), "rsp_notify[%u+%u,ev%+d]", old, step,
					 ev);
				RESULT(what, notify);
			}
		}

		for (int d = -1; d <= 1; d++) {
			RING_IDX at = old + RING_SIZE(&back) + (RING_IDX)d;

			back.rsp_prod_pvt = old;
			front.rsp_cons = old;
			snprintf(what, sizeof(what), "overflow[%u%+d]", old, d);
			printf("result %s cons=%d reqprod=%d rspprod=%d\n", what,
			       (int)RING_REQUEST_CONS_OVERFLOW(&back, at),
			       (int)RING_REQUEST_PROD_OVERFLOW(&back, at),
			       (int)RING_RESPONSE_PROD_OVERFLOW(&front, at));
		}

		/* Free slots, fullness and unconsumed counts with indexes straddling 2^32. */
		front.rsp_cons = old;
		front.req_prod_pvt = old + 31;
		RESULT("wrap.free", RING_FREE_REQUESTS(&front));
		RESULT("wrap.full", RING_FULL(&front));
		front.req_prod_pvt++;
		RESULT("wrap.full_now", RING_FULL(&front));
		back.req_cons = old;
		back.rsp_prod_pvt = old - 2;
		s->req_prod = old + 40;
		RESULT("wrap.unconsumed_capped", RING_HAS_UNCONSUMED_REQUESTS(&back));
		s->req_prod = old + 3;
		RESULT("wrap.unconsumed", RING_HAS_UNCONSUMED_REQUESTS(&back));
		RESULT("wrap.slot", (char *)RING_GET_REQUEST(&back, old + 3) - (char *)s);
	}
}

/*
 * Drive a blkif ring through a frontend/backend exchange and print what the
 * macros report at each step: both implementations must behave identically.
 */
static void ring_behaviour(void)
{
	struct blkif_front_ring front;
	struct blkif_back_ring back;
	struct blkif_sring *s = &page.s;
	int notify, more;

	group("io/ring.h: ring macros drive a blkif ring the same way");
	ITYPE(RING_IDX);
	VAL(XEN_PAGE_SHIFT);

	memset(page.bytes, 0xa5, sizeof(page.bytes));
	SHARED_RING_INIT(s);
	RESULT("init.req_prod", s->req_prod);
	RESULT("init.req_event", s->req_event);
	RESULT("init.rsp_prod", s->rsp_prod);
	RESULT("init.rsp_event", s->rsp_event);
	RESULT("init.pvt_pad0", s->pvt.pvt_pad[0]);
	RESULT("init.pad43", s->__pad[43]);
	RESULT("init.ring0_untouched", page.bytes[64]);

	FRONT_RING_INIT(&front, s, sizeof(page.bytes));
	BACK_RING_INIT(&back, s, sizeof(page.bytes));
	RESULT("front.size", RING_SIZE(&front));
	RESULT("back.size", RING_SIZE(&back));
	RESULT("front.free", RING_FREE_REQUESTS(&front));
	RESULT("front.full", RING_FULL(&front));
	RESULT("back.unconsumed", RING_HAS_UNCONSUMED_REQUESTS(&back));
	RESULT("front.unconsumed", RING_HAS_UNCONSUMED_RESPONSES(&front));

	for (int i = 0; i < 3; i++) {
		struct blkif_request *req = RING_GET_REQUEST(&front, front.req_prod_pvt);

		req->id = 100 + i;
		front.req_prod_pvt++;
	}
	RESULT("front.free_after_3", RING_FREE_REQUESTS(&front));
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, notify);
	RESULT("push3.notify", notify);
	RESULT("push3.req_prod", s->req_prod);
	RESULT("back.unconsumed_3", RING_HAS_UNCONSUMED_REQUESTS(&back));

	/* The backend consumes everything and re-arms req_event. */
	while (RING_HAS_UNCONSUMED_REQUESTS(&back)) {
		struct blkif_request req;

		RING_COPY_REQUEST(&back, back.req_cons, &req);
		RESULT("back.got_id", req.id);
		RESULT("back.overflow", RING_REQUEST_CONS_OVERFLOW(&back, back.req_cons));
		back.req_cons++;
	}
	RING_FINAL_CHECK_FOR_REQUESTS(&back, more);
	RESULT("final_check.more", more);
	RESULT("final_check.req_event", s->req_event);

	/* One more request: req_event asks for a notification. */
	RING_GET_REQUEST(&front, front.req_prod_pvt)->id = 200;
	front.req_prod_pvt++;
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, notify);
	RESULT("push1.notify", notify);

	/* Without re-arming, a further request needs no notification. */
	RING_GET_REQUEST(&front, front.req_prod_pvt)->id = 201;
	front.req_prod_pvt++;
	RING_PUSH_REQUESTS(&front);
	RESULT("push_plain.req_prod", s->req_prod);
	RING_GET_REQUEST(&front, front.req_prod_pvt)->id = 202;
	front.req_prod_pvt++;
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, notify);
	RESULT("push_again.notify", notify);
	RESULT("back.unconsumed_3b", RING_HAS_UNCONSUMED_REQUESTS(&back));
	RESULT("back.nr_unconsumed", XEN_RING_NR_UNCONSUMED_REQUESTS(&back));
	RESULT("prod_overflow", RING_REQUEST_PROD_OVERFLOW(&back, s->req_prod));
	RESULT("prod_overflow_bad", RING_REQUEST_PROD_OVERFLOW(&back, s->req_prod + 40));

	/* Responses for the first three requests. */
	for (int i = 0; i < 3; i++) {
		struct blkif_response *rsp = RING_GET_RESPONSE(&back, back.rsp_prod_pvt);

		rsp->id = 100 + i;
		rsp->status = BLKIF_RSP_OKAY;
		back.rsp_prod_pvt++;
	}
	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&back, notify);
	RESULT("rsp_push.notify", notify);
	RESULT("rsp_push.rsp_prod", s->rsp_prod);
	RESULT("front.unconsumed_rsp", RING_HAS_UNCONSUMED_RESPONSES(&front));
	RESULT("front.nr_unconsumed", XEN_RING_NR_UNCONSUMED_RESPONSES(&front));
	RESULT("rsp_overflow", RING_RESPONSE_PROD_OVERFLOW(&front, s->rsp_prod));
	RESULT("rsp_overflow_bad", RING_RESPONSE_PROD_OVERFLOW(&front, s->rsp_prod + 40));
	while (RING_HAS_UNCONSUMED_RESPONSES(&front)) {
		struct blkif_response rsp;

		RING_COPY_RESPONSE(&front, front.rsp_cons, &rsp);
		RESULT("front.got_rsp", rsp.id);
		front.rsp_cons++;
	}
	RING_FINAL_CHECK_FOR_RESPONSES(&front, more);
	RESULT("final_rsp.more_before", more);

	/* A plain response push, then the final check finds it. */
	RING_GET_RESPONSE(&back, back.rsp_prod_pvt)->id = 103;
	back.rsp_prod_pvt++;
	RING_PUSH_RESPONSES(&back);
	RESULT("rsp_push_plain.rsp_prod", s->rsp_prod);
	RING_FINAL_CHECK_FOR_RESPONSES(&front, more);
	RESULT("final_rsp.more_after", more);
	front.rsp_cons++;
	RING_FINAL_CHECK_FOR_RESPONSES(&front, more);
	RESULT("final_rsp.more", more);
	RESULT("final_rsp.rsp_event", s->rsp_event);
	RESULT("front.free_end", RING_FREE_REQUESTS(&front));

	/* Fill the ring completely. */
	while (!RING_FULL(&front))
		RING_GET_REQUEST(&front, front.req_prod_pvt++)->id = 7;
	RESULT("filled.req_prod_pvt", front.req_prod_pvt);
	RESULT("filled.free", RING_FREE_REQUESTS(&front));

	/* Attaching to an existing ring starts at the given index. */
	FRONT_RING_ATTACH(&front, s, 1000, sizeof(page.bytes));
	BACK_RING_ATTACH(&back, s, 1000, sizeof(page.bytes));
	RESULT("attach.front.req_prod_pvt", front.req_prod_pvt);
	RESULT("attach.front.rsp_cons", front.rsp_cons);
	RESULT("attach.back.rsp_prod_pvt", back.rsp_prod_pvt);
	RESULT("attach.back.req_cons", back.req_cons);
	RESULT("attach.size", RING_SIZE(&back));

	/* A ring smaller than a page, and index wrap-around past 2^32. */
	XEN_FRONT_RING_INIT(&front, s, 64 + 5 * sizeof(union blkif_sring_entry));
	RESULT("small.size", RING_SIZE(&front));
	RESULT("small.get_req_wrap",
	       (char *)RING_GET_REQUEST(&front, 0xfffffffeu) - (char *)s);
	RESULT("small.get_rsp_wrap", (char *)RING_GET_RESPONSE(&front, 7u) - (char *)s);
	RESULT("small.runtime_size", __RING_SIZE(s, 4096));

	group("io/ring.h: notification and overflow checks at boundaries and across wrap-around");
	ring_boundaries();

	group("io/ring.h: DEFINE_RING_TYPES on a custom request/response pair");
	RING_LAYOUT(abitest);
}

static void io_blkif_netif(void)
{
	group("io/blkif.h: BLKIF_* constants");
	ITYPE(blkif_vdev_t);
	ITYPE(blkif_sector_t);
	VAL(BLKIF_OP_READ);
	VAL(BLKIF_OP_WRITE);
	VAL(BLKIF_OP_WRITE_BARRIER);
	VAL(BLKIF_OP_FLUSH_DISKCACHE);
	VAL(BLKIF_OP_RESERVED_1);
	VAL(BLKIF_OP_DISCARD);
	VAL(BLKIF_OP_INDIRECT);
	VAL(BLKIF_MAX_SEGMENTS_PER_REQUEST);
	VAL(BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST);
	VAL(BLKIF_DISCARD_SECURE);
	VAL(BLKIF_RSP_EOPNOTSUPP);
	VAL(BLKIF_RSP_ERROR);
	VAL(BLKIF_RSP_OKAY);
	VAL(VDISK_CDROM);
	VAL(VDISK_REMOVABLE);
	VAL(VDISK_READONLY);

	group("io/blkif.h: struct blkif_request, blkif_request_segment, blkif_response");
	SIZE(struct blkif_request_segment);
	SFIELD(struct blkif_request_segment, gref);
	SFIELD(struct blkif_request_segment, first_sect);
	SFIELD(struct blkif_request_segment, last_sect);
	SIZE(struct blkif_request);
	TYPEDEF(blkif_request_t, struct blkif_request);
	SFIELD(struct blkif_request, operation);
	SFIELD(struct blkif_request, nr_segments);
	SFIELD(struct blkif_request, handle);
	SFIELD(struct blkif_request, id);
	SFIELD(struct blkif_request, sector_number);
	FIELD(struct blkif_request, seg);
	SFIELD(struct blkif_request, seg[10].last_sect);
	SIZE(struct blkif_response);
	TYPEDEF(blkif_response_t, struct blkif_response);
	SFIELD(struct blkif_response, id);
	SFIELD(struct blkif_response, operation);
	SFIELD(struct blkif_response, status);

	group("io/blkif.h: struct blkif_request_discard, blkif_request_indirect");
	SIZE(struct blkif_request_discard);
	TYPEDEF(blkif_request_discard_t, struct blkif_request_discard);
	SFIELD(struct blkif_request_discard, operation);
	SFIELD(struct blkif_request_discard, flag);
	SFIELD(struct blkif_request_discard, handle);
	SFIELD(struct blkif_request_discard, id);
	SFIELD(struct blkif_request_discard, sector_number);
	SFIELD(struct blkif_request_discard, nr_sectors);
	SIZE(struct blkif_request_indirect);
	TYPEDEF(blkif_request_indirect_t, struct blkif_request_indirect);
	SFIELD(struct blkif_request_indirect, operation);
	SFIELD(struct blkif_request_indirect, indirect_op);
	SFIELD(struct blkif_request_indirect, nr_segments);
	SFIELD(struct blkif_request_indirect, id);
	SFIELD(struct blkif_request_indirect, sector_number);
	SFIELD(struct blkif_request_indirect, handle);
	AFIELD(struct blkif_request_indirect, indirect_grefs);

	group("io/blkif.h: blkif shared ring");
	RING_LAYOUT(blkif);

	group("io/netif.h: NETTXF_*, NETRXF_*, XEN_NETIF_* constants");
	VAL(XEN_NETIF_NR_SLOTS_MIN);
	VAL(_XEN_NETIF_CTRL_HASH_TYPE_IPV4);
	VAL(XEN_NETIF_CTRL_HASH_TYPE_IPV4);
	VAL(_XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP);
	VAL(XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP);
	VAL(_XEN_NETIF_CTRL_HASH_TYPE_IPV6);
	VAL(XEN_NETIF_CTRL_HASH_TYPE_IPV6);
	VAL(_XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP);
	VAL(XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP);
	VAL(XEN_NETIF_CTRL_HASH_ALGORITHM_NONE);
	VAL(XEN_NETIF_CTRL_HASH_ALGORITHM_TOEPLITZ);
	VAL(XEN_NETIF_CTRL_TYPE_INVALID);
	VAL(XEN_NETIF_CTRL_TYPE_GET_HASH_FLAGS);
	VAL(XEN_NETIF_CTRL_TYPE_SET_HASH_FLAGS);
	VAL(XEN_NETIF_CTRL_TYPE_SET_HASH_KEY);
	VAL(XEN_NETIF_CTRL_TYPE_GET_HASH_MAPPING_SIZE);
	VAL(XEN_NETIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE);
	VAL(XEN_NETIF_CTRL_TYPE_SET_HASH_MAPPING);
	VAL(XEN_NETIF_CTRL_TYPE_SET_HASH_ALGORITHM);
	VAL(XEN_NETIF_CTRL_TYPE_GET_GREF_MAPPING_SIZE);
	VAL(XEN_NETIF_CTRL_TYPE_ADD_GREF_MAPPING);
	VAL(XEN_NETIF_CTRL_TYPE_DEL_GREF_MAPPING);
	VAL(XEN_NETIF_CTRL_STATUS_SUCCESS);
	VAL(XEN_NETIF_CTRL_STATUS_NOT_SUPPORTED);
	VAL(XEN_NETIF_CTRL_STATUS_INVALID_PARAMETER);
	VAL(XEN_NETIF_CTRL_STATUS_BUFFER_OVERFLOW);
	VAL(_XEN_NETIF_CTRLF_GREF_readonly);
	VAL(XEN_NETIF_CTRLF_GREF_readonly);
	VAL(_NETTXF_csum_blank);
	VAL(NETTXF_csum_blank);
	VAL(_NETTXF_data_validated);
	VAL(NETTXF_data_validated);
	VAL(_NETTXF_more_data);
	VAL(NETTXF_more_data);
	VAL(_NETTXF_extra_info);
	VAL(NETTXF_extra_info);
	VAL(XEN_NETIF_MAX_TX_SIZE);
	VAL(XEN_NETIF_EXTRA_TYPE_NONE);
	VAL(XEN_NETIF_EXTRA_TYPE_GSO);
	VAL(XEN_NETIF_EXTRA_TYPE_MCAST_ADD);
	VAL(XEN_NETIF_EXTRA_TYPE_MCAST_DEL);
	VAL(XEN_NETIF_EXTRA_TYPE_HASH);
	VAL(XEN_NETIF_EXTRA_TYPE_MAX);
	VAL(_XEN_NETIF_EXTRA_FLAG_MORE);
	VAL(XEN_NETIF_EXTRA_FLAG_MORE);
	VAL(XEN_NETIF_GSO_TYPE_NONE);
	VAL(XEN_NETIF_GSO_TYPE_TCPV4);
	VAL(XEN_NETIF_GSO_TYPE_TCPV6);
	VAL(_NETRXF_data_validated);
	VAL(NETRXF_data_validated);
	VAL(_NETRXF_csum_blank);
	VAL(NETRXF_csum_blank);
	VAL(_NETRXF_more_data);
	VAL(NETRXF_more_data);
	VAL(_NETRXF_extra_info);
	VAL(NETRXF_extra_info);
	VAL(_NETRXF_gso_prefix);
	VAL(NETRXF_gso_prefix);
	VAL(NETIF_RSP_DROPPED);
	VAL(NETIF_RSP_ERROR);
	VAL(NETIF_RSP_OKAY);
	VAL(NETIF_RSP_NULL);

	group("io/netif.h: struct netif_tx_request, netif_tx_response, netif_extra_info");
	SIZE(struct netif_tx_request);
	TYPEDEF(netif_tx_request_t, struct netif_tx_request);
	SFIELD(struct netif_tx_request, gref);
	SFIELD(struct netif_tx_request, offset);
	SFIELD(struct netif_tx_request, flags);
	SFIELD(struct netif_tx_request, id);
	SFIELD(struct netif_tx_request, size);
	SIZE(struct netif_tx_response);
	TYPEDEF(netif_tx_response_t, struct netif_tx_response);
	SFIELD(struct netif_tx_response, id);
	SFIELD(struct netif_tx_response, status);
	SIZE(struct netif_extra_info);
	TYPEDEF(netif_extra_info_t, struct netif_extra_info);
	SFIELD(struct netif_extra_info, type);
	SFIELD(struct netif_extra_info, flags);
	FIELD(struct netif_extra_info, u);
	FIELD(struct netif_extra_info, u.gso);
	SFIELD(struct netif_extra_info, u.gso.size);
	SFIELD(struct netif_extra_info, u.gso.type);
	SFIELD(struct netif_extra_info, u.gso.pad);
	SFIELD(struct netif_extra_info, u.gso.features);
	FIELD(struct netif_extra_info, u.mcast);
	AFIELD(struct netif_extra_info, u.mcast.addr);
	FIELD(struct netif_extra_info, u.hash);
	SFIELD(struct netif_extra_info, u.hash.type);
	SFIELD(struct netif_extra_info, u.hash.algorithm);
	AFIELD(struct netif_extra_info, u.hash.value);
	AFIELD(struct netif_extra_info, u.pad);

	group("io/netif.h: struct netif_rx_request, netif_rx_response");
	SIZE(struct netif_rx_request);
	TYPEDEF(netif_rx_request_t, struct netif_rx_request);
	SFIELD(struct netif_rx_request, id);
	SFIELD(struct netif_rx_request, pad);
	SFIELD(struct netif_rx_request, gref);
	SIZE(struct netif_rx_response);
	TYPEDEF(netif_rx_response_t, struct netif_rx_response);
	SFIELD(struct netif_rx_response, id);
	SFIELD(struct netif_rx_response, offset);
	SFIELD(struct netif_rx_response, flags);
	SFIELD(struct netif_rx_response, status);

	group("io/netif.h: struct xen_netif_ctrl_request, xen_netif_ctrl_response, xen_netif_gref");
	SIZE(struct xen_netif_ctrl_request);
	SFIELD(struct xen_netif_ctrl_request, id);
	SFIELD(struct xen_netif_ctrl_request, type);
	AFIELD(struct xen_netif_ctrl_request, data);
	SIZE(struct xen_netif_ctrl_response);
	SFIELD(struct xen_netif_ctrl_response, id);
	SFIELD(struct xen_netif_ctrl_response, type);
	SFIELD(struct xen_netif_ctrl_response, status);
	SFIELD(struct xen_netif_ctrl_response, data);
	SIZE(struct xen_netif_gref);
	SFIELD(struct xen_netif_gref, ref);
	SFIELD(struct xen_netif_gref, flags);
	SFIELD(struct xen_netif_gref, status);

	group("io/netif.h: netif_tx shared ring");
	RING_LAYOUT(netif_tx);
	group("io/netif.h: netif_rx shared ring");
	RING_LAYOUT(netif_rx);
	group("io/netif.h: xen_netif_ctrl shared ring");
	RING_LAYOUT(xen_netif_ctrl);
}

/* ---- arch-x86/xen-mca.h ---- */

static void arch_x86_mca(void)
{
	group("arch-x86/xen-mca.h: __HYPERVISOR_mca, XEN_MC_* commands and flags, VIRQ_MCA");
	VAL(__HYPERVISOR_mca);
	VAL(XEN_MCA_INTERFACE_VERSION);
	VAL(XEN_MC_NONURGENT);
	VAL(XEN_MC_URGENT);
	VAL(XEN_MC_ACK);
	VAL(XEN_MC_OK);
	VAL(XEN_MC_FETCHFAILED);
	VAL(XEN_MC_NODATA);
	VAL(XEN_MC_NOMATCH);
	VAL(XEN_MC_CANNOTHANDLE);
	VAL(XEN_MC_NOTDELIVERED);
	VAL(XEN_MC_VCPUID_INVALID);
	VAL(XEN_MC_fetch);
	VAL(XEN_MC_notifydomain);
	VAL(XEN_MC_physcpuinfo);
	VAL(XEN_MC_msrinject);
	VAL(XEN_MC_mceinject);
	VAL(VIRQ_MCA);
	VAL(MC_TYPE_GLOBAL);
	VAL(MC_TYPE_BANK);
	VAL(MC_TYPE_EXTENDED);
	VAL(MC_TYPE_RECOVERY);
	VAL(MC_FLAG_CORRECTABLE);
	VAL(MC_FLAG_UNCORRECTABLE);
	VAL(MC_FLAG_RECOVERABLE);
	VAL(MC_FLAG_POLLED);
	VAL(MC_FLAG_RESET);
	VAL(MC_FLAG_CMCI);
	VAL(MC_FLAG_MCE);
	VAL(MCINFO_HYPERCALLSIZE);
	VAL(MCINFO_MAXSIZE);
	VAL(MCINFO_FLAGS_UNCOMPLETE);
	VAL(__MC_MSR_ARRAYSIZE);
	VAL(MC_NCAPS);
	VAL(MC_MSRINJ_MAXMSRS);
	VAL(MC_MSRINJ_F_INTERPOSE);
	VAL(MC_MSRINJ_F_GPADDR);

	group("arch-x86/xen-mca.h: telemetry records (mcinfo_*, mc_info)");
	SIZE(struct mcinfo_common);
	TYPEDEF(xen_mcinfo_common_t, struct mcinfo_common);
	SFIELD(struct mcinfo_common, type);
	SFIELD(struct mcinfo_common, size);
	SIZE(struct mcinfo_global);
	FIELD(struct mcinfo_global, common);
	SFIELD(struct mcinfo_global, mc_domid);
	SFIELD(struct mcinfo_global, mc_vcpuid);
	SFIELD(struct mcinfo_global, mc_socketid);
	SFIELD(struct mcinfo_global, mc_coreid);
	SFIELD(struct mcinfo_global, mc_core_threadid);
	SFIELD(struct mcinfo_global, mc_apicid);
	SFIELD(struct mcinfo_global, mc_flags);
	SFIELD(struct mcinfo_global, mc_gstatus);
	SIZE(struct mcinfo_bank);
	FIELD(struct mcinfo_bank, common);
	SFIELD(struct mcinfo_bank, mc_bank);
	SFIELD(struct mcinfo_bank, mc_domid);
	SFIELD(struct mcinfo_bank, mc_status);
	SFIELD(struct mcinfo_bank, mc_addr);
	SFIELD(struct mcinfo_bank, mc_misc);
	SFIELD(struct mcinfo_bank, mc_ctrl2);
	SFIELD(struct mcinfo_bank, mc_tsc);
	SIZE(struct mcinfo_msr);
	TYPEDEF(xen_mcinfo_msr_t, struct mcinfo_msr);
	SFIELD(struct mcinfo_msr, reg);
	SFIELD(struct mcinfo_msr, value);
	SIZE(struct mcinfo_extended);
	FIELD(struct mcinfo_extended, common);
	SFIELD(struct mcinfo_extended, mc_msrs);
	FIELD(struct mcinfo_extended, mc_msr);
	FIELD(struct mcinfo_extended, mc_msr[1]);
	SIZE(struct mc_info);
	TYPEDEF(mc_info_t, struct mc_info);
	SFIELD(struct mc_info, mi_nentries);
	SFIELD(struct mc_info, flags);
	AFIELD(struct mc_info, mi_data);

	group("arch-x86/xen-mca.h: struct mcinfo_logical_cpu");
	SIZE(struct mcinfo_logical_cpu);
	TYPEDEF(xen_mc_logical_cpu_t, struct mcinfo_logical_cpu);
	SFIELD(struct mcinfo_logical_cpu, mc_cpunr);
	SFIELD(struct mcinfo_logical_cpu, mc_chipid);
	SFIELD(struct mcinfo_logical_cpu, mc_coreid);
	SFIELD(struct mcinfo_logical_cpu, mc_threadid);
	SFIELD(struct mcinfo_logical_cpu, mc_apicid);
	SFIELD(struct mcinfo_logical_cpu, mc_clusterid);
	SFIELD(struct mcinfo_logical_cpu, mc_ncores);
	SFIELD(struct mcinfo_logical_cpu, mc_ncores_active);
	SFIELD(struct mcinfo_logical_cpu, mc_nthreads);
	SFIELD(struct mcinfo_logical_cpu, mc_cpuid_level);
	SFIELD(struct mcinfo_logical_cpu, mc_family);
	SFIELD(struct mcinfo_logical_cpu, mc_vendor);
	SFIELD(struct mcinfo_logical_cpu, mc_model);
	SFIELD(struct mcinfo_logical_cpu, mc_step);
	AFIELD(struct mcinfo_logical_cpu, mc_vendorid);
	AFIELD(struct mcinfo_logical_cpu, mc_brandid);
	AFIELD(struct mcinfo_logical_cpu, mc_cpu_caps);
	SFIELD(struct mcinfo_logical_cpu, mc_cache_size);
	SFIELD(struct mcinfo_logical_cpu, mc_cache_alignment);
	SFIELD(struct mcinfo_logical_cpu, mc_nmsrvals);
	FIELD(struct mcinfo_logical_cpu, mc_msrvalues);
	FIELD(struct mcinfo_logical_cpu, mc_msrvalues[1]);

	group("arch-x86/xen-mca.h: struct xen_mc and its commands");
	SIZE(struct xen_mc);
	TYPEDEF(xen_mc_t, struct xen_mc);
	SFIELD(struct xen_mc, cmd);
	SFIELD(struct xen_mc, interface_version);
	FIELD(struct xen_mc, u);
	FIELD(struct xen_mc, u.mc_fetch);
	FIELD(struct xen_mc, u.mc_notifydomain);
	FIELD(struct xen_mc, u.mc_physcpuinfo);
	FIELD(struct xen_mc, u.mc_msrinject);
	FIELD(struct xen_mc, u.mc_mceinject);
	SIZE(struct xen_mc_fetch);
	TYPEDEF(xen_mc_fetch_t, struct xen_mc_fetch);
	SFIELD(struct xen_mc_fetch, flags);
	SFIELD(struct xen_mc_fetch, _pad0);
	SFIELD(struct xen_mc_fetch, fetch_id);
	FIELD(struct xen_mc_fetch, data);
	SIZE(struct xen_mc_notifydomain);
	TYPEDEF(xen_mc_notifydomain_t, struct xen_mc_notifydomain);
	SFIELD(struct xen_mc_notifydomain, mc_domid);
	SFIELD(struct xen_mc_notifydomain, mc_vcpuid);
	SFIELD(struct xen_mc_notifydomain, flags);
	SIZE(struct xen_mc_physcpuinfo);
	TYPEDEF(xen_mc_physcpuinfo_t, struct xen_mc_physcpuinfo);
	SFIELD(struct xen_mc_physcpuinfo, ncpus);
	SFIELD(struct xen_mc_physcpuinfo, _pad0);
	FIELD(struct xen_mc_physcpuinfo, info);
	SIZE(struct xen_mc_msrinject);
	TYPEDEF(xen_mc_msrinject_t, struct xen_mc_msrinject);
	SFIELD(struct xen_mc_msrinject, mcinj_cpunr);
	SFIELD(struct xen_mc_msrinject, mcinj_flags);
	SFIELD(struct xen_mc_msrinject, mcinj_count);
	SFIELD(struct xen_mc_msrinject, mcinj_domid);
	SFIELD(struct xen_mc_msrinject, _pad0);
	FIELD(struct xen_mc_msrinject, mcinj_msr);
	FIELD(struct xen_mc_msrinject, mcinj_msr[1]);
	SIZE(struct xen_mc_mceinject);
	TYPEDEF(xen_mc_mceinject_t, struct xen_mc_mceinject);
	SFIELD(struct xen_mc_mceinject, mceinj_cpunr);
}

/* ---- domctl.h, and the x86 domain configuration from arch-x86/xen.h ---- */

static void domctl(void)
{
	group("domctl.h: XEN_DOMCTL_INTERFACE_VERSION and the XEN_DOMCTL_* commands");
	VAL(XEN_DOMCTL_INTERFACE_VERSION);
	VAL(XEN_DOMCTL_createdomain);
	VAL(XEN_DOMCTL_destroydomain);
	VAL(XEN_DOMCTL_pausedomain);
	VAL(XEN_DOMCTL_unpausedomain);
	VAL(XEN_DOMCTL_getdomaininfo);
	VAL(XEN_DOMCTL_setvcpuaffinity);
	VAL(XEN_DOMCTL_shadow_op);
	VAL(XEN_DOMCTL_max_mem);
	VAL(XEN_DOMCTL_setvcpucontext);
	VAL(XEN_DOMCTL_getvcpucontext);
	VAL(XEN_DOMCTL_getvcpuinfo);
	VAL(XEN_DOMCTL_max_vcpus);
	VAL(XEN_DOMCTL_scheduler_op);
	VAL(XEN_DOMCTL_setdomainhandle);
	VAL(XEN_DOMCTL_setdebugging);
	VAL(XEN_DOMCTL_irq_permission);
	VAL(XEN_DOMCTL_iomem_permission);
	VAL(XEN_DOMCTL_ioport_permission);
	VAL(XEN_DOMCTL_hypercall_init);
	VAL(XEN_DOMCTL_settimeoffset);
	VAL(XEN_DOMCTL_getvcpuaffinity);
	VAL(XEN_DOMCTL_real_mode_area);
	VAL(XEN_DOMCTL_resumedomain);
	VAL(XEN_DOMCTL_sendtrigger);
	VAL(XEN_DOMCTL_subscribe);
	VAL(XEN_DOMCTL_gethvmcontext);
	VAL(XEN_DOMCTL_sethvmcontext);
	VAL(XEN_DOMCTL_set_address_size);
	VAL(XEN_DOMCTL_get_address_size);
	VAL(XEN_DOMCTL_assign_device);
	VAL(XEN_DOMCTL_bind_pt_irq);
	VAL(XEN_DOMCTL_memory_mapping);
	VAL(XEN_DOMCTL_ioport_mapping);
	VAL(XEN_DOMCTL_set_ext_vcpucontext);
	VAL(XEN_DOMCTL_get_ext_vcpucontext);
	VAL(XEN_DOMCTL_set_opt_feature);
	VAL(XEN_DOMCTL_test_assign_device);
	VAL(XEN_DOMCTL_set_target);
	VAL(XEN_DOMCTL_deassign_device);
	VAL(XEN_DOMCTL_unbind_pt_irq);
	VAL(XEN_DOMCTL_get_device_group);
	VAL(XEN_DOMCTL_debug_op);
	VAL(XEN_DOMCTL_gethvmcontext_partial);
	VAL(XEN_DOMCTL_vm_event_op);
	VAL(XEN_DOMCTL_mem_sharing_op);
	VAL(XEN_DOMCTL_gettscinfo);
	VAL(XEN_DOMCTL_settscinfo);
	VAL(XEN_DOMCTL_getpageframeinfo3);
	VAL(XEN_DOMCTL_setvcpuextstate);
	VAL(XEN_DOMCTL_getvcpuextstate);
	VAL(XEN_DOMCTL_set_access_required);
	VAL(XEN_DOMCTL_audit_p2m);
	VAL(XEN_DOMCTL_set_virq_handler);
	VAL(XEN_DOMCTL_set_broken_page_p2m);
	VAL(XEN_DOMCTL_setnodeaffinity);
	VAL(XEN_DOMCTL_getnodeaffinity);
	VAL(XEN_DOMCTL_cacheflush);
	VAL(XEN_DOMCTL_get_vcpu_msrs);
	VAL(XEN_DOMCTL_set_vcpu_msrs);
	VAL(XEN_DOMCTL_setvnumainfo);
	VAL(XEN_DOMCTL_psr_cmt_op);
	VAL(XEN_DOMCTL_monitor_op);
	VAL(XEN_DOMCTL_psr_alloc);
	VAL(XEN_DOMCTL_soft_reset);
	VAL(XEN_DOMCTL_vuart_op);
	VAL(XEN_DOMCTL_get_cpu_policy);
	VAL(XEN_DOMCTL_set_cpu_policy);
	VAL(XEN_DOMCTL_vmtrace_op);
	VAL(XEN_DOMCTL_get_paging_mempool_size);
	VAL(XEN_DOMCTL_set_paging_mempool_size);
	VAL(XEN_DOMCTL_gdbsx_guestmemio);
	VAL(XEN_DOMCTL_gdbsx_pausevcpu);
	VAL(XEN_DOMCTL_gdbsx_unpausevcpu);
	VAL(XEN_DOMCTL_gdbsx_domstatus);

	group("domctl.h: struct xen_domctl");
	SIZE(struct xen_domctl);
	TYPEDEF(xen_domctl_t, struct xen_domctl);
	SFIELD(struct xen_domctl, cmd);
	SFIELD(struct xen_domctl, interface_version);
	SFIELD(struct xen_domctl, domain);
	AFIELD(struct xen_domctl, _pad);
	FIELD(struct xen_domctl, u);
	FIELD(struct xen_domctl, u.createdomain);
	FIELD(struct xen_domctl, u.getdomaininfo);
	FIELD(struct xen_domctl, u.getpageframeinfo3);
	FIELD(struct xen_domctl, u.vcpuaffinity);
	FIELD(struct xen_domctl, u.max_mem);
	FIELD(struct xen_domctl, u.vcpucontext);
	FIELD(struct xen_domctl, u.getvcpuinfo);
	FIELD(struct xen_domctl, u.max_vcpus);
	FIELD(struct xen_domctl, u.scheduler_op);
	FIELD(struct xen_domctl, u.setdomainhandle);
	FIELD(struct xen_domctl, u.settimeoffset);
	FIELD(struct xen_domctl, u.hypercall_init);
	AFIELD(struct xen_domctl, u.pad);

	group("arch-x86/xen.h: XEN_X86_EMU_*, XEN_X86_MSR_RELAXED, struct xen_arch_domainconfig");
	VAL(_XEN_X86_EMU_LAPIC);
	VAL(XEN_X86_EMU_LAPIC);
	VAL(_XEN_X86_EMU_HPET);
	VAL(XEN_X86_EMU_HPET);
	VAL(_XEN_X86_EMU_PM);
	VAL(XEN_X86_EMU_PM);
	VAL(_XEN_X86_EMU_RTC);
	VAL(XEN_X86_EMU_RTC);
	VAL(_XEN_X86_EMU_IOAPIC);
	VAL(XEN_X86_EMU_IOAPIC);
	VAL(_XEN_X86_EMU_PIC);
	VAL(XEN_X86_EMU_PIC);
	VAL(_XEN_X86_EMU_VGA);
	VAL(XEN_X86_EMU_VGA);
	VAL(_XEN_X86_EMU_IOMMU);
	VAL(XEN_X86_EMU_IOMMU);
	VAL(_XEN_X86_EMU_PIT);
	VAL(XEN_X86_EMU_PIT);
	VAL(_XEN_X86_EMU_USE_PIRQ);
	VAL(XEN_X86_EMU_USE_PIRQ);
	VAL(_XEN_X86_EMU_VPCI);
	VAL(XEN_X86_EMU_VPCI);
	VAL(XEN_X86_EMU_ALL);
	VAL(XEN_X86_MSR_RELAXED);
	VAL(XEN_X86_MISC_FLAGS_MAX);
	SIZE(struct xen_arch_domainconfig);
	SFIELD(struct xen_arch_domainconfig, emulation_flags);
	SFIELD(struct xen_arch_domainconfig, misc_flags);

	group("domctl.h: XEN_DOMCTL_CDF_*, _IOMMU_*, _GRANT_*, struct xen_domctl_createdomain");
	VAL(_XEN_DOMCTL_CDF_hvm);
	VAL(XEN_DOMCTL_CDF_hvm);
	VAL(_XEN_DOMCTL_CDF_hap);
	VAL(XEN_DOMCTL_CDF_hap);
	VAL(_XEN_DOMCTL_CDF_s3_integrity);
	VAL(XEN_DOMCTL_CDF_s3_integrity);
	VAL(_XEN_DOMCTL_CDF_oos_off);
	VAL(XEN_DOMCTL_CDF_oos_off);
	VAL(_XEN_DOMCTL_CDF_xs_domain);
	VAL(XEN_DOMCTL_CDF_xs_domain);
	VAL(_XEN_DOMCTL_CDF_iommu);
	VAL(XEN_DOMCTL_CDF_iommu);
	VAL(_XEN_DOMCTL_CDF_nested_virt);
	VAL(XEN_DOMCTL_CDF_nested_virt);
	VAL(XEN_DOMCTL_CDF_vpmu);
	VAL(XEN_DOMCTL_CDF_MAX);
	VAL(_XEN_DOMCTL_IOMMU_no_sharept);
	VAL(XEN_DOMCTL_IOMMU_no_sharept);
	VAL(XEN_DOMCTL_IOMMU_MAX);
	VAL(XEN_DOMCTL_GRANT_version_mask);
	VAL(XEN_DOMCTL_GRANT_version(2));
	VAL(XEN_DOMCTL_GRANT_version(0x21));
	SIZE(struct xen_domctl_createdomain);
	SFIELD(struct xen_domctl_createdomain, ssidref);
	AFIELD(struct xen_domctl_createdomain, handle);
	SFIELD(struct xen_domctl_createdomain, flags);
	SFIELD(struct xen_domctl_createdomain, iommu_opts);
	SFIELD(struct xen_domctl_createdomain, max_vcpus);
	SFIELD(struct xen_domctl_createdomain, max_evtchn_port);
	SFIELD(struct xen_domctl_createdomain, max_grant_frames);
	SFIELD(struct xen_domctl_createdomain, max_maptrack_frames);
	SFIELD(struct xen_domctl_createdomain, grant_opts);
	SFIELD(struct xen_domctl_createdomain, vmtrace_size);
	SFIELD(struct xen_domctl_createdomain, cpupool_id);
	FIELD(struct xen_domctl_createdomain, arch);

	group("domctl.h: XEN_DOMINF_*, struct xen_domctl_getdomaininfo");
	VAL(_XEN_DOMINF_dying);
	VAL(XEN_DOMINF_dying);
	VAL(_XEN_DOMINF_hvm_guest);
	VAL(XEN_DOMINF_hvm_guest);
	VAL(_XEN_DOMINF_shutdown);
	VAL(XEN_DOMINF_shutdown);
	VAL(_XEN_DOMINF_paused);
	VAL(XEN_DOMINF_paused);
	VAL(_XEN_DOMINF_blocked);
	VAL(XEN_DOMINF_blocked);
	VAL(_XEN_DOMINF_running);
	VAL(XEN_DOMINF_running);
	VAL(_XEN_DOMINF_debugged);
	VAL(XEN_DOMINF_debugged);
	VAL(_XEN_DOMINF_xs_domain);
	VAL(XEN_DOMINF_xs_domain);
	VAL(_XEN_DOMINF_hap);
	VAL(XEN_DOMINF_hap);
	VAL(XEN_DOMINF_shutdownmask);
	VAL(XEN_DOMINF_shutdownshift);
	VAL(XEN_INVALID_MAX_VCPU_ID);
	SIZE(struct xen_domctl_getdomaininfo);
	TYPEDEF(xen_domctl_getdomaininfo_t, struct xen_domctl_getdomaininfo);
	SFIELD(struct xen_domctl_getdomaininfo, domain);
	SFIELD(struct xen_domctl_getdomaininfo, pad1);
	SFIELD(struct xen_domctl_getdomaininfo, flags);
	SFIELD(struct xen_domctl_getdomaininfo, tot_pages);
	SFIELD(struct xen_domctl_getdomaininfo, max_pages);
	SFIELD(struct xen_domctl_getdomaininfo, outstanding_pages);
	SFIELD(struct xen_domctl_getdomaininfo, shr_pages);
	SFIELD(struct xen_domctl_getdomaininfo, paged_pages);
	SFIELD(struct xen_domctl_getdomaininfo, shared_info_frame);
	SFIELD(struct xen_domctl_getdomaininfo, cpu_time);
	SFIELD(struct xen_domctl_getdomaininfo, nr_online_vcpus);
	SFIELD(struct xen_domctl_getdomaininfo, max_vcpu_id);
	SFIELD(struct xen_domctl_getdomaininfo, ssidref);
	AFIELD(struct xen_domctl_getdomaininfo, handle);
	SFIELD(struct xen_domctl_getdomaininfo, cpupool);
	SFIELD(struct xen_domctl_getdomaininfo, gpaddr_bits);
	AFIELD(struct xen_domctl_getdomaininfo, pad2);
	FIELD(struct xen_domctl_getdomaininfo, arch_config);

	group("domctl.h: XEN_DOMCTL_PFINFO_*, struct xen_domctl_getpageframeinfo3");
	VAL(XEN_DOMCTL_PFINFO_LTAB_SHIFT);
	VAL(XEN_DOMCTL_PFINFO_NOTAB);
	VAL(XEN_DOMCTL_PFINFO_L1TAB);
	VAL(XEN_DOMCTL_PFINFO_L2TAB);
	VAL(XEN_DOMCTL_PFINFO_L3TAB);
	VAL(XEN_DOMCTL_PFINFO_L4TAB);
	VAL(XEN_DOMCTL_PFINFO_LTABTYPE_MASK);
	VAL(XEN_DOMCTL_PFINFO_LPINTAB);
	VAL(XEN_DOMCTL_PFINFO_XTAB);
	VAL(XEN_DOMCTL_PFINFO_XALLOC);
	VAL(XEN_DOMCTL_PFINFO_BROKEN);
	VAL(XEN_DOMCTL_PFINFO_LTAB_MASK);
	SIZE(struct xen_domctl_getpageframeinfo3);
	SFIELD(struct xen_domctl_getpageframeinfo3, num);
	FIELD(struct xen_domctl_getpageframeinfo3, array);

	group("domctl.h: struct xen_domctl_max_mem, _vcpucontext, _getvcpuinfo, _max_vcpus");
	SIZE(struct xen_domctl_max_mem);
	SFIELD(struct xen_domctl_max_mem, max_memkb);
	SIZE(struct xen_domctl_vcpucontext);
	SFIELD(struct xen_domctl_vcpucontext, vcpu);
	FIELD(struct xen_domctl_vcpucontext, ctxt);
	SIZE(struct xen_domctl_getvcpuinfo);
	SFIELD(struct xen_domctl_getvcpuinfo, vcpu);
	SFIELD(struct xen_domctl_getvcpuinfo, online);
	SFIELD(struct xen_domctl_getvcpuinfo, blocked);
	SFIELD(struct xen_domctl_getvcpuinfo, running);
	SFIELD(struct xen_domctl_getvcpuinfo, cpu_time);
	SFIELD(struct xen_domctl_getvcpuinfo, cpu);
	SIZE(struct xen_domctl_max_vcpus);
	SFIELD(struct xen_domctl_max_vcpus, max);

	group("domctl.h: XEN_VCPUAFFINITY_*, struct xenctl_bitmap, xen_domctl_vcpuaffinity");
	VAL(_XEN_VCPUAFFINITY_HARD);
	VAL(XEN_VCPUAFFINITY_HARD);
	VAL(_XEN_VCPUAFFINITY_SOFT);
	VAL(XEN_VCPUAFFINITY_SOFT);
	VAL(_XEN_VCPUAFFINITY_FORCE);
	VAL(XEN_VCPUAFFINITY_FORCE);
	SIZE(struct xenctl_bitmap);
	TYPEDEF(xenctl_bitmap_t, struct xenctl_bitmap);
	FIELD(struct xenctl_bitmap, bitmap);
	SFIELD(struct xenctl_bitmap, nr_bits);
	SIZE(struct xen_domctl_vcpuaffinity);
	SFIELD(struct xen_domctl_vcpuaffinity, vcpu);
	SFIELD(struct xen_domctl_vcpuaffinity, flags);
	FIELD(struct xen_domctl_vcpuaffinity, cpumap_hard);
	FIELD(struct xen_domctl_vcpuaffinity, cpumap_soft);

	group("domctl.h: XEN_SCHEDULER_*, XEN_DOMCTL_SCHEDOP_*, struct xen_domctl_scheduler_op");
	VAL(XEN_SCHEDULER_CREDIT);
	VAL(XEN_SCHEDULER_CREDIT2);
	VAL(XEN_SCHEDULER_ARINC653);
	VAL(XEN_SCHEDULER_RTDS);
	VAL(XEN_SCHEDULER_NULL);
	VAL(XEN_DOMCTL_SCHEDOP_putinfo);
	VAL(XEN_DOMCTL_SCHEDOP_getinfo);
	VAL(XEN_DOMCTL_SCHEDOP_putvcpuinfo);
	VAL(XEN_DOMCTL_SCHEDOP_getvcpuinfo);
	VAL(_XEN_DOMCTL_SCHEDRT_extra);
	VAL(XEN_DOMCTL_SCHEDRT_extra);
	SIZE(struct xen_domctl_sched_credit);
	SFIELD(struct xen_domctl_sched_credit, weight);
	SFIELD(struct xen_domctl_sched_credit, cap);
	SIZE(struct xen_domctl_sched_credit2);
	SFIELD(struct xen_domctl_sched_credit2, weight);
	SFIELD(struct xen_domctl_sched_credit2, cap);
	SIZE(struct xen_domctl_sched_rtds);
	SFIELD(struct xen_domctl_sched_rtds, period);
	SFIELD(struct xen_domctl_sched_rtds, budget);
	SFIELD(struct xen_domctl_sched_rtds, flags);
	SIZE(struct xen_domctl_schedparam_vcpu);
	TYPEDEF(xen_domctl_schedparam_vcpu_t, struct xen_domctl_schedparam_vcpu);
	FIELD(struct xen_domctl_schedparam_vcpu, u);
	FIELD(struct xen_domctl_schedparam_vcpu, u.credit);
	FIELD(struct xen_domctl_schedparam_vcpu, u.credit2);
	FIELD(struct xen_domctl_schedparam_vcpu, u.rtds);
	SFIELD(struct xen_domctl_schedparam_vcpu, vcpuid);
	SIZE(struct xen_domctl_scheduler_op);
	SFIELD(struct xen_domctl_scheduler_op, sched_id);
	SFIELD(struct xen_domctl_scheduler_op, cmd);
	FIELD(struct xen_domctl_scheduler_op, u);
	FIELD(struct xen_domctl_scheduler_op, u.credit);
	FIELD(struct xen_domctl_scheduler_op, u.credit2);
	FIELD(struct xen_domctl_scheduler_op, u.rtds);
	FIELD(struct xen_domctl_scheduler_op, u.v);
	FIELD(struct xen_domctl_scheduler_op, u.v.vcpus);
	SFIELD(struct xen_domctl_scheduler_op, u.v.nr_vcpus);
	SFIELD(struct xen_domctl_scheduler_op, u.v.padding);

	group("domctl.h: struct xen_domctl_setdomainhandle, _settimeoffset, _hypercall_init");
	SIZE(struct xen_domctl_setdomainhandle);
	AFIELD(struct xen_domctl_setdomainhandle, handle);
	SIZE(struct xen_domctl_settimeoffset);
	SFIELD(struct xen_domctl_settimeoffset, time_offset_seconds);
	SIZE(struct xen_domctl_hypercall_init);
	SFIELD(struct xen_domctl_hypercall_init, gmfn);
}

/* ---- sysctl.h ---- */

static void sysctl(void)
{
	group("sysctl.h: XEN_SYSCTL_INTERFACE_VERSION and the XEN_SYSCTL_* commands");
	VAL(XEN_SYSCTL_INTERFACE_VERSION);
	VAL(XEN_SYSCTL_readconsole);
	VAL(XEN_SYSCTL_tbuf_op);
	VAL(XEN_SYSCTL_physinfo);
	VAL(XEN_SYSCTL_sched_id);
	VAL(XEN_SYSCTL_perfc_op);
	VAL(XEN_SYSCTL_getdomaininfolist);
	VAL(XEN_SYSCTL_debug_keys);
	VAL(XEN_SYSCTL_getcpuinfo);
	VAL(XEN_SYSCTL_availheap);
	VAL(XEN_SYSCTL_get_pmstat);
	VAL(XEN_SYSCTL_cpu_hotplug);
	VAL(XEN_SYSCTL_pm_op);
	VAL(XEN_SYSCTL_page_offline_op);
	VAL(XEN_SYSCTL_lockprof_op);
	VAL(XEN_SYSCTL_cputopoinfo);
	VAL(XEN_SYSCTL_numainfo);
	VAL(XEN_SYSCTL_cpupool_op);
	VAL(XEN_SYSCTL_scheduler_op);
	VAL(XEN_SYSCTL_coverage_op);
	VAL(XEN_SYSCTL_psr_cmt_op);
	VAL(XEN_SYSCTL_pcitopoinfo);
	VAL(XEN_SYSCTL_psr_alloc);
	VAL(XEN_SYSCTL_get_cpu_levelling_caps);
	VAL(XEN_SYSCTL_get_cpu_featureset);
	VAL(XEN_SYSCTL_livepatch_op);
	VAL(XEN_SYSCTL_get_cpu_policy);

	group("sysctl.h: struct xen_sysctl");
	SIZE(struct xen_sysctl);
	TYPEDEF(xen_sysctl_t, struct xen_sysctl);
	SFIELD(struct xen_sysctl, cmd);
	SFIELD(struct xen_sysctl, interface_version);
	FIELD(struct xen_sysctl, u);
	FIELD(struct xen_sysctl, u.readconsole);
	FIELD(struct xen_sysctl, u.physinfo);
	FIELD(struct xen_sysctl, u.sched_id);
	FIELD(struct xen_sysctl, u.getdomaininfolist);
	FIELD(struct xen_sysctl, u.debug_keys);
	AFIELD(struct xen_sysctl, u.pad);

	group("sysctl.h: struct xen_sysctl_readconsole, _getdomaininfolist, _sched_id, _debug_keys");
	SIZE(struct xen_sysctl_readconsole);
	SFIELD(struct xen_sysctl_readconsole, clear);
	SFIELD(struct xen_sysctl_readconsole, incremental);
	SFIELD(struct xen_sysctl_readconsole, pad0);
	SFIELD(struct xen_sysctl_readconsole, pad1);
	SFIELD(struct xen_sysctl_readconsole, index);
	FIELD(struct xen_sysctl_readconsole, buffer);
	SFIELD(struct xen_sysctl_readconsole, count);
	SIZE(struct xen_sysctl_getdomaininfolist);
	SFIELD(struct xen_sysctl_getdomaininfolist, first_domain);
	SFIELD(struct xen_sysctl_getdomaininfolist, max_domains);
	FIELD(struct xen_sysctl_getdomaininfolist, buffer);
	SFIELD(struct xen_sysctl_getdomaininfolist, num_domains);
	SIZE(struct xen_sysctl_sched_id);
	SFIELD(struct xen_sysctl_sched_id, sched_id);
	SIZE(struct xen_sysctl_debug_keys);
	FIELD(struct xen_sysctl_debug_keys, keys);
	SFIELD(struct xen_sysctl_debug_keys, nr_keys);

	group("sysctl.h: XEN_SYSCTL_PHYSCAP_*, struct xen_sysctl_physinfo");
	VAL(_XEN_SYSCTL_PHYSCAP_hvm);
	VAL(XEN_SYSCTL_PHYSCAP_hvm);
	VAL(_XEN_SYSCTL_PHYSCAP_pv);
	VAL(XEN_SYSCTL_PHYSCAP_pv);
	VAL(_XEN_SYSCTL_PHYSCAP_directio);
	VAL(XEN_SYSCTL_PHYSCAP_directio);
	VAL(_XEN_SYSCTL_PHYSCAP_hap);
	VAL(XEN_SYSCTL_PHYSCAP_hap);
	VAL(_XEN_SYSCTL_PHYSCAP_shadow);
	VAL(XEN_SYSCTL_PHYSCAP_shadow);
	VAL(_XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share);
	VAL(XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share);
	VAL(XEN_SYSCTL_PHYSCAP_vmtrace);
	VAL(XEN_SYSCTL_PHYSCAP_vpmu);
	VAL(XEN_SYSCTL_PHYSCAP_gnttab_v1);
	VAL(XEN_SYSCTL_PHYSCAP_gnttab_v2);
	VAL(XEN_SYSCTL_PHYSCAP_MAX);
	SIZE(struct xen_sysctl_physinfo);
	SFIELD(struct xen_sysctl_physinfo, threads_per_core);
	SFIELD(struct xen_sysctl_physinfo, cores_per_socket);
	SFIELD(struct xen_sysctl_physinfo, nr_cpus);
	SFIELD(struct xen_sysctl_physinfo, max_cpu_id);
	SFIELD(struct xen_sysctl_physinfo, nr_nodes);
	SFIELD(struct xen_sysctl_physinfo, max_node_id);
	SFIELD(struct xen_sysctl_physinfo, cpu_khz);
	SFIELD(struct xen_sysctl_physinfo, capabilities);
	SFIELD(struct xen_sysctl_physinfo, arch_capabilities);
	SFIELD(struct xen_sysctl_physinfo, pad);
	SFIELD(struct xen_sysctl_physinfo, total_pages);
	SFIELD(struct xen_sysctl_physinfo, free_pages);
	SFIELD(struct xen_sysctl_physinfo, scrub_pages);
	SFIELD(struct xen_sysctl_physinfo, outstanding_pages);
	SFIELD(struct xen_sysctl_physinfo, max_mfn);
	AFIELD(struct xen_sysctl_physinfo, hw_cap);
}

/* ---- xen/sys: /dev/xen/privcmd, evtchn and gntdev (hosted only) ---- */

static void sys_devices(void)
{
	group("sys/privcmd.h: ioctl numbers and argument layouts");
	SIZE(struct privcmd_hypercall);
	SFIELD(struct privcmd_hypercall, op);
	AFIELD(struct privcmd_hypercall, arg);
	SIZE(struct privcmd_mmap_entry);
	SFIELD(struct privcmd_mmap_entry, va);
	SFIELD(struct privcmd_mmap_entry, mfn);
	SFIELD(struct privcmd_mmap_entry, npages);
	SIZE(struct privcmd_mmap);
	SFIELD(struct privcmd_mmap, num);
	SFIELD(struct privcmd_mmap, dom);
	FIELD(struct privcmd_mmap, entry);
	SIZE(struct privcmd_mmapbatch);
	SFIELD(struct privcmd_mmapbatch, num);
	SFIELD(struct privcmd_mmapbatch, dom);
	SFIELD(struct privcmd_mmapbatch, addr);
	FIELD(struct privcmd_mmapbatch, arr);
	SIZE(struct privcmd_mmapbatch_v2);
	SFIELD(struct privcmd_mmapbatch_v2, num);
	SFIELD(struct privcmd_mmapbatch_v2, dom);
	SFIELD(struct privcmd_mmapbatch_v2, addr);
	FIELD(struct privcmd_mmapbatch_v2, arr);
	FIELD(struct privcmd_mmapbatch_v2, err);
	SIZE(struct privcmd_dm_op_buf);
	FIELD(struct privcmd_dm_op_buf, uptr);
	SFIELD(struct privcmd_dm_op_buf, size);
	SIZE(struct privcmd_dm_op);
	SFIELD(struct privcmd_dm_op, dom);
	SFIELD(struct privcmd_dm_op, num);
	FIELD(struct privcmd_dm_op, ubufs);
	SIZE(struct privcmd_mmap_resource);
	SFIELD(struct privcmd_mmap_resource, dom);
	SFIELD(struct privcmd_mmap_resource, type);
	SFIELD(struct privcmd_mmap_resource, id);
	SFIELD(struct privcmd_mmap_resource, idx);
	SFIELD(struct privcmd_mmap_resource, num);
	SFIELD(struct privcmd_mmap_resource, addr);
	VAL(PRIVCMD_MMAPBATCH_MFN_ERROR);
	VAL(PRIVCMD_MMAPBATCH_PAGED_ERROR);
	VAL(IOCTL_PRIVCMD_HYPERCALL);
	VAL(IOCTL_PRIVCMD_MMAP);
	VAL(IOCTL_PRIVCMD_MMAPBATCH);
	VAL(IOCTL_PRIVCMD_MMAPBATCH_V2);
	VAL(IOCTL_PRIVCMD_DM_OP);
	VAL(IOCTL_PRIVCMD_RESTRICT);
	VAL(IOCTL_PRIVCMD_MMAP_RESOURCE);

	group("sys/evtchn.h: ioctl numbers and argument layouts");
	SIZE(struct ioctl_evtchn_bind_virq);
	SFIELD(struct ioctl_evtchn_bind_virq, virq);
	SIZE(struct ioctl_evtchn_bind_interdomain);
	SFIELD(struct ioctl_evtchn_bind_interdomain, remote_domain);
	SFIELD(struct ioctl_evtchn_bind_interdomain, remote_port);
	SIZE(struct ioctl_evtchn_bind_unbound_port);
	SFIELD(struct ioctl_evtchn_bind_unbound_port, remote_domain);
	SIZE(struct ioctl_evtchn_unbind);
	SFIELD(struct ioctl_evtchn_unbind, port);
	SIZE(struct ioctl_evtchn_notify);
	SFIELD(struct ioctl_evtchn_notify, port);
	SIZE(struct ioctl_evtchn_restrict_domid);
	SFIELD(struct ioctl_evtchn_restrict_domid, domid);
	VAL(IOCTL_EVTCHN_BIND_VIRQ);
	VAL(IOCTL_EVTCHN_BIND_INTERDOMAIN);
	VAL(IOCTL_EVTCHN_BIND_UNBOUND_PORT);
	VAL(IOCTL_EVTCHN_UNBIND);
	VAL(IOCTL_EVTCHN_NOTIFY);
	VAL(IOCTL_EVTCHN_RESET);
	VAL(IOCTL_EVTCHN_RESTRICT_DOMID);

	group("sys/gntdev.h: ioctl numbers and argument layouts");
	SIZE(struct ioctl_gntdev_grant_ref);
	SFIELD(struct ioctl_gntdev_grant_ref, domid);
	SFIELD(struct ioctl_gntdev_grant_ref, ref);
	SIZE(struct ioctl_gntdev_map_grant_ref);
	SFIELD(struct ioctl_gntdev_map_grant_ref, count);
	SFIELD(struct ioctl_gntdev_map_grant_ref, pad);
	SFIELD(struct ioctl_gntdev_map_grant_ref, index);
	FIELD(struct ioctl_gntdev_map_grant_ref, refs);
	SIZE(struct ioctl_gntdev_unmap_grant_ref);
	SFIELD(struct ioctl_gntdev_unmap_grant_ref, index);
	SFIELD(struct ioctl_gntdev_unmap_grant_ref, count);
	SFIELD(struct ioctl_gntdev_unmap_grant_ref, pad);
	SIZE(struct ioctl_gntdev_get_offset_for_vaddr);
	SFIELD(struct ioctl_gntdev_get_offset_for_vaddr, vaddr);
	SFIELD(struct ioctl_gntdev_get_offset_for_vaddr, offset);
	SFIELD(struct ioctl_gntdev_get_offset_for_vaddr, count);
	SIZE(struct ioctl_gntdev_set_max_grants);
	SFIELD(struct ioctl_gntdev_set_max_grants, count);
	SIZE(struct ioctl_gntdev_unmap_notify);
	SFIELD(struct ioctl_gntdev_unmap_notify, index);
	SFIELD(struct ioctl_gntdev_unmap_notify, action);
	SFIELD(struct ioctl_gntdev_unmap_notify, event_channel_port);
	/* grant copy (IOCTL_GNTDEV_GRANT_COPY) is newer than Xen's copy of gntdev.h */
	VAL(UNMAP_NOTIFY_CLEAR_BYTE);
	VAL(UNMAP_NOTIFY_SEND_EVENT);
	VAL(IOCTL_GNTDEV_MAP_GRANT_REF);
	VAL(IOCTL_GNTDEV_UNMAP_GRANT_REF);
	VAL(IOCTL_GNTDEV_GET_OFFSET_FOR_VADDR);
	VAL(IOCTL_GNTDEV_SET_MAX_GRANTS);
	VAL(IOCTL_GNTDEV_SET_UNMAP_NOTIFY);
}

int main(void)
{
	arch_x86();
	arch_x86_cpuid();
	arch_x86_mca();
	errno_values();
	xen_hypercalls();
	xen_structs();
	features_elfnote_version();
	memory();
	vcpu();
	platform();
	domctl();
	sysctl();
	sched_callback();
	event_channel();
	grant_table();
	physdev();
	io_console_xs();
	ring_behaviour();
	io_blkif_netif();
	sys_devices();
	return 0;
}
