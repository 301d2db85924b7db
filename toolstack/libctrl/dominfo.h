/*
 * libctrl/dominfo.h - reading what the hypervisor reports, the way `xl` shows it: domain
 * state letters, memory in KiB/MiB, CPU time and uptime, CPU maps, scheduler and capability
 * names. Pure functions (no system calls), unit-tested.
 *
 * Sources of the rules: Xen 4.17's tools/libs/light/libxl_domain.c (xcinfo2xlinfo: which
 * flags mean what) and tools/xl/xl_info.c, xl_vcpu.c, xl_utils.c (the printed forms).
 */
#ifndef LIBCTRL_DOMINFO_H
#define LIBCTRL_DOMINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/domctl.h>

/* KiB per 4 KiB page. */
#define CTRL_PAGE_KIB 4

/*
 * struct ctrl_dominfo - a domain's XEN_DOMCTL_getdomaininfo report, decoded.
 */
struct ctrl_dominfo {
	domid_t domid;
	bool dying;		/* being destroyed, resources going */
	bool shutdown;		/* shut itself down; shutdown_reason says why */
	bool paused;		/* paused by the toolstack */
	bool blocked;		/* every online vCPU waits for an event */
	bool running;		/* a vCPU is on a physical CPU now */
	bool hvm;		/* HVM guest (Lamina runs PV only) */
	bool xs_domain;		/* runs xenstored */
	unsigned int shutdown_reason;	/* SHUTDOWN_* when shutdown, else 0 */
	uint64_t mem_kib;		/* memory owned now (tot_pages), KiB */
	uint64_t outstanding_kib;	/* claimed, not yet allocated, KiB */
	uint64_t max_mem_kib;		/* limit (max_mem), KiB */
	unsigned int vcpus_online;
	unsigned int nr_vcpus;		/* max_vcpu_id + 1, or 0 without vCPUs */
	uint64_t cpu_time_ns;		/* CPU time of all its vCPUs */
	uint32_t ssidref;
	uint32_t cpupool;
	xen_domain_handle_t handle;	/* its UUID */
};

/* ctrl_dominfo_decode - decode @raw into @d. */
void ctrl_dominfo_decode(const struct xen_domctl_getdomaininfo *raw, struct ctrl_dominfo *d);

/*
 * Width of the state column: six letters r b p s <reason> d as `xl list` prints them, each
 * '-' when clear. The fifth is the shutdown reason: '-' poweroff (or not shut down), 'r'
 * reboot, 's' suspend, 'c' crash, 'w' watchdog, 'S' soft reset, '?' unknown.
 */
#define CTRL_STATE_LEN 6

/* ctrl_dominfo_state - @d's state letters into @out (CTRL_STATE_LEN + 1 bytes). */
void ctrl_dominfo_state(const struct ctrl_dominfo *d, char *out);

/*
 * ctrl_dominfo_state_name - one word for @d's state, most significant first: "dying",
 * "shutdown", "paused", "running", "blocked" or "idle" (none of these: not scheduled now).
 */
const char *ctrl_dominfo_state_name(const struct ctrl_dominfo *d);

/*
 * ctrl_shutdown_reason_name - "poweroff", "reboot", "suspend", "crash", "watchdog",
 * "soft_reset" (SHUTDOWN_*, xen/sched.h), or "unknown".
 */
const char *ctrl_shutdown_reason_name(unsigned int reason);

/* ctrl_dominfo_mem_mib - the Mem column of `xl list`: owned plus claimed memory, MiB. */
uint64_t ctrl_dominfo_mem_mib(const struct ctrl_dominfo *d);

/*
 * ctrl_format_seconds - @ns as seconds with one decimal ("12.3"), rounded to nearest as
 * xl's "%.1f" does, into @buf of @size bytes. Returns snprintf's result.
 */
int ctrl_format_seconds(char *buf, size_t size, uint64_t ns);

/*
 * ctrl_format_uptime - @seconds as `xl uptime` prints it: "H:MM:SS" with the hour padded to
 * two places, prefixed by "1 day, " or "N days, "; @short_form drops the seconds.
 * Returns snprintf's result.
 */
int ctrl_format_uptime(char *buf, size_t size, unsigned long seconds, bool short_form);

/*
 * ctrl_format_cpumap - the CPU set @map of @nr_bits bits as `xl vcpu-list` prints it:
 * "all" when every bit is set, "none" when none, else ranges "0-3,6" (into @buf of @size
 * bytes, truncated if need be). Returns the length it needed, as snprintf.
 */
int ctrl_format_cpumap(char *buf, size_t size, const uint8_t *map, unsigned int nr_bits);

/*
 * ctrl_scheduler_name - "credit", "credit2", "arinc653", "rtds", "null" for a XEN_SCHEDULER_*
 * id (the names `xl info` prints), or NULL.
 */
const char *ctrl_scheduler_name(uint32_t sched_id);

/*
 * ctrl_format_virt_caps - the physinfo capability bits (XEN_SYSCTL_PHYSCAP_*) as `xl info`'s
 * virt_caps line: a leading space before each of "pv", "hvm", "hvm_directio", "pv_directio",
 * "hap", "shadow", "iommu_hap_pt_share", "vmtrace", "vpmu", "gnttab-v1", "gnttab-v2".
 * Returns snprintf's result.
 */
int ctrl_format_virt_caps(char *buf, size_t size, uint32_t capabilities);

#endif /* LIBCTRL_DOMINFO_H */
