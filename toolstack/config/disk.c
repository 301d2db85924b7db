/*
 * disk.c - xl disk specifications (xl-disk-configuration(5), Xen 4.17).
 *
 * The rules follow Xen's scanner (tools/libs/util/libxlu_disk_l.l):
 *  - parameters are comma-separated; white space before each is skipped;
 *  - "target=" takes the whole rest of the string (one trailing comma
 *    dropped), so it must come last;
 *  - key=value parameters and bare flags may come anywhere;
 *  - other parameters are positional and fill, in order, target, format,
 *    vdev, access; a positional "vdev:devtype" (deprecated) sets both, and
 *    after an empty target it also marks an empty cdrom;
 *  - deprecated prefixes before the target: "raw:", "qcow:", "qcow2:",
 *    "vhd:" set the format (and the format position is then skipped),
 *    "iscsi:", "nbd:", "enbd:", "drbd:" set script=block-NAME, and
 *    "tap:", "tap2:", "tapdisk:", "aio:", "ioemu:", "file:", "phy:" are
 *    dropped;
 *  - a string parameter given twice is an error unless its first value was
 *    empty; an empty value means the default;
 *  - at the end: the format defaults to raw; a cdrom is read-only and, with
 *    no target, has the "empty" format; vdev is mandatory.
 * Differences, on purpose: an empty target is refused unless the disk is a
 * cdrom (libxl would fail later), and COLO replication parameters are
 * refused (Lamina has no COLO).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"

struct disk_parse {
	struct cfg_disk *disk;
	struct cfg_error *err;
	bool format_set; /* libxl's FORMAT_UNKNOWN is "not set" */
	bool access_set;
	bool had_prefix; /* a deprecated prefix was seen: no format position */
};

static const char *const format_names[] = {
    [CFG_DISK_FORMAT_RAW] = "raw",     [CFG_DISK_FORMAT_QCOW] = "qcow",
    [CFG_DISK_FORMAT_QCOW2] = "qcow2", [CFG_DISK_FORMAT_VHD] = "vhd",
    [CFG_DISK_FORMAT_QED] = "qed",     [CFG_DISK_FORMAT_EMPTY] = "empty",
};

static const char *const backend_names[] = {
    [CFG_DISK_BACKEND_PHY] = "phy",
    [CFG_DISK_BACKEND_TAP] = "tap",
    [CFG_DISK_BACKEND_QDISK] = "qdisk",
    [CFG_DISK_BACKEND_STANDALONE] = "standalone",
};

const char *cfg_disk_format_name(enum cfg_disk_format format)
{
	if ((size_t)format >= sizeof(format_names) / sizeof(format_names[0]))
		return "?";
	return format_names[format];
}

static void disk_init(struct cfg_disk *disk)
{
	memset(disk, 0, sizeof(*disk));
	disk->readwrite = true;
	disk->discard = true;
	disk->trusted = true;
}

void cfg_disk_free(struct cfg_disk *disk)
{
	free(disk->target);
	free(disk->vdev);
	free(disk->backend);
	free(disk->script);
	memset(disk, 0, sizeof(*disk));
}

/* save_string - xl's SAVESTRING: a non-empty earlier value may not be replaced. */
static int save_string(struct disk_parse *p, const char *what, char **dst, const char *src,
		       size_t n)
{
	if (*dst && **dst)
		return cfg_set_msg(p->err, "%s given twice", what);
	return cfg_replace(dst, src, n);
}

