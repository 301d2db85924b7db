/*
 * test_config.c - domain configuration files (toolstack/config): both
 * syntaxes, xl's defaults and combination rules, and the one-line errors
 * for bad input. Device specifications have their own suite
 * (test_config_devices.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "unit.h"

static struct domain_config cfg;
static struct cfg_error err;

static int parse_xl(const char *text)
{
	return cfg_parse("demo.cfg", text, strlen(text), CFG_SYNTAX_XL, &cfg, &err);
}

static int parse_json(const char *text)
{
	return cfg_parse("demo.json", text, strlen(text), CFG_SYNTAX_JSON, &cfg, &err);
}

/* expect_error - parsing text fails with -EINVAL and exactly this message. */
#define expect_error(parse, text, message)                                                         \
	do {                                                                                       \
		ck_assert_int_eq(parse(text), -EINVAL);                                            \
		ck_assert_str_eq(err.msg, message);                                                \
	} while (0)

static void teardown(void)
{
	cfg_free(&cfg);
}

#define MINIMAL_XL "name = \"demo\"\nkernel = \"/boot/vmlinuz\"\n"

START_TEST(xl_defaults_are_xls)
{
	ck_assert_int_eq(parse_xl(MINIMAL_XL), 0);
	ck_assert_str_eq(cfg.name, "demo");
	ck_assert_str_eq(cfg.kernel, "/boot/vmlinuz");
	ck_assert_ptr_null(cfg.ramdisk);
	ck_assert_ptr_null(cfg.cmdline);
	ck_assert_uint_eq(cfg.vcpus, 1);
	ck_assert_uint_eq(cfg.maxvcpus, 1);
	ck_assert_uint_eq(cfg.memory_mib, CFG_DEFAULT_MEMORY_MIB);
	ck_assert_uint_eq(cfg.maxmem_mib, CFG_DEFAULT_MEMORY_MIB);
	ck_assert_int_eq(cfg.on_poweroff, CFG_ACTION_DESTROY);
	ck_assert_int_eq(cfg.on_reboot, CFG_ACTION_RESTART);
	ck_assert_int_eq(cfg.on_watchdog, CFG_ACTION_DESTROY);
	ck_assert_int_eq(cfg.on_crash, CFG_ACTION_DESTROY);
	ck_assert_int_eq(cfg.on_soft_reset, CFG_ACTION_SOFT_RESET);
	ck_assert_uint_eq(cfg.nr_disks, 0);
	ck_assert_uint_eq(cfg.nr_vifs, 0);
	ck_assert_uint_eq(cfg.nr_warnings, 0);
	ck_assert(!cfg.has_uuid);
}
END_TEST

