package org.binfmtbpf.asm;

/**
 * Operand parsers shared by both assembler syntaxes: registers, immediates of a given width,
 * memory operands and jump targets. Each reads from a {@link LineScanner} and reports errors
 * at the column of the offending operand.
 */
final class Operands {
    private Operands() {}

    /** A register written {@code %rN} (conformance), {@code rN} or {@code wN} (llvm, 32-bit view). */
    record Register(int number, boolean word) {}

    /** Jump or call destination: a label, or a relative offset in slots. */
    record Target(String label, long offset, int column) {
        boolean isLabel() { return label != null; }
    }

    /** {@code [reg+off]} or {@code (reg + off)}: base register and signed 16-bit offset. */
    record Memory(int base, short off) {}

    static Register register(LineScanner s) {
        s.skipSpaces();
        int column = s.column();
        boolean percent = s.tryChar('%');
        String word = s.word();
        if (word.length() >= 2 && (word.charAt(0) == 'r' || (!percent && word.charAt(0) == 'w'))
                && word.substring(1).chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(word.substring(1).length() > 3 ? "999" : word.substring(1));
            if (n <= 10) {
                return new Register(n, word.charAt(0) == 'w');
            }
            throw s.errorAt(column, "invalid register " + (percent ? "%" : "") + word + " (registers are r0..r10)");
        }
        s.reset(column - 1);
        throw s.error("expected a register" + s.found());
    }

    static boolean startsRegister(LineScanner s) {
        int save = s.position();
        s.tryChar('%');
        String word = s.word();
        s.reset(save);
        return word.length() >= 2 && (word.charAt(0) == 'r' || word.charAt(0) == 'w')
                && word.substring(1).chars().allMatch(Character::isDigit);
    }

    /** A number that must fit a field of {@code bits} bits (see {@link Literal#fits}). */
    static long immediate(LineScanner s, int bits, String what) {
        Literal lit = s.number();
        if (!lit.fits(bits)) {
            throw s.errorAt(lit.column(), what + " " + lit.value() + " does not fit in " + bits + " bits");
        }
        return lit.truncated(bits);
    }

    /** A jump target: {@code +N}, {@code -N}, a plain number, or a label name. */
    static Target target(LineScanner s, int bits) {
        s.skipSpaces();
        int column = s.column();
        if (s.startsNumber()) {
            return new Target(null, immediate(s, bits, "jump offset"), column);
        }
        String label = s.word();
        if (label.isEmpty()) {
            throw s.error("expected a label or +offset" + s.found());
        }
        return new Target(label, 0, column);
    }

    /** An offset written after a base register: {@code +8}, {@code -0x10}, {@code + 8}. */
    static short signedOffset(LineScanner s) {
        s.skipSpaces();
        int column = s.column();
        boolean negative;
        if (s.tryChar('+')) {
            negative = false;
        } else if (s.tryChar('-')) {
            negative = true;
        } else {
            throw s.error("expected '+' or '-' and an offset" + s.found());
        }
        Literal magnitude = s.number();
        if (magnitude.negative() || magnitude.value().signum() < 0) {
            throw s.errorAt(magnitude.column(), "unexpected second sign in offset");
        }
        // The sign is written, so the value is signed whatever the base: +0xffff is out of range.
        Literal lit = new Literal(negative ? magnitude.value().negate() : magnitude.value(), false, negative, column);
        if (!lit.fits(16)) {
            throw s.errorAt(column, "offset " + lit.value() + " does not fit in 16 bits");
        }
        return (short) lit.truncated(16);
    }
}
