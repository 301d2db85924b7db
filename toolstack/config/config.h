/*
 * config/config.h - a domain's configuration, parsed into one struct.
 *
 * Two syntaxes give the same struct domain_config:
 *  - JSON (Lamina's own), read with libyajl. Keys are xl.cfg's names;
 *    "disk" and "vif" are lists whose items are either xl spec strings or
 *    objects with the spec's key names ({"vdev": "xvda", "target": ...}).
 *    An unknown key is an error: JSON is written for Lamina, so a key it
 *    does not know is a typo.
 *  - xl.cfg (Xen's, xl.cfg(5) of Xen 4.17) for people moving from Xen:
 *    KEY = VALUE lines (or ';'-separated), strings in '' or "" with C
 *    escapes, numbers (decimal, 0x hex, 0 octal), lists [ ... ] spanning
 *    lines with trailing commas, # comments, and "+=" appending to a string
 *    or list. A key set twice takes its last value (as xl). Keys Lamina does
 *    not use are warnings, not errors: xl itself ignores many keys, and
 *    configuration files carry keys for other toolstacks.
 *
 * Defaults are xl's (xl.cfg(5) and libxl, Xen 4.17) where the file says
 * nothing: vcpus 1, maxvcpus = vcpus, memory 32 MiB when neither memory nor
 * maxmem is given, maxmem = memory (memory = maxmem when only maxmem is),
 * on_poweroff destroy, on_reboot restart, on_watchdog destroy, on_crash
 * destroy, on_soft_reset soft-reset; disks raw and read-write (read-only
 * for a cdrom); vifs on bridge xenbr0 with script vif-bridge, MTU 1500,
 * backend dom0, trusted.
 *
 * Every error is one line, "FILE[:LINE]: KEY: what was expected, got what",
 * for example `demo.json: memory: expected an integer (MiB), got "lots"`.
 * Functions return 0 or a negative errno value (-EINVAL for a bad
 * configuration, -ENOMEM, or the errno of reading the file).
 */
#ifndef LAMINA_CONFIG_H
#define LAMINA_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CFG_ERR_MAX 512		      /* bytes of one error line, with its NUL */
#define CFG_FILE_MAX_BYTES (1u << 20) /* a configuration file is at most 1 MiB */
#define CFG_NAME_MAX 64		      /* bytes of a domain name, without the NUL */
#define CFG_CMDLINE_MAX 1023	      /* start_info.cmd_line holds 1024 bytes with the NUL */
#define CFG_MAX_VCPUS 128	      /* xl's HVM_MAX_VCPUS; larger values are surely typos here */
#define CFG_MAX_MEMORY_MIB (1u << 20) /* 1 TiB */
#define CFG_DEFAULT_MEMORY_MIB 32     /* libxl's default when neither memory nor maxmem is set */
#define CFG_DEFAULT_BRIDGE "xenbr0"
#define CFG_DEFAULT_VIF_SCRIPT "vif-bridge"
#define CFG_DEFAULT_MTU 1500
#define CFG_DEFAULT_RATE_INTERVAL_US 50000 /* 50 ms, xl-network-configuration(5) */

/* What to do when the domain stops for a reason (xl.cfg(5) "Event Actions"). */
enum cfg_action {
	CFG_ACTION_DESTROY,
	CFG_ACTION_RESTART,
	CFG_ACTION_RENAME_RESTART,
	CFG_ACTION_PRESERVE,
	CFG_ACTION_COREDUMP_DESTROY,
	CFG_ACTION_COREDUMP_RESTART,
	CFG_ACTION_SOFT_RESET,
};

/* Disk image formats (xl-disk-configuration(5)); EMPTY is a cdrom with no medium. */
enum cfg_disk_format {
	CFG_DISK_FORMAT_RAW,
	CFG_DISK_FORMAT_QCOW,
	CFG_DISK_FORMAT_QCOW2,
	CFG_DISK_FORMAT_VHD,
	CFG_DISK_FORMAT_QED,
	CFG_DISK_FORMAT_EMPTY,
};

/* backendtype=; AUTO lets the toolstack choose. */
enum cfg_disk_backend {
	CFG_DISK_BACKEND_AUTO,
	CFG_DISK_BACKEND_PHY,
	CFG_DISK_BACKEND_TAP,
	CFG_DISK_BACKEND_QDISK,
	CFG_DISK_BACKEND_STANDALONE,
};

/* One disk = [...] entry, as xl's disk parser (tools/libs/util/libxlu_disk_l.l) reads it. */
struct cfg_disk {
	char *target; /* host path or script argument; "" for an empty cdrom */
	enum cfg_disk_format format;
	char *vdev;	/* the guest's name for it: xvda, hda, sdb, ... (mandatory) */
	bool readwrite; /* access= rw/w (true) or ro/r (false) */
	bool is_cdrom;	/* devtype=cdrom or the cdrom flag */
	char *backend;	/* backend domain name; NULL: dom0 */
	enum cfg_disk_backend backendtype;
	char *script; /* block script; NULL: none */
	bool virtio;  /* specification=virtio (default xen) */
	bool direct_io_safe;
	bool discard; /* discard / no-discard; default true */
	bool trusted; /* trusted / untrusted; default true */
};

