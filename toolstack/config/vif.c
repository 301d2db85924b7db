/*
 * vif.c - xl network interface specifications
 * (xl-network-configuration(5), Xen 4.17; xl_parse.c parse_nic_config and
 * tools/libs/util/libxlu_vif.c for the rate).
 *
 * A spec is comma-separated key=value items plus the trusted/untrusted
 * flags; empty items are skipped and white space before an item is
 * dropped, as xl's strtok loop does. Defaults are libxl's: bridge xenbr0,
 * script vif-bridge, MTU 1500, backend dom0, trusted, a generated MAC.
 * Differences, on purpose: an unknown item is an error (xl prints a line
 * and carries on), a MAC must be six hex bytes separated by ':' or '-' with
 * the multicast bit clear, the MTU must lie in 68..65535, and COLO items
 * are refused.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"

#define MIN_MTU 68 /* RFC 791: every IPv4 host must take 68-byte datagrams */
#define MAX_MTU 65535
#define US_PER_SEC 1000000ULL
#define MAC_BYTES 6

static void vif_init(struct cfg_vif *vif, int devid)
{
	memset(vif, 0, sizeof(*vif));
	vif->devid = devid;
	vif->mtu = CFG_DEFAULT_MTU;
	vif->trusted = true;
}

void cfg_vif_free(struct cfg_vif *vif)
{
	free(vif->bridge);
	free(vif->script);
	free(vif->ip);
	free(vif->backend);
	free(vif->vifname);
	free(vif->gatewaydev);
	free(vif->model);
	free(vif->type);
	memset(vif, 0, sizeof(*vif));
}

static int hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* parse_mac - "00:16:3e:74:3d:76" (or with '-'); the multicast bit must be clear. */
static int parse_mac(struct cfg_vif *vif, const char *s, struct cfg_error *err)
{
	const char *p = s;

	for (int i = 0; i < MAC_BYTES; i++) {
		int hi = hex_digit(p[0]), lo = hi < 0 ? -1 : hex_digit(p[1]);
		char sep = i < MAC_BYTES - 1 ? p[2] : '\0';

		if (lo < 0 || (i < MAC_BYTES - 1 && sep != ':' && sep != '-') ||
		    (i == MAC_BYTES - 1 && p[2] != '\0'))
			return cfg_set_msg(
			    err, "mac: expected six hex bytes like 00:16:3e:12:34:56, got \"%s\"",
			    s);
		vif->mac[i] = (uint8_t)(hi << 4 | lo);
		p += 3;
	}
	if (vif->mac[0] & 1)
		return cfg_set_msg(err, "mac: %s is a multicast address", s);
	vif->has_mac = true;
	return 0;
}

/* parse_uint - a decimal number in [min, max] filling the whole string. */
static int parse_uint(const char *s, unsigned long long min, unsigned long long max,
		      unsigned long long *out)
{
	unsigned long long v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (max - (unsigned)(*s - '0')) / 10)
			return -EINVAL;
		v = v * 10 + (unsigned)(*s - '0');
	}
	if (v < min)
		return -EINVAL;
	*out = v;
	return 0;
}

/* rate_bytes_per_sec - "10Mb/s", "250KB/s": digits, optional G/M/K (10^9/6/3), B or b (bits), "/s".
 */
static int rate_bytes_per_sec(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0, scale = 1;
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9') {
		if (v > UINT32_MAX)
			return -EINVAL;
		v = v * 10 + (uint64_t)(s[i++] - '0');
	}
	if (i == 0 || v == 0 || v > UINT32_MAX)
		return -EINVAL;
	if (i < n && (s[i] == 'G' || s[i] == 'M' || s[i] == 'K'))
		scale = s[i++] == 'G' ? 1000000000 : s[i - 1] == 'M' ? 1000000 : 1000;
	if (i + 3 != n || (s[i] != 'B' && s[i] != 'b') || s[i + 1] != '/' || s[i + 2] != 's')
		return -EINVAL;
	v *= scale;
	*out = s[i] == 'b' ? v / 8 : v;
	return 0;
}

