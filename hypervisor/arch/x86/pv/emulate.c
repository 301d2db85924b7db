/*
 * emulate.c - what a PV guest kernel executes without asking: CPUID (by the
 * forced-emulation prefix), RDMSR/WRMSR, control-register moves, port I/O,
 * WBINVD, CLTS, HLT, XSETBV. Each faults (#GP or #UD) at CPL 3 and is decoded and
 * performed here with the guest's view of the machine; RIP then moves past
 * the instruction. Guest-visible values follow Xen 4.17
 * (xen/arch/x86/pv/emul-priv-op.c, emul-inv-op.c, traps.c, cpuid.c);
 * ../shared reference sections 1.10, 2.4, 2.5 and 2.9.
 */
#include <asm/cpu.h>
#include <asm/extable.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/xstate.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <asm/uaccess.h>
#include <lamina/console.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/lib.h>
#include <lamina/mm.h>
#include <lamina/version.h>
#include <xen/arch-x86/cpuid.h>

#define MAX_INSN_BYTES 15
#define GUEST_PAT 0x0000050100070406ULL /* Xen's PAT: WB, WT, UC-, UC, WC, WP, UC, UC */
#define APIC_DEFAULT_BASE 0xFEE00000ULL
#define APIC_BASE_BSP (1ULL << 8)
#define APIC_BASE_ENABLE_BIT (1ULL << 11)

/* ---- CPUID ---- */

/* Leaf 1 ECX/EDX and leaf 7 EBX/ECX bits PV guests must not see (reference 2.9). */
#define L1_ECX_HIDE ((1U << 3) /* MONITOR */ | (1U << 5) /* VMX */ | (1U << 17) /* PCID */ | \
		     (1U << 21) /* x2APIC */ | (1U << 24) /* TSC deadline */ | \
		     (1U << 27) /* OSXSAVE: the guest's own CR4 bit, added back below */)
#define L1_ECX_HYPERVISOR (1U << 31)
#define L1_ECX_XSAVE (1U << 26)
#define L1_ECX_OSXSAVE (1U << 27)
#define L1_ECX_AVX ((1U << 28) /* AVX */ | (1U << 12) /* FMA */ | (1U << 29) /* F16C */)
/* Leaf 7 features that need the AVX (YMM) or AVX-512 state components. */
#define L7_EBX_AVX (1U << 5) /* AVX2 */
#define L7_ECX_AVX ((1U << 9) /* VAES */ | (1U << 10) /* VPCLMULQDQ */)
#define L7_1_EAX_AVX ((1U << 4) /* AVX-VNNI */ | (1U << 5) /* AVX512_BF16 */)
#define L7_EBX_AVX512 ((1U << 16) | (1U << 17) | (1U << 21) | (1U << 26) | (1U << 27) | \
		       (1U << 28) | (1U << 30) | (1U << 31)) /* F DQ IFMA PF ER CD BW VL */
#define L7_ECX_AVX512 ((1U << 1) | (1U << 6) | (1U << 11) | (1U << 12) | (1U << 14)) /* VBMI... */
#define L7_EDX_AVX512 ((1U << 2) | (1U << 3) | (1U << 8) | (1U << 23)) /* 4VNNIW 4FMAPS VP2I FP16 */
/* Leaf 0xD sub-leaf 1 EAX: XSAVEOPT, XSAVEC, XGETBV1 (XSAVES needs XSS: not for PV guests). */
#define XD1_EAX_ALLOWED ((1U << 0) | (1U << 1) | (1U << 2))
#define L1_EDX_HIDE ((1U << 3) /* PSE */ | (1U << 12) /* MTRR */ | (1U << 13) /* PGE */ | \
		     (1U << 17) /* PSE36 */ | (1U << 1) /* VME */ | (1U << 21) /* DS */ | \
		     (1U << 29) /* TM */ | (1U << 31) /* PBE */)
