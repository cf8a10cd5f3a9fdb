package org.binfmtbpf.cli.prog;

import static org.binfmtbpf.isa.Opcodes.*;

import java.util.function.IntFunction;
import org.binfmtbpf.isa.Instruction;

/**
 * One instruction in the kernel's own syntax (kernel/bpf/disasm.c, print_bpf_insn), which
 * the verifier log and {@code bpftool prog dump xlated} use:
 * {@code (b4) w1 = 1}, {@code (63) *(u32 *)(r10 -4) = r1}, {@code (35) if r0 >= 0x4 goto pc+3},
 * {@code (85) call bpf_map_lookup_elem#1}, {@code (18) r1 = map[id:59]}.
 * Immediates of ALU and store instructions are signed decimal; jump immediates are hex.
 */
public final class KernelSyntax {
    private KernelSyntax() {}

    private static final String[] ALU_OPS = {"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=",
        "s>>=", "endian"};
    private static final String[] JMP_OPS = {"jmp", "==", ">", ">=", "&", "!=", "s>", "s>=", "call", "exit", "<", "<=",
        "s<", "s<="};

    /**
     * @param insn       the instruction (for LD_IMM64, the first slot with its imm2)
     * @param helperName names helper {@code id}: "bpf_map_lookup_elem"; null when unknown
     * @param imm64Text  the operand of an LD_IMM64 ("0x1", "map[id:3]")
     */
    public static String of(Instruction insn, IntFunction<String> helperName, String imm64Text) {
        int code = insn.opcode();
        return String.format("(%02x) %s", code, body(insn, helperName, imm64Text));
    }

    private static String body(Instruction i, IntFunction<String> helperName, String imm64Text) {
        int code = i.opcode();
        int cls = code & 0x07;
        return switch (cls) {
            case CLASS_ALU, CLASS_ALU64 -> alu(i, cls == CLASS_ALU64 ? 'r' : 'w');
            case CLASS_STX -> stx(i);
            case CLASS_ST -> String.format("*(%s *)(r%d %+d) = %d", size(code), i.dst(), i.off(), i.imm());
            case CLASS_LDX -> (code & 0xe0) == MODE_MEMSX
                    ? String.format("r%d = *(%s *)(r%d %+d)", i.dst(), signedSize(code), i.src(), i.off())
                    : String.format("r%d = *(%s *)(r%d %+d)", i.dst(), size(code), i.src(), i.off());
            case CLASS_LD -> ld(i, imm64Text);
            default -> jmp(i, cls == CLASS_JMP32 ? 'w' : 'r', helperName);
        };
    }

    private static String alu(Instruction i, char reg) {
        int code = i.opcode();
        int op = code & 0xf0;
        if (op == ALU_END) {
            if ((code & 0x07) == CLASS_ALU64) {
                return String.format("r%d = bswap%d r%d", i.dst(), i.imm(), i.dst());
            }
            return String.format("r%d = %s%d r%d", i.dst(), (code & SRC_X) != 0 ? "be" : "le", i.imm(), i.dst());
        }
        if (op == ALU_NEG) {
            return String.format("%c%d = -%c%d", reg, i.dst(), reg, i.dst());
        }
        if (op == ALU_MOV && i.off() != 0 && (code & SRC_X) != 0) {
            return String.format("%c%d = (s%d)%c%d", reg, i.dst(), i.off(), reg, i.src());
        }
        String text = (op >> 4) < ALU_OPS.length ? ALU_OPS[op >> 4] : "?";
        if ((op == ALU_DIV || op == ALU_MOD) && i.off() == 1) {
            text = "s" + text;
        }
        return (code & SRC_X) != 0
                ? String.format("%c%d %s %c%d", reg, i.dst(), text, reg, i.src())
                : String.format("%c%d %s %d", reg, i.dst(), text, i.imm());
    }

