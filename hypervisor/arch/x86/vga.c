/*
 * vga.c - what the firmware left on the VGA, for dom0's console info.
 *
 * dom0 learns of a text-mode VGA through dom0_vga_console_info after its
 * start_info (xen/xen.h); Xen fills it from what the boot firmware set up.
 * Lamina reads the BIOS data area (IBM PC BIOS layout: current video mode at
 * 0x449, columns at 0x44A, cursor of page 0 at 0x450, rows - 1 at 0x484,
 * character height at 0x485).
 */
#include <asm/page.h>
#include <lamina/lib.h>
#include <lamina/vga.h>

#define BDA_VIDEO_MODE 0x449
#define BDA_COLUMNS 0x44A
#define BDA_CURSOR_PAGE0 0x450
#define BDA_ROWS_MINUS_1 0x484
#define BDA_CHAR_HEIGHT 0x485
#define VGA_TEXT_MODE_3 0x03

bool vga_text_mode_info(dom0_vga_console_info_t *ci)
{
	const uint8_t *bda = __va(0);
	uint16_t columns, height;

	if (bda[BDA_VIDEO_MODE] != VGA_TEXT_MODE_3)
		return false;
	memcpy(&columns, bda + BDA_COLUMNS, sizeof(columns));
	memcpy(&height, bda + BDA_CHAR_HEIGHT, sizeof(height));
	if (columns == 0 || height == 0)
		return false;
	memset(ci, 0, sizeof(*ci));
	ci->video_type = XEN_VGATYPE_TEXT_MODE_3;
	ci->u.text_mode_3.columns = columns;
	ci->u.text_mode_3.rows = bda[BDA_ROWS_MINUS_1] + 1;
	ci->u.text_mode_3.font_height = height;
	ci->u.text_mode_3.cursor_x = bda[BDA_CURSOR_PAGE0];
	ci->u.text_mode_3.cursor_y = bda[BDA_CURSOR_PAGE0 + 1];
	return true;
}
