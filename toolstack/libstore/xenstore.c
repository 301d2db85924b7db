/*
 * xenstore.c - the dom0 command-line client, one binary for every mode: run as
 * "xenstore <mode> ..." or under the name "xenstore-<mode>" (read, write, ls, list, rm,
 * exists, chmod, watch). Options, output and exit status are those Xen users know from Xen
 * 4.17's tools/xenstore/xenstore_client.c:
 *	read [-p] [-R] key...		values, one per line (-p: "key: value"; -R: raw bytes)
 *	write [-R] key value...		set pairs (values unescaped unless -R)
 *	rm [-t] key...			remove (-t: then empty parents, upwards)
 *	exists key...			exit status 0 when all exist
 *	list [-p] key...		children, one per line (-p: with the key in front)
 *	ls [-f] [-p] [path]		the tree below path (default "/") as indented
 *					'name = "value"' lines (-f: full paths; -p: permissions)
 *	chmod [-u] [-r] key perm...	set permissions "n0", "r5", "b7"... (-u: also on the
 *					parents; -r: also below)
 *	watch [-n NR] key...		print the path of each event (NR events, then exit)
 * Several keys are read, written, removed, checked or listed in one transaction, retried
 * when it conflicts (EAGAIN). The connection is libstore's xs_open(): $XENSTORED_PATH, the
 * daemon's socket, or /dev/xen/xenbus.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "libstore/xs_client.h"
#include "libstore/xs_text.h"

enum mode {
	MODE_READ,
	MODE_WRITE,
	MODE_RM,
	MODE_EXISTS,
	MODE_LIST,
	MODE_LS,
	MODE_CHMOD,
	MODE_WATCH,
	MODE_COUNT
};

static const char *const mode_names[MODE_COUNT] = {
    "read", "write", "rm", "exists", "list", "ls", "chmod", "watch",
};

/* What each mode accepts after its name. */
static const char *const mode_usage[MODE_COUNT] = {
    "[-h] [-p] [-s] [-R] key [...]",
    "[-h] [-s] [-R] key value [...]",
    "[-h] [-s] [-t] key [...]",
    "[-h] [-p] [-s] key [...]",
    "[-h] [-p] [-s] key [...]",
    "[-h] [-f] [-p] [-s] [path]",
    "[-h] [-u] [-r] [-s] key <mode [modes...]>",
    "[-h] [-n NR] key",
};

struct options {
	enum mode mode;
	bool prefix, tidy, upto, recurse, raw, flat;
	int nr_events; /* -1: forever */
	int width;     /* ls: line width */
};

/* ls: the shape of a tree line (xenstore_client.c's TAG and widths). */
#define LS_TAG " = \"...\""
#define LS_TAG_LEN ((int)sizeof(LS_TAG) - 1)
#define LS_DEFAULT_WIDTH 80
#define LS_PERMS_COLUMN 60

/* Output is gathered and printed once the transaction committed (a retry starts over). */
static char *out_buf;
static size_t out_len, out_cap;

static void out_add(const char *data, size_t len)
{
	if (out_len + len > out_cap) {
		out_cap = (out_len + len) * 2 + 256;
		out_buf = realloc(out_buf, out_cap);
		if (!out_buf)
			err(1, "malloc");
	}
	memcpy(out_buf + out_len, data, len);
	out_len += len;
}

static void out_str(const char *s)
{
	out_add(s, strlen(s));
}

static void out_escaped(const char *val, size_t len)
{
	char *text = xs_text_escape(val, len);

	if (!text)
		err(1, "malloc");
	out_str(text);
	free(text);
}

static void usage(enum mode mode, const char *prog, bool with_mode)
{
	errx(1, "Usage: %s %s%s%s", prog, with_mode ? mode_names[mode] : "", with_mode ? " " : "",
	     mode_usage[mode]);
}

static int do_read(struct xs_handle *h, uint32_t tx, const struct options *o, char *key)
{
	unsigned int len;
	char *val;

	if (xs_read(h, tx, key, &val, &len)) {
		warnx("couldn't read path %s", key);
		return 1;
	}
	if (o->prefix) {
		out_str(key);
		out_str(": ");
	}
	if (o->raw) {
		out_add(val, len);
	} else {
		out_escaped(val, len);
		out_str("\n");
	}
	free(val);
	return 0;
}

