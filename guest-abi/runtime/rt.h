/*
 * rt.h - the tiny PV guest runtime for Lamina's conformance test kernels.
 *
 * A test kernel is one C file that defines a suite (RT_SUITE) of cases; the runtime boots it
 * as a 64-bit PV guest (dom0 in practice), runs every case and prints
 *
 *	case <area>.<name>: PASS
 *	case <area>.<name>: FAIL: <why>
 *	case <area>.<name>: SKIP: <reason>
 *	summary <area>: N passed, N failed, N skipped
 *
 * then ends the run (isa-debug-exit port 0xf4, then SCHEDOP_shutdown as a fallback).
 *
 * Pieces: hypercalls (SYSCALL, or through the hypercall page in the kernel that asks for
 * one), console output (rt_printf), trap handling with "expect a trap here" recovery
 * (rt_catch), page-table helpers (P2M/M2P, PTE lookup, page allocator), 2-level event
 * channels, pvclock, and a guest user mode (rt_user_run).
 *
 * Everything is single-vCPU and not reentrant except where noted; the runtime itself is
 * compiled without SSE so that trap and event handlers never touch FPU state.
 */
#ifndef RT_H
#define RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include <xen/xen.h>
#include <xen/errno.h>
#include <xen/callback.h>
#include <xen/event_channel.h>
#include <xen/features.h>
#include <xen/grant_table.h>
#include <xen/memory.h>
#include <xen/physdev.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/version.h>
#include <xen/arch-x86/cpuid.h>

/* ---------------------------------------------------------------------------------------
 * Basics
 */
#define RT_PAGE_SIZE		4096UL
#define RT_PAGE_SHIFT		12
#define RT_VIRT_BASE		0xffffffff80000000UL
#define RT_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define RT_ALIGNED(n)		__attribute__((aligned(n)))
#define rt_barrier()		__asm__ __volatile__("" ::: "memory")
#define rt_mb()			__asm__ __volatile__("mfence" ::: "memory")

/* Page-table entry bits. */
#define PTE_P		(1UL << 0)
#define PTE_RW		(1UL << 1)
#define PTE_US		(1UL << 2)
#define PTE_PWT		(1UL << 3)
#define PTE_PCD		(1UL << 4)
#define PTE_A		(1UL << 5)
#define PTE_D		(1UL << 6)
#define PTE_PSE		(1UL << 7)
#define PTE_PAT		(1UL << 7)	/* in an L1 entry */
#define PTE_G		(1UL << 8)
#define PTE_NX		(1UL << 63)
#define PTE_ADDR_MASK	0x000ffffffffff000UL
#define PTE_KERNEL	(PTE_P | PTE_RW | PTE_A | PTE_D)	/* what tests map pages with */

/* RFLAGS bits. */
#define RFL_CF		(1UL << 0)
#define RFL_PF		(1UL << 2)
#define RFL_ZF		(1UL << 6)
#define RFL_SF		(1UL << 7)
#define RFL_TF		(1UL << 8)
#define RFL_IF		(1UL << 9)
#define RFL_DF		(1UL << 10)
#define RFL_OF		(1UL << 11)
#define RFL_IOPL	(3UL << 12)
#define RFL_AC		(1UL << 18)

/* Exception vectors. */
enum {
	X86_DE = 0, X86_DB = 1, X86_NMI = 2, X86_BP = 3, X86_OF = 4, X86_BR = 5, X86_UD = 6,
	X86_NM = 7, X86_DF = 8, X86_TS = 10, X86_NP = 11, X86_SS = 12, X86_GP = 13, X86_PF = 14,
	X86_MF = 16, X86_AC = 17, X86_MC = 18, X86_XM = 19,
};
/* #PF error-code bits. */
#define PFEC_P		(1U << 0)
#define PFEC_W		(1U << 1)
#define PFEC_U		(1U << 2)
#define PFEC_RSVD	(1U << 3)
#define PFEC_I		(1U << 4)

