/*
 * serial.c - polled driver for the 16550 UART (COM1/COM2).
 * Register offsets and bits: the National Semiconductor PC16550D data sheet.
 */
#include <asm/io.h>
#include <lamina/serial.h>

#define UART_THR 0 /* transmit holding (write) / receive buffer (read) */
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_DLL 0 /* divisor latch, with LCR.DLAB set */
#define UART_DLM 1

#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define FCR_ENABLE_CLEAR 0x07 /* enable FIFOs, clear RX and TX */
#define MCR_DTR_RTS_OUT2 0x0b
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

#define UART_CLOCK_HZ 1843200
#define BAUD 115200

void serial_init(uint16_t port)
{
	unsigned divisor = UART_CLOCK_HZ / (16 * BAUD);

	outb(port + UART_IER, 0);
	outb(port + UART_LCR, LCR_DLAB);
	outb(port + UART_DLL, divisor & 0xff);
	outb(port + UART_DLM, divisor >> 8);
	outb(port + UART_LCR, LCR_8N1);
	outb(port + UART_FCR, FCR_ENABLE_CLEAR);
	outb(port + UART_MCR, MCR_DTR_RTS_OUT2);
}

static void putc_raw(uint16_t port, char c)
{
	/* Bounded wait: a missing UART must not hang the console forever. */
	for (int i = 0; i < 100000 && !(inb(port + UART_LSR) & LSR_THR_EMPTY); i++)
		;
	outb(port + UART_THR, (uint8_t)c);
}

void serial_putc(uint16_t port, char c)
{
	if (c == '\n')
		putc_raw(port, '\r');
	putc_raw(port, c);
}

int serial_getc(uint16_t port)
{
	if (!(inb(port + UART_LSR) & LSR_DATA_READY))
		return -1;
	return inb(port + UART_THR);
}
