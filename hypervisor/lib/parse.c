/*
 * parse.c - number and size parsing for the command line and configs.
 * Pure logic: builds hosted for the unit tests.
 */
#include <lamina/lib.h>

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

unsigned long parse_ulong(const char *s, const char **end)
{
	unsigned base = 10;
	const char *p = s;
	unsigned long v = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
		base = 16;
		p += 2;
	} else if (p[0] == '0' && digit_value(p[1]) < 8) {
		base = 8;
		p++;
	}
	const char *digits = p;
	while (digit_value(*p) < (int)base)
		v = v * base + digit_value(*p++);
	if (end)
		*end = (p == digits) ? s : p;
	return (p == digits) ? 0 : v;
}

uint64_t parse_size(const char *s, const char **end)
{
	const char *p;
	uint64_t v = parse_ulong(s, &p);

	if (p == s) {
		if (end)
			*end = s;
		return 0;
	}
	switch (*p) {
	case 'T':
	case 't':
		v <<= 10;
		/* fall through */
	case 'G':
	case 'g':
		v <<= 10;
		/* fall through */
	case 'M':
	case 'm':
		v <<= 10;
		/* fall through */
	case 'K':
	case 'k':
		v <<= 10;
		/* fall through */
	case 'B':
	case 'b':
		p++;
		break;
	default:
		break;
	}
	if (end)
		*end = p;
	return v;
}
