package org.binfmtbpf.isa;

/**
 * The conditions of the conditional jumps (RFC 9669 4.3), one rule shared by both engines.
 * {@code op} is the operation field of the opcode ({@code opcode & 0xf0}). JMP compares the
 * full 64-bit operands; JMP32 compares their low 32 bits. For an immediate operand the
 * engine passes {@code (long) imm}, sign-extended, as RFC 9669 says for both classes.
 */
public final class Jumps {
    private Jumps() {}

    /**
     * The comparison that holds when jump {@code op} is not taken (JEQ for JNE, JLE for JGT,
     * ...), or -1 for JSET, whose negation is no comparison. Analyses that refine ranges on
     * the fall-through side share it.
     */
    public static int negated(int op) {
        return switch (op) {
            case Opcodes.JMP_JEQ -> Opcodes.JMP_JNE;
            case Opcodes.JMP_JNE -> Opcodes.JMP_JEQ;
            case Opcodes.JMP_JGT -> Opcodes.JMP_JLE;
            case Opcodes.JMP_JLE -> Opcodes.JMP_JGT;
            case Opcodes.JMP_JGE -> Opcodes.JMP_JLT;
            case Opcodes.JMP_JLT -> Opcodes.JMP_JGE;
            case Opcodes.JMP_JSGT -> Opcodes.JMP_JSLE;
            case Opcodes.JMP_JSLE -> Opcodes.JMP_JSGT;
            case Opcodes.JMP_JSGE -> Opcodes.JMP_JSLT;
            case Opcodes.JMP_JSLT -> Opcodes.JMP_JSGE;
            default -> -1;
        };
    }

    /** Whether a JMP-class conditional jump with operation {@code op} is taken. */
    public static boolean taken64(int op, long a, long b) {
        return switch (op) {
            case Opcodes.JMP_JEQ -> a == b;
            case Opcodes.JMP_JNE -> a != b;
            case Opcodes.JMP_JSET -> (a & b) != 0;
            case Opcodes.JMP_JGT -> Long.compareUnsigned(a, b) > 0;
            case Opcodes.JMP_JGE -> Long.compareUnsigned(a, b) >= 0;
            case Opcodes.JMP_JLT -> Long.compareUnsigned(a, b) < 0;
            case Opcodes.JMP_JLE -> Long.compareUnsigned(a, b) <= 0;
            case Opcodes.JMP_JSGT -> a > b;
            case Opcodes.JMP_JSGE -> a >= b;
            case Opcodes.JMP_JSLT -> a < b;
            case Opcodes.JMP_JSLE -> a <= b;
            default -> throw new IllegalArgumentException("not a conditional jump: 0x" + Integer.toHexString(op));
        };
    }

    /** Whether a JMP32-class conditional jump with operation {@code op} is taken. */
    public static boolean taken32(int op, long a, long b) {
        int x = (int) a;
        int y = (int) b;
        return switch (op) {
            case Opcodes.JMP_JEQ -> x == y;
            case Opcodes.JMP_JNE -> x != y;
            case Opcodes.JMP_JSET -> (x & y) != 0;
            case Opcodes.JMP_JGT -> Integer.compareUnsigned(x, y) > 0;
            case Opcodes.JMP_JGE -> Integer.compareUnsigned(x, y) >= 0;
            case Opcodes.JMP_JLT -> Integer.compareUnsigned(x, y) < 0;
            case Opcodes.JMP_JLE -> Integer.compareUnsigned(x, y) <= 0;
            case Opcodes.JMP_JSGT -> x > y;
            case Opcodes.JMP_JSGE -> x >= y;
            case Opcodes.JMP_JSLT -> x < y;
            case Opcodes.JMP_JSLE -> x <= y;
            default -> throw new IllegalArgumentException("not a conditional jump: 0x" + Integer.toHexString(op));
        };
    }
}
