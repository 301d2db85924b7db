/*
 * asm/uaccess.h - reading and writing guest memory safely.
 *
 * The guest's page tables are live while the hypervisor handles its traps
 * and hypercalls, so a guest virtual address is accessed directly. Every
 * access goes through these functions: they refuse addresses in the
 * hypervisor's range or non-canonical ones, and a fault during the copy is
 * caught through the exception table (asm/extable.h) instead of crashing.
 * Return values: bytes NOT copied (0 on success), like Linux's copy_*_user;
 * callers turn a non-zero result into -EFAULT (Xen's rule).
 */
#ifndef ASM_UACCESS_H
#define ASM_UACCESS_H

#include <asm/config.h>
#include <lamina/types.h>

/* guest_range_ok - [va, va + len) is canonical, in guest space and does not wrap. */
static inline bool guest_range_ok(unsigned long va, size_t len)
{
	unsigned long end = va + len;

	if (end < va)
		return false;
	if (va < (1UL << 47)) /* lower half: must stay below the canonical hole */
		return end <= (1UL << 47);
	/* upper half: canonical, and clear of the hypervisor's slots 256-271 */
	if (va < 0xFFFF800000000000UL)
		return false;
	return va >= HYPERVISOR_VIRT_END || end <= HYPERVISOR_VIRT_START;
}

/* raw_copy - memcpy that stops at a faulting byte; returns the bytes left uncopied. */
size_t raw_copy(void *dst, const void *src, size_t len);

static inline size_t copy_from_guest(void *dst, unsigned long guest_va, size_t len)
{
	return guest_range_ok(guest_va, len) ? raw_copy(dst, (const void *)guest_va, len) : len;
}

static inline size_t copy_to_guest(unsigned long guest_va, const void *src, size_t len)
{
	return guest_range_ok(guest_va, len) ? raw_copy((void *)guest_va, src, len) : len;
}

/* clear_guest - zero len bytes at guest_va; returns the bytes left unwritten. */
size_t clear_guest(unsigned long guest_va, size_t len);

/*
 * WITH_GUEST_ARG - the body of a hypercall sub-op taking a struct: copy the
 * guest's `type` at arg into a local named `a`, evaluate expr (which may
 * read and change a), copy a back when expr gave 0 and out is true, and
 * return expr's value; -EFAULT when a copy fails.
 */
#define WITH_GUEST_ARG(type, arg, expr, out)                                  \
	do {                                                                  \
		type a;                                                       \
		if (copy_from_guest(&a, arg, sizeof(a)))                      \
			return -EFAULT;                                       \
		long rc_ = (expr);                                            \
		if (!rc_ && (out) && copy_to_guest(arg, &a, sizeof(a)))       \
			return -EFAULT;                                       \
		return rc_;                                                   \
	} while (0)

#endif /* ASM_UACCESS_H */
