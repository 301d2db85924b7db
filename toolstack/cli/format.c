/*
 * format.c - the rows and lines of the verbs, in the forms xl prints (Xen 4.17's
 * tools/xl/xl_info.c and xl_vcpu.c), so scripts written for xl read them. Pure.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#define NULL_NAME "(null)" /* how xl prints a domain without a name */
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define KHZ_PER_MHZ 1000
#define BYTES_PER_MIB (1UL << 20)

/* ---- list ---- */

static const struct cli_column list_cols[] = {
	{ "Name", 40, true }, { "ID", 5, false },     { "Mem", 5, false },
	{ "VCPUs", 5, false }, { "State", 10, false }, { "Time(s)", 9, false },
};

void cli_list_header(FILE *out)
{
	cli_table_header(out, list_cols, ARRAY_LEN(list_cols));
}

void cli_list_row(FILE *out, const struct ctrl_dominfo *d, const char *name)
{
	char id[8], mem[24], vcpus[12], state[CTRL_STATE_LEN + 1], time[32];
	const char *cells[] = { name ? name : NULL_NAME, id, mem, vcpus, state, time };

	snprintf(id, sizeof(id), "%u", d->domid);
	snprintf(mem, sizeof(mem), "%" PRIu64, ctrl_dominfo_mem_mib(d));
	snprintf(vcpus, sizeof(vcpus), "%u", d->vcpus_online);
	ctrl_dominfo_state(d, state);
	ctrl_format_seconds(time, sizeof(time), d->cpu_time_ns);
	cli_table_row(out, list_cols, ARRAY_LEN(list_cols), cells);
}

void cli_list_json(struct cli_json *j, const struct ctrl_dominfo *d, const char *name)
{
	char uuid[CTRL_UUID_STRLEN + 1], state[CTRL_STATE_LEN + 1], time[32];

	ctrl_uuid_format(d->handle, uuid);
	ctrl_dominfo_state(d, state);
	ctrl_format_seconds(time, sizeof(time), d->cpu_time_ns);
	cli_json_begin_object(j, NULL);
	cli_json_uint(j, "domid", d->domid);
	cli_json_string(j, "name", name);
	cli_json_string(j, "uuid", uuid);
	cli_json_string(j, "state", state);
	cli_json_string(j, "status", ctrl_dominfo_state_name(d));
	cli_json_bool(j, "running", d->running);
	cli_json_bool(j, "blocked", d->blocked);
	cli_json_bool(j, "paused", d->paused);
	cli_json_bool(j, "shutdown", d->shutdown);
	cli_json_string(j, "shutdown_reason",
			d->shutdown ? ctrl_shutdown_reason_name(d->shutdown_reason) : NULL);
	cli_json_bool(j, "dying", d->dying);
	cli_json_uint(j, "mem_mib", ctrl_dominfo_mem_mib(d));
	cli_json_uint(j, "current_memkb", d->mem_kib);
	cli_json_uint(j, "max_memkb", d->max_mem_kib);
	cli_json_uint(j, "outstanding_memkb", d->outstanding_kib);
	cli_json_uint(j, "vcpus_online", d->vcpus_online);
	cli_json_uint(j, "vcpus_max", d->nr_vcpus);
	cli_json_number(j, "cpu_time_s", time);
	cli_json_uint(j, "cpu_time_ns", d->cpu_time_ns);
	cli_json_uint(j, "cpupool", d->cpupool);
	cli_json_end_object(j);
}

/* ---- vcpu-list ---- */

static const struct cli_column vcpu_cols[] = {
	{ "Name", 32, true },	{ "ID", 5, false },	 { "VCPU", 5, false },
	{ "CPU", 5, false },	{ "State", 5, false },	 { "Time(s)", 9, false },
	{ "Affinity (Hard / Soft)", 0, true },
};

void cli_vcpu_header(FILE *out)
{
	cli_table_header(out, vcpu_cols, ARRAY_LEN(vcpu_cols));
}

static void cpumap_text(char *buf, size_t size, const uint8_t *map, unsigned int nr_cpus)
{
	if (map)
		ctrl_format_cpumap(buf, size, map, nr_cpus);
	else
		snprintf(buf, size, "-");
}

void cli_vcpu_row(FILE *out, const char *name, domid_t domid, unsigned int vcpu,
		  const struct xen_domctl_getvcpuinfo *vi, const uint8_t *hard,
		  const uint8_t *soft, unsigned int nr_cpus)
{
	char id[8], nr[12], cpu[12], time[32], hard_text[128], soft_text[128], affinity[260];
	const char *cells[] = { name ? name : NULL_NAME, id, nr, cpu, "", time, affinity };
	char state[4] = "--p";

	snprintf(id, sizeof(id), "%u", domid);
	snprintf(nr, sizeof(nr), "%u", vcpu);
	snprintf(cpu, sizeof(cpu), "-");
	/* xl: r(unning) b(locked) for an online vCPU, "--p" for one that is down. */
	if (vi->online) {
		snprintf(cpu, sizeof(cpu), "%u", vi->cpu);
		state[0] = vi->running ? 'r' : '-';
		state[1] = vi->blocked ? 'b' : '-';
		state[2] = '-';
	}
	cells[4] = state;
	ctrl_format_seconds(time, sizeof(time), vi->cpu_time);
	cpumap_text(hard_text, sizeof(hard_text), hard, nr_cpus);
	cpumap_text(soft_text, sizeof(soft_text), soft, nr_cpus);
	snprintf(affinity, sizeof(affinity), "%s / %s", hard_text, soft_text);
	cli_table_row(out, vcpu_cols, ARRAY_LEN(vcpu_cols), cells);
}