static int set_format(struct disk_parse *p, const char *s, size_t n)
{
	enum cfg_disk_format f = CFG_DISK_FORMAT_RAW;
	size_t i;

	for (i = 0; n && i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (strlen(format_names[i]) == n && !memcmp(format_names[i], s, n))
			break;
	if (i == sizeof(format_names) / sizeof(format_names[0]))
		return cfg_set_msg(p->err, "unknown format \"%.*s\" (raw, qcow, qcow2, vhd, qed)",
				   (int)n, s);
	if (n)
		f = (enum cfg_disk_format)i;
	if (p->format_set && p->disk->format != f)
		return cfg_set_msg(p->err, "format given twice");
	p->disk->format = f;
	p->format_set = true;
	return 0;
}

static bool same(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && !memcmp(s, word, n);
}

static int set_access(struct disk_parse *p, const char *s, size_t n)
{
	if (same(s, n, "r") || same(s, n, "ro"))
		p->disk->readwrite = false;
	else if (same(s, n, "rw") || same(s, n, "w") || n == 0)
		p->disk->readwrite = true;
	else
		return cfg_set_msg(p->err, "unknown access \"%.*s\" (r, ro, w or rw)", (int)n, s);
	return 0;
}

static int set_backendtype(struct disk_parse *p, const char *s, size_t n)
{
	for (size_t i = 1; i < sizeof(backend_names) / sizeof(backend_names[0]); i++) {
		if (!same(s, n, backend_names[i]))
			continue;
		if (p->disk->backendtype != CFG_DISK_BACKEND_AUTO && p->disk->backendtype != i)
			return cfg_set_msg(p->err, "backendtype given twice");
		p->disk->backendtype = (enum cfg_disk_backend)i;
		return 0;
	}
	return cfg_set_msg(p->err, "unknown backendtype \"%.*s\" (phy, tap, qdisk, standalone)",
			   (int)n, s);
}

static int set_devtype(struct disk_parse *p, const char *s, size_t n)
{
	if (same(s, n, "cdrom"))
		p->disk->is_cdrom = true;
	else if (same(s, n, "disk"))
		p->disk->is_cdrom = false;
	else
		return cfg_set_msg(p->err, "unknown devtype \"%.*s\" (cdrom or disk)", (int)n, s);
	return 0;
}

/* disk_flag - a bare flag parameter; returns 1 when name is one, 0 when not, or an error. */
static int disk_flag(struct disk_parse *p, const char *s, size_t n)
{
	struct cfg_disk *d = p->disk;

	if (same(s, n, "cdrom"))
		d->is_cdrom = true;
	else if (same(s, n, "direct-io-safe"))
		d->direct_io_safe = true;
	else if (same(s, n, "discard"))
		d->discard = true;
	else if (same(s, n, "no-discard"))
		d->discard = false;
	else if (same(s, n, "trusted"))
		d->trusted = true;
	else if (same(s, n, "untrusted"))
		d->trusted = false;
	else if (same(s, n, "colo") || same(s, n, "no-colo"))
		return cfg_set_msg(p->err, "COLO replication is not supported by Lamina");
	else
		return 0;
	return 1;
}

/* disk_param - one key=value parameter (the value may be empty: default). */
static int disk_param(struct disk_parse *p, const char *key, size_t kn, const char *v, size_t vn)
{
	struct cfg_disk *d = p->disk;

	if (same(key, kn, "target"))
		return save_string(p, "target", &d->target, v, vn);
	if (same(key, kn, "format"))
		return set_format(p, v, vn);
	if (same(key, kn, "vdev"))
		return save_string(p, "vdev", &d->vdev, v, vn);
	if (same(key, kn, "access"))
		return set_access(p, v, vn);
	if (same(key, kn, "devtype"))
		return set_devtype(p, v, vn);
	if (same(key, kn, "backend"))
		return save_string(p, "backend", &d->backend, v, vn);
	if (same(key, kn, "backendtype"))
		return set_backendtype(p, v, vn);
	if (same(key, kn, "script"))
		return save_string(p, "script", &d->script, v, vn);
	if (same(key, kn, "specification")) {
		if (!same(v, vn, "xen") && !same(v, vn, "virtio"))
			return cfg_set_msg(p->err, "unknown specification \"%.*s\" (xen or virtio)",
					   (int)vn, v);
		d->virtio = same(v, vn, "virtio");
		return 0;
	}
	if (kn > 5 && !memcmp(key, "colo-", 5))
		return cfg_set_msg(p->err, "COLO replication is not supported by Lamina");
	if (same(key, kn, "active-disk") || same(key, kn, "hidden-disk"))
		return cfg_set_msg(p->err, "COLO replication is not supported by Lamina");
	return cfg_set_msg(p->err, "unknown parameter \"%.*s\"", (int)kn, key);
}

/* vdev_and_devtype - a positional "vdev:devtype" (deprecated); 1 when it was one. */
static int vdev_and_devtype(struct disk_parse *p, const char *s, size_t n)
{
	const char *colon = memrchr(s, ':', n);
	int rc;

	if (!colon)
		return 0;
	rc = save_string(p, "vdev", &p->disk->vdev, s, (size_t)(colon - s));
	if (!rc)
		rc = set_devtype(p, colon + 1, n - (size_t)(colon - s) - 1);
	return rc ? rc : 1;
}

static int disk_positional(struct disk_parse *p, const char *s, size_t n)
{
	struct cfg_disk *d = p->disk;
	int rc;

	if (!d->target)
		return save_string(p, "target", &d->target, s, n);
	if (!p->had_prefix && !p->format_set) {
		if (!*d->target) {
			rc = vdev_and_devtype(p, s, n);
			if (rc) {
				p->format_set = rc > 0;
				d->format = CFG_DISK_FORMAT_EMPTY;
				return rc < 0 ? rc : 0;
			}
		}
		return set_format(p, s, n);
	}
	if (!d->vdev) {
		rc = vdev_and_devtype(p, s, n);
		return rc ? (rc < 0 ? rc : 0) : save_string(p, "vdev", &d->vdev, s, n);
	}
	if (!p->access_set) {
		p->access_set = true;
		return set_access(p, s, n);
	}
	return cfg_set_msg(p->err, "too many positional parameters (\"%.*s\")", (int)n, s);
}

static const char *const ignored_prefixes[] = {"tapdisk", "tap",  "tap2", "aio",
					       "ioemu",	  "file", "phy"};
static const char *const script_prefixes[] = {"iscsi", "nbd", "enbd", "drbd"};

static bool is_lower_alnum(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
}

/*
 * disk_prefix - a deprecated "word:" prefix at s. Returns the bytes it takes
 * (0 when s does not start with one) or a negative errno.
 */
static int disk_prefix(struct disk_parse *p, const char *s)
{
	size_t n = 0;
	char script[16];

	if (!(*s >= 'a' && *s <= 'z'))
		return 0;
	while (is_lower_alnum(s[n]))
		n++;
	if (s[n] != ':')
		return 0;
	if (same(s, n, "raw") || same(s, n, "qcow") || same(s, n, "qcow2") || same(s, n, "vhd")) {
		p->had_prefix = true;
		int rc = set_format(p, s, n);
		return rc ? rc : (int)n + 1;
	}
	for (size_t i = 0; i < sizeof(script_prefixes) / sizeof(script_prefixes[0]); i++) {
		if (!same(s, n, script_prefixes[i]))
			continue;
		p->had_prefix = true;
		snprintf(script, sizeof(script), "block-%s", script_prefixes[i]);
		int rc = save_string(p, "script", &p->disk->script, script, strlen(script));
		return rc ? rc : (int)n + 1;
	}
	for (size_t i = 0; i < sizeof(ignored_prefixes) / sizeof(ignored_prefixes[0]); i++) {
		if (same(s, n, ignored_prefixes[i])) {
			p->had_prefix = true;
			return (int)n + 1;
		}
	}
	if (is_lower_alnum(s[n + 1]))
		return 0; /* "hdc:cdrom" is a vdev with its devtype, not a prefix */
	return cfg_set_msg(p->err, "unknown deprecated prefix \"%.*s:\"", (int)n, s);
}

/* disk_item - one comma-separated parameter s[0, n) that is not a prefix or target=. */
static int disk_item(struct disk_parse *p, const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n);
	int rc;

	if (eq)
		return disk_param(p, s, (size_t)(eq - s), eq + 1, n - (size_t)(eq - s) - 1);
	rc = disk_flag(p, s, n);
	if (rc)
		return rc < 0 ? rc : 0;
	return disk_positional(p, s, n);
}