#define L1_EDX_SEP (1U << 11) /* SYSENTER: AMD CPUs lack it in long mode, Xen clears it */
#define L7_EBX_HIDE ((1U << 0) /* FSGSBASE */ | (1U << 7) /* SMEP */ | (1U << 20) /* SMAP */ | \
		     (1U << 10) /* INVPCID */ | (1U << 14) /* MPX: its state is not offered */)
#define L7_ECX_HIDE ((1U << 2) /* UMIP */ | (1U << 3) /* PKU */ | (1U << 4) /* OSPKE */ | \
		     (1U << 16) /* LA57 */)
#define E1_ECX_HIDE ((1U << 2) /* SVM */ | (1U << 3) /* ExtApicSpace */ | (1U << 4) /* CR8_LEGACY */ | \
		     (1U << 13) /* MONITORX */)
#define E1_EDX_HIDE ((1U << 26) /* 1 GiB pages */)

static void hypervisor_leaves(uint32_t idx, uint32_t subleaf, struct cpuid_regs *r)
{
	*r = (struct cpuid_regs){ 0 };
	switch (idx) {
	case 0:
		r->eax = XEN_CPUID_FIRST_LEAF + XEN_CPUID_MAX_NUM_LEAVES;
		r->ebx = XEN_CPUID_SIGNATURE_EBX;
		r->ecx = XEN_CPUID_SIGNATURE_ECX;
		r->edx = XEN_CPUID_SIGNATURE_EDX;
		break;
	case 1:
		r->eax = (LAMINA_VERSION_MAJOR << 16) | LAMINA_VERSION_MINOR;
		break;
	case 2:
		r->eax = 1; /* hypercall pages */
		r->ebx = XEN_CPUID_FIRST_LEAF; /* hypercall-page MSR base */
		r->ecx = XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD;
		break;
	case 5:
		if (subleaf == 0)
			r->ebx = (uint32_t)(64 - __builtin_clzl(max_page) + PAGE_SHIFT);
		break;
	default: /* 3 (time) and 4 (HVM) are empty for PV */
		break;
	}
}

/*
 * Leaf 0xD, the XSAVE state components: those guests may enable; EBX of
 * sub-leaves 0 and 1 comes from hardware, which holds the vCPU's XCR0.
 */
static void xsave_leaf(uint32_t subleaf, struct cpuid_regs *r)
{
	if (!xfeature_mask || (subleaf >= 2 && (subleaf >= 64 || !(xfeature_mask & (1ULL << subleaf))))) {
		*r = (struct cpuid_regs){ 0 };
		return;
	}
	if (subleaf == 0) {
		uint32_t max = 0;
		for (unsigned int i = 2; i < 64; i++) {
			if (xfeature_mask & (1ULL << i)) {
				struct cpuid_regs c = cpuid_count(0xd, i);
				max = max > c.eax + c.ebx ? max : c.eax + c.ebx;
			}
		}
		r->eax = (uint32_t)xfeature_mask;
		r->edx = (uint32_t)(xfeature_mask >> 32);
		r->ecx = max > 576 ? max : 576; /* legacy region and header at least */
	} else if (subleaf == 1) {
		r->eax &= XD1_EAX_ALLOWED;
		if (!(r->eax & (1U << 1)))
			r->ebx = 0; /* the compacted size only means something with XSAVEC */
		r->ecx = r->edx = 0; /* no supervisor (XSS) components */
	}
}

