package org.binfmtbpf.asm;

/**
 * The comments {@link Disassembler} appends where llvm's text drops a field:
 * {@code # local}, {@code # kfunc}, {@code # kfunc off 0x3}, {@code # imm 0x4},
 * {@code # next_imm 0x8}. Any other comment is an ordinary comment and means nothing.
 */
record LlvmAnnotation(String keyword, long value, int column) {
    static final LlvmAnnotation NONE = new LlvmAnnotation("", 0, 0);

    /** Reads the comment that starts at the scanner's position (after '#' or '//'). */
    static LlvmAnnotation parse(LineScanner s) {
        int column = s.column();
        int start = s.position();
        String word = s.word();
        switch (word) {
            case "local" -> {
                if (s.atEnd()) return new LlvmAnnotation("local", 0, column);
            }
            case "kfunc" -> {
                if (s.atEnd()) return new LlvmAnnotation("kfunc", 0, column);
                if (s.tryWord("off") && s.startsNumber()) {
                    long off = Operands.immediate(s, 16, "kfunc offset");
                    if (s.atEnd()) return new LlvmAnnotation("kfunc", off, column);
                }
            }
            case "imm", "next_imm" -> {
                if (s.startsNumber()) {
                    long value = Operands.immediate(s, 32, word);
                    if (s.atEnd()) return new LlvmAnnotation(word, value, column);
                }
            }
            default -> { }
        }
        s.reset(start);
        return NONE;
    }

    boolean is(String keyword) {
        return this.keyword.equals(keyword);
    }
}
