/*
 * acpi.c - finding the FADT and \_S5, powering off and resetting by ACPI.
 *
 * Tables are read through the direct map (they lie in the memory map's RAM,
 * ACPI or reserved ranges, all of which are mapped). Layouts: ACPI 6.4,
 * 5.2.5 (RSDP), 5.2.7/5.2.8 (RSDT/XSDT), 5.2.9 (FADT), 5.2.3.2 (GAS);
 * \_S5 is read from the DSDT's AML as a Name of a Package (19.6.102).
 */
#include <asm/io.h>
#include <asm/page.h>
#include <lamina/acpi.h>
#include <lamina/boot_info.h>
#include <lamina/console.h>
#include <lamina/lib.h>

struct acpi_rsdp {
	char signature[8];
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt;
	uint32_t length;
	uint64_t xsdt;
	uint8_t ext_checksum;
	uint8_t reserved[3];
} __packed;

struct acpi_header {
	char signature[4];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __packed;

struct acpi_gas {
	uint8_t space_id; /* 0 system memory, 1 system I/O */
	uint8_t bit_width, bit_offset, access_size;
	uint64_t address;
} __packed;

struct acpi_fadt {
	struct acpi_header h;
	uint32_t firmware_ctrl, dsdt;
	uint8_t reserved0, pm_profile;
	uint16_t sci_int;
	uint32_t smi_cmd;
	uint8_t acpi_enable, acpi_disable, s4bios_req, pstate_cnt;
	uint32_t pm1a_evt_blk, pm1b_evt_blk, pm1a_cnt_blk, pm1b_cnt_blk;
	uint32_t pm2_cnt_blk, pm_tmr_blk, gpe0_blk, gpe1_blk;
	uint8_t pm1_evt_len, pm1_cnt_len, pm2_cnt_len, pm_tmr_len;
	uint8_t gpe0_blk_len, gpe1_blk_len, gpe1_base, cst_cnt;
	uint16_t p_lvl2_lat, p_lvl3_lat, flush_size, flush_stride;
	uint8_t duty_offset, duty_width, day_alrm, mon_alrm, century;
	uint16_t iapc_boot_arch;
	uint8_t reserved1;
	uint32_t flags;
	struct acpi_gas reset_reg;
	uint8_t reset_value;
	uint16_t arm_boot_arch;
	uint8_t minor_version;
	uint64_t x_firmware_ctrl, x_dsdt;
} __packed;

_Static_assert(__builtin_offsetof(struct acpi_fadt, pm1a_cnt_blk) == 64, "FADT layout");
_Static_assert(__builtin_offsetof(struct acpi_fadt, flags) == 112, "FADT layout");
_Static_assert(__builtin_offsetof(struct acpi_fadt, x_dsdt) == 140, "FADT layout");

#define FADT_TMR_VAL_EXT (1U << 8)
#define FADT_RESET_REG_SUP (1U << 10)
#define PM1_SCI_EN 0x0001
#define PM1_SLP_TYP_SHIFT 10
#define PM1_SLP_EN (1U << 13)
#define GAS_SPACE_IO 1
#define AML_NAME_OP 0x08
#define AML_PACKAGE_OP 0x12
#define AML_BYTE_PREFIX 0x0A
#define AML_ONE_OP 0x01
#define AML_ONES_OP 0xFF

static const struct acpi_fadt *fadt;
static uint16_t pm1a_cnt, pm1b_cnt, pm_tmr;
static uint16_t slp_typ_a, slp_typ_b;
static bool have_s5;

static bool checksum_ok(const void *p, size_t len)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += ((const uint8_t *)p)[i];
	return sum == 0;
}

static const struct acpi_rsdp *scan_rsdp(paddr_t start, paddr_t len)
{
	for (paddr_t p = start; p + sizeof(struct acpi_rsdp) <= start + len; p += 16) {
		const struct acpi_rsdp *r = __va(p);
		if (!memcmp(r->signature, "RSD PTR ", 8) && checksum_ok(r, 20))
			return r;
	}
	return NULL;
}

static const struct acpi_rsdp *find_rsdp(void)
{
	if (boot_info.acpi_rsdp_valid)
		return (const struct acpi_rsdp *)boot_info.acpi_rsdp;
	paddr_t ebda = (paddr_t)*(const uint16_t *)__va(0x40E) << 4;
	const struct acpi_rsdp *r = NULL;
	if (ebda >= 0x80000 && ebda < 0xA0000)
		r = scan_rsdp(ebda, 1024);
	return r ? r : scan_rsdp(0xE0000, 0x20000);
}

static const struct acpi_header *map_table(paddr_t pa)
{
	const struct acpi_header *h = __va(pa);

	if (!pa || pa >= GiB(64) || h->length < sizeof(*h) || h->length > MiB(16) ||
	    !checksum_ok(h, h->length))
		return NULL;
	return h;
}

static const struct acpi_rsdp *rsdp_found;

static const struct acpi_header *find_table(const struct acpi_rsdp *rsdp, const char sig[4])
{
	bool x = rsdp->revision >= 2 && rsdp->xsdt;
	const struct acpi_header *root = map_table(x ? rsdp->xsdt : rsdp->rsdt);

	if (!root)
		return NULL;
	size_t n = (root->length - sizeof(*root)) / (x ? 8 : 4);
	const uint8_t *entries = (const uint8_t *)(root + 1);
	for (size_t i = 0; i < n; i++) {
		paddr_t pa = x ? *(const uint64_t *)(entries + 8 * i) : *(const uint32_t *)(entries + 4 * i);
		const struct acpi_header *t = map_table(pa);
		if (t && !memcmp(t->signature, sig, 4))
			return t;
	}
	return NULL;
}