void guest_cpuid(uint32_t leaf, uint32_t subleaf, struct cpuid_regs *r)
{
	const struct vcpu *v = current;

	if (leaf >= XEN_CPUID_FIRST_LEAF && leaf < XEN_CPUID_FIRST_LEAF + 0x10000) {
		uint32_t idx = leaf - XEN_CPUID_FIRST_LEAF;
		if (idx <= XEN_CPUID_MAX_NUM_LEAVES)
			hypervisor_leaves(idx, subleaf, r);
		else
			*r = (struct cpuid_regs){ 0 };
		return;
	}
	*r = cpuid_count(leaf, subleaf);
	bool avx = xfeature_mask & XSTATE_YMM, avx512 = xfeature_mask & XSTATE_AVX512;
	switch (leaf) {
	case 1:
		r->ecx = (r->ecx & ~L1_ECX_HIDE) | L1_ECX_HYPERVISOR;
		if (!xfeature_mask)
			r->ecx &= ~L1_ECX_XSAVE;
		if (!avx)
			r->ecx &= ~L1_ECX_AVX;
		/*
		 * OSXSAVE is the guest's CR4 bit; like Xen, the enlightened
		 * CPUID of a guest kernel shows the hypervisor's (set) until
		 * then: PV Linux relies on it.
		 */
		if (xfeature_mask && v && ((v->pv.ctrlreg4 & X86_CR4_OSXSAVE) || v->pv.kernel_mode))
			r->ecx |= L1_ECX_OSXSAVE;
		r->edx &= ~L1_EDX_HIDE;
		if (host_vendor() & (X86_VENDOR_AMD | X86_VENDOR_HYGON))
			r->edx &= ~L1_EDX_SEP;
		break;
	case 5: /* MONITOR/MWAIT, power management, topology: not for guests */
	case 6:
	case 8:
	case 0xb:
	case 0xc:
	case 0x8000000a: /* SVM */
		*r = (struct cpuid_regs){ 0 };
		break;
	case 0x80000007: /* power and RAS: only invariant TSC and EFRO (EDX 8, 10) stay */
		r->eax = r->ebx = r->ecx = 0;
		r->edx &= (1U << 8) | (1U << 10);
		break;
	case 7:
		if (subleaf == 0) {
			r->ebx &= ~(L7_EBX_HIDE | (avx ? 0 : L7_EBX_AVX) | (avx512 ? 0 : L7_EBX_AVX512));
			r->ecx &= ~(L7_ECX_HIDE | (avx ? 0 : L7_ECX_AVX) | (avx512 ? 0 : L7_ECX_AVX512));
			r->edx &= ~(avx512 ? 0 : L7_EDX_AVX512);
		} else if (subleaf == 1 && !avx) {
			r->eax &= ~L7_1_EAX_AVX;
		}
		break;
	case 0xD:
		xsave_leaf(subleaf, r);
		break;
	case 0x80000001:
		r->ecx &= ~E1_ECX_HIDE;
		r->edx &= ~E1_EDX_HIDE;
		break;
	}
}

/* The forced-emulation prefix: ud2; .ascii "xen"; then cpuid (Xen's XEN_EMULATE_PREFIX). */
static const uint8_t forced_cpuid[] = { 0x0f, 0x0b, 'x', 'e', 'n', 0x0f, 0xa2 };

bool pv_emulate_forced_insn(struct vcpu *v, struct cpu_user_regs *regs)
{
	uint8_t insn[sizeof(forced_cpuid)];
	struct cpuid_regs r;

	if (copy_from_guest(insn, regs->rip, sizeof(insn)) ||
	    memcmp(insn, forced_cpuid, sizeof(insn)))
		return false;
	guest_cpuid((uint32_t)regs->rax, (uint32_t)regs->rcx, &r);
	regs->rax = r.eax;
	regs->rbx = r.ebx;
	regs->rcx = r.ecx;
	regs->rdx = r.edx;
	regs->rip += sizeof(forced_cpuid);
	return true;
}

/* ---- general registers by their encoding number ---- */

static uint64_t *gpr(struct cpu_user_regs *r, unsigned int n)
{
	switch (n & 15) {
	case 0:
		return &r->rax;
	case 1:
		return &r->rcx;
	case 2:
		return &r->rdx;
	case 3:
		return &r->rbx;
	case 4:
		return &r->rsp;
	case 5:
		return &r->rbp;
	case 6:
		return &r->rsi;
	case 7:
		return &r->rdi;
	case 8:
		return &r->r8;
	case 9:
		return &r->r9;
	case 10:
		return &r->r10;
	case 11:
		return &r->r11;
	case 12:
		return &r->r12;
	case 13:
		return &r->r13;
	case 14:
		return &r->r14;
	default:
		return &r->r15;
	}
}