/* ---- uptime ---- */

static const struct cli_column uptime_cols[] = {
	{ "Name", 33, true },
	{ "ID", 4, false },
	{ "Uptime", 0, true },
};

void cli_uptime_header(FILE *out)
{
	cli_table_header(out, uptime_cols, ARRAY_LEN(uptime_cols));
}

void cli_uptime_row(FILE *out, const char *name, domid_t domid, unsigned long seconds,
		    bool short_form, const char *now_hms)
{
	char id[8], up[64];
	const char *cells[] = { name ? name : NULL_NAME, id, up };

	ctrl_format_uptime(up, sizeof(up), seconds, short_form);
	if (short_form) {
		fprintf(out, " %s up %s, %s (%u)\n", now_hms, up, cells[0], domid);
		return;
	}
	snprintf(id, sizeof(id), "%u", domid);
	cli_table_row(out, uptime_cols, ARRAY_LEN(uptime_cols), cells);
}

/* ---- info ---- */

/* Where info lines go: all of them, or (xl's `info <name>`) the values of matching names. */
struct info_out {
	FILE *out;
	const char *only;
	int printed;
};

static void __attribute__((format(printf, 3, 4)))
info_line(struct info_out *io, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (io->only && strncmp(name, io->only, strlen(io->only)))
		return;
	if (!io->only)
		fprintf(io->out, "%-23s: ", name);
	va_start(ap, fmt);
	vfprintf(io->out, fmt, ap);
	va_end(ap);
	fputc('\n', io->out);
	io->printed++;
}

static void info_host(struct info_out *io, const struct cli_info *in)
{
	info_line(io, "host", "%s", in->host ? in->host : "");
	info_line(io, "release", "%s", in->release ? in->release : "");
	info_line(io, "version", "%s", in->version ? in->version : "");
	info_line(io, "machine", "%s", in->machine ? in->machine : "");
}

static void info_phys(struct info_out *io, const struct cli_info *in)
{
	const struct xen_sysctl_physinfo *p = in->phys;
	unsigned long pages_per_mib = BYTES_PER_MIB / CTRL_PAGE_BYTES;
	const uint32_t *hw = p->hw_cap;
	char caps[160];

	info_line(io, "nr_cpus", "%u", p->nr_cpus);
	info_line(io, "max_cpu_id", "%u", p->max_cpu_id);
	info_line(io, "nr_nodes", "%u", p->nr_nodes);
	info_line(io, "cores_per_socket", "%u", p->cores_per_socket);
	info_line(io, "threads_per_core", "%u", p->threads_per_core);
	info_line(io, "cpu_mhz", "%u.%03u", p->cpu_khz / KHZ_PER_MHZ, p->cpu_khz % KHZ_PER_MHZ);
	info_line(io, "hw_caps", "%08x:%08x:%08x:%08x:%08x:%08x:%08x:%08x", hw[0], hw[1], hw[2],
		  hw[3], hw[4], hw[5], hw[6], hw[7]);
	ctrl_format_virt_caps(caps, sizeof(caps), p->capabilities);
	/* Each capability comes with a leading space; the line's own separator replaces one. */
	info_line(io, "virt_caps", "%s", caps[0] ? caps + 1 : "");
	info_line(io, "total_memory", "%" PRIu64, p->total_pages / pages_per_mib);
	info_line(io, "free_memory", "%" PRIu64,
		  (p->free_pages - p->outstanding_pages) / pages_per_mib);
	info_line(io, "outstanding_claims", "%" PRIu64, p->outstanding_pages / pages_per_mib);
}

static void info_xen(struct info_out *io, const struct cli_info *in)
{
	const struct ctrl_version *v = in->xen;

	info_line(io, "xen_major", "%u", v->major);
	info_line(io, "xen_minor", "%u", v->minor);
	info_line(io, "xen_extra", "%s", v->extra);
	info_line(io, "xen_version", "%u.%u%s", v->major, v->minor, v->extra);
	info_line(io, "xen_caps", "%s", v->capabilities);
	info_line(io, "xen_scheduler", "%s", in->scheduler ? in->scheduler : "(unknown)");
	info_line(io, "xen_pagesize", "%lu", v->pagesize);
	info_line(io, "platform_params", "virt_start=0x%lx", v->virt_start);
	info_line(io, "xen_changeset", "%s", v->changeset);
	info_line(io, "xen_commandline", "%s", v->commandline);
	info_line(io, "cc_compiler", "%s", v->compile.compiler);
	info_line(io, "cc_compile_by", "%s", v->compile.compile_by);
	info_line(io, "cc_compile_domain", "%s", v->compile.compile_domain);
	info_line(io, "cc_compile_date", "%s", v->compile.compile_date);
}

int cli_info_print(FILE *out, const struct cli_info *info, const char *only)
{
	struct info_out io = { out, only, 0 };

	info_host(&io, info);
	if (info->phys)
		info_phys(&io, info);
	if (info->xen)
		info_xen(&io, info);
	/* xl's constant, which old scripts look for. */
	info_line(&io, "xend_config_format", "4");
	return io.printed;
}