/* aml_integer - one small integer package element at *p; advances *p. */
static bool aml_integer(const uint8_t **p, const uint8_t *end, uint16_t *v)
{
	if (*p >= end)
		return false;
	uint8_t op = *(*p)++;
	if (op == AML_BYTE_PREFIX) {
		if (*p >= end)
			return false;
		*v = *(*p)++;
	} else if (op == 0 || op == AML_ONE_OP) {
		*v = op;
	} else if (op == AML_ONES_OP) {
		*v = 0xFF;
	} else {
		return false;
	}
	return true;
}

/* find_s5 - the SLP_TYP values of \_S5 in the DSDT's AML. */
static bool find_s5(const struct acpi_header *dsdt)
{
	const uint8_t *aml = (const uint8_t *)dsdt, *end = aml + dsdt->length;

	for (const uint8_t *p = aml + sizeof(*dsdt); p + 8 < end; p++) {
		if (memcmp(p, "_S5_", 4))
			continue;
		if (!(p[-1] == AML_NAME_OP || (p[-1] == '\\' && p[-2] == AML_NAME_OP)))
			continue;
		const uint8_t *q = p + 4;
		if (*q++ != AML_PACKAGE_OP)
			continue;
		q += ((*q >> 6) & 3) + 1; /* PkgLength: lead byte plus 0-3 more */
		q++; /* NumElements */
		if (aml_integer(&q, end, &slp_typ_a) && aml_integer(&q, end, &slp_typ_b))
			return true;
	}
	return false;
}

void acpi_init(void)
{
	const struct acpi_rsdp *rsdp = find_rsdp();

	if (!rsdp) {
		printk(LOG_WARNING "ACPI: no RSDP; power off will halt instead\n");
		return;
	}
	rsdp_found = rsdp;
	fadt = (const struct acpi_fadt *)find_table(rsdp, "FACP");
	if (!fadt) {
		printk(LOG_WARNING "ACPI: no FADT; power off will halt instead\n");
		return;
	}
	pm1a_cnt = (uint16_t)fadt->pm1a_cnt_blk;
	pm1b_cnt = (uint16_t)fadt->pm1b_cnt_blk;
	pm_tmr = (uint16_t)fadt->pm_tmr_blk;

	paddr_t dsdt_pa = fadt->dsdt;
	if (fadt->h.length >= __builtin_offsetof(struct acpi_fadt, x_dsdt) + 8 && fadt->x_dsdt)
		dsdt_pa = fadt->x_dsdt;
	const struct acpi_header *dsdt = map_table(dsdt_pa);
	have_s5 = dsdt && find_s5(dsdt);

	printk("ACPI: RSDP rev %u (%.6s), FADT rev %u, PM1a_CNT %#x, PM timer %#x (%u-bit), "
	       "\\_S5 %s\n",
	       rsdp->revision, rsdp->oem_id, fadt->h.revision, pm1a_cnt, pm_tmr, acpi_pm_timer_bits(),
	       have_s5 ? "found" : "missing");
}

static void acpi_enable_mode(void)
{
	if ((inw(pm1a_cnt) & PM1_SCI_EN) || !fadt->smi_cmd || !fadt->acpi_enable)
		return;
	outb((uint16_t)fadt->smi_cmd, fadt->acpi_enable);
	for (int i = 0; i < 300000 && !(inw(pm1a_cnt) & PM1_SCI_EN); i++)
		;
}

void acpi_power_off(void)
{
	if (!fadt || !have_s5 || !pm1a_cnt)
		return;
	acpi_enable_mode();
	outw(pm1a_cnt, (uint16_t)((slp_typ_a << PM1_SLP_TYP_SHIFT) | PM1_SLP_EN));
	if (pm1b_cnt)
		outw(pm1b_cnt, (uint16_t)((slp_typ_b << PM1_SLP_TYP_SHIFT) | PM1_SLP_EN));
}

void acpi_reset(void)
{
	if (!fadt || fadt->h.length < __builtin_offsetof(struct acpi_fadt, reset_value) + 1 ||
	    !(fadt->flags & FADT_RESET_REG_SUP))
		return;
	if (fadt->reset_reg.space_id == GAS_SPACE_IO && fadt->reset_reg.address)
		outb((uint16_t)fadt->reset_reg.address, fadt->reset_value);
}

uint32_t acpi_pm_timer_read(void)
{
	if (!pm_tmr)
		return 0;
	uint32_t v = inl(pm_tmr);
	return acpi_pm_timer_bits() == 32 ? v : (v & 0xFFFFFF);
}

unsigned int acpi_pm_timer_bits(void)
{
	return fadt && (fadt->flags & FADT_TMR_VAL_EXT) ? 32 : 24;
}

const void *acpi_find_table(const char sig[4], size_t *len)
{
	const struct acpi_header *t = rsdp_found ? find_table(rsdp_found, sig) : NULL;

	if (t && len)
		*len = t->length;
	return t;
}
