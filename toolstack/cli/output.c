/*
 * output.c - text tables and JSON for the verbs (see cli.h). Pure: writes to a FILE only.
 */
#include <inttypes.h>
#include <stdio.h>

#include "cli/cli.h"

#define JSON_INDENT 4

static void table_cells(FILE *out, const struct cli_column *cols, unsigned int n,
			const char *const *cells)
{
	for (unsigned int i = 0; i < n; i++) {
		const char *sep = i ? " " : "";

		if (cols[i].left && i == n - 1)
			fprintf(out, "%s%s", sep, cells[i]); /* no trailing blanks */
		else if (cols[i].left)
			fprintf(out, "%s%-*s", sep, cols[i].width, cells[i]);
		else
			fprintf(out, "%s%*s", sep, cols[i].width, cells[i]);
	}
	fputc('\n', out);
}

void cli_table_header(FILE *out, const struct cli_column *cols, unsigned int n)
{
	const char *titles[n ? n : 1];

	for (unsigned int i = 0; i < n; i++)
		titles[i] = cols[i].title;
	table_cells(out, cols, n, titles);
}

void cli_table_row(FILE *out, const struct cli_column *cols, unsigned int n,
		   const char *const *cells)
{
	table_cells(out, cols, n, cells);
}

void cli_json_init(struct cli_json *j, FILE *out)
{
	j->out = out;
	j->depth = 0;
	j->first[0] = true;
}

static void json_escaped(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

/* Start a value at the current level: comma, newline and indent, and "key": in objects. */
static void json_member(struct cli_json *j, const char *key)
{
	if (j->depth) {
		fputs(j->first[j->depth] ? "\n" : ",\n", j->out);
		fprintf(j->out, "%*s", (int)(j->depth * JSON_INDENT), "");
	}
	j->first[j->depth] = false;
	if (key) {
		json_escaped(j->out, key);
		fputs(": ", j->out);
	}
}

static void json_open(struct cli_json *j, const char *key, char bracket)
{
	json_member(j, key);
	fputc(bracket, j->out);
	if (j->depth + 1 < CLI_JSON_MAX_DEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void json_close(struct cli_json *j, char bracket)
{
	bool empty = j->first[j->depth];

	if (j->depth)
		j->depth--;
	if (!empty)
		fprintf(j->out, "\n%*s", (int)(j->depth * JSON_INDENT), "");
	fputc(bracket, j->out);
}

void cli_json_begin_object(struct cli_json *j, const char *key)
{
	json_open(j, key, '{');
}

void cli_json_end_object(struct cli_json *j)
{
	json_close(j, '}');
}

void cli_json_begin_array(struct cli_json *j, const char *key)
{
	json_open(j, key, '[');
}

void cli_json_end_array(struct cli_json *j)
{
	json_close(j, ']');
}

void cli_json_string(struct cli_json *j, const char *key, const char *value)
{
	json_member(j, key);
	if (value)
		json_escaped(j->out, value);
	else
		fputs("null", j->out);
}

void cli_json_uint(struct cli_json *j, const char *key, uint64_t value)
{
	json_member(j, key);
	fprintf(j->out, "%" PRIu64, value);
}

void cli_json_bool(struct cli_json *j, const char *key, bool value)
{
	json_member(j, key);
	fputs(value ? "true" : "false", j->out);
}

void cli_json_number(struct cli_json *j, const char *key, const char *formatted)
{
	json_member(j, key);
	fputs(formatted, j->out);
}

void cli_json_finish(struct cli_json *j)
{
	fputc('\n', j->out);
}
