/*
 * lamina/errno.h - short errno names for hypervisor code, taken from the ABI's
 * xen/errno.h (the single definition of the values). Hosted builds may already
 * have them from the C library with the same values; then those stand.
 */
#ifndef LAMINA_ERRNO_H
#define LAMINA_ERRNO_H

#include <xen/errno.h>

#ifndef E2BIG
#define E2BIG XEN_E2BIG
#endif
#ifndef EACCES
#define EACCES XEN_EACCES
#endif
#ifndef EADDRINUSE
#define EADDRINUSE XEN_EADDRINUSE
#endif
#ifndef EADDRNOTAVAIL
#define EADDRNOTAVAIL XEN_EADDRNOTAVAIL
#endif
#ifndef EAGAIN
#define EAGAIN XEN_EAGAIN
#endif
#ifndef EBADF
#define EBADF XEN_EBADF
#endif
#ifndef EBADMSG
#define EBADMSG XEN_EBADMSG
#endif
#ifndef EBUSY
#define EBUSY XEN_EBUSY
#endif
#ifndef ECHILD
#define ECHILD XEN_ECHILD
#endif
#ifndef ECONNREFUSED
#define ECONNREFUSED XEN_ECONNREFUSED
#endif
#ifndef EDEADLK
#define EDEADLK XEN_EDEADLK
#endif
#ifndef EDEADLOCK
#define EDEADLOCK XEN_EDEADLOCK
#endif
#ifndef EDOM
#define EDOM XEN_EDOM
#endif
#ifndef EEXIST
#define EEXIST XEN_EEXIST
#endif
#ifndef EFAULT
#define EFAULT XEN_EFAULT
#endif
#ifndef EILSEQ
#define EILSEQ XEN_EILSEQ
#endif
#ifndef EINTR
#define EINTR XEN_EINTR
#endif
#ifndef EINVAL
#define EINVAL XEN_EINVAL
#endif
#ifndef EIO
#define EIO XEN_EIO
#endif
#ifndef EISCONN
#define EISCONN XEN_EISCONN
#endif
#ifndef EISDIR
#define EISDIR XEN_EISDIR
#endif
#ifndef EMFILE
#define EMFILE XEN_EMFILE
#endif
#ifndef EMLINK
#define EMLINK XEN_EMLINK
#endif
#ifndef EMSGSIZE
#define EMSGSIZE XEN_EMSGSIZE
#endif
#ifndef ENAMETOOLONG
#define ENAMETOOLONG XEN_ENAMETOOLONG
#endif
#ifndef ENFILE
#define ENFILE XEN_ENFILE
#endif
#ifndef ENOBUFS
#define ENOBUFS XEN_ENOBUFS
#endif
#ifndef ENODATA
#define ENODATA XEN_ENODATA
#endif
#ifndef ENODEV
#define ENODEV XEN_ENODEV
#endif
#ifndef ENOENT
#define ENOENT XEN_ENOENT
#endif
#ifndef ENOEXEC
#define ENOEXEC XEN_ENOEXEC
#endif
#ifndef ENOLCK
#define ENOLCK XEN_ENOLCK
#endif
#ifndef ENOMEM
#define ENOMEM XEN_ENOMEM
#endif
#ifndef ENOSPC
#define ENOSPC XEN_ENOSPC
#endif
#ifndef ENOSYS
#define ENOSYS XEN_ENOSYS
#endif
#ifndef ENOTCONN
#define ENOTCONN XEN_ENOTCONN
#endif
#ifndef ENOTDIR
#define ENOTDIR XEN_ENOTDIR
#endif
#ifndef ENOTEMPTY
#define ENOTEMPTY XEN_ENOTEMPTY
#endif
#ifndef ENOTSOCK
#define ENOTSOCK XEN_ENOTSOCK
#endif
#ifndef ENXIO
#define ENXIO XEN_ENXIO
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP XEN_EOPNOTSUPP
#endif
#ifndef EOVERFLOW
#define EOVERFLOW XEN_EOVERFLOW
#endif
#ifndef EPERM
#define EPERM XEN_EPERM
#endif
#ifndef ERANGE
#define ERANGE XEN_ERANGE
#endif
#ifndef ERESTART
#define ERESTART XEN_ERESTART
#endif
#ifndef EROFS
#define EROFS XEN_EROFS
#endif
#ifndef ESRCH
#define ESRCH XEN_ESRCH
#endif
#ifndef ETIME
#define ETIME XEN_ETIME
#endif
#ifndef ETIMEDOUT
#define ETIMEDOUT XEN_ETIMEDOUT
#endif
#ifndef EWOULDBLOCK
#define EWOULDBLOCK XEN_EWOULDBLOCK
#endif
#ifndef EXDEV
#define EXDEV XEN_EXDEV
#endif

#endif /* LAMINA_ERRNO_H */
