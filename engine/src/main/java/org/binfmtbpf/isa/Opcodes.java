package org.binfmtbpf.isa;

/**
 * The eBPF opcode byte, field by field, as RFC 9669 section 3 and 4 define it.
 *
 * <pre>
 *   arithmetic and jump:  | op:4 | source:1 | class:3 |
 *   load and store:       | mode:3 | size:2 | class:3 |
 * </pre>
 *
 * Each constant below carries the value the RFC gives it; {@link OpcodeTable} lists every
 * opcode byte that is valid as a whole.
 */
public final class Opcodes {
    private Opcodes() {}

    // RFC 9669 3.3: instruction classes (opcode & 0x07).
    public static final int CLASS_LD = 0x00;
    public static final int CLASS_LDX = 0x01;
    public static final int CLASS_ST = 0x02;
    public static final int CLASS_STX = 0x03;
    public static final int CLASS_ALU = 0x04;
    public static final int CLASS_JMP = 0x05;
    public static final int CLASS_JMP32 = 0x06;
    public static final int CLASS_ALU64 = 0x07;

    // RFC 9669 4.1: source (opcode & 0x08) for arithmetic and jumps.
    public static final int SRC_K = 0x00;
    public static final int SRC_X = 0x08;

    // RFC 9669 4.1: arithmetic operations (opcode & 0xf0).
    public static final int ALU_ADD = 0x00;
    public static final int ALU_SUB = 0x10;
    public static final int ALU_MUL = 0x20;
    public static final int ALU_DIV = 0x30; // off 1: SDIV
    public static final int ALU_OR = 0x40;
    public static final int ALU_AND = 0x50;
    public static final int ALU_LSH = 0x60;
    public static final int ALU_RSH = 0x70;
    public static final int ALU_NEG = 0x80;
    public static final int ALU_MOD = 0x90; // off 1: SMOD
    public static final int ALU_XOR = 0xa0;
    public static final int ALU_MOV = 0xb0; // off 8/16/32: MOVSX
    public static final int ALU_ARSH = 0xc0;
    public static final int ALU_END = 0xd0; // byte swap; source bit selects LE (0) / BE (1)

    // RFC 9669 4.3: jump operations (opcode & 0xf0).
    public static final int JMP_JA = 0x00;
    public static final int JMP_JEQ = 0x10;
    public static final int JMP_JGT = 0x20;
    public static final int JMP_JGE = 0x30;
    public static final int JMP_JSET = 0x40;
    public static final int JMP_JNE = 0x50;
    public static final int JMP_JSGT = 0x60;
    public static final int JMP_JSGE = 0x70;
    public static final int JMP_CALL = 0x80;
    public static final int JMP_EXIT = 0x90;
    public static final int JMP_JLT = 0xa0;
    public static final int JMP_JLE = 0xb0;
    public static final int JMP_JSLT = 0xc0;
    public static final int JMP_JSLE = 0xd0;

    // RFC 9669 5.1: load/store size (opcode & 0x18).
    public static final int SIZE_W = 0x00;
    public static final int SIZE_H = 0x08;
    public static final int SIZE_B = 0x10;
    public static final int SIZE_DW = 0x18;

    // RFC 9669 5.1: load/store mode (opcode & 0xe0).
    public static final int MODE_IMM = 0x00;
    public static final int MODE_ABS = 0x20;
    public static final int MODE_IND = 0x40;
    public static final int MODE_MEM = 0x60;
    public static final int MODE_MEMSX = 0x80;
    public static final int MODE_ATOMIC = 0xc0;

    // RFC 9669 5.3: atomic operations (imm of an ATOMIC store).
    public static final int ATOMIC_ADD = 0x00;
    public static final int ATOMIC_OR = 0x40;
    public static final int ATOMIC_AND = 0x50;
    public static final int ATOMIC_XOR = 0xa0;
    public static final int ATOMIC_FETCH = 0x01;
    public static final int ATOMIC_XCHG = 0xe0 | ATOMIC_FETCH;
    public static final int ATOMIC_CMPXCHG = 0xf0 | ATOMIC_FETCH;

    // RFC 9669 5.4: the source field of LD_IMM64 (0x18) selects what imm means.
    public static final int PSEUDO_NONE = 0;          // imm64 is the value
    public static final int PSEUDO_MAP_FD = 1;        // map by file descriptor
    public static final int PSEUDO_MAP_VALUE = 2;     // map value by fd, offset in the second imm
    public static final int PSEUDO_BTF_ID = 3;        // variable address (kernel: BTF id)
    public static final int PSEUDO_FUNC = 4;          // address of a function at pc + 1 + imm
    public static final int PSEUDO_MAP_IDX = 5;       // map by index
    public static final int PSEUDO_MAP_IDX_VALUE = 6; // map value by index, offset in the second imm

    // RFC 9669 4.3.1: the source field of CALL.
    public static final int CALL_HELPER = 0;
    public static final int CALL_LOCAL = 1;
    public static final int CALL_KFUNC = 2;

    /** The whole opcode byte of the wide load. */
    public static final int LD_IMM64 = CLASS_LD | MODE_IMM | SIZE_DW; // 0x18

    public static int cls(int opcode) { return opcode & 0x07; }
    public static int aluOp(int opcode) { return opcode & 0xf0; }
    public static int source(int opcode) { return opcode & 0x08; }
    public static int size(int opcode) { return opcode & 0x18; }
    public static int mode(int opcode) { return opcode & 0xe0; }

    public static boolean isAlu(int opcode) { int c = cls(opcode); return c == CLASS_ALU || c == CLASS_ALU64; }
    public static boolean isJump(int opcode) { int c = cls(opcode); return c == CLASS_JMP || c == CLASS_JMP32; }

    /** Width in bytes of a load/store size field. */
    public static int sizeBytes(int opcode) {
        return switch (size(opcode)) {
            case SIZE_B -> 1;
            case SIZE_H -> 2;
            case SIZE_W -> 4;
            default -> 8;
        };
    }
}