START_TEST(xl_full_file)
{
	const char *text = "# a PV guest, as xl would take it\n"
			   "name = 'web1'   # trailing comment\n"
			   "type = \"pv\"\n"
			   "uuid = \"01234567-89ab-CDEF-0123-456789abcdef\"\n"
			   "memory = 512; maxmem = 0x400\n"
			   "vcpus = 2\n"
			   "maxvcpus = 4\n"
			   "kernel = \"/srv/vmlinuz\"\n"
			   "ramdisk = \"/srv/initrd.img\"\n"
			   "root = \"/dev/xvda1 ro\"\n"
			   "extra = \"console=hvc0\"\n"
			   "on_poweroff = 'preserve'\n"
			   "on_reboot = 'rename-restart'\n"
			   "on_crash = 'coredump-restart'\n"
			   "on_watchdog = 'coredump-destroy'\n"
			   "on_soft_reset = 'destroy'\n"
			   "disk = [ '/dev/vg/web1,raw,xvda,rw',\n"
			   "         'format=qcow2, vdev=xvdb, target=/srv/data.qcow2',\n"
			   "       ]\n"
			   "vif = [ 'mac=00:16:3e:00:00:01,bridge=br0', ]\n";

	ck_assert_int_eq(parse_xl(text), 0);
	ck_assert_str_eq(cfg.name, "web1");
	ck_assert(cfg.has_uuid);
	ck_assert_uint_eq(cfg.uuid[0], 0x01);
	ck_assert_uint_eq(cfg.uuid[7], 0xef);
	ck_assert_uint_eq(cfg.uuid[15], 0xef);
	ck_assert_uint_eq(cfg.memory_mib, 512);
	ck_assert_uint_eq(cfg.maxmem_mib, 1024);
	ck_assert_uint_eq(cfg.vcpus, 2);
	ck_assert_uint_eq(cfg.maxvcpus, 4);
	ck_assert_str_eq(cfg.ramdisk, "/srv/initrd.img");
	ck_assert_str_eq(cfg.cmdline, "root=/dev/xvda1 ro console=hvc0");
	ck_assert_int_eq(cfg.on_poweroff, CFG_ACTION_PRESERVE);
	ck_assert_int_eq(cfg.on_reboot, CFG_ACTION_RENAME_RESTART);
	ck_assert_int_eq(cfg.on_crash, CFG_ACTION_COREDUMP_RESTART);
	ck_assert_int_eq(cfg.on_watchdog, CFG_ACTION_COREDUMP_DESTROY);
	ck_assert_int_eq(cfg.on_soft_reset, CFG_ACTION_DESTROY);
	ck_assert_uint_eq(cfg.nr_disks, 2);
	ck_assert_str_eq(cfg.disks[0].target, "/dev/vg/web1");
	ck_assert_str_eq(cfg.disks[1].vdev, "xvdb");
	ck_assert_int_eq(cfg.disks[1].format, CFG_DISK_FORMAT_QCOW2);
	ck_assert_uint_eq(cfg.nr_vifs, 1);
	ck_assert_str_eq(cfg.vifs[0].bridge, "br0");
	ck_assert_uint_eq(cfg.vifs[0].mac[5], 1);
	ck_assert_uint_eq(cfg.nr_warnings, 0);
}
END_TEST

START_TEST(xl_action_names_round_trip)
{
	static const char *const names[] = {"destroy",	 "restart",	     "rename-restart",
					    "preserve",	 "coredump-destroy", "coredump-restart",
					    "soft-reset"};
	char text[256];

	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(text, sizeof(text), MINIMAL_XL "on_crash = \"%s\"\n", names[i]);
		ck_assert_int_eq(parse_xl(text), 0);
		ck_assert_int_eq(cfg.on_crash, (int)i);
		ck_assert_str_eq(cfg_action_name(cfg.on_crash), names[i]);
		cfg_free(&cfg);
	}
}
END_TEST

START_TEST(xl_memory_defaults_follow_each_other)
{
	ck_assert_int_eq(parse_xl(MINIMAL_XL "memory = 256\n"), 0);
	ck_assert_uint_eq(cfg.maxmem_mib, 256);
	cfg_free(&cfg);
	ck_assert_int_eq(parse_xl(MINIMAL_XL "maxmem = 300\n"), 0);
	ck_assert_uint_eq(cfg.memory_mib, 300);
	cfg_free(&cfg);
	/* xl reads numbers in quotes too, and C's bases. */
	ck_assert_int_eq(parse_xl(MINIMAL_XL "memory = \"128\"\nvcpus = 010\n"), 0);
	ck_assert_uint_eq(cfg.memory_mib, 128);
	ck_assert_uint_eq(cfg.vcpus, 8);
	ck_assert_uint_eq(cfg.maxvcpus, 8);
}
END_TEST

