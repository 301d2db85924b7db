/*
 * selftest.c - boot-time self-tests for the QEMU test scenarios (see
 * lamina/selftest.h). They check the hardware-facing parts that unit tests
 * cannot: interrupts, clocks, the crash path, the allocators on real memory.
 */
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <asm/traps.h>
#include <asm/uaccess.h>
#include <lamina/acpi.h>
#include <lamina/console.h>
#include <lamina/heap.h>
#include <lamina/lib.h>
#include <lamina/mm.h>
#include <lamina/param.h>
#include <lamina/selftest.h>
#include <lamina/shutdown.h>
#include <lamina/timer.h>

#define DEBUG_EXIT_PASS 0
#define DEBUG_EXIT_FAIL 1

static char opt_selftest[32];
string_param("selftest", opt_selftest);

static void __noreturn finish(const char *name, const char *failure)
{
	if (failure)
		printk("selftest %s: FAIL: %s\n", name, failure);
	else
		printk("selftest %s: PASS\n", name);
	debug_exit(failure ? DEBUG_EXIT_FAIL : DEBUG_EXIT_PASS);
	machine_power_off();
}

/* ---- timer: interrupts at the programmed rate, against two clocks ---- */

#define TICK_PERIOD_NS (1 * NS_PER_MS)
#define TICKS 1000

static struct timer tick_timer;
static volatile unsigned int ticks;
static s_time_t next_deadline;
static uint32_t pm_last;
static uint64_t pm_elapsed; /* PM timer ticks since the first tick */

static void pm_accumulate(void)
{
	uint32_t now = acpi_pm_timer_read();
	uint32_t mask = acpi_pm_timer_bits() == 32 ? 0xFFFFFFFF : 0xFFFFFF;

	pm_elapsed += (now - pm_last) & mask;
	pm_last = now;
}

static void tick(void *data)
{
	pm_accumulate();
	if (++ticks < TICKS) {
		next_deadline += TICK_PERIOD_NS;
		set_timer(&tick_timer, next_deadline);
	}
}

static const char *test_timer(void)
{
	static char why[160];
	unsigned long irqs_before = timer_interrupt_count();

	init_timer(&tick_timer, tick, NULL);
	pm_last = acpi_pm_timer_read();
	s_time_t start = NOW();
	next_deadline = start + TICK_PERIOD_NS;
	set_timer(&tick_timer, next_deadline);
	while (ticks < TICKS)
		safe_halt();
	s_time_t elapsed = NOW() - start;
	unsigned long irqs = timer_interrupt_count() - irqs_before;
	uint64_t pm_ns = pm_elapsed * NS_PER_SEC / ACPI_PM_TIMER_HZ;
	s_time_t expected = (s_time_t)TICKS * TICK_PERIOD_NS;

	printk("selftest timer: %u ticks of %llu us: system time %ld us (expected %ld), "
	       "ACPI PM timer %lu us, %lu timer interrupts, APIC %s\n",
	       ticks, TICK_PERIOD_NS / 1000, elapsed / 1000, expected / 1000, pm_ns / 1000, irqs,
	       apic_timer_mode());

	/*
	 * The last tick is due at start + expected. Under TCG on a loaded host
	 * the vCPU can be held up; allow a quarter of lateness, while the PM
	 * timer check below holds the clock itself to 1%.
	 */
	if (elapsed < expected || elapsed > expected + expected / 4) {
		lamina_snprintf(why, sizeof(why), "system time %ld us for %ld us of ticks",
				elapsed / 1000, expected / 1000);
		return why;
	}
	/*
	 * About one interrupt per tick: a late interrupt runs every tick that is
	 * due (a held-up vCPU coalesces some), a re-arm race may add one.
	 */
	if (irqs < TICKS / 2 || irqs > TICKS + TICKS / 50) {
		lamina_snprintf(why, sizeof(why), "%lu timer interrupts for %d ticks", irqs, TICKS);
		return why;
	}
	/* System time (TSC) must agree with the PM timer within 1%. */
	if (acpi_pm_timer_read() != 0 || pm_elapsed != 0) {
		int64_t diff = (int64_t)pm_ns - elapsed;
		if (diff < 0)
			diff = -diff;
		if (diff * 100 > elapsed) {
			lamina_snprintf(why, sizeof(why),
					"system time %ld us but ACPI PM timer %lu us", elapsed / 1000,
					pm_ns / 1000);
			return why;
		}
	}
	return NULL;
}

/* ---- fault: a deliberate page fault three calls deep ---- */

static volatile unsigned long *const bad_pointer = (unsigned long *)0x00000dead0000000UL;

static void __attribute__((noinline)) fault_level2(void)
{
	*bad_pointer = 0x1ead;
	asm volatile("" ::: "memory");
}

static void __attribute__((noinline)) fault_level1(void)
{
	fault_level2();
	asm volatile("" ::: "memory");
}

static void __attribute__((noinline)) selftest_fault(void)
{
	printk("selftest fault: writing to %p from hypervisor code\n", (void *)bad_pointer);
	fault_level1();
	asm volatile("" ::: "memory");
}