/* ---- MSRs ---- */

static bool read_msr(struct vcpu *v, uint32_t msr, uint64_t *val)
{
	int rc = vmce_rdmsr(&v->vmce, msr, val);

	if (rc)
		return rc > 0;
	switch (msr) {
	case MSR_FS_BASE:
		*val = rdmsr(MSR_FS_BASE);
		return true;
	case MSR_GS_BASE:
		*val = rdmsr(MSR_GS_BASE); /* the active mode's base */
		return true;
	case MSR_SHADOW_GS_BASE:
		*val = rdmsr(MSR_SHADOW_GS_BASE);
		return true;
	case MSR_EFER:
		*val = rdmsr(MSR_EFER);
		return true;
	case MSR_APIC_BASE:
		*val = APIC_DEFAULT_BASE | APIC_BASE_ENABLE_BIT | (v->vcpu_id == 0 ? APIC_BASE_BSP : 0);
		return true;
	case MSR_PAT:
		*val = GUEST_PAT;
		return true;
	case MSR_TSC_AUX:
		*val = v->vcpu_id;
		return true;
	default:
		return false;
	}
}

static bool write_msr(struct vcpu *v, uint32_t msr, uint64_t val)
{
	int rc = vmce_wrmsr(&v->vmce, msr, val);

	if (rc)
		return rc > 0;
	switch (msr) {
	case MSR_FS_BASE:
		return pv_set_segment_base(v, SEGBASE_FS, val) == 0;
	case MSR_GS_BASE: /* the active GS base: the current mode's */
		return pv_set_segment_base(v, v->pv.kernel_mode ? SEGBASE_GS_KERNEL : SEGBASE_GS_USER,
					   val) == 0;
	case MSR_SHADOW_GS_BASE: /* the other mode's */
		return pv_set_segment_base(v, v->pv.kernel_mode ? SEGBASE_GS_USER : SEGBASE_GS_KERNEL,
					   val) == 0;
	case MSR_EFER:
		return val == rdmsr(MSR_EFER); /* only the current value is accepted */
	case MSR_PAT:
		return val == GUEST_PAT;
	default:
		return false;
	}
}

/* ---- port I/O ---- */

/* Ports the hypervisor keeps even from dom0: the PICs, the PIT, its serial console. */
static bool port_is_hypervisors(uint16_t port)
{
	return (port >= 0x20 && port <= 0x21) || (port >= 0xa0 && port <= 0xa1) ||
	       (port >= 0x40 && port <= 0x43) || (port >= 0x3f8 && port <= 0x3ff);
}

/*
 * PIT channel 2 for dom0: Xen gives dom0 one (pv_pit_handler) so that Linux
 * can calibrate its CPU clock against it at boot, and without it Linux's
 * calibration spins on a counter that never moves. Lamina uses the real
 * channel 2 only before dom0 exists (TSC calibration), so dom0 gets the real
 * one: its data port, and command bytes that address channel 2 alone
 * (counter select 2, or a read-back of channel 2 only). Port 0x61, its gate
 * and output, is dom0's anyway.
 */
#define PIT_CH2_DATA 0x42
#define PIT_COMMAND 0x43

static bool pit_ch2_access(uint16_t port, unsigned int bytes, bool write, uint32_t val)
{
	if (bytes != 1)
		return false;
	if (port == PIT_CH2_DATA)
		return true;
	return port == PIT_COMMAND && write &&
	       ((val & 0xC0) == 0x80 || ((val & 0xC0) == 0xC0 && (val & 0x0E) == 0x08));
}

static bool io_permitted(const struct vcpu *v)
{
	return v->pv.iopl >= (v->pv.kernel_mode ? 1U : 3U);
}

static uint32_t port_in(const struct vcpu *v, uint16_t port, unsigned int bytes)
{
	if (!v->domain->is_privileged ||
	    (port_is_hypervisors(port) && !pit_ch2_access(port, bytes, false, 0)))
		return bytes == 4 ? 0xFFFFFFFF : (1U << (8 * bytes)) - 1;
	return bytes == 1 ? inb(port) : bytes == 2 ? inw(port) : inl(port);
}

