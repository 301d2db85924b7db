/*
 * cli/cli.h - the `lamina` command's shared layer: the command and option tables, argument
 * parsing and help (options.c), tables and JSON (output.c), domain names (names.c), the
 * xl-style rows and lines (format.c) - all pure and unit-tested - and the helpers that
 * reach the hypervisor (helpers.c: the control handle, finding a domain, error messages).
 *
 * A verb lives in cmd_<verb>.c: one `const struct cli_command cli_cmd_<verb>` with its
 * options, help text and run function, listed in the one table of commands.c.
 *
 * Exit codes, as xl's: CLI_EXIT_OK, CLI_EXIT_FAIL (the operation failed), CLI_EXIT_USAGE
 * (bad options or arguments).
 */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>

#include "libctrl/ctrl.h"
#include "libctrl/dominfo.h"
#include "libctrl/marshal.h"
#include "libctrl/xenerr.h"

#define CLI_EXIT_OK 0
#define CLI_EXIT_FAIL 1
#define CLI_EXIT_USAGE 2

#define CLI_PROGRAM "lamina"

/* ---- commands and options (options.c) ---- */

/* One option of a verb: --@long_name and/or -@short_name, with an argument if @arg. */
struct cli_option {
	const char *long_name;	/* without the dashes; NULL ends the table */
	char short_name;	/* or 0 */
	const char *arg;	/* name of its argument for the help ("N"), or NULL for a flag */
	const char *help;	/* one line */
};

#define CLI_MAX_OPTIONS 16	/* options of one verb */
#define CLI_MAX_ARGS 64		/* positional arguments of one call */

/* What cli_parse() found: per option (by table index) whether given and its argument. */
struct cli_args {
	bool set[CLI_MAX_OPTIONS];
	const char *value[CLI_MAX_OPTIONS];
	unsigned int argc;			/* positional arguments, in order */
	const char *argv[CLI_MAX_ARGS];
};

struct cli_ctx;

/* One verb of `lamina`. */
struct cli_command {
	const char *name;		/* "list" */
	const char *summary;		/* one line for `lamina help` */
	const char *usage;		/* what follows the options: "[Domain]" */
	const char *description;	/* paragraph(s) for `lamina <verb> --help` */
	const struct cli_option *options;	/* ends with { NULL }; may be NULL */
	unsigned int min_args, max_args;	/* positional arguments allowed */
	int (*run)(struct cli_ctx *cx, const struct cli_args *args); /* returns CLI_EXIT_* */
};

/* The table of every verb, in the order `lamina help` lists them, ending with NULL. */
extern const struct cli_command *const cli_commands[];

/* cli_command_lookup - the verb named @name in @table (NULL-terminated), or NULL. */
const struct cli_command *cli_command_lookup(const struct cli_command *const *table,
					     const char *name);

/* cli_parse results */
#define CLI_PARSE_OK 0
#define CLI_PARSE_HELP 1	/* -h or --help was given */
#define CLI_PARSE_ERROR (-1)	/* message in the caller's buffer */

/*
 * cli_parse - parse @argc words of @argv (the words after the verb) against @cmd's options:
 * "--name", "--name=value", "--name value", "-x", "-x value", "-xvalue", bundled flags "-ab",
 * and "--" ending the options; anything else is positional, wherever it stands. Checks the
 * count of positional arguments. Returns CLI_PARSE_OK, CLI_PARSE_HELP, or CLI_PARSE_ERROR
 * with a message ("unknown option '--x'") in @err of @err_size bytes.
 */
int cli_parse(const struct cli_command *cmd, int argc, char *const *argv, struct cli_args *out,
	      char *err, size_t err_size);

/* cli_print_usage - "Usage: lamina <verb> [options] <args>" and the option list, to @out. */
void cli_print_usage(FILE *out, const struct cli_command *cmd);

/* cli_print_help - the verb's usage, description and options, to @out. */
void cli_print_help(FILE *out, const struct cli_command *cmd);

/* cli_print_commands - `lamina help`: global usage and one line per verb of @table. */
void cli_print_commands(FILE *out, const struct cli_command *const *table);

/* ---- output: tables and JSON (output.c) ---- */

/* A column of a text table: right-aligned unless @left; cells wider than @width overflow. */
struct cli_column {
	const char *title;
	int width;
	bool left;
};

/* cli_table_header - the titles of @n @cols, aligned as the rows will be, and a newline. */
void cli_table_header(FILE *out, const struct cli_column *cols, unsigned int n);

