/* lamina/serial.h - the 16550 UART driver used by the console. */
#ifndef LAMINA_SERIAL_H
#define LAMINA_SERIAL_H

#include <lamina/types.h>

#define COM1_PORT 0x3f8
#define COM2_PORT 0x2f8

/* serial_init - program the UART at port for 115200 8N1 with FIFOs. */
void serial_init(uint16_t port);
/* serial_putc - send one byte, waiting for room; '\n' is sent as "\r\n". */
void serial_putc(uint16_t port, char c);
/* serial_getc - a received byte, or -1 when none is waiting. */
int serial_getc(uint16_t port);

#endif /* LAMINA_SERIAL_H */