/* Pseudo vectors for the callbacks, as recorded in struct rt_regs.vector. */
#define RT_VEC_EVENT	0x100
#define RT_VEC_SYSCALL	0x101
#define RT_VEC_FAILSAFE	0x102

/* ---------------------------------------------------------------------------------------
 * Hypercalls. rt_hypercall() is a bare SYSCALL in guest kernel mode (RCX/R11 clobbered);
 * the argument registers are treated as clobbered too.
 */
static inline long rt_hypercall5(unsigned long nr, unsigned long a1, unsigned long a2,
				 unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long r10 __asm__("r10") = a4;
	register unsigned long r8 __asm__("r8") = a5;
	register unsigned long rdi __asm__("rdi") = a1;
	register unsigned long rsi __asm__("rsi") = a2;
	register unsigned long rdx __asm__("rdx") = a3;
	unsigned long rax = nr;

	__asm__ __volatile__("syscall"
			     : "+a"(rax), "+r"(rdi), "+r"(rsi), "+r"(rdx), "+r"(r10), "+r"(r8)
			     :
			     : "rcx", "r11", "r9", "memory");
	return (long)rax;
}
#define rt_hypercall(nr, a1, a2, a3, a4, a5)                                                      \
	rt_hypercall5((nr), (unsigned long)(a1), (unsigned long)(a2), (unsigned long)(a3),          \
		      (unsigned long)(a4), (unsigned long)(a5))
#define HC0(nr)				rt_hypercall(nr, 0, 0, 0, 0, 0)
#define HC1(nr, a)			rt_hypercall(nr, a, 0, 0, 0, 0)
#define HC2(nr, a, b)			rt_hypercall(nr, a, b, 0, 0, 0)
#define HC3(nr, a, b, c)		rt_hypercall(nr, a, b, c, 0, 0)
#define HC4(nr, a, b, c, d)		rt_hypercall(nr, a, b, c, d, 0)

/* Named wrappers for the calls the runtime and most tests use. */
#define hc_set_trap_table(t)		HC1(__HYPERVISOR_set_trap_table, t)
#define hc_mmu_update(r, n, done, dom)	HC4(__HYPERVISOR_mmu_update, r, n, done, dom)
#define hc_set_gdt(frames, ents)	HC2(__HYPERVISOR_set_gdt, frames, ents)
#define hc_stack_switch(ss, sp)		HC2(__HYPERVISOR_stack_switch, ss, sp)
#define hc_fpu_taskswitch(set)		HC1(__HYPERVISOR_fpu_taskswitch, set)
#define hc_set_debugreg(r, v)		HC2(__HYPERVISOR_set_debugreg, r, v)
#define hc_get_debugreg(r)		HC1(__HYPERVISOR_get_debugreg, r)
#define hc_update_descriptor(ma, d)	HC2(__HYPERVISOR_update_descriptor, ma, d)
#define hc_memory_op(cmd, arg)		HC2(__HYPERVISOR_memory_op, cmd, arg)
#define hc_multicall(list, n)		HC2(__HYPERVISOR_multicall, list, n)
#define hc_update_va_mapping(va, pte, fl) HC3(__HYPERVISOR_update_va_mapping, va, pte, fl)
#define hc_set_timer_op(t)		HC1(__HYPERVISOR_set_timer_op, t)
#define hc_xen_version(cmd, arg)	HC2(__HYPERVISOR_xen_version, cmd, arg)
#define hc_console_io(cmd, n, buf)	HC3(__HYPERVISOR_console_io, cmd, n, buf)
#define hc_grant_table_op(cmd, a, n)	HC3(__HYPERVISOR_grant_table_op, cmd, a, n)
#define hc_vm_assist(cmd, type)		HC2(__HYPERVISOR_vm_assist, cmd, type)
#define hc_vcpu_op(cmd, vcpu, arg)	HC3(__HYPERVISOR_vcpu_op, cmd, vcpu, arg)
#define hc_set_segment_base(w, v)	HC2(__HYPERVISOR_set_segment_base, w, v)
#define hc_mmuext_op(ops, n, done, dom)	HC4(__HYPERVISOR_mmuext_op, ops, n, done, dom)
#define hc_sched_op(cmd, arg)		HC2(__HYPERVISOR_sched_op, cmd, arg)
#define hc_callback_op(cmd, arg)	HC2(__HYPERVISOR_callback_op, cmd, arg)
#define hc_event_channel_op(cmd, arg)	HC2(__HYPERVISOR_event_channel_op, cmd, arg)
#define hc_physdev_op(cmd, arg)		HC2(__HYPERVISOR_physdev_op, cmd, arg)

