/*
 * lamina/perfc.h - performance counters: how often the hypervisor did each
 * costly thing (hypercalls by number, guest exceptions by vector, CR3 loads,
 * full TLB flushes, emulated page-table writes, ...). For finding where a
 * benchmark's time goes. Built only with `make PERFC=1` (CONFIG_PERFC), as
 * Xen's perfc: under TCG even one more data page on the guest entry path
 * costs a page walk after every CR3 load. Then the `perfc` command-line
 * option prints them when dom0 shuts down.
 */
#ifndef LAMINA_PERFC_H
#define LAMINA_PERFC_H

#include <lamina/types.h>

/* The single counters; PERFC_NAMES in common/perfc.c gives their printed names. */
enum perfc_counter {
	PERFC_guest_entries,	/* entries from the guest: interrupts, exceptions, calls */
	PERFC_exit_sysret,	/* returns to the guest by SYSRET */
	PERFC_bounces,		/* frames written on a guest stack (exceptions, events, syscalls) */
	PERFC_event_upcalls,	/* event-channel upcalls entered */
	PERFC_cr3_loads,	/* guest page-table base loads (mode switches, new_baseptr) */
	PERFC_tlb_flushes,	/* full local TLB flushes */
	PERFC_ptwr_emulations,	/* guest writes into its read-only page tables, emulated */
	PERFC_priv_emulations,	/* privileged instructions emulated (#GP) */
	PERFC_mmu_update_entries, /* entries processed by mmu_update */
	PERFC_table_validations,  /* page tables validated (a type of L1-L4 taken) */
	PERFC_NR
};

/* Counter arrays indexed by number. */
#define PERFC_HYPERCALLS 64
#define PERFC_VECTORS 32

struct perfc {
	uint64_t single[PERFC_NR];
	uint64_t hypercalls[PERFC_HYPERCALLS]; /* by hypercall number (iret included) */
	uint64_t exceptions[PERFC_VECTORS];	/* guest exceptions by vector */
};

#ifdef CONFIG_PERFC
extern struct perfc perfc;

/* perfc_incr - count one event of counter c. */
#define perfc_incr(c) (perfc.single[PERFC_##c]++)
/* perfc_incra - count one event in array a (hypercalls, exceptions) at index i, if in range. */
#define perfc_incra(a, i)                                              \
	do {                                                           \
		if ((i) < sizeof(perfc.a) / sizeof(perfc.a[0]))        \
			perfc.a[i]++;                                  \
	} while (0)
/* perfc_print - the counters on the console, when enabled by the `perfc` option. */
void perfc_print(void);
#else
#define perfc_incr(c) ((void)0)
#define perfc_incra(a, i) ((void)0)
static inline void perfc_print(void) {}
#endif

#endif /* LAMINA_PERFC_H */
