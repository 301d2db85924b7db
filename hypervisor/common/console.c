/*
 * console.c - printk: the serial console, log levels and the console ring.
 *
 * Every line is prefixed with "(lamina) " and stored in the ring; lines at or
 * below the loglvl= threshold also go out on the serial port chosen by
 * console= (com1, the default, com2, or none).
 */
#include <asm/spinlock.h>
#include <lamina/console.h>
#include <xen/sysctl.h>
#include <asm/time.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/event.h>
#include <lamina/lib.h>
#include <lamina/param.h>
#include <lamina/serial.h>
#include <lamina/shutdown.h>
#include <lamina/timer.h>
#include <asm/uaccess.h>

static uint16_t serial_port = COM1_PORT; /* 0: no serial console */
static int log_threshold = LOG_LEVEL_INFO;

static char conring[CONRING_BYTES];
static uint64_t conring_prod; /* bytes ever written; conring[prod % size] is next */

static spinlock_t console_lock = SPINLOCK_INIT;
static bool at_line_start = true;

static int parse_console(const char *v)
{
	if (!strcmp(v, "com1"))
		serial_port = COM1_PORT;
	else if (!strcmp(v, "com2"))
		serial_port = COM2_PORT;
	else if (!strcmp(v, "none"))
		serial_port = 0;
	else
		return -EINVAL;
	return 0;
}
custom_param("console", parse_console);

static int parse_loglvl(const char *v)
{
	static const char *const names[] = { "error", "warning", "info", "debug" };
	const char *end;

	if (!strcmp(v, "none")) {
		log_threshold = LOG_LEVEL_NONE;
		return 0;
	}
	if (!strcmp(v, "all")) {
		log_threshold = LOG_LEVEL_DEBUG;
		return 0;
	}
	for (int i = 0; i < (int)ARRAY_SIZE(names); i++) {
		if (!strcmp(v, names[i])) {
			log_threshold = i;
			return 0;
		}
	}
	unsigned long n = parse_ulong(v, &end);
	if (end == v || *end || n > LOG_LEVEL_DEBUG)
		return -EINVAL;
	log_threshold = (int)n;
	return 0;
}
custom_param("loglvl", parse_loglvl);

void console_init(void)
{
	if (serial_port)
		serial_init(serial_port);
}

static void ring_put(char c)
{
	conring[conring_prod % CONRING_BYTES] = c;
	conring_prod++;
}

static void emit(const char *s, size_t n, bool to_serial)
{
	static const char prefix[] = "(lamina) ";

	for (size_t i = 0; i < n; i++) {
		if (at_line_start) {
			for (const char *p = prefix; *p; p++) {
				ring_put(*p);
				if (to_serial)
					serial_putc(serial_port, *p);
			}
			at_line_start = false;
		}
		ring_put(s[i]);
		if (to_serial)
			serial_putc(serial_port, s[i]);
		if (s[i] == '\n')
			at_line_start = true;
	}
}