/* One vif = [...] entry (xl-network-configuration(5); xl_parse.c parse_nic_config). */
struct cfg_vif {
	int devid;    /* devid= or the index in the list */
	bool has_mac; /* false: the toolstack picks one in 00:16:3e */
	uint8_t mac[6];
	char *bridge;			  /* default CFG_DEFAULT_BRIDGE */
	char *script;			  /* default CFG_DEFAULT_VIF_SCRIPT */
	char *ip;			  /* NULL: none */
	char *backend;			  /* backend domain name; NULL: dom0 */
	char *vifname;			  /* backend interface name; NULL: vif<domid>.<devid> */
	char *gatewaydev;		  /* NULL: none ("netdev" is its deprecated alias) */
	char *model;			  /* HVM only; kept for completeness, NULL when unset */
	char *type;			  /* "vif" or "ioemu" (HVM only); NULL when unset */
	uint64_t rate_bytes_per_interval; /* 0: no limit */
	uint32_t rate_interval_us;	  /* replenishment interval, µs */
	unsigned int mtu;		  /* bytes, default CFG_DEFAULT_MTU */
	bool trusted;			  /* default true */
};

/*
 * struct domain_config - everything a configuration file says about a PV
 * domain, defaults filled in. Strings are heap copies owned by the struct.
 */
struct domain_config {
	char *name; /* mandatory */
	bool has_uuid;
	uint8_t uuid[16];      /* uuid= in the usual 8-4-4-4-12 hex form */
	uint64_t memory_mib;   /* memory= : MiB the domain starts with */
	uint64_t maxmem_mib;   /* maxmem= : MiB it may balloon up to, >= memory_mib */
	unsigned int vcpus;    /* vcpus= : vCPUs online at start */
	unsigned int maxvcpus; /* maxvcpus= : vCPUs the domain may bring up, >= vcpus */
	char *kernel;	       /* kernel= : path of the PV kernel (mandatory: no bootloader here) */
	char *ramdisk;	       /* ramdisk= : path of the initrd, NULL for none */
	char *cmdline; /* the kernel command line after xl's cmdline/root/extra rule, or NULL */
	enum cfg_action on_poweroff, on_reboot, on_watchdog, on_crash, on_soft_reset;
	struct cfg_disk *disks;
	size_t nr_disks;
	struct cfg_vif *vifs;
	size_t nr_vifs;
	char **warnings; /* lines like "demo.cfg:4: pool: ignored (not used by Lamina)" */
	size_t nr_warnings;
};

enum cfg_syntax {
	CFG_SYNTAX_JSON,
	CFG_SYNTAX_XL,
};

struct cfg_error {
	char msg[CFG_ERR_MAX]; /* one line, no trailing newline; "" when there is no error */
};

/*
 * cfg_detect_syntax - which syntax a configuration uses: by the file name's
 * extension (.json is JSON; .cfg, .conf, .xl and .hvm are xl.cfg), otherwise
 * by content (JSON when the first character that is not white space or part
 * of a # comment line is '{').
 */
enum cfg_syntax cfg_detect_syntax(const char *file, const char *text, size_t len);

/*
 * cfg_parse - parse len bytes of text (need not be NUL-terminated) named
 * file (used in messages only) in the given syntax into *cfg, which this
 * initialises; on success the caller frees it with cfg_free. Returns 0, or
 * -EINVAL with err->msg saying what is wrong (then *cfg holds nothing to
 * free), or -ENOMEM.
 */
int cfg_parse(const char *file, const char *text, size_t len, enum cfg_syntax syntax,
	      struct domain_config *cfg, struct cfg_error *err);

/*
 * cfg_load - read the file at path (at most CFG_FILE_MAX_BYTES), detect its
 * syntax and parse it as cfg_parse does. Errors of reading the file return
 * their negative errno (-ENOENT, -EACCES, ...; -EFBIG when it is too large)
 * with err->msg naming the file.
 */
int cfg_load(const char *path, struct domain_config *cfg, struct cfg_error *err);

/* cfg_free - release every string and array of cfg and zero it. NULL-safe. */
void cfg_free(struct domain_config *cfg);

/* cfg_action_name - xl's name of an action ("destroy", "rename-restart", ...). */
const char *cfg_action_name(enum cfg_action action);

/* cfg_disk_format_name - "raw", "qcow", "qcow2", "vhd", "qed" or "empty". */
const char *cfg_disk_format_name(enum cfg_disk_format format);

/*
 * cfg_parse_disk - parse one xl disk specification (xl-disk-configuration(5),
 * Xen 4.17): positional "target,format,vdev,access" parameters, key=value
 * parameters, the cdrom/discard/trusted flags, "target=" taking the rest of
 * the string, and the deprecated "format:" and "script:" prefixes and
 * "vdev:devtype" form. Fills *disk (free with cfg_disk_free). Returns 0, or
 * -EINVAL with err->msg saying what is wrong (without file or key: the
 * caller adds those), or -ENOMEM.
 */
int cfg_parse_disk(const char *spec, struct cfg_disk *disk, struct cfg_error *err);

/* cfg_disk_free - release a disk's strings and zero it. */
void cfg_disk_free(struct cfg_disk *disk);

/*
 * cfg_parse_vif - parse one xl vif specification (comma-separated key=value
 * items and the trusted/untrusted flags) for the vif with index devid into
 * *vif (free with cfg_vif_free). Returns 0, or -EINVAL with err->msg as
 * cfg_parse_disk, or -ENOMEM.
 */
int cfg_parse_vif(const char *spec, int devid, struct cfg_vif *vif, struct cfg_error *err);

/* cfg_vif_free - release a vif's strings and zero it. */
void cfg_vif_free(struct cfg_vif *vif);

#endif /* LAMINA_CONFIG_H */