START_TEST(xl_cmdline_rules)
{
	ck_assert_int_eq(parse_xl(MINIMAL_XL "root = \"/dev/xvda1\"\n"), 0);
	ck_assert_str_eq(cfg.cmdline, "root=/dev/xvda1");
	cfg_free(&cfg);
	ck_assert_int_eq(parse_xl(MINIMAL_XL "extra = \"quiet\"\n"), 0);
	ck_assert_str_eq(cfg.cmdline, "quiet");
	cfg_free(&cfg);
	ck_assert_int_eq(parse_xl(MINIMAL_XL "root = \"/dev/xvda1\"\ncmdline = \"console=hvc0\"\n"
					     "extra = \"x\"\n"),
			 0);
	ck_assert_str_eq(cfg.cmdline, "console=hvc0");
	ck_assert_uint_eq(cfg.nr_warnings, 1);
	ck_assert_str_eq(cfg.warnings[0],
			 "demo.cfg:4: cmdline: root and extra ignored in favour of cmdline");
}
END_TEST

START_TEST(xl_syntax_details)
{
	/* Semicolons, CRLF, a last line without newline, escapes, += on strings and lists. */
	const char *text = "name = 'demo'; kernel='/k'\r\n"
			   "extra = \"a\\x41\\102\\t\\\"q\\\"\\\\\"\n"
			   "extra += \" quiet\"\n"
			   "disk = ['/a,,xvda']\n"
			   "disk += [\n\n '/b,,xvdb',\n\n]\n"
			   "vcpus = 3\n"
			   "vcpus = 2";

	ck_assert_int_eq(parse_xl(text), 0);
	ck_assert_str_eq(cfg.name, "demo");
	ck_assert_str_eq(cfg.cmdline, "aAB\t\"q\"\\ quiet");
	ck_assert_uint_eq(cfg.nr_disks, 2);
	ck_assert_str_eq(cfg.disks[1].vdev, "xvdb");
	ck_assert_uint_eq(cfg.vcpus, 2);
}
END_TEST

START_TEST(xl_unknown_keys_warn)
{
	ck_assert_int_eq(parse_xl(MINIMAL_XL "pool = \"Pool-0\"\ncpus = [\"0-3\"]\n"), 0);
	ck_assert_uint_eq(cfg.nr_warnings, 2);
	ck_assert_str_eq(cfg.warnings[0], "demo.cfg:3: pool: ignored (not used by Lamina)");
	ck_assert_str_eq(cfg.warnings[1], "demo.cfg:4: cpus: ignored (not used by Lamina)");
}
END_TEST

START_TEST(xl_value_errors)
{
	expect_error(parse_xl, MINIMAL_XL "memory = \"lots\"\n",
		     "demo.cfg:3: memory: expected an integer (MiB), got \"lots\"");
	expect_error(parse_xl, MINIMAL_XL "memory = 0\n",
		     "demo.cfg:3: memory: 0 is out of range (MiB, 1 to 1048576)");
	expect_error(parse_xl, MINIMAL_XL "vcpus = 999\n",
		     "demo.cfg:3: vcpus: 999 is out of range (vCPUs, 1 to 128)");
	expect_error(parse_xl, MINIMAL_XL "memory = 99999999999999999999\n",
		     "demo.cfg:3: memory: expected an integer (MiB), got 99999999999999999999");
	expect_error(parse_xl, MINIMAL_XL "memory = 512\nmaxmem = 256\n",
		     "demo.cfg: maxmem: 256 MiB is less than memory (512 MiB); maxmem must be "
		     "at least memory");
	expect_error(parse_xl, MINIMAL_XL "vcpus = 4\nmaxvcpus = 2\n",
		     "demo.cfg: maxvcpus: 2 is less than vcpus (4)");
	expect_error(parse_xl, MINIMAL_XL "on_crash = \"reboot\"\n",
		     "demo.cfg:3: on_crash: expected destroy, restart, rename-restart, preserve, "
		     "coredump-destroy, coredump-restart or soft-reset, got \"reboot\"");
	expect_error(parse_xl, MINIMAL_XL "kernel = ['/a']\n",
		     "demo.cfg:3: kernel: expected a string, got a list");
	expect_error(parse_xl, MINIMAL_XL "type = \"hvm\"\n",
		     "demo.cfg:3: type: \"hvm\" is not supported: Lamina runs PV guests "
		     "(type=\"pv\")");
	expect_error(parse_xl, MINIMAL_XL "builder = \"hvm\"\n",
		     "demo.cfg:3: builder: \"hvm\" is not supported: Lamina runs PV guests "
		     "(builder=\"generic\")");
	expect_error(parse_xl, MINIMAL_XL "uuid = \"0123\"\n",
		     "demo.cfg:3: uuid: expected a UUID like 01234567-89ab-cdef-0123-456789abcdef, "
		     "got \"0123\"");
	expect_error(parse_xl, MINIMAL_XL "disk = '/a,,xvda'\n",
		     "demo.cfg:3: disk: expected a list of disk specifications, got \"/a,,xvda\"");
	expect_error(parse_xl, MINIMAL_XL "disk = ['/a,,xvda', '/b,,xvda']\n",
		     "demo.cfg:3: disk: item 1: vdev xvda is already item 0's");
	expect_error(parse_xl, MINIMAL_XL "vif = ['', 'devid=0']\n",
		     "demo.cfg:3: vif: item 1: devid 0 is already item 0's");
	expect_error(
	    parse_xl, MINIMAL_XL "disk = [\n'/a,,xvda',\n '/a']\n",
	    "demo.cfg:5: disk: item 1 (\"/a\"): no vdev (the guest's device name, e.g. xvda)");
	expect_error(parse_xl, MINIMAL_XL "disk = [5]\n",
		     "demo.cfg:3: disk: item 0 (5): expected a disk specification string");
	expect_error(parse_xl, MINIMAL_XL "ramdisk = \"\"\n",
		     "demo.cfg:3: ramdisk: expected a path, got \"\"");
}
END_TEST

