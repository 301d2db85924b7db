/*
 * asm/fpu.h - a vCPU's FPU, SSE and extended (XSAVE) state while another
 * vCPU uses the CPU (arch/x86/fpu.c).
 *
 * Switching is eager: the outgoing vCPU's state is saved and the incoming
 * one's loaded on every switch (as Xen does for PV guests that use the FPU
 * at all). With XSAVE, a vCPU's area holds every component it has ever
 * enabled (its xcr0_accum), in the standard format; without XSAVE it is a
 * 512-byte FXSAVE image. A new vCPU starts from the architectural initial
 * state (FCW 0x37f, MXCSR 0x1f80, everything else zero).
 */
#ifndef ASM_FPU_H
#define ASM_FPU_H

struct vcpu;

/* fpu_init - at boot, after xstate_init: size the per-vCPU save area. */
void fpu_init(void);

/* vcpu_fpu_alloc - give v a save area in the initial state. 0 or -ENOMEM. */
int vcpu_fpu_alloc(struct vcpu *v);

/*
 * vcpu_fpu_set - replace v's saved state (v is not on the CPU): with a
 * 512-byte FXSAVE image (vcpu_guest_context.fpu_ctxt; other XSAVE
 * components in their initial state), or with the initial state (NULL).
 */
void vcpu_fpu_set(struct vcpu *v, const void *fxsave_image);

/* vcpu_fpu_get - v's x87/SSE state as a 512-byte FXSAVE image (XEN_DOMCTL_getvcpucontext). */
void vcpu_fpu_get(struct vcpu *v, void *fxsave_image);

/* vcpu_fpu_free - release v's save area. */
void vcpu_fpu_free(struct vcpu *v);

/*
 * fpu_switch - save prev's state (NULL: nothing on the CPU to keep) and
 * load next's, with next's XCR0 and virtual CR0.TS in force afterwards.
 */
void fpu_switch(struct vcpu *prev, struct vcpu *next);

#endif /* ASM_FPU_H */
