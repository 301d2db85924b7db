/*
 * perfc.c - printing the performance counters (lamina/perfc.h).
 */
#include <lamina/console.h>
#include <lamina/param.h>
#include <lamina/perfc.h>

#ifdef CONFIG_PERFC
struct perfc perfc;

static bool opt_perfc;
boolean_param("perfc", opt_perfc);

static const char *const perfc_names[PERFC_NR] = {
	[PERFC_guest_entries] = "guest entries",
	[PERFC_exit_sysret] = "exits by SYSRET",
	[PERFC_bounces] = "bounce frames",
	[PERFC_event_upcalls] = "event upcalls",
	[PERFC_cr3_loads] = "CR3 loads",
	[PERFC_tlb_flushes] = "full TLB flushes",
	[PERFC_ptwr_emulations] = "page-table writes emulated",
	[PERFC_priv_emulations] = "privileged instructions emulated",
	[PERFC_mmu_update_entries] = "mmu_update entries",
	[PERFC_table_validations] = "page tables validated",
};

void perfc_print(void)
{
	if (!opt_perfc)
		return;
	printk("perfc: performance counters\n");
	for (unsigned int i = 0; i < PERFC_NR; i++)
		printk("perfc: %-34s %lu\n", perfc_names[i], (unsigned long)perfc.single[i]);
	for (unsigned int i = 0; i < PERFC_HYPERCALLS; i++)
		if (perfc.hypercalls[i])
			printk("perfc: hypercall %-24u %lu\n", i, (unsigned long)perfc.hypercalls[i]);
	for (unsigned int i = 0; i < PERFC_VECTORS; i++)
		if (perfc.exceptions[i])
			printk("perfc: exception vector %-17u %lu\n", i,
			       (unsigned long)perfc.exceptions[i]);
}
#endif /* CONFIG_PERFC */
