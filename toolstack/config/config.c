/*
 * config.c - the meaning of every configuration key, shared by the JSON and
 * xl.cfg syntaxes (see config/config.h for the rules and defaults).
 *
 * One table names each key with its handler; handlers check the value's
 * type and range and store it. After the last key, cfg_finish applies xl's
 * defaults and the checks that involve several keys.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/internal.h"

#define DESCRIBE_MAX 48 /* bytes of a quoted value shown in a message */

static const char *const action_names[] = {
    [CFG_ACTION_DESTROY] = "destroy",
    [CFG_ACTION_RESTART] = "restart",
    [CFG_ACTION_RENAME_RESTART] = "rename-restart",
    [CFG_ACTION_PRESERVE] = "preserve",
    [CFG_ACTION_COREDUMP_DESTROY] = "coredump-destroy",
    [CFG_ACTION_COREDUMP_RESTART] = "coredump-restart",
    [CFG_ACTION_SOFT_RESET] = "soft-reset",
};

const char *cfg_action_name(enum cfg_action action)
{
	if ((size_t)action >= sizeof(action_names) / sizeof(action_names[0]))
		return "?";
	return action_names[action];
}

/* ---- messages ---- */

int cfg_set_msg(struct cfg_error *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static void vformat_where(struct cfg_ctx *c, char *buf, size_t len, unsigned int line,
			  const char *key, const char *fmt, va_list ap)
{
	int n;

	if (line)
		n = snprintf(buf, len, "%s:%u: ", c->file, line);
	else
		n = snprintf(buf, len, "%s: ", c->file);
	if (key && n >= 0 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, "%s: ", key);
	if (n >= 0 && (size_t)n < len)
		vsnprintf(buf + n, len - (size_t)n, fmt, ap);
}

int cfg_fail(struct cfg_ctx *c, unsigned int line, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat_where(c, c->err->msg, sizeof(c->err->msg), line, key, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int cfg_warn(struct cfg_ctx *c, unsigned int line, const char *key, const char *fmt, ...)
{
	struct domain_config *cfg = c->cfg;
	char buf[CFG_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vformat_where(c, buf, sizeof(buf), line, key, fmt, ap);
	va_end(ap);
	char **w = realloc(cfg->warnings, (cfg->nr_warnings + 1) * sizeof(*w));
	if (!w)
		return -ENOMEM;
	cfg->warnings = w;
	w[cfg->nr_warnings] = strdup(buf);
	if (!w[cfg->nr_warnings])
		return -ENOMEM;
	cfg->nr_warnings++;
	return 0;
}

void cfg_describe(const struct cfg_value *v, char *buf, size_t len)
{
	switch (v->type) {
	case CFG_V_ATOM:
		if (!v->quoted)
			snprintf(buf, len, "%.*s", DESCRIBE_MAX, v->text);
		else if (strlen(v->text) > DESCRIBE_MAX)
			snprintf(buf, len, "\"%.*s...\"", DESCRIBE_MAX, v->text);
		else
			snprintf(buf, len, "\"%s\"", v->text);
		break;
	case CFG_V_INT:
		snprintf(buf, len, "%lld", v->i);
		break;
	case CFG_V_FLOAT:
		snprintf(buf, len, "%.*s", DESCRIBE_MAX, v->text);
		break;
	case CFG_V_BOOL:
		snprintf(buf, len, "%s", v->b ? "true" : "false");
		break;
	case CFG_V_NULL:
		snprintf(buf, len, "null");
		break;
	case CFG_V_LIST:
		snprintf(buf, len, "a list");
		break;
	case CFG_V_OBJECT:
		snprintf(buf, len, "an object");
		break;
	}
}

void cfg_value_free(struct cfg_value *v)
{
	for (size_t i = 0; i < v->n; i++) {
		cfg_value_free(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->text);
	memset(v, 0, sizeof(*v));
}

int cfg_replace(char **dst, const char *src, size_t n)
{
	char *s = strndup(src, n);

	if (!s)
		return -ENOMEM;
	free(*dst);
	*dst = s;
	return 0;
}

/* ---- typed values ---- */

/* expected - the type error for key: "expected WHAT, got VALUE". */
static int expected(struct cfg_ctx *c, const char *key, const struct cfg_value *v, const char *what)
{
	char got[DESCRIBE_MAX + 8];

	cfg_describe(v, got, sizeof(got));
	return cfg_fail(c, v->line, key, "expected %s, got %s", what, got);
}

/*
 * get_string - a string value, or NULL with the error set; an unquoted
 * xl.cfg number is taken as its text, as xl does.
 */
static const char *get_string(struct cfg_ctx *c, const char *key, const struct cfg_value *v)
{
	if (v->type != CFG_V_ATOM) {
		expected(c, key, v, "a string");
		return NULL;
	}
	return v->text;
}

/* parse_integer - the whole of s as a C integer (decimal, 0x hex, 0 octal), as xl's strtol(s, 0).
 */
static bool parse_integer(const char *s, long long *out)
{
	char *end;

	if (!*s)
		return false;
	errno = 0;
	*out = strtoll(s, &end, 0);
	return !errno && !*end;
}

/*
 * get_int - an integer in [min, max]: a JSON integer, or in xl.cfg a number
 * or a quoted number (xl reads both). what says the unit in messages.
 */
static int get_int(struct cfg_ctx *c, const char *key, const struct cfg_value *v, const char *what,
		   long long min, long long max, long long *out)
{
	char exp[64];

	snprintf(exp, sizeof(exp), "an integer (%s)", what);
	if (v->type == CFG_V_INT)
		*out = v->i;
	else if (c->syntax != CFG_SYNTAX_XL || v->type != CFG_V_ATOM ||
		 !parse_integer(v->text, out))
		return expected(c, key, v, exp);
	if (*out < min || *out > max)
		return cfg_fail(c, v->line, key, "%lld is out of range (%s, %lld to %lld)", *out,
				what, min, max);
	return 0;
}

/* ---- key handlers ---- */

struct key {
	const char *name;
	int (*apply)(struct cfg_ctx *c, const char *key, const struct cfg_value *v);
};

static bool name_char_ok(unsigned char ch)
{
	return ch > ' ' && ch < 0x7f && ch != '/' && ch != '\\' && ch != '"' && ch != '\'';
}

static int apply_name(struct cfg_ctx *c, const char *key, const struct cfg_value *v)
{
	const char *s = get_string(c, key, v);
	bool digits = true;
	size_t n;

	if (!s)
		return -EINVAL;
	n = strlen(s);
	if (n == 0 || n > CFG_NAME_MAX)
		return cfg_fail(c, v->line, key, "expected 1 to %d characters, got %zu",
				CFG_NAME_MAX, n);
	for (size_t i = 0; i < n; i++) {
		if (!name_char_ok((unsigned char)s[i]))
			return cfg_fail(c, v->line, key,
					"\"%s\": no spaces, quotes, slashes or control characters",
					s);
		digits = digits && s[i] >= '0' && s[i] <= '9';
	}
	if (digits)
		return cfg_fail(c, v->line, key, "\"%s\" would read as a domain id", s);
	return cfg_replace(&c->cfg->name, s, n);
}

static int apply_type(struct cfg_ctx *c, const char *key, const struct cfg_value *v)
{
	const char *s = get_string(c, key, v);
	/* builder="generic" is the deprecated spelling of type="pv". */
	const char *pv = !strcmp(key, "builder") ? "generic" : "pv";

	if (!s)
		return -EINVAL;
	if (strcmp(s, pv))
		return cfg_fail(c, v->line, key,
				"\"%s\" is not supported: Lamina runs PV guests (%s=\"%s\")", s,
				key, pv);
	return 0;
}

static int hex_nibble(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = (char)(ch | 0x20);
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

static int apply_uuid(struct cfg_ctx *c, const char *key, const struct cfg_value *v)
{
	const char *p = get_string(c, key, v);
	uint8_t *u = c->cfg->uuid;

	if (!p)
		return -EINVAL;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10) {
			if (*p++ != '-')
				goto bad;
		}
		int hi = hex_nibble(p[0]), lo = hi < 0 ? -1 : hex_nibble(p[1]);
		if (lo < 0)
			goto bad;
		u[i] = (uint8_t)(hi << 4 | lo);
		p += 2;
	}
	if (*p)
		goto bad;
	c->cfg->has_uuid = true;
	return 0;
bad:
	return expected(c, key, v, "a UUID like 01234567-89ab-cdef-0123-456789abcdef");
}

static int apply_memory(struct cfg_ctx *c, const char *key, const struct cfg_value *v)
{
	long long mib;
	bool is_max = !strcmp(key, "maxmem");

	if (get_int(c, key, v, "MiB", 1, CFG_MAX_MEMORY_MIB, &mib))
		return -EINVAL;
	if (is_max) {
		c->cfg->maxmem_mib = (uint64_t)mib;
		c->have_maxmem = true;
	} else {
		c->cfg->memory_mib = (uint64_t)mib;
		c->have_memory = true;
	}
	return 0;
}

static int apply_vcpus(struct cfg_ctx *c, const char *key, const struct cfg_value *v)
{
	long long n;

	if (get_int(c, key, v, "vCPUs", 1, CFG_MAX_VCPUS, &n))
		return -EINVAL;
	if (!strcmp(key, "maxvcpus")) {
		c->cfg->maxvcpus = (unsigned int)n;
		c->have_maxvcpus = true;
	} else {
		c->cfg->vcpus = (unsigned int)n;
	}
	return 0;
}

/* String keys stored as they are. */
static char **string_field(struct cfg_ctx *c, const char *key)
{
	if (!strcmp(key, "kernel"))
		return &c->cfg->kernel;
	if (!strcmp(key, "ramdisk"))
		return &c->cfg->ramdisk;
	if (!strcmp(key, "cmdline"))
		return &c->cmdline_key;
	if (!strcmp(key, "root"))
		return &c->root;
	if (!strcmp(key, "extra"))
		return &c->extra;
	return NULL;
}

static int apply_string(struct cfg_ctx *c, const char *key, const struct cfg_value *v)
{
	const char *s = get_string(c, key, v);

	if (!s)
		return -EINVAL;
	if ((!strcmp(key, "kernel") || !strcmp(key, "ramdisk")) && !*s)
		return cfg_fail(c, v->line, key, "expected a path, got \"\"");
	if (!strcmp(key, "cmdline"))
		c->cmdline_line = v->line;
	return cfg_replace(string_field(c, key), s, strlen(s));
}

static enum cfg_action *action_field(struct domain_config *cfg, const char *key)
{
	if (!strcmp(key, "on_poweroff"))
		return &cfg->on_poweroff;
	if (!strcmp(key, "on_reboot"))
		return &cfg->on_reboot;
	if (!strcmp(key, "on_watchdog"))
		return &cfg->on_watchdog;
	if (!strcmp(key, "on_crash"))
		return &cfg->on_crash;
	return &cfg->on_soft_reset;
}

static int apply_action(struct cfg_ctx *c, const char *key, const struct cfg_value *v)
{
	const char *s = get_string(c, key, v);

	if (!s)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(action_names) / sizeof(action_names[0]); i++) {
		if (!strcmp(s, action_names[i])) {
			*action_field(c->cfg, key) = (enum cfg_action)i;
			return 0;
		}
	}
	return expected(c, key, v,
			"destroy, restart, rename-restart, preserve, coredump-destroy, "
			"coredump-restart or soft-reset");
}

/*
 * A kind of device list ("disk", "vif"): how to read one item (a spec
 * string or, in JSON, an object), free it, and tell two items that may not
 * share a list apart.
 */
struct device_kind {
	const char *noun; /* "disk", "vif" */
	size_t size;	  /* bytes of one item */
	int (*from_spec)(const char *spec, size_t index, void *dev, struct cfg_error *e);
	int (*from_object)(const struct cfg_value *obj, size_t index, void *dev,
			   struct cfg_error *e);
	void (*free)(void *dev);
	/* clash - a and b may not both be in the list: write why into buf and return true. */
	bool (*clash)(const void *a, const void *b, char *buf, size_t len);
};

static int disk_from_spec(const char *spec, size_t index, void *dev, struct cfg_error *e)
{
	return cfg_parse_disk(spec, dev, e);
}

static int disk_from_object(const struct cfg_value *obj, size_t index, void *dev,
			    struct cfg_error *e)
{
	return cfg_disk_from_object(obj, dev, e);
}

static void disk_free(void *dev)
{
	cfg_disk_free(dev);
}

static bool disk_clash(const void *a, const void *b, char *buf, size_t len)
{
	const struct cfg_disk *x = a, *y = b;

	snprintf(buf, len, "vdev %s", y->vdev);
	return !strcmp(x->vdev, y->vdev);
}

static int vif_from_spec(const char *spec, size_t index, void *dev, struct cfg_error *e)
{
	return cfg_parse_vif(spec, (int)index, dev, e);
}

static int vif_from_object(const struct cfg_value *obj, size_t index, void *dev,
			   struct cfg_error *e)
{
	return cfg_vif_from_object(obj, (int)index, dev, e);
}

static void vif_free(void *dev)
{
	cfg_vif_free(dev);
}

static bool vif_clash(const void *a, const void *b, char *buf, size_t len)
{
	const struct cfg_vif *x = a, *y = b;

	snprintf(buf, len, "devid %d", y->devid);
	return x->devid == y->devid;
}

static const struct device_kind disk_kind = {
    "disk", sizeof(struct cfg_disk), disk_from_spec, disk_from_object, disk_free, disk_clash,
};

static const struct device_kind vif_kind = {
    "vif", sizeof(struct cfg_vif), vif_from_spec, vif_from_object, vif_free, vif_clash,
};

/* device_item - item i of a device list into dev; -EINVAL with the whole message set. */
static int device_item(struct cfg_ctx *c, const char *key, const struct device_kind *k,
		       const struct cfg_value *item, size_t i, void *dev)
{
	char got[DESCRIBE_MAX + 8];
	struct cfg_error e;
	int rc;

	if (item->type == CFG_V_ATOM && item->quoted)
		rc = k->from_spec(item->text, i, dev, &e);
	else if (item->type == CFG_V_OBJECT)
		rc = k->from_object(item, i, dev, &e);
	else
		rc = cfg_set_msg(&e, "expected a %s specification string%s", k->noun,
				 c->syntax == CFG_SYNTAX_JSON ? " or object" : "");
	if (rc != -EINVAL)
		return rc;
	cfg_describe(item, got, sizeof(got));
	return cfg_fail(c, item->line, key, "item %zu (%s): %s", i, got, e.msg);
}

/* free_devices - free n items of kind k at array, and the array. */
static void free_devices(const struct device_kind *k, void *array, size_t n)
{
	for (size_t i = 0; i < n; i++)
		k->free((char *)array + i * k->size);
	free(array);
}

/* apply_devices - a list of devices of kind k replaces *array (*count items). */
static int apply_devices(struct cfg_ctx *c, const char *key, const struct cfg_value *v,
			 const struct device_kind *k, void **array, size_t *count)
{
	char what[80], exp[64];

	snprintf(exp, sizeof(exp), "a list of %s specifications", k->noun);
	if (v->type != CFG_V_LIST)
		return expected(c, key, v, exp);
	free_devices(k, *array, *count);
	*count = 0;
	*array = calloc(v->n ? v->n : 1, k->size);
	if (!*array)
		return -ENOMEM;
	for (size_t i = 0; i < v->n; i++) {
		char *dev = (char *)*array + i * k->size;
		int rc = device_item(c, key, k, &v->items[i], i, dev);
		if (rc)
			return rc;
		(*count)++;
		for (size_t j = 0; j < i; j++)
			if (k->clash((char *)*array + j * k->size, dev, what, sizeof(what)))
				return cfg_fail(c, v->items[i].line, key,
						"item %zu: %s is already item %zu's", i, what, j);
	}
	return 0;
}

static int apply_disks(struct cfg_ctx *c, const char *key, const struct cfg_value *v)
{
	return apply_devices(c, key, v, &disk_kind, (void **)&c->cfg->disks, &c->cfg->nr_disks);
}

static int apply_vifs(struct cfg_ctx *c, const char *key, const struct cfg_value *v)
{
	return apply_devices(c, key, v, &vif_kind, (void **)&c->cfg->vifs, &c->cfg->nr_vifs);
}

static const struct key keys[] = {
    {"name", apply_name},	   {"type", apply_type},	  {"builder", apply_type},
    {"uuid", apply_uuid},	   {"memory", apply_memory},	  {"maxmem", apply_memory},
    {"vcpus", apply_vcpus},	   {"maxvcpus", apply_vcpus},	  {"kernel", apply_string},
    {"ramdisk", apply_string},	   {"cmdline", apply_string},	  {"root", apply_string},
    {"extra", apply_string},	   {"on_poweroff", apply_action}, {"on_reboot", apply_action},
    {"on_watchdog", apply_action}, {"on_crash", apply_action},	  {"on_soft_reset", apply_action},
    {"disk", apply_disks},	   {"vif", apply_vifs},
};

int cfg_apply(struct cfg_ctx *c, const char *key, const struct cfg_value *v)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(key, keys[i].name))
			return keys[i].apply(c, key, v);
	if (c->syntax == CFG_SYNTAX_XL)
		return cfg_warn(c, v->line, key, "ignored (not used by Lamina)");
	return cfg_fail(c, v->line, key,
			"unknown key (known: name, type, uuid, memory, maxmem, vcpus, maxvcpus, "
			"kernel, ramdisk, cmdline, root, extra, on_poweroff, on_reboot, "
			"on_watchdog, on_crash, on_soft_reset, disk, vif)");
}

/* ---- after the last key ---- */

/* combine_cmdline - xl's rule (xl_parse.c parse_cmdline): cmdline wins; else "root=R E". */
static int combine_cmdline(struct cfg_ctx *c)
{
	struct domain_config *cfg = c->cfg;
	char *s = NULL;

	if (c->cmdline_key) {
		if ((c->root || c->extra) &&
		    cfg_warn(c, c->cmdline_line, "cmdline",
			     "root and extra ignored in favour of cmdline"))
			return -ENOMEM;
		s = c->cmdline_key;
		c->cmdline_key = NULL;
	} else if (c->root) {
		if (asprintf(&s, "root=%s%s%s", c->root, c->extra ? " " : "",
			     c->extra ? c->extra : "") < 0)
			return -ENOMEM;
	} else if (c->extra) {
		s = c->extra;
		c->extra = NULL;
	}
	cfg->cmdline = s;
	if (s && strlen(s) > CFG_CMDLINE_MAX)
		return cfg_fail(c, c->cmdline_line, "cmdline",
				"%zu bytes is longer than the %d start_info holds", strlen(s),
				CFG_CMDLINE_MAX);
	return 0;
}

/* finish_memory - libxl's defaults: memory = maxmem = 32 MiB, or each the other. */
static int finish_memory(struct cfg_ctx *c)
{
	struct domain_config *cfg = c->cfg;

	if (!c->have_memory && !c->have_maxmem)
		cfg->memory_mib = cfg->maxmem_mib = CFG_DEFAULT_MEMORY_MIB;
	else if (!c->have_maxmem)
		cfg->maxmem_mib = cfg->memory_mib;
	else if (!c->have_memory)
		cfg->memory_mib = cfg->maxmem_mib;
	if (cfg->maxmem_mib < cfg->memory_mib)
		return cfg_fail(
		    c, 0, "maxmem",
		    "%llu MiB is less than memory (%llu MiB); maxmem must be at least memory",
		    (unsigned long long)cfg->maxmem_mib, (unsigned long long)cfg->memory_mib);
	return 0;
}

static int cfg_finish(struct cfg_ctx *c)
{
	struct domain_config *cfg = c->cfg;

	if (!cfg->name)
		return cfg_fail(c, 0, "name", "missing (every domain needs a name)");
	if (!cfg->kernel)
		return cfg_fail(
		    c, 0, "kernel",
		    "missing (Lamina boots PV kernels directly; there is no bootloader)");
	if (!c->have_maxvcpus)
		cfg->maxvcpus = cfg->vcpus;
	if (cfg->maxvcpus < cfg->vcpus)
		return cfg_fail(c, 0, "maxvcpus", "%u is less than vcpus (%u)", cfg->maxvcpus,
				cfg->vcpus);
	if (finish_memory(c))
		return -EINVAL;
	return combine_cmdline(c);
}

static void init_defaults(struct domain_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->vcpus = 1;
	cfg->on_poweroff = CFG_ACTION_DESTROY;
	cfg->on_reboot = CFG_ACTION_RESTART;
	cfg->on_watchdog = CFG_ACTION_DESTROY;
	cfg->on_crash = CFG_ACTION_DESTROY;
	cfg->on_soft_reset = CFG_ACTION_SOFT_RESET;
}

void cfg_free(struct domain_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->name);
	free(cfg->kernel);
	free(cfg->ramdisk);
	free(cfg->cmdline);
	free_devices(&disk_kind, cfg->disks, cfg->nr_disks);
	free_devices(&vif_kind, cfg->vifs, cfg->nr_vifs);
	for (size_t i = 0; i < cfg->nr_warnings; i++)
		free(cfg->warnings[i]);
	free(cfg->warnings);
	memset(cfg, 0, sizeof(*cfg));
}