START_TEST(xl_name_and_kernel_checks)
{
	expect_error(parse_xl, "kernel = '/k'\n",
		     "demo.cfg: name: missing (every domain needs a name)");
	expect_error(parse_xl, "name = 'x'\n",
		     "demo.cfg: kernel: missing (Lamina boots PV kernels directly; there is no "
		     "bootloader)");
	expect_error(parse_xl, "name = 'a b'\nkernel = '/k'\n",
		     "demo.cfg:1: name: \"a b\": no spaces, quotes, slashes or control characters");
	expect_error(parse_xl, "name = '12'\nkernel = '/k'\n",
		     "demo.cfg:1: name: \"12\" would read as a domain id");
	expect_error(parse_xl, "name = 12\nkernel = '/k'\n",
		     "demo.cfg:1: name: \"12\" would read as a domain id");
	expect_error(parse_xl, "name = ''\nkernel = '/k'\n",
		     "demo.cfg:1: name: expected 1 to 64 characters, got 0");
}
END_TEST

START_TEST(xl_cmdline_too_long)
{
	size_t n = CFG_CMDLINE_MAX + 1;
	char *text = malloc(n + 64);

	ck_assert_ptr_nonnull(text);
	strcpy(text, MINIMAL_XL "extra = \"");
	memset(text + strlen(text), 'x', n);
	strcpy(text + strlen(MINIMAL_XL "extra = \"") + n, "\"\n");
	expect_error(parse_xl, text,
		     "demo.cfg: cmdline: 1024 bytes is longer than the 1023 start_info holds");
	free(text);
}
END_TEST

