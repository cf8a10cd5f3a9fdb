package org.binfmtbpf.isa;

import static org.binfmtbpf.isa.FieldRule.is;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every valid opcode form of RFC 9669, one row each, grouped and ordered like the RFC (and
 * like the IANA "BPF Instruction Set" registry that RFC 9669 creates), so a reader can check
 * it against the standard line by line.
 *
 * <p>Columns: opcode byte, mnemonic (the bpf_conformance assembler's name), then the rule for
 * dst, src, off and imm: {@code REG} a register r0..r10, {@code ZERO} reserved (must be 0),
 * {@code ANY} used by the instruction, {@code is(v)} or a named value ({@code LOCAL}, {@code FETCH_ADD},
 * {@code MAP_FD}, ...) must equal v: the field selects the form.
 * The last column is the meaning.
 *
 * <p>Beyond RFC 9669: {@code callx} (0x8d), which the conformance suite's callx group uses
 * (the register in dst holds a helper id); and {@code call kfunc}, whose off names the BTF
 * object as in the kernel. The kernel rejects callx; the {@code ProgramValidator} accepts it.
 */
public final class OpcodeTable {
    private OpcodeTable() {}

    private static final FieldRule REG = FieldRule.REGISTER;
    private static final FieldRule ZERO = FieldRule.ZERO;
    private static final FieldRule ANY = FieldRule.ANY;

    // The values that select a form, named so that the rows stay aligned.
    // CALL's src (4.3.1, 4.3.2):
    private static final FieldRule HELPER = is(Opcodes.CALL_HELPER);
    private static final FieldRule LOCAL = is(Opcodes.CALL_LOCAL);
    private static final FieldRule KFUNC = is(Opcodes.CALL_KFUNC);
    // The atomic operation in imm (5.3):
    private static final FieldRule ADD = is(Opcodes.ATOMIC_ADD);
    private static final FieldRule OR = is(Opcodes.ATOMIC_OR);
    private static final FieldRule AND = is(Opcodes.ATOMIC_AND);
    private static final FieldRule XOR = is(Opcodes.ATOMIC_XOR);
    private static final FieldRule FETCH_ADD = is(Opcodes.ATOMIC_ADD | Opcodes.ATOMIC_FETCH);
    private static final FieldRule FETCH_OR = is(Opcodes.ATOMIC_OR | Opcodes.ATOMIC_FETCH);
    private static final FieldRule FETCH_AND = is(Opcodes.ATOMIC_AND | Opcodes.ATOMIC_FETCH);
    private static final FieldRule FETCH_XOR = is(Opcodes.ATOMIC_XOR | Opcodes.ATOMIC_FETCH);
    private static final FieldRule XCHG = is(Opcodes.ATOMIC_XCHG);
    private static final FieldRule CMPXCHG = is(Opcodes.ATOMIC_CMPXCHG);
    // The meaning of LD_IMM64's imm in src (5.4):
    private static final FieldRule NONE = is(Opcodes.PSEUDO_NONE);
    private static final FieldRule MAP_FD = is(Opcodes.PSEUDO_MAP_FD);
    private static final FieldRule MAP_VAL = is(Opcodes.PSEUDO_MAP_VALUE);
    private static final FieldRule BTF_ID = is(Opcodes.PSEUDO_BTF_ID);
    private static final FieldRule FUNC = is(Opcodes.PSEUDO_FUNC);
    private static final FieldRule MAP_IDX = is(Opcodes.PSEUDO_MAP_IDX);
    private static final FieldRule MAP_IXV = is(Opcodes.PSEUDO_MAP_IDX_VALUE);

    private static final List<OpcodeSpec> FORMS = List.of(
            // RFC 9669 4.1 Arithmetic instructions, class ALU (0x04): 32-bit, result zero-extended
            row(0x04, "add32",               REG,  ZERO,    ZERO,   ANY,       "dst += imm"),
            row(0x0c, "add32",               REG,  REG,     ZERO,   ZERO,      "dst += src"),
            row(0x14, "sub32",               REG,  ZERO,    ZERO,   ANY,       "dst -= imm"),
            row(0x1c, "sub32",               REG,  REG,     ZERO,   ZERO,      "dst -= src"),
            row(0x24, "mul32",               REG,  ZERO,    ZERO,   ANY,       "dst *= imm"),
            row(0x2c, "mul32",               REG,  REG,     ZERO,   ZERO,      "dst *= src"),
            row(0x34, "div32",               REG,  ZERO,    ZERO,   ANY,       "dst /= imm"),
            row(0x3c, "div32",               REG,  REG,     ZERO,   ZERO,      "dst /= src"),
            row(0x34, "sdiv32",              REG,  ZERO,    is(1),  ANY,       "dst s/= imm (cpu v4)"),
            row(0x3c, "sdiv32",              REG,  REG,     is(1),  ZERO,      "dst s/= src (cpu v4)"),
            row(0x44, "or32",                REG,  ZERO,    ZERO,   ANY,       "dst |= imm"),
            row(0x4c, "or32",                REG,  REG,     ZERO,   ZERO,      "dst |= src"),
            row(0x54, "and32",               REG,  ZERO,    ZERO,   ANY,       "dst &= imm"),
            row(0x5c, "and32",               REG,  REG,     ZERO,   ZERO,      "dst &= src"),
            row(0x64, "lsh32",               REG,  ZERO,    ZERO,   ANY,       "dst <<= imm"),
            row(0x6c, "lsh32",               REG,  REG,     ZERO,   ZERO,      "dst <<= src"),
            row(0x74, "rsh32",               REG,  ZERO,    ZERO,   ANY,       "dst >>= imm"),
            row(0x7c, "rsh32",               REG,  REG,     ZERO,   ZERO,      "dst >>= src"),
            row(0x84, "neg32",               REG,  ZERO,    ZERO,   ZERO,      "dst = -dst"),
            row(0x94, "mod32",               REG,  ZERO,    ZERO,   ANY,       "dst %= imm"),
            row(0x9c, "mod32",               REG,  REG,     ZERO,   ZERO,      "dst %= src"),
            row(0x94, "smod32",              REG,  ZERO,    is(1),  ANY,       "dst s%= imm (cpu v4)"),
            row(0x9c, "smod32",              REG,  REG,     is(1),  ZERO,      "dst s%= src (cpu v4)"),
            row(0xa4, "xor32",               REG,  ZERO,    ZERO,   ANY,       "dst ^= imm"),
            row(0xac, "xor32",               REG,  REG,     ZERO,   ZERO,      "dst ^= src"),
            row(0xb4, "mov32",               REG,  ZERO,    ZERO,   ANY,       "dst = imm"),
            row(0xbc, "mov32",               REG,  REG,     ZERO,   ZERO,      "dst = src"),
            row(0xbc, "movsx832",            REG,  REG,     is(8),  ZERO,      "dst = (s8) src (cpu v4)"),
            row(0xbc, "movsx1632",           REG,  REG,     is(16), ZERO,      "dst = (s16) src (cpu v4)"),
            row(0xc4, "arsh32",              REG,  ZERO,    ZERO,   ANY,       "dst s>>= imm"),
            row(0xcc, "arsh32",              REG,  REG,     ZERO,   ZERO,      "dst s>>= src"),

            // RFC 9669 4.1 Arithmetic instructions, class ALU64 (0x07)
            row(0x07, "add",                 REG,  ZERO,    ZERO,   ANY,       "dst += imm"),
            row(0x0f, "add",                 REG,  REG,     ZERO,   ZERO,      "dst += src"),
            row(0x17, "sub",                 REG,  ZERO,    ZERO,   ANY,       "dst -= imm"),
            row(0x1f, "sub",                 REG,  REG,     ZERO,   ZERO,      "dst -= src"),
            row(0x27, "mul",                 REG,  ZERO,    ZERO,   ANY,       "dst *= imm"),
            row(0x2f, "mul",                 REG,  REG,     ZERO,   ZERO,      "dst *= src"),
            row(0x37, "div",                 REG,  ZERO,    ZERO,   ANY,       "dst /= imm"),
            row(0x3f, "div",                 REG,  REG,     ZERO,   ZERO,      "dst /= src"),
            row(0x37, "sdiv",                REG,  ZERO,    is(1),  ANY,       "dst s/= imm (cpu v4)"),
            row(0x3f, "sdiv",                REG,  REG,     is(1),  ZERO,      "dst s/= src (cpu v4)"),
            row(0x47, "or",                  REG,  ZERO,    ZERO,   ANY,       "dst |= imm"),
            row(0x4f, "or",                  REG,  REG,     ZERO,   ZERO,      "dst |= src"),
            row(0x57, "and",                 REG,  ZERO,    ZERO,   ANY,       "dst &= imm"),
            row(0x5f, "and",                 REG,  REG,     ZERO,   ZERO,      "dst &= src"),
            row(0x67, "lsh",                 REG,  ZERO,    ZERO,   ANY,       "dst <<= imm"),
            row(0x6f, "lsh",                 REG,  REG,     ZERO,   ZERO,      "dst <<= src"),
            row(0x77, "rsh",                 REG,  ZERO,    ZERO,   ANY,       "dst >>= imm"),
            row(0x7f, "rsh",                 REG,  REG,     ZERO,   ZERO,      "dst >>= src"),
            row(0x87, "neg",                 REG,  ZERO,    ZERO,   ZERO,      "dst = -dst"),
            row(0x97, "mod",                 REG,  ZERO,    ZERO,   ANY,       "dst %= imm"),
            row(0x9f, "mod",                 REG,  REG,     ZERO,   ZERO,      "dst %= src"),
            row(0x97, "smod",                REG,  ZERO,    is(1),  ANY,       "dst s%= imm (cpu v4)"),
            row(0x9f, "smod",                REG,  REG,     is(1),  ZERO,      "dst s%= src (cpu v4)"),
            row(0xa7, "xor",                 REG,  ZERO,    ZERO,   ANY,       "dst ^= imm"),
            row(0xaf, "xor",                 REG,  REG,     ZERO,   ZERO,      "dst ^= src"),
            row(0xb7, "mov",                 REG,  ZERO,    ZERO,   ANY,       "dst = imm"),
            row(0xbf, "mov",                 REG,  REG,     ZERO,   ZERO,      "dst = src"),
            row(0xbf, "movsx864",            REG,  REG,     is(8),  ZERO,      "dst = (s8) src (cpu v4)"),
            row(0xbf, "movsx1664",           REG,  REG,     is(16), ZERO,      "dst = (s16) src (cpu v4)"),
            row(0xbf, "movsx3264",           REG,  REG,     is(32), ZERO,      "dst = (s32) src (cpu v4)"),
            row(0xc7, "arsh",                REG,  ZERO,    ZERO,   ANY,       "dst s>>= imm"),
            row(0xcf, "arsh",                REG,  REG,     ZERO,   ZERO,      "dst s>>= src"),

            // RFC 9669 4.2 Byte swap instructions: imm is the width
            row(0xd4, "le16",                REG,  ZERO,    ZERO,   is(16),    "dst = to little-endian, 16 bits"),
            row(0xd4, "le32",                REG,  ZERO,    ZERO,   is(32),    "dst = to little-endian, 32 bits"),
            row(0xd4, "le64",                REG,  ZERO,    ZERO,   is(64),    "dst = to little-endian, 64 bits"),
            row(0xdc, "be16",                REG,  ZERO,    ZERO,   is(16),    "dst = to big-endian, 16 bits"),
            row(0xdc, "be32",                REG,  ZERO,    ZERO,   is(32),    "dst = to big-endian, 32 bits"),
            row(0xdc, "be64",                REG,  ZERO,    ZERO,   is(64),    "dst = to big-endian, 64 bits"),
            row(0xd7, "bswap16",             REG,  ZERO,    ZERO,   is(16),    "dst = swap unconditionally (ALU64, cpu v4), 16 bits"),
            row(0xd7, "bswap32",             REG,  ZERO,    ZERO,   is(32),    "dst = swap unconditionally (ALU64, cpu v4), 32 bits"),
            row(0xd7, "bswap64",             REG,  ZERO,    ZERO,   is(64),    "dst = swap unconditionally (ALU64, cpu v4), 64 bits"),

            // RFC 9669 4.3 Jump instructions, class JMP (0x05)
            row(0x05, "ja",                  ZERO, ZERO,    ANY,    ZERO,      "goto +off"),
            row(0x15, "jeq",                 REG,  ZERO,    ANY,    ANY,       "if dst == imm goto +off"),
            row(0x1d, "jeq",                 REG,  REG,     ANY,    ZERO,      "if dst == src goto +off"),
            row(0x25, "jgt",                 REG,  ZERO,    ANY,    ANY,       "if dst > imm goto +off"),
            row(0x2d, "jgt",                 REG,  REG,     ANY,    ZERO,      "if dst > src goto +off"),
            row(0x35, "jge",                 REG,  ZERO,    ANY,    ANY,       "if dst >= imm goto +off"),
            row(0x3d, "jge",                 REG,  REG,     ANY,    ZERO,      "if dst >= src goto +off"),
            row(0x45, "jset",                REG,  ZERO,    ANY,    ANY,       "if dst & imm goto +off"),
            row(0x4d, "jset",                REG,  REG,     ANY,    ZERO,      "if dst & src goto +off"),
            row(0x55, "jne",                 REG,  ZERO,    ANY,    ANY,       "if dst != imm goto +off"),
            row(0x5d, "jne",                 REG,  REG,     ANY,    ZERO,      "if dst != src goto +off"),
            row(0x65, "jsgt",                REG,  ZERO,    ANY,    ANY,       "if dst s> imm goto +off"),
            row(0x6d, "jsgt",                REG,  REG,     ANY,    ZERO,      "if dst s> src goto +off"),
            row(0x75, "jsge",                REG,  ZERO,    ANY,    ANY,       "if dst s>= imm goto +off"),
            row(0x7d, "jsge",                REG,  REG,     ANY,    ZERO,      "if dst s>= src goto +off"),
            row(0xa5, "jlt",                 REG,  ZERO,    ANY,    ANY,       "if dst < imm goto +off"),
            row(0xad, "jlt",                 REG,  REG,     ANY,    ZERO,      "if dst < src goto +off"),
            row(0xb5, "jle",                 REG,  ZERO,    ANY,    ANY,       "if dst <= imm goto +off"),
            row(0xbd, "jle",                 REG,  REG,     ANY,    ZERO,      "if dst <= src goto +off"),
            row(0xc5, "jslt",                REG,  ZERO,    ANY,    ANY,       "if dst s< imm goto +off"),
            row(0xcd, "jslt",                REG,  REG,     ANY,    ZERO,      "if dst s< src goto +off"),
            row(0xd5, "jsle",                REG,  ZERO,    ANY,    ANY,       "if dst s<= imm goto +off"),
            row(0xdd, "jsle",                REG,  REG,     ANY,    ZERO,      "if dst s<= src goto +off"),

            // RFC 9669 4.3.1 Helper functions, 4.3.2 Program-local functions: CALL's src selects the kind
            row(0x85, "call",                ZERO, HELPER,  ZERO,   ANY,       "call helper imm"),
            row(0x85, "call local",          ZERO, LOCAL,   ZERO,   ANY,       "call function at +imm"),
            row(0x85, "call kfunc",          ZERO, KFUNC,   ANY,    ANY,       "call kernel function with BTF id imm (off: BTF object)"),
            row(0x8d, "callx",               REG,  ZERO,    ZERO,   ZERO,      "call helper whose id is in dst (suite's callx)"),
            row(0x95, "exit",                ZERO, ZERO,    ZERO,   ZERO,      "return r0"),

            // RFC 9669 4.3 Jump instructions, class JMP32 (0x06): compare the low 32 bits
            row(0x06, "ja32",                ZERO, ZERO,    ZERO,   ANY,       "goto +imm (cpu v4)"),
            row(0x16, "jeq32",               REG,  ZERO,    ANY,    ANY,       "if (u32)dst == imm goto +off"),
            row(0x1e, "jeq32",               REG,  REG,     ANY,    ZERO,      "if (u32)dst == (u32)src goto +off"),
            row(0x26, "jgt32",               REG,  ZERO,    ANY,    ANY,       "if (u32)dst > imm goto +off"),
            row(0x2e, "jgt32",               REG,  REG,     ANY,    ZERO,      "if (u32)dst > (u32)src goto +off"),
            row(0x36, "jge32",               REG,  ZERO,    ANY,    ANY,       "if (u32)dst >= imm goto +off"),
            row(0x3e, "jge32",               REG,  REG,     ANY,    ZERO,      "if (u32)dst >= (u32)src goto +off"),
            row(0x46, "jset32",              REG,  ZERO,    ANY,    ANY,       "if (u32)dst & imm goto +off"),
            row(0x4e, "jset32",              REG,  REG,     ANY,    ZERO,      "if (u32)dst & (u32)src goto +off"),
            row(0x56, "jne32",               REG,  ZERO,    ANY,    ANY,       "if (u32)dst != imm goto +off"),
            row(0x5e, "jne32",               REG,  REG,     ANY,    ZERO,      "if (u32)dst != (u32)src goto +off"),
            row(0x66, "jsgt32",              REG,  ZERO,    ANY,    ANY,       "if (u32)dst s> imm goto +off"),
            row(0x6e, "jsgt32",              REG,  REG,     ANY,    ZERO,      "if (u32)dst s> (u32)src goto +off"),
            row(0x76, "jsge32",              REG,  ZERO,    ANY,    ANY,       "if (u32)dst s>= imm goto +off"),
            row(0x7e, "jsge32",              REG,  REG,     ANY,    ZERO,      "if (u32)dst s>= (u32)src goto +off"),
            row(0xa6, "jlt32",               REG,  ZERO,    ANY,    ANY,       "if (u32)dst < imm goto +off"),
            row(0xae, "jlt32",               REG,  REG,     ANY,    ZERO,      "if (u32)dst < (u32)src goto +off"),
            row(0xb6, "jle32",               REG,  ZERO,    ANY,    ANY,       "if (u32)dst <= imm goto +off"),
            row(0xbe, "jle32",               REG,  REG,     ANY,    ZERO,      "if (u32)dst <= (u32)src goto +off"),
            row(0xc6, "jslt32",              REG,  ZERO,    ANY,    ANY,       "if (u32)dst s< imm goto +off"),
            row(0xce, "jslt32",              REG,  REG,     ANY,    ZERO,      "if (u32)dst s< (u32)src goto +off"),
            row(0xd6, "jsle32",              REG,  ZERO,    ANY,    ANY,       "if (u32)dst s<= imm goto +off"),
            row(0xde, "jsle32",              REG,  REG,     ANY,    ZERO,      "if (u32)dst s<= (u32)src goto +off"),

            // RFC 9669 5.1 Regular load and store operations, mode MEM (0x60)
            row(0x61, "ldxw",                REG,  REG,     ANY,    ZERO,      "dst = *(u32 *)(src + off)"),
            row(0x69, "ldxh",                REG,  REG,     ANY,    ZERO,      "dst = *(u16 *)(src + off)"),
            row(0x71, "ldxb",                REG,  REG,     ANY,    ZERO,      "dst = *(u8 *)(src + off)"),
            row(0x79, "ldxdw",               REG,  REG,     ANY,    ZERO,      "dst = *(u64 *)(src + off)"),
            row(0x62, "stw",                 REG,  ZERO,    ANY,    ANY,       "*(u32 *)(dst + off) = imm"),
            row(0x6a, "sth",                 REG,  ZERO,    ANY,    ANY,       "*(u16 *)(dst + off) = imm"),
            row(0x72, "stb",                 REG,  ZERO,    ANY,    ANY,       "*(u8 *)(dst + off) = imm"),
            row(0x7a, "stdw",                REG,  ZERO,    ANY,    ANY,       "*(u64 *)(dst + off) = imm"),
            row(0x63, "stxw",                REG,  REG,     ANY,    ZERO,      "*(u32 *)(dst + off) = src"),
            row(0x6b, "stxh",                REG,  REG,     ANY,    ZERO,      "*(u16 *)(dst + off) = src"),
            row(0x73, "stxb",                REG,  REG,     ANY,    ZERO,      "*(u8 *)(dst + off) = src"),
            row(0x7b, "stxdw",               REG,  REG,     ANY,    ZERO,      "*(u64 *)(dst + off) = src"),

            // RFC 9669 5.2 Sign-extension load operations, mode MEMSX (0x80), cpu v4
            row(0x81, "ldxsw",               REG,  REG,     ANY,    ZERO,      "dst = *(s32 *)(src + off)"),
            row(0x89, "ldxsh",               REG,  REG,     ANY,    ZERO,      "dst = *(s16 *)(src + off)"),
            row(0x91, "ldxsb",               REG,  REG,     ANY,    ZERO,      "dst = *(s8 *)(src + off)"),

            // RFC 9669 5.3 Atomic operations, mode ATOMIC (0xc0), sizes W and DW; imm selects the operation
            row(0xc3, "lock add32",          REG,  REG,     ANY,    ADD,       "*(u32 *)(dst + off) += src"),
            row(0xc3, "lock fetch add32",    REG,  REG,     ANY,    FETCH_ADD, "src = fetch_add((u32 *)(dst + off), src)"),
            row(0xc3, "lock or32",           REG,  REG,     ANY,    OR,        "*(u32 *)(dst + off) |= src"),
            row(0xc3, "lock fetch or32",     REG,  REG,     ANY,    FETCH_OR,  "src = fetch_or((u32 *)(dst + off), src)"),
            row(0xc3, "lock and32",          REG,  REG,     ANY,    AND,       "*(u32 *)(dst + off) &= src"),
            row(0xc3, "lock fetch and32",    REG,  REG,     ANY,    FETCH_AND, "src = fetch_and((u32 *)(dst + off), src)"),
            row(0xc3, "lock xor32",          REG,  REG,     ANY,    XOR,       "*(u32 *)(dst + off) ^= src"),
            row(0xc3, "lock fetch xor32",    REG,  REG,     ANY,    FETCH_XOR, "src = fetch_xor((u32 *)(dst + off), src)"),
            row(0xc3, "lock xchg32",         REG,  REG,     ANY,    XCHG,      "src = xchg((u32 *)(dst + off), src)"),
            row(0xc3, "lock cmpxchg32",      REG,  REG,     ANY,    CMPXCHG,   "r0 = cmpxchg((u32 *)(dst + off), r0, src)"),
            row(0xdb, "lock add",            REG,  REG,     ANY,    ADD,       "*(u64 *)(dst + off) += src"),
            row(0xdb, "lock fetch add",      REG,  REG,     ANY,    FETCH_ADD, "src = fetch_add((u64 *)(dst + off), src)"),
            row(0xdb, "lock or",             REG,  REG,     ANY,    OR,        "*(u64 *)(dst + off) |= src"),
            row(0xdb, "lock fetch or",       REG,  REG,     ANY,    FETCH_OR,  "src = fetch_or((u64 *)(dst + off), src)"),
            row(0xdb, "lock and",            REG,  REG,     ANY,    AND,       "*(u64 *)(dst + off) &= src"),
            row(0xdb, "lock fetch and",      REG,  REG,     ANY,    FETCH_AND, "src = fetch_and((u64 *)(dst + off), src)"),
            row(0xdb, "lock xor",            REG,  REG,     ANY,    XOR,       "*(u64 *)(dst + off) ^= src"),
            row(0xdb, "lock fetch xor",      REG,  REG,     ANY,    FETCH_XOR, "src = fetch_xor((u64 *)(dst + off), src)"),
            row(0xdb, "lock xchg",           REG,  REG,     ANY,    XCHG,      "src = xchg((u64 *)(dst + off), src)"),
            row(0xdb, "lock cmpxchg",        REG,  REG,     ANY,    CMPXCHG,   "r0 = cmpxchg((u64 *)(dst + off), r0, src)"),

            // RFC 9669 5.4 64-bit immediate instructions (two slots): src selects what imm means
            row(0x18, "lddw",                REG,  NONE,    ZERO,   ANY,       "dst = imm64"),
            row(0x18, "lddw map_fd",         REG,  MAP_FD,  ZERO,   ANY,       "dst = map_by_fd(imm)"),
            row(0x18, "lddw map_value",      REG,  MAP_VAL, ZERO,   ANY,       "dst = map_val(map_by_fd(imm)) + next_imm"),
            row(0x18, "lddw btf_id",         REG,  BTF_ID,  ZERO,   ANY,       "dst = var_addr(imm)"),
            row(0x18, "lddw func",           REG,  FUNC,    ZERO,   ANY,       "dst = code_addr(imm)"),
            row(0x18, "lddw map_idx",        REG,  MAP_IDX, ZERO,   ANY,       "dst = map_by_idx(imm)"),
            row(0x18, "lddw map_idx_value",  REG,  MAP_IXV, ZERO,   ANY,       "dst = map_val(map_by_idx(imm)) + next_imm"),

            // RFC 9669 5.5 Legacy BPF packet access instructions: r0 = big-endian load from the packet
            row(0x20, "ldabsw",              ZERO, ZERO,    ZERO,   ANY,       "r0 = ntoh(*(u32 *)(packet + imm))"),
            row(0x28, "ldabsh",              ZERO, ZERO,    ZERO,   ANY,       "r0 = ntoh(*(u16 *)(packet + imm))"),
            row(0x30, "ldabsb",              ZERO, ZERO,    ZERO,   ANY,       "r0 = ntoh(*(u8 *)(packet + imm))"),
            row(0x40, "ldindw",              ZERO, REG,     ZERO,   ANY,       "r0 = ntoh(*(u32 *)(packet + src + imm))"),
            row(0x48, "ldindh",              ZERO, REG,     ZERO,   ANY,       "r0 = ntoh(*(u16 *)(packet + src + imm))"),
            row(0x50, "ldindb",              ZERO, REG,     ZERO,   ANY,       "r0 = ntoh(*(u8 *)(packet + src + imm))")
    );

    private static final List<List<OpcodeSpec>> BY_OPCODE = indexByOpcode();
    private static final Map<String, List<OpcodeSpec>> BY_MNEMONIC = indexByMnemonic();

    private static OpcodeSpec row(int opcode, String mnemonic, FieldRule dst, FieldRule src, FieldRule off, FieldRule imm,
                                  String semantics) {
        return new OpcodeSpec(opcode, mnemonic, dst, src, off, imm, semantics);
    }

    /** All forms in table order. */
    public static List<OpcodeSpec> forms() {
        return FORMS;
    }

    /** The forms of one opcode byte; empty if the byte is not a valid opcode. */
    public static List<OpcodeSpec> formsOf(int opcode) {
        return BY_OPCODE.get(opcode & 0xff);
    }

    public static boolean isValidOpcode(int opcode) {
        return !formsOf(opcode).isEmpty();
    }

    /** The form that accepts every field of {@code insn}, or null. */
    public static OpcodeSpec match(Instruction insn) {
        for (OpcodeSpec spec : formsOf(insn.opcode())) {
            if (spec.accepts(insn)) {
                return spec;
            }
        }
        return null;
    }

    /** The forms with this mnemonic (an immediate and a register form share one); empty if none. */
    public static List<OpcodeSpec> byMnemonic(String mnemonic) {
        return BY_MNEMONIC.getOrDefault(mnemonic, List.of());
    }

    private static List<List<OpcodeSpec>> indexByOpcode() {
        List<List<OpcodeSpec>> index = new ArrayList<>(256);
        for (int op = 0; op < 256; op++) {
            List<OpcodeSpec> forms = new ArrayList<>();
            for (OpcodeSpec spec : FORMS) {
                if (spec.opcode() == op) {
                    forms.add(spec);
                }
            }
            index.add(Collections.unmodifiableList(forms));
        }
        return Collections.unmodifiableList(index);
    }

    private static Map<String, List<OpcodeSpec>> indexByMnemonic() {
        Map<String, List<OpcodeSpec>> index = new LinkedHashMap<>();
        for (OpcodeSpec spec : FORMS) {
            index.computeIfAbsent(spec.mnemonic(), k -> new ArrayList<>()).add(spec);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(index);
    }
}
