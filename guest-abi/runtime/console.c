/*
 * console.c - formatted output through CONSOLEIO_write.
 *
 * rt_printf buffers one line and writes it with a single hypercall, so lines from the test
 * kernel never interleave with the hypervisor's own messages in the middle.
 */
#include "rt.h"

struct outbuf {
	char *buf;
	size_t size, len;
};

static void put(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_num(struct outbuf *o, unsigned long v, unsigned int base, bool upper, int width,
		    int prec, bool zero, bool left, bool neg, bool alt)
{
	char tmp[24];
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0, len, pad;

	if (v == 0 && prec != 0)
		tmp[n++] = '0';
	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	while (n < prec)
		tmp[n++] = '0';
	len = n + (neg ? 1 : 0) + (alt && base == 16 ? 2 : 0);
	pad = width > len ? width - len : 0;
	if (!left && !zero)
		while (pad-- > 0)
			put(o, ' ');
	if (neg)
		put(o, '-');
	if (alt && base == 16) {
		put(o, '0');
		put(o, upper ? 'X' : 'x');
	}
	if (!left && zero)
		while (pad-- > 0)
			put(o, '0');
	while (n)
		put(o, tmp[--n]);
	if (left)
		while (pad-- > 0)
			put(o, ' ');
}

int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		bool zero = false, left = false, alt = false;
		int width = 0, prec = -1, lng = 0;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '0')
				zero = true;
			else if (*fmt == '-')
				left = true;
			else if (*fmt == '#')
				alt = true;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			prec = 0;
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				prec = prec * 10 + (*fmt++ - '0');
		}
		while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h') {
			if (*fmt != 'h')
				lng = 1;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			long v = lng ? va_arg(ap, long) : va_arg(ap, int);
			bool neg = v < 0;

			put_num(&o, neg ? -(unsigned long)v : (unsigned long)v, 10, false, width,
				prec, zero, left, neg, false);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			unsigned long v = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);

			put_num(&o, v, *fmt == 'u' ? 10 : 16, *fmt == 'X', width, prec, zero, left,
				false, alt && v);
			break;
		}
		case 'p':
			put_num(&o, (unsigned long)va_arg(ap, void *), 16, false, width, prec, zero,
				left, false, true);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			int n, pad;

			if (!s)
				s = "(null)";
			n = (int)strnlen(s, prec >= 0 ? (size_t)prec : (size_t)-1);
			pad = width > n ? width - n : 0;
			if (!left)
				while (pad-- > 0)
					put(&o, ' ');
			for (int i = 0; i < n; i++)
				put(&o, s[i]);
			if (left)
				while (pad-- > 0)
					put(&o, ' ');
			break;
		}
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int rt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = rt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void rt_puts_raw(const char *s, size_t len)
{
	while (len) {
		long rc = hc_console_io(CONSOLEIO_write, len, s);

		/* Xen returns 0 for a complete write; a positive value would be a partial count. */
		if (rc <= 0 || (size_t)rc >= len)
			break;
		s += rc;
		len -= (size_t)rc;
	}
}

static char linebuf[512];
static size_t linelen;

void rt_flush(void)
{
	if (linelen) {
		rt_puts_raw(linebuf, linelen);
		linelen = 0;
	}
}

void rt_printf(const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = rt_vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(tmp) - 1)
		n = sizeof(tmp) - 1;
	for (int i = 0; i < n; i++) {
		linebuf[linelen++] = tmp[i];
		if (tmp[i] == '\n' || linelen == sizeof(linebuf))
			rt_flush();
	}
}
