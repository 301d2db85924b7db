/*
 * config/internal.h - what the two syntaxes share: a syntax-neutral value
 * tree, the parse context, and the one table of keys (config.c) that gives
 * every value its meaning. xlcfg.c and json.c only turn text into values;
 * config.c checks and stores them, so both syntaxes obey the same rules.
 */
#ifndef LAMINA_CONFIG_INTERNAL_H
#define LAMINA_CONFIG_INTERNAL_H

#include "config/config.h"

enum cfg_vtype {
	CFG_V_ATOM,   /* xl.cfg string or number, JSON string: text */
	CFG_V_INT,    /* JSON integer: i */
	CFG_V_FLOAT,  /* JSON number with a fraction or exponent: text */
	CFG_V_BOOL,   /* JSON true/false: b */
	CFG_V_NULL,   /* JSON null */
	CFG_V_LIST,   /* items[0..n) */
	CFG_V_OBJECT, /* JSON object: keys[i] names items[i] */
};

struct cfg_value {
	enum cfg_vtype type;
	bool quoted; /* ATOM: written as a string (not an xl.cfg number) */
	char *text;  /* ATOM, FLOAT: heap copy, NUL-terminated */
	long long i;
	bool b;
	size_t n;
	struct cfg_value *items;
	char **keys;
	unsigned int line; /* xl.cfg: the line the value starts on; 0 in JSON */
};

/* cfg_value_free - release what v owns (not v itself). */
void cfg_value_free(struct cfg_value *v);

/* cfg_describe - v as a message shows it: "lots" (quoted), 12, true, a list, an object. */
void cfg_describe(const struct cfg_value *v, char *buf, size_t len);

struct cfg_ctx {
	const char *file; /* name for messages */
	enum cfg_syntax syntax;
	struct domain_config *cfg;
	struct cfg_error *err;
	bool have_memory, have_maxmem, have_maxvcpus;
	char *cmdline_key, *root, *extra; /* combined by xl's rule at the end */
	unsigned int cmdline_line;
};

/*
 * cfg_fail - format err->msg as "FILE[:LINE]: [KEY: ]message" (LINE when
 * non-zero, KEY when not NULL). Returns -EINVAL.
 */
int cfg_fail(struct cfg_ctx *c, unsigned int line, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* cfg_warn - add one warning line formatted as cfg_fail's. Returns 0 or -ENOMEM. */
int cfg_warn(struct cfg_ctx *c, unsigned int line, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * cfg_apply - give key the value v. Unknown keys are an error in JSON and a
 * warning in xl.cfg. Returns 0, -EINVAL (err set) or -ENOMEM.
 */
int cfg_apply(struct cfg_ctx *c, const char *key, const struct cfg_value *v);

/* The two syntaxes: turn text into cfg_apply calls. Return as cfg_apply. */
int cfg_parse_xl(struct cfg_ctx *c, const char *text, size_t len);
int cfg_parse_json(struct cfg_ctx *c, const char *text, size_t len);

/*
 * Devices given as JSON objects: each member is one spec parameter, booleans
 * standing for flags. Return 0, -EINVAL with err->msg as cfg_parse_disk, or -ENOMEM.
 */
int cfg_disk_from_object(const struct cfg_value *obj, struct cfg_disk *disk, struct cfg_error *err);
int cfg_vif_from_object(const struct cfg_value *obj, int devid, struct cfg_vif *vif,
			struct cfg_error *err);

/* cfg_set_msg - printf into err->msg; returns -EINVAL. */
int cfg_set_msg(struct cfg_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* cfg_replace - *dst = copy of the n bytes at src, freeing the old string. -ENOMEM or 0. */
int cfg_replace(char **dst, const char *src, size_t n);

#endif /* LAMINA_CONFIG_INTERNAL_H */
