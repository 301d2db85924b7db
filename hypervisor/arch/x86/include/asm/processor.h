/* asm/processor.h - x86 control registers, MSRs, CPUID and friends. */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <lamina/types.h>

#define X86_CR0_PE (1UL << 0)
#define X86_CR0_MP (1UL << 1)
#define X86_CR0_EM (1UL << 2)
#define X86_CR0_TS (1UL << 3)
#define X86_CR0_NE (1UL << 5)
#define X86_CR0_WP (1UL << 16)
#define X86_CR0_PG (1UL << 31)

#define X86_CR4_PAE (1UL << 5)
#define X86_CR4_PGE (1UL << 7)
#define X86_CR4_OSFXSR (1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)
#define X86_CR4_FSGSBASE (1UL << 16)
#define X86_CR4_SMEP (1UL << 20)
#define X86_CR4_SMAP (1UL << 21)

#define MSR_EFER 0xC0000080
#define EFER_SCE (1UL << 0)
#define EFER_LME (1UL << 8)
#define EFER_NXE (1UL << 11)
#define MSR_STAR 0xC0000081
#define MSR_LSTAR 0xC0000082
#define MSR_CSTAR 0xC0000083
#define MSR_SYSCALL_MASK 0xC0000084
#define MSR_FS_BASE 0xC0000100
#define MSR_GS_BASE 0xC0000101
#define MSR_SHADOW_GS_BASE 0xC0000102
#define MSR_APIC_BASE 0x0000001B
#define MSR_TSC_DEADLINE 0x000006E0

/* RFLAGS bits. */
#define X86_EFLAGS_TF (1UL << 8)
#define X86_EFLAGS_IF (1UL << 9)
#define X86_EFLAGS_DF (1UL << 10)
#define X86_EFLAGS_IOPL (3UL << 12)
#define X86_EFLAGS_NT (1UL << 14)
#define X86_EFLAGS_RF (1UL << 16)
#define X86_EFLAGS_VM (1UL << 17)
#define X86_EFLAGS_AC (1UL << 18)

/* is_canonical_address - bits 63-47 of va all equal (48-bit virtual addresses). */
static inline bool is_canonical_address(unsigned long va)
{
	return (long)(va << 16) >> 16 == (long)va;
}

/* CPUID feature bits used by the hypervisor (leaf, register, bit). */
#define CPUID1_ECX_X2APIC (1U << 21)
#define CPUID1_ECX_TSC_DEADLINE (1U << 24)
#define CPUID1_EDX_APIC (1U << 9)
#define CPUID7_EBX_SMEP (1U << 7)
#define CPUID7_EBX_SMAP (1U << 20)
#define CPUID80000001_EDX_NX (1U << 20)
#define CPUID80000001_EDX_PAGE1GB (1U << 26)
#define CPUID80000007_EDX_INVARIANT_TSC (1U << 8)

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid_count(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;
	asm volatile("cpuid"
		     : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
		     : "a"(leaf), "c"(subleaf));
	return r;
}

static inline struct cpuid_regs cpuid(uint32_t leaf)
{
	return cpuid_count(leaf, 0);
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* rdtsc_ordered - RDTSC that does not run ahead of earlier loads (LFENCE first). */
static inline uint64_t rdtsc_ordered(void)
{
	asm volatile("lfence" ::: "memory");
	return rdtsc();
}

#define DEFINE_CR(n)                                                   \
	static inline unsigned long read_cr##n(void)                   \
	{                                                              \
		unsigned long v;                                       \
		asm volatile("mov %%cr" #n ", %0" : "=r"(v));          \
		return v;                                              \
	}                                                              \
	static inline void write_cr##n(unsigned long v)                \
	{                                                              \
		asm volatile("mov %0, %%cr" #n : : "r"(v) : "memory"); \
	}
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline void clts(void)
{
	asm volatile("clts" ::: "memory");
}

static inline void stts(void)
{
	write_cr0(read_cr0() | X86_CR0_TS);
}

#define MSR_PAT 0x00000277
#define MSR_MISC_ENABLE 0x000001A0
#define MSR_TSC_AUX 0xC0000103

static inline unsigned long read_dr6(void)
{
	unsigned long v;
	asm volatile("mov %%dr6, %0" : "=r"(v));
	return v;
}

static inline void write_dr6(unsigned long v)
{
	asm volatile("mov %0, %%dr6" : : "r"(v));
}

/* write_debugreg - load DR0-3, DR6 or DR7 (reg is one of those). */
static inline void write_debugreg(unsigned int reg, unsigned long v)
{
	switch (reg) {
	case 0:
		asm volatile("mov %0, %%dr0" : : "r"(v));
		break;
	case 1:
		asm volatile("mov %0, %%dr1" : : "r"(v));
		break;
	case 2:
		asm volatile("mov %0, %%dr2" : : "r"(v));
		break;
	case 3:
		asm volatile("mov %0, %%dr3" : : "r"(v));
		break;
	case 6:
		asm volatile("mov %0, %%dr6" : : "r"(v));
		break;
	case 7:
		asm volatile("mov %0, %%dr7" : : "r"(v));
		break;
	}
}

static inline void invlpg(unsigned long va)
{
	asm volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline void local_irq_disable(void)
{
	asm volatile("cli" ::: "memory");
}

static inline void local_irq_enable(void)
{
	asm volatile("sti" ::: "memory");
}

static inline unsigned long local_save_flags(void)
{
	unsigned long f;
	asm volatile("pushf; pop %0" : "=r"(f));
	return f;
}

static inline unsigned long local_irq_save(void)
{
	unsigned long f = local_save_flags();
	local_irq_disable();
	return f;
}

static inline void local_irq_restore(unsigned long f)
{
	if (f & X86_EFLAGS_IF)
		local_irq_enable();
}

static inline void cpu_relax(void)
{
	asm volatile("pause" ::: "memory");
}

/* safe_halt - enable interrupts and halt, atomically (STI's shadow covers HLT). */
static inline void safe_halt(void)
{
	asm volatile("sti; hlt" ::: "memory");
}

static inline void halt(void)
{
	asm volatile("hlt" ::: "memory");
}

#endif /* ASM_PROCESSOR_H */