int cfg_parse(const char *file, const char *text, size_t len, enum cfg_syntax syntax,
	      struct domain_config *cfg, struct cfg_error *err)
{
	struct cfg_ctx c = {.file = file, .syntax = syntax, .cfg = cfg, .err = err};
	int rc;

	init_defaults(cfg);
	err->msg[0] = '\0';
	if (syntax == CFG_SYNTAX_JSON)
		rc = cfg_parse_json(&c, text, len);
	else
		rc = cfg_parse_xl(&c, text, len);
	if (!rc)
		rc = cfg_finish(&c);
	free(c.cmdline_key);
	free(c.root);
	free(c.extra);
	if (rc == -ENOMEM && !err->msg[0])
		snprintf(err->msg, sizeof(err->msg), "%s: out of memory", file);
	if (rc)
		cfg_free(cfg);
	return rc;
}

/* ---- files ---- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

enum cfg_syntax cfg_detect_syntax(const char *file, const char *text, size_t len)
{
	static const char *const xl_ext[] = {".cfg", ".conf", ".xl", ".hvm"};
	size_t i = 0;

	if (file && ends_with(file, ".json"))
		return CFG_SYNTAX_JSON;
	for (size_t k = 0; file && k < sizeof(xl_ext) / sizeof(xl_ext[0]); k++)
		if (ends_with(file, xl_ext[k]))
			return CFG_SYNTAX_XL;
	while (i < len) {
		if (text[i] == '#') {
			while (i < len && text[i] != '\n')
				i++;
		} else if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
			   text[i] == '\n') {
			i++;
		} else {
			break;
		}
	}
	return i < len && text[i] == '{' ? CFG_SYNTAX_JSON : CFG_SYNTAX_XL;
}

/* read_file - the whole file into a heap buffer; -errno with err set on failure. */
static int read_file(const char *path, char **out, size_t *len, struct cfg_error *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc = 0;
	char *buf = NULL;
	size_t got = 0;

	if (fd < 0 || fstat(fd, &st) < 0) {
		rc = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > CFG_FILE_MAX_BYTES) {
		rc = S_ISREG(st.st_mode) ? -EFBIG : -EINVAL;
		goto out;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		rc = -ENOMEM;
		goto out;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n <= 0) {
			rc = n < 0 ? -errno : -EIO;
			goto out;
		}
		got += (size_t)n;
	}
out:
	if (fd >= 0)
		close(fd);
	if (rc) {
		free(buf);
		if (rc == -EFBIG)
			cfg_set_msg(err, "%s: larger than %u bytes: not a configuration file", path,
				    CFG_FILE_MAX_BYTES);
		else if (rc == -EINVAL)
			cfg_set_msg(err, "%s: not a regular file", path);
		else
			cfg_set_msg(err, "%s: %s", path, strerror(-rc));
		return rc;
	}
	*out = buf;
	*len = got;
	return 0;
}

int cfg_load(const char *path, struct domain_config *cfg, struct cfg_error *err)
{
	char *text;
	size_t len;
	int rc;

	memset(cfg, 0, sizeof(*cfg));
	rc = read_file(path, &text, &len, err);
	if (rc)
		return rc;
	rc = cfg_parse(path, text, len, cfg_detect_syntax(path, text, len), cfg, err);
	free(text);
	return rc;
}
