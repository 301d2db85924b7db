/*
 * xs_text.h - xenstore values as text on a terminal, the way Xen's xenstore-read, -write and
 * -ls show and take them (tools/xenstore/xs_lib.c sanitise_value/unsanitise_value, Xen 4.17):
 * printable ASCII stays as it is, a backslash doubles, tab/newline/CR become \t \n \r,
 * bytes below 8 become a backslash and three octal digits, other bytes \x and two hex digits.
 */
#ifndef LIBSTORE_XS_TEXT_H
#define LIBSTORE_XS_TEXT_H

#include <stddef.h>

/*
 * xs_text_escape - @len bytes of @val as text. Returns a malloc'd string (at most 4 bytes per
 * input byte, plus NUL), or NULL when out of memory.
 */
char *xs_text_escape(const char *val, size_t len);

/*
 * xs_text_unescape - the bytes text @in stands for, into @out (room for strlen(@in) + 1 bytes;
 * a NUL is added after them). Unknown escapes stand for the character after the backslash; a
 * lone backslash at the end for itself. Returns the number of bytes.
 */
size_t xs_text_unescape(const char *in, char *out);

#endif /* LIBSTORE_XS_TEXT_H */
