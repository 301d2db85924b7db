/*
 * marshal.c - building hypercall requests (see marshal.h). Pure: no system calls.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "libctrl/ctrl.h"
#include "libctrl/marshal.h"

void ctrl_domctl_prepare(struct xen_domctl *op, uint32_t cmd, domid_t domid)
{
	memset(op, 0, sizeof(*op));
	op->cmd = cmd;
	op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	op->domain = domid;
}

void ctrl_sysctl_prepare(struct xen_sysctl *op, uint32_t cmd)
{
	memset(op, 0, sizeof(*op));
	op->cmd = cmd;
	op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
}

void ctrl_createdomain_pv(struct xen_domctl_createdomain *cfg, unsigned int max_vcpus)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->max_vcpus = max_vcpus;
	cfg->max_evtchn_port = CTRL_PV_MAX_EVTCHN_PORT;
	cfg->max_grant_frames = -1;
	cfg->max_maptrack_frames = -1;
	cfg->grant_opts = XEN_DOMCTL_GRANT_version(CTRL_PV_GRANT_VERSION);
}

void ctrl_reservation_prepare(struct xen_memory_reservation *r, domid_t domid, xen_pfn_t *frames,
			      unsigned long nr, unsigned int order, unsigned int mem_flags)
{
	memset(r, 0, sizeof(*r));
	r->extent_start = frames;
	r->nr_extents = nr;
	r->extent_order = order;
	r->mem_flags = mem_flags;
	r->domid = domid;
}

void ctrl_readconsole_prepare(struct xen_sysctl *op, char *buf, uint32_t count, uint32_t index,
			      unsigned int flags)
{
	ctrl_sysctl_prepare(op, XEN_SYSCTL_readconsole);
	op->u.readconsole.buffer = buf;
	op->u.readconsole.count = count;
	op->u.readconsole.clear = !!(flags & CTRL_CONSOLE_CLEAR);
	if (flags & CTRL_CONSOLE_INCREMENTAL) {
		op->u.readconsole.incremental = 1;
		op->u.readconsole.index = index;
	}
}

size_t ctrl_bitmap_bytes(unsigned int nr_bits)
{
	return ((size_t)nr_bits + 7) / 8;
}

void ctrl_vcpuaffinity_prepare(struct xen_domctl *op, uint32_t cmd, domid_t domid,
			       unsigned int vcpu, uint8_t *hard, uint8_t *soft,
			       unsigned int nr_bits)
{
	struct xen_domctl_vcpuaffinity *a = &op->u.vcpuaffinity;

	ctrl_domctl_prepare(op, cmd, domid);
	a->vcpu = vcpu;
	if (hard) {
		a->flags |= XEN_VCPUAFFINITY_HARD;
		a->cpumap_hard.bitmap = hard;
		a->cpumap_hard.nr_bits = nr_bits;
	}
	if (soft) {
		a->flags |= XEN_VCPUAFFINITY_SOFT;
		a->cpumap_soft.bitmap = soft;
		a->cpumap_soft.nr_bits = nr_bits;
	}
}

int ctrl_sched_credit_prepare(struct xen_domctl *op, domid_t domid, uint32_t sched_id,
			      uint32_t sched_cmd, const struct xen_domctl_sched_credit *params)
{
	struct xen_domctl_scheduler_op *s = &op->u.scheduler_op;

	if (sched_id != XEN_SCHEDULER_CREDIT && sched_id != XEN_SCHEDULER_CREDIT2) {
		errno = EINVAL;
		return -1;
	}
	ctrl_domctl_prepare(op, XEN_DOMCTL_scheduler_op, domid);
	s->sched_id = sched_id;
	s->cmd = sched_cmd;
	if (params) {
		/* credit and credit2 share the { weight, cap } layout (xen/domctl.h). */
		s->u.credit = *params;
	}
	return 0;
}

struct mmu_update ctrl_mmu_machphys(xen_pfn_t mfn, xen_pfn_t pfn)
{
	struct mmu_update u = {
		.ptr = ((uint64_t)mfn << CTRL_PAGE_SHIFT) | MMU_MACHPHYS_UPDATE,
		.val = pfn,
	};

	return u;
}

struct mmu_update ctrl_mmu_pt(uint64_t pte_maddr, uint64_t val)
{
	struct mmu_update u = { .ptr = pte_maddr | MMU_NORMAL_PT_UPDATE, .val = val };

	return u;
}

int ctrl_mmuext_pin(struct mmuext_op *op, unsigned int level, xen_pfn_t mfn)
{
	static const unsigned int pin_cmd[] = {
		[1] = MMUEXT_PIN_L1_TABLE,
		[2] = MMUEXT_PIN_L2_TABLE,
		[3] = MMUEXT_PIN_L3_TABLE,
		[4] = MMUEXT_PIN_L4_TABLE,
	};

	if (level < 1 || level > 4) {
		errno = EINVAL;
		return -1;
	}
	memset(op, 0, sizeof(*op));
	op->cmd = pin_cmd[level];
	op->arg1.mfn = mfn;
	return 0;
}

struct mmuext_op ctrl_mmuext_unpin(xen_pfn_t mfn)
{
	struct mmuext_op op = { .cmd = MMUEXT_UNPIN_TABLE, .arg1.mfn = mfn };

	return op;
}

/* Byte i of a handle sits at character uuid_pos[i] of the 8-4-4-4-12 string. */
static const unsigned char uuid_pos[16] = { 0,	2,  4,	6,  9,	11, 14, 16,
					    19, 21, 24, 26, 28, 30, 32, 34 };

void ctrl_uuid_format(const xen_domain_handle_t handle, char *out)
{
	for (unsigned int i = 0; i < 16; i++)
		sprintf(out + uuid_pos[i], "%02x", handle[i]);
	for (unsigned int dash = 8; dash <= 23; dash += 5)
		out[dash] = '-';
	out[CTRL_UUID_STRLEN] = '\0';
}

static int hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

int ctrl_uuid_parse(const char *s, xen_domain_handle_t handle)
{
	xen_domain_handle_t h;

	if (strlen(s) != CTRL_UUID_STRLEN)
		goto bad;
	for (unsigned int dash = 8; dash <= 23; dash += 5)
		if (s[dash] != '-')
			goto bad;
	for (unsigned int i = 0; i < 16; i++) {
		int hi = hex_digit(s[uuid_pos[i]]), lo = hex_digit(s[uuid_pos[i] + 1]);

		if (hi < 0 || lo < 0)
			goto bad;
		h[i] = (uint8_t)(hi << 4 | lo);
	}
	memcpy(handle, h, sizeof(h));
	return 0;
bad:
	errno = EINVAL;
	return -1;
}
