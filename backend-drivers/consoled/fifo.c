/*
 * fifo.c - the output queue between a console ring and its pseudo-terminal (see fifo.h).
 */
#include <stdlib.h>
#include <string.h>

#include "consoled/fifo.h"

static size_t smaller(size_t a, size_t b)
{
	return a < b ? a : b;
}

static size_t kept_at_most(const struct consoled_fifo *f)
{
	return f->limit < CONSOLED_FIFO_MIN_BYTES ? CONSOLED_FIFO_MIN_BYTES : f->limit;
}

void consoled_fifo_set_limit(struct consoled_fifo *f, size_t limit)
{
	f->limit = limit;
}

size_t consoled_fifo_peek(const struct consoled_fifo *f, const char **p)
{
	*p = f->data;
	if (!f->len)
		return 0;
	*p += f->head;
	return smaller(f->len, f->capacity - f->head);
}

void consoled_fifo_consume(struct consoled_fifo *f, size_t n)
{
	n = smaller(n, f->len);
	f->len -= n;
	f->head = f->len ? (f->head + n) % f->capacity : 0;
}

/* Make room for @need bytes in one new allocation, the queued bytes moved to its start. */
static int grow(struct consoled_fifo *f, size_t need)
{
	size_t capacity = f->capacity ? f->capacity : CONSOLED_FIFO_MIN_BYTES, first;
	char *data;

	while (capacity < need)
		capacity *= 2;
	capacity = smaller(capacity, kept_at_most(f));
	data = malloc(capacity);
	if (!data)
		return -1;
	first = smaller(f->len, f->capacity - f->head);
	if (f->len) {
		memcpy(data, f->data + f->head, first);
		memcpy(data + first, f->data, f->len - first);
	}
	free(f->data);
	f->data = data;
	f->capacity = capacity;
	f->head = 0;
	return 0;
}

long consoled_fifo_push(struct consoled_fifo *f, const char *buf, size_t n)
{
	size_t limit = kept_at_most(f), dropped = 0, over, tail, first;

	if (!n)
		return 0;
	if (n > limit) { /* only the newest @limit bytes of @buf can stay */
		dropped = n - limit;
		buf += dropped;
		n = limit;
	}
	over = f->len + n > limit ? f->len + n - limit : 0;
	if (f->len - over + n > f->capacity && grow(f, f->len - over + n))
		return -1;
	consoled_fifo_consume(f, over);
	dropped += over;
	tail = (f->head + f->len) % f->capacity;
	first = smaller(n, f->capacity - tail);
	memcpy(f->data + tail, buf, first);
	memcpy(f->data, buf + first, n - first);
	f->len += n;
	f->dropped += dropped;
	return (long)dropped;
}

void consoled_fifo_release(struct consoled_fifo *f)
{
	free(f->data);
	f->data = NULL;
	f->capacity = f->head = f->len = 0;
}
