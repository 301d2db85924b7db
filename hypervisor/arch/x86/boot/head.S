/*
 * head.S - the hypervisor's entry from a Multiboot 1 or 2 loader.
 *
 * The loader enters start32 in 32-bit protected mode with paging off
 * (Multiboot 1: EAX = 0x2BADB002, EBX = info; Multiboot 2: EAX = 0x36D76289,
 * EBX = info). We build nothing at run time: boot_l4/l3/l2 below are static
 * tables mapping the first 4 GiB of physical memory with 2 MiB pages at three
 * places (identity, the image map in slot 260, the direct map in slot 262).
 * We enable PAE and long mode, jump to the image map and call
 * start_lamina(magic, info_pa) on the boot stack. The C code replaces these
 * tables with its own once it knows the memory map.
 *
 * Both headers use load addresses (the "a.out kludge" in Multiboot 1, the
 * address and entry tags in Multiboot 2), so loaders take this ELF64 file as
 * a flat image: QEMU's -kernel refuses 64-bit ELF files otherwise.
 */
#include <asm/config.h>

#define PA(sym) ((sym) - IMAGE_VIRT_BASE)

#define MB1_MAGIC 0x1BADB002
#define MB1_FLAGS ((1 << 0) | (1 << 1) | (1 << 16)) /* page-align mods, mem info, addresses */
#define MB2_MAGIC 0xE85250D6
#define MB2_ARCH_I386 0

#define CR0_PE (1 << 0)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define MSR_EFER 0xC0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)
#define PTE_P 0x1
#define PTE_RW 0x2
#define PTE_PSE 0x80

	.section .text.head, "ax"
	.code32

	.align 4
mb1_header:
	.long MB1_MAGIC
	.long MB1_FLAGS
	.long -(MB1_MAGIC + MB1_FLAGS)
	.long PA(mb1_header)      /* header_addr */
	.long PA(_start)          /* load_addr */
	.long PA(_edata)          /* load_end_addr */
	.long PA(_end)            /* bss_end_addr */
	.long PA(start32)         /* entry_addr */

	.align 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* information request: cmdline, loader name, modules, meminfo, mmap */
	.align 8
	.short 1, 0
	.long 4 * 2 + 5 * 4
	.long 1, 2, 3, 4, 6
	/* address tag */
	.align 8
	.short 2, 0
	.long 24
	.long PA(mb2_header)
	.long PA(_start)
	.long PA(_edata)
	.long PA(_end)
	/* entry address tag */
	.align 8
	.short 3, 0
	.long 12
	.long PA(start32)
	/* module alignment tag: page-aligned modules */
	.align 8
	.short 6, 0
	.long 8
	/* end tag */
	.align 8
	.short 0, 0
	.long 8
mb2_header_end:

	.globl start32
start32:
	cli
	cld
	mov	%eax, %edi		/* loader magic: first argument */
	mov	%ebx, %esi		/* info block: second argument */

	/* Zero the BSS (loaders should, we do not rely on it). */
	mov	$PA(__bss_start), %edx
	mov	$PA(_end), %ecx
	sub	%edx, %ecx
	push	%edi
	mov	%edx, %edi
	xor	%eax, %eax
	rep stosb
	pop	%edi

	mov	$PA(boot_stack) + STACK_BYTES, %esp

	/* Long mode is required. */
	mov	$0x80000000, %eax
	cpuid
	cmp	$0x80000001, %eax
	jb	no_long_mode
	mov	$0x80000001, %eax
	cpuid
	bt	$29, %edx
	jnc	no_long_mode
	mov	%edx, %ebp		/* keep the NX bit (20) for EFER below */

	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4
	mov	$PA(boot_l4), %eax
	mov	%eax, %cr3

	mov	$MSR_EFER, %ecx
	rdmsr
	or	$EFER_LME, %eax
	bt	$20, %ebp
	jnc	1f
	or	$EFER_NXE, %eax
1:	wrmsr

	mov	%cr0, %eax
	or	$(CR0_PE | CR0_WP | CR0_PG), %eax
	mov	%eax, %cr0

	lgdt	PA(trampoline_gdt_desc)
	ljmp	$0x08, $PA(start64_low)

no_long_mode:
	/* Say so on COM1, then stop. */
	mov	$PA(no_lm_msg), %esi
1:	lodsb
	test	%al, %al
	jz	2f
	mov	$0x3f8, %dx
	out	%al, %dx
	jmp	1b
2:	hlt
	jmp	2b

	.code64
start64_low:
	movabs	$start64_high, %rax
	jmp	*%rax

	.section .text.boot, "ax"
start64_high:
	/* Now running in the image map; reload the GDT by its virtual address. */
	lgdt	trampoline_gdt_desc64(%rip)
	mov	$0x10, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	xor	%eax, %eax
	mov	%eax, %fs
	mov	%eax, %gs
	lea	boot_stack + STACK_BYTES(%rip), %rsp
	xor	%ebp, %ebp
	mov	%edi, %edi		/* zero-extend magic and info */
	mov	%esi, %esi
	call	start_lamina
	ud2

	.section .rodata.boot, "a"
no_lm_msg:
	.asciz "lamina: this CPU has no long mode (x86-64); cannot boot\r\n"

	.section .data.boot, "aw"
	.align 16
trampoline_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit ring-0 code */
	.quad 0x00cf92000000ffff	/* 0x10: ring-0 data */
trampoline_gdt_end:
	.short 0
trampoline_gdt_desc:
	.short trampoline_gdt_end - trampoline_gdt - 1
	.long PA(trampoline_gdt)
	.short 0
trampoline_gdt_desc64:
	.short trampoline_gdt_end - trampoline_gdt - 1
	.quad trampoline_gdt

	/* Boot page tables: 4 GiB, 2 MiB pages, at slots 0, IMAGE_SLOT, DIRECTMAP_SLOT. */
	.section .data.page_aligned, "aw"
	.align 4096
	.globl boot_l4
boot_l4:
	.quad PA(boot_l3) + (PTE_P | PTE_RW)
	.fill IMAGE_SLOT - 1, 8, 0
	.quad PA(boot_l3) + (PTE_P | PTE_RW)
	.fill DIRECTMAP_SLOT - IMAGE_SLOT - 1, 8, 0
	.quad PA(boot_l3) + (PTE_P | PTE_RW)
	.fill 511 - DIRECTMAP_SLOT, 8, 0
boot_l3:
	.quad PA(boot_l2) + (PTE_P | PTE_RW)
	.quad PA(boot_l2) + 0x1000 + (PTE_P | PTE_RW)
	.quad PA(boot_l2) + 0x2000 + (PTE_P | PTE_RW)
	.quad PA(boot_l2) + 0x3000 + (PTE_P | PTE_RW)
	.fill 508, 8, 0
boot_l2:
	.set i, 0
	.rept 2048
	.quad (i << L2_PAGE_SHIFT) + (PTE_P | PTE_RW | PTE_PSE)
	.set i, i + 1
	.endr

	.section .bss.stack_aligned, "aw", @nobits
	.align PAGE_SIZE
	.globl boot_stack
boot_stack:
	.skip STACK_BYTES
	.section .note.GNU-stack, "", @progbits
