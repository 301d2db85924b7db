/*
 * desc.c - building and loading the boot CPU's GDT, TSS and IDT.
 * Descriptor formats: Intel SDM vol. 3, 3.4.5 (segments), 7.2.3 (64-bit TSS
 * descriptor), 6.14.1 (64-bit IDT gates).
 */
#include <asm/config.h>
#include <asm/desc.h>
#include <asm/processor.h>
#include <asm/regs.h>
#include <lamina/lib.h>

extern const char vector_stubs[];

struct gate64 {
	uint16_t offset0;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset1;
	uint32_t offset2;
	uint32_t reserved;
} __packed;

#define GATE_INTERRUPT 0x8E /* present, DPL 0, 64-bit interrupt gate */
#define GATE_DPL3 0x60 /* software `int n` allowed from ring 3 */
#define DESC_TSS_AVAILABLE 0x89 /* present, DPL 0, 64-bit available TSS */

static uint64_t boot_gdt[GDT_ENTRIES] __aligned(PAGE_SIZE);
static struct gate64 idt[256] __aligned(PAGE_SIZE);
struct tss64 boot_tss __aligned(128);
static uint8_t ist_stacks[IST_COUNT][2 * PAGE_SIZE] __aligned(PAGE_SIZE);

#define GDT_SLOT(sel) (boot_gdt[(sel) >> 3])

/* The page of boot_gdt holding selectors 0xe000-0xefff, which every vCPU's GDT view maps. */
uint64_t *const boot_gdt_page = &boot_gdt[FIRST_RESERVED_GDT_ENTRY];

static void set_gate(unsigned int vector, unsigned int ist, unsigned int dpl_bits)
{
	uint64_t addr = (uint64_t)(vector_stubs + vector * VECTOR_STUB_BYTES);

	idt[vector] = (struct gate64){
		.offset0 = addr & 0xffff,
		.selector = HYPERVISOR_CS,
		.ist = (uint8_t)ist,
		.type_attr = GATE_INTERRUPT | dpl_bits,
		.offset1 = (addr >> 16) & 0xffff,
		.offset2 = addr >> 32,
	};
}

static void build_gdt(void)
{
	uint64_t tss = (uint64_t)&boot_tss;
	uint64_t limit = sizeof(boot_tss) - 1;

	GDT_SLOT(HYPERVISOR_CS) = 0x00af9b000000ffffULL; /* 64-bit code, DPL 0 */
	GDT_SLOT(HYPERVISOR_DS) = 0x00cf93000000ffffULL; /* flat data, DPL 0 */
	GDT_SLOT(FLAT_RING3_CS32) = 0x00cffb000000ffffULL; /* 32-bit code, DPL 3 */
	GDT_SLOT(FLAT_RING3_DS32) = 0x00cff3000000ffffULL; /* flat data, DPL 3 */
	GDT_SLOT(FLAT_RING3_CS64) = 0x00affb000000ffffULL; /* 64-bit code, DPL 3 */
	GDT_SLOT(TSS_SELECTOR) = (limit & 0xffff) | ((tss & 0xffffff) << 16) |
				 ((uint64_t)DESC_TSS_AVAILABLE << 40) |
				 (((limit >> 16) & 0xf) << 48) | (((tss >> 24) & 0xff) << 56);
	GDT_SLOT(TSS_SELECTOR + 8) = tss >> 32;
}

static void build_tss(void)
{
	extern char boot_stack[];

	boot_tss.rsp0 = (uint64_t)boot_stack + STACK_BYTES - CPU_USER_REGS_SLACK;
	for (int i = 0; i < IST_COUNT; i++)
		boot_tss.ist[i] = (uint64_t)ist_stacks[i] + sizeof(ist_stacks[i]);
	boot_tss.iomap_base = sizeof(boot_tss); /* no I/O bitmap: ports need IOPL */
}

