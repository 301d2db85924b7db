/*
 * test_config_devices.c - xl disk and vif specifications
 * (toolstack/config/disk.c, vif.c), with the equivalent forms listed in
 * xl-disk-configuration(5) and xl-network-configuration(5) of Xen 4.17,
 * and bad specifications.
 */
#include <errno.h>
#include <string.h>

#include "config/config.h"
#include "unit.h"

static struct cfg_disk disk;
static struct cfg_vif vif;
static struct cfg_error err;

static void teardown(void)
{
	cfg_disk_free(&disk);
	cfg_vif_free(&vif);
}

struct disk_case {
	const char *spec;
	const char *target, *vdev;
	enum cfg_disk_format format;
	bool readwrite, cdrom;
};

static void check_disk(const struct disk_case *dc)
{
	int rc = cfg_parse_disk(dc->spec, &disk, &err);

	ck_assert_msg(rc == 0, "%s: %s", dc->spec, err.msg);
	ck_assert_str_eq(disk.target, dc->target);
	ck_assert_str_eq(disk.vdev, dc->vdev);
	ck_assert_msg(disk.format == dc->format, "%s: format %s", dc->spec,
		      cfg_disk_format_name(disk.format));
	ck_assert_msg(disk.readwrite == dc->readwrite, "%s: access", dc->spec);
	ck_assert_msg(disk.is_cdrom == dc->cdrom, "%s: cdrom", dc->spec);
	cfg_disk_free(&disk);
}

/* The man page's two groups of equivalent specifications, and more forms. */
static const struct disk_case disk_cases[] = {
    {"/dev/vg/guest-volume,,hda", "/dev/vg/guest-volume", "hda", CFG_DISK_FORMAT_RAW, true, false},
    {"/dev/vg/guest-volume,raw,hda,rw", "/dev/vg/guest-volume", "hda", CFG_DISK_FORMAT_RAW, true,
     false},
    {"format=raw, vdev=hda, access=rw, target=/dev/vg/guest-volume", "/dev/vg/guest-volume", "hda",
     CFG_DISK_FORMAT_RAW, true, false},
    {"raw:/dev/vg/guest-volume,hda,w", "/dev/vg/guest-volume", "hda", CFG_DISK_FORMAT_RAW, true,
     false},
    {"/root/image.iso,,hdc,cdrom", "/root/image.iso", "hdc", CFG_DISK_FORMAT_RAW, false, true},
    {"/root/image.iso,,hdc,,cdrom", "/root/image.iso", "hdc", CFG_DISK_FORMAT_RAW, false, true},
    {"/root/image.iso,raw,hdc,devtype=cdrom", "/root/image.iso", "hdc", CFG_DISK_FORMAT_RAW, false,
     true},
    {"format=raw, vdev=hdc, access=ro, devtype=cdrom, target=/root/image.iso", "/root/image.iso",
     "hdc", CFG_DISK_FORMAT_RAW, false, true},
    {"raw:/root/image.iso,hdc:cdrom,ro", "/root/image.iso", "hdc", CFG_DISK_FORMAT_RAW, false,
     true},
    {",hdc:cdrom,r", "", "hdc", CFG_DISK_FORMAT_EMPTY, false, true},
    {"vdev=xvdc,cdrom", "", "xvdc", CFG_DISK_FORMAT_EMPTY, false, true},
    {"phy:/dev/vg/x,xvda,w", "/dev/vg/x", "xvda", CFG_DISK_FORMAT_RAW, true, false},
    {"tap:aio:/srv/img,xvda,r", "/srv/img", "xvda", CFG_DISK_FORMAT_RAW, false, false},
    {"qcow2:/srv/a.qcow2,xvdb", "/srv/a.qcow2", "xvdb", CFG_DISK_FORMAT_QCOW2, true, false},
    {"/srv/a.vhd,vhd,xvdb,ro", "/srv/a.vhd", "xvdb", CFG_DISK_FORMAT_VHD, false, false},
    {"vdev=xvda,target=/srv/a,b,c,", "/srv/a,b,c", "xvda", CFG_DISK_FORMAT_RAW, true, false},
    {"  /srv/img, qed, xvde", "/srv/img", "xvde", CFG_DISK_FORMAT_QED, true, false},
    {"/srv/img,,xvda,,", "/srv/img", "xvda", CFG_DISK_FORMAT_RAW, true, false},
    {"host:1234,,xvda", "host:1234", "xvda", CFG_DISK_FORMAT_RAW, true, false},
};

START_TEST(disk_forms)
{
	for (size_t i = 0; i < sizeof(disk_cases) / sizeof(disk_cases[0]); i++)
		check_disk(&disk_cases[i]);
}
END_TEST

