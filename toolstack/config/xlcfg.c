/*
 * xlcfg.c - the xl.cfg syntax (xl.cfg(5), Xen 4.17), read the way Xen's
 * tools/libs/util/libxlu_cfg_l.l and libxlu_cfg_y.y read it:
 *
 *   file       := { [assignment] (NEWLINE | ';') } [assignment]
 *   assignment := KEY ('=' | '+=') value
 *   value      := STRING | NUMBER | '[' {NEWLINE} [value {NEWLINE} {',' {NEWLINE} value {NEWLINE}}
 *                 [',' {NEWLINE}]] ']'
 *
 * KEY is [a-z][._0-9a-z]*, NUMBER is [0-9][0-9a-fx]* (read later as a C
 * integer), STRING is '...' or "..." on one line with the escapes \' \" \\
 * \a \b \f \n \r \t \v \xHH and \OOO; '#' starts a comment to the end of
 * the line. "+=" appends to the previous value of the key (strings are
 * concatenated, lists joined). A key assigned twice keeps its last value.
 * A carriage return counts as white space (xl would refuse it).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"

enum tok_type {
	T_EOF,
	T_NEWLINE,
	T_KEY,
	T_NUMBER,
	T_STRING,
	T_COMMA,
	T_LBRACKET,
	T_RBRACKET,
	T_ASSIGN,
	T_ADD,
	T_SEMI,
};

struct token {
	enum tok_type type;
	const char *start; /* raw text */
	size_t len;
	unsigned int line;
};

struct setting {
	char *key;
	struct cfg_value value;
};

struct xl_parser {
	struct cfg_ctx *c;
	const char *text, *end;
	const char *pos;
	unsigned int line;
	struct token tok; /* the current, not yet consumed, token */
	struct setting *settings;
	size_t nr_settings;
};

static int syntax_error(struct xl_parser *p, const char *fmt, const char *what)
{
	char msg[128];

	snprintf(msg, sizeof(msg), fmt, what);
	return cfg_fail(p->c, p->tok.line, NULL, "syntax error: %s", msg);
}

/* ---- lexer ---- */

static bool is_key_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_';
}

static bool is_number_char(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || ch == 'x';
}

/* lex_string - a quoted string from p->pos (at the quote); its end in *len. */
static int lex_string(struct xl_parser *p, size_t *len)
{
	const char *s = p->pos;
	char quote = *s++;

	while (s < p->end && *s != quote && *s != '\n') {
		if (*s == '\\' && s + 1 < p->end && s[1] != '\n')
			s++;
		s++;
	}
	if (s >= p->end || *s != quote)
		return syntax_error(p, "%s", "string not closed on its line");
	*len = (size_t)(s + 1 - p->pos);
	return 0;
}

static int lex_other(struct xl_parser *p, struct token *t)
{
	static const char single[] = ",[]=;";
	static const enum tok_type single_type[] = {T_COMMA, T_LBRACKET, T_RBRACKET, T_ASSIGN,
						    T_SEMI};
	const char *hit = strchr(single, *p->pos);
	unsigned char ch = (unsigned char)*p->pos;
	char shown[8];

	if (*p->pos && hit) {
		t->type = single_type[hit - single];
		t->len = 1;
		return 0;
	}
	if (*p->pos == '+' && p->pos + 1 < p->end && p->pos[1] == '=') {
		t->type = T_ADD;
		t->len = 2;
		return 0;
	}
	if (ch > ' ' && ch < 0x7f)
		snprintf(shown, sizeof(shown), "'%c'", ch);
	else
		snprintf(shown, sizeof(shown), "0x%02x", ch);
	return cfg_fail(
	    p->c, p->tok.line, NULL, "syntax error: unexpected character %s%s", shown,
	    ch && strchr("+-.():", ch) ? " (this looks like Python, which xl.cfg is not)" : "");
}

/* lex - read the next token into p->tok. */
static int lex(struct xl_parser *p)
{
	struct token *t = &p->tok;

	while (p->pos < p->end && (*p->pos == ' ' || *p->pos == '\t' || *p->pos == '\r'))
		p->pos++;
	if (p->pos < p->end && *p->pos == '#')
		while (p->pos < p->end && *p->pos != '\n')
			p->pos++;
	t->start = p->pos;
	t->line = p->line;
	t->len = 0;
	if (p->pos >= p->end) {
		t->type = T_EOF;
		return 0;
	}
	char ch = *p->pos;
	int rc = 0;
	if (ch == '\n') {
		t->type = T_NEWLINE;
		t->len = 1;
		p->line++;
	} else if (ch >= 'a' && ch <= 'z') {
		t->type = T_KEY;
		while (p->pos + t->len < p->end && is_key_char(p->pos[t->len]))
			t->len++;
	} else if (ch >= '0' && ch <= '9') {
		t->type = T_NUMBER;
		while (p->pos + t->len < p->end && is_number_char(p->pos[t->len]))
			t->len++;
	} else if (ch == '\'' || ch == '"') {
		t->type = T_STRING;
		rc = lex_string(p, &t->len);
	} else {
		rc = lex_other(p, t);
	}
	p->pos += t->len;
	return rc;
}