void vprintk(const char *fmt, va_list ap)
{
	char buf[1024];
	int level = LOG_LEVEL_INFO;

	if (fmt[0] == '\001' && fmt[1] >= '0' && fmt[1] <= '3') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	int n = lamina_vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;

	unsigned long flags = spin_lock_irqsave(&console_lock);
	emit(buf, (size_t)n, serial_port && level <= log_threshold);
	spin_unlock_irqrestore(&console_lock, flags);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void console_guest_write(const char *s, size_t n)
{
	unsigned long flags = spin_lock_irqsave(&console_lock);

	/* Straight to the serial line, not the ring: as in Xen, `dmesg` shows the hypervisor's own. */
	for (size_t i = 0; i < n && serial_port; i++)
		serial_putc(serial_port, s[i]);
	if (n)
		at_line_start = s[n - 1] == '\n';
	spin_unlock_irqrestore(&console_lock, flags);
}

/*
 * Serial input for dom0 (Xen's serial_rx ring): a timer drains the UART
 * every SERIAL_POLL_NS into a ring and raises VIRQ_CONSOLE; dom0's console
 * driver then takes the bytes with CONSOLEIO_read.
 */
#define SERIAL_RX_SIZE 128
#define SERIAL_POLL_NS (10 * NS_PER_MS)

static char serial_rx_ring[SERIAL_RX_SIZE];
static unsigned int serial_rx_prod, serial_rx_cons;
static struct timer serial_poll_timer;

static void serial_poll(void *data)
{
	bool got = false;
	int c;

	while (serial_port && (c = serial_getc(serial_port)) >= 0) {
		if (serial_rx_prod - serial_rx_cons < SERIAL_RX_SIZE)
			serial_rx_ring[serial_rx_prod++ % SERIAL_RX_SIZE] = (char)c;
		got = true; /* a full ring drops the byte, as a UART would */
	}
	if (got)
		send_guest_global_virq(hardware_domain, VIRQ_CONSOLE);
	set_timer(&serial_poll_timer, NOW() + SERIAL_POLL_NS);
}

void console_start_input(void)
{
	init_timer(&serial_poll_timer, serial_poll, NULL);
	set_timer(&serial_poll_timer, NOW() + SERIAL_POLL_NS);
}

long console_read_input(unsigned long guest_buf, unsigned long count)
{
	long n = 0;

	if (count > 0x7FFFFFFF)
		return -E2BIG;
	while (serial_rx_cons != serial_rx_prod && (unsigned long)n < count) {
		char c = serial_rx_ring[serial_rx_cons % SERIAL_RX_SIZE];
		if (copy_to_guest(guest_buf + n, &c, 1))
			return -EFAULT;
		serial_rx_cons++;
		n++;
	}
	return n;
}

size_t console_ring_read(uint64_t *pos, char *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&console_lock);
	uint64_t oldest = conring_prod > CONRING_BYTES ? conring_prod - CONRING_BYTES : 0;
	size_t n = 0;

	if (*pos < oldest)
		*pos = oldest;
	while (n < len && *pos < conring_prod)
		buf[n++] = conring[(*pos)++ % CONRING_BYTES];
	spin_unlock_irqrestore(&console_lock, flags);
	return n;
}

static uint64_t conring_cons; /* where readconsole starts when not incremental */

long console_readconsole(struct xen_sysctl_readconsole *op)
{
	unsigned long flags = spin_lock_irqsave(&console_lock);
	uint64_t oldest = conring_prod > CONRING_BYTES ? conring_prod - CONRING_BYTES : 0;
	uint32_t p = (uint32_t)conring_prod, c, sofar = 0;
	long rc = 0;

	if (conring_cons < oldest)
		conring_cons = oldest;
	c = (uint32_t)conring_cons;
	/* Start at the caller's index only when it lies within what the ring holds. */
	if (op->incremental &&
	    (c <= p ? c < op->index && op->index <= p : c < op->index || op->index <= p))
		c = op->index;
	while (c != p && sofar < op->count) {
		char chunk[64];
		uint32_t len = 0;
		while (c != p && sofar + len < op->count && len < sizeof(chunk))
			chunk[len++] = conring[(conring_prod - (uint32_t)(p - c)) % CONRING_BYTES], c++;
		if (copy_to_guest((unsigned long)op->buffer + sofar, chunk, len)) {
			rc = -EFAULT;
			break;
		}
		sofar += len;
	}
	if (!rc && op->clear)
		conring_cons = conring_prod - (uint32_t)(p - c);
	spin_unlock_irqrestore(&console_lock, flags);
	op->count = sofar;
	op->index = c;
	return rc;
}

uint64_t console_ring_produced(void)
{
	return conring_prod;
}

void console_force_unlock(void)
{
	console_lock = (spinlock_t)SPINLOCK_INIT;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	local_irq_disable();
	console_force_unlock();
	printk(LOG_ERR "\n****************************************\n");
	printk(LOG_ERR "Panic: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk(LOG_ERR "\n****************************************\n");
	machine_crash_stop();
}
