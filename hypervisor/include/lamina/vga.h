/* lamina/vga.h - the firmware's VGA state, for dom0 (arch/x86/vga.c). */
#ifndef LAMINA_VGA_H
#define LAMINA_VGA_H

#include <lamina/types.h>
#include <xen/xen.h>

/* vga_text_mode_info - fill *ci when the firmware left the VGA in text mode 3; false otherwise. */
bool vga_text_mode_info(dom0_vga_console_info_t *ci);

#endif /* LAMINA_VGA_H */