/*
 * The hypercall page: only in kernels linked with hypercall_page.o, which also carries the
 * XEN_ELFNOTE_HYPERCALL_PAGE note. rt_hcpage_call() calls stub nr of it with up to five
 * arguments (RCX/R11 preserved by the stub itself).
 */
extern char hypercall_page[];
long rt_hcpage_call(unsigned long nr, unsigned long a1, unsigned long a2, unsigned long a3,
		    unsigned long a4, unsigned long a5);

/* ---------------------------------------------------------------------------------------
 * Start of day
 */
extern start_info_t *rt_start_info;
extern shared_info_t *rt_shared_info;	/* mapped by the runtime at a fixed VA */
extern vcpu_info_t *rt_vcpu_info;		/* vCPU 0's current vcpu_info */

/* Registers as found at the entry point (saved by head.S before anything else). */
struct rt_boot_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rflags;
	uint64_t cs, ss, ds, es, fs, gs;
};
extern struct rt_boot_regs rt_boot_regs;
/* vCPU 0's vcpu_info as first seen, and how many of the 32 legacy slots had the mask set. */
extern vcpu_info_t rt_boot_vcpu0;
extern unsigned int rt_boot_masked_vcpus;
/* The page of the image the runtime maps the shared_info frame over. */
extern char rt_shared_info_page[];

/* Linker symbols. */
extern char _text[], _etext[], _end[], __bss_start[], __bss_end[];

/* ---------------------------------------------------------------------------------------
 * Console
 */
int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int rt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rt_puts_raw(const char *s, size_t len);	/* one CONSOLEIO_write, no buffering */
void rt_flush(void);

/* String helpers (also what the compiler may call). */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strstr(const char *hay, const char *needle);

/* ---------------------------------------------------------------------------------------
 * Test cases and reporting
 */
struct rt_case {
	const char *name;
	void (*fn)(void);
};
struct rt_suite {
	const char *area;
	const struct rt_case *cases;
	unsigned int nr_cases;
	void (*setup)(void);	/* optional, runs once before the cases */
};
/* In a test file: static const struct rt_case cases[] = { RT_CASE(x), ... };
 * RT_SUITE("area", cases, setup_or_NULL); */
#define RT_CASE(fn)	{ #fn, fn }
#define RT_SUITE(area_, cases_, setup_)                                                            \
	const struct rt_suite rt_suite = { area_, cases_, RT_ARRAY_SIZE(cases_), setup_ }
extern const struct rt_suite rt_suite;

/* Record a failure of the current case (the first message is printed; the case goes on). */
void rt_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Mark the current case skipped (unless it also failed). */
void rt_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Abandon the current case now (after rt_fail/rt_skip): jumps back to the case runner. */
void rt_abort_case(void) __attribute__((noreturn));
bool rt_case_failed(void);
/* Informational line, prefixed "info <area>.<case>:", ignored by the runner's parser. */
void rt_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Assertions: each records a failure with got/expected values and goes on. */
#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			rt_fail(__VA_ARGS__);                                                       \
	} while (0)
#define CHECK_EQ(got, exp, what)                                                                   \
	do {                                                                                       \
		unsigned long _g = (unsigned long)(got), _e = (unsigned long)(exp);                 \
		if (_g != _e)                                                                      \
			rt_fail("%s: got %#lx (%ld), expected %#lx (%ld)", what, _g, (long)_g, _e,  \
				(long)_e);                                                          \
	} while (0)
