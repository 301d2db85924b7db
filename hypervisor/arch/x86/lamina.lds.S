/*
 * lamina.lds.S - link map of the hypervisor image (preprocessed with cpp).
 *
 * One loadable segment, linked at IMAGE_VIRT_BASE + PA and loaded at PA
 * (IMAGE_PHYS_BASE), laid out in the file exactly as in memory so that
 * Multiboot loaders can load it as a flat image (see boot/head.S). The
 * embedded symbol table sits after .data so that its size never moves code.
 */
#include <asm/config.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(start32)

PHDRS
{
	image PT_LOAD FLAGS(7);
}

SECTIONS
{
	. = IMAGE_VIRT_BASE + IMAGE_PHYS_BASE;
	_start = .;

	.text : AT(ADDR(.text) - IMAGE_VIRT_BASE) {
		_stext = .;
		*(.text.head)
		*(.text.boot)
		*(.text.hot)
		*(.text .text.*)
		_etext = .;
	} :image

	. = ALIGN(4096);
	__rodata_start = .;
	.rodata : AT(ADDR(.rodata) - IMAGE_VIRT_BASE) {
		*(.rodata .rodata.*)
		. = ALIGN(8);
		__param_start = .;
		KEEP(*(.data.param))
		__param_end = .;
		. = ALIGN(4);
		__note_gnu_build_id_start = .;
		KEEP(*(.note.gnu.build-id))
		__note_gnu_build_id_end = .;
		. = ALIGN(8);
		__extable_start = .;
		KEEP(*(.extable))
		__extable_end = .;
		. = ALIGN(4096);
		__rodata_end = .;
	} :image

	.data : AT(ADDR(.data) - IMAGE_VIRT_BASE) {
		. = ALIGN(4096);
		*(.data.page_aligned)
		*(.data .data.*)
		*(.got .got.plt)
	} :image

	.symbols : AT(ADDR(.symbols) - IMAGE_VIRT_BASE) {
		. = ALIGN(8);
		*(.symbols)
	} :image

	. = ALIGN(4096);
	_edata = .;

	.bss : AT(ADDR(.bss) - IMAGE_VIRT_BASE) {
		__bss_start = .;
		*(.bss.stack_aligned)
		*(.bss.page_aligned)
		*(.bss .bss.* COMMON)
		. = ALIGN(4096);
		__bss_end = .;
	} :image
	_end = .;

	/DISCARD/ : {
		*(.note.*) *(.comment) *(.eh_frame) *(.eh_frame_hdr)
	}
}
