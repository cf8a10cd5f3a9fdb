package org.binfmtbpf.isa;

/**
 * One valid form of an opcode byte: the opcode, a mnemonic, and what each field may hold.
 * Some opcode bytes have several forms told apart by one field (0x3f is {@code div} with
 * off 0 and {@code sdiv} with off 1; 0xdb is ten atomic operations told apart by imm).
 *
 * @param opcode    the whole opcode byte
 * @param mnemonic  the name the bpf_conformance assembler gives the form
 * @param dst       rule for the dst field
 * @param src       rule for the src field
 * @param off       rule for the off field
 * @param imm       rule for the imm field
 * @param semantics what the form does, in RFC 9669's notation
 */
public record OpcodeSpec(int opcode, String mnemonic, FieldRule dst, FieldRule src, FieldRule off, FieldRule imm,
                         String semantics) {

    /** The first field this form rejects in {@code insn}, or null if it accepts every field. */
    public Field firstViolation(Instruction insn) {
        if (!dst.accepts(insn.dst())) return Field.DST;
        if (!src.accepts(insn.src())) return Field.SRC;
        if (!off.accepts(insn.off())) return Field.OFF;
        if (!imm.accepts(insn.imm())) return Field.IMM;
        return null;
    }

    public boolean accepts(Instruction insn) {
        return firstViolation(insn) == null;
    }

    public FieldRule rule(Field field) {
        return switch (field) {
            case DST -> dst;
            case SRC -> src;
            case OFF -> off;
            case IMM -> imm;
        };
    }

    /** True if the source operand is a register (the X forms, stores, loads, atomics). */
    public boolean usesSrcRegister() { return src == FieldRule.REGISTER; }

    /** The RFC 9669 section that defines this form. */
    public String rfcSection() {
        int cls = Opcodes.cls(opcode);
        return switch (cls) {
            case Opcodes.CLASS_ALU, Opcodes.CLASS_ALU64 -> Opcodes.aluOp(opcode) == Opcodes.ALU_END ? "4.2" : "4.1";
            case Opcodes.CLASS_JMP, Opcodes.CLASS_JMP32 -> mnemonic.startsWith("call") ? "4.3.1" : "4.3";
            case Opcodes.CLASS_LD -> Opcodes.mode(opcode) == Opcodes.MODE_IMM ? "5.4" : "5.5";
            default -> switch (Opcodes.mode(opcode)) {
                case Opcodes.MODE_MEMSX -> "5.2";
                case Opcodes.MODE_ATOMIC -> "5.3";
                default -> "5.1";
            };
        };
    }

    /** The four variable fields of an instruction slot, in encoding order after the opcode. */
    public enum Field {
        DST, SRC, OFF, IMM;

        public int valueIn(Instruction insn) {
            return switch (this) {
                case DST -> insn.dst();
                case SRC -> insn.src();
                case OFF -> insn.off();
                case IMM -> insn.imm();
            };
        }

        public String fieldName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
