/*
 * libctrl/private.h - what libctrl's own files share: the handle's contents and bounce
 * buffers (the caller's memory copied into hypercall-safe pages around one call). Not for
 * users of the library.
 */
#ifndef LIBCTRL_PRIVATE_H
#define LIBCTRL_PRIVATE_H

#include "libctrl/ctrl.h"

/*
 * struct ctrl - the handle: the devices and one argument page, which holds the domctl,
 * sysctl or small structure of the call in progress.
 */
struct ctrl {
	int privcmd_fd;
	int hcbuf_fd;	/* /dev/xen/hypercall, or -1: mlock'd anonymous pages */
	void *arg;	/* one page from ctrl_buf_alloc */
};

/* Direction of a bounce: what is copied before and after the call. */
enum bounce_dir {
	BOUNCE_IN = 1,		/* caller -> hypervisor */
	BOUNCE_OUT = 2,		/* hypervisor -> caller */
	BOUNCE_BOTH = 3,
};

/* struct bounce - the caller's @user buffer of @bytes and its hypercall-safe copy @hc. */
struct bounce {
	void *user;
	void *hc;
	size_t bytes;
	enum bounce_dir dir;
};

/*
 * bounce_pre - allocate @b->hc for @user (may be NULL: then @b->hc is NULL too) and copy it
 * in when @dir includes BOUNCE_IN. Returns 0, or -1 with errno ENOMEM.
 */
int bounce_pre(struct ctrl *c, struct bounce *b, void *user, size_t bytes, enum bounce_dir dir);

/* bounce_post - copy @b->hc back to the caller when BOUNCE_OUT, and free it; errno is kept. */
void bounce_post(struct ctrl *c, struct bounce *b);

/*
 * hypercall_arg - run hypercall @op(@cmd, @arg) for the many of the form (command, struct):
 * @arg (@bytes, at most a page; may be NULL) is copied through the argument page, in and back
 * out. Returns the result or -1 with errno.
 */
long hypercall_arg(struct ctrl *c, unsigned int op, uint64_t cmd, void *arg, size_t bytes);

#endif /* LIBCTRL_PRIVATE_H */
