/*
 * xenerr.c - names and meanings of Xen's errors (see xenerr.h). Pure.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <xen/errno.h>

#include "libctrl/xenerr.h"

/* Xen's error numbers are Linux's on x86, so strerror() and errno's names apply. */
_Static_assert(XEN_ESRCH == ESRCH && XEN_ENOSYS == ENOSYS && XEN_EOPNOTSUPP == EOPNOTSUPP &&
		       XEN_ECONNREFUSED == ECONNREFUSED,
	       "Xen's errno values must equal the C library's");

#define NAME(e) [XEN_##e] = #e

static const char *const xen_errno_names[] = {
	NAME(EPERM),	   NAME(ENOENT),     NAME(ESRCH),	NAME(EINTR),
	NAME(EIO),	   NAME(ENXIO),	     NAME(E2BIG),	NAME(ENOEXEC),
	NAME(EBADF),	   NAME(ECHILD),     NAME(EAGAIN),	NAME(ENOMEM),
	NAME(EACCES),	   NAME(EFAULT),     NAME(EBUSY),	NAME(EEXIST),
	NAME(EXDEV),	   NAME(ENODEV),     NAME(ENOTDIR),	NAME(EISDIR),
	NAME(EINVAL),	   NAME(ENFILE),     NAME(EMFILE),	NAME(ENOSPC),
	NAME(EROFS),	   NAME(EMLINK),     NAME(EDOM),	NAME(ERANGE),
	NAME(EDEADLK),	   NAME(ENAMETOOLONG), NAME(ENOLCK),	NAME(ENOSYS),
	NAME(ENOTEMPTY),   NAME(ENODATA),    NAME(ETIME),	NAME(EBADMSG),
	NAME(EOVERFLOW),   NAME(EILSEQ),     NAME(ERESTART),	NAME(ENOTSOCK),
	NAME(EMSGSIZE),	   NAME(EOPNOTSUPP), NAME(EADDRINUSE),	NAME(EADDRNOTAVAIL),
	NAME(ENOBUFS),	   NAME(EISCONN),    NAME(ENOTCONN),	NAME(ETIMEDOUT),
	NAME(ECONNREFUSED),
};

const char *ctrl_xen_errno_name(int err)
{
	if (err <= 0 || (size_t)err >= sizeof(xen_errno_names) / sizeof(xen_errno_names[0]))
		return NULL;
	return xen_errno_names[err];
}

/* One meaning of an error for one kind of call (CTRL_CALL_OTHER: any call). */
struct hint {
	enum ctrl_call call;
	int err;
	const char *text;
};

static const struct hint hints[] = {
	{ CTRL_CALL_OPEN_PRIVCMD, ENOENT, "is this dom0 with xen-privcmd loaded?" },
	{ CTRL_CALL_OPEN_PRIVCMD, ENODEV, "is this dom0 with xen-privcmd loaded?" },
	{ CTRL_CALL_OPEN_PRIVCMD, EACCES, "the control interface needs root" },
	{ CTRL_CALL_OPEN_DEVICE, ENOENT, "is its xen-* module loaded?" },
	{ CTRL_CALL_OPEN_DEVICE, EACCES, "the device needs root" },
	{ CTRL_CALL_DOMCTL, ESRCH, "no such domain" },
	{ CTRL_CALL_DOMCTL, EACCES, "the hypervisor speaks another domctl interface version" },
	{ CTRL_CALL_SYSCTL, EACCES, "the hypervisor speaks another sysctl interface version" },
	{ CTRL_CALL_DOMCTL, EPERM, "not the control domain" },
	{ CTRL_CALL_SYSCTL, EPERM, "not the control domain" },
	{ CTRL_CALL_MEMORY, EPERM, "not allowed on that domain" },
	{ CTRL_CALL_MEMORY, ESRCH, "no such domain" },
	{ CTRL_CALL_MEMORY, ENOMEM, "out of memory, or over the domain's max_mem" },
	{ CTRL_CALL_EVTCHN, ESRCH, "no such domain" },
	{ CTRL_CALL_EVTCHN, ENOSPC, "the domain has no free event-channel port" },
	{ CTRL_CALL_EVTCHN, ENOTCONN, "not a port of this handle" },
	{ CTRL_CALL_MAP, EINVAL, "a frame is not the domain's, or a bad grant" },
	{ CTRL_CALL_OTHER, ENOSYS, "not implemented by this hypervisor" },
	{ CTRL_CALL_OTHER, EOPNOTSUPP, "not supported by this hypervisor" },
	{ CTRL_CALL_OTHER, EFAULT, "the hypervisor could not access an argument" },
};

const char *ctrl_error_hint(enum ctrl_call call, int err)
{
	for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (hints[i].call == call && hints[i].err == err)
			return hints[i].text;
	for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (hints[i].call == CTRL_CALL_OTHER && hints[i].err == err)
			return hints[i].text;
	return NULL;
}

int ctrl_describe_error(char *buf, size_t size, enum ctrl_call call, int err)
{
	const char *hint = ctrl_error_hint(call, err);
	bool from_xen = call != CTRL_CALL_OPEN_PRIVCMD && call != CTRL_CALL_OPEN_DEVICE;
	const char *name = from_xen ? ctrl_xen_errno_name(err) : NULL;

	if (name && hint)
		return snprintf(buf, size, "%s (%s: %s)", strerror(err), name, hint);
	if (name)
		return snprintf(buf, size, "%s (%s)", strerror(err), name);
	if (hint)
		return snprintf(buf, size, "%s (%s)", strerror(err), hint);
	return snprintf(buf, size, "%s", strerror(err));
}

unsigned int ctrl_batch_errors(const int *errs, unsigned int num, unsigned int *first)
{
	unsigned int failed = 0;

	if (first)
		*first = num;
	for (unsigned int i = 0; i < num; i++) {
		if (!errs[i])
			continue;
		if (first && !failed)
			*first = i;
		failed++;
	}
	return failed;
}
