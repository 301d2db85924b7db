/*
 * node.c - node records (see node.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stored/node.h"

static void *memdup(const void *src, size_t len)
{
	void *p;

	if (!len)
		return NULL;
	p = malloc(len);
	if (p)
		memcpy(p, src, len);
	return p;
}

struct stored_node *stored_node_new(const char *name, const struct xs_perm *perms,
				    unsigned int nperms)
{
	struct stored_node *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->name = strdup(name);
	if (!n->name || stored_node_set_perms(n, perms, nperms)) {
		stored_node_free(n);
		return NULL;
	}
	return n;
}

struct stored_node *stored_node_dup(const struct stored_node *src)
{
	struct stored_node *n = stored_node_new(src->name, src->perms, src->nperms);

	if (!n)
		return NULL;
	n->generation = src->generation;
	if (stored_node_set_value(n, src->value, src->vlen)) {
		stored_node_free(n);
		return NULL;
	}
	n->children = memdup(src->children, src->clen);
	n->clen = src->clen;
	if (src->clen && !n->children) {
		stored_node_free(n);
		return NULL;
	}
	return n;
}

void stored_node_free(struct stored_node *n)
{
	if (!n)
		return;
	free(n->name);
	free(n->perms);
	free(n->value);
	free(n->children);
	free(n);
}

int stored_node_set_value(struct stored_node *n, const void *data, size_t len)
{
	char *v = memdup(data, len);

	if (len && !v)
		return -ENOMEM;
	free(n->value);
	n->value = v;
	n->vlen = (uint32_t)len;
	return 0;
}

int stored_node_set_perms(struct stored_node *n, const struct xs_perm *perms, unsigned int nperms)
{
	struct xs_perm *p = memdup(perms, nperms * sizeof(*perms));

	if (!p)
		return -ENOMEM;
	free(n->perms);
	n->perms = p;
	n->nperms = nperms;
	return 0;
}

int stored_node_add_child(struct stored_node *n, const char *base)
{
	size_t len = strlen(base) + 1;
	char *c = realloc(n->children, n->clen + len);

	if (!c)
		return -ENOMEM;
	memcpy(c + n->clen, base, len);
	n->children = c;
	n->clen += (uint32_t)len;
	return 0;
}

int stored_node_del_child(struct stored_node *n, const char *base)
{
	size_t off = 0;

	while (off < n->clen) {
		size_t len = strlen(n->children + off) + 1;

		if (!strcmp(n->children + off, base)) {
			memmove(n->children + off, n->children + off + len, n->clen - off - len);
			n->clen -= (uint32_t)len;
			return 0;
		}
		off += len;
	}
	return -ENOENT;
}

size_t stored_node_acct_bytes(const struct stored_node *n)
{
	return STORED_NODE_HDR_BYTES + n->nperms * STORED_NODE_PERM_BYTES + n->vlen + n->clen;
}

const char *stored_node_basename(const char *name)
{
	return strrchr(name, '/') + 1;
}
