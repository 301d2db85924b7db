/*
 * xsbench.c - xenstore throughput from dom0, the client load of tests/bench/xenstore.sh:
 *
 *	xsbench TRANSPORT OP COUNT
 *
 * TRANSPORT is "socket" (the daemon's Unix socket) or "xenbus" (/dev/xen/xenbus: through
 * dom0's kernel and its ring page); OP is one of
 *	read	READ of a 16-byte value
 *	write	WRITE of a 16-byte value
 *	dir	DIRECTORY of a node with 64 children
 *	txn	a transaction: START, READ a counter, WRITE it back incremented, END (commit,
 *		retried on EAGAIN)
 * COUNT operations run back to back after a warm-up of COUNT/10; the result is one line:
 *	xsbench TRANSPORT OP COUNT ops US us OPS ops/s
 * Any failing request ends the run with a message and exit status 1. The daemon behind the
 * transport is whichever runs (lamina-stored or Xen's xenstored): the client is libstore's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libstore/xs_client.h"

#define BENCH_VALUE "0123456789abcdef"
#define BENCH_CHILDREN 64

static struct xs_handle *h;

static void die(const char *what, int rc)
{
	fprintf(stderr, "xsbench: %s: %s\n", what, strerror(-rc));
	exit(1);
}

static void op_read(void)
{
	char *v;
	int rc = xs_read(h, XS_TX_NONE, "/bench/value", &v, NULL);

	if (rc)
		die("read", rc);
	free(v);
}

static void op_write(void)
{
	int rc = xs_write(h, XS_TX_NONE, "/bench/value", BENCH_VALUE, sizeof(BENCH_VALUE) - 1);

	if (rc)
		die("write", rc);
}

static void op_dir(void)
{
	char **names;
	unsigned int n;
	int rc = xs_directory(h, XS_TX_NONE, "/bench/dir", &names, &n);

	if (rc || n != BENCH_CHILDREN)
		die("directory", rc ? rc : -EIO);
	free(names);
}

static void op_txn(void)
{
	char *v, buf[24];
	uint32_t tx;
	int rc;

	do {
		rc = xs_transaction_start(h, &tx);
		if (rc)
			die("transaction start", rc);
		rc = xs_read(h, tx, "/bench/counter", &v, NULL);
		if (rc)
			die("transaction read", rc);
		snprintf(buf, sizeof(buf), "%lu", strtoul(v, NULL, 10) + 1);
		free(v);
		rc = xs_write(h, tx, "/bench/counter", buf, (unsigned int)strlen(buf));
		if (rc)
			die("transaction write", rc);
		rc = xs_transaction_end(h, tx, false);
	} while (rc == -EAGAIN);
	if (rc)
		die("transaction end", rc);
}

static void setup_nodes(void)
{
	char path[64];
	int rc = xs_write(h, XS_TX_NONE, "/bench/value", BENCH_VALUE, sizeof(BENCH_VALUE) - 1);

	if (!rc)
		rc = xs_write(h, XS_TX_NONE, "/bench/counter", "0", 1);
	for (int i = 0; !rc && i < BENCH_CHILDREN; i++) {
		snprintf(path, sizeof(path), "/bench/dir/child-%02d", i);
		rc = xs_mkdir(h, XS_TX_NONE, path);
	}
	if (rc)
		die("setting up /bench", rc);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} ops[] = { { "read", op_read }, { "write", op_write }, { "dir", op_dir }, { "txn", op_txn } };
	void (*fn)(void) = NULL;
	long count;
	double t0, us;
	int rc;

	if (argc != 4) {
		fprintf(stderr, "usage: xsbench socket|xenbus read|write|dir|txn COUNT\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcmp(argv[2], ops[i].name))
			fn = ops[i].fn;
	count = strtol(argv[3], NULL, 10);
	if (!fn || count <= 0) {
		fprintf(stderr, "xsbench: bad operation or count\n");
		return 2;
	}
	rc = !strcmp(argv[1], "xenbus") ? xs_open_dev(XS_XENBUS_DEV, &h)
					: xs_open_socket(XS_DAEMON_SOCKET, &h);
	if (rc)
		die(argv[1], rc);
	setup_nodes();
	for (long i = 0; i < count / 10; i++)
		fn();
	t0 = now_us();
	for (long i = 0; i < count; i++)
		fn();
	us = now_us() - t0;
	printf("xsbench %s %s %ld ops %.0f us %.0f ops/s\n", argv[1], argv[2], count, us,
	       count / (us / 1e6));
	xs_close(h);
	return 0;
}
