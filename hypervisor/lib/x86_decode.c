/*
 * x86_decode.c - decoding page-table writes (see lamina/x86_decode.h).
 * Pure logic, unit-tested hosted.
 */
#include <lamina/x86_decode.h>

/* modrm_length - bytes taken by ModRM, SIB and displacement from p; 0 if truncated. */
static unsigned int modrm_length(const uint8_t *p, size_t avail)
{
	if (avail < 1)
		return 0;
	uint8_t modrm = p[0];
	unsigned int mod = modrm >> 6, rm = modrm & 7, n = 1;

	if (mod == 3)
		return 1;
	if (rm == 4) { /* SIB follows */
		if (avail < 2)
			return 0;
		uint8_t sib = p[1];
		n++;
		if (mod == 0 && (sib & 7) == 5)
			n += 4; /* no base: disp32 */
	} else if (mod == 0 && rm == 5) {
		n += 4; /* RIP-relative disp32 */
	}
	if (mod == 1)
		n += 1;
	else if (mod == 2)
		n += 4;
	return n <= avail ? n : 0;
}

static int64_t read_imm(const uint8_t *p, unsigned int bytes)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	if (bytes < 8 && (v & (1ULL << (8 * bytes - 1))))
		v |= ~0ULL << (8 * bytes); /* sign-extend */
	return (int64_t)v;
}

bool x86_decode_pte_write(const uint8_t *insn, size_t len, struct pte_write *w)
{
	size_t i = 0;
	bool rex_w = false, rex_r = false, opsize16 = false;

	*w = (struct pte_write){ 0 };
	for (; i < len; i++) {
		uint8_t b = insn[i];
		if (b == 0xF0)
			w->locked = true;
		else if (b == 0x66)
			opsize16 = true;
		else if (b == 0x2E || b == 0x3E || b == 0x26 || b == 0x36 || b == 0x64 || b == 0x65)
			continue;
		else
			break;
	}
	if (i < len && (insn[i] & 0xF0) == 0x40) { /* REX must come last */
		rex_w = insn[i] & 8;
		rex_r = insn[i] & 4;
		i++;
	}
	if (i >= len)
		return false;

	unsigned int operand_bytes = rex_w ? 8 : opsize16 ? 2 : 4;
	bool rex = i > 0 && (insn[i - 1] & 0xF0) == 0x40;
	uint8_t op = insn[i++];
	bool two_byte = false;
	if (op == 0x0F) {
		if (i >= len)
			return false;
		op = insn[i++];
		two_byte = true;
	}
	if (i >= len)
		return false;
	uint8_t modrm = insn[i];
	if ((modrm >> 6) == 3)
		return false; /* a register destination */
	unsigned int reg = ((modrm >> 3) & 7) | (rex_r ? 8 : 0);
	unsigned int ext = (modrm >> 3) & 7;
	unsigned int mlen = modrm_length(insn + i, len - i);
	if (!mlen)
		return false;
	i += mlen;
	w->operand_bytes = operand_bytes;
	w->src_reg = reg;
	w->src_is_reg = true;

	/* Byte forms: the same operations on an 8-bit operand (AH..BH without REX). */
	static const uint8_t byte_ops[] = { 0x88, 0x86, 0x08, 0x20, 0x30, 0x00, 0x28, 0xC6, 0x80 };
	bool byte_form = false;
	for (unsigned int k = 0; k < sizeof(byte_ops); k++)
		if (!two_byte && op == byte_ops[k])
			byte_form = true;
	if (two_byte && op == 0xB0)
		byte_form = true;
	if (byte_form) {
		w->operand_bytes = 1;
		/* C6 and 80 have an opcode extension, not a register, in ModRM.reg */
		if (!rex && reg >= 4 && reg < 8 && op != 0xC6 && op != 0x80) {
			w->src_reg = reg - 4;
			w->src_high_byte = true;
		}
		op = two_byte ? 0xB1 : (uint8_t)(op == 0xC6 ? 0xC7 : op == 0x80 ? 0x83 : op + 1);
		if (op == 0x83) {
			/* 80 /n ib: a byte immediate, through the 83 path below */
		}
	}

	if (!two_byte) {
		switch (op) {
		case 0x89:
			w->op = PTW_MOV;
			break;
		case 0x87:
			w->op = PTW_XCHG;
			break;
		case 0x09:
			w->op = PTW_OR;
			break;
		case 0x21:
			w->op = PTW_AND;
			break;
		case 0x31:
			w->op = PTW_XOR;
			break;
		case 0x01:
			w->op = PTW_ADD;
			break;
		case 0x29:
			w->op = PTW_SUB;
			break;
		case 0xC7: {
			/* imm8 (C6), imm16 (0x66), else imm32, also when REX.W overrides 0x66 */
			unsigned int ib = w->operand_bytes == 1 ? 1 : operand_bytes == 2 ? 2 : 4;
			if (ext != 0 || i + ib > len)
				return false;
			w->op = PTW_MOV;
			w->src_is_reg = false;
			w->imm = read_imm(insn + i, ib);
			i += ib;
			break;
		}
		case 0x81:
		case 0x83: {
			static const enum pte_write_op group1[8] = { PTW_ADD, PTW_OR, 0, 0,
								     PTW_AND, PTW_SUB, PTW_XOR, 0 };
			unsigned int ib = op == 0x83 ? 1 : (operand_bytes == 2 ? 2 : 4);
			if ((ext == 2 || ext == 3 || ext == 7) || i + ib > len)
				return false; /* ADC, SBB, CMP */
			w->op = group1[ext];
			w->src_is_reg = false;
			w->imm = read_imm(insn + i, ib);
			i += ib;
			break;
		}
		default:
			return false;
		}
	} else {
		switch (op) {
		case 0xB1:
			w->op = PTW_CMPXCHG;
			break;
		case 0xAB:
			w->op = PTW_BTS;
			break;
		case 0xB3:
			w->op = PTW_BTR;
			break;
		case 0xBB:
			w->op = PTW_BTC;
			break;
		case 0xBA:
			if (ext < 5 || i + 1 > len)
				return false; /* /4 is BT: no write */
			w->op = ext == 5 ? PTW_BTS : ext == 6 ? PTW_BTR : PTW_BTC;
			w->src_is_reg = false;
			w->imm = insn[i++];
			break;
		default:
			return false;
		}
	}
	w->length = (unsigned int)i;
	return true;
}

uint64_t pte_write_apply(const struct pte_write *w, uint64_t old, uint64_t src, uint64_t rax,
			 bool *cf, bool *equal)
{
	unsigned int bits = w->operand_bytes * 8;
	uint64_t mask = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
	uint64_t bit;

	*cf = false;
	*equal = false;
	switch (w->op) {
	case PTW_MOV:
	case PTW_XCHG:
		return src & mask;
	case PTW_CMPXCHG:
		*equal = (old & mask) == (rax & mask);
		return (*equal ? src : old) & mask;
	case PTW_OR:
		return (old | src) & mask;
	case PTW_AND:
		return old & src & mask;
	case PTW_XOR:
		return (old ^ src) & mask;
	case PTW_ADD:
		return (old + src) & mask;
	case PTW_SUB:
		return (old - src) & mask;
	case PTW_BTS:
	case PTW_BTR:
	case PTW_BTC:
		bit = 1ULL << (src & (bits - 1));
		*cf = old & bit;
		old = w->op == PTW_BTS ? old | bit : w->op == PTW_BTR ? old & ~bit : old ^ bit;
		return old & mask;
	}
	return old;
}
