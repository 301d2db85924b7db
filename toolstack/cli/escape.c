/*
 * escape.c - the escape character of `lamina console` (see cli.h). Pure.
 */
#include <string.h>

#include "cli/cli.h"

size_t cli_escape_scan(const char *buf, size_t len, char escape, bool *detach)
{
	const char *at = memchr(buf, escape, len);

	*detach = at != NULL;
	return at ? (size_t)(at - buf) : len;
}
