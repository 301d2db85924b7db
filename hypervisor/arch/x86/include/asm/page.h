/* asm/page.h - address conversions and page-table entry bits (x86-64, 4-level). */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#include <asm/config.h>
#include <lamina/types.h>

#define _PAGE_PRESENT (1ULL << 0)
#define _PAGE_RW (1ULL << 1)
#define _PAGE_USER (1ULL << 2)
#define _PAGE_PWT (1ULL << 3)
#define _PAGE_PCD (1ULL << 4)
#define _PAGE_ACCESSED (1ULL << 5)
#define _PAGE_DIRTY (1ULL << 6)
#define _PAGE_PSE (1ULL << 7)
#define _PAGE_GLOBAL (1ULL << 8)
#define _PAGE_NX (1ULL << 63)
#define PTE_ADDR_MASK 0x000FFFFFFFFFF000ULL

#define PAGE_HYPERVISOR_RW (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_HYPERVISOR_UC (PAGE_HYPERVISOR_RW | _PAGE_PCD | _PAGE_PWT)

typedef uint64_t pte_t;

#define l4_index(va) (((va) >> 39) & 511)
#define l3_index(va) (((va) >> 30) & 511)
#define l2_index(va) (((va) >> 21) & 511)
#define l1_index(va) (((va) >> 12) & 511)

/* __va - the direct-map address of physical address pa; __pa the reverse (direct map or image). */
static inline void *__va(paddr_t pa)
{
	return (void *)(DIRECTMAP_VIRT_START + pa);
}

static inline paddr_t __pa(const void *va)
{
	unsigned long v = (unsigned long)va;

	if (v >= DIRECTMAP_VIRT_START)
		return v - DIRECTMAP_VIRT_START;
	return v - IMAGE_VIRT_BASE;
}

#endif /* ASM_PAGE_H */
