/*
 * memtest.c - exercise dom0's memory management: fork N processes that each
 * touch some memory and exit, then map and touch a large anonymous area,
 * check its contents, and unmap it. Prints one line per step and a verdict.
 * Usage: memtest [processes] [MiB]   (default 200 processes, 64 MiB)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

int main(int argc, char **argv)
{
	int procs = argc > 1 ? atoi(argv[1]) : 200;
	size_t mib = argc > 2 ? (size_t)atoi(argv[2]) : 64;
	int bad = 0;

	for (int i = 0; i < procs; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("memtest: fork");
			return 1;
		}
		if (pid == 0) {
			static char touch[64 * 1024];
			memset(touch, i, sizeof(touch));
			_exit(touch[i] == (char)i ? 0 : 1);
		}
		int status;
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
			bad++;
	}
	printf("memtest: %d processes forked, %d failed\n", procs, bad);

	size_t len = mib << 20;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("memtest: mmap");
		return 1;
	}
	for (size_t off = 0; off < len; off += PAGE)
		p[off] = (unsigned char)(off / PAGE * 7);
	size_t wrong = 0;
	for (size_t off = 0; off < len; off += PAGE)
		if (p[off] != (unsigned char)(off / PAGE * 7))
			wrong++;
	munmap(p, len);
	printf("memtest: %zu MiB mapped and touched, %zu pages wrong\n", mib, wrong);
	printf("memtest: %s\n", bad || wrong ? "FAIL" : "PASS");
	return bad || wrong;
}
