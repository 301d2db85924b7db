/*
 * bzimage.c - the x86 boot protocol's setup header, to find the compressed
 * kernel inside a bzImage (Linux Documentation/x86/boot.rst; the fields
 * written by arch/x86/boot/header.S). Only what a PV loader needs is read:
 * the header signature and version, setup_sects and the payload's place.
 */
#include <errno.h>
#include <string.h>

#include "builder/internal.h"

#define SETUP_SECTS_OFF 0x1f1	 /* u8: 512-byte setup sectors after the boot sector */
#define HEADER_OFF 0x202	 /* u32: "HdrS" */
#define VERSION_OFF 0x206	 /* u16: boot protocol version, major << 8 | minor */
#define PAYLOAD_OFFSET_OFF 0x248 /* u32: payload start, from the protected-mode code */
#define PAYLOAD_LENGTH_OFF 0x24c /* u32: payload bytes */
#define HEADER_END 0x250
#define SECTOR_BYTES 512
#define LEGACY_SETUP_SECTS 4 /* setup_sects 0 means 4 (boot.rst) */
#define MIN_VERSION 0x0208   /* payload_offset/length exist from 2.08 on */

static uint32_t le(const uint8_t *p, unsigned int bytes)
{
	uint32_t v = 0;

	for (unsigned int i = 0; i < bytes; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

int bld_bzimage_payload(const void *file, size_t bytes, const uint8_t **payload,
			size_t *payload_bytes, uint16_t *version, struct bld_err *err)
{
	const uint8_t *f = file;
	uint64_t sects, start, len;

	if (bytes < HEADER_END || memcmp(f + HEADER_OFF, "HdrS", 4))
		return bld_fail(err, -ENOEXEC, "not a bzImage (no \"HdrS\" setup header)");
	*version = (uint16_t)le(f + VERSION_OFF, 2);
	if (*version < MIN_VERSION)
		return bld_fail(
		    err, -EINVAL,
		    "bzImage boot protocol %u.%02u is older than 2.08 (no payload fields)",
		    *version >> 8, *version & 0xff);
	sects = f[SETUP_SECTS_OFF] ? f[SETUP_SECTS_OFF] : LEGACY_SETUP_SECTS;
	start = (sects + 1) * SECTOR_BYTES + le(f + PAYLOAD_OFFSET_OFF, 4);
	len = le(f + PAYLOAD_LENGTH_OFF, 4);
	if (start > bytes || len > bytes - start || len == 0)
		return bld_fail(err, -EINVAL,
				"bzImage payload (%llu bytes at %llu) does not lie inside the "
				"%zu-byte file",
				(unsigned long long)len, (unsigned long long)start, bytes);
	*payload = f + start;
	*payload_bytes = (size_t)len;
	return 0;
}
