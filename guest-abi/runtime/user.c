/*
 * user.c - guest user mode: a user L4 (copy of the kernel L4's guest slots), a kernel stack
 * for user->kernel entries (stack_switch), and rt_user_run().
 */
#include "rt.h"

unsigned long rt_user_l4_mfn;
bool rt_user_active;
bool (*rt_syscall_hook)(struct rt_regs *r);
static struct rt_jmpbuf user_jb;
static struct rt_user_result *user_res;

static char user_stack[16384] RT_ALIGNED(4096);
static char user_kstack[16384] RT_ALIGNED(4096);
const unsigned long rt_user_kstack_top = (unsigned long)user_kstack + sizeof(user_kstack);
const unsigned long rt_user_stack_top = (unsigned long)user_stack + sizeof(user_stack) - 8;

void rt_user_init(void)
{
	uint64_t *l4, *kl4;
	long rc;

	if (rt_user_l4_mfn)
		return;
	l4 = rt_alloc_page();
	kl4 = rt_mfn_to_virt(rt_cur_l4_mfn);
	for (unsigned int i = 0; i < 512; i++)
		if (i < 256 || i >= 272)
			l4[i] = kl4[i];
	rc = rt_set_page_rw(l4, false);
	REQUIRE_RC(rc, 0, "user L4: update_va_mapping read-only");
	rc = rt_mmuext1(MMUEXT_PIN_L4_TABLE, rt_virt_to_mfn(l4), 0);
	REQUIRE_RC(rc, 0, "user L4: MMUEXT_PIN_L4_TABLE");
	rc = rt_mmuext1(MMUEXT_NEW_USER_BASEPTR, rt_virt_to_mfn(l4), 0);
	REQUIRE_RC(rc, 0, "user L4: MMUEXT_NEW_USER_BASEPTR");
	rc = hc_stack_switch(FLAT_KERNEL_SS, user_kstack + sizeof(user_kstack));
	REQUIRE_RC(rc, 0, "stack_switch");
	rt_user_l4_mfn = rt_virt_to_mfn(l4);
}

/* From the dispatcher: a SYSCALL or trap while user code runs. */
bool rt_user_trap(struct rt_regs *r, const struct rt_trap *t)
{
	if (t->vector == RT_VEC_SYSCALL && rt_syscall_hook && r->rax != RT_USER_EXIT_NR &&
	    rt_syscall_hook(r))
		return true;
	user_res->vector = t->vector;
	user_res->trap = *t;
	rt_user_active = false;
	rt_longjmp_regs(r, &user_jb, 1);
	return true;
}

void rt_user_run(rt_user_fn fn, unsigned long arg, struct rt_user_result *res)
{
	struct iret_context ctx;

	rt_user_init();
	memset(res, 0, sizeof(*res));
	user_res = res;
	if (rt_setjmp(&user_jb) == 0) {
		memset(&ctx, 0, sizeof(ctx));
		ctx.rip = (unsigned long)fn;
		ctx.cs = FLAT_USER_CS;
		ctx.rflags = 0x2 | (rt_vcpu_info->evtchn_upcall_mask ? 0 : RFL_IF);
		ctx.rsp = (unsigned long)user_stack + sizeof(user_stack) - 8;
		ctx.ss = FLAT_USER_SS;
		rt_user_active = true;
		rt_iret_to(&ctx, arg);
	}
	rt_user_active = false;
}