/* cli_table_row - one row of @n @cells (strings) under @cols, separated by one space. */
void cli_table_row(FILE *out, const struct cli_column *cols, unsigned int n,
		   const char *const *cells);

#define CLI_JSON_MAX_DEPTH 16

/*
 * struct cli_json - a JSON writer: values are added in order with the cli_json_* calls,
 * with a key inside an object and a NULL key inside an array or at the top. Output is
 * indented by four spaces per level, as `xl list -l` prints it.
 */
struct cli_json {
	FILE *out;
	unsigned int depth;
	bool first[CLI_JSON_MAX_DEPTH];	/* no member written yet at this level */
};

void cli_json_init(struct cli_json *j, FILE *out);
void cli_json_begin_object(struct cli_json *j, const char *key);
void cli_json_end_object(struct cli_json *j);
void cli_json_begin_array(struct cli_json *j, const char *key);
void cli_json_end_array(struct cli_json *j);
/* A string, escaped as JSON requires; NULL writes null. */
void cli_json_string(struct cli_json *j, const char *key, const char *value);
void cli_json_uint(struct cli_json *j, const char *key, uint64_t value);
void cli_json_bool(struct cli_json *j, const char *key, bool value);
/* A number already formatted (e.g. "12.3"), written as is. */
void cli_json_number(struct cli_json *j, const char *key, const char *formatted);
/* cli_json_finish - end the document with a newline (after the top value is closed). */
void cli_json_finish(struct cli_json *j);

/* ---- domain names (names.c) ---- */

#define CLI_NAME_MAX 64	/* bytes of a domain name, with the NUL */

/*
 * struct cli_names - where names (and start times) of domains come from. Today the
 * domid-only source; with xenstore (libstore), a source reading /local/domain/<id>/name and
 * /vm/<uuid>/start_time replaces it through cli_names_use(), and every verb follows.
 */
struct cli_names {
	const char *source;	/* for messages: "domid-only", "xenstore" */
	/*
	 * name_of - the name of @domid into @buf (@size bytes). Returns 0, or -1 when the
	 * domain has no name there (xl then prints "(null)").
	 */
	int (*name_of)(void *priv, domid_t domid, char *buf, size_t size);
	/* start_time - when @domid started, seconds since the epoch, or -1 if unknown. */
	long long (*start_time)(void *priv, domid_t domid);
	void *priv;
};

/*
 * The domid-only source: dom0 is "Domain-0" (what Xen's xen-init-dom0 writes for xl), other
 * domains have no name, start times are unknown.
 */
extern const struct cli_names cli_names_domid_only;

/* cli_names_use - make @names the source of every name lookup from now on. */
void cli_names_use(const struct cli_names *names);

/*
 * cli_names_use_xenstore - take names and start times from xenstore (names_store.c) when
 * its daemon answers; otherwise keep the domid-only source.
 */
void cli_names_use_xenstore(void);

/* cli_names - the source in use (cli_names_domid_only unless changed). */
const struct cli_names *cli_names(void);

/* cli_domain_name - @domid's name from the source in use, or NULL (into @buf). */
const char *cli_domain_name(domid_t domid, char *buf, size_t size);

/*
 * cli_parse_domid - @s as a domain id: decimal digits only, below DOMID_FIRST_RESERVED.
 * Returns 0 with *@domid set, or -1 (then @s is a name, or out of range: see @range).
 * *@range (may be NULL) is set when @s is all digits but too large.
 */
int cli_parse_domid(const char *s, domid_t *domid, bool *range);

/*
 * cli_lookup_name - the id of the domain named @name among @n listed domains @infos, by the
 * source in use. Returns 0 with *@domid, or -1 when no listed domain has that name.
 */
int cli_lookup_name(const char *name, const struct xen_domctl_getdomaininfo *infos,
		    unsigned int n, domid_t *domid);

/* ---- xl-style rows and lines (format.c) ---- */

/* cli_list_header / cli_list_row - `lamina list`: xl's columns; a NULL name is "(null)". */
void cli_list_header(FILE *out);
void cli_list_row(FILE *out, const struct ctrl_dominfo *d, const char *name);

/* cli_list_json - one domain as a JSON object (members described in cmd_list.c's help). */
void cli_list_json(struct cli_json *j, const struct ctrl_dominfo *d, const char *name);

