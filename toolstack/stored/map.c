/*
 * map.c - string-keyed hash map with chained buckets that doubles when the load passes one
 * entry per bucket (see map.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "stored/map.h"

#define MAP_MIN_BUCKETS 64

/* FNV-1a, 32 bits. */
static uint32_t hash_key(const char *key)
{
	uint32_t h = 2166136261u;

	while (*key)
		h = (h ^ (uint8_t)*key++) * 16777619u;
	return h;
}

int stored_map_init(struct stored_map *m)
{
	m->buckets = calloc(MAP_MIN_BUCKETS, sizeof(*m->buckets));
	m->nbuckets = MAP_MIN_BUCKETS;
	m->count = 0;
	return m->buckets ? 0 : -ENOMEM;
}

void stored_map_destroy(struct stored_map *m)
{
	for (size_t i = 0; i < m->nbuckets; i++) {
		while (m->buckets[i]) {
			struct stored_map_entry *e = m->buckets[i];

			m->buckets[i] = e->next;
			free(e);
		}
	}
	free(m->buckets);
	m->buckets = NULL;
	m->nbuckets = 0;
	m->count = 0;
}

static struct stored_map_entry **find(const struct stored_map *m, const char *key, uint32_t h)
{
	struct stored_map_entry **pe = &m->buckets[h & (m->nbuckets - 1)];

	while (*pe && ((*pe)->hash != h || strcmp((*pe)->key, key)))
		pe = &(*pe)->next;
	return pe;
}

void *stored_map_get(const struct stored_map *m, const char *key)
{
	struct stored_map_entry *e = *find(m, key, hash_key(key));

	return e ? e->value : NULL;
}

/* Double the bucket array; on failure the map keeps working, only slower. */
static void grow(struct stored_map *m)
{
	size_t n = m->nbuckets * 2;
	struct stored_map_entry **b = calloc(n, sizeof(*b));

	if (!b)
		return;
	for (size_t i = 0; i < m->nbuckets; i++) {
		while (m->buckets[i]) {
			struct stored_map_entry *e = m->buckets[i];

			m->buckets[i] = e->next;
			e->next = b[e->hash & (n - 1)];
			b[e->hash & (n - 1)] = e;
		}
	}
	free(m->buckets);
	m->buckets = b;
	m->nbuckets = n;
}

int stored_map_put(struct stored_map *m, const char *key, void *value)
{
	uint32_t h = hash_key(key);
	struct stored_map_entry **pe = find(m, key, h);

	if (*pe) {
		(*pe)->key = key;
		(*pe)->value = value;
		return 0;
	}
	struct stored_map_entry *e = malloc(sizeof(*e));

	if (!e)
		return -ENOMEM;
	e->next = NULL;
	e->hash = h;
	e->key = key;
	e->value = value;
	*pe = e;
	if (++m->count > m->nbuckets)
		grow(m);
	return 0;
}

void *stored_map_remove(struct stored_map *m, const char *key)
{
	struct stored_map_entry **pe = find(m, key, hash_key(key));
	struct stored_map_entry *e = *pe;
	void *value;

	if (!e)
		return NULL;
	*pe = e->next;
	value = e->value;
	free(e);
	m->count--;
	return value;
}

const struct stored_map_entry *stored_map_next(const struct stored_map *m,
					       const struct stored_map_entry *e)
{
	size_t i = 0;

	if (e) {
		if (e->next)
			return e->next;
		i = (e->hash & (m->nbuckets - 1)) + 1;
	}
	for (; i < m->nbuckets; i++)
		if (m->buckets[i])
			return m->buckets[i];
	return NULL;
}
