/*
 * lamina/symbols.h - the hypervisor's own text symbols, embedded at build time
 * (scripts/gen-symbols turns `nm` output into build/hypervisor/symbols.c) so a
 * crash can print a symbolized backtrace.
 */
#ifndef LAMINA_SYMBOLS_H
#define LAMINA_SYMBOLS_H

#include <lamina/types.h>

/* One function: [addr, addr + size). Sorted by addr; name is an offset into symbols_names. */
struct symbol {
	uint64_t addr;
	uint32_t size;
	uint32_t name;
};

extern const struct symbol symbols_table[];
extern const unsigned int symbols_count;
extern const char symbols_names[];

/*
 * symbols_lookup - find the function containing addr. Returns its name and sets
 * *offset (bytes from the start) and *size (bytes); NULL when addr is in none.
 */
const char *symbols_lookup(unsigned long addr, unsigned long *offset, unsigned long *size);

/*
 * symbols_format - write "name+0xoff/0xsize" for addr into buf (size bytes), or
 * the bare hex address when no symbol covers it. Returns buf.
 */
char *symbols_format(char *buf, size_t bufsize, unsigned long addr);

#endif /* LAMINA_SYMBOLS_H */