static int do_write(struct xs_handle *h, uint32_t tx, const struct options *o, char *key,
		    const char *spec)
{
	char *val = malloc(strlen(spec) + 1);
	size_t len;
	int rc;

	if (!val)
		err(1, "malloc");
	if (o->raw) {
		strcpy(val, spec);
		len = strlen(spec);
	} else {
		len = xs_text_unescape(spec, val);
	}
	rc = xs_write(h, tx, key, val, (unsigned int)len);
	free(val);
	if (rc) {
		warnx("could not write path %s", key);
		return 1;
	}
	return 0;
}

/* Is @path an empty node without children (so -t may remove it)? */
static bool empty_leaf(struct xs_handle *h, uint32_t tx, const char *path)
{
	unsigned int len, num;
	char *val, **names;
	bool empty = false;

	if (xs_read(h, tx, path, &val, &len))
		return false;
	if (len == 0 && !xs_directory(h, tx, path, &names, &num)) {
		empty = num == 0;
		free(names);
	}
	free(val);
	return empty;
}

static int do_rm(struct xs_handle *h, uint32_t tx, const struct options *o, const char *key)
{
	char *path = strdup(key), *slash;

	if (!path)
		err(1, "malloc");
	for (;;) {
		if (xs_rm(h, tx, path)) {
			warnx("could not remove path %s", path);
			free(path);
			return 1;
		}
		slash = o->tidy ? strrchr(path, '/') : NULL;
		if (!slash)
			break;
		*slash = 0;
		if (!path[0] || !empty_leaf(h, tx, path))
			break;
	}
	free(path);
	return 0;
}

static int do_exists(struct xs_handle *h, uint32_t tx, const char *key)
{
	char *val;

	if (xs_read(h, tx, key, &val, NULL))
		return 1;
	free(val);
	return 0;
}

static int do_list(struct xs_handle *h, uint32_t tx, const struct options *o, const char *key)
{
	unsigned int num;
	char **names;

	if (xs_directory(h, tx, key, &names, &num)) {
		warnx("could not list path %s", key);
		return 1;
	}
	for (unsigned int i = 0; i < num; i++) {
		if (o->prefix) {
			out_str(key);
			out_str("/");
		}
		out_str(names[i]);
		out_str("\n");
	}
	free(names);
	return 0;
}

/* ls: the value part of a line that has @col characters so far; returns the new column. */
static int ls_value(const struct options *o, int col, const char *val, unsigned int len)
{
	char *text = xs_text_escape(val, len);
	int room = o->width - LS_TAG_LEN - col;

	if (!text)
		err(1, "malloc");
	if (o->width < col + (int)len + LS_TAG_LEN) {
		printf(" = \"%.*s\\...\"", room > 0 ? room : 0, text);
		col = -1; /* truncated: no permission column */
	} else {
		col += printf(" = \"%s\"", text);
	}
	free(text);
	return col;
}

/* ls -p: pad to the permission column, then "  (n0,r5)". */
static void ls_perms(struct xs_handle *h, const struct options *o, const char *path, int col,
		     const char *name)
{
	int stop = o->flat ? 0 : (o->width < LS_PERMS_COLUMN ? o->width : LS_PERMS_COLUMN);
	struct xs_perm *perms;
	unsigned int n;

	if (col >= 0) {
		putchar(' ');
		for (col++; col < stop; col++)
			putchar(col & 1 ? '.' : ' ');
	}
	if (xs_get_perms(h, XS_TX_NONE, path, &perms, &n)) {
		warn("\ncould not access permissions for %s", name);
		return;
	}
	fputs("  (", stdout);
	for (unsigned int i = 0; i < n; i++) {
		char buf[XS_PERM_STRING_MAX];

		xs_perm_format(&perms[i], buf, sizeof(buf));
		printf("%s%s", i ? "," : "", buf);
	}
	putchar(')');
	free(perms);
}

