/*
 * json.c - the JSON syntax: one object whose members are configuration
 * keys (xl.cfg's names), read with libyajl's tree parser. yajl accepts
 * comments; a key given twice is an error here (yajl would keep both).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "config/internal.h"

#define YAJL_ERR_MAX 256
#define MAX_DEPTH 16 /* deeper nesting is no configuration */

/* first_line - yajl's message is several lines (text and a caret); keep the first. */
static void first_line(char *s)
{
	s[strcspn(s, "\r\n")] = '\0';
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
}

/* skip_comment - past a // or slash-star comment at s[i] (yajl accepts both); i when none. */
static size_t skip_comment(const char *s, size_t len, size_t i)
{
	if (i + 1 >= len || s[i] != '/' || (s[i + 1] != '/' && s[i + 1] != '*'))
		return i;
	if (s[i + 1] == '/') {
		while (i < len && s[i] != '\n')
			i++;
		return i;
	}
	for (i += 2; i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'); i++)
		;
	return i + 1 < len ? i + 2 : len;
}

/*
 * too_deep - the text nests arrays and objects more than MAX_DEPTH deep.
 * Checked before yajl sees it: yajl frees its tree recursively, so a
 * megabyte of '[' would exhaust the stack.
 */
static bool too_deep(const char *s, size_t len)
{
	unsigned int depth = 0;
	bool in_string = false;

	for (size_t i = 0; i < len; i++) {
		if (in_string) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_string = false;
			continue;
		}
		size_t next = skip_comment(s, len, i);
		if (next != i) {
			i = next - 1;
			continue;
		}
		if (s[i] == '"')
			in_string = true;
		else if ((s[i] == '[' || s[i] == '{') && ++depth > MAX_DEPTH)
			return true;
		else if ((s[i] == ']' || s[i] == '}') && depth)
			depth--;
	}
	return false;
}

static int convert(yajl_val y, struct cfg_value *v);

static int convert_children(yajl_val *vals, const char **keys, size_t n, struct cfg_value *v)
{
	v->items = calloc(n ? n : 1, sizeof(*v->items));
	if (keys)
		v->keys = calloc(n ? n : 1, sizeof(*v->keys));
	if (!v->items || (keys && !v->keys))
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		v->n = i + 1;
		if (keys && !(v->keys[i] = strdup(keys[i])))
			return -ENOMEM;
		int rc = convert(vals[i], &v->items[i]);
		if (rc)
			return rc;
	}
	return 0;
}

/* convert - a yajl tree node as a cfg_value (strings copied). 0 or -ENOMEM. */
static int convert(yajl_val y, struct cfg_value *v)
{
	if (YAJL_IS_STRING(y)) {
		v->type = CFG_V_ATOM;
		v->quoted = true;
		v->text = strdup(y->u.string);
		return v->text ? 0 : -ENOMEM;
	}
	if (YAJL_IS_INTEGER(y)) {
		v->type = CFG_V_INT;
		v->i = YAJL_GET_INTEGER(y);
		return 0;
	}
	if (YAJL_IS_NUMBER(y)) {
		v->type = CFG_V_FLOAT;
		v->text = strdup(y->u.number.r);
		return v->text ? 0 : -ENOMEM;
	}
	if (YAJL_IS_TRUE(y) || YAJL_IS_FALSE(y)) {
		v->type = CFG_V_BOOL;
		v->b = YAJL_IS_TRUE(y);
		return 0;
	}
	if (YAJL_IS_ARRAY(y)) {
		v->type = CFG_V_LIST;
		return convert_children(y->u.array.values, NULL, y->u.array.len, v);
	}
	if (YAJL_IS_OBJECT(y)) {
		v->type = CFG_V_OBJECT;
		return convert_children(y->u.object.values, y->u.object.keys, y->u.object.len, v);
	}
	v->type = CFG_V_NULL;
	return 0;
}

static int apply_members(struct cfg_ctx *c, yajl_val root)
{
	size_t n = root->u.object.len;

	for (size_t i = 0; i < n; i++) {
		const char *key = root->u.object.keys[i];
		struct cfg_value v = {0};

		for (size_t j = 0; j < i; j++)
			if (!strcmp(key, root->u.object.keys[j]))
				return cfg_fail(c, 0, key, "given twice");
		int rc = convert(root->u.object.values[i], &v);
		if (!rc)
			rc = cfg_apply(c, key, &v);
		cfg_value_free(&v);
		if (rc)
			return rc;
	}
	return 0;
}

int cfg_parse_json(struct cfg_ctx *c, const char *text, size_t len)
{
	char yerr[YAJL_ERR_MAX] = "";
	char *buf;
	yajl_val root;
	int rc;

	if (memchr(text, '\0', len))
		return cfg_fail(c, 0, NULL, "invalid JSON: a NUL byte");
	if (too_deep(text, len))
		return cfg_fail(c, 0, NULL, "invalid JSON: nested more than %d levels deep",
				MAX_DEPTH);
	buf = strndup(text, len);
	if (!buf)
		return -ENOMEM;
	root = yajl_tree_parse(buf, yerr, sizeof(yerr));
	free(buf);
	if (!root) {
		first_line(yerr);
		return cfg_fail(c, 0, NULL, "invalid JSON: %s", yerr[0] ? yerr : "parse error");
	}
	if (!YAJL_IS_OBJECT(root))
		rc = cfg_fail(c, 0, NULL, "expected a JSON object ({ \"name\": ..., ... })");
	else
		rc = apply_members(c, root);
	yajl_tree_free(root);
	return rc;
}
