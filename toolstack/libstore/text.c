/*
 * text.c - escaping of values for the terminal (rules in xs_text.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libstore/xs_text.h"

#define XS_TEXT_MAX_PER_BYTE 4 /* "\xNN" */

char *xs_text_escape(const char *val, size_t len)
{
	char *out = malloc(len * XS_TEXT_MAX_PER_BYTE + 1), *o = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)val[i];

		if (c >= ' ' && c <= '~' && c != '\\')
			*o++ = (char)c;
		else if (c == '\t' || c == '\n' || c == '\r' || c == '\\')
			o += sprintf(o, "\\%c",
				     c == '\t'	 ? 't'
				     : c == '\n' ? 'n'
				     : c == '\r' ? 'r'
						 : '\\');
		else if (c < 010)
			o += sprintf(o, "\\%03o", c);
		else
			o += sprintf(o, "\\x%02x", c);
	}
	*o = 0;
	return out;
}

/* The number of up to @max digits of @base at *@in; advances *@in past them. */
static unsigned int read_number(const char **in, int base, size_t max)
{
	char digits[4] = {0}, *end;
	unsigned long v;

	memcpy(digits, *in, strnlen(*in, max));
	v = strtoul(digits, &end, base); /* what sscanf("%2x") / ("%3o") read, as Xen */
	*in += end - digits;
	return (unsigned int)v;
}

size_t xs_text_unescape(const char *in, char *out)
{
	char *o = out;

	while (*in) {
		char c = *in++;

		if (c != '\\' || !*in) {
			*o++ = c;
			continue;
		}
		c = *in++;
		switch (c) {
		case 't':
			*o++ = '\t';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 'x':
			*o++ = (char)read_number(&in, 16, 2);
			break;
		case '0' ... '7':
			in--;
			*o++ = (char)read_number(&in, 8, 3);
			break;
		default:
			*o++ = c;
		}
	}
	*o = 0;
	return (size_t)(o - out);
}