START_TEST(xl_syntax_errors)
{
	expect_error(parse_xl, "name = \"demo\n",
		     "demo.cfg:1: syntax error: string not closed on its line");
	expect_error(parse_xl, "name = demo\n",
		     "demo.cfg:1: syntax error: expected a value, got demo (strings need quotes)");
	expect_error(parse_xl, "name \"demo\"\n",
		     "demo.cfg:1: syntax error: expected '=' after name");
	expect_error(parse_xl, "memory = 512M\n",
		     "demo.cfg:1: syntax error: unexpected character 'M'");
	expect_error(parse_xl, "x = 1\nname = ('a', 'b')\n",
		     "demo.cfg:2: syntax error: unexpected character '(' (this looks like Python, "
		     "which xl.cfg is not)");
	expect_error(parse_xl, "Name = 'x'\n",
		     "demo.cfg:1: syntax error: unexpected character 'N'");
	expect_error(parse_xl, "disk = ['a' 'b']\n",
		     "demo.cfg:1: syntax error: expected ',' or ']' in a list");
	expect_error(
	    parse_xl, "disk = ['a',\n",
	    "demo.cfg:2: syntax error: expected a value: a \"string\", a number or a [list]");
	expect_error(parse_xl, "name = 'a' 'b'\n",
		     "demo.cfg:1: syntax error: expected the end of the line after a value");
	expect_error(
	    parse_xl, "= 'a'\n",
	    "demo.cfg:1: syntax error: expected a key (lower case) at the start of a statement");
	expect_error(
	    parse_xl, "name = 'a\\q'\n",
	    "demo.cfg:1: syntax error: bad escape in a string (\\n, \\t, \\xHH, \\OOO, ...)");
	expect_error(parse_xl, "extra = 'a'\nextra += ['b']\n",
		     "demo.cfg:2: syntax error: += mixes a list and a string");
	ck_assert_int_eq(cfg_parse("demo.cfg", "name = 'a'\0", 11, CFG_SYNTAX_XL, &cfg, &err),
			 -EINVAL);
	ck_assert_str_eq(err.msg, "demo.cfg: syntax error: a NUL byte: not a text file");
}
END_TEST

#define MINIMAL_JSON "\"name\": \"demo\", \"kernel\": \"/boot/vmlinuz\""

START_TEST(json_full_file)
{
	const char *text =
	    "{\n"
	    "  /* yajl takes comments */\n"
	    "  \"name\": \"db1\", \"type\": \"pv\", \"memory\": 1024, \"maxmem\": 2048,\n"
	    "  \"vcpus\": 2, \"kernel\": \"/srv/vmlinuz\", \"ramdisk\": \"/srv/initrd\",\n"
	    "  \"cmdline\": \"root=/dev/xvda1 console=hvc0\",\n"
	    "  \"on_reboot\": \"destroy\",\n"
	    "  \"disk\": [ \"/dev/vg/db1,,xvda\",\n"
	    "            { \"target\": \"/srv/iso\", \"vdev\": \"xvdc\", \"cdrom\": true } ],\n"
	    "  \"vif\": [ { \"mac\": \"00:16:3e:aa:bb:cc\", \"bridge\": \"br1\", \"mtu\": 9000,\n"
	    "             \"trusted\": false },\n"
	    "           \"ip=10.0.0.5\" ]\n"
	    "}\n";

	ck_assert_int_eq(parse_json(text), 0);
	ck_assert_str_eq(cfg.name, "db1");
	ck_assert_uint_eq(cfg.memory_mib, 1024);
	ck_assert_uint_eq(cfg.maxmem_mib, 2048);
	ck_assert_uint_eq(cfg.vcpus, 2);
	ck_assert_uint_eq(cfg.maxvcpus, 2);
	ck_assert_str_eq(cfg.cmdline, "root=/dev/xvda1 console=hvc0");
	ck_assert_int_eq(cfg.on_reboot, CFG_ACTION_DESTROY);
	ck_assert_uint_eq(cfg.nr_disks, 2);
	ck_assert(cfg.disks[1].is_cdrom);
	ck_assert(!cfg.disks[1].readwrite);
	ck_assert_str_eq(cfg.disks[1].target, "/srv/iso");
	ck_assert_uint_eq(cfg.nr_vifs, 2);
	ck_assert_uint_eq(cfg.vifs[0].mtu, 9000);
	ck_assert(!cfg.vifs[0].trusted);
	ck_assert_uint_eq(cfg.vifs[0].mac[3], 0xaa);
	ck_assert_str_eq(cfg.vifs[1].ip, "10.0.0.5");
	ck_assert_int_eq(cfg.vifs[1].devid, 1);
}
END_TEST