/* ---- strings ---- */

static int unescape_char(const char **sp, const char *end, char *out)
{
	static const char from[] = "'\"\\abfnrtv", to[] = "'\"\\\a\b\f\n\r\t\v";
	const char *s = *sp;
	const char *hit = s < end ? strchr(from, *s) : NULL;
	unsigned int v = 0;
	int n = 0;

	if (s < end && *s && hit) {
		*out = to[hit - from];
		*sp = s + 1;
		return 0;
	}
	if (s < end && *s == 'x') {
		for (s++; n < 2 && s < end && strchr("0123456789abcdefABCDEF", *s) && *s; n++, s++)
			v = v * 16 + (unsigned int)(*s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10);
		if (n != 2)
			return -EINVAL;
	} else {
		for (; n < 3 && s < end && *s >= '0' && *s <= '7'; n++, s++)
			v = v * 8 + (unsigned int)(*s - '0');
		if (n == 0 || v > 255)
			return -EINVAL;
	}
	*out = (char)v;
	*sp = s;
	return 0;
}

/* dequote - the text of a STRING token, escapes resolved. */
static int dequote(struct xl_parser *p, const struct token *t, char **out)
{
	const char *s = t->start + 1, *end = t->start + t->len - 1;
	char *buf = malloc(t->len), *q = buf;

	if (!buf)
		return -ENOMEM;
	while (s < end) {
		if (*s != '\\') {
			*q++ = *s++;
			continue;
		}
		s++;
		if (unescape_char(&s, end, q++)) {
			free(buf);
			return syntax_error(p, "%s",
					    "bad escape in a string (\\n, \\t, \\xHH, \\OOO, ...)");
		}
	}
	*q = '\0';
	*out = buf;
	return 0;
}

/* ---- parser ---- */

static void skip_newlines(struct xl_parser *p, int *rc)
{
	while (!*rc && p->tok.type == T_NEWLINE)
		*rc = lex(p);
}

static int parse_value(struct xl_parser *p, struct cfg_value *v);

static int list_append(struct cfg_value *list, struct cfg_value *item)
{
	struct cfg_value *items = realloc(list->items, (list->n + 1) * sizeof(*items));

	if (!items)
		return -ENOMEM;
	list->items = items;
	items[list->n++] = *item;
	return 0;
}

static int parse_list(struct xl_parser *p, struct cfg_value *v)
{
	int rc = lex(p); /* past '[' */

	v->type = CFG_V_LIST;
	skip_newlines(p, &rc);
	while (!rc && p->tok.type != T_RBRACKET) {
		struct cfg_value item = {0};
		rc = parse_value(p, &item);
		if (!rc)
			rc = list_append(v, &item);
		if (rc) {
			cfg_value_free(&item);
			break;
		}
		skip_newlines(p, &rc);
		if (rc || p->tok.type == T_RBRACKET)
			break;
		if (p->tok.type != T_COMMA)
			return syntax_error(p, "%s", "expected ',' or ']' in a list");
		rc = lex(p);
		skip_newlines(p, &rc);
	}
	return rc ? rc : lex(p);
}

static int parse_value(struct xl_parser *p, struct cfg_value *v)
{
	struct token t = p->tok;
	int rc;

	v->line = t.line;
	switch (t.type) {
	case T_LBRACKET:
		return parse_list(p, v);
	case T_STRING:
		v->type = CFG_V_ATOM;
		v->quoted = true;
		rc = dequote(p, &t, &v->text);
		return rc ? rc : lex(p);
	case T_NUMBER:
		v->type = CFG_V_ATOM;
		v->text = strndup(t.start, t.len);
		return v->text ? lex(p) : -ENOMEM;
	case T_KEY: {
		char word[40];
		snprintf(word, sizeof(word), "%.*s", (int)(t.len < 32 ? t.len : 32), t.start);
		return syntax_error(p, "expected a value, got %s (strings need quotes)", word);
	}
	default:
		return syntax_error(p, "%s",
				    "expected a value: a \"string\", a number or a [list]");
	}
}

