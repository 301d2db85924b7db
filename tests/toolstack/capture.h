/*
 * capture.h - collect what a function prints to a FILE as a string, for the CLI tests.
 *
 *	struct capture cap;
 *	cli_list_header(capture_begin(&cap));
 *	ck_assert_str_eq(capture_end(&cap), "...");
 *	capture_free(&cap);
 */
#ifndef TOOLSTACK_TEST_CAPTURE_H
#define TOOLSTACK_TEST_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>

struct capture {
	char *text;
	size_t size;
	FILE *f;
};

/* capture_begin - a FILE whose output capture_end() returns. */
static inline FILE *capture_begin(struct capture *c)
{
	c->text = NULL;
	c->f = open_memstream(&c->text, &c->size);
	return c->f;
}

/* capture_end - close the FILE; returns everything written, NUL-terminated. */
static inline const char *capture_end(struct capture *c)
{
	fclose(c->f);
	return c->text;
}

static inline void capture_free(struct capture *c)
{
	free(c->text);
}

#endif /* TOOLSTACK_TEST_CAPTURE_H */