static void port_out(const struct vcpu *v, uint16_t port, unsigned int bytes, uint32_t val)
{
	if (!v->domain->is_privileged ||
	    (port_is_hypervisors(port) && !pit_ch2_access(port, bytes, true, val)))
		return;
	if (bytes == 1)
		outb(port, (uint8_t)val);
	else if (bytes == 2)
		outw(port, (uint16_t)val);
	else
		outl(port, val);
}

static void set_result(uint64_t *reg, unsigned int bytes, uint32_t val)
{
	if (bytes == 4)
		*reg = val; /* a 32-bit result zero-extends */
	else if (bytes == 2)
		*reg = (*reg & ~0xFFFFULL) | (val & 0xFFFF);
	else
		*reg = (*reg & ~0xFFULL) | (val & 0xFF);
}

/* ---- control registers ---- */

static uint64_t guest_cr4(const struct vcpu *v)
{
	/* The host bits a guest sees, and the one it controls itself (OSXSAVE). */
	return (read_cr4() & (X86_CR4_PAE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT | (1UL << 6))) |
	       v->pv.ctrlreg4;
}

static bool read_cr(struct vcpu *v, unsigned int cr, uint64_t *val)
{
	switch (cr) {
	case 0:
		*val = (read_cr0() & ~X86_CR0_TS) | (v->pv.ctrlreg0_ts ? X86_CR0_TS : 0);
		return true;
	case 2:
		*val = v->pv.cr2;
		return true;
	case 3:
		*val = (uint64_t)(v->pv.kernel_mode ? v->pv.guest_table : v->pv.guest_table_user)
		       << PAGE_SHIFT;
		return true;
	case 4:
		*val = guest_cr4(v);
		return true;
	default:
		return false;
	}
}

static bool write_cr(struct vcpu *v, unsigned int cr, uint64_t val)
{
	switch (cr) {
	case 0: {
		uint64_t cur = (read_cr0() & ~X86_CR0_TS) | (v->pv.ctrlreg0_ts ? X86_CR0_TS : 0);
		if ((val ^ cur) & ~X86_CR0_TS)
			return false; /* only TS may change */
		v->pv.ctrlreg0_ts = (val & X86_CR0_TS) ? 1 : 0;
		if (v->pv.ctrlreg0_ts)
			stts();
		else
			clts();
		return true;
	}
	case 2:
		v->pv.cr2 = val;
		return true;
	case 3:
		return pv_new_baseptr(v, val >> PAGE_SHIFT, !v->pv.kernel_mode) == 0;
	case 4:
		/* Only OSXSAVE is the guest's (when it has XSAVE); PGE, PSE, PCE and the like are not. */
		v->pv.ctrlreg4 = xfeature_mask ? val & X86_CR4_OSXSAVE : 0;
		return true;
	default:
		return false;
	}
}

/* ---- the decoder for #GP(0) from the guest kernel ---- */