static int disk_scan(struct disk_parse *p, const char *spec)
{
	const char *s = spec;
	int rc;

	while (*s) {
		s += strspn(s, " \t\n");
		if (!*s)
			break;
		if (!strncmp(s, "target=", 7)) {
			size_t n = strlen(s + 7);
			if (n && s[7 + n - 1] == ',')
				n--;
			return save_string(p, "target", &p->disk->target, s + 7, n);
		}
		rc = disk_prefix(p, s);
		if (rc < 0)
			return rc;
		if (rc > 0) {
			s += rc;
			continue;
		}
		size_t n = strcspn(s, ",");
		rc = disk_item(p, s, n);
		if (rc)
			return rc;
		s += n;
		if (*s == ',')
			s++;
	}
	return 0;
}

/* disk_finish - xl's defaults and mandatory checks after all parameters. */
static int disk_finish(struct disk_parse *p)
{
	struct cfg_disk *d = p->disk;
	bool no_target = !d->target || !*d->target;

	if (d->is_cdrom) {
		d->readwrite = false;
		if (no_target)
			d->format = CFG_DISK_FORMAT_EMPTY;
	}
	if (!d->vdev || !*d->vdev)
		return cfg_set_msg(p->err, "no vdev (the guest's device name, e.g. xvda)");
	if (no_target && !d->is_cdrom)
		return cfg_set_msg(p->err, "no target (the host file or device)");
	if (!d->target && cfg_replace(&d->target, "", 0))
		return -ENOMEM;
	return 0;
}

