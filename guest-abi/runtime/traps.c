/*
 * traps.c - trap table, callbacks and the trap dispatcher.
 */
#include "rt.h"

extern char rt_trap_stubs[], rt_trap_stub_0x80[];
void rt_evt_upcall(struct rt_regs *r);
void rt_unexpected_trap(struct rt_regs *r, const struct rt_trap *t);
bool rt_user_trap(struct rt_regs *r, const struct rt_trap *t);
extern bool rt_user_active;

struct rt_trap rt_last_trap;
struct rt_trap rt_last_upcall;
volatile unsigned long rt_trap_count[256];
rt_trap_hook_t rt_trap_hooks[256];
struct rt_catch *volatile rt_armed_catch;
volatile unsigned long rt_at, rt_after;

const char *rt_vector_name(unsigned int v)
{
	static const char *const names[] = {
		"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#09", "#TS",
		"#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM", "#VE", "#CP",
	};

	if (v < RT_ARRAY_SIZE(names))
		return names[v];
	switch (v) {
	case 0x80:
		return "int80";
	case RT_VEC_EVENT:
		return "event";
	case RT_VEC_SYSCALL:
		return "syscall";
	case RT_VEC_FAILSAFE:
		return "failsafe";
	}
	return "vector";
}

bool rt_check_trap(const struct rt_trap *t, unsigned int vector, uint64_t err, uint64_t rip,
		   const char *what)
{
	bool ok = true;

	if (t->vector != vector) {
		rt_fail("%s: got %s (vector %#x) err %#lx at rip %#lx cr2 %#lx, expected %s "
			"(vector %#x)", what, rt_vector_name(t->vector), t->vector, t->error_code,
			t->rip, t->cr2, rt_vector_name(vector), vector);
		return false;
	}
	if (err != ~0UL && t->error_code != err) {
		rt_fail("%s: %s error code %#lx, expected %#lx", what, rt_vector_name(vector),
			t->error_code, err);
		ok = false;
	}
	if (t->rip != rip) {
		rt_fail("%s: %s at rip %#lx, expected rip %#lx", what, rt_vector_name(vector), t->rip,
			rip);
		ok = false;
	}
	return ok;
}

unsigned long rt_trap_stub(unsigned int vector)
{
	if (vector == 0x80)
		return (unsigned long)rt_trap_stub_0x80;
	return (unsigned long)rt_trap_stubs + 16 * vector;
}

void rt_install_traps(void)
{
	static trap_info_t table[34];
	unsigned int n = 0;
	long rc;

	for (unsigned int v = 0; v < 32; v++) {
		table[n].vector = (uint8_t)v;
		/* Interrupt-gate style (mask events); #BP and #OF may be raised by INT3/INTO. */
		table[n].flags = 4 | ((v == X86_BP || v == X86_OF) ? 3 : 0);
		table[n].cs = FLAT_KERNEL_CS;
		table[n].address = rt_trap_stub(v);
		n++;
	}
	table[n].vector = 0x80;
	table[n].flags = 4 | 3;
	table[n].cs = FLAT_KERNEL_CS;
	table[n].address = rt_trap_stub(0x80);
	n++;
	memset(&table[n], 0, sizeof(table[n]));

	rc = hc_set_trap_table(table);
	if (rc) {
		rt_printf("runtime: fatal: set_trap_table failed: %s\n", rt_errname(rc));
		rt_exit(1);
	}
}

static long register_callback(uint16_t type, uint16_t flags, void *addr)
{
	struct callback_register cb = { .type = type, .flags = flags, .address = (unsigned long)addr };

	return hc_callback_op(CALLBACKOP_register, &cb);
}

void rt_traps_init(void)
{
	long rc;

	rt_install_traps();
	rc = register_callback(CALLBACKTYPE_event, CALLBACKF_mask_events, rt_event_entry);
	if (rc)
		rt_printf("runtime: registering the event callback failed: %s\n", rt_errname(rc));
	rc = register_callback(CALLBACKTYPE_failsafe, CALLBACKF_mask_events, rt_failsafe_entry);
	if (rc)
		rt_printf("runtime: registering the failsafe callback failed: %s\n", rt_errname(rc));
	rc = register_callback(CALLBACKTYPE_syscall, CALLBACKF_mask_events, rt_syscall_entry);
	if (rc)
		rt_printf("runtime: registering the syscall callback failed: %s\n", rt_errname(rc));
}

void rt_longjmp_regs(struct rt_regs *r, const struct rt_jmpbuf *jb, uint64_t retval)
{
	r->rbx = jb->rbx;
	r->rbp = jb->rbp;
	r->r12 = jb->r12;
	r->r13 = jb->r13;
	r->r14 = jb->r14;
	r->r15 = jb->r15;
	r->rsp = jb->rsp;
	r->rip = jb->rip;
	r->rax = retval;
	r->cs = FLAT_KERNEL_CS & ~3;	/* RPL 0: stay in (or return to) guest kernel mode */
	r->ss = FLAT_KERNEL_SS;
	r->rflags = 0x2 | (jb->mask ? 0 : RFL_IF);
	r->iret_flags = 0;
}

void rt_trap_dispatch(struct rt_regs *r)
{
	unsigned int v = (unsigned int)r->vector;
	struct rt_trap t;

	if (v == RT_VEC_EVENT) {
		rt_last_upcall.vector = v;
		rt_last_upcall.rip = r->rip;
		rt_last_upcall.cs = r->cs;
		rt_last_upcall.rflags = r->rflags;
		rt_last_upcall.rsp = r->rsp;
		rt_last_upcall.ss = r->ss;
		rt_last_upcall.mask_in_handler = rt_vcpu_info->evtchn_upcall_mask;
		rt_last_upcall.frame_top = (uint64_t)(&r->ss + 1);
		rt_evt_upcall(r);
		return;
	}

	t.vector = v;
	t.error_code = r->error_code;
	t.rip = r->rip;
	t.cs = r->cs;
	t.rflags = r->rflags;
	t.rsp = r->rsp;
	t.ss = r->ss;
	t.cr2 = v == X86_PF ? rt_vcpu_info->arch.cr2 : 0;
	t.rcx = r->rcx;
	t.r11 = r->r11;
	t.rax = r->rax;
	t.rdi = r->rdi;
	t.rsi = r->rsi;
	t.rdx = r->rdx;
	t.r10 = r->r10;
	t.r8 = r->r8;
	t.mask_in_handler = rt_vcpu_info->evtchn_upcall_mask;
	t.frame_top = (uint64_t)(&r->ss + 1);
	rt_last_trap = t;
	if (v < 256) {
		rt_trap_count[v]++;
		if (rt_trap_hooks[v] && rt_trap_hooks[v](r))
			return;
	}

	if (v == RT_VEC_SYSCALL) {
		if (rt_user_active && rt_user_trap(r, &t))
			return;
		rt_unexpected_trap(r, &t);
		return;
	}

	if (rt_armed_catch) {
		struct rt_catch *c = rt_armed_catch;

		rt_armed_catch = NULL;
		c->trap = t;
		rt_longjmp_regs(r, &c->jb, 1);
		return;
	}
	if (rt_user_active && (r->cs & 3) == 3 && rt_user_trap(r, &t))
		return;
	rt_unexpected_trap(r, &t);
}
