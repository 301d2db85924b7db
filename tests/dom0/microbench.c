/*
 * microbench.c - operating-system micro-benchmarks for dom0 (or any Linux):
 * a system call (getppid), fork+exit+wait, a page fault on fresh anonymous
 * memory, and a context switch between two processes over a pipe. Prints
 * "microbench <name>: <ns> ns/op (<ops> ops)" per benchmark, the median of
 * several rounds, timed with CLOCK_MONOTONIC. Usage: microbench [SCALE [NAME]]:
 * SCALE multiplies the operation counts (default 1), NAME runs one benchmark.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 5

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp);
	return v[n / 2];
}

static double bench_getppid(long ops)
{
	double t0 = now_ns();
	for (long i = 0; i < ops; i++)
		getppid();
	return (now_ns() - t0) / ops;
}

static double bench_fork(long ops)
{
	double t0 = now_ns();
	for (long i = 0; i < ops; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
	}
	return (now_ns() - t0) / ops;
}

static double bench_page_fault(long ops)
{
	size_t len = (size_t)ops * 4096;
	volatile char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	double t0 = now_ns();
	for (long i = 0; i < ops; i++)
		p[i * 4096] = 1;
	double t = (now_ns() - t0) / ops;
	munmap((void *)p, len);
	return t;
}

static double bench_pipe_switch(long ops)
{
	int a[2], b[2];
	char c = 0;

	if (pipe(a) || pipe(b))
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		for (long i = 0; i < ops; i++) {
			if (read(a[0], &c, 1) != 1 || write(b[1], &c, 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	double t0 = now_ns();
	for (long i = 0; i < ops; i++) {
		if (write(a[1], &c, 1) != 1 || read(b[0], &c, 1) != 1)
			break;
	}
	double t = (now_ns() - t0) / (2.0 * ops); /* two switches per round trip */
	waitpid(pid, NULL, 0);
	return t;
}

static const char *only; /* run just this benchmark (argv[2]), or all */

static void run(const char *name, double (*fn)(long), long ops)
{
	double r[ROUNDS];

	if (only && strcmp(only, name))
		return;
	for (int i = 0; i < ROUNDS; i++)
		r[i] = fn(ops);
	printf("microbench %s: %.0f ns/op (%ld ops)\n", name, median(r, ROUNDS), ops);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	double scale = argc > 1 ? atof(argv[1]) : 1.0;

	only = argc > 2 ? argv[2] : NULL;
	run("getppid", bench_getppid, (long)(20000 * scale));
	run("fork_exit_wait", bench_fork, (long)(100 * scale));
	run("page_fault", bench_page_fault, (long)(4000 * scale));
	run("pipe_switch", bench_pipe_switch, (long)(2000 * scale));
	return 0;
}
