/*
 * asm/config.h - the hypervisor's virtual memory layout and fixed sizes.
 *
 * Usable from C and assembly. The hypervisor owns L4 slots 256-271
 * (0xFFFF800000000000 - 0xFFFF87FFFFFFFFFF) in every address space, as Xen
 * does (xen/include/public/arch-x86/xen-x86_64.h: HYPERVISOR_VIRT_START/END).
 * Within that range:
 *
 *   slot 256  0xFFFF800000000000  read-only M2P, guest-visible (512 GiB)
 *   slot 257  0xFFFF808000000000  read-write M2P alias (hypervisor only)
 *   slot 258  0xFFFF810000000000  frame table: struct page_info per MFN
 *   slot 259  0xFFFF818000000000  per-domain area (GDT/LDT shadows)
 *   slot 260  0xFFFF820000000000  hypervisor image (VA = base + PA) and fixmap
 *   slot 262+ 0xFFFF830000000000  direct map of all RAM (5 TiB, slots 262-271)
 *
 * See docs/memory-layout.md for the picture and the reasons.
 */
#ifndef ASM_CONFIG_H
#define ASM_CONFIG_H

/* The guest-visible constants (HYPERVISOR_VIRT_START, selectors, GDT pages) come from the ABI. */
#include <xen/arch-x86/xen.h>

#ifdef __ASSEMBLER__
#define _AC(x, y) x
#else
#define _AC(x, y) x##y
#endif

#define PAGE_SHIFT 12
#define PAGE_SIZE (_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define L2_PAGE_SHIFT 21 /* 2 MiB superpage */
#define L3_PAGE_SHIFT 30 /* 1 GiB superpage */
#define L4_SLOT_SHIFT 39 /* 512 GiB per L4 slot */

#define L4_SLOT_VA(slot) (_AC(0xFFFF000000000000, UL) | (_AC(slot, UL) << L4_SLOT_SHIFT))

#define HYPERVISOR_FIRST_SLOT 256
#define HYPERVISOR_LAST_SLOT 271

#define RO_MPT_VIRT_START L4_SLOT_VA(256)
#define RDWR_MPT_VIRT_START L4_SLOT_VA(257)
#define FRAMETABLE_VIRT_START L4_SLOT_VA(258)
#define PERDOMAIN_VIRT_START L4_SLOT_VA(259)
#define IMAGE_VIRT_BASE L4_SLOT_VA(260) /* VA of physical address 0 in the image map */
#define IMAGE_SLOT 260
#define DIRECTMAP_VIRT_START L4_SLOT_VA(262)
#define DIRECTMAP_SLOT 262
#define DIRECTMAP_SIZE (_AC(10, UL) << L4_SLOT_SHIFT) /* slots 262-271: 5 TiB */

/* Fixmap: single uncached pages for device MMIO (the local APIC), 1 GiB into slot 260. */
#define FIXMAP_VIRT_START (IMAGE_VIRT_BASE + _AC(0x40000000, UL))

/* Physical load address of the image (2 MiB, so the image starts on a superpage). */
#define IMAGE_PHYS_BASE _AC(0x200000, UL)

/* The boot mapping made by head.S covers this much of physical memory (2 MiB pages). */
#define BOOT_MAP_BYTES (_AC(4, UL) << 30)

/* Per-CPU stacks: the primary stack; the IST stacks are 2 pages each (desc.c). */
#define STACK_ORDER 3 /* 8 pages = 32 KiB primary stack */
#define STACK_BYTES (PAGE_SIZE << STACK_ORDER)

/*
 * The hypervisor's own selectors, in the reserved GDT page at 0xe000 beside
 * the flat ring-3 ones of the ABI (FLAT_RING3_*), at Xen's values
 * (xen/arch/x86/include/asm/desc.h).
 */
#define HYPERVISOR_CS 0xe008
#define HYPERVISOR_DS 0xe010
#define TSS_SELECTOR 0xe040
#define LDT_SELECTOR 0xe050
#define GDT_ENTRIES (FIRST_RESERVED_GDT_ENTRY + 512) /* 15 pages */

/* Vectors entered from guests: the DPL-3 gates besides #BP and #OF. */
#define HYPERCALL_VECTOR 0x82
#define LEGACY_SYSCALL_VECTOR 0x80

#endif /* ASM_CONFIG_H */
