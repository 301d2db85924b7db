/*
 * xen/callback.h - callback_op hypercall: registering the guest's entry points for event
 * upcalls, failsafe returns, NMIs and system calls from guest user space.
 *
 * Matches Xen's public xen/include/public/callback.h. callback_op(cmd, arg) takes
 * CALLBACKOP_register with a struct callback_register, or CALLBACKOP_unregister with a
 * struct callback_unregister.
 */
#ifndef XEN_ABI_CALLBACK_H
#define XEN_ABI_CALLBACK_H

#include "xen.h"

/* Callback types. */
#define CALLBACKTYPE_event		0	/* event-channel upcall */
#define CALLBACKTYPE_failsafe		1	/* hv could not restore guest state on return */
#define CALLBACKTYPE_syscall		2	/* SYSCALL from 64-bit guest user space */
#define CALLBACKTYPE_sysenter_deprecated 3	/* 32-bit hypervisors only; not for new code */
#define CALLBACKTYPE_nmi		4	/* NMI delivery */
#define CALLBACKTYPE_sysenter		5	/* SYSENTER from 32-bit user space (Intel) */
#define CALLBACKTYPE_syscall32		7	/* SYSCALL from 32-bit user space (AMD) */

/* callback_register.flags: mask events while the callback runs (always so for event/NMI). */
#define _CALLBACKF_mask_events		0
#define CALLBACKF_mask_events		(XEN_ABI_U(1) << _CALLBACKF_mask_events)

/* Sub-ops. */
#define CALLBACKOP_register		0
#define CALLBACKOP_unregister		1	/* -EINVAL for types that cannot be removed */

#ifndef __ASSEMBLER__

/*
 * struct callback_register - CALLBACKOP_register: enter the guest at address for the given
 * type of callback.
 */
struct callback_register {
	uint16_t type;		/* CALLBACKTYPE_* */
	uint16_t flags;		/* CALLBACKF_* */
	xen_callback_t address;	/* guest virtual address of the entry point */
};
typedef struct callback_register callback_register_t;
XEN_ABI_SIZE(struct callback_register, 16);
XEN_ABI_OFFSET(struct callback_register, flags, 2);
XEN_ABI_OFFSET(struct callback_register, address, 8);

/*
 * struct callback_unregister - CALLBACKOP_unregister.
 */
struct callback_unregister {
	uint16_t type;		/* CALLBACKTYPE_* */
	uint16_t _unused;
};
typedef struct callback_unregister callback_unregister_t;
XEN_ABI_SIZE(struct callback_unregister, 4);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_CALLBACK_H */
