package org.binfmtbpf.asm;

import org.binfmtbpf.isa.FieldRule;
import org.binfmtbpf.isa.OpcodeSpec;
import org.binfmtbpf.isa.Opcodes;

/**
 * The operands each kind of instruction takes in the bpf_conformance syntax, derived from
 * the instruction's class and mode so that {@link org.binfmtbpf.isa.OpcodeTable} stays the
 * single list of instructions.
 */
enum ConformanceShape {
    BINARY("dst, src or imm"),
    UNARY("dst"),
    MOVSX("dst, src"),
    JUMP("dst, src or imm, target"),
    JA("target"),
    CALL("helper id, local target or register"),
    EXIT(""),
    LOAD("dst, [src+off]"),
    STORE_IMM("[dst+off], imm"),
    STORE_REG("[dst+off], src"),
    LDDW("dst, imm64"),
    LD_ABS("imm"),
    LD_IND("src, imm");

    final String operands;

    ConformanceShape(String operands) {
        this.operands = operands;
    }

    int operandCount() {
        return operands.isEmpty() ? 0 : operands.split(",").length;
    }

    static ConformanceShape of(OpcodeSpec spec) {
        int op = spec.opcode();
        switch (Opcodes.cls(op)) {
            case Opcodes.CLASS_ALU, Opcodes.CLASS_ALU64 -> {
                int alu = Opcodes.aluOp(op);
                if (alu == Opcodes.ALU_NEG || alu == Opcodes.ALU_END) return UNARY;
                if (alu == Opcodes.ALU_MOV && spec.off() != FieldRule.ZERO) return MOVSX;
                return BINARY;
            }
            case Opcodes.CLASS_JMP, Opcodes.CLASS_JMP32 -> {
                return switch (Opcodes.aluOp(op)) {
                    case Opcodes.JMP_JA -> JA;
                    case Opcodes.JMP_CALL -> CALL;
                    case Opcodes.JMP_EXIT -> EXIT;
                    default -> JUMP;
                };
            }
            case Opcodes.CLASS_LDX -> {
                return LOAD;
            }
            case Opcodes.CLASS_ST -> {
                return STORE_IMM;
            }
            case Opcodes.CLASS_STX -> {
                return STORE_REG; // plain stores and atomics: lock [fetch] op [dst+off], src
            }
            default -> {
                return switch (Opcodes.mode(op)) {
                    case Opcodes.MODE_ABS -> LD_ABS;
                    case Opcodes.MODE_IND -> LD_IND;
                    default -> LDDW;
                };
            }
        }
    }
}
