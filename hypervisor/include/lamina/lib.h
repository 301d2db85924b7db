/*
 * lamina/lib.h - the hypervisor's small C library: strings, memory, formatting.
 *
 * In the hypervisor these come from lib/string.c; hosted builds (unit tests)
 * use the C library's versions of the string functions. vsnprintf() is always
 * ours (lib/vsnprintf.c) and is unit-tested.
 */
#ifndef LAMINA_LIB_H
#define LAMINA_LIB_H

#include <lamina/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strstr(const char *hay, const char *needle);

/*
 * lamina_vsnprintf - format into buf (at most size bytes, always NUL-terminated
 * when size > 0). Returns the length the full output would have (C99 rule).
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%, flags "-0+ #", width and
 * precision (numbers or *), length modifiers hh h l ll z t. Extensions:
 * %pS prints a hypervisor text address as symbol+0xoff/0xsize (lib/symbols.c).
 */
int lamina_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int lamina_snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * parse_size - parse a size with an optional K/M/G/T suffix (binary units,
 * bytes when none; "B" accepted as bytes). Returns the value in bytes and sets
 * *end past the parsed text. Returns 0 and *end = s when s has no number.
 */
uint64_t parse_size(const char *s, const char **end);

/* parse_ulong - parse a decimal, 0x-hex or 0-octal number; *end as above. */
unsigned long parse_ulong(const char *s, const char **end);

#endif /* LAMINA_LIB_H */
