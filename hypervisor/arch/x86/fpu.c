/*
 * fpu.c - saving and loading a vCPU's FPU/SSE/XSAVE state across vCPU
 * switches (the rules are in asm/fpu.h).
 *
 * XSAVE writes only the components in XCR0, so XCR0 is widened to the
 * outgoing vCPU's xcr0_accum for the save and to the incoming one's for the
 * load, then set to the incoming vCPU's own XCR0. The save area is aligned
 * to 64 bytes (XSAVE's rule; FXSAVE needs 16).
 */
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/xstate.h>
#include <lamina/domain.h>
#include <lamina/errno.h>
#include <lamina/heap.h>
#include <lamina/lib.h>

#define FXSAVE_BYTES 512
#define XSAVE_ALIGN 64
#define FCW_INIT 0x37f /* x87 control word after FNINIT */
#define MXCSR_INIT 0x1f80 /* all SIMD exceptions masked, round to nearest */
#define FXSAVE_MXCSR_OFFSET 24

static size_t area_bytes = FXSAVE_BYTES;

void fpu_init(void)
{
	if (xfeature_mask)
		area_bytes = cpuid_count(0xd, 0).ecx; /* every component the CPU supports */
}

void vcpu_fpu_set(struct vcpu *v, const void *fxsave_image)
{
	uint8_t *area = v->fpu_area;

	memset(area, 0, area_bytes);
	if (!fxsave_image) {
		*(uint16_t *)area = FCW_INIT;
		*(uint32_t *)(area + FXSAVE_MXCSR_OFFSET) = MXCSR_INIT;
		return;
	}
	memcpy(area, fxsave_image, FXSAVE_BYTES);
	if (xfeature_mask) /* the XSAVE header: x87 and SSE come from the image */
		*(uint64_t *)(area + FXSAVE_BYTES) = XSTATE_FP_SSE;
}

int vcpu_fpu_alloc(struct vcpu *v)
{
	uint8_t *raw = xzalloc_bytes(area_bytes + XSAVE_ALIGN - 1);

	if (!raw)
		return -ENOMEM;
	v->fpu_alloc = raw;
	v->fpu_area = (uint8_t *)(((uintptr_t)raw + XSAVE_ALIGN - 1) & ~(uintptr_t)(XSAVE_ALIGN - 1));
	vcpu_fpu_set(v, NULL);
	return 0;
}

void vcpu_fpu_free(struct vcpu *v)
{
	xfree(v->fpu_alloc);
	v->fpu_alloc = v->fpu_area = NULL;
}

static void save(struct vcpu *v)
{
	if (!xfeature_mask) {
		asm volatile("fxsave64 %0" : "=m"(*(uint8_t(*)[FXSAVE_BYTES])v->fpu_area));
		return;
	}
	uint64_t mask = v->xcr0_accum;
	xstate_set_xcr0(mask);
	asm volatile("xsave64 %0"
		     : "+m"(*(uint8_t(*)[area_bytes])v->fpu_area)
		     : "a"((uint32_t)mask), "d"((uint32_t)(mask >> 32)));
}

static void load(struct vcpu *v)
{
	if (!xfeature_mask) {
		asm volatile("fxrstor64 %0" ::"m"(*(const uint8_t(*)[FXSAVE_BYTES])v->fpu_area));
		return;
	}
	uint64_t mask = v->xcr0_accum;
	xstate_set_xcr0(mask);
	asm volatile("xrstor64 %0" ::"m"(*(const uint8_t(*)[area_bytes])v->fpu_area),
		     "a"((uint32_t)mask), "d"((uint32_t)(mask >> 32)));
	xstate_set_xcr0(v->xcr0);
}

void vcpu_fpu_get(struct vcpu *v, void *fxsave_image)
{
	if (v == current) { /* its state is in the registers: save it first */
		bool ts = read_cr0() & X86_CR0_TS;
		clts();
		save(v);
		xstate_set_xcr0(v->xcr0);
		if (ts)
			stts();
	}
	memcpy(fxsave_image, v->fpu_area, FXSAVE_BYTES);
}

void fpu_switch(struct vcpu *prev, struct vcpu *next)
{
	clts();
	if (prev)
		save(prev);
	load(next);
	if (next->pv.ctrlreg0_ts)
		stts();
}
