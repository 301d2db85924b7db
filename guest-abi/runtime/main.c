/*
 * main.c - start of day, the case runner and the reporter.
 */
#include "rt.h"

struct rt_boot_regs rt_boot_regs __attribute__((section(".data")));
start_info_t *rt_start_info;
shared_info_t *rt_shared_info;
static vcpu_info_t boot_vcpu_info = { .evtchn_upcall_mask = 1 };
vcpu_info_t *rt_vcpu_info = &boot_vcpu_info;

/* The page the shared_info frame is mapped over (its original frame is left unmapped). */
char rt_shared_info_page[RT_PAGE_SIZE] RT_ALIGNED(4096);
vcpu_info_t rt_boot_vcpu0;
unsigned int rt_boot_masked_vcpus;

void rt_mm_init(void);
void rt_traps_init(void);
void rt_evt_init(void);

/* ---- reporting ---- */
static const struct rt_case *cur_case;
static unsigned int cur_fails;
static bool cur_skip;
static char cur_msg[400];
static struct rt_jmpbuf case_jb;
bool rt_case_active;
extern bool rt_user_active;
static bool exiting;

bool rt_case_failed(void)
{
	return cur_fails != 0;
}

void rt_fail(const char *fmt, ...)
{
	va_list ap;

	if (!cur_case) {
		char tmp[300];

		va_start(ap, fmt);
		rt_vsnprintf(tmp, sizeof(tmp), fmt, ap);
		va_end(ap);
		rt_printf("runtime: error outside a case: %s\n", tmp);
		return;
	}
	if (cur_fails++ == 0) {
		va_start(ap, fmt);
		rt_vsnprintf(cur_msg, sizeof(cur_msg), fmt, ap);
		va_end(ap);
	}
}

void rt_skip(const char *fmt, ...)
{
	va_list ap;

	if (cur_skip || cur_fails)
		return;
	cur_skip = true;
	va_start(ap, fmt);
	rt_vsnprintf(cur_msg, sizeof(cur_msg), fmt, ap);
	va_end(ap);
}

void rt_info(const char *fmt, ...)
{
	char tmp[400];
	va_list ap;

	va_start(ap, fmt);
	rt_vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	rt_printf("info %s.%s: %s\n", rt_suite.area, cur_case ? cur_case->name : "-", tmp);
}

void rt_longjmp(const struct rt_jmpbuf *jb, uint64_t val) __attribute__((noreturn));

void rt_abort_case(void)
{
	if (!rt_case_active) {
		rt_printf("runtime: rt_abort_case outside a case\n");
		rt_exit(1);
	}
	rt_longjmp(&case_jb, 1);
}

/* Called by the trap dispatcher for a trap nobody expected. */
void rt_unexpected_trap(struct rt_regs *r, const struct rt_trap *t)
{
	if (rt_case_active) {
		rt_fail("unexpected trap: vector %u err %#lx at rip %#lx cs %#lx rsp %#lx cr2 %#lx",
			t->vector, t->error_code, t->rip, t->cs, t->rsp, t->cr2);
		rt_longjmp_regs(r, &case_jb, 1);
		return;
	}
	rt_printf("runtime: fatal: unexpected trap vector %u err %#lx at rip %#lx cs %#lx "
		  "rsp %#lx cr2 %#lx\n", t->vector, t->error_code, t->rip, t->cs, t->rsp, t->cr2);
	rt_exit(1);
}

const char *rt_errname(long rc)
{
	static char buf[8][32];
	static unsigned int next;
	static const struct {
		int e;
		const char *name;
	} names[] = {
		{ XEN_EPERM, "EPERM" }, { XEN_ENOENT, "ENOENT" }, { XEN_ESRCH, "ESRCH" },
		{ XEN_EINTR, "EINTR" }, { XEN_EIO, "EIO" }, { XEN_ENXIO, "ENXIO" },
		{ XEN_E2BIG, "E2BIG" }, { XEN_EBADF, "EBADF" }, { XEN_EAGAIN, "EAGAIN" },
		{ XEN_ENOMEM, "ENOMEM" }, { XEN_EACCES, "EACCES" }, { XEN_EFAULT, "EFAULT" },
		{ XEN_EBUSY, "EBUSY" }, { XEN_EEXIST, "EEXIST" }, { XEN_EXDEV, "EXDEV" },
		{ XEN_ENODEV, "ENODEV" }, { XEN_EINVAL, "EINVAL" }, { XEN_ENOSPC, "ENOSPC" },
		{ XEN_ERANGE, "ERANGE" }, { XEN_EDEADLK, "EDEADLK" }, { XEN_ENOSYS, "ENOSYS" },
		{ XEN_ENODATA, "ENODATA" }, { XEN_ETIME, "ETIME" }, { XEN_EOPNOTSUPP, "EOPNOTSUPP" },
		{ XEN_ERESTART, "ERESTART" }, { XEN_EOVERFLOW, "EOVERFLOW" },
	};
	char *b = buf[next++ % 8];

	if (rc < 0) {
		for (unsigned int i = 0; i < RT_ARRAY_SIZE(names); i++)
			if (-rc == names[i].e) {
				rt_snprintf(b, 32, "-%s (%ld)", names[i].name, rc);
				return b;
			}
	}
	rt_snprintf(b, 32, "%ld", rc);
	return b;
}