/* A hypercall return value, printed as an errno name when negative. */
#define CHECK_RC(got, exp, what)                                                                   \
	do {                                                                                       \
		long _g = (long)(got), _e = (long)(exp);                                           \
		if (_g != _e)                                                                      \
			rt_fail("%s: got %s, expected %s", what, rt_errname(_g), rt_errname(_e));    \
	} while (0)
/* Like CHECK_RC, but abandons the case on mismatch (for set-up steps). */
#define REQUIRE_RC(got, exp, what)                                                                 \
	do {                                                                                       \
		long _g = (long)(got), _e = (long)(exp);                                           \
		if (_g != _e) {                                                                    \
			rt_fail("%s: got %s, expected %s", what, rt_errname(_g), rt_errname(_e));    \
			rt_abort_case();                                                           \
		}                                                                                  \
	} while (0)
#define REQUIRE(cond, ...)                                                                         \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			rt_fail(__VA_ARGS__);                                                       \
			rt_abort_case();                                                           \
		}                                                                                  \
	} while (0)

/* "-EINVAL (-22)" style names for hypercall results; a static buffer for unknown values. */
const char *rt_errname(long rc);

/* End the run: summary already printed by the runner; code 0 = all passed. */
void rt_exit(int code) __attribute__((noreturn));

/* ---------------------------------------------------------------------------------------
 * Traps
 */
/* The frame the runtime's entry stubs build; also what handlers and recoveries edit. */
struct rt_regs {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	uint64_t rax, rcx, rdx, rsi, rdi;
	uint64_t iret_flags;	/* pushed as iret_context.flags on the way out (0 by default) */
	uint64_t vector;	/* 0-255, or RT_VEC_* */
	uint64_t error_code;	/* 0 when the vector has none */
	uint64_t rip, cs, rflags, rsp, ss;	/* CS bits 39:32 carry the saved upcall mask */
};

/* What the last trap looked like. */
struct rt_trap {
	unsigned int vector;
	uint64_t error_code;
	uint64_t rip, cs, rflags, rsp, ss;
	uint64_t cr2;		/* vcpu_info.arch.cr2 as read by the #PF handler */
	uint64_t rcx, r11;	/* the RCX/R11 slots of the bounce frame */
	uint64_t rax, rdi, rsi, rdx, r10, r8;	/* registers at the trap (syscalls) */
	uint8_t mask_in_handler;	/* evtchn_upcall_mask seen inside the handler */
	uint64_t frame_top;	/* address just above the SS slot of the bounce frame */
};
extern struct rt_trap rt_last_trap;
extern struct rt_trap rt_last_upcall;	/* frame of the last event upcall */
extern volatile unsigned long rt_trap_count[256];	/* per vector, bumped by the handler */

/*
 * setjmp-style recovery. rt_catch(&c) returns 0 when armed; if a trap (any vector, from
 * guest kernel or user mode) arrives while armed, the handler records it in c.trap and in
 * rt_last_trap, disarms, and resumes after rt_catch() with return value 1 (in guest kernel
 * mode, same stack, events masked as they were when armed). Disarm with rt_catch_end().
 * Only one catch is armed at a time (nesting is not supported).
 */
struct rt_jmpbuf {
	uint64_t rbx, rbp, r12, r13, r14, r15, rsp, rip;
	uint64_t mask;		/* evtchn_upcall_mask at arm time */
};
int rt_setjmp(struct rt_jmpbuf *jb) __attribute__((returns_twice));
void rt_longjmp_regs(struct rt_regs *r, const struct rt_jmpbuf *jb, uint64_t retval);
struct rt_catch {
	struct rt_jmpbuf jb;
	struct rt_trap trap;
};
extern struct rt_catch *volatile rt_armed_catch;
#define rt_catch(c) (rt_armed_catch = (c), rt_setjmp(&(c)->jb))
static inline void rt_catch_end(void)
{
	rt_barrier();
	rt_armed_catch = NULL;
	rt_barrier();
}

/*
 * Marking the instruction under test in inline asm: RT_MARK_AT stores the address of what
 * follows it in rt_at and the address after RT_MARK_END in rt_after (clobbers R11):
 *	asm volatile(RT_MARK_AT "ud2" RT_MARK_END ::: "r11", "memory");
 */
