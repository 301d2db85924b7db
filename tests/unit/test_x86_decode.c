/*
 * test_x86_decode.c - decoding and applying the page-table writes of the
 * writable-page-table assist (hypervisor/lib/x86_decode.c).
 *
 * The encodings below were produced by the GNU assembler (as --64) and checked
 * with objdump; the few it will not emit (redundant segment prefixes, a 0x66
 * prefix that REX.W overrides) were hand-encoded and checked with objdump -D.
 */
#include <stdlib.h>
#include <string.h>

#include <lamina/x86_decode.h>

#include "unit.h"

/*
 * CHECK - an assertion for hot loops. A passing ck_assert records a
 * checkpoint (a pipe write in fork mode); this costs nothing when it holds.
 */
#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			ck_abort_msg(__VA_ARGS__);                                                 \
	} while (0)

/* Register numbers as the decoder reports them. */
enum { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15 };

struct dcase {
	const char *text; /* the instruction, AT&T syntax */
	unsigned int len;
	uint8_t bytes[15];
	enum pte_write_op op;
	unsigned int operand_bytes;
	bool src_is_reg;
	unsigned int src_reg; /* when src_is_reg */
	int64_t imm; /* when !src_is_reg */
	bool locked;
	bool hi; /* src_high_byte: AH, CH, DH or BH */
};

#define BYTES(...) .len = sizeof((uint8_t[]){ __VA_ARGS__ }), .bytes = { __VA_ARGS__ }
/* A register-source form. */
#define R(t, o, ob, reg, lk, ...)                                                                  \
	{ .text = t, .op = o, .operand_bytes = ob, .src_is_reg = true, .src_reg = reg,            \
	  .locked = lk, BYTES(__VA_ARGS__) }
/* A byte form whose source is AH, CH, DH or BH (src_reg 0-3). */
#define H(t, o, reg, lk, ...)                                                                      \
	{ .text = t, .op = o, .operand_bytes = 1, .src_is_reg = true, .src_reg = reg,             \
	  .locked = lk, .hi = true, BYTES(__VA_ARGS__) }
/* An immediate-source form. */
#define I(t, o, ob, im, lk, ...)                                                                   \
	{ .text = t, .op = o, .operand_bytes = ob, .src_is_reg = false, .imm = im, .locked = lk,  \
	  BYTES(__VA_ARGS__) }