/* concat - for "+=": v becomes prev followed by v (strings joined, lists joined). */
static int concat(struct xl_parser *p, const struct cfg_value *prev, struct cfg_value *v)
{
	if ((prev->type == CFG_V_LIST) != (v->type == CFG_V_LIST))
		return cfg_fail(p->c, v->line, NULL, "syntax error: += mixes a list and a string");
	if (v->type == CFG_V_LIST) {
		struct cfg_value *items = calloc(prev->n + v->n + 1, sizeof(*items));
		if (!items)
			return -ENOMEM;
		for (size_t i = 0; i < prev->n; i++)
			items[i] = prev->items[i];
		for (size_t i = 0; i < v->n; i++)
			items[prev->n + i] = v->items[i];
		free(v->items);
		v->items = items;
		v->n += prev->n;
		return 0;
	}
	char *s = malloc(strlen(prev->text) + strlen(v->text) + 1);
	if (!s)
		return -ENOMEM;
	strcpy(stpcpy(s, prev->text), v->text);
	free(v->text);
	v->text = s;
	v->quoted = v->quoted || prev->quoted;
	return 0;
}

static struct setting *find_setting(struct xl_parser *p, const char *key)
{
	for (size_t i = p->nr_settings; i-- > 0;)
		if (!strcmp(p->settings[i].key, key))
			return &p->settings[i];
	return NULL;
}

/* add_setting - record key = v; with "+=", v first takes the previous value in front. */
static int add_setting(struct xl_parser *p, char *key, struct cfg_value *v, bool add)
{
	struct setting *prev = add ? find_setting(p, key) : NULL;
	struct setting *s;

	if (prev) {
		int rc = concat(p, &prev->value, v);
		if (rc)
			return rc;
		/* prev's list items now belong to v. */
		if (v->type == CFG_V_LIST) {
			free(prev->value.items);
			prev->value.items = NULL;
			prev->value.n = 0;
		}
	}
	s = realloc(p->settings, (p->nr_settings + 1) * sizeof(*s));
	if (!s)
		return -ENOMEM;
	p->settings = s;
	s[p->nr_settings].key = key;
	s[p->nr_settings].value = *v;
	p->nr_settings++;
	return 0;
}

static int parse_assignment(struct xl_parser *p)
{
	struct cfg_value v = {0};
	char *key = strndup(p->tok.start, p->tok.len);
	bool add;
	int rc;

	if (!key)
		return -ENOMEM;
	rc = lex(p);
	if (!rc && p->tok.type != T_ASSIGN && p->tok.type != T_ADD)
		rc = syntax_error(p, "expected '=' after %s", key);
	add = p->tok.type == T_ADD;
	if (!rc)
		rc = lex(p);
	if (!rc)
		rc = parse_value(p, &v);
	if (!rc)
		rc = add_setting(p, key, &v, add);
	if (rc) {
		free(key);
		cfg_value_free(&v);
	}
	return rc;
}

static int parse_statements(struct xl_parser *p)
{
	int rc = lex(p);

	while (!rc && p->tok.type != T_EOF) {
		if (p->tok.type == T_NEWLINE || p->tok.type == T_SEMI) {
			rc = lex(p);
			continue;
		}
		if (p->tok.type != T_KEY)
			return syntax_error(
			    p, "%s", "expected a key (lower case) at the start of a statement");
		rc = parse_assignment(p);
		if (!rc && p->tok.type != T_NEWLINE && p->tok.type != T_SEMI &&
		    p->tok.type != T_EOF)
			rc = syntax_error(p, "%s", "expected the end of the line after a value");
	}
	return rc;
}

/* apply_settings - each key's last setting, in file order. */
static int apply_settings(struct xl_parser *p)
{
	for (size_t i = 0; i < p->nr_settings; i++) {
		if (find_setting(p, p->settings[i].key) != &p->settings[i])
			continue;
		int rc = cfg_apply(p->c, p->settings[i].key, &p->settings[i].value);
		if (rc)
			return rc;
	}
	return 0;
}

int cfg_parse_xl(struct cfg_ctx *c, const char *text, size_t len)
{
	struct xl_parser p = {.c = c, .text = text, .end = text + len, .pos = text, .line = 1};
	int rc;

	if (memchr(text, '\0', len))
		return cfg_fail(c, 0, NULL, "syntax error: a NUL byte: not a text file");
	rc = parse_statements(&p);
	if (!rc)
		rc = apply_settings(&p);
	for (size_t i = 0; i < p.nr_settings; i++) {
		free(p.settings[i].key);
		cfg_value_free(&p.settings[i].value);
	}
	free(p.settings);
	return rc;
}
