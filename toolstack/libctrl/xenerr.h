/*
 * libctrl/xenerr.h - making Xen's errors readable: the E* name of an error number, and
 * what it means for the kind of call that failed (Xen's error rules per call are in
 * guest-abi/include/xen/domctl.h, sysctl.h, event_channel.h, memory.h). Pure functions.
 */
#ifndef LIBCTRL_XENERR_H
#define LIBCTRL_XENERR_H

#include <stddef.h>

/* The kind of operation an error came from. */
enum ctrl_call {
	CTRL_CALL_OPEN_PRIVCMD,	/* open(/dev/xen/privcmd) */
	CTRL_CALL_OPEN_DEVICE,	/* open() of another /dev/xen device */
	CTRL_CALL_DOMCTL,	/* a domctl on one domain */
	CTRL_CALL_SYSCTL,	/* a sysctl */
	CTRL_CALL_MEMORY,	/* memory_op, mmu_update, mmuext_op */
	CTRL_CALL_EVTCHN,	/* event_channel_op or /dev/xen/evtchn */
	CTRL_CALL_MAP,		/* foreign or grant mappings */
	CTRL_CALL_OTHER,
};

/*
 * ctrl_xen_errno_name - the name of Xen error @err (positive, as in errno): "ESRCH",
 * "ENOSYS", ... (xen/errno.h), or NULL when Xen defines no such error.
 */
const char *ctrl_xen_errno_name(int err);

/*
 * ctrl_error_hint - what error @err (positive) most likely means for a @call, in a few
 * words ("no such domain", "not implemented by this hypervisor", "is this dom0 with
 * xen-privcmd loaded?"), or NULL when there is nothing to add to strerror().
 */
const char *ctrl_error_hint(enum ctrl_call call, int err);

/*
 * ctrl_describe_error - "strerror (NAME: hint)" for @err after a @call, e.g.
 * "No such process (ESRCH: no such domain)", into @buf of @size bytes. Returns snprintf's
 * result.
 */
int ctrl_describe_error(char *buf, size_t size, enum ctrl_call call, int err);

/*
 * ctrl_batch_errors - count the failed frames of a foreign-mapping batch: @errs[0..@num-1]
 * as IOCTL_PRIVCMD_MMAPBATCH_V2 wrote them (0 or a negative Xen error). *@first (may be
 * NULL) receives the index of the first failure, or @num when none failed.
 */
unsigned int ctrl_batch_errors(const int *errs, unsigned int num, unsigned int *first);

#endif /* LIBCTRL_XENERR_H */
