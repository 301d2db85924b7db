/*
 * options.c - verbs and their options: lookup, parsing, help (see cli.h). Pure.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

const struct cli_command *cli_command_lookup(const struct cli_command *const *table,
					     const char *name)
{
	for (; *table; table++)
		if (!strcmp((*table)->name, name))
			return *table;
	return NULL;
}

static int option_count(const struct cli_command *cmd)
{
	int n = 0;

	while (cmd->options && cmd->options[n].long_name)
		n++;
	return n;
}

/* Index of the option called --@name (@len bytes) or -@short_name, or -1. */
static int find_long(const struct cli_command *cmd, const char *name, size_t len)
{
	for (int i = 0; i < option_count(cmd); i++)
		if (strlen(cmd->options[i].long_name) == len &&
		    !strncmp(cmd->options[i].long_name, name, len))
			return i;
	return -1;
}

static int find_short(const struct cli_command *cmd, char short_name)
{
	for (int i = 0; i < option_count(cmd); i++)
		if (cmd->options[i].short_name == short_name)
			return i;
	return -1;
}

/* State of one cli_parse() walk over the words. */
struct walk {
	const struct cli_command *cmd;
	int argc;
	char *const *argv;
	int next;		/* index of the next word */
	struct cli_args *out;
	char *err;
	size_t err_size;
};

static int parse_error(struct walk *w, const char *fmt, const char *what)
{
	snprintf(w->err, w->err_size, fmt, what);
	return CLI_PARSE_ERROR;
}

/*
 * Record option @i; its argument is @inline_value (text after '=' or the short letter) or
 * else the next word. @shown is the option as the user wrote it, for messages.
 */
static int take_option(struct walk *w, int i, const char *inline_value, const char *shown)
{
	const struct cli_option *opt = &w->cmd->options[i];

	w->out->set[i] = true;
	if (!opt->arg) {
		if (inline_value)
			return parse_error(w, "option '%s' takes no argument", shown);
		return CLI_PARSE_OK;
	}
	if (!inline_value) {
		if (w->next >= w->argc)
			return parse_error(w, "option '%s' needs an argument", shown);
		inline_value = w->argv[w->next++];
	}
	w->out->value[i] = inline_value;
	return CLI_PARSE_OK;
}

static int parse_long(struct walk *w, const char *word)
{
	const char *name = word + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	char shown[64];
	int i;

	if (len == 4 && !strncmp(name, "help", 4))
		return CLI_PARSE_HELP;
	/* Messages name the option without its "=value". */
	snprintf(shown, sizeof(shown), "--%.*s", (int)len, name);
	i = find_long(w->cmd, name, len);
	if (i < 0)
		return parse_error(w, "unknown option '%s'", shown);
	return take_option(w, i, eq ? eq + 1 : NULL, shown);
}

/* "-abc": flags a, b, c; or "-xVALUE" / "-x VALUE" for an option with an argument. */
static int parse_short(struct walk *w, const char *word)
{
	for (const char *p = word + 1; *p; p++) {
		char shown[3] = { '-', *p, '\0' };
		int i, rc;

		if (*p == 'h')
			return CLI_PARSE_HELP;
		i = find_short(w->cmd, *p);
		if (i < 0)
			return parse_error(w, "unknown option '%s'", shown);
		if (w->cmd->options[i].arg)
			return take_option(w, i, p[1] ? p + 1 : NULL, shown);
		rc = take_option(w, i, NULL, shown);
		if (rc != CLI_PARSE_OK)
			return rc;
	}
	return CLI_PARSE_OK;
}

static int add_positional(struct walk *w, const char *word)
{
	if (w->out->argc >= CLI_MAX_ARGS)
		return parse_error(w, "too many arguments, from '%s' on", word);
	w->out->argv[w->out->argc++] = word;
	return CLI_PARSE_OK;
}

static int check_arg_count(struct walk *w)
{
	const struct cli_command *cmd = w->cmd;
	unsigned int n = w->out->argc;

	if (n < cmd->min_args)
		return parse_error(w, "missing argument%s", cmd->min_args - n > 1 ? "s" : "");
	if (n > cmd->max_args)
		return parse_error(w, "unexpected argument '%s'", w->out->argv[cmd->max_args]);
	return CLI_PARSE_OK;
}

int cli_parse(const struct cli_command *cmd, int argc, char *const *argv, struct cli_args *out,
	      char *err, size_t err_size)
{
	struct walk w = { cmd, argc, argv, 0, out, err, err_size };
	bool options_done = false;

	memset(out, 0, sizeof(*out));
	if (err_size)
		err[0] = '\0';
	while (w.next < argc) {
		const char *word = argv[w.next++];
		int rc;

		if (!options_done && !strcmp(word, "--")) {
			options_done = true;
			continue;
		}
		if (options_done || word[0] != '-' || !word[1])
			rc = add_positional(&w, word);
		else if (word[1] == '-')
			rc = parse_long(&w, word);
		else
			rc = parse_short(&w, word);
		if (rc != CLI_PARSE_OK)
			return rc;
	}
	return check_arg_count(&w);
}

void cli_print_usage(FILE *out, const struct cli_command *cmd)
{
	fprintf(out, "Usage: %s %s%s%s%s\n", CLI_PROGRAM, cmd->name,
		option_count(cmd) ? " [options]" : "", cmd->usage && *cmd->usage ? " " : "",
		cmd->usage ? cmd->usage : "");
}

static void print_options(FILE *out, const struct cli_command *cmd)
{
	fprintf(out, "\nOptions:\n");
	for (int i = 0; i < option_count(cmd); i++) {
		const struct cli_option *o = &cmd->options[i];
		char left[64];

		snprintf(left, sizeof(left), "%c%c%s--%s%s%s", o->short_name ? '-' : ' ',
			 o->short_name ? o->short_name : ' ', o->short_name ? ", " : "  ",
			 o->long_name, o->arg ? "=" : "", o->arg ? o->arg : "");
		fprintf(out, "  %-24s %s\n", left, o->help);
	}
	fprintf(out, "  %-24s %s\n", "-h, --help", "print this help");
}

void cli_print_help(FILE *out, const struct cli_command *cmd)
{
	cli_print_usage(out, cmd);
	fprintf(out, "\n%s\n", cmd->summary);
	if (cmd->description)
		fprintf(out, "\n%s\n", cmd->description);
	print_options(out, cmd);
}

void cli_print_commands(FILE *out, const struct cli_command *const *table)
{
	fprintf(out, "Usage: %s <command> [options] [arguments]\n\n"
		     "Manage Lamina (Xen-compatible) domains from dom0.\n\nCommands:\n",
		CLI_PROGRAM);
	for (; *table; table++)
		fprintf(out, "  %-14s %s\n", (*table)->name, (*table)->summary);
	fprintf(out, "\n'%s help <command>' or '%s <command> --help' describes one command.\n",
		CLI_PROGRAM, CLI_PROGRAM);
}
