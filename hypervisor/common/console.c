/*
 * console.c - printk: the serial console, log levels and the console ring.
 *
 * Every line is prefixed with "(lamina) " and stored in the ring; lines at or
 * below the loglvl= threshold also go out on the serial port chosen by
 * console= (com1, the default, com2, or none).
 */
#include <asm/spinlock.h>
#include <lamina/console.h>
#include <lamina/errno.h>
#include <lamina/lib.h>
#include <lamina/param.h>
#include <lamina/serial.h>
#include <lamina/shutdown.h>

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

	for (size_t i = 0; i < n; i++) {
		ring_put(s[i]);
		if (serial_port)
			serial_putc(serial_port, s[i]);
	}
	if (n)
		at_line_start = s[n - 1] == '\n';
	spin_unlock_irqrestore(&console_lock, flags);
}

long console_read_input(unsigned long guest_buf, unsigned long count)
{
	return 0; /* serial input for dom0: with the dom0 console (later) */
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