/* rate_interval_us - "20ms", "500us", "1s", "2": digits then ms, us, s or nothing (seconds). */
static int rate_interval_us(const char *s, uint32_t *out)
{
	uint64_t v = 0, scale = US_PER_SEC;
	const char *p = s;

	while (*p >= '0' && *p <= '9') {
		if (v > UINT32_MAX)
			return -EINVAL;
		v = v * 10 + (uint64_t)(*p++ - '0');
	}
	if (p == s || v == 0)
		return -EINVAL;
	if (!strcmp(p, "ms") || !strcmp(p, "m"))
		scale = 1000;
	else if (!strcmp(p, "us") || !strcmp(p, "u"))
		scale = 1;
	else if (strcmp(p, "s") && *p)
		return -EINVAL;
	if (v * scale > UINT32_MAX)
		return -EINVAL;
	*out = (uint32_t)(v * scale);
	return 0;
}

/* parse_rate - RATE[@INTERVAL]: credit of RATE x INTERVAL bytes every INTERVAL (default 50 ms). */
static int parse_rate(struct cfg_vif *vif, const char *s, struct cfg_error *err)
{
	const char *at = strchr(s, '@');
	size_t n = at ? (size_t)(at - s) : strlen(s);
	uint32_t interval = CFG_DEFAULT_RATE_INTERVAL_US;
	uint64_t bps;

	if (rate_bytes_per_sec(s, n, &bps))
		return cfg_set_msg(err, "rate: expected RATE/s like 10Mb/s or 250KB/s, got \"%s\"",
				   s);
	if (at && rate_interval_us(at + 1, &interval))
		return cfg_set_msg(
		    err, "rate: expected an interval like 20ms after '@', got \"%s\"", at + 1);
	vif->rate_interval_us = interval;
	vif->rate_bytes_per_interval = bps * interval / US_PER_SEC;
	return 0;
}

static int vif_number(const char *key, const char *v, unsigned long long min,
		      unsigned long long max, unsigned long long *out, struct cfg_error *err)
{
	if (parse_uint(v, min, max, out))
		return cfg_set_msg(err, "%s: expected a number in %llu..%llu, got \"%s\"", key, min,
				   max, v);
	return 0;
}

/* String-valued items and where they go. */
static char **vif_string_field(struct cfg_vif *vif, const char *key)
{
	if (!strcmp(key, "bridge"))
		return &vif->bridge;
	if (!strcmp(key, "script"))
		return &vif->script;
	if (!strcmp(key, "ip"))
		return &vif->ip;
	if (!strcmp(key, "backend"))
		return &vif->backend;
	if (!strcmp(key, "vifname"))
		return &vif->vifname;
	if (!strcmp(key, "gatewaydev") || !strcmp(key, "netdev"))
		return &vif->gatewaydev;
	if (!strcmp(key, "model"))
		return &vif->model;
	return NULL;
}

