/*
 * console_io.c - the console_io hypercall: a guest's text on the
 * hypervisor's console, and (for the control domain) the serial input.
 *
 * Output goes through printk with a "(dN) " prefix for domUs, as Xen does;
 * dom0's text appears unprefixed. CONSOLEIO_read hands dom0 the bytes
 * received on the serial line since its last read (VIRQ_CONSOLE signals
 * new ones). Xen allows domUs to write only in debug builds; Lamina allows
 * it, rate-unlimited for now, as the reference's bring-up advice says.
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
	char chunk[CONSOLE_CHUNK + 1];

	switch (cmd) {
	case CONSOLEIO_write:
		while (count) {
			size_t n = MIN((size_t)count, (size_t)CONSOLE_CHUNK);
			if (copy_from_guest(chunk, buffer, n))
				return -EFAULT;
			chunk[n] = '\0';
			if (d->domain_id == 0)
				console_guest_write(chunk, n);
			else
				printk("(d%u) %s", d->domain_id, chunk);
			buffer += n;
			count -= n;
		}
		return 0;
	case CONSOLEIO_read:
		if (!d->is_privileged)
			return -EPERM;
		return console_read_input(buffer, count);
	default:
		return -ENOSYS;
	}
}
