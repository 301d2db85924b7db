/*
 * version.c - xen_version (what `xl info` prints about the hypervisor) and console_io.
 */
#include <errno.h>
#include <string.h>

#include "libctrl/private.h"

long ctrl_xen_version(struct ctrl *c, unsigned int cmd, void *arg, size_t bytes)
{
	return hypercall_arg(c, __HYPERVISOR_xen_version, cmd, arg, bytes);
}

/* An optional string or struct: left zeroed when the hypervisor will not tell. */
static void optional(struct ctrl *c, unsigned int cmd, void *arg, size_t bytes)
{
	if (ctrl_xen_version(c, cmd, arg, bytes) < 0)
		memset(arg, 0, bytes);
	((char *)arg)[bytes - 1] = '\0';
}

int ctrl_version_get(struct ctrl *c, struct ctrl_version *v)
{
	struct xen_platform_parameters params = { 0 };
	long version, pagesize;

	memset(v, 0, sizeof(*v));
	version = ctrl_xen_version(c, XENVER_version, NULL, 0);
	if (version < 0 ||
	    ctrl_xen_version(c, XENVER_extraversion, v->extra, sizeof(v->extra)) < 0 ||
	    ctrl_xen_version(c, XENVER_capabilities, v->capabilities, sizeof(v->capabilities)) < 0)
		return -1;
	v->major = (unsigned long)version >> 16;
	v->minor = version & 0xffff;
	v->extra[sizeof(v->extra) - 1] = '\0';
	v->capabilities[sizeof(v->capabilities) - 1] = '\0';
	optional(c, XENVER_changeset, v->changeset, sizeof(v->changeset));
	optional(c, XENVER_commandline, v->commandline, sizeof(v->commandline));
	optional(c, XENVER_compile_info, &v->compile, sizeof(v->compile));
	v->compile.compiler[sizeof(v->compile.compiler) - 1] = '\0';
	v->compile.compile_by[sizeof(v->compile.compile_by) - 1] = '\0';
	v->compile.compile_domain[sizeof(v->compile.compile_domain) - 1] = '\0';
	if (ctrl_xen_version(c, XENVER_platform_parameters, &params, sizeof(params)) == 0)
		v->virt_start = params.virt_start;
	pagesize = ctrl_xen_version(c, XENVER_pagesize, NULL, 0);
	v->pagesize = pagesize > 0 ? (unsigned long)pagesize : 0;
	return 0;
}

long ctrl_console_read(struct ctrl *c, char *buf, size_t bytes)
{
	long rc;

	if (bytes > CTRL_PAGE_BYTES)
		bytes = CTRL_PAGE_BYTES;
	rc = ctrl_hypercall(c, __HYPERVISOR_console_io, CONSOLEIO_read, bytes, (uintptr_t)c->arg,
			    0, 0);
	if (rc > 0)
		memcpy(buf, c->arg, rc);
	return rc;
}
