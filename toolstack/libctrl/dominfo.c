/*
 * dominfo.c - decoding and printing what the hypervisor reports (see dominfo.h). Pure.
 */
#include <stdio.h>
#include <string.h>

#include <xen/sched.h>
#include <xen/sysctl.h>

#include "libctrl/dominfo.h"

#define NS_PER_DECISECOND 100000000ULL
#define SECONDS_PER_DAY 86400UL
#define SECONDS_PER_HOUR 3600UL
#define SECONDS_PER_MINUTE 60UL
#define KIB_PER_MIB 1024

void ctrl_dominfo_decode(const struct xen_domctl_getdomaininfo *raw, struct ctrl_dominfo *d)
{
	uint32_t f = raw->flags;

	memset(d, 0, sizeof(*d));
	d->domid = raw->domain;
	d->dying = f & XEN_DOMINF_dying;
	d->shutdown = f & XEN_DOMINF_shutdown;
	d->paused = f & XEN_DOMINF_paused;
	d->blocked = f & XEN_DOMINF_blocked;
	d->running = f & XEN_DOMINF_running;
	d->hvm = f & XEN_DOMINF_hvm_guest;
	d->xs_domain = f & XEN_DOMINF_xs_domain;
	/* The reason bits hold ~0 until the domain shuts down: only read them after. */
	if (d->shutdown)
		d->shutdown_reason = (f >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
	d->mem_kib = raw->tot_pages * CTRL_PAGE_KIB;
	d->outstanding_kib = raw->outstanding_pages * CTRL_PAGE_KIB;
	d->max_mem_kib = raw->max_pages * CTRL_PAGE_KIB;
	d->vcpus_online = raw->nr_online_vcpus;
	d->nr_vcpus = raw->max_vcpu_id == XEN_INVALID_MAX_VCPU_ID ? 0 : raw->max_vcpu_id + 1;
	d->cpu_time_ns = raw->cpu_time;
	d->ssidref = raw->ssidref;
	d->cpupool = raw->cpupool;
	memcpy(d->handle, raw->handle, sizeof(d->handle));
}

/* xl's letters for SHUTDOWN_poweroff .. SHUTDOWN_soft_reset. */
static const char reason_letters[] = "-rscwS";

void ctrl_dominfo_state(const struct ctrl_dominfo *d, char *out)
{
	unsigned int reason = d->shutdown ? d->shutdown_reason : SHUTDOWN_poweroff;

	out[0] = d->running ? 'r' : '-';
	out[1] = d->blocked ? 'b' : '-';
	out[2] = d->paused ? 'p' : '-';
	out[3] = d->shutdown ? 's' : '-';
	out[4] = reason < sizeof(reason_letters) - 1 ? reason_letters[reason] : '?';
	out[5] = d->dying ? 'd' : '-';
	out[CTRL_STATE_LEN] = '\0';
}

const char *ctrl_dominfo_state_name(const struct ctrl_dominfo *d)
{
	if (d->dying)
		return "dying";
	if (d->shutdown)
		return "shutdown";
	if (d->paused)
		return "paused";
	if (d->running)
		return "running";
	if (d->blocked)
		return "blocked";
	return "idle";
}

const char *ctrl_shutdown_reason_name(unsigned int reason)
{
	static const char *const names[] = {
		[SHUTDOWN_poweroff] = "poweroff", [SHUTDOWN_reboot] = "reboot",
		[SHUTDOWN_suspend] = "suspend",	  [SHUTDOWN_crash] = "crash",
		[SHUTDOWN_watchdog] = "watchdog", [SHUTDOWN_soft_reset] = "soft_reset",
	};

	return reason <= SHUTDOWN_MAX ? names[reason] : "unknown";
}

uint64_t ctrl_dominfo_mem_mib(const struct ctrl_dominfo *d)
{
	return (d->mem_kib + d->outstanding_kib) / KIB_PER_MIB;
}

int ctrl_format_seconds(char *buf, size_t size, uint64_t ns)
{
	/* Whole tenths, rounded half up, in integers so large values stay exact. */
	uint64_t tenths = (ns + NS_PER_DECISECOND / 2) / NS_PER_DECISECOND;

	return snprintf(buf, size, "%llu.%llu", (unsigned long long)(tenths / 10),
			(unsigned long long)(tenths % 10));
}

int ctrl_format_uptime(char *buf, size_t size, unsigned long seconds, bool short_form)
{
	unsigned long days = seconds / SECONDS_PER_DAY;
	unsigned long hours = seconds % SECONDS_PER_DAY / SECONDS_PER_HOUR;
	unsigned long minutes = seconds % SECONDS_PER_HOUR / SECONDS_PER_MINUTE;
	unsigned long secs = seconds % SECONDS_PER_MINUTE;
	char day_part[32] = "";

	if (days)
		snprintf(day_part, sizeof(day_part), "%lu day%s, ", days, days > 1 ? "s" : "");
	if (short_form)
		return snprintf(buf, size, "%s%2lu:%02lu", day_part, hours, minutes);
	return snprintf(buf, size, "%s%2lu:%02lu:%02lu", day_part, hours, minutes, secs);
}

static bool bit_set(const uint8_t *map, unsigned int bit)
{
	return map[bit / 8] & (1U << (bit % 8));
}

int ctrl_format_cpumap(char *buf, size_t size, const uint8_t *map, unsigned int nr_bits)
{
	unsigned int bit = 0, set = 0;
	int len = 0;

	for (unsigned int i = 0; i < nr_bits; i++)
		set += bit_set(map, i);
	if (set == 0 || set == nr_bits)
		return snprintf(buf, size, "%s", set ? "all" : "none");
	if (size)
		buf[0] = '\0';
	while (bit < nr_bits) {
		unsigned int first, last;

		if (!bit_set(map, bit)) {
			bit++;
			continue;
		}
		first = bit;
		while (bit < nr_bits && bit_set(map, bit))
			bit++;
		last = bit - 1;
		size_t used = (size_t)len < size ? (size_t)len : size;
		if (first == last)
			len += snprintf(buf + used, size - used, "%s%u", len ? "," : "", first);
		else
			len += snprintf(buf + used, size - used, "%s%u-%u", len ? "," : "", first,
					last);
	}
	return len;
}

const char *ctrl_scheduler_name(uint32_t sched_id)
{
	switch (sched_id) {
	case XEN_SCHEDULER_CREDIT:
		return "credit";
	case XEN_SCHEDULER_CREDIT2:
		return "credit2";
	case XEN_SCHEDULER_ARINC653:
		return "arinc653";
	case XEN_SCHEDULER_RTDS:
		return "rtds";
	case XEN_SCHEDULER_NULL:
		return "null";
	}
	return NULL;
}

int ctrl_format_virt_caps(char *buf, size_t size, uint32_t capabilities)
{
	bool pv = capabilities & XEN_SYSCTL_PHYSCAP_pv;
	bool hvm = capabilities & XEN_SYSCTL_PHYSCAP_hvm;
	bool directio = capabilities & XEN_SYSCTL_PHYSCAP_directio;

	return snprintf(buf, size, "%s%s%s%s%s%s%s%s%s%s%s", pv ? " pv" : "", hvm ? " hvm" : "",
			hvm && directio ? " hvm_directio" : "",
			pv && directio ? " pv_directio" : "",
			capabilities & XEN_SYSCTL_PHYSCAP_hap ? " hap" : "",
			capabilities & XEN_SYSCTL_PHYSCAP_shadow ? " shadow" : "",
			capabilities & XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share ? " iommu_hap_pt_share"
									      : "",
			capabilities & XEN_SYSCTL_PHYSCAP_vmtrace ? " vmtrace" : "",
			capabilities & XEN_SYSCTL_PHYSCAP_vpmu ? " vpmu" : "",
			capabilities & XEN_SYSCTL_PHYSCAP_gnttab_v1 ? " gnttab-v1" : "",
			capabilities & XEN_SYSCTL_PHYSCAP_gnttab_v2 ? " gnttab-v2" : "");
}