static void do_ls(struct xs_handle *h, const struct options *o, const char *path, int depth)
{
	unsigned int num, len;
	char **names, *child, *val;
	int rc = xs_directory(h, XS_TX_NONE, path, &names, &num);

	if (rc) {
		if (depth && rc == -ENOENT)
			return; /* gone while we walked: skip quietly */
		errno = -rc;
		err(1, "xs_directory (%s)", path);
	}
	for (unsigned int i = 0; i < num; i++) {
		int col = 0;

		if (asprintf(&child, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
			     names[i]) < 0)
			err(1, "malloc");
		if (o->flat) {
			col = printf("%s", child);
		} else {
			for (; col < depth; col++)
				putchar(' ');
			col += printf("%.*s", o->width - LS_TAG_LEN - col, names[i]);
		}
		if (xs_read(h, XS_TX_NONE, child, &val, &len)) {
			printf(":\n");
			col = -1;
		} else {
			col = ls_value(o, col, val, len);
			free(val);
		}
		if (o->prefix)
			ls_perms(h, o, child, col, names[i]);
		putchar('\n');
		do_ls(h, o, child, depth + 1);
		free(child);
	}
	free(names);
}

static int do_chmod(struct xs_handle *h, uint32_t tx, const struct options *o, char *path,
		    const struct xs_perm *perms, unsigned int n, bool upto, bool recurse)
{
	unsigned int num;
	char **names, *child, *slash;
	int rc;

	if (!path[0])
		return 0;
	rc = xs_set_perms(h, tx, path, perms, n);
	if (rc) {
		errno = -rc;
		err(1, "Error occurred setting permissions on '%s'", path);
	}
	if (upto && (slash = strrchr(path, '/'))) {
		*slash = 0;
		do_chmod(h, tx, o, path, perms, n, true, false);
		*slash = '/';
	}
	if (recurse && !xs_directory(h, tx, path, &names, &num)) {
		for (unsigned int i = 0; i < num; i++) {
			if (asprintf(&child, "%s/%s", path, names[i]) < 0)
				err(1, "malloc");
			do_chmod(h, tx, o, child, perms, n, false, true);
			free(child);
		}
		free(names);
	}
	return 0;
}

/* A permission argument as xenstore_client.c reads it: a letter, then atoi of the rest. */
static void chmod_perm(const char *arg, struct xs_perm *p)
{
	static const char letters[] = "nrwb"; /* index = XS_PERM_READ | XS_PERM_WRITE bits */
	const char *l = arg[0] ? strchr(letters, arg[0]) : NULL;

	if (!l)
		errx(1, "Invalid permission specification: '%c'", arg[0]);
	p->perms = (uint32_t)(l - letters);
	p->id = (uint32_t)atoi(arg + 1);
}

static int chmod_args(struct xs_handle *h, uint32_t tx, const struct options *o, char **args, int n)
{
	struct xs_perm *perms = calloc((size_t)n, sizeof(*perms));
	int rc;

	if (!perms)
		err(1, "malloc");
	for (int i = 1; i < n; i++)
		chmod_perm(args[i], &perms[i - 1]);
	rc = do_chmod(h, tx, o, args[0], perms, (unsigned int)n - 1, o->upto, o->recurse);
	free(perms);
	return rc;
}

static int do_watch(struct xs_handle *h, const struct options *o, char **keys, int n)
{
	char *path, *token;

	for (int i = 0; i < n; i++)
		if (xs_watch(h, keys[i], keys[i]))
			errx(1, "Unable to add watch on %s\n", keys[i]);
	for (int count = 0; o->nr_events < 0 || count < o->nr_events; count++) {
		if (xs_read_watch(h, &path, &token))
			return 1;
		printf("%s\n", path);
		fflush(stdout);
		free(path);
		free(token);
	}
	return 0;
}

/* One pass over the keys of a transactional mode. */
static int perform(struct xs_handle *h, uint32_t tx, const struct options *o, char **args, int n)
{
	int i = 0;

	if (o->mode == MODE_CHMOD)
		return chmod_args(h, tx, o, args, n);
	while (i < n) {
		int rc = 0;

		switch (o->mode) {
		case MODE_READ:
			rc = do_read(h, tx, o, args[i]);
			break;
		case MODE_WRITE:
			rc = do_write(h, tx, o, args[i], args[i + 1]);
			i++;
			break;
		case MODE_RM:
			rc = do_rm(h, tx, o, args[i]);
			break;
		case MODE_EXISTS:
			rc = do_exists(h, tx, args[i]);
			break;
		case MODE_LIST:
			rc = do_list(h, tx, o, args[i]);
			break;
		default:
			break;
		}
		if (rc)
			return rc;
		i++;
	}
	return 0;
}

