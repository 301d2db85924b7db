/*
 * lamina/x86_decode.h - decoding the few x86-64 instructions a PV guest
 * kernel uses to write a page-table entry directly (the writable-page-table
 * assist): stores, exchanges and read-modify-writes of a 64-bit memory
 * operand. Pure logic, unit-tested hosted (tests/unit/test_x86_decode.c).
 * Encodings: Intel SDM vol. 2 (ModRM/SIB, chapter 2; the instructions).
 */
#ifndef LAMINA_X86_DECODE_H
#define LAMINA_X86_DECODE_H

#include <lamina/types.h>

enum pte_write_op {
	PTW_MOV, /* dst = src */
	PTW_XCHG, /* dst <-> reg */
	PTW_CMPXCHG, /* if (dst == rax) dst = src else rax = dst */
	PTW_OR,
	PTW_AND,
	PTW_XOR,
	PTW_ADD,
	PTW_SUB,
	PTW_BTS, /* CF = bit; set it */
	PTW_BTR, /* CF = bit; clear it */
	PTW_BTC, /* CF = bit; flip it */
};

struct pte_write {
	enum pte_write_op op;
	unsigned int length; /* bytes of the instruction */
	unsigned int operand_bytes; /* size of the memory operand: 1, 2, 4 or 8 */
	bool src_is_reg;
	unsigned int src_reg; /* 0-15: RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8-R15 */
	bool src_high_byte; /* byte form without REX: AH, CH, DH or BH of src_reg (0-3) */
	int64_t imm; /* sign-extended immediate, or the bit number for BT* imm8 */
	bool locked;
};

/*
 * x86_decode_pte_write - decode the instruction in insn[0, len) as a write to
 * a memory operand. Returns true and fills *w for the supported forms:
 * MOV r/m,r (89) and r/m,imm32 (C7 /0); XCHG (87); CMPXCHG (0F B1); OR, AND,
 * XOR, ADD, SUB with a register (09, 21, 31, 01, 29) or an immediate (81, 83
 * /1 /4 /6 /0 /5); BTS, BTR, BTC with a register (0F AB, 0F B3, 0F BB) or
 * imm8 (0F BA /5 /6 /7); the byte forms of the same (88, 86, 08, 20, 30, 00,
 * 28, C6 /0, 80, 0F B0); with LOCK, REX, operand-size and segment prefixes
 * (Linux uninlines LOCK into DS on one-CPU kernels). Register
 * destinations (ModRM mod = 3) are not memory writes: false.
 */
bool x86_decode_pte_write(const uint8_t *insn, size_t len, struct pte_write *w);

/*
 * pte_write_apply - the new memory value for old under w with source value
 * src (a register's value, or w->imm for immediate forms); sets *cf for the
 * BT* forms and *equal for CMPXCHG (with rax the comparison value).
 */
uint64_t pte_write_apply(const struct pte_write *w, uint64_t old, uint64_t src, uint64_t rax,
			 bool *cf, bool *equal);

#endif /* LAMINA_X86_DECODE_H */