extern volatile unsigned long rt_at, rt_after;
#define RT_MARK_AT                                                                                 \
	"lea 8881f(%%rip), %%r11\n\tmov %%r11, rt_at(%%rip)\n\t"                                    \
	"lea 8882f(%%rip), %%r11\n\tmov %%r11, rt_after(%%rip)\n8881:\n\t"
#define RT_MARK_END "\n8882:\n"

/*
 * TRAPS(c, asm...) - run the inline asm with c armed; true when it trapped (c.trap says how,
 * and execution resumes here), false when it ran to its end.
 */
#define TRAPS(c, ...)                                                                              \
	({                                                                                         \
		int _t = rt_catch(&(c));                                                           \
		if (!_t) {                                                                         \
			__asm__ __volatile__(__VA_ARGS__);                                         \
			rt_catch_end();                                                            \
		}                                                                                  \
		_t;                                                                                \
	})

/*
 * Check a caught trap: vector, error code (ignored when err is ~0) and RIP; records
 * failures prefixed with what. Returns true when all matched.
 */
bool rt_check_trap(const struct rt_trap *t, unsigned int vector, uint64_t err, uint64_t rip,
		   const char *what);
const char *rt_vector_name(unsigned int vector);

/*
 * Optional per-vector hook: called before the default handling; return true when the trap
 * was handled (the frame, possibly edited, is then returned to with the iret hypercall).
 */
typedef bool (*rt_trap_hook_t)(struct rt_regs *r);
extern rt_trap_hook_t rt_trap_hooks[256];

/* Install the runtime's trap table again (vectors 0-31 and 0x80 with DPL 3 on 3, 4, 0x80). */
void rt_install_traps(void);
/* Address of the runtime's entry stub for a vector (0-31, 0x80), for custom trap tables. */
unsigned long rt_trap_stub(unsigned int vector);
extern char rt_event_entry[], rt_syscall_entry[], rt_failsafe_entry[];
/*
 * The DS, ES, FS and GS slots of the last failsafe frame, as recorded (and dropped) by
 * rt_failsafe_entry; the rest of that frame arrives as a trap with vector RT_VEC_FAILSAFE.
 */
extern uint64_t rt_failsafe_sels[4];

/* Issue the iret hypercall on ctx (an iret_context anywhere in memory), with RDI = rdi. */
void rt_iret_to(struct iret_context *ctx, unsigned long rdi) __attribute__((noreturn));

/* Event mask helpers (the guest's "interrupt flag"). */
static inline uint8_t rt_irq_save(void)
{
	uint8_t m = rt_vcpu_info->evtchn_upcall_mask;
	rt_vcpu_info->evtchn_upcall_mask = 1;
	rt_barrier();
	return m;
}
void rt_irq_enable(void);	/* clear the mask and deliver anything pending */
static inline void rt_irq_disable(void)
{
	rt_vcpu_info->evtchn_upcall_mask = 1;
	rt_barrier();
}
static inline void rt_irq_restore(uint8_t m)
{
	if (m)
		rt_irq_disable();
	else
		rt_irq_enable();
}

/* ---------------------------------------------------------------------------------------
 * CPU helpers
 */