bool pv_emulate_privileged(struct vcpu *v, struct cpu_user_regs *regs)
{
	uint8_t insn[MAX_INSN_BYTES];
	unsigned int i = 0, opsize = 4;
	bool rex_w = false, rex_r = false, rex_b = false;

	memset(insn, 0, sizeof(insn));
	if (copy_from_guest(insn, regs->rip, 1))
		return false;
	copy_from_guest(insn + 1, regs->rip + 1, sizeof(insn) - 1); /* the rest may be shorter */

	for (; i < MAX_INSN_BYTES; i++) {
		uint8_t b = insn[i];
		if (b == 0x66)
			opsize = 2;
		else if (b == 0xF3 || b == 0xF2 || b == 0x2E || b == 0x3E || b == 0x26 || b == 0x36 ||
			 b == 0x64 || b == 0x65)
			continue;
		else if ((b & 0xF0) == 0x40) {
			rex_w = b & 8;
			rex_r = b & 4;
			rex_b = b & 1;
		} else
			break;
	}
	if (i >= MAX_INSN_BYTES - 3)
		return false;
	uint8_t op = insn[i++];
	bool kernel = v->pv.kernel_mode;
	(void)rex_w;

	/* Port I/O: in/out with an immediate port or DX. */
	if (op >= 0xE4 && op <= 0xE7) {
		if (!io_permitted(v))
			return false;
		uint16_t port = insn[i++];
		unsigned int bytes = (op & 1) ? opsize : 1;
		if (op & 2)
			port_out(v, port, bytes, (uint32_t)regs->rax);
		else
			set_result(&regs->rax, bytes, port_in(v, port, bytes));
		regs->rip += i;
		return true;
	}
	if (op >= 0xEC && op <= 0xEF) {
		if (!io_permitted(v))
			return false;
		uint16_t port = (uint16_t)regs->rdx;
		unsigned int bytes = (op & 1) ? opsize : 1;
		if (op & 2)
			port_out(v, port, bytes, (uint32_t)regs->rax);
		else
			set_result(&regs->rax, bytes, port_in(v, port, bytes));
		regs->rip += i;
		return true;
	}
	if (!kernel)
		return false; /* everything below is for the guest kernel only */

	switch (op) {
	case 0xF4: /* hlt: the guest kernel has nothing to do until an event */
		regs->rip += i;
		return true;
	case 0xFA: /* cli, sti: with IOPL they are no-ops for a PV guest */
	case 0xFB:
		if (!io_permitted(v))
			return false;
		regs->rip += i;
		return true;
	case 0x0F:
		break;
	default:
		return false;
	}

	uint8_t op2 = insn[i++];
	switch (op2) {
	case 0x06: /* clts */
		v->pv.ctrlreg0_ts = 0;
		clts();
		break;
	case 0x01: { /* of the 0F 01 group only xsetbv, which a PV kernel may use */
		if (insn[i++] != 0xD1)
			return false;
		if (!(v->pv.ctrlreg4 & X86_CR4_OSXSAVE)) { /* #UD, as on hardware with CR4.OSXSAVE clear */
			pv_inject_trap(v, regs, X86_EXC_UD, false, 0);
			return true;
		}
		uint64_t val = ((uint64_t)(uint32_t)regs->rdx << 32) | (uint32_t)regs->rax;
		if (handle_xsetbv(v, (uint32_t)regs->rcx, val))
			return false;
		break;
	}
	case 0x08: /* invd */
	case 0x09: /* wbinvd */
		if (v->domain->is_privileged)
			asm volatile("wbinvd" ::: "memory");
		break;
	case 0x30: { /* wrmsr */
		uint64_t val = ((uint64_t)(uint32_t)regs->rdx << 32) | (uint32_t)regs->rax;
		if (!write_msr(v, (uint32_t)regs->rcx, val))
			return false;
		break;
	}
	case 0x32: { /* rdmsr */
		uint64_t val;
		if (!read_msr(v, (uint32_t)regs->rcx, &val))
			return false;
		regs->rax = (uint32_t)val;
		regs->rdx = val >> 32;
		break;
	}
	case 0x20: /* mov %crN, reg */
	case 0x22: { /* mov reg, %crN */
		uint8_t modrm = insn[i++];
		unsigned int cr = ((modrm >> 3) & 7) | (rex_r ? 8 : 0);
		uint64_t *reg = gpr(regs, (modrm & 7) | (rex_b ? 8 : 0));
		if (op2 == 0x20 ? !read_cr(v, cr, reg) : !write_cr(v, cr, *reg))
			return false;
		break;
	}
	case 0x21: /* mov %drN, reg */
	case 0x23: { /* mov reg, %drN */
		uint8_t modrm = insn[i++];
		unsigned int dr = (modrm >> 3) & 7;
		uint64_t *reg = gpr(regs, (modrm & 7) | (rex_b ? 8 : 0));
		if (op2 == 0x21)
			*reg = v->pv.debugreg[dr == 4 ? 6 : dr == 5 ? 7 : dr];
		else if (set_debugreg(v, dr, *reg))
			return false;
		break;
	}
	default:
		return false;
	}
	regs->rip += i;
	return true;
}