/* vif_param - one key=value item (v NULL: a bare flag). */
static int vif_param(struct cfg_vif *vif, const char *key, const char *v, struct cfg_error *err)
{
	unsigned long long n;
	char **field;

	if (!v) {
		if (strcmp(key, "trusted") && strcmp(key, "untrusted"))
			return cfg_set_msg(err, "unknown item \"%s\"", key);
		vif->trusted = !strcmp(key, "trusted");
		return 0;
	}
	field = vif_string_field(vif, key);
	if (field)
		return cfg_replace(field, v, strlen(v));
	if (!strcmp(key, "mac"))
		return parse_mac(vif, v, err);
	if (!strcmp(key, "rate"))
		return parse_rate(vif, v, err);
	if (!strcmp(key, "type")) {
		if (strcmp(v, "vif") && strcmp(v, "ioemu"))
			return cfg_set_msg(err, "type: expected vif or ioemu, got \"%s\"", v);
		return cfg_replace(&vif->type, v, strlen(v));
	}
	if (!strcmp(key, "mtu")) {
		if (vif_number(key, v, MIN_MTU, MAX_MTU, &n, err))
			return -EINVAL;
		vif->mtu = (unsigned int)n;
		return 0;
	}
	if (!strcmp(key, "devid")) {
		if (vif_number(key, v, 0, INT32_MAX, &n, err))
			return -EINVAL;
		vif->devid = (int)n;
		return 0;
	}
	if (!strncmp(key, "colo_", 5))
		return cfg_set_msg(err, "COLO replication is not supported by Lamina");
	if (!strcmp(key, "accel"))
		return cfg_set_msg(err, "accel is not supported (as in xl)");
	return cfg_set_msg(err, "unknown item \"%s\"", key);
}

/* vif_item - one item s[0, n): key=value or a flag. */
static int vif_item(struct cfg_vif *vif, const char *s, size_t n, struct cfg_error *err)
{
	char *item = strndup(s, n);
	int rc;

	if (!item)
		return -ENOMEM;
	char *eq = strchr(item, '=');
	if (eq)
		*eq++ = '\0';
	rc = vif_param(vif, item, eq, err);
	free(item);
	return rc;
}

static int vif_defaults(struct cfg_vif *vif)
{
	if (!vif->bridge &&
	    cfg_replace(&vif->bridge, CFG_DEFAULT_BRIDGE, strlen(CFG_DEFAULT_BRIDGE)))
		return -ENOMEM;
	if (!vif->script &&
	    cfg_replace(&vif->script, CFG_DEFAULT_VIF_SCRIPT, strlen(CFG_DEFAULT_VIF_SCRIPT)))
		return -ENOMEM;
	return 0;
}

int cfg_parse_vif(const char *spec, int devid, struct cfg_vif *vif, struct cfg_error *err)
{
	const char *s = spec;
	int rc = 0;

	vif_init(vif, devid);
	err->msg[0] = '\0';
	while (*s && !rc) {
		s += strspn(s, ",");
		s += strspn(s, " ");
		size_t n = strcspn(s, ",");
		if (n)
			rc = vif_item(vif, s, n, err);
		s += n;
	}
	if (!rc)
		rc = vif_defaults(vif);
	if (rc)
		cfg_vif_free(vif);
	return rc;
}

/* vif_member - one member of a JSON vif object: strings, numbers for mtu/devid, trusted as a
 * boolean. */
static int vif_member(struct cfg_vif *vif, const char *key, const struct cfg_value *v,
		      struct cfg_error *err)
{
	char num[24], got[64];

	if (v->type == CFG_V_BOOL && !strcmp(key, "trusted"))
		return vif_param(vif, v->b ? "trusted" : "untrusted", NULL, err);
	if (v->type == CFG_V_INT && (!strcmp(key, "mtu") || !strcmp(key, "devid"))) {
		snprintf(num, sizeof(num), "%lld", v->i);
		return vif_param(vif, key, num, err);
	}
	if (v->type == CFG_V_ATOM)
		return vif_param(vif, key, v->text, err);
	cfg_describe(v, got, sizeof(got));
	return cfg_set_msg(err, "%s: expected a string, got %s", key, got);
}

int cfg_vif_from_object(const struct cfg_value *obj, int devid, struct cfg_vif *vif,
			struct cfg_error *err)
{
	int rc = 0;

	vif_init(vif, devid);
	err->msg[0] = '\0';
	for (size_t i = 0; i < obj->n && !rc; i++)
		rc = vif_member(vif, obj->keys[i], &obj->items[i], err);
	if (!rc)
		rc = vif_defaults(vif);
	if (rc)
		cfg_vif_free(vif);
	return rc;
}