START_TEST(json_errors)
{
	expect_error(parse_json, "{" MINIMAL_JSON ", \"memory\": \"lots\"}",
		     "demo.json: memory: expected an integer (MiB), got \"lots\"");
	/* JSON is strict about types: a number in a string is not a number. */
	expect_error(parse_json, "{" MINIMAL_JSON ", \"memory\": \"512\"}",
		     "demo.json: memory: expected an integer (MiB), got \"512\"");
	expect_error(parse_json, "{" MINIMAL_JSON ", \"memory\": 1.5}",
		     "demo.json: memory: expected an integer (MiB), got 1.5");
	expect_error(parse_json, "{" MINIMAL_JSON ", \"vcpus\": true}",
		     "demo.json: vcpus: expected an integer (vCPUs), got true");
	expect_error(parse_json, "{" MINIMAL_JSON ", \"ramdisk\": null}",
		     "demo.json: ramdisk: expected a string, got null");
	expect_error(parse_json, "{" MINIMAL_JSON ", \"ramdisk\": 5}",
		     "demo.json: ramdisk: expected a string, got 5");
	expect_error(parse_json, "{" MINIMAL_JSON ", \"memroy\": 5}",
		     "demo.json: memroy: unknown key (known: name, type, uuid, memory, maxmem, "
		     "vcpus, maxvcpus, kernel, ramdisk, cmdline, root, extra, on_poweroff, "
		     "on_reboot, on_watchdog, on_crash, on_soft_reset, disk, vif)");
	expect_error(parse_json, "{" MINIMAL_JSON ", \"name\": \"x\"}",
		     "demo.json: name: given twice");
	expect_error(parse_json, "[1]",
		     "demo.json: expected a JSON object ({ \"name\": ..., ... })");
	expect_error(
	    parse_json, "{\"name\": }",
	    "demo.json: invalid JSON: parse error: unallowed token at this point in JSON text");
	expect_error(parse_json, "{" MINIMAL_JSON ", \"disk\": [ 5 ]}",
		     "demo.json: disk: item 0 (5): expected a disk specification string or object");
	expect_error(parse_json,
		     "{" MINIMAL_JSON ", \"disk\": [ {\"vdev\": \"xvda\", \"cdrom\": 1} ]}",
		     "demo.json: disk: item 0 (an object): cdrom: expected a string, got 1");
	expect_error(parse_json, "{" MINIMAL_JSON ", \"vif\": [ {\"mtu\": [1]} ]}",
		     "demo.json: vif: item 0 (an object): mtu: expected a string, got a list");
}
END_TEST

START_TEST(json_too_deep)
{
	char text[256];

	snprintf(text, sizeof(text), "{" MINIMAL_JSON ", \"x\": %s1%s}", "[[[[[[[[[[[[[[[[[[[[",
		 "]]]]]]]]]]]]]]]]]]]]");
	expect_error(parse_json, text, "demo.json: invalid JSON: nested more than 16 levels deep");
	/* Brackets in strings and comments do not count. */
	snprintf(text, sizeof(text), "{" MINIMAL_JSON ", \"extra\": \"%s\" // %s\n}",
		 "[[[[[[[[[[[[[[[[[[[[", "{{{{{{{{{{{{{{{{{{{{{{");
	ck_assert_int_eq(parse_json(text), 0);
	ck_assert_str_eq(cfg.cmdline, "[[[[[[[[[[[[[[[[[[[[");
}
END_TEST

