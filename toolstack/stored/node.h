/*
 * node.h - one xenstore node as the daemon keeps it: its path, value, permissions, the names of
 * its children and its generation count.
 *
 * Children are kept as Xen keeps them: their base names, each followed by a NUL, in the order
 * they were created; XS_DIRECTORY sends that buffer as it is and XS_DIRECTORY_PART counts its
 * offsets in it. The generation is the store's write counter at the node's last change
 * (transaction conflicts compare it). Pure logic.
 */
#ifndef STORED_NODE_H
#define STORED_NODE_H

#include <stddef.h>
#include <stdint.h>

#include "libstore/xs_codec.h"

/* Generation of a node that does not exist (Xen's NO_GENERATION). */
#define STORED_NO_GENERATION UINT64_MAX

/*
 * Bytes Xen 4.17 accounts for a node against the node-size quota: its record header
 * (struct xs_tdb_record_hdr: 64-bit generation and three 32-bit counts, padded to 24 bytes),
 * 8 bytes per permission, the value and the children names (xenstored_core.c, write_node_raw).
 */
#define STORED_NODE_HDR_BYTES 24u
#define STORED_NODE_PERM_BYTES 8u

struct stored_node {
	char *name; /* absolute path: the node table's key */
	uint64_t generation;
	unsigned int nperms; /* >= 1; perms[0] is the owner and everyone's default */
	struct xs_perm *perms;
	uint32_t vlen; /* value bytes (may hold NULs) */
	char *value;   /* NULL when vlen is 0 */
	uint32_t clen; /* bytes of children names with their NULs */
	char *children;
};

/* stored_node_new - a node @name with the @nperms permissions @perms, no value, no children. */
struct stored_node *stored_node_new(const char *name, const struct xs_perm *perms,
				    unsigned int nperms);

/* stored_node_dup - a deep copy of @n, or NULL when out of memory. */
struct stored_node *stored_node_dup(const struct stored_node *n);

/* stored_node_free - free @n and everything it holds (NULL is allowed). */
void stored_node_free(struct stored_node *n);

/* stored_node_set_value - replace the value of @n by @len bytes of @data. 0 or -ENOMEM. */
int stored_node_set_value(struct stored_node *n, const void *data, size_t len);

/* stored_node_set_perms - replace the permissions of @n. 0 or -ENOMEM. */
int stored_node_set_perms(struct stored_node *n, const struct xs_perm *perms, unsigned int nperms);

/* stored_node_add_child - append base name @base to the children of @n. 0 or -ENOMEM. */
int stored_node_add_child(struct stored_node *n, const char *base);

/* stored_node_del_child - remove base name @base from the children of @n. 0 or -ENOENT. */
int stored_node_del_child(struct stored_node *n, const char *base);

/* stored_node_acct_bytes - the size Xen 4.17 accounts for @n (see STORED_NODE_HDR_BYTES). */
size_t stored_node_acct_bytes(const struct stored_node *n);

/* stored_node_basename - the last component of absolute path @name ("" for "/"). */
const char *stored_node_basename(const char *name);

#endif /* STORED_NODE_H */