/* ---- command line ---- */
const char *rt_cmdline_get(const char *key)
{
	static char val[128];
	const char *p = (const char *)rt_start_info->cmd_line;
	size_t klen = strlen(key);

	while (*p) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, key, klen) && (p[klen] == '=' || p[klen] == ' ' || !p[klen])) {
			size_t n = 0;

			p += klen;
			if (*p == '=')
				p++;
			while (*p && *p != ' ' && n < sizeof(val) - 1)
				val[n++] = *p++;
			val[n] = 0;
			return val;
		}
		while (*p && *p != ' ')
			p++;
	}
	return NULL;
}

/* ---- the end ---- */
void rt_exit(int code)
{
	struct rt_catch c;
	struct physdev_set_iopl iopl = { .iopl = 1 };
	struct sched_shutdown sd = { .reason = SHUTDOWN_poweroff };

	rt_flush();
	if (!exiting) {
		exiting = true;
		rt_case_active = false;
		hc_physdev_op(PHYSDEVOP_set_iopl, &iopl);
		/* QEMU isa-debug-exit: QEMU exits with status (code << 1) | 1. */
		if (rt_catch(&c) == 0)
			rt_outl(0xf4, (uint32_t)code);
		rt_catch_end();
	}
	hc_sched_op(SCHEDOP_shutdown, &sd);
	for (;;)
		hc_sched_op(SCHEDOP_yield, NULL);
}

/* ---- start of day ---- */
static unsigned int passed, failed, skipped;

/* Run one case; separate so that nothing of the caller lives across the setjmp. */
static __attribute__((noinline)) void run_case(const struct rt_case *c)
{
	cur_case = c;
	cur_fails = 0;
	cur_skip = false;
	cur_msg[0] = 0;
	rt_irq_disable();
	if (rt_setjmp(&case_jb) == 0) {
		rt_case_active = true;
		c->fn();
	}
}

static void run_suite(void)
{
	if (rt_suite.setup)
		rt_suite.setup();
	for (unsigned int i = 0; i < rt_suite.nr_cases; i++) {
		const struct rt_case *c = &rt_suite.cases[i];

		run_case(c);
		rt_case_active = false;
		rt_catch_end();
		rt_irq_disable();
		for (unsigned int v = 0; v < 256; v++)
			rt_trap_hooks[v] = NULL;
		rt_syscall_hook = NULL;
		rt_user_active = false;

		if (cur_fails) {
			failed++;
			if (cur_fails > 1)
				rt_printf("case %s.%s: FAIL: %s (and %u more failed checks)\n",
					  rt_suite.area, c->name, cur_msg, cur_fails - 1);
			else
				rt_printf("case %s.%s: FAIL: %s\n", rt_suite.area, c->name, cur_msg);
		} else if (cur_skip) {
			skipped++;
			rt_printf("case %s.%s: SKIP: %s\n", rt_suite.area, c->name, cur_msg);
		} else {
			passed++;
			rt_printf("case %s.%s: PASS\n", rt_suite.area, c->name);
		}
		cur_case = NULL;
	}
	rt_printf("summary %s: %u passed, %u failed, %u skipped\n", rt_suite.area, passed, failed,
		  skipped);
	rt_exit(failed ? 1 : 0);
}

void rt_start(start_info_t *si)
{
	long rc;

	rt_start_info = si;
	/* The plan first, so that a runner knows every case even if this kernel dies. */
	for (unsigned int i = 0; i < rt_suite.nr_cases; i++)
		rt_printf("plan %s.%s\n", rt_suite.area, rt_suite.cases[i].name);
	rt_printf("runtime: %s kernel starting, start_info %p, %lu pages, cmdline \"%s\"\n",
		  rt_suite.area, (void *)si, si->nr_pages, (const char *)si->cmd_line);

	rc = hc_update_va_mapping(rt_shared_info_page, si->shared_info | PTE_KERNEL, UVMF_INVLPG);
	if (rc) {
		rt_printf("runtime: fatal: mapping shared_info (maddr %#lx) failed: %s\n",
			  si->shared_info, rt_errname(rc));
		rt_exit(1);
	}
	rt_shared_info = (shared_info_t *)rt_shared_info_page;
	rt_vcpu_info = &rt_shared_info->vcpu_info[0];
	rt_boot_vcpu0 = rt_shared_info->vcpu_info[0];
	rt_boot_masked_vcpus = 0;
	for (unsigned int i = 0; i < XEN_LEGACY_MAX_VCPUS; i++)
		if (rt_shared_info->vcpu_info[i].evtchn_upcall_mask)
			rt_boot_masked_vcpus++;

	rt_mm_init();
	rt_traps_init();
	rt_evt_init();
	run_suite();
}