/* same_config - every field of a and b agrees. */
static void same_config(const struct domain_config *a, const struct domain_config *b)
{
	ck_assert_str_eq(a->name, b->name);
	ck_assert_uint_eq(a->memory_mib, b->memory_mib);
	ck_assert_uint_eq(a->maxmem_mib, b->maxmem_mib);
	ck_assert_uint_eq(a->vcpus, b->vcpus);
	ck_assert_uint_eq(a->maxvcpus, b->maxvcpus);
	ck_assert_str_eq(a->kernel, b->kernel);
	ck_assert_str_eq(a->ramdisk, b->ramdisk);
	ck_assert_str_eq(a->cmdline, b->cmdline);
	ck_assert_int_eq(a->on_crash, b->on_crash);
	ck_assert_int_eq(a->on_reboot, b->on_reboot);
	ck_assert_uint_eq(a->nr_disks, b->nr_disks);
	for (size_t i = 0; i < a->nr_disks; i++) {
		ck_assert_str_eq(a->disks[i].target, b->disks[i].target);
		ck_assert_str_eq(a->disks[i].vdev, b->disks[i].vdev);
		ck_assert_int_eq(a->disks[i].format, b->disks[i].format);
		ck_assert_int_eq(a->disks[i].readwrite, b->disks[i].readwrite);
		ck_assert_int_eq(a->disks[i].is_cdrom, b->disks[i].is_cdrom);
		ck_assert_int_eq(a->disks[i].discard, b->disks[i].discard);
	}
	ck_assert_uint_eq(a->nr_vifs, b->nr_vifs);
	for (size_t i = 0; i < a->nr_vifs; i++) {
		ck_assert_mem_eq(a->vifs[i].mac, b->vifs[i].mac, 6);
		ck_assert_str_eq(a->vifs[i].bridge, b->vifs[i].bridge);
		ck_assert_str_eq(a->vifs[i].script, b->vifs[i].script);
		ck_assert_uint_eq(a->vifs[i].mtu, b->vifs[i].mtu);
		ck_assert_int_eq(a->vifs[i].devid, b->vifs[i].devid);
		ck_assert_int_eq(a->vifs[i].trusted, b->vifs[i].trusted);
		ck_assert_uint_eq(a->vifs[i].rate_bytes_per_interval,
				  b->vifs[i].rate_bytes_per_interval);
	}
}

/* The same domain in both syntaxes gives the same struct. */
START_TEST(syntaxes_agree)
{
	const char *xl =
	    "name = 'db1'\nmemory = 768\nmaxmem = 1024\nvcpus = 2\n"
	    "kernel = '/k'\nramdisk = '/i'\nroot = '/dev/xvda1'\n"
	    "extra = 'console=hvc0'\non_crash = 'preserve'\non_reboot = 'destroy'\n"
	    "disk = [ 'raw:/dev/vg/db1,xvda,w', '/srv/cd.iso,,xvdc,cdrom,no-discard' ]\n"
	    "vif = [ 'mac=00:16:3e:01:02:03,bridge=br1,mtu=9000,untrusted,rate=8Mb/s' ]\n";
	const char *json =
	    "{\"name\": \"db1\", \"memory\": 768, \"maxmem\": 1024, \"vcpus\": 2,\n"
	    " \"kernel\": \"/k\", \"ramdisk\": \"/i\", \"cmdline\": \"root=/dev/xvda1 "
	    "console=hvc0\",\n"
	    " \"on_crash\": \"preserve\", \"on_reboot\": \"destroy\",\n"
	    " \"disk\": [ {\"target\": \"/dev/vg/db1\", \"vdev\": \"xvda\", \"access\": \"w\"},\n"
	    "           {\"target\": \"/srv/cd.iso\", \"vdev\": \"xvdc\", \"cdrom\": true,\n"
	    "            \"discard\": false} ],\n"
	    " \"vif\": [ {\"mac\": \"00:16:3e:01:02:03\", \"bridge\": \"br1\", \"mtu\": 9000,\n"
	    "            \"trusted\": false, \"rate\": \"8Mb/s\"} ]}";
	struct domain_config other;

	ck_assert_int_eq(parse_json(json), 0);
	other = cfg;
	memset(&cfg, 0, sizeof(cfg));
	ck_assert_msg(parse_xl(xl) == 0, "%s", err.msg);
	same_config(&cfg, &other);
	cfg_free(&other);
}
END_TEST

