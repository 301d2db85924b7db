/*
 * console.c - the console_io hypercall: CONSOLEIO_write / CONSOLEIO_read from dom0.
 */
#include "rt.h"

static void write_returns_zero(void)
{
	static const char msg[] = "console: a line written with one CONSOLEIO_write\n";
	long rc = hc_console_io(CONSOLEIO_write, sizeof(msg) - 1, msg);

	CHECK_RC(rc, 0, "CONSOLEIO_write of a complete line");
}

static void write_zero_length(void)
{
	long rc = hc_console_io(CONSOLEIO_write, 0, "x");

	CHECK_RC(rc, 0, "CONSOLEIO_write with count 0");
	/* A NULL buffer with count 0 is not dereferenced either. */
	rc = hc_console_io(CONSOLEIO_write, 0, NULL);
	CHECK_RC(rc, 0, "CONSOLEIO_write(count 0, NULL)");
}

static void write_long_buffer(void)
{
	static char buf[3000];
	long rc;

	/* Longer than any internal chunk: a hypervisor must loop (or preempt) over it. */
	for (unsigned int i = 0; i < sizeof(buf); i++)
		buf[i] = (i % 100 == 99) ? '\n' : (char)('a' + i % 26);
	memcpy(buf, "console-long ", 13);
	rc = hc_console_io(CONSOLEIO_write, sizeof(buf), buf);
	CHECK_RC(rc, 0, "CONSOLEIO_write of 3000 bytes");
}

static void write_bad_pointer(void)
{
	long rc = hc_console_io(CONSOLEIO_write, 16, (void *)0x1000);

	CHECK_RC(rc, -XEN_EFAULT, "CONSOLEIO_write from unmapped 0x1000");
	rc = hc_console_io(CONSOLEIO_write, 16, (void *)0xffff830000000000UL);
	CHECK_RC(rc, -XEN_EFAULT, "CONSOLEIO_write from the hypervisor area 0xffff830000000000");
	rc = hc_console_io(CONSOLEIO_write, 16, (void *)0x8000000000000000UL);
	CHECK_RC(rc, -XEN_EFAULT, "CONSOLEIO_write from non-canonical 0x8000000000000000");
}

static void read_without_input(void)
{
	char buf[16];
	long rc;

	memset(buf, 0x5a, sizeof(buf));
	rc = hc_console_io(CONSOLEIO_read, sizeof(buf), buf);
	CHECK_RC(rc, 0, "CONSOLEIO_read with no pending input (bytes read)");
	rc = hc_console_io(CONSOLEIO_read, 0, buf);
	CHECK_RC(rc, 0, "CONSOLEIO_read with count 0");
}

static void unknown_subop(void)
{
	long rc = hc_console_io(2, 4, "abcd");

	CHECK_RC(rc, -XEN_ENOSYS, "console_io sub-op 2");
	rc = hc_console_io(0x12345, 4, "abcd");
	CHECK_RC(rc, -XEN_ENOSYS, "console_io sub-op 0x12345");
}

static const struct rt_case cases[] = {
	RT_CASE(write_returns_zero),
	RT_CASE(write_zero_length),
	RT_CASE(write_long_buffer),
	RT_CASE(write_bad_pointer),
	RT_CASE(read_without_input),
	RT_CASE(unknown_subop),
};
RT_SUITE("console", cases, NULL);
