/*
 * xen/sys/gntdev.h - dom0's /dev/xen/gntdev device: maps and copies pages
 * other domains grant (Linux's include/uapi/xen/gntdev.h, Linux 6.1).
 *
 * Mapping is two steps: IOCTL_GNTDEV_MAP_GRANT_REF records the grants and
 * returns an offset; mmap() of the file at that offset maps them
 * (GNTTABOP_map_grant_ref happens then). munmap(), then
 * IOCTL_GNTDEV_UNMAP_GRANT_REF, undoes it.
 */
#ifndef XEN_SYS_GNTDEV_H
#define XEN_SYS_GNTDEV_H

#include <stdint.h>
#include <sys/ioctl.h>
#include <xen/xen.h>
#include <xen/grant_table.h>

/* One grant: reference @ref of domain @domid. */
struct ioctl_gntdev_grant_ref {
	uint32_t domid;
	uint32_t ref;
};

/*
 * IOCTL_GNTDEV_MAP_GRANT_REF: record @count grants (the struct is followed
 * by the rest of @refs); @index (out) is the mmap() offset in bytes.
 */
struct ioctl_gntdev_map_grant_ref {
	uint32_t count;
	uint32_t pad;
	uint64_t index;
	struct ioctl_gntdev_grant_ref refs[1];
};
#define IOCTL_GNTDEV_MAP_GRANT_REF \
	_IOC(_IOC_NONE, 'G', 0, sizeof(struct ioctl_gntdev_map_grant_ref))

/* IOCTL_GNTDEV_UNMAP_GRANT_REF: forget @count grants recorded at @index. */
struct ioctl_gntdev_unmap_grant_ref {
	uint64_t index;
	uint32_t count;
	uint32_t pad;
};
#define IOCTL_GNTDEV_UNMAP_GRANT_REF \
	_IOC(_IOC_NONE, 'G', 1, sizeof(struct ioctl_gntdev_unmap_grant_ref))

/* IOCTL_GNTDEV_GET_OFFSET_FOR_VADDR: the offset and page count of a mapping. */
struct ioctl_gntdev_get_offset_for_vaddr {
	uint64_t vaddr;
	uint64_t offset;
	uint32_t count;
	uint32_t pad;
};
#define IOCTL_GNTDEV_GET_OFFSET_FOR_VADDR \
	_IOC(_IOC_NONE, 'G', 2, sizeof(struct ioctl_gntdev_get_offset_for_vaddr))

/* IOCTL_GNTDEV_SET_MAX_GRANTS: limit this file to @count mapped grants. */
struct ioctl_gntdev_set_max_grants {
	uint32_t count;
};
#define IOCTL_GNTDEV_SET_MAX_GRANTS \
	_IOC(_IOC_NONE, 'G', 3, sizeof(struct ioctl_gntdev_set_max_grants))

/*
 * IOCTL_GNTDEV_SET_UNMAP_NOTIFY: when the page holding byte @index is
 * unmapped (also when the process dies), clear that byte
 * (UNMAP_NOTIFY_CLEAR_BYTE) and/or signal @event_channel_port
 * (UNMAP_NOTIFY_SEND_EVENT).
 */
struct ioctl_gntdev_unmap_notify {
	uint64_t index;
	uint32_t action;
	uint32_t event_channel_port;
};
#define IOCTL_GNTDEV_SET_UNMAP_NOTIFY \
	_IOC(_IOC_NONE, 'G', 7, sizeof(struct ioctl_gntdev_unmap_notify))
#define UNMAP_NOTIFY_CLEAR_BYTE 0x1
#define UNMAP_NOTIFY_SEND_EVENT 0x2

/*
 * One segment of IOCTL_GNTDEV_GRANT_COPY: like struct gnttab_copy, but a
 * local side is a user virtual address. @flags: GNTCOPY_source_gref and/or
 * GNTCOPY_dest_gref say which sides are grants. @status (out): GNTST_*.
 */
struct gntdev_grant_copy_segment {
	union {
		void *virt;
		struct {
			grant_ref_t ref;
			uint16_t offset;
			domid_t domid;
		} foreign;
	} source, dest;
	uint16_t len;
	uint16_t flags;
	int16_t status;
};

/* IOCTL_GNTDEV_GRANT_COPY: run @count segments; 0 when each has a status. */
struct ioctl_gntdev_grant_copy {
	unsigned int count;
	struct gntdev_grant_copy_segment *segments;
};
#define IOCTL_GNTDEV_GRANT_COPY _IOC(_IOC_NONE, 'G', 8, sizeof(struct ioctl_gntdev_grant_copy))

#endif /* XEN_SYS_GNTDEV_H */