START_TEST(syntax_detection)
{
	ck_assert_int_eq(cfg_detect_syntax("vm.json", "name = 1", 8), CFG_SYNTAX_JSON);
	ck_assert_int_eq(cfg_detect_syntax("vm.cfg", "{}", 2), CFG_SYNTAX_XL);
	ck_assert_int_eq(cfg_detect_syntax("/etc/xen/vm.conf", "{}", 2), CFG_SYNTAX_XL);
	ck_assert_int_eq(cfg_detect_syntax("vm", "# comment {\n  {}", 16), CFG_SYNTAX_JSON);
	ck_assert_int_eq(cfg_detect_syntax("vm", "name = 'x'", 10), CFG_SYNTAX_XL);
	ck_assert_int_eq(cfg_detect_syntax(NULL, "", 0), CFG_SYNTAX_XL);
}
END_TEST

static char temp_dir[] = "/tmp/lamina-cfg-XXXXXX";
static char temp_path[128];

/* write_temp - a file with these contents in this test's directory; returns its path. */
static const char *write_temp(const char *name, const char *text, size_t len)
{
	FILE *f;

	snprintf(temp_path, sizeof(temp_path), "%s/%s", temp_dir, name);
	f = fopen(temp_path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	fclose(f);
	return temp_path;
}

static void files_setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(temp_dir));
}

static void files_teardown(void)
{
	static const char *const names[] = {"vm", "vm.json", "big.cfg"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(temp_path, sizeof(temp_path), "%s/%s", temp_dir, names[i]);
		unlink(temp_path);
	}
	rmdir(temp_dir);
	cfg_free(&cfg);
}

START_TEST(load_files)
{
	const char *xl = MINIMAL_XL "memory = 64\n";
	const char *json = "{" MINIMAL_JSON ", \"memory\": 96}";
	const char *path = write_temp("vm", xl, strlen(xl));

	ck_assert_int_eq(cfg_load(path, &cfg, &err), 0);
	ck_assert_uint_eq(cfg.memory_mib, 64);
	cfg_free(&cfg);
	path = write_temp("vm.json", json, strlen(json));
	ck_assert_int_eq(cfg_load(path, &cfg, &err), 0);
	ck_assert_uint_eq(cfg.memory_mib, 96);
	cfg_free(&cfg);
	unlink(path);
	ck_assert_int_eq(cfg_load(path, &cfg, &err), -ENOENT);
	ck_assert(strstr(err.msg, "vm.json: No such file or directory"));
	ck_assert_int_eq(cfg_load("/tmp", &cfg, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "/tmp: not a regular file");
}
END_TEST

START_TEST(load_refuses_huge_files)
{
	size_t n = CFG_FILE_MAX_BYTES + 1;
	char *big = calloc(1, n);
	const char *path;

	ck_assert_ptr_nonnull(big);
	memset(big, '#', n);
	path = write_temp("big.cfg", big, n);
	free(big);
	ck_assert_int_eq(cfg_load(path, &cfg, &err), -EFBIG);
	ck_assert(strstr(err.msg, "big.cfg: larger than 1048576 bytes: not a configuration file"));
}
END_TEST

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("xl.cfg");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, xl_defaults_are_xls);
	tcase_add_test(tc, xl_full_file);
	tcase_add_test(tc, xl_action_names_round_trip);
	tcase_add_test(tc, xl_memory_defaults_follow_each_other);
	tcase_add_test(tc, xl_cmdline_rules);
	tcase_add_test(tc, xl_syntax_details);
	tcase_add_test(tc, xl_unknown_keys_warn);
	tcase_add_test(tc, xl_value_errors);
	tcase_add_test(tc, xl_name_and_kernel_checks);
	tcase_add_test(tc, xl_cmdline_too_long);
	tcase_add_test(tc, xl_syntax_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, json_full_file);
	tcase_add_test(tc, json_errors);
	tcase_add_test(tc, json_too_deep);
	tcase_add_test(tc, syntaxes_agree);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, files_setup, files_teardown);
	tcase_add_test(tc, syntax_detection);
	tcase_add_test(tc, load_files);
	tcase_add_test(tc, load_refuses_huge_files);
	suite_add_tcase(s, tc);
	return s;
}