START_TEST(disk_parameters_and_flags)
{
	const char *spec = "/srv/img,qcow,xvdb,ro,backend=driverdom,script=block-foo,no-discard,"
			   "untrusted,direct-io-safe,backendtype=qdisk,specification=virtio";

	ck_assert_int_eq(cfg_parse_disk(spec, &disk, &err), 0);
	ck_assert_int_eq(disk.format, CFG_DISK_FORMAT_QCOW);
	ck_assert_str_eq(disk.backend, "driverdom");
	ck_assert_str_eq(disk.script, "block-foo");
	ck_assert(!disk.discard);
	ck_assert(!disk.trusted);
	ck_assert(disk.direct_io_safe);
	ck_assert(disk.virtio);
	ck_assert_int_eq(disk.backendtype, CFG_DISK_BACKEND_QDISK);
	cfg_disk_free(&disk);

	ck_assert_int_eq(cfg_parse_disk("/a,,xvda", &disk, &err), 0);
	ck_assert(disk.discard && disk.trusted && !disk.virtio && !disk.direct_io_safe);
	ck_assert_ptr_null(disk.backend);
	ck_assert_ptr_null(disk.script);
	ck_assert_int_eq(disk.backendtype, CFG_DISK_BACKEND_AUTO);
	cfg_disk_free(&disk);

	ck_assert_int_eq(cfg_parse_disk("nbd:host:1234,xvda,w", &disk, &err), 0);
	ck_assert_str_eq(disk.script, "block-nbd");
	ck_assert_str_eq(disk.target, "host:1234");
	cfg_disk_free(&disk);

	/* An empty earlier value may be given again. */
	ck_assert_int_eq(cfg_parse_disk(",,xvda,target=/late", &disk, &err), 0);
	ck_assert_str_eq(disk.target, "/late");
}
END_TEST

static void disk_error(const char *spec, const char *message)
{
	ck_assert_int_eq(cfg_parse_disk(spec, &disk, &err), -EINVAL);
	ck_assert_str_eq(err.msg, message);
	ck_assert_ptr_null(disk.target);
	ck_assert_ptr_null(disk.vdev);
}

START_TEST(disk_errors)
{
	disk_error("", "no vdev (the guest's device name, e.g. xvda)");
	disk_error("/img", "no vdev (the guest's device name, e.g. xvda)");
	disk_error(",,xvda", "no target (the host file or device)");
	disk_error("/img,qcow3,xvda", "unknown format \"qcow3\" (raw, qcow, qcow2, vhd, qed)");
	disk_error("/img,raw,xvda,rx", "unknown access \"rx\" (r, ro, w or rw)");
	disk_error("/img,raw,xvda,rw,more", "too many positional parameters (\"more\")");
	disk_error("foo=bar,/img,,xvda", "unknown parameter \"foo\"");
	disk_error("/img,,xvda,vdev=xvdb", "vdev given twice");
	disk_error("/img,raw,xvda,format=qcow", "format given twice");
	disk_error("xyz:/img,xvda", "unknown deprecated prefix \"xyz:\"");
	disk_error("/img,,xvda,devtype=floppy", "unknown devtype \"floppy\" (cdrom or disk)");
	disk_error("/img,,hdc:floppy", "unknown devtype \"floppy\" (cdrom or disk)");
	disk_error("/img,,xvda,backendtype=nfs",
		   "unknown backendtype \"nfs\" (phy, tap, qdisk, standalone)");
	disk_error("/img,,xvda,specification=scsi",
		   "unknown specification \"scsi\" (xen or virtio)");
	disk_error("/img,,xvda,colo", "COLO replication is not supported by Lamina");
	disk_error("/img,,xvda,colo-host=h", "COLO replication is not supported by Lamina");
	disk_error("/img,,xvda,backendtype=phy,backendtype=tap", "backendtype given twice");
}
END_TEST

START_TEST(vif_defaults)
{
	ck_assert_int_eq(cfg_parse_vif("", 3, &vif, &err), 0);
	ck_assert_int_eq(vif.devid, 3);
	ck_assert(!vif.has_mac);
	ck_assert_str_eq(vif.bridge, "xenbr0");
	ck_assert_str_eq(vif.script, "vif-bridge");
	ck_assert_uint_eq(vif.mtu, 1500);
	ck_assert(vif.trusted);
	ck_assert_ptr_null(vif.ip);
	ck_assert_ptr_null(vif.backend);
	ck_assert_uint_eq(vif.rate_bytes_per_interval, 0);
}
END_TEST