int cfg_parse_disk(const char *spec, struct cfg_disk *disk, struct cfg_error *err)
{
	struct disk_parse p = {.disk = disk, .err = err};
	int rc;

	disk_init(disk);
	err->msg[0] = '\0';
	rc = disk_scan(&p, spec);
	if (!rc)
		rc = disk_finish(&p);
	if (rc)
		cfg_disk_free(disk);
	return rc;
}

/* disk_member - one member of a JSON disk object. */
static int disk_member(struct disk_parse *p, const char *key, const struct cfg_value *v)
{
	size_t kn = strlen(key);

	if (v->type == CFG_V_BOOL) {
		static const char *const flags[][2] = {
		    {"cdrom", "devtype=disk"},
		    {"discard", "no-discard"},
		    {"trusted", "untrusted"},
		    {"direct-io-safe", NULL},
		};
		for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
			if (strcmp(key, flags[i][0]))
				continue;
			const char *f = v->b ? flags[i][0] : flags[i][1];
			return f ? disk_item(p, f, strlen(f)) : 0;
		}
		return cfg_set_msg(p->err, "%s: expected a string, got %s", key,
				   v->b ? "true" : "false");
	}
	if (v->type != CFG_V_ATOM) {
		char got[64];
		cfg_describe(v, got, sizeof(got));
		return cfg_set_msg(p->err, "%s: expected a string, got %s", key, got);
	}
	return disk_param(p, key, kn, v->text, strlen(v->text));
}

int cfg_disk_from_object(const struct cfg_value *obj, struct cfg_disk *disk, struct cfg_error *err)
{
	struct disk_parse p = {.disk = disk, .err = err};
	int rc = 0;

	disk_init(disk);
	err->msg[0] = '\0';
	for (size_t i = 0; i < obj->n && !rc; i++)
		rc = disk_member(&p, obj->keys[i], &obj->items[i]);
	if (!rc)
		rc = disk_finish(&p);
	if (rc)
		cfg_disk_free(disk);
	return rc;
}
