/*
 * names.c - domain names and ids as the user types them (see cli.h). Pure.
 *
 * xl takes a domain as an id when it is all digits, else as a name, which it looks up by
 * reading every listed domain's /local/domain/<id>/name from xenstore (Xen 4.17's
 * libxl_utils.c). Lamina does the same through the name source in use.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define DOM0_NAME "Domain-0"

static int domid_only_name(void *priv, domid_t domid, char *buf, size_t size)
{
	if (domid != 0)
		return -1;
	snprintf(buf, size, "%s", DOM0_NAME);
	return 0;
}

static long long domid_only_start_time(void *priv, domid_t domid)
{
	return -1;
}

const struct cli_names cli_names_domid_only = {
	.source = "domid-only",
	.name_of = domid_only_name,
	.start_time = domid_only_start_time,
};

static const struct cli_names *names_in_use = &cli_names_domid_only;

void cli_names_use(const struct cli_names *names)
{
	names_in_use = names;
}

const struct cli_names *cli_names(void)
{
	return names_in_use;
}

const char *cli_domain_name(domid_t domid, char *buf, size_t size)
{
	if (names_in_use->name_of(names_in_use->priv, domid, buf, size))
		return NULL;
	return buf;
}

int cli_parse_domid(const char *s, domid_t *domid, bool *range)
{
	unsigned long id = 0;
	const char *p;

	if (range)
		*range = false;
	for (p = s; *p >= '0' && *p <= '9'; p++)
		if (id < DOMID_FIRST_RESERVED)
			id = id * 10 + (unsigned long)(*p - '0');
	if (p == s || *p)
		return -1;
	if (id >= DOMID_FIRST_RESERVED) {
		if (range)
			*range = true;
		return -1;
	}
	*domid = (domid_t)id;
	return 0;
}

int cli_lookup_name(const char *name, const struct xen_domctl_getdomaininfo *infos,
		    unsigned int n, domid_t *domid)
{
	char buf[CLI_NAME_MAX];

	for (unsigned int i = 0; i < n; i++) {
		const char *has = cli_domain_name(infos[i].domain, buf, sizeof(buf));

		if (has && !strcmp(has, name)) {
			*domid = infos[i].domain;
			return 0;
		}
	}
	return -1;
}
