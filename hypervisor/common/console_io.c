/*
 * console_io.c - the console_io hypercall: a guest's text on the
 * hypervisor's console, and (for the control domain) the serial input.
 *
 * Only the control domain may use it: a domU gets -EPERM for both commands,
 * as from Xen's release builds (xsm_console_io in xen/include/xsm/dummy.h;
 * only debug builds let domUs write), so no domU can flood the serial line.
 * A domU's text goes through its console ring (lamina-consoled). dom0's
 * text appears unprefixed. CONSOLEIO_read hands dom0 the bytes received on
 * the serial line since its last read (VIRQ_CONSOLE signals new ones).
 */
#include <asm/uaccess.h>
#include <lamina/console.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/hypercall.h>
#include <xen/xen.h>

#define CONSOLE_CHUNK 128

long do_console_io(unsigned long cmd, unsigned long count, unsigned long buffer, unsigned long a4,
		   unsigned long a5)
{
	struct domain *d = current->domain;
	char chunk[CONSOLE_CHUNK];

	if (!d->is_privileged)
		return -EPERM;
	switch (cmd) {
	case CONSOLEIO_write:
		while (count) {
			size_t n = MIN((size_t)count, (size_t)CONSOLE_CHUNK);
			if (copy_from_guest(chunk, buffer, n))
				return -EFAULT;
			console_guest_write(chunk, n);
			buffer += n;
			count -= n;
		}
		return 0;
	case CONSOLEIO_read:
		return console_read_input(buffer, count);
	default:
		return -ENOSYS;
	}
}