/* ---- GS selector loads (set_segment_base SEGBASE_GS_USER_SEL) ---- */

long load_user_gs_selector(struct vcpu *v, uint16_t sel)
{
	long rc = 0;

	/* The user base is the inactive one in kernel mode: swap, load, read, swap back. */
	asm volatile("swapgs\n\t"
		     "1: mov %w[sel], %%gs\n\t"
		     "2:\n\t"
		     ".pushsection .text.fixup, \"ax\"\n\t"
		     "3: xor %k[sel], %k[sel]\n\t"
		     "   mov %k[sel], %%gs\n\t"
		     "   mov $-14, %[rc]\n\t"
		     "   jmp 2b\n\t"
		     ".popsection\n\t" _ASM_EXTABLE(1b, 3b) "swapgs"
		     : [rc] "+r"(rc), [sel] "+r"(sel)
		     :
		     : "memory");
	if (!rc)
		v->pv.gs_base_user = rdmsr(MSR_SHADOW_GS_BASE);
	return rc;
}

/* ---- crash reports ---- */

/* show_page_walk - the entries translating va in the current page tables, for crash reports. */
void show_page_walk(unsigned long va)
{
	pte_t e = read_cr3() & PTE_ADDR_MASK;

	printk(LOG_ERR "  page walk for %016lx:", va);
	for (int level = 4; level >= 1; level--) {
		if ((e >> PAGE_SHIFT) >= max_page) {
			printk(" (table MFN %#lx beyond RAM)\n", (unsigned long)(e >> PAGE_SHIFT));
			return;
		}
		pte_t *t = __va(e & PTE_ADDR_MASK);
		e = t[(va >> (12 + 9 * (level - 1))) & 511];
		printk(" L%d %016lx", level, (unsigned long)e);
		if (!(e & _PAGE_PRESENT) || (e & _PAGE_PSE))
			break;
	}
	printk("\n");
}

void show_guest_state(const struct vcpu *v, const struct cpu_user_regs *r)
{
	uint64_t stack[16];

	printk(LOG_ERR "d%uv%u %s mode: RIP %04x:%016lx RFLAGS %016lx\n", v->domain->domain_id,
	       v->vcpu_id, v->pv.kernel_mode ? "kernel" : "user", r->cs, (unsigned long)r->rip,
	       (unsigned long)r->rflags);
	printk(LOG_ERR "  rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", r->rax, r->rbx, r->rcx,
	       r->rdx);
	printk(LOG_ERR "  rsi %016lx rdi %016lx rbp %016lx rsp %016lx\n", r->rsi, r->rdi, r->rbp,
	       r->rsp);
	printk(LOG_ERR "  r8  %016lx r9  %016lx r10 %016lx r11 %016lx\n", r->r8, r->r9, r->r10,
	       r->r11);
	printk(LOG_ERR "  r12 %016lx r13 %016lx r14 %016lx r15 %016lx\n", r->r12, r->r13, r->r14,
	       r->r15);
	printk(LOG_ERR "  cr2 %016lx cr3 %016lx (guest kernel L4 MFN %#lx)\n", v->pv.cr2,
	       read_cr3(), v->pv.guest_table);
	show_page_walk(r->rip);
	if (v->pv.cr2)
		show_page_walk(v->pv.cr2);
	if (copy_from_guest(stack, r->rsp, sizeof(stack))) {
		printk(LOG_ERR "  guest stack at %016lx is not readable\n", (unsigned long)r->rsp);
		return;
	}
	printk(LOG_ERR "  guest stack at %016lx:\n", (unsigned long)r->rsp);
	for (unsigned int i = 0; i < ARRAY_SIZE(stack); i += 4)
		printk(LOG_ERR "    %016lx %016lx %016lx %016lx\n", stack[i], stack[i + 1],
		       stack[i + 2], stack[i + 3]);
}
