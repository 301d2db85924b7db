/*
 * setup.c - the hypervisor's start of day, one step per line.
 */
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/pirq.h>
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/pv/traps.h>
#include <asm/time.h>
#include <asm/xstate.h>
#include <lamina/acpi.h>
#include <lamina/boot_info.h>
#include <lamina/console.h>
#include <lamina/dom0_mem.h>
#include <lamina/errno.h>
#include <lamina/domain.h>
#include <lamina/time.h>
#include <lamina/heap.h>
#include <lamina/lib.h>
#include <lamina/mm.h>
#include <lamina/param.h>
#include <lamina/sched.h>
#include <lamina/selftest.h>
#include <lamina/shutdown.h>
#include <lamina/version.h>

static void warn_option(const char *fmt, ...)
{
	char msg[PARAM_VALUE_MAX + 64];
	va_list ap;

	va_start(ap, fmt);
	lamina_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(LOG_WARNING "command line: %s", msg);
}

static void print_banner(void)
{
	printk("Lamina %s - a thin x86-64 PV hypervisor (Xen PV ABI)\n", LAMINA_VERSION);
	printk("Loader: %s (Multiboot %u); command line: %s\n",
	       boot_info.loader[0] ? boot_info.loader : "unknown", boot_info.multiboot_version,
	       boot_info.cmdline);
}

static void print_memory_map(void)
{
	printk("Memory map (from the loader):\n");
	for (unsigned int i = 0; i < boot_info.e820.nr; i++) {
		const struct e820_entry *e = &boot_info.e820.map[i];
		printk("  %016lx - %016lx  %s\n", (unsigned long)e->addr,
		       (unsigned long)(e->addr + e->size), e820_type_name(e->type));
	}
	for (unsigned int i = 0; i < boot_info.nr_modules; i++) {
		const struct boot_module *m = &boot_info.modules[i];
		printk("Module %u: %016lx - %016lx  %s\n", i, (unsigned long)m->start,
		       (unsigned long)m->end, m->cmdline);
	}
}

static void print_memory(void)
{
	unsigned long total = total_ram_pages(), free = free_ram_pages();

	printk("Memory: %lu KiB RAM in all (%lu MiB), %lu KiB free (%lu MiB), frame table %lu KiB, "
	       "M2P %lu KiB\n",
	       total * 4, total / 256, free * 4, free / 256,
	       ROUNDUP(max_page * sizeof(struct page_info), 1UL << 21) / 1024,
	       m2p_nr_chunks() * 2048);
}

static struct dom0_mem opt_dom0_mem;

static int parse_dom0_mem(const char *s)
{
	return dom0_mem_parse(s, &opt_dom0_mem);
}
custom_param("dom0_mem", parse_dom0_mem);

/*
 * dom0_max_vcpus=<n> or <min>-<max> (either side may be empty): dom0 gets
 * one vCPU per physical CPU (one here), raised to min and lowered to max
 * (Xen's rule, xen/arch/x86/dom0_build.c); at most MAX_VIRT_CPUS.
 */
static unsigned long opt_dom0_vcpus_min = 1, opt_dom0_vcpus_max = MAX_VIRT_CPUS;

static int parse_dom0_max_vcpus(const char *s)
{
	const char *p = s;

	if (*p != '-') {
		opt_dom0_vcpus_min = parse_ulong(p, &p);
		if (p == s)
			return -EINVAL;
		if (!*p) {
			opt_dom0_vcpus_max = opt_dom0_vcpus_min;
			return 0;
		}
	}
	if (*p++ != '-')
		return -EINVAL;
	if (*p) {
		const char *q = p;
		opt_dom0_vcpus_max = parse_ulong(q, &q);
		if (q == p || *q)
			return -EINVAL;
	}
	return 0;
}
custom_param("dom0_max_vcpus", parse_dom0_max_vcpus);

static unsigned int dom0_vcpus(void)
{
	unsigned long n = 1; /* physical CPUs */

	n = MAX(n, opt_dom0_vcpus_min);
	n = MIN(n, opt_dom0_vcpus_max);
	return (unsigned int)MIN(MAX(n, 1UL), (unsigned long)MAX_VIRT_CPUS);
}

/* Xen's default when dom0_mem= is absent: all but 1/16 of memory, at most 128 MiB kept back. */
static unsigned long default_dom0_pages(unsigned long host)
{
	unsigned long keep = MIN(host / 16, 128UL * 256);

	return host - keep;
}

static void print_dom0_mem(void)
{
	unsigned long host = free_ram_pages();
	unsigned long pages = dom0_mem_pages(&opt_dom0_mem, host, default_dom0_pages(host));

	printk("Dom0 memory: %lu MiB of %lu MiB free (%s)\n", pages / 256, host / 256,
	       opt_dom0_mem.amount.set || opt_dom0_mem.min.set || opt_dom0_mem.max.set
		       ? "dom0_mem="
		       : "default");
}

static void *heap_pages(unsigned int order)
{
	return alloc_xenheap_pages(order);
}

static const struct heap_page_ops heap_ops = {
	.alloc_pages = heap_pages,
	.free_pages = free_xenheap_pages,
};

static void __noreturn idle_loop(void)
{
	printk("Boot complete: no dom0 kernel was given (module 0); idling (Ctrl-A X leaves QEMU)\n");
	for (;;)
		safe_halt();
}

/* start_dom0 - build the initial domain from module 0 (kernel) and 1 (initrd) and run it. */
static void start_dom0(void)
{
	const struct boot_module *kernel = &boot_info.modules[0];
	const struct boot_module *initrd = boot_info.nr_modules > 1 ? &boot_info.modules[1] : NULL;
	unsigned long host = free_ram_pages();
	unsigned long pages = dom0_mem_pages(&opt_dom0_mem, host, default_dom0_pages(host));
	struct domain *d = domain_create(0, true, dom0_vcpus());

	if (!d)
		panic("cannot create dom0");
	hardware_domain = d;
	if (dom0_construct(d, kernel, initrd, kernel->cmdline, pages))
		panic("cannot build dom0 from module 0");
	d->max_pages = dom0_mem_max_pages(&opt_dom0_mem, host);
	update_domain_wallclock(d);
	console_start_input();
	printk("d0: starting (%lu MiB, command line \"%s\")\n", pages / 256, kernel->cmdline);
	pv_vcpu_enter(d->vcpu[0]);
}

void __noreturn start_lamina(unsigned long magic, paddr_t info_pa)
{
	multiboot_parse(magic, info_pa);
	console_init();
	print_banner();
	cmdline_parse(boot_info.cmdline, __param_start, __param_end, warn_option);
	console_init(); /* again: console= may have chosen another port */
	print_memory_map();
	cpu_init_descriptors();
	mm_init();
	heap_init(&heap_ops);
	print_memory();
	print_dom0_mem();
	acpi_init();
	apic_init();
	io_apic_init();
	pirq_init();
	time_init();
	wallclock_init();
	cpu_init_syscall();
	xstate_init();
	fpu_init();
	sched_init();
	local_irq_enable();
	selftest_run();
	if (boot_info.nr_modules)
		start_dom0();
	idle_loop();
}