static const struct dcase good[] = {
	/* MOV r/m, r (89) with every addressing form. */
	R("mov %rax,(%rdi)", PTW_MOV, 8, RAX, false, 0x48, 0x89, 0x07),
	R("mov %r9,0x10(%r12,%rcx,8)", PTW_MOV, 8, R9, false, 0x4d, 0x89, 0x4c, 0xcc, 0x10),
	R("mov %rdx,0x12345678(%rip)", PTW_MOV, 8, RDX, false, 0x48, 0x89, 0x15, 0x78, 0x56,
	  0x34, 0x12),
	R("mov %rcx,0x1000(,%rax,8)", PTW_MOV, 8, RCX, false, 0x48, 0x89, 0x0c, 0xc5, 0x00, 0x10,
	  0x00, 0x00),
	R("mov %rax,0x1000 (SIB, no base, no index)", PTW_MOV, 8, RAX, false, 0x48, 0x89, 0x04,
	  0x25, 0x00, 0x10, 0x00, 0x00),
	R("mov %rbx,-0x8(%rbp)", PTW_MOV, 8, RBX, false, 0x48, 0x89, 0x5d, 0xf8),
	R("mov %rsi,0x200(%rbx)", PTW_MOV, 8, RSI, false, 0x48, 0x89, 0xb3, 0x00, 0x02, 0x00,
	  0x00),
	R("mov %rax,0x12345678(%rsp)", PTW_MOV, 8, RAX, false, 0x48, 0x89, 0x84, 0x24, 0x78,
	  0x56, 0x34, 0x12),
	R("mov %rax,-0x1000(%rbp,%r9,4)", PTW_MOV, 8, RAX, false, 0x4a, 0x89, 0x84, 0x8d, 0x00,
	  0xf0, 0xff, 0xff),
	R("mov %rax,0x0(%rbp,%rax,1)", PTW_MOV, 8, RAX, false, 0x48, 0x89, 0x44, 0x05, 0x00),
	R("mov %rax,0x0(%r13,%rax,1)", PTW_MOV, 8, RAX, false, 0x49, 0x89, 0x44, 0x05, 0x00),
	R("mov %rax,0x0(%r13)", PTW_MOV, 8, RAX, false, 0x49, 0x89, 0x45, 0x00),
	R("mov %rax,(%r12)", PTW_MOV, 8, RAX, false, 0x49, 0x89, 0x04, 0x24),
	R("mov %rax,0x7f(%rdi,%rsi,2)", PTW_MOV, 8, RAX, false, 0x48, 0x89, 0x44, 0x77, 0x7f),
	R("mov %eax,(%rdi)", PTW_MOV, 4, RAX, false, 0x89, 0x07),
	R("mov %ax,(%rdi)", PTW_MOV, 2, RAX, false, 0x66, 0x89, 0x07),
	R("data16 mov %rax,(%rdi) (REX.W wins)", PTW_MOV, 8, RAX, false, 0x66, 0x48, 0x89, 0x07),
	/* Segment prefixes. */
	R("mov %rax,%fs:(%rdi)", PTW_MOV, 8, RAX, false, 0x64, 0x48, 0x89, 0x07),
	R("mov %r15,%gs:0x10(%rsp)", PTW_MOV, 8, R15, false, 0x65, 0x4c, 0x89, 0x7c, 0x24, 0x10),
	R("ds mov %rax,(%rdi)", PTW_MOV, 8, RAX, false, 0x3e, 0x48, 0x89, 0x07),
	R("cs es ss lock or %rax,(%rdi)", PTW_OR, 8, RAX, true, 0x2e, 0x26, 0x36, 0xf0, 0x48,
	  0x09, 0x07),
	R("lock xchg %rax,%fs:(%rdi)", PTW_XCHG, 8, RAX, true, 0xf0, 0x64, 0x48, 0x87, 0x07),
	/* MOV r/m, imm32 (C7 /0). */
	I("movq $0x0,(%rdi)", PTW_MOV, 8, 0, false, 0x48, 0xc7, 0x07, 0x00, 0x00, 0x00, 0x00),
	I("movq $-1,(%rdi)", PTW_MOV, 8, -1, false, 0x48, 0xc7, 0x07, 0xff, 0xff, 0xff, 0xff),
	I("movq $0x7fffffff,(%rdi)", PTW_MOV, 8, 0x7fffffff, false, 0x48, 0xc7, 0x07, 0xff, 0xff,
	  0xff, 0x7f),
	I("movl $0x80000000,(%rdi)", PTW_MOV, 4, -0x80000000LL, false, 0xc7, 0x07, 0x00, 0x00,
	  0x00, 0x80),
	I("movl $0xffffffff,(%rdi)", PTW_MOV, 4, -1, false, 0xc7, 0x07, 0xff, 0xff, 0xff, 0xff),
	I("movw $0x1234,(%rdi)", PTW_MOV, 2, 0x1234, false, 0x66, 0xc7, 0x07, 0x34, 0x12),
	I("data16 movq $0x12345678,(%rdi) (imm32)", PTW_MOV, 8, 0x12345678, false, 0x66, 0x48,
	  0xc7, 0x07, 0x78, 0x56, 0x34, 0x12),
	/* XCHG (87). */
	R("xchg %rsi,(%rax)", PTW_XCHG, 8, RSI, false, 0x48, 0x87, 0x30),
	R("lock xchg %rdx,(%rdi)", PTW_XCHG, 8, RDX, true, 0xf0, 0x48, 0x87, 0x17),
	R("xchg %r9,0x8(%r10)", PTW_XCHG, 8, R9, false, 0x4d, 0x87, 0x4a, 0x08),
	R("xchg %r11d,(%rax)", PTW_XCHG, 4, R11, false, 0x44, 0x87, 0x18),
	/* CMPXCHG (0F B1). */
	R("lock cmpxchg %rcx,(%rbx)", PTW_CMPXCHG, 8, RCX, true, 0xf0, 0x48, 0x0f, 0xb1, 0x0b),
	R("lock cmpxchg %rax,(%rdi)", PTW_CMPXCHG, 8, RAX, true, 0xf0, 0x48, 0x0f, 0xb1, 0x07),
	R("cmpxchg %r15,(%rdi)", PTW_CMPXCHG, 8, R15, false, 0x4c, 0x0f, 0xb1, 0x3f),
	R("lock cmpxchg %r12,-0x80(%rbx)", PTW_CMPXCHG, 8, R12, true, 0xf0, 0x4c, 0x0f, 0xb1,
	  0x63, 0x80),
	R("lock cmpxchg %ecx,(%rbx)", PTW_CMPXCHG, 4, RCX, true, 0xf0, 0x0f, 0xb1, 0x0b),
	/* Group-1 read-modify-writes with a register. */
	R("lock or %rax,(%rdx)", PTW_OR, 8, RAX, true, 0xf0, 0x48, 0x09, 0x02),
	R("lock and %r10,(%rsp)", PTW_AND, 8, R10, true, 0xf0, 0x4c, 0x21, 0x14, 0x24),
	R("xor %r8,0x0(%r13)", PTW_XOR, 8, R8, false, 0x4d, 0x31, 0x45, 0x00),
	R("add %rbx,(%rdi)", PTW_ADD, 8, RBX, false, 0x48, 0x01, 0x1f),
	R("sub %rdx,(%rcx)", PTW_SUB, 8, RDX, false, 0x48, 0x29, 0x11),
	/* Group-1 with an immediate: 83 (imm8) and 81 (imm32, imm16 with 0x66). */
	I("orq $0x2,0x8(%rax)", PTW_OR, 8, 2, false, 0x48, 0x83, 0x48, 0x08, 0x02),
	I("andq $-2,(%rdi)", PTW_AND, 8, -2, false, 0x48, 0x83, 0x27, 0xfe),
	I("andq $0x7fffffff,(%rdi)", PTW_AND, 8, 0x7fffffff, false, 0x48, 0x81, 0x27, 0xff, 0xff,
	  0xff, 0x7f),
	I("andq $0xffffffff80000000,(%rdi)", PTW_AND, 8, -0x80000000LL, false, 0x48, 0x81, 0x27,
	  0x00, 0x00, 0x00, 0x80),
	I("lock andq $-4097,(%rdi)", PTW_AND, 8, -4097, true, 0xf0, 0x48, 0x81, 0x27, 0xff, 0xef,
	  0xff, 0xff),
	I("andl $0xfffffffe,(%rdi)", PTW_AND, 4, -2, false, 0x83, 0x27, 0xfe),
	I("addq $0x1000,(%r11)", PTW_ADD, 8, 0x1000, false, 0x49, 0x81, 0x03, 0x00, 0x10, 0x00,
	  0x00),
	I("lock addq $-1,0x20(%rdi)", PTW_ADD, 8, -1, true, 0xf0, 0x48, 0x83, 0x47, 0x20, 0xff),
	I("lock xorq $0x10,(%rdi)", PTW_XOR, 8, 0x10, true, 0xf0, 0x48, 0x83, 0x37, 0x10),
	I("lock subq $0x100,(%rdi)", PTW_SUB, 8, 0x100, true, 0xf0, 0x48, 0x81, 0x2f, 0x00, 0x01,
	  0x00, 0x00),
	I("lock orl $0x80000001,(%rdx)", PTW_OR, 4, (int64_t)0xffffffff80000001ULL, true, 0xf0,
	  0x81, 0x0a, 0x01, 0x00, 0x00, 0x80),
	I("orw $0x8001,(%rdx)", PTW_OR, 2, (int64_t)0xffffffffffff8001ULL, false, 0x66, 0x81,
	  0x0a, 0x01, 0x80),
	I("orw $0xfffe,(%rdx)", PTW_OR, 2, -2, false, 0x66, 0x83, 0x0a, 0xfe),
	I("data16 orq $0xffffffff80000000,(%rdi) (imm32)", PTW_OR, 8, -0x80000000LL, false, 0x66,
	  0x48, 0x81, 0x0f, 0x00, 0x00, 0x00, 0x80),
	/* BTS, BTR, BTC with a register (0F AB, B3, BB). */
	R("lock bts %rax,(%rdi)", PTW_BTS, 8, RAX, true, 0xf0, 0x48, 0x0f, 0xab, 0x07),
	R("lock btr %r14,(%rdi)", PTW_BTR, 8, R14, true, 0xf0, 0x4c, 0x0f, 0xb3, 0x37),
	R("lock btc %rcx,(%rdi)", PTW_BTC, 8, RCX, true, 0xf0, 0x48, 0x0f, 0xbb, 0x0f),
	/* ... and with imm8 (0F BA /5 /6 /7): the bit number, not sign-extended. */
	I("lock btrl $0x1,(%rdx)", PTW_BTR, 4, 1, true, 0xf0, 0x0f, 0xba, 0x32, 0x01),
	I("lock btrl $0x1f,(%rdx)", PTW_BTR, 4, 31, true, 0xf0, 0x0f, 0xba, 0x32, 0x1f),
	I("lock btsl $0x5,(%rdi)", PTW_BTS, 4, 5, true, 0xf0, 0x0f, 0xba, 0x2f, 0x05),
	I("lock btsq $0x3f,(%rdi)", PTW_BTS, 8, 63, true, 0xf0, 0x48, 0x0f, 0xba, 0x2f, 0x3f),
	I("lock btcq $0x80,(%rdi)", PTW_BTC, 8, 128, true, 0xf0, 0x48, 0x0f, 0xba, 0x3f, 0x80),
	I("lock btrq $0x0,0x18(%rsp)", PTW_BTR, 8, 0, true, 0xf0, 0x48, 0x0f, 0xba, 0x74, 0x24,
	  0x18, 0x00),
	I("btrq $0x3f,(%rdi)", PTW_BTR, 8, 63, false, 0x48, 0x0f, 0xba, 0x37, 0x3f),
	/* Byte forms (88, 86, 08, 20, 30, 00, 28, C6 /0, 80, 0F B0). */
	R("mov %al,(%rdi)", PTW_MOV, 1, RAX, false, 0x88, 0x07),
	H("mov %ah,(%rdi)", PTW_MOV, RAX, false, 0x88, 0x27),
	H("mov %bh,(%rdi)", PTW_MOV, RBX, false, 0x88, 0x3f),
	R("mov %spl,(%rdi)", PTW_MOV, 1, RSP, false, 0x40, 0x88, 0x27),
	R("mov %dil,(%rdi)", PTW_MOV, 1, RDI, false, 0x40, 0x88, 0x3f),
	R("mov %r9b,(%rdi)", PTW_MOV, 1, R9, false, 0x44, 0x88, 0x0f),
	R("data16 mov %al,(%rdi)", PTW_MOV, 1, RAX, false, 0x66, 0x88, 0x07),
	R("rex.W mov %al,(%rdi)", PTW_MOV, 1, RAX, false, 0x48, 0x88, 0x07),
	R("xchg %al,(%rdi)", PTW_XCHG, 1, RAX, false, 0x86, 0x07),
	H("xchg %ch,(%rdi)", PTW_XCHG, RCX, false, 0x86, 0x2f),
	R("or %al,(%rdi)", PTW_OR, 1, RAX, false, 0x08, 0x07),
	R("lock and %dl,(%rdi)", PTW_AND, 1, RDX, true, 0xf0, 0x20, 0x17),
	R("xor %bl,(%rsi)", PTW_XOR, 1, RBX, false, 0x30, 0x1e),
	R("add %cl,(%rdi)", PTW_ADD, 1, RCX, false, 0x00, 0x0f),
	R("sub %r15b,(%rdi)", PTW_SUB, 1, R15, false, 0x44, 0x28, 0x3f),
	R("lock cmpxchg %cl,(%rbx)", PTW_CMPXCHG, 1, RCX, true, 0xf0, 0x0f, 0xb0, 0x0b),
	H("lock cmpxchg %dh,(%rbx)", PTW_CMPXCHG, RDX, true, 0xf0, 0x0f, 0xb0, 0x33),
	R("lock cmpxchg %sil,(%rbx)", PTW_CMPXCHG, 1, RSI, true, 0xf0, 0x40, 0x0f, 0xb0, 0x33),
	I("movb $0x1,(%rdi)", PTW_MOV, 1, 1, false, 0xc6, 0x07, 0x01),
	I("movb $0x80,0x10(%rax,%rcx,8)", PTW_MOV, 1, -0x80, false, 0xc6, 0x44, 0xc8, 0x10, 0x80),
	I("data16 movb $0x1,(%rdi)", PTW_MOV, 1, 1, false, 0x66, 0xc6, 0x07, 0x01),
	I("rex.W movb $0x1,(%rdi)", PTW_MOV, 1, 1, false, 0x48, 0xc6, 0x07, 0x01),
	/* ModRM.reg of 80 is an opcode extension: /4 /5 /6 are not AH, CH, DH. */
	I("lock andb $0xfd,(%rdi)", PTW_AND, 1, -3, true, 0xf0, 0x80, 0x27, 0xfd),
	I("andb $0xfd,0x8(%rdi)", PTW_AND, 1, -3, false, 0x80, 0x67, 0x08, 0xfd),
	I("orb $0x1,(%rdi)", PTW_OR, 1, 1, false, 0x80, 0x0f, 0x01),
	I("lock orb $0x80,(%rdx)", PTW_OR, 1, -0x80, true, 0xf0, 0x80, 0x0a, 0x80),
	I("lock xorb $0x40,(%rdi)", PTW_XOR, 1, 0x40, true, 0xf0, 0x80, 0x37, 0x40),
	I("subb $0x2,(%rdi)", PTW_SUB, 1, 2, false, 0x80, 0x2f, 0x02),
	I("addb $0xff,(%rdi)", PTW_ADD, 1, -1, false, 0x80, 0x07, 0xff),
	I("rex.W andb $0xfd,(%rdi)", PTW_AND, 1, -3, false, 0x48, 0x80, 0x27, 0xfd),
};