static void build_idt(void)
{
	for (unsigned int v = 0; v < 256; v++)
		set_gate(v, 0, 0);
	set_gate(2, IST_NMI, 0);
	set_gate(8, IST_DF, 0);
	set_gate(18, IST_MC, 0);
	/*
	 * Guests may raise these with `int`: #BP (int3), #OF (into) and legacy
	 * system calls (int $0x80). Every other `int $n` - int $0x82 included,
	 * which Xen keeps for 32-bit guests in ring 1 - faults with #GP and is
	 * then checked against the guest's own trap table, as Xen does.
	 */
	set_gate(3, 0, GATE_DPL3);
	set_gate(4, 0, GATE_DPL3);
	set_gate(LEGACY_SYSCALL_VECTOR, 0, GATE_DPL3);
}

const char *hypervisor_stack_of(unsigned long sp, unsigned long *lo, unsigned long *hi)
{
	extern char boot_stack[];
	static const char *const ist_names[IST_COUNT] = { "IST1 (double fault)", "IST2 (NMI)",
							  "IST3 (machine check)" };
	unsigned long base = (unsigned long)boot_stack;

	if (sp > base && sp <= base + STACK_BYTES) {
		*lo = base;
		*hi = base + STACK_BYTES;
		return "primary";
	}
	for (int i = 0; i < IST_COUNT; i++) {
		base = (unsigned long)ist_stacks[i];
		if (sp > base && sp <= base + sizeof(ist_stacks[i])) {
			*lo = base;
			*hi = base + sizeof(ist_stacks[i]);
			return ist_names[i];
		}
	}
	return NULL;
}

/*
 * cpu_init_syscall - SYSCALL for guests: EFER.SCE, the selectors (STAR:
 * SYSRET would use FLAT_RING3_CS32 + 0/8/16, Xen's layout), the entry
 * points, and the flags SYSCALL clears (IF, DF, TF, AC, NT, IOPL). Also the
 * PAT guests are told about (Xen's value), since they program PTE cache bits
 * for it.
 */
#define SYSCALL_FLAGS_MASK (X86_EFLAGS_IF | (1UL << 10) | (1UL << 8) | (1UL << 18) | \
			    (1UL << 14) | (3UL << 12))
#define HOST_PAT 0x0000050100070406ULL

void cpu_init_syscall(void)
{
	extern char syscall_entry[], syscall32_entry[];

	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	wrmsr(MSR_STAR, ((uint64_t)FLAT_RING3_CS32 << 48) | ((uint64_t)HYPERVISOR_CS << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_CSTAR, (uint64_t)syscall32_entry);
	wrmsr(MSR_SYSCALL_MASK, SYSCALL_FLAGS_MASK);
	wrmsr(MSR_PAT, HOST_PAT);
	/* Guests use the FPU and SSE: FXSAVE-capable state, native x87 error reporting. */
	write_cr0((read_cr0() & ~X86_CR0_EM) | X86_CR0_MP | X86_CR0_NE);
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	asm volatile("fninit");
}

void cpu_init_descriptors(void)
{
	struct __packed {
		uint16_t limit;
		uint64_t base;
	} gdtr = { sizeof(boot_gdt) - 1, (uint64_t)boot_gdt },
	  idtr = { sizeof(idt) - 1, (uint64_t)idt };

	build_gdt();
	build_tss();
	build_idt();

	asm volatile("lgdt %0\n\t"
		     "mov %[ds], %%ss\n\t"
		     "mov %[ds], %%ds\n\t"
		     "mov %[ds], %%es\n\t"
		     /* Reload CS with a far return to the next instruction. */
		     "lea 1f(%%rip), %%rax\n\t"
		     "push %[cs]\n\t"
		     "push %%rax\n\t"
		     "lretq\n"
		     "1:\n\t"
		     "lidt %1\n\t"
		     "ltr %w[tss]"
		     :
		     : "m"(gdtr), "m"(idtr), [ds] "r"((uint64_t)HYPERVISOR_DS),
		       [cs] "i"(HYPERVISOR_CS), [tss] "r"(TSS_SELECTOR)
		     : "rax", "memory");
}
