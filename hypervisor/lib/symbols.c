/*
 * symbols.c - address to name lookup in the embedded symbol table.
 * Pure logic: builds hosted for the unit tests (with a table of their own).
 */
#include <lamina/lib.h>
#include <lamina/symbols.h>

const char *symbols_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	unsigned int lo = 0, hi = symbols_count;

	/* Find the last symbol whose address is <= addr. */
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		if (symbols_table[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;

	const struct symbol *s = &symbols_table[lo - 1];
	unsigned long sz = s->size;

	/* Symbols without a size (assembly labels) extend to the next symbol. */
	if (sz == 0 && lo < symbols_count)
		sz = symbols_table[lo].addr - s->addr;
	if (addr - s->addr >= sz)
		return NULL;
	if (offset)
		*offset = addr - s->addr;
	if (size)
		*size = sz;
	return &symbols_names[s->name];
}

char *symbols_format(char *buf, size_t bufsize, unsigned long addr)
{
	unsigned long off, size;
	const char *name = symbols_lookup(addr, &off, &size);

	if (name)
		lamina_snprintf(buf, bufsize, "%s+%#lx/%#lx", name, off, size);
	else
		lamina_snprintf(buf, bufsize, "%#lx", addr);
	return buf;
}
