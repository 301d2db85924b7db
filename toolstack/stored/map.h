/*
 * map.h - a hash map from strings to pointers: the daemon's node table (path -> node) and each
 * transaction's table of the nodes it touched.
 *
 * The map stores the key pointer it is given, not a copy: the key must stay valid and
 * unchanged while its entry exists (nodes use their own name as key). Pure logic.
 */
#ifndef STORED_MAP_H
#define STORED_MAP_H

#include <stddef.h>
#include <stdint.h>

struct stored_map_entry {
	struct stored_map_entry *next;
	uint32_t hash;
	const char *key;
	void *value;
};

struct stored_map {
	struct stored_map_entry **buckets;
	size_t nbuckets; /* a power of two */
	size_t count;
};

/* stored_map_init - an empty map. Returns 0 or -ENOMEM. */
int stored_map_init(struct stored_map *m);

/* stored_map_destroy - free the map's own memory (not keys or values). */
void stored_map_destroy(struct stored_map *m);

/* stored_map_get - the value stored under @key, or NULL. */
void *stored_map_get(const struct stored_map *m, const char *key);

/*
 * stored_map_put - store @value under @key, replacing the key pointer and value of an entry
 * with an equal key. Returns 0, or -ENOMEM (the map is unchanged).
 */
int stored_map_put(struct stored_map *m, const char *key, void *value);

/* stored_map_remove - remove @key's entry; returns its value, or NULL when there was none. */
void *stored_map_remove(struct stored_map *m, const char *key);

/*
 * stored_map_next - iterate: the entry after @e (NULL: the first); NULL at the end. The map
 * must not change during an iteration.
 */
const struct stored_map_entry *stored_map_next(const struct stored_map *m,
					       const struct stored_map_entry *e);

#endif /* STORED_MAP_H */
