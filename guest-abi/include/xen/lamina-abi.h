/*
 * xen/lamina-abi.h - helpers shared by Lamina's Xen ABI headers.
 *
 * This is Lamina's own header, not a copy of anything in Xen's public tree; every other header
 * under xen/ includes it first. It provides:
 *  - integer-constant suffixes that vanish when a header is included from assembly, so the
 *    same constant has Xen's C type in C and is a plain number for the assembler;
 *  - compile-time layout checks, used right after each structure definition.
 *
 * Everything here is prefixed XEN_ABI_ and is not part of the guest ABI itself.
 */
#ifndef XEN_ABI_LAMINA_ABI_H
#define XEN_ABI_LAMINA_ABI_H

#ifdef __ASSEMBLER__

#define XEN_ABI_U(x)	x
#define XEN_ABI_UL(x)	x
#define XEN_ABI_ULL(x)	x

#else /* !__ASSEMBLER__ */

#include <stddef.h>
#include <stdint.h>

#define XEN_ABI_PASTE(a, b)	a##b
#define XEN_ABI_U(x)		XEN_ABI_PASTE(x, U)
#define XEN_ABI_UL(x)		XEN_ABI_PASTE(x, UL)
#define XEN_ABI_ULL(x)		XEN_ABI_PASTE(x, ULL)

/* Fail the build unless sizeof(type) is exactly size bytes. */
#define XEN_ABI_SIZE(type, size)                                                                   \
	_Static_assert(sizeof(type) == (size), "ABI: sizeof(" #type ") must be " #size)

/* Fail the build unless member sits exactly off bytes into type. */
#define XEN_ABI_OFFSET(type, member, off)                                                          \
	_Static_assert(offsetof(type, member) == (off),                                            \
		       "ABI: " #type "." #member " must be at offset " #off)

#endif /* __ASSEMBLER__ */

#endif /* XEN_ABI_LAMINA_ABI_H */