START_TEST(vif_items)
{
	const char *spec = "mac=00:16:3E:74:3d:76,model=rtl8139,bridge=xenbr1, ip=10.0.0.2,,"
			   "script=vif-route,vifname=vif-demo,backend=netdom,netdev=eth0,mtu=9000,"
			   "devid=5,untrusted,type=vif";
	static const uint8_t mac[6] = {0x00, 0x16, 0x3e, 0x74, 0x3d, 0x76};

	ck_assert_int_eq(cfg_parse_vif(spec, 0, &vif, &err), 0);
	ck_assert(vif.has_mac);
	ck_assert_mem_eq(vif.mac, mac, 6);
	ck_assert_str_eq(vif.model, "rtl8139");
	ck_assert_str_eq(vif.bridge, "xenbr1");
	ck_assert_str_eq(vif.ip, "10.0.0.2");
	ck_assert_str_eq(vif.script, "vif-route");
	ck_assert_str_eq(vif.vifname, "vif-demo");
	ck_assert_str_eq(vif.backend, "netdom");
	ck_assert_str_eq(vif.gatewaydev, "eth0");
	ck_assert_str_eq(vif.type, "vif");
	ck_assert_uint_eq(vif.mtu, 9000);
	ck_assert_int_eq(vif.devid, 5);
	ck_assert(!vif.trusted);
}
END_TEST

/* The rates of xl-network-configuration(5): credit = rate x interval, default interval 50 ms. */
START_TEST(vif_rates)
{
	static const struct {
		const char *spec;
		uint64_t bytes;
		uint32_t us;
	} cases[] = {
	    {"rate=10Mb/s", 62500, 50000},     {"rate=250KB/s", 12500, 50000},
	    {"rate=1MB/s@20ms", 20000, 20000}, {"rate=1GB/s@1s", 1000000000, 1000000},
	    {"rate=8b/s@500us", 0, 500},       {"rate=100B/s@2", 200, 2000000},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(cfg_parse_vif(cases[i].spec, 0, &vif, &err) == 0, "%s: %s",
			      cases[i].spec, err.msg);
		ck_assert_uint_eq(vif.rate_bytes_per_interval, cases[i].bytes);
		ck_assert_uint_eq(vif.rate_interval_us, cases[i].us);
		cfg_vif_free(&vif);
	}
}
END_TEST

static void vif_error(const char *spec, const char *message)
{
	ck_assert_int_eq(cfg_parse_vif(spec, 0, &vif, &err), -EINVAL);
	ck_assert_str_eq(err.msg, message);
	ck_assert_ptr_null(vif.bridge);
}

START_TEST(vif_errors)
{
	vif_error("mac=00:16:3e:74:3d",
		  "mac: expected six hex bytes like 00:16:3e:12:34:56, got \"00:16:3e:74:3d\"");
	vif_error(
	    "mac=00:16:3e:74:3d:76:11",
	    "mac: expected six hex bytes like 00:16:3e:12:34:56, got \"00:16:3e:74:3d:76:11\"");
	vif_error("mac=0g:16:3e:74:3d:76",
		  "mac: expected six hex bytes like 00:16:3e:12:34:56, got \"0g:16:3e:74:3d:76\"");
	vif_error("mac=01:00:5e:00:00:01", "mac: 01:00:5e:00:00:01 is a multicast address");
	vif_error("rate=10Mb", "rate: expected RATE/s like 10Mb/s or 250KB/s, got \"10Mb\"");
	vif_error("rate=0MB/s", "rate: expected RATE/s like 10Mb/s or 250KB/s, got \"0MB/s\"");
	vif_error("rate=1MB/s@0ms", "rate: expected an interval like 20ms after '@', got \"0ms\"");
	vif_error("rate=1MB/s@5h", "rate: expected an interval like 20ms after '@', got \"5h\"");
	vif_error("mtu=10", "mtu: expected a number in 68..65535, got \"10\"");
	vif_error("devid=-1", "devid: expected a number in 0..2147483647, got \"-1\"");
	vif_error("foo=bar", "unknown item \"foo\"");
	vif_error("bogus", "unknown item \"bogus\"");
	vif_error("type=e1000", "type: expected vif or ioemu, got \"e1000\"");
	vif_error("colo_forwarddev=eth1", "COLO replication is not supported by Lamina");
	vif_error("accel=x", "accel is not supported (as in xl)");
}
END_TEST

Suite *config_devices_suite(void)
{
	Suite *s = suite_create("config_devices");
	TCase *tc = tcase_create("disk");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, disk_forms);
	tcase_add_test(tc, disk_parameters_and_flags);
	tcase_add_test(tc, disk_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("vif");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, vif_defaults);
	tcase_add_test(tc, vif_items);
	tcase_add_test(tc, vif_rates);
	tcase_add_test(tc, vif_errors);
	suite_add_tcase(s, tc);
	return s;
}