/* cli_vcpu_header / cli_vcpu_row - `lamina vcpu-list`: xl's columns. NULL maps print "-". */
void cli_vcpu_header(FILE *out);
void cli_vcpu_row(FILE *out, const char *name, domid_t domid, unsigned int vcpu,
		  const struct xen_domctl_getvcpuinfo *vi, const uint8_t *hard,
		  const uint8_t *soft, unsigned int nr_cpus);

/* cli_uptime_header / cli_uptime_row - `lamina uptime`, long and short (-s) forms. */
void cli_uptime_header(FILE *out);
void cli_uptime_row(FILE *out, const char *name, domid_t domid, unsigned long seconds,
		    bool short_form, const char *now_hms);

/*
 * struct cli_info - what `lamina info` prints, gathered by cmd_info.c. A NULL @phys or @xen
 * (not read) leaves out its lines; a NULL string prints empty.
 */
struct cli_info {
	const char *host, *release, *version, *machine;	/* uname() */
	const struct xen_sysctl_physinfo *phys;		/* sysctl physinfo */
	const struct ctrl_version *xen;			/* xen_version */
	const char *scheduler;		/* name, or NULL when unknown */
};

/*
 * cli_info_print - `xl info`'s lines "name<padding>: value" for @info. With @only, print
 * just the values of the lines whose names start with @only (xl's `info <name>`).
 * Returns the number of lines printed.
 */
int cli_info_print(FILE *out, const struct cli_info *info, const char *only);

/* ---- memory sizes (memsize.c) ---- */

/*
 * cli_parse_mem_kib - a memory size as xl's mem-set takes it: decimal digits and an optional
 * unit, one of b, k, m, g, t (either case; bytes, KiB, MiB, GiB, TiB), MiB when none.
 * Returns 0 with *@kib in KiB (bytes round down), or -1 for anything else or an overflow.
 */
int cli_parse_mem_kib(const char *s, uint64_t *kib);

/* ---- `lamina console`'s escape character (escape.c) ---- */

/* Ctrl-] ends a console session, as in `xl console` (xenconsole's ESCAPE_CHARACTER). */
#define CLI_CONSOLE_ESCAPE '\x1d'

/*
 * cli_escape_scan - of @len bytes typed at a console, how many go on to the domain: all of
 * them, or those before the first @escape byte, when *@detach is set (the session ends and
 * the rest is not sent). Unlike xenconsole, which only detaches on a read of the escape byte
 * alone, the escape counts anywhere in what was typed (or pasted).
 */
size_t cli_escape_scan(const char *buf, size_t len, char escape, bool *detach);

/* ---- the helper layer that reaches the hypervisor (helpers.c) ---- */

/* struct cli_ctx - what a running verb has: itself and the control handle, opened lazily. */
struct cli_ctx {
	const struct cli_command *cmd;
	struct ctrl *ctrl;
};

/*
 * cli_ctrl - the control handle, opened on first use. On failure prints
 * "lamina: cannot open /dev/xen/privcmd: <why> (<hint>)" and returns NULL.
 */
struct ctrl *cli_ctrl(struct cli_ctx *cx);

/* cli_error - print "lamina <verb>: <message>" to stderr. */
void cli_error(const struct cli_ctx *cx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * cli_call_error - after a failed libctrl call of kind @call (errno set), print
 * "lamina <verb>: <message> failed: <strerror> (<NAME>: <hint>)". Returns CLI_EXIT_FAIL.
 */
int cli_call_error(const struct cli_ctx *cx, enum ctrl_call call, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * cli_find_domain - the domain @qualifier names: an id (decimal), or a name from the name
 * source; *@info receives its getdomaininfo. Prints "lamina <verb>: domain '<q>' not found"
 * (or the failing call) and returns -1 when there is none.
 */
int cli_find_domain(struct cli_ctx *cx, const char *qualifier,
		    struct xen_domctl_getdomaininfo *info);

/* cli_list_domains - every domain (free() *@infos), or -1 after printing why. */
int cli_list_domains(struct cli_ctx *cx, struct xen_domctl_getdomaininfo **infos);

/*
 * cli_domain_action - the body of pause/unpause-like verbs: find the domain args->argv[0],
 * call @action on it, report a failure as "<doing> domain <id> failed: ...".
 */
int cli_domain_action(struct cli_ctx *cx, const struct cli_args *args,
		      int (*action)(struct ctrl *c, domid_t domid), const char *doing);

#endif /* CLI_CLI_H */