/* Run the keys in a transaction when the mode wants one, retrying on EAGAIN. */
static int run_transactional(struct xs_handle *h, const struct options *o, char **args, int n)
{
	bool tx_wanted = (o->mode == MODE_READ && n > 1) || (o->mode == MODE_WRITE && n > 2) ||
			 (o->mode != MODE_READ && o->mode != MODE_WRITE);
	uint32_t tx = XS_TX_NONE;
	int ret, rc;

	for (;;) {
		out_len = 0;
		if (tx_wanted && xs_transaction_start(h, &tx))
			errx(1, "couldn't start transaction");
		ret = perform(h, tx, o, args, n);
		if (!tx_wanted)
			break;
		rc = xs_transaction_end(h, tx, ret != 0);
		if (!rc)
			break;
		if (ret == 0 && rc == -EAGAIN)
			continue;
		errx(1, "couldn't end transaction");
	}
	fwrite(out_buf, 1, out_len, stdout);
	return ret;
}

static int parse_mode(const char *name, enum mode *mode)
{
	for (int m = 0; m < MODE_COUNT; m++) {
		if (!strcmp(name, mode_names[m])) {
			*mode = (enum mode)m;
			return 0;
		}
	}
	return -1;
}

/* Options: what each mode allows, as xenstore_client.c checks them. */
static void parse_options(int argc, char **argv, struct options *o, const char *prog,
			  bool with_mode)
{
	static const struct option longs[] = {
	    {"help", 0, 0, 'h'},   {"flat", 0, 0, 'f'}, {"prefix", 0, 0, 'p'},
	    {"tidy", 0, 0, 't'},   {"upto", 0, 0, 'u'}, {"recurse", 0, 0, 'r'},
	    {"number", 1, 0, 'n'}, {"raw", 0, 0, 'R'},	{0, 0, 0, 0},
	};
	enum mode m = o->mode;
	int c;

	while ((c = getopt_long(argc, argv, "hfspturn:R", longs, NULL)) != -1) {
		/* '?': getopt said what was wrong; Xen's client carries on regardless. */
		bool ok = c == 's' || c == '?' || (c == 'f' && m == MODE_LS) ||
			  (c == 'p' && (m == MODE_READ || m == MODE_LIST || m == MODE_LS)) ||
			  (c == 't' && m == MODE_RM) ||
			  ((c == 'u' || c == 'r') && m == MODE_CHMOD) ||
			  (c == 'n' && m == MODE_WATCH) ||
			  (c == 'R' && (m == MODE_READ || m == MODE_WRITE));

		if (!ok)
			usage(m, prog, with_mode);
		o->flat |= c == 'f';
		o->prefix |= c == 'p';
		o->tidy |= c == 't';
		o->upto |= c == 'u';
		o->recurse |= c == 'r';
		o->raw |= c == 'R';
		if (c == 'n')
			o->nr_events = atoi(optarg);
	}
}

int main(int argc, char **argv)
{
	const char *prog = argv[0], *base = strrchr(argv[0], '/');
	struct options o = {.nr_events = -1, .width = LS_DEFAULT_WIDTH};
	bool with_mode = true;
	struct xs_handle *h;
	struct winsize ws;
	char *root = "/";
	int rc, n;

	base = base ? base + 1 : argv[0];
	if (!strncmp(base, "xenstore-", 9) && !parse_mode(base + 9, &o.mode)) {
		with_mode = false;
	} else if (argc < 2 || parse_mode(argv[1], &o.mode)) {
		errx(1, argc < 2 ? "Usage: %s <mode> [-h] [...]" : "unknown mode %s\n",
		     argc < 2 ? prog : argv[1]);
	} else {
		argc--;
		argv++;
	}
	parse_options(argc, argv, &o, prog, with_mode);
	n = argc - optind;
	if ((o.mode != MODE_LS && n == 0) || (o.mode == MODE_WRITE && n % 2))
		usage(o.mode, prog, with_mode);
	if (o.flat)
		o.width = INT_MAX / 2;
	else if (o.mode == MODE_LS && !ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col > 2)
		o.width = ws.ws_col - 2;
	rc = xs_open(&h);
	if (rc) {
		errno = -rc;
		err(1, "xs_open");
	}
	if (o.mode == MODE_LS) {
		do_ls(h, &o, n ? argv[optind] : root, 0);
		rc = 0;
	} else if (o.mode == MODE_WATCH) {
		rc = do_watch(h, &o, argv + optind, n);
	} else {
		rc = run_transactional(h, &o, argv + optind, n);
	}
	xs_close(h);
	free(out_buf);
	return rc;
}
