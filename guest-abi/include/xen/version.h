/*
 * xen/version.h - xen_version hypercall: hypervisor version, build information and features.
 *
 * Matches Xen's public xen/include/public/version.h. xen_version(cmd, arg) returns 0 on
 * success, except XENVER_version and XENVER_pagesize, which return their answer directly, and
 * XENVER_build_id, which returns the number of bytes written.
 */
#ifndef XEN_ABI_VERSION_H
#define XEN_ABI_VERSION_H

#include "xen.h"
#include "features.h"

#define XENVER_version			0	/* arg NULL; returns major << 16 | minor */
#define XENVER_extraversion		1	/* arg xen_extraversion_t, e.g. ".7" */
#define XENVER_compile_info		2	/* arg struct xen_compile_info */
#define XENVER_capabilities		3	/* arg xen_capabilities_info_t */
#define XENVER_changeset		4	/* arg xen_changeset_info_t */
#define XENVER_platform_parameters	5	/* arg struct xen_platform_parameters */
#define XENVER_get_features		6	/* arg struct xen_feature_info */
#define XENVER_pagesize			7	/* arg NULL; returns the page size */
#define XENVER_guest_handle		8	/* arg xen_domain_handle_t, set by the toolstack */
#define XENVER_commandline		9	/* arg xen_commandline_t */
#define XENVER_build_id			10	/* arg struct xen_build_id, or NULL for its size */

#ifndef __ASSEMBLER__

/* NUL-terminated strings returned by the string sub-ops. */
typedef char xen_extraversion_t[16];
typedef char xen_capabilities_info_t[1024];	/* e.g. "xen-3.0-x86_64 hvm-3.0-x86_64 ..." */
typedef char xen_changeset_info_t[64];
typedef char xen_commandline_t[1024];		/* the hypervisor's command line */

#define XEN_EXTRAVERSION_LEN		(sizeof(xen_extraversion_t))
#define XEN_CAPABILITIES_INFO_LEN	(sizeof(xen_capabilities_info_t))
#define XEN_CHANGESET_INFO_LEN		(sizeof(xen_changeset_info_t))

/*
 * struct xen_compile_info - how the hypervisor was built (XENVER_compile_info). All fields
 * are NUL-terminated strings.
 */
struct xen_compile_info {
	char compiler[64];
	char compile_by[16];
	char compile_domain[32];
	char compile_date[32];
};
typedef struct xen_compile_info xen_compile_info_t;
XEN_ABI_SIZE(struct xen_compile_info, 144);
XEN_ABI_OFFSET(struct xen_compile_info, compile_by, 64);
XEN_ABI_OFFSET(struct xen_compile_info, compile_domain, 80);
XEN_ABI_OFFSET(struct xen_compile_info, compile_date, 112);

/*
 * struct xen_platform_parameters - XENVER_platform_parameters: where the hypervisor's
 * reserved virtual area starts.
 */
struct xen_platform_parameters {
	xen_ulong_t virt_start;	/* lowest hypervisor-reserved virtual address */
};
typedef struct xen_platform_parameters xen_platform_parameters_t;
XEN_ABI_SIZE(struct xen_platform_parameters, 8);

/*
 * struct xen_feature_info - XENVER_get_features: one 32-bit word of XENFEAT_* bits.
 */
struct xen_feature_info {
	unsigned int submap_idx;	/* in: which 32-bit submap (0 .. XENFEAT_NR_SUBMAPS-1) */
	uint32_t submap;		/* out: the feature bits; hv writes */
};
typedef struct xen_feature_info xen_feature_info_t;
XEN_ABI_SIZE(struct xen_feature_info, 8);
XEN_ABI_OFFSET(struct xen_feature_info, submap, 4);

/*
 * struct xen_build_id - XENVER_build_id: the hypervisor's build id, as raw bytes.
 */
struct xen_build_id {
	uint32_t len;		/* in: size of buf */
	unsigned char buf[];	/* out: build id bytes; hv writes */
};
typedef struct xen_build_id xen_build_id_t;
XEN_ABI_SIZE(struct xen_build_id, 4);
XEN_ABI_OFFSET(struct xen_build_id, buf, 4);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_VERSION_H */