/* ---- doublefault: a fault that cannot be delivered lands on the #DF IST stack ---- */

static void __attribute__((noinline)) selftest_doublefault(void)
{
	printk("selftest doublefault: pushing onto an unmapped stack\n");
	/* The #PF cannot push its frame on this stack either: #DF, on IST1. */
	asm volatile("mov %0, %%rsp; push $0" : : "r"(0x00000dead0000000UL) : "memory");
}

/* ---- nmi: an NMI runs on its IST stack and the interrupted code goes on ---- */

static const char *test_nmi(void)
{
	const char *stack;
	unsigned long before = nmi_received(NULL);

	apic_send_nmi_all();
	for (int i = 0; i < 1000000 && nmi_received(NULL) == before; i++)
		cpu_relax();
	if (nmi_received(&stack) != before + 1)
		return "no NMI arrived";
	if (!stack || strcmp(stack, "IST2 (NMI)"))
		return "the NMI did not run on its IST stack";
	return NULL;
}

/* ---- uaccess: guest copies refuse bad ranges and survive faults ---- */

static const char *test_uaccess(void)
{
	char buf[64];

	/* Unmapped guest address: the fault is caught, nothing is copied. */
	if (copy_from_guest(buf, 0x00000dead0000000UL, sizeof(buf)) != sizeof(buf))
		return "a copy from an unmapped guest address claimed success";
	if (copy_to_guest(0x00000dead0000000UL, buf, sizeof(buf)) != sizeof(buf))
		return "a copy to an unmapped guest address claimed success";
	if (clear_guest(0x00000dead0000000UL, sizeof(buf)) != sizeof(buf))
		return "clearing an unmapped guest address claimed success";
	/* The hypervisor's own range and non-canonical addresses are refused outright. */
	if (copy_from_guest(buf, (unsigned long)&buf, sizeof(buf)) != sizeof(buf))
		return "a copy from the hypervisor's range was allowed";
	if (copy_from_guest(buf, 0x0000800000000000UL - 8, 16) != 16)
		return "a copy across the canonical hole was allowed";
	if (copy_from_guest(buf, 0xFFFF87FFFFFFFFF8UL, 16) != 16)
		return "a copy ending in the hypervisor's range was allowed";
	printk("selftest uaccess: faults on guest addresses caught, bad ranges refused\n");
	return NULL;
}

/* ---- heap: the allocators on the real frame table ---- */

static bool frame_is_zero(unsigned long mfn)
{
	const uint64_t *p = __va((paddr_t)mfn << PAGE_SHIFT);

	for (unsigned int i = 0; i < PAGE_SIZE / sizeof(*p); i++)
		if (p[i])
			return false;
	return true;
}

/* A guest's freed frame waits dirty, counted free, until cleared; guests only get zeroes. */
static const char *test_scrub(void)
{
	unsigned long free_before = free_ram_pages(), dirty_before = dirty_ram_pages();
	unsigned long mfn = alloc_frames(0);

	if (mfn == INVALID_MFN)
		return "alloc_frames(0) failed";
	memset(__va((paddr_t)mfn << PAGE_SHIFT), 0x5a, PAGE_SIZE);
	free_guest_frame(mfn);
	if (dirty_ram_pages() != dirty_before + 1 || free_ram_pages() != free_before)
		return "a dirty frame is not counted as free and to scrub";
	if (frame_table[mfn].count_info != PGC_need_scrub)
		return "a dirty frame is not marked PGC_need_scrub";
	while (scrub_free_frames(SCRUB_BATCH))
		;
	if (dirty_ram_pages() || free_ram_pages() != free_before)
		return "scrubbing left dirty frames or changed the free count";
	if (!frame_is_zero(mfn) || !(frame_table[mfn].count_info & PGC_scrubbed))
		return "a scrubbed frame is not all zeroes and marked clean";

	/*
	 * A frame freed with data and no scrub comes back to a guest cleared. The upper half
	 * of an order-1 block, freed while the lower half is kept, cannot merge: it heads the
	 * order-0 free list, and the next order-0 allocation takes it.
	 */
	unsigned long pair = alloc_frames(1), g = pair + 1;
	if (pair == INVALID_MFN)
		return "alloc_frames(1) failed";
	memset(__va((paddr_t)g << PAGE_SHIFT), 0xa5, PAGE_SIZE);
	free_frames(g, 0);
	unsigned long h = alloc_guest_frames(0, ~0UL);
	if (h != g)
		return "the order-0 allocation did not take the frame just freed";
	if (!frame_is_zero(h) || (frame_table[h].count_info & PGC_scrubbed))
		return "alloc_guest_frames gave a dirtied frame back not zeroed, or still flagged";
	free_frames(h, 0);
	free_frames(pair, 0);
	printk("selftest scrub: frame %#lx freed dirty, cleared, clean; dirtied frame %#lx "
	       "handed to a guest zeroed\n", mfn, h);
	return NULL;
}

