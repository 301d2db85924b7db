/*
 * lamina/param.h - hypervisor command-line options.
 *
 * Each option is declared next to the code it configures with one of the
 * *_param() macros; the linker gathers them between __param_start and
 * __param_end and cmdline_parse() walks them. Syntax (Xen's): options are
 * separated by spaces; "name=value" sets a value; a boolean is set by "name",
 * "name=1|yes|on|true|enable" or cleared by "no-name", "name=0|no|off|false|disable".
 */
#ifndef LAMINA_PARAM_H
#define LAMINA_PARAM_H

#include <lamina/types.h>

enum param_type {
	PARAM_BOOL, /* var: bool */
	PARAM_UINT, /* var: unsigned long; decimal, 0x hex or 0 octal */
	PARAM_SIZE, /* var: uint64_t bytes; K/M/G/T suffixes */
	PARAM_STRING, /* var: char[len]; too long a value is refused */
	PARAM_CUSTOM, /* parse(value) returns 0 or -EINVAL */
};

struct param {
	const char *name;
	enum param_type type;
	void *var;
	size_t len;
	int (*parse)(const char *value);
};

#define __param_entry(_name, _type, _var, _len, _parse)                                   \
	static const struct param __param_##_var __used __section(".data.param") = {    \
		.name = _name, .type = _type, .var = &_var, .len = _len, .parse = _parse \
	}

#define boolean_param(name, var) __param_entry(name, PARAM_BOOL, var, 0, NULL)
#define uint_param(name, var) __param_entry(name, PARAM_UINT, var, 0, NULL)
#define size_param(name, var) __param_entry(name, PARAM_SIZE, var, 0, NULL)
#define string_param(name, var) __param_entry(name, PARAM_STRING, var, sizeof(var), NULL)
#define custom_param(_name, fn)                                                         \
	static const struct param __param_##fn __used __section(".data.param") = {      \
		.name = _name, .type = PARAM_CUSTOM, .parse = fn                         \
	}

/* The longest option value we handle, bytes (longer ones are refused). */
#define PARAM_VALUE_MAX 128

typedef void (*param_warn_fn)(const char *fmt, ...);

/*
 * cmdline_parse - apply every option in cmdline to the table [begin, end).
 * An unknown option or a bad value is reported through warn (one line each)
 * and skipped: never fatal. Returns the number of options so reported.
 */
int cmdline_parse(const char *cmdline, const struct param *begin, const struct param *end,
		  param_warn_fn warn);

/* The hypervisor's own table, gathered by the linker. */
extern const struct param __param_start[], __param_end[];

#endif /* LAMINA_PARAM_H */
