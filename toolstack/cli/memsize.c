/*
 * memsize.c - memory sizes as `lamina mem-set` takes them (see cli.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "cli/cli.h"

int cli_parse_mem_kib(const char *s, uint64_t *kib)
{
	char *end;
	unsigned int shift_up = 0, shift_down = 0;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	unsigned long long n = strtoull(s, &end, 10);
	if (errno)
		return -1;
	switch (tolower((unsigned char)*end)) {
	case 't':
		shift_up = 30;
		break;
	case 'g':
		shift_up = 20;
		break;
	case '\0':
	case 'm':
		shift_up = 10;
		break;
	case 'k':
		break;
	case 'b':
		shift_down = 10;
		break;
	default:
		return -1;
	}
	if (*end && end[1])
		return -1;
	if (shift_up && n > (UINT64_MAX >> shift_up))
		return -1;
	*kib = (n << shift_up) >> shift_down;
	return 0;
}
