/*
 * xspath.c - console paths, watch tokens and node values in xenstore (see xspath.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "consoled/xspath.h"

#define LOG_NAME_MAX_BYTES 64

/* snprintf into @buf, with -ENAMETOOLONG for a result that does not fit. */
static int fit(int written, size_t size)
{
	return written < 0 || (size_t)written >= size ? -ENAMETOOLONG : 0;
}

int consoled_xs_path(char *buf, size_t size, unsigned int domid, const char *rel)
{
	return fit(snprintf(buf, size, "/local/domain/%u/%s", domid, rel), size);
}

int consoled_watch_token(char *buf, size_t size, unsigned int domid)
{
	return fit(snprintf(buf, size, CONSOLED_TOKEN_DOMAIN "%u", domid), size);
}

/*
 * A decimal number of at most @max: digits only (no sign, space or base prefix), no
 * overflow. Returns 0 with *@out, or -EINVAL.
 */
static int parse_decimal(const char *s, unsigned long long max, unsigned long long *out)
{
	unsigned long long v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned int digit = (unsigned int)(*s - '0');

		if (digit > 9 || v > (max - digit) / 10)
			return -EINVAL;
		v = v * 10 + digit;
	}
	*out = v;
	return 0;
}

enum consoled_token consoled_parse_token(const char *token, domid_t *domid)
{
	const size_t prefix = strlen(CONSOLED_TOKEN_DOMAIN);
	unsigned long long v;

	if (!strcmp(token, CONSOLED_TOKEN_DOMLIST))
		return CONSOLED_TOKEN_IS_DOMLIST;
	if (strncmp(token, CONSOLED_TOKEN_DOMAIN, prefix) ||
	    parse_decimal(token + prefix, DOMID_FIRST_RESERVED - 1, &v))
		return CONSOLED_TOKEN_IS_OTHER;
	*domid = (domid_t)v;
	return CONSOLED_TOKEN_IS_DOMAIN;
}

static size_t parse_limit(const char *s)
{
	unsigned long long v;

	if (!s || parse_decimal(s, UINT64_MAX, &v))
		return CONSOLED_LIMIT_DEFAULT_BYTES;
	if (v < CONSOLED_LIMIT_MIN_BYTES)
		return CONSOLED_LIMIT_MIN_BYTES;
	return v > CONSOLED_LIMIT_MAX_BYTES ? CONSOLED_LIMIT_MAX_BYTES : (size_t)v;
}

int consoled_xs_parse(const char *ring_ref, const char *port, const char *type, const char *limit,
		      struct consoled_xs_console *out)
{
	unsigned long long ref, p;

	if (!ring_ref || !port)
		return -ENOENT;
	if (parse_decimal(ring_ref, UINT64_MAX >> 12, &ref) ||
	    parse_decimal(port, UINT32_MAX, &p) || p == 0)
		return -EINVAL;
	if (type && strcmp(type, CONSOLED_TYPE))
		return -EOPNOTSUPP;
	out->ring_ref = (unsigned long)ref;
	out->port = (evtchn_port_t)p;
	out->limit = parse_limit(limit);
	return 0;
}

static bool usable_file_name(const char *name)
{
	size_t n;

	if (!name || name[0] == '.')
		return false;
	n = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+");
	return n > 0 && n <= LOG_NAME_MAX_BYTES && !name[n];
}

int consoled_log_path(char *buf, size_t size, const char *dir, const char *name, unsigned int domid)
{
	if (usable_file_name(name))
		return fit(snprintf(buf, size, "%s/%s.log", dir, name), size);
	return fit(snprintf(buf, size, "%s/%u.log", dir, domid), size);
}
