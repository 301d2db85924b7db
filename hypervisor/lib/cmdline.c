/*
 * cmdline.c - the command-line option parser (syntax in lamina/param.h).
 * Pure logic: builds hosted for the unit tests (tests/unit/test_cmdline.c).
 */
#include <lamina/errno.h>
#include <lamina/lib.h>
#include <lamina/param.h>

static int parse_bool(const char *v)
{
	static const char *const yes[] = { "1", "yes", "on", "true", "enable" };
	static const char *const no[] = { "0", "no", "off", "false", "disable" };

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++)
		if (!strcmp(v, yes[i]))
			return 1;
	for (size_t i = 0; i < ARRAY_SIZE(no); i++)
		if (!strcmp(v, no[i]))
			return 0;
	return -1;
}

/* apply - set p from value (NULL when the option had no '='). Returns 0 or -EINVAL. */
static int apply(const struct param *p, const char *value, bool negated)
{
	const char *end;

	if (negated) {
		if (p->type != PARAM_BOOL || value)
			return -EINVAL;
		*(bool *)p->var = false;
		return 0;
	}

	switch (p->type) {
	case PARAM_BOOL: {
		int b = value ? parse_bool(value) : 1;
		if (b < 0)
			return -EINVAL;
		*(bool *)p->var = b;
		return 0;
	}
	case PARAM_UINT: {
		if (!value)
			return -EINVAL;
		unsigned long v = parse_ulong(value, &end);
		if (end == value || *end)
			return -EINVAL;
		*(unsigned long *)p->var = v;
		return 0;
	}
	case PARAM_SIZE: {
		if (!value)
			return -EINVAL;
		uint64_t v = parse_size(value, &end);
		if (end == value || *end)
			return -EINVAL;
		*(uint64_t *)p->var = v;
		return 0;
	}
	case PARAM_STRING: {
		if (!value)
			value = "";
		size_t n = strlen(value);
		if (n + 1 > p->len)
			return -EINVAL;
		memcpy(p->var, value, n + 1);
		return 0;
	}
	case PARAM_CUSTOM:
		return p->parse(value ? value : "");
	}
	return -EINVAL;
}

static const struct param *find(const struct param *begin, const struct param *end,
				const char *name, size_t len)
{
	for (const struct param *p = begin; p < end; p++)
		if (strlen(p->name) == len && !strncmp(p->name, name, len))
			return p;
	return NULL;
}

int cmdline_parse(const char *cmdline, const struct param *begin, const struct param *end,
		  param_warn_fn warn)
{
	int problems = 0;
	const char *s = cmdline;

	while (s && *s) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;

		const char *opt = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		size_t opt_len = s - opt;

		const char *eq = opt;
		while (eq < s && *eq != '=')
			eq++;
		size_t name_len = eq - opt;

		char value[PARAM_VALUE_MAX];
		bool has_value = eq < s;
		if (has_value) {
			size_t vlen = s - (eq + 1);
			if (vlen >= sizeof(value)) {
				warn("option '%.*s': value too long, ignored\n", (int)name_len, opt);
				problems++;
				continue;
			}
			memcpy(value, eq + 1, vlen);
			value[vlen] = '\0';
		}

		bool negated = false;
		const struct param *p = find(begin, end, opt, name_len);
		if (!p && name_len > 3 && !strncmp(opt, "no-", 3)) {
			p = find(begin, end, opt + 3, name_len - 3);
			negated = p != NULL;
		}
		if (!p) {
			warn("unknown option '%.*s' ignored\n", (int)opt_len, opt);
			problems++;
			continue;
		}
		if (apply(p, has_value ? value : NULL, negated) < 0) {
			warn("option '%.*s': invalid value, ignored\n", (int)opt_len, opt);
			problems++;
		}
	}
	return problems;
}
