/*
 * vsnprintf.c - printf-style formatting for printk and friends.
 * Pure logic: builds hosted for the unit tests (tests/unit/test_vsnprintf.c).
 */
#include <lamina/lib.h>
#include <lamina/symbols.h>

struct out {
	char *buf;
	size_t size; /* bytes available in buf, including the NUL */
	size_t len; /* characters produced so far (may exceed size) */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

enum {
	F_LEFT = 1,
	F_ZERO = 2,
	F_PLUS = 4,
	F_SPACE = 8,
	F_ALT = 16,
	F_UPPER = 32,
};

static void put_number(struct out *o, unsigned long long v, bool negative, unsigned base,
		       int flags, int width, int prec)
{
	const char *digits = (flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	char sign = 0;
	const char *prefix = "";
	int prefix_len = 0;

	if (negative)
		sign = '-';
	else if (flags & F_PLUS)
		sign = '+';
	else if (flags & F_SPACE)
		sign = ' ';

	if ((flags & F_ALT) && v != 0 && base == 16) {
		prefix = (flags & F_UPPER) ? "0X" : "0x";
		prefix_len = 2;
	}

	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	if (n == 0 && prec != 0)
		tmp[n++] = '0';

	int zeros = prec > n ? prec - n : 0;
	/* '#' with octal: the first digit is a 0, raising the precision if need be. */
	if ((flags & F_ALT) && base == 8 && zeros == 0 && (n == 0 || tmp[n - 1] != '0'))
		zeros = 1;
	int total = n + zeros + prefix_len + (sign ? 1 : 0);
	int pad = width > total ? width - total : 0;

	/* The 0 flag is ignored when a precision is given or with '-'. */
	if ((flags & F_ZERO) && !(flags & F_LEFT) && prec < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!(flags & F_LEFT))
		put_pad(o, ' ', pad);
	if (sign)
		put(o, sign);
	for (int i = 0; i < prefix_len; i++)
		put(o, prefix[i]);
	put_pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (flags & F_LEFT)
		put_pad(o, ' ', pad);
}

static void put_string(struct out *o, const char *s, int flags, int width, int prec)
{
	if (!s)
		s = "(null)";
	int n = (int)strnlen(s, prec < 0 ? (size_t)-1 : (size_t)prec);
	int pad = width > n ? width - n : 0;

	if (!(flags & F_LEFT))
		put_pad(o, ' ', pad);
	for (int i = 0; i < n; i++)
		put(o, s[i]);
	if (flags & F_LEFT)
		put_pad(o, ' ', pad);
}

int lamina_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;

		int flags = 0;
		for (;; fmt++) {
			if (*fmt == '-')
				flags |= F_LEFT;
			else if (*fmt == '0')
				flags |= F_ZERO;
			else if (*fmt == '+')
				flags |= F_PLUS;
			else if (*fmt == ' ')
				flags |= F_SPACE;
			else if (*fmt == '#')
				flags |= F_ALT;
			else
				break;
		}

		int width = 0;
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + (*fmt++ - '0');
		}

		int prec = -1;
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				if (prec < 0)
					prec = -1;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
			}
		}

		int len = 0; /* -2 hh, -1 h, 0 int, 1 long, 2 long long */
		if (*fmt == 'h') {
			len = -1;
			if (*++fmt == 'h') {
				len = -2;
				fmt++;
			}
		} else if (*fmt == 'l') {
			len = 1;
			if (*++fmt == 'l') {
				len = 2;
				fmt++;
			}
		} else if (*fmt == 'z' || *fmt == 't') {
			len = 1;
			fmt++;
		}

		unsigned base = 10;
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v;
			if (len == 2)
				v = va_arg(ap, long long);
			else if (len == 1)
				v = va_arg(ap, long);
			else
				v = va_arg(ap, int);
			if (len == -1)
				v = (short)v;
			else if (len == -2)
				v = (signed char)v;
			bool neg = v < 0;
			unsigned long long mag = neg ? -(unsigned long long)v : (unsigned long long)v;
			put_number(&o, mag, neg, 10, flags, width, prec);
			break;
		}
		case 'X':
			flags |= F_UPPER;
			/* fall through */
		case 'x':
			base = 16;
			goto unsigned_number;
		case 'o':
			base = 8;
			/* fall through */
		case 'u':
		unsigned_number : {
			unsigned long long v;
			flags &= ~(F_PLUS | F_SPACE); /* signs are for signed conversions */
			if (len == 2)
				v = va_arg(ap, unsigned long long);
			else if (len == 1)
				v = va_arg(ap, unsigned long);
			else
				v = va_arg(ap, unsigned int);
			if (len == -1)
				v = (unsigned short)v;
			else if (len == -2)
				v = (unsigned char)v;
			put_number(&o, v, false, base, flags, width, prec);
			break;
		}
		case 'c': {
			int pad = width > 1 ? width - 1 : 0;
			if (!(flags & F_LEFT))
				put_pad(&o, ' ', pad);
			put(&o, (char)va_arg(ap, int));
			if (flags & F_LEFT)
				put_pad(&o, ' ', pad);
			break;
		}
		case 's':
			put_string(&o, va_arg(ap, const char *), flags, width, prec);
			break;
		case 'p': {
			unsigned long v = (unsigned long)va_arg(ap, void *);
			if (fmt[1] == 'S') {
				char sym[128];
				fmt++;
				symbols_format(sym, sizeof(sym), v);
				put_string(&o, sym, flags, width, prec);
			} else {
				/* 0x and 16 digits, also for NULL (where '#' gives no 0x). */
				put(&o, '0');
				put(&o, 'x');
				put_number(&o, v, false, 16, F_ZERO, 16, -1);
			}
			break;
		}
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--; /* a lone '%' at the end: stop at the NUL */
			break;
		default:
			/* Unknown conversion: print it as written. */
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}

	if (size)
		o.buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int lamina_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = lamina_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
