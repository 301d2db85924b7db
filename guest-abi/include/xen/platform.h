/*
 * xen/platform.h - platform_op: what the control domain tells the
 * hypervisor about the machine (wall-clock time, firmware information,
 * processor power data). Matches Xen's public xen/include/public/platform.h
 * at interface version 0x03000001, for the operations Lamina knows.
 *
 * Every call carries interface_version; a mismatch fails with -EACCES before
 * anything else is looked at. Only the control domain may call it.
 */
#ifndef XEN_ABI_PLATFORM_H
#define XEN_ABI_PLATFORM_H

#include "xen.h"

#define XENPF_INTERFACE_VERSION		0x03000001

/* Commands (xen_platform_op.cmd). */
#define XENPF_settime32			17	/* struct xenpf_settime32 */
#define XENPF_add_memtype		31
#define XENPF_del_memtype		32
#define XENPF_read_memtype		33
#define XENPF_microcode_update		35
#define XENPF_platform_quirk		39
#define XENPF_get_cpu_version		48
#define XENPF_efi_runtime_call		49
#define XENPF_firmware_info		50
#define XENPF_enter_acpi_sleep		51
#define XENPF_change_freq		52
#define XENPF_getidletime		53
#define XENPF_set_processor_pminfo	54
#define XENPF_get_cpuinfo		55	/* struct xenpf_pcpuinfo */
#define XENPF_cpu_online		56
#define XENPF_cpu_offline		57
#define XENPF_cpu_hotadd		58
#define XENPF_mem_hotadd		59
#define XENPF_core_parking		60	/* struct xenpf_core_parking */
#define XENPF_resource_op		61
#define XENPF_settime64			62	/* struct xenpf_settime64 */
#define XENPF_get_symbol		63

#ifndef __ASSEMBLER__

/*
 * struct xenpf_settime32 - set the wall clock: secs/nsecs of UTC at the
 * moment system time (ns since hypervisor boot) read system_time.
 */
struct xenpf_settime32 {
	uint32_t secs;
	uint32_t nsecs;
	uint64_t system_time;
};
typedef struct xenpf_settime32 xenpf_settime32_t;
XEN_ABI_SIZE(struct xenpf_settime32, 16);
XEN_ABI_OFFSET(struct xenpf_settime32, system_time, 8);

/* struct xenpf_settime64 - the same with 64-bit seconds; mbz must be zero. */
struct xenpf_settime64 {
	uint64_t secs;
	uint32_t nsecs;
	uint32_t mbz;
	uint64_t system_time;
};
typedef struct xenpf_settime64 xenpf_settime64_t;
XEN_ABI_SIZE(struct xenpf_settime64, 24);
XEN_ABI_OFFSET(struct xenpf_settime64, nsecs, 8);
XEN_ABI_OFFSET(struct xenpf_settime64, system_time, 16);

/* xenpf_pcpuinfo.flags */
#define XEN_PCPU_FLAGS_ONLINE		1	/* the CPU is online */
#define XEN_PCPU_FLAGS_INVALID		2	/* no CPU has that xen_cpuid */

/*
 * struct xenpf_pcpuinfo - XENPF_get_cpuinfo: what the hypervisor knows of
 * physical CPU xen_cpuid (its APIC ID, ACPI processor UID, flags) and the
 * highest CPU number present.
 */
struct xenpf_pcpuinfo {
	uint32_t xen_cpuid;	/* in */
	uint32_t max_present;	/* out: highest present CPU number */
	uint32_t flags;		/* out: XEN_PCPU_FLAGS_* */
	uint32_t apic_id;	/* out */
	uint32_t acpi_id;	/* out */
};
typedef struct xenpf_pcpuinfo xenpf_pcpuinfo_t;
XEN_ABI_SIZE(struct xenpf_pcpuinfo, 20);

/* xenpf_core_parking.type */
#define XEN_CORE_PARKING_SET		1	/* take idle_nums CPUs offline (at most all but one) */
#define XEN_CORE_PARKING_GET		2	/* idle_nums = CPUs taken offline so far */

/* struct xenpf_core_parking - XENPF_core_parking; other types: -EINVAL. */
struct xenpf_core_parking {
	uint32_t type;		/* XEN_CORE_PARKING_* */
	uint32_t idle_nums;	/* SET: CPUs wanted idle; GET: CPUs idle (out) */
};
typedef struct xenpf_core_parking xenpf_core_parking_t;
XEN_ABI_SIZE(struct xenpf_core_parking, 8);

/*
 * struct xen_platform_op - the argument of every platform_op: a command, the
 * caller's interface version (XENPF_INTERFACE_VERSION), and the command's
 * data in a union padded to 128 bytes.
 */
struct xen_platform_op {
	uint32_t cmd;
	uint32_t interface_version;
	union {
		struct xenpf_settime32 settime32;
		struct xenpf_settime64 settime64;
		struct xenpf_core_parking core_parking;
		struct xenpf_pcpuinfo pcpu_info;
		uint8_t pad[128];
	} u;
};
typedef struct xen_platform_op xen_platform_op_t;
XEN_ABI_SIZE(struct xen_platform_op, 136);
XEN_ABI_OFFSET(struct xen_platform_op, interface_version, 4);
XEN_ABI_OFFSET(struct xen_platform_op, u, 8);

#endif /* !__ASSEMBLER__ */

#endif /* XEN_ABI_PLATFORM_H */