    private static String stx(Instruction i) {
        int code = i.opcode();
        if ((code & 0xe0) == MODE_MEM) {
            return String.format("*(%s *)(r%d %+d) = r%d", size(code), i.dst(), i.off(), i.src());
        }
        if ((code & 0xe0) != MODE_ATOMIC) {
            return String.format("BUG_st_%02x", code);
        }
        boolean wide = (code & 0x18) == SIZE_DW;
        String width = wide ? "64" : "";
        int op = i.imm();
        String at = String.format("(%s *)(r%d %+d)", size(code), i.dst(), i.off());
        return switch (op) {
            case ATOMIC_ADD, ATOMIC_AND, ATOMIC_OR, ATOMIC_XOR ->
                    String.format("lock *%s %s r%d", at, ALU_OPS[op >> 4], i.src());
            case ATOMIC_ADD | ATOMIC_FETCH, ATOMIC_AND | ATOMIC_FETCH, ATOMIC_OR | ATOMIC_FETCH, ATOMIC_XOR | ATOMIC_FETCH ->
                    String.format("r%d = atomic%s_fetch_%s(%s, r%d)", i.src(), width, atomicName(op & ~ATOMIC_FETCH), at,
                            i.src());
            case ATOMIC_XCHG -> String.format("r%d = atomic%s_xchg(%s, r%d)", i.src(), width, at, i.src());
            case ATOMIC_CMPXCHG -> String.format("r0 = atomic%s_cmpxchg(%s, r0, r%d)", width, at, i.src());
            default -> String.format("BUG_%02x", code);
        };
    }

    private static String atomicName(int op) {
        return switch (op) {
            case ATOMIC_ADD -> "add";
            case ATOMIC_AND -> "and";
            case ATOMIC_OR -> "or";
            default -> "xor";
        };
    }

    private static String ld(Instruction i, String imm64Text) {
        int code = i.opcode();
        return switch (code & 0xe0) {
            case MODE_IMM -> String.format("r%d = %s", i.dst(), imm64Text);
            case MODE_ABS -> String.format("r0 = *(%s *)skb[%d]", size(code), i.imm());
            case MODE_IND -> String.format("r0 = *(%s *)skb[r%d + %d]", size(code), i.src(), i.imm());
            default -> String.format("BUG_ld_%02x", code);
        };
    }

    private static String jmp(Instruction i, char reg, IntFunction<String> helperName) {
        int code = i.opcode();
        int op = code & 0xf0;
        if (op == JMP_CALL) {
            if (i.src() == CALL_LOCAL) {
                return String.format("call pc%+d", i.imm());
            }
            if (i.src() == CALL_KFUNC) {
                return "call kernel-function";
            }
            String name = helperName.apply(i.imm());
            return String.format("call %s#%d", name != null ? name : "unknown", i.imm());
        }
        if (op == JMP_EXIT) {
            return "exit";
        }
        if (op == JMP_JA) {
            return (code & 0x07) == CLASS_JMP32 ? String.format("gotol pc%+d", i.imm()) : String.format("goto pc%+d", i.off());
        }
        String text = (op >> 4) < JMP_OPS.length ? JMP_OPS[op >> 4] : "?";
        return (code & SRC_X) != 0
                ? String.format("if %c%d %s %c%d goto pc%+d", reg, i.dst(), text, reg, i.src(), i.off())
                : String.format("if %c%d %s 0x%x goto pc%+d", reg, i.dst(), text, i.imm(), i.off());
    }

    private static String size(int code) {
        return switch (code & 0x18) {
            case SIZE_W -> "u32";
            case SIZE_H -> "u16";
            case SIZE_B -> "u8";
            default -> "u64";
        };
    }

    private static String signedSize(int code) {
        return switch (code & 0x18) {
            case SIZE_W -> "s32";
            case SIZE_H -> "s16";
            case SIZE_B -> "s8";
            default -> "s64";
        };
    }
}
