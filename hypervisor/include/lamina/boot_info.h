/*
 * lamina/boot_info.h - what the loader told us, in one loader-neutral form.
 * arch/x86/multiboot.c fills it from a Multiboot 1 or 2 information block;
 * strings are copied, so the loader's memory can be reused afterwards.
 */
#ifndef LAMINA_BOOT_INFO_H
#define LAMINA_BOOT_INFO_H

#include <lamina/e820.h>

#define BOOT_CMDLINE_MAX 1024
#define BOOT_MODULES_MAX 16
#define BOOT_MODULE_CMDLINE_MAX 512

struct boot_module {
	paddr_t start; /* bytes, page-aligned */
	paddr_t end; /* exclusive */
	char cmdline[BOOT_MODULE_CMDLINE_MAX];
};

struct boot_info {
	unsigned int multiboot_version; /* 1 or 2 */
	char loader[64];
	char cmdline[BOOT_CMDLINE_MAX]; /* the hypervisor's options, image path removed */
	struct e820_map e820; /* as the loader reported it, sanitized */
	unsigned int nr_modules;
	struct boot_module modules[BOOT_MODULES_MAX];
	bool acpi_rsdp_valid; /* the loader gave a copy of the RSDP (Multiboot 2) */
	uint8_t acpi_rsdp[36]; /* that copy: ACPI 6.4, 5.2.5.3 */
};

extern struct boot_info boot_info;

/* multiboot_parse - fill boot_info from the loader's magic and info block. Panics on a bad magic. */
void multiboot_parse(unsigned long magic, paddr_t info_pa);

#endif /* LAMINA_BOOT_INFO_H */