static const char *test_heap(void)
{
	static void *ptrs[512];
	unsigned long free_before = free_ram_pages();
	struct heap_stats before = heap_get_stats();

	for (unsigned int i = 0; i < ARRAY_SIZE(ptrs); i++) {
		size_t size = 8 + (i * 37) % 6000;
		ptrs[i] = xmalloc_bytes(size);
		if (!ptrs[i])
			return "xmalloc failed";
		memset(ptrs[i], i & 0xff, size);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(ptrs); i++) {
		size_t size = 8 + (i * 37) % 6000;
		const unsigned char *p = ptrs[i];
		for (size_t k = 0; k < size; k++)
			if (p[k] != (i & 0xff))
				return "heap objects overlap";
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(ptrs); i++)
		xfree(ptrs[i]);

	unsigned long mfns[BUDDY_MAX_ORDER + 1];
	for (unsigned int o = 0; o <= 10; o++) {
		mfns[o] = alloc_frames(o);
		if (mfns[o] == INVALID_MFN || (mfns[o] & ((1UL << o) - 1)))
			return "alloc_frames gave no block or a misaligned one";
		memset(__va((paddr_t)mfns[o] << PAGE_SHIFT), 0xa5, PAGE_SIZE << o);
	}
	for (unsigned int o = 0; o <= 10; o++)
		free_frames(mfns[o], o);
	const char *err = test_scrub();
	if (err)
		return err;

	struct heap_stats after = heap_get_stats();
	printk("selftest heap: %lu free pages before, %lu after; heap %lu allocations live\n",
	       free_before, free_ram_pages(), after.allocations);
	if (after.allocations != before.allocations)
		return "heap allocations leaked";
	/* The heap may keep one empty slab per size class. */
	if (free_ram_pages() + HEAP_CLASSES < free_before || free_ram_pages() > free_before)
		return "free page count not restored";
	return NULL;
}

/* ---- conring: the console ring keeps exactly the last CONRING_BYTES ---- */

#define CONRING_TEST_LINES 1000

static const char *test_conring(void)
{
	static char ring[CONRING_BYTES + 64];
	static char line[128];

	for (unsigned int i = 0; i < CONRING_TEST_LINES; i++)
		printk(LOG_DEBUG "conring line %04u: ........................................"
				 "..........\n", i);

	uint64_t pos = 0, produced = console_ring_produced();
	size_t n = console_ring_read(&pos, ring, sizeof(ring) - 1);
	ring[n] = '\0';
	if (produced < CONRING_BYTES || n != CONRING_BYTES)
		return "the ring does not hold exactly 64 KiB after more than 64 KiB of output";
	if (pos != produced)
		return "reading the ring did not end at the newest byte";

	/* Every complete line in the ring is there, in order, up to the last one. */
	char *p = strchr(ring, '\n');
	unsigned int expect = 0, complete = 0;
	bool first = true;
	while (p && p[1]) {
		char *start = p + 1;
		p = strchr(start, '\n');
		if (!p)
			break;
		const char *num = strchr(start, ' ');
		if (!num || strncmp(num, " conring line ", 14))
			continue; /* a line printed by the test harness itself */
		unsigned int k = 0; /* decimal: the zero-padded number is not octal */
		for (const char *d = num + 14; *d >= '0' && *d <= '9'; d++)
			k = k * 10 + (unsigned int)(*d - '0');
		if (!first && k != expect)
			return "a line is missing or out of order in the ring";
		first = false;
		expect = k + 1;
		complete++;
	}
	int len = lamina_snprintf(line, sizeof(line), "(lamina) conring line %04u: ........"
				  "..........................................\n", 0);
	printk("selftest conring: %lu bytes produced, ring holds %lu; %u complete test lines "
	       "of %d bytes, the last %u\n",
	       (unsigned long)produced, (unsigned long)n, complete, len, expect - 1);
	if (expect != CONRING_TEST_LINES)
		return "the newest line is not the last one printed";
	if ((int)complete < CONRING_BYTES / len - 2)
		return "the ring holds fewer complete lines than 64 KiB allow";
	return NULL;
}

void selftest_run(void)
{
	const char *name = opt_selftest;

	if (!name[0])
		return;
	printk("selftest %s: starting\n", name);
	if (!strcmp(name, "boot"))
		finish(name, NULL);
	if (!strcmp(name, "timer"))
		finish(name, test_timer());
	if (!strcmp(name, "conring"))
		finish(name, test_conring());
	if (!strcmp(name, "heap"))
		finish(name, test_heap());
	if (!strcmp(name, "fault")) {
		selftest_fault();
		finish(name, "the fault did not happen");
	}
	if (!strcmp(name, "doublefault")) {
		selftest_doublefault();
		finish(name, "the double fault did not happen");
	}
	if (!strcmp(name, "uaccess"))
		finish(name, test_uaccess());
	if (!strcmp(name, "nmi"))
		finish(name, test_nmi());
	if (!strcmp(name, "reboot")) {
		printk("selftest reboot: PASS if QEMU resets now\n");
		machine_restart();
	}
	printk(LOG_WARNING "selftest %s: no such self-test\n", name);
}