static inline uint64_t rt_rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}
static inline void rt_cpuid_pv(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ __volatile__(XEN_CPUID
			     : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			     : "0"(leaf), "2"(sub));
}
/* rt_rdmsr / rt_wrmsr - RDMSR/WRMSR from the guest kernel (the hypervisor emulates them). */
static inline uint64_t rt_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}
static inline void rt_wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ __volatile__("wrmsr" ::"c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32))
			     : "memory");
}
static inline void rt_cpuid_native(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ __volatile__("cpuid"
			     : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			     : "0"(leaf), "2"(sub));
}
static inline uint64_t rt_read_flags(void)
{
	uint64_t f;
	__asm__ __volatile__("pushfq; popq %0" : "=r"(f));
	return f;
}
static inline uint16_t rt_read_cs(void)
{
	uint16_t s;
	__asm__ __volatile__("mov %%cs, %0" : "=r"(s));
	return s;
}
static inline uint16_t rt_read_ss(void)
{
	uint16_t s;
	__asm__ __volatile__("mov %%ss, %0" : "=r"(s));
	return s;
}
static inline void rt_outl(uint16_t port, uint32_t v)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port));
}
static inline void rt_outb(uint16_t port, uint8_t v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint8_t rt_inb(uint16_t port)
{
	uint8_t v;
	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* ---------------------------------------------------------------------------------------
 * Memory: frames, page tables, allocation
 */
extern unsigned long *rt_p2m;		/* start_info->mfn_list */
static inline const volatile unsigned long *rt_m2p_table(void)
{
	return (const volatile unsigned long *)MACH2PHYS_VIRT_START;
}
static inline unsigned long rt_m2p(unsigned long mfn)
{
	return rt_m2p_table()[mfn];
}
static inline unsigned long rt_pfn_to_mfn(unsigned long pfn)
{
	return rt_p2m[pfn];
}
/* Bootstrap-region VA <-> pfn (the region is pfn-linear from RT_VIRT_BASE). */
static inline unsigned long rt_virt_to_pfn(const void *va)
{
	return ((unsigned long)va - RT_VIRT_BASE) >> RT_PAGE_SHIFT;
}
static inline void *rt_pfn_to_virt(unsigned long pfn)
{
	return (void *)(RT_VIRT_BASE + (pfn << RT_PAGE_SHIFT));
}
static inline unsigned long rt_virt_to_mfn(const void *va)
{
	return rt_pfn_to_mfn(rt_virt_to_pfn(va));
}
/* Machine address of a byte in the bootstrap region. */
static inline uint64_t rt_virt_to_maddr(const void *va)
{
	return (rt_virt_to_mfn(va) << RT_PAGE_SHIFT) | ((unsigned long)va & 0xfff);
}
static inline void *rt_mfn_to_virt(unsigned long mfn)
{
	return rt_pfn_to_virt(rt_m2p(mfn));
}

extern unsigned long rt_region_end_pfn;	/* first pfn past the bootstrap mapping */
extern unsigned long rt_cur_l4_mfn;		/* kernel root the runtime believes is loaded */

/*
 * Walk the current kernel page tables for va. Returns the VA (in the bootstrap region) of
 * the entry at the given level (1 = L1 ... 4 = L4) or NULL when an upper level is not
 * present or not reachable through the bootstrap mapping; *maddr gets its machine address.
 */
uint64_t *rt_pte_lookup(unsigned long va, int level, uint64_t *maddr);
/* The L1 entry (value) mapping va, 0 if none. */
uint64_t rt_pte_of(unsigned long va);

/* A zeroed page from the spare part of the bootstrap region (writable, mapped). */
void *rt_alloc_page(void);
/* A pfn in [region end, nr_pages) that is mapped nowhere (for use as a fresh frame). */
unsigned long rt_alloc_unmapped_pfn(void);

/*
 * A RAM frame below maximum_ram_page that is neither in this domain's P2M nor its
 * shared_info frame (hypervisor or free memory): the first of a few fixed candidates.
 * 0 if none qualifies.
 */
unsigned long rt_foreign_ram_mfn(void);

/* Single-request wrappers; return the hypercall's result. */
long rt_mmu_update1(uint64_t ptr, uint64_t val);
long rt_mmuext1(unsigned int cmd, unsigned long arg1, unsigned long arg2);
/* Make a bootstrap-region page read-only / writable again (update_va_mapping + INVLPG). */
long rt_set_page_rw(void *va, bool writable);

/* ---------------------------------------------------------------------------------------
 * Event channels (2-level)
 */
#define RT_NR_PORTS	1024
extern volatile unsigned long rt_evt_count[RT_NR_PORTS];	/* handled events per port */
extern volatile unsigned long rt_upcall_count;
typedef void (*rt_evt_handler_t)(evtchn_port_t port);
extern rt_evt_handler_t rt_evt_handlers[RT_NR_PORTS];
static inline bool rt_evt_test_pending(evtchn_port_t p)
{
	return (rt_shared_info->evtchn_pending[p / 64] >> (p % 64)) & 1;
}
static inline void rt_evt_mask(evtchn_port_t p)
{
	__atomic_fetch_or(&rt_shared_info->evtchn_mask[p / 64], 1UL << (p % 64), __ATOMIC_SEQ_CST);
}
static inline void rt_evt_unmask_local(evtchn_port_t p)
{
	__atomic_fetch_and(&rt_shared_info->evtchn_mask[p / 64], ~(1UL << (p % 64)),
			   __ATOMIC_SEQ_CST);
}
static inline void rt_evt_clear(evtchn_port_t p)
{
	__atomic_fetch_and(&rt_shared_info->evtchn_pending[p / 64], ~(1UL << (p % 64)),
			   __ATOMIC_SEQ_CST);
}
long rt_evtchn_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port);
long rt_evtchn_bind_ipi(uint32_t vcpu, evtchn_port_t *port);
long rt_evtchn_alloc_unbound(domid_t dom, domid_t remote, evtchn_port_t *port);
long rt_evtchn_send(evtchn_port_t port);
long rt_evtchn_close(evtchn_port_t port);
long rt_evtchn_unmask(evtchn_port_t port);
long rt_evtchn_status(evtchn_port_t port, struct evtchn_status *st);
/* Wait with events enabled (SCHEDOP_block loop) until cond() or the deadline (system ns). */
bool rt_wait_event(volatile unsigned long *counter, unsigned long target, uint64_t timeout_ns);

/* ---------------------------------------------------------------------------------------
 * Time
 */
/* System time in ns from vCPU 0's vcpu_time_info (version protocol, 96-bit product). */
uint64_t rt_system_time(void);
uint64_t rt_scale_delta(uint64_t delta, uint32_t mul, int8_t shift);
/* Busy-wait for ns of system time. */
void rt_udelay_ns(uint64_t ns);
long rt_set_singleshot(uint64_t abs_ns, uint32_t flags);

/* ---------------------------------------------------------------------------------------
 * Guest user mode
 *
 * rt_user_run(fn, arg, res) enters guest user mode at fn(arg) on a private user stack, with
 * CS FLAT_USER_CS / SS FLAT_USER_SS (RPL 3), events as currently masked, and the user page
 * table (a copy of the kernel L4 made by the runtime, loaded with NEW_USER_BASEPTR). It
 * returns when user code traps or issues SYSCALL (unless a syscall hook handles it): res
 * holds the kernel-side view of that entry. user fn must not return; use rt_user_exit().
 */
struct rt_user_result {
	unsigned int vector;	/* RT_VEC_SYSCALL or the exception vector */
	struct rt_trap trap;	/* full record (cr2, error code, frame, RCX/R11 slots) */
};
typedef void (*rt_user_fn)(unsigned long arg);
void rt_user_run(rt_user_fn fn, unsigned long arg, struct rt_user_result *res);
/* From user mode: SYSCALL with rax = RT_USER_EXIT_NR and rdi = code. */
#define RT_USER_EXIT_NR	0x5eed
void rt_user_exit(unsigned long code) __attribute__((noreturn));
/*
 * Syscall hook: called for a SYSCALL from user mode; return true to resume user mode with
 * the (edited) frame, false to end rt_user_run.
 */
extern bool (*rt_syscall_hook)(struct rt_regs *r);
/* Top of the kernel stack given to stack_switch, and the initial user RSP. */
extern const unsigned long rt_user_kstack_top, rt_user_stack_top;
/* MFN of the runtime's user L4 (0 before the first rt_user_run). */
extern unsigned long rt_user_l4_mfn;
void rt_user_init(void);

/* ---------------------------------------------------------------------------------------
 * Misc
 */
/* Per-run parameters from start_info->cmd_line ("key=value" words). */
const char *rt_cmdline_get(const char *key);

#endif /* RT_H */