/* Not page-table writes the decoder supports: refused whole and with any tail. */
struct rcase {
	const char *text;
	unsigned int len;
	uint8_t bytes[15];
};
#define X(t, ...) { .text = t, BYTES(__VA_ARGS__) }

static const struct rcase refused[] = {
	/* Register destinations (mod = 3). */
	X("mov %rax,%rdi", 0x48, 0x89, 0xc7),
	X("mov %eax,%edi", 0x89, 0xc7),
	X("xchg %rax,%rsi (87)", 0x48, 0x87, 0xc6),
	X("xchg %rax,%rsi (96)", 0x48, 0x96),
	X("or $0x1,%rax", 0x48, 0x83, 0xc8, 0x01),
	X("and $0xfff,%rax", 0x48, 0x81, 0xe0, 0xff, 0x0f, 0x00, 0x00),
	X("movq $0,%rax (C7 mod 3)", 0x48, 0xc7, 0xc0, 0x00, 0x00, 0x00, 0x00),
	X("or %rax,%rdx", 0x48, 0x09, 0xc2),
	X("lock cmpxchg %rcx,%rbx (mod 3)", 0xf0, 0x48, 0x0f, 0xb1, 0xcb),
	X("bts %rax,%rdi", 0x48, 0x0f, 0xab, 0xc7),
	X("btsq $0x5,%rax", 0x48, 0x0f, 0xba, 0xe8, 0x05),
	X("btrq $0x5,%rax", 0x48, 0x0f, 0xba, 0xf0, 0x05),
	/* ADC, SBB, CMP of group 1: no write we emulate (CMP writes nothing). */
	X("adcq $0x1,(%rdi)", 0x48, 0x83, 0x17, 0x01),
	X("sbbq $0x1,(%rdi)", 0x48, 0x83, 0x1f, 0x01),
	X("cmpq $0x1,(%rdi)", 0x48, 0x83, 0x3f, 0x01),
	X("adcq $0x1000,(%rdi)", 0x48, 0x81, 0x17, 0x00, 0x10, 0x00, 0x00),
	X("sbbq $0x1000,(%rdi)", 0x48, 0x81, 0x1f, 0x00, 0x10, 0x00, 0x00),
	X("cmpq $0x1000,(%rdi)", 0x48, 0x81, 0x3f, 0x00, 0x10, 0x00, 0x00),
	X("lock adcq $0x1,(%rdi)", 0xf0, 0x48, 0x83, 0x17, 0x01),
	X("adcb $0x1,(%rdi)", 0x80, 0x17, 0x01),
	X("sbbb $0x1,(%rdi)", 0x80, 0x1f, 0x01),
	X("cmpb $0x1,(%rdi)", 0x80, 0x3f, 0x01),
	X("adc %al,(%rdi)", 0x10, 0x07),
	X("cmp %al,(%rdi)", 0x38, 0x07),
	X("adc %rax,(%rdi)", 0x48, 0x11, 0x07),
	X("sbb %rax,(%rdi)", 0x48, 0x19, 0x07),
	X("cmp %rax,(%rdi)", 0x48, 0x39, 0x07),
	/* BT (0F BA /4, 0F A3) reads only; 0F BA /0-/3 are undefined. */
	X("btq $0x4,(%rdi)", 0x48, 0x0f, 0xba, 0x27, 0x04),
	X("lock btq $0x4,(%rdi)", 0xf0, 0x48, 0x0f, 0xba, 0x27, 0x04),
	X("bt %rax,(%rdi)", 0x48, 0x0f, 0xa3, 0x07),
	X("0f ba /0", 0x48, 0x0f, 0xba, 0x07, 0x04),
	X("0f ba /1", 0x48, 0x0f, 0xba, 0x0f, 0x04),
	X("0f ba /2", 0x48, 0x0f, 0xba, 0x17, 0x04),
	X("0f ba /3", 0x48, 0x0f, 0xba, 0x1f, 0x04),
	/* C7 /1-/7 are not MOV. */
	X("c7 /1", 0x48, 0xc7, 0x0f, 0x00, 0x00, 0x00, 0x00),
	X("c7 /7", 0x48, 0xc7, 0x3f, 0x00, 0x00, 0x00, 0x00),
	X("c6 /1", 0xc6, 0x0f, 0x01),
	X("c6 /4", 0xc6, 0x27, 0x01),
	/* Byte forms with a register destination. */
	X("mov %al,%bl", 0x88, 0xc3),
	X("xchg %ah,%bh", 0x86, 0xe7),
	X("orb $0x1,%al (80)", 0x80, 0xc8, 0x01),
	X("andb $0xfd,%ah", 0x80, 0xe4, 0xfd),
	X("or $0x1,%al (0c)", 0x0c, 0x01),
	X("movb $0x1,%al (c6)", 0xc6, 0xc0, 0x01),
	X("lock cmpxchg %cl,%bl", 0xf0, 0x0f, 0xb0, 0xcb),
	/* Loads, byte forms and other opcodes. */
	X("mov (%rdi),%rax", 0x48, 0x8b, 0x07),
	X("lock cmpxchg8b (%rdi)", 0xf0, 0x0f, 0xc7, 0x0f),
	X("lock cmpxchg16b (%rdi)", 0xf0, 0x48, 0x0f, 0xc7, 0x0f),
	X("lock xadd %rax,(%rdi)", 0xf0, 0x48, 0x0f, 0xc1, 0x07),
	X("lock incq (%rdi)", 0xf0, 0x48, 0xff, 0x07),
	X("notq (%rdi)", 0x48, 0xf7, 0x17),
	X("movabs %rax,0x1000", 0x48, 0xa3, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
	X("mov %cr3,%rax", 0x0f, 0x20, 0xd8),
	X("nop", 0x90),
	X("ret", 0xc3),
	X("int3", 0xcc),
	X("mov %al,0x1000 (a2)", 0xa2, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
};

static void check_decoded(const struct dcase *c, const struct pte_write *w, size_t avail)
{
	CHECK(w->length == c->len, "%s (%zu bytes given): length %u, want %u", c->text, avail,
	      w->length, c->len);
	CHECK(w->op == c->op, "%s: op %d, want %d", c->text, w->op, c->op);
	CHECK(w->operand_bytes == c->operand_bytes, "%s: operand_bytes %u, want %u", c->text,
	      w->operand_bytes, c->operand_bytes);
	CHECK(w->src_is_reg == c->src_is_reg, "%s: src_is_reg %d, want %d", c->text,
	      w->src_is_reg, c->src_is_reg);
	if (c->src_is_reg)
		CHECK(w->src_reg == c->src_reg, "%s: src_reg %u, want %u", c->text, w->src_reg,
		      c->src_reg);
	else
		CHECK(w->imm == c->imm, "%s: imm %#llx, want %#llx", c->text,
		      (unsigned long long)w->imm, (unsigned long long)c->imm);
	CHECK(w->locked == c->locked, "%s: locked %d, want %d", c->text, w->locked, c->locked);
	CHECK(w->src_high_byte == c->hi, "%s: src_high_byte %d, want %d", c->text,
	      w->src_high_byte, c->hi);
}

/* Decode n bytes held in a heap buffer of exactly n bytes, so ASan sees any over-read. */
static bool decode_exact(const uint8_t *bytes, size_t n, struct pte_write *w)
{
	uint8_t *buf = malloc(n ? n : 1);
	bool ok;

	ck_assert_ptr_nonnull(buf);
	memcpy(buf, bytes, n);
	ok = x86_decode_pte_write(buf, n, w);
	free(buf);
	return ok;
}

/* ---- x86_decode_pte_write ---- */

START_TEST(decodes_exact_length)
{
	const struct dcase *c = &good[_i];
	struct pte_write w;

	memset(&w, 0xa5, sizeof(w));
	ck_assert_msg(decode_exact(c->bytes, c->len, &w), "%s: refused", c->text);
	check_decoded(c, &w, c->len);
}
END_TEST

START_TEST(decodes_with_following_bytes)
{
	const struct dcase *c = &good[_i];
	static const uint8_t fills[] = { 0x00, 0x0f, 0x48, 0x66, 0xf0, 0xcc, 0xff };
	uint8_t buf[15 + 8];
	struct pte_write w;

	/* Whatever follows the instruction (up to 15 bytes in all) does not change it. */
	for (unsigned int f = 0; f < ARRAY_SIZE(fills); f++) {
		for (size_t n = c->len; n <= 15; n++) {
			memset(buf, fills[f], sizeof(buf));
			memcpy(buf, c->bytes, c->len);
			memset(&w, 0x5a, sizeof(w));
			CHECK(decode_exact(buf, n, &w), "%s: refused with %zu bytes", c->text, n);
			check_decoded(c, &w, n);
		}
	}
}
END_TEST

START_TEST(refuses_truncated)
{
	const struct dcase *c = &good[_i];
	struct pte_write w;

	/* Every proper prefix of the encoding is refused, without reading past it. */
	for (size_t n = 0; n < c->len; n++)
		CHECK(!decode_exact(c->bytes, n, &w), "%s: its first %zu bytes were accepted",
		      c->text, n);
}
END_TEST

START_TEST(refuses_unsupported)
{
	const struct rcase *c = &refused[_i];
	uint8_t buf[15];
	struct pte_write w;

	for (size_t n = 0; n <= c->len; n++)
		CHECK(!decode_exact(c->bytes, n, &w), "%s (first %zu bytes) accepted", c->text, n);
	/* Nor with bytes after it. */
	memset(buf, 0, sizeof(buf));
	memcpy(buf, c->bytes, c->len);
	CHECK(!decode_exact(buf, sizeof(buf), &w), "%s accepted with trailing zeros", c->text);
	memset(buf, 0xff, sizeof(buf));
	memcpy(buf, c->bytes, c->len);
	CHECK(!decode_exact(buf, sizeof(buf), &w), "%s accepted with trailing 0xff", c->text);
}
END_TEST

START_TEST(refuses_empty)
{
	static const uint8_t b[1] = { 0x90 };
	struct pte_write w;

	ck_assert(!x86_decode_pte_write(b, 0, &w));
}
END_TEST

START_TEST(refuses_prefixes_alone)
{
	static const uint8_t pfx[] = { 0xf0, 0x66, 0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65, 0x48 };
	uint8_t b[15];
	struct pte_write w;

	/* Up to 15 bytes of prefixes (REX last), with nothing after them. */
	for (size_t n = 1; n <= sizeof(b); n++) {
		for (size_t k = 0; k < n; k++)
			b[k] = pfx[(k + n) % (ARRAY_SIZE(pfx) - 1)];
		CHECK(!decode_exact(b, n, &w), "%zu prefix bytes accepted", n);
		b[n - 1] = 0x4c;
		CHECK(!decode_exact(b, n, &w), "%zu prefix bytes and REX accepted", n);
	}
}
END_TEST

START_TEST(rex_before_prefix_is_not_rex_w)
{
	/* A REX prefix followed by a legacy prefix is ignored by the CPU (SDM 2.2.1):
	 * 48 66 89 07 is "mov %ax,(%rdi)". It must not be taken as a 64-bit store. */
	static const uint8_t b[] = { 0x48, 0x66, 0x89, 0x07 };
	struct pte_write w;

	if (decode_exact(b, sizeof(b), &w)) {
		ck_assert_uint_eq(w.operand_bytes, 2);
		ck_assert_uint_eq(w.length, 4);
	}
}
END_TEST

START_TEST(rex_r_selects_high_registers)
{
	/* mov %rN,(%rdi) for every N: REX.R (0x4c) adds 8 to ModRM.reg. */
	for (unsigned int n = 0; n < 16; n++) {
		uint8_t b[3] = { n >= 8 ? 0x4c : 0x48, 0x89, (uint8_t)(0x07 | (n & 7) << 3) };
		struct pte_write w;

		CHECK(decode_exact(b, 3, &w), "mov reg %u refused", n);
		CHECK(w.src_is_reg && w.src_reg == n && w.length == 3 && w.operand_bytes == 8,
		      "mov reg %u: src_reg %u length %u", n, w.src_reg, w.length);
	}
	/* REX.B and REX.X choose the address registers only. */
	static const uint8_t bx[] = { 0x4b, 0x89, 0x04, 0x07 }; /* mov %rax,(%r15,%r8,1) */
	struct pte_write w;

	ck_assert(decode_exact(bx, sizeof(bx), &w));
	ck_assert_uint_eq(w.src_reg, RAX);
	ck_assert_uint_eq(w.length, 4);
}
END_TEST

/*
 * Every ModRM/SIB/displacement combination for "mov %rcx,<mem>": the length is
 * 2 (opcode, ModRM) + SIB + displacement, from the SDM's tables 2-2 and 2-3.
 */
START_TEST(modrm_lengths)
{
	for (unsigned int modrm = 0; modrm < 256; modrm++) {
		unsigned int mod = modrm >> 6, rm = modrm & 7;

		if (mod == 3)
			continue;
		for (unsigned int sib = 0; sib < (rm == 4 ? 256U : 1U); sib++) {
			unsigned int want = 3; /* REX.W, 89, ModRM */
			if (rm == 4)
				want++;
			if (mod == 1)
				want += 1;
			else if (mod == 2 || (mod == 0 && rm == 5) ||
				 (mod == 0 && rm == 4 && (sib & 7) == 5))
				want += 4;
			uint8_t b[8] = { 0x48, 0x89, (uint8_t)modrm, (uint8_t)sib, 0x11, 0x22, 0x33,
					 0x44 };
			size_t off = rm == 4 ? 0 : 1; /* no SIB: drop it from the bytes */
			uint8_t in[8] = { 0 };
			struct pte_write w;

			memcpy(in, b, 3);
			memcpy(in + 3, b + 3 + off, sizeof(b) - 3 - off);
			CHECK(decode_exact(in, want, &w), "modrm %#x sib %#x refused at %u bytes",
			      modrm, sib, want);
			CHECK(w.length == want && w.src_reg == ((modrm >> 3) & 7),
			      "modrm %#x sib %#x: length %u src %u, want %u", modrm, sib, w.length,
			      w.src_reg, want);
			CHECK(!decode_exact(in, want - 1, &w),
			      "modrm %#x sib %#x: %u bytes accepted", modrm, sib, want - 1);
		}
	}
}
END_TEST

/* ---- pte_write_apply ---- */

static struct pte_write decode(const uint8_t *b, size_t n)
{
	struct pte_write w;

	ck_assert(x86_decode_pte_write(b, n, &w));
	return w;
}

#define DECODE(...)                                                                                \
	decode((const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ }))

/* apply - with cf and equal primed to true, so a stale flag shows. */
static uint64_t apply(const struct pte_write *w, uint64_t old, uint64_t src, uint64_t rax,
		      bool *cf, bool *equal)
{
	*cf = true;
	*equal = true;
	return pte_write_apply(w, old, src, rax, cf, equal);
}

START_TEST(apply_mov_xchg)
{
	struct pte_write mov = DECODE(0x48, 0x89, 0x07), xchg = DECODE(0x48, 0x87, 0x30);
	struct pte_write movi = DECODE(0x48, 0xc7, 0x07, 0xff, 0xff, 0xff, 0xff);
	bool cf, eq;

	ck_assert_uint_eq(apply(&mov, 0x1234, 0x8000000012345067ULL, 0, &cf, &eq),
			  0x8000000012345067ULL);
	ck_assert(!cf && !eq);
	ck_assert_uint_eq(apply(&xchg, 0xdeadbeef, 0, 0, &cf, &eq), 0);
	ck_assert(!cf && !eq);
	ck_assert_uint_eq(apply(&movi, 0, (uint64_t)movi.imm, 0, &cf, &eq), ~0ULL);
	ck_assert(!cf && !eq);
}
END_TEST

START_TEST(apply_alu)
{
	struct pte_write or = DECODE(0xf0, 0x48, 0x09, 0x02);
	struct pte_write and = DECODE(0xf0, 0x4c, 0x21, 0x14, 0x24);
	struct pte_write xor = DECODE(0x4d, 0x31, 0x45, 0x00);
	struct pte_write add = DECODE(0x48, 0x01, 0x1f);
	struct pte_write sub = DECODE(0x48, 0x29, 0x11);
	struct pte_write andi = DECODE(0x48, 0x83, 0x27, 0xfe);
	struct pte_write ori = DECODE(0x48, 0x83, 0x48, 0x08, 0x02);
	bool cf, eq;

	ck_assert_uint_eq(apply(&or, 0x1000000000000001ULL, 0x2, 0, &cf, &eq),
			  0x1000000000000003ULL);
	ck_assert(!cf && !eq);
	ck_assert_uint_eq(apply(&and, 0xff00ff00ff00ff00ULL, 0x0ff00ff00ff00ff0ULL, 0, &cf, &eq),
			  0x0f000f000f000f00ULL);
	ck_assert(!cf && !eq);
	ck_assert_uint_eq(apply(&xor, 0xaaaaaaaaaaaaaaaaULL, 0xffffffff00000000ULL, 0, &cf, &eq),
			  0x55555555aaaaaaaaULL);
	ck_assert_uint_eq(apply(&add, 0x1000, 0x234, 0, &cf, &eq), 0x1234);
	ck_assert_uint_eq(apply(&add, ~0ULL, 1, 0, &cf, &eq), 0); /* wraps */
	ck_assert_uint_eq(apply(&add, 0xffffffffULL, 1, 0, &cf, &eq), 0x100000000ULL);
	ck_assert_uint_eq(apply(&sub, 0x1234, 0x234, 0, &cf, &eq), 0x1000);
	ck_assert_uint_eq(apply(&sub, 0, 1, 0, &cf, &eq), ~0ULL);
	ck_assert(!cf && !eq);
	/* Immediates arrive sign-extended. */
	ck_assert_uint_eq(apply(&andi, 0x8000000000000067ULL, (uint64_t)andi.imm, 0, &cf, &eq),
			  0x8000000000000066ULL);
	ck_assert_uint_eq(apply(&ori, 0x8000000000000065ULL, (uint64_t)ori.imm, 0, &cf, &eq),
			  0x8000000000000067ULL);
	ck_assert(!cf && !eq);
}
END_TEST

START_TEST(apply_cmpxchg)
{
	struct pte_write w = DECODE(0xf0, 0x48, 0x0f, 0xb1, 0x0b);
	bool cf, eq;

	/* Equal: the new value is stored. */
	ck_assert_uint_eq(apply(&w, 0x1067, 0x2067, 0x1067, &cf, &eq), 0x2067);
	ck_assert(eq && !cf);
	/* Not equal: memory keeps its value (the caller loads it into RAX). */
	ck_assert_uint_eq(apply(&w, 0x1067, 0x2067, 0x1066, &cf, &eq), 0x1067);
	ck_assert(!eq && !cf);
	/* All 64 bits take part. */
	ck_assert_uint_eq(apply(&w, 0x8000000000001067ULL, 0, 0x1067, &cf, &eq),
			  0x8000000000001067ULL);
	ck_assert(!eq);
	ck_assert_uint_eq(apply(&w, 0x8000000000001067ULL, 5, 0x8000000000001067ULL, &cf, &eq), 5);
	ck_assert(eq);
}
END_TEST

START_TEST(apply_bit_ops)
{
	struct pte_write bts = DECODE(0xf0, 0x48, 0x0f, 0xab, 0x07);
	struct pte_write btr = DECODE(0xf0, 0x4c, 0x0f, 0xb3, 0x37);
	struct pte_write btc = DECODE(0xf0, 0x48, 0x0f, 0xbb, 0x0f);
	struct pte_write btri = DECODE(0xf0, 0x48, 0x0f, 0xba, 0x74, 0x24, 0x18, 0x01);
	bool cf, eq;

	/* BTS: CF is the old bit. */
	ck_assert_uint_eq(apply(&bts, 0x1000, 1, 0, &cf, &eq), 0x1002);
	ck_assert(!cf && !eq);
	ck_assert_uint_eq(apply(&bts, 0x1002, 1, 0, &cf, &eq), 0x1002);
	ck_assert(cf && !eq);
	ck_assert_uint_eq(apply(&bts, 0, 63, 0, &cf, &eq), 0x8000000000000000ULL);
	ck_assert(!cf);
	/* BTR. */
	ck_assert_uint_eq(apply(&btr, 0x1067, 1, 0, &cf, &eq), 0x1065);
	ck_assert(cf && !eq);
	ck_assert_uint_eq(apply(&btr, 0x1065, 1, 0, &cf, &eq), 0x1065);
	ck_assert(!cf);
	ck_assert_uint_eq(apply(&btr, 0x8000000000001067ULL, 63, 0, &cf, &eq), 0x1067);
	ck_assert(cf);
	/* BTC flips. */
	ck_assert_uint_eq(apply(&btc, 0x1067, 0, 0, &cf, &eq), 0x1066);
	ck_assert(cf);
	ck_assert_uint_eq(apply(&btc, 0x1066, 0, 0, &cf, &eq), 0x1067);
	ck_assert(!cf);
	/* The bit number is taken modulo the operand size (imm8 forms). */
	ck_assert_uint_eq(apply(&btri, 0x3, 64 + 1, 0, &cf, &eq), 0x1);
	ck_assert(cf);
	ck_assert_uint_eq(apply(&btri, 0x3, (uint64_t)btri.imm, 0, &cf, &eq), 0x1);
	ck_assert(cf);
}
END_TEST

/* A 4-byte operand: only its 32 bits are compared and produced. */
START_TEST(apply_four_byte_operands)
{
	struct pte_write cx = DECODE(0xf0, 0x0f, 0xb1, 0x0b); /* lock cmpxchg %ecx,(%rbx) */
	struct pte_write mov = DECODE(0x89, 0x07); /* mov %eax,(%rdi) */
	struct pte_write add = DECODE(0x01, 0x07); /* add %eax,(%rdi) */
	struct pte_write sub = DECODE(0x29, 0x07); /* sub %eax,(%rdi) */
	struct pte_write orl = DECODE(0xf0, 0x81, 0x0a, 0x01, 0x00, 0x00, 0x80);
	struct pte_write andl = DECODE(0x83, 0x27, 0xfe); /* andl $0xfffffffe,(%rdi) */
	struct pte_write xorl = DECODE(0x31, 0x07); /* xor %eax,(%rdi) */
	struct pte_write btsl = DECODE(0xf0, 0x0f, 0xba, 0x2f, 0x05); /* lock btsl $5,(%rdi) */
	struct pte_write btrl = DECODE(0xf0, 0x0f, 0xba, 0x32, 0x1f); /* lock btrl $31,(%rdx) */
	bool cf, eq;

	ck_assert_uint_eq(cx.operand_bytes, 4);
	/* CMPXCHG compares EAX with the 32-bit operand; RAX's upper half does not count. */
	ck_assert_uint_eq(apply(&cx, 0x11111111, 0x22222222, 0xffffffff11111111ULL, &cf, &eq),
			  0x22222222);
	ck_assert(eq);
	ck_assert_uint_eq(apply(&cx, 0x11111111, 0x22222222, 0x11111112, &cf, &eq), 0x11111111);
	ck_assert(!eq);

	/* Results stay within the operand. */
	ck_assert_uint_eq(apply(&mov, 0, 0x123456789abcdef0ULL, 0, &cf, &eq), 0x9abcdef0);
	ck_assert_uint_eq(apply(&add, 0xffffffff, 1, 0, &cf, &eq), 0);
	ck_assert_uint_eq(apply(&add, 0x80000000, 0x80000001, 0, &cf, &eq), 1);
	ck_assert_uint_eq(apply(&sub, 0, 1, 0, &cf, &eq), 0xffffffff);
	ck_assert_uint_eq(apply(&orl, 0x1067, (uint64_t)orl.imm, 0, &cf, &eq), 0x80001067);
	ck_assert_uint_eq(apply(&andl, 0xffffffff, (uint64_t)andl.imm, 0, &cf, &eq), 0xfffffffe);
	ck_assert_uint_eq(apply(&xorl, 0x0000ffff, 0xffffffffffffffffULL, 0, &cf, &eq),
			  0xffff0000);
	ck_assert(!cf && !eq);

	/* Bit numbers modulo 32. */
	ck_assert_uint_eq(apply(&btsl, 0, (uint64_t)btsl.imm, 0, &cf, &eq), 0x20);
	ck_assert(!cf);
	ck_assert_uint_eq(apply(&btsl, 0x20, 32 + 5, 0, &cf, &eq), 0x20);
	ck_assert(cf);
	ck_assert_uint_eq(apply(&btrl, 0x80000001, (uint64_t)btrl.imm, 0, &cf, &eq), 1);
	ck_assert(cf);
}
END_TEST

/* A 1-byte operand: the byte forms. */
START_TEST(apply_byte_operands)
{
	struct pte_write cx = DECODE(0xf0, 0x0f, 0xb0, 0x0b); /* lock cmpxchg %cl,(%rbx) */
	struct pte_write add = DECODE(0x00, 0x0f); /* add %cl,(%rdi) */
	struct pte_write sub = DECODE(0x80, 0x2f, 0x02); /* subb $0x2,(%rdi) */
	struct pte_write orb = DECODE(0xf0, 0x80, 0x0a, 0x80); /* lock orb $0x80,(%rdx) */
	struct pte_write movb = DECODE(0xc6, 0x07, 0x01); /* movb $0x1,(%rdi) */
	bool cf, eq;

	ck_assert_uint_eq(cx.operand_bytes, 1);
	ck_assert_uint_eq(apply(&cx, 0x67, 0x65, 0xffffffffffffff67ULL, &cf, &eq), 0x65);
	ck_assert(eq && !cf);
	ck_assert_uint_eq(apply(&cx, 0x67, 0x65, 0x167, &cf, &eq), 0x65);
	ck_assert(eq);
	ck_assert_uint_eq(apply(&cx, 0x67, 0x65, 0x66, &cf, &eq), 0x67);
	ck_assert(!eq);
	ck_assert_uint_eq(apply(&add, 0xff, 1, 0, &cf, &eq), 0);
	ck_assert_uint_eq(apply(&add, 0x80, 0x1ff, 0, &cf, &eq), 0x7f);
	ck_assert_uint_eq(apply(&sub, 0x01, (uint64_t)sub.imm, 0, &cf, &eq), 0xff);
	ck_assert_uint_eq(apply(&orb, 0x01, (uint64_t)orb.imm, 0, &cf, &eq), 0x81);
	ck_assert_uint_eq(apply(&movb, 0xff, (uint64_t)movb.imm, 0, &cf, &eq), 0x01);
	ck_assert(!cf && !eq);
}
END_TEST

/* What Linux does to its L1 entries, end to end through decode and apply. */
START_TEST(linux_pte_updates)
{
	const uint64_t pte = 0x80000001234c3067ULL; /* NX, frame, D A U RW P */
	bool cf, eq;

	/* set_pte: mov %rsi,(%rdi) */
	struct pte_write set = DECODE(0x48, 0x89, 0x37);
	ck_assert_uint_eq(set.src_reg, RSI);
	ck_assert_uint_eq(apply(&set, 0, pte, 0, &cf, &eq), pte);

	/* ptep_get_and_clear: xchg %rax,(%rdi) with rax = 0 */
	struct pte_write clr = DECODE(0x48, 0x87, 0x07);
	ck_assert_uint_eq(apply(&clr, pte, 0, 0, &cf, &eq), 0);

	/* ptep_set_wrprotect: lock btrq $1,(%rdi) */
	struct pte_write wp = DECODE(0xf0, 0x48, 0x0f, 0xba, 0x37, 0x01);
	ck_assert(wp.locked && wp.op == PTW_BTR && wp.imm == 1 && wp.length == 6);
	ck_assert_uint_eq(apply(&wp, pte, (uint64_t)wp.imm, 0, &cf, &eq), pte & ~2ULL);
	ck_assert(cf);

	/* ptep_test_and_clear_young: lock btrq $5,(%rdi) */
	struct pte_write young = DECODE(0xf0, 0x48, 0x0f, 0xba, 0x37, 0x05);
	ck_assert_uint_eq(apply(&young, pte, (uint64_t)young.imm, 0, &cf, &eq), pte & ~0x20ULL);
	ck_assert(cf);
	ck_assert_uint_eq(apply(&young, pte & ~0x20ULL, (uint64_t)young.imm, 0, &cf, &eq),
			  pte & ~0x20ULL);
	ck_assert(!cf);

	/*
	 * clear_bit(_PAGE_BIT_RW) at fork: lock andb $0xfd,(%rdi) on the entry's
	 * low byte. The source is the immediate, never a high-byte register.
	 */
	struct pte_write andb = DECODE(0xf0, 0x80, 0x27, 0xfd);
	ck_assert(andb.op == PTW_AND && andb.operand_bytes == 1 && andb.locked);
	ck_assert(!andb.src_is_reg && !andb.src_high_byte);
	ck_assert_int_eq(andb.imm, -3);
	ck_assert_uint_eq(apply(&andb, pte & 0xff, (uint64_t)andb.imm & 0xff, 0, &cf, &eq),
			  (pte & 0xff) & ~2ULL);
}
END_TEST

Suite *x86_decode_suite(void)
{
	Suite *s = suite_create("x86_decode");
	TCase *tc;

	tc = tcase_create("decode");
	tcase_add_loop_test(tc, decodes_exact_length, 0, ARRAY_SIZE(good));
	tcase_add_loop_test(tc, decodes_with_following_bytes, 0, ARRAY_SIZE(good));
	tcase_add_loop_test(tc, refuses_truncated, 0, ARRAY_SIZE(good));
	tcase_add_loop_test(tc, refuses_unsupported, 0, ARRAY_SIZE(refused));
	tcase_add_test(tc, refuses_empty);
	tcase_add_test(tc, refuses_prefixes_alone);
	tcase_add_test(tc, rex_before_prefix_is_not_rex_w);
	tcase_add_test(tc, rex_r_selects_high_registers);
	tcase_add_test(tc, modrm_lengths);
	suite_add_tcase(s, tc);

	tc = tcase_create("apply");
	tcase_add_test(tc, apply_mov_xchg);
	tcase_add_test(tc, apply_alu);
	tcase_add_test(tc, apply_cmpxchg);
	tcase_add_test(tc, apply_bit_ops);
	tcase_add_test(tc, apply_four_byte_operands);
	tcase_add_test(tc, apply_byte_operands);
	tcase_add_test(tc, linux_pte_updates);
	suite_add_tcase(s, tc);
	return s;
}
