package org.binfmtbpf.asm;

import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.isa.OpcodeTable;
import org.binfmtbpf.isa.Opcodes;

/**
 * Assembles the syntax of the bpf_conformance suite's {@code -- asm} sections:
 *
 * <pre>
 *   mov %r0, 1            add32 %r1, %r2          neg %r0         be16 %r0     swap64 %r0
 *   sdiv %r1, 3           movsx832 %r2, %r1       lddw %r0, 0x1122334455667788
 *   ldxdw %r0, [%r1+8]    ldxsb %r0, [%r10-1]     stw [%r10-4], 5   stxb [%r1], %r2
 *   lock add [%r10-8], %r1    lock fetch xor32 [%r10-4], %r3    lock cmpxchg [%r10-8], %r1
 *   ja label   ja32 label   jeq %r1, 5, +1   jne32 %r1, %r2, label   exit
 *   call 5   call local func   call %r2   ldabsh 12   ldindb %r1, 4
 *   label:   # comment
 * </pre>
 *
 * Registers may be written {@code %rN} or {@code rN}. Mnemonics follow {@link OpcodeTable};
 * a {@code 64} suffix is accepted where the table has none ({@code add64} = {@code add}) and
 * {@code swapN} is {@code bswapN}. As in the suite's own assembler, the label {@code exit}
 * means the first {@code exit} instruction unless the program defines it. Decimal immediates
 * are signed values; hex immediates are bit patterns of the field width.
 *
 * <p>The result is in slot form (LD_IMM64 followed by its second slot), not validated: pass
 * it to {@link org.binfmtbpf.isa.ProgramValidator} to refuse what the kernel would.
 */
public final class ConformanceAssembler {
    private final List<Instruction> slots = new ArrayList<>();
    private final Labels labels = new Labels(false);
    private int firstExit = -1;

    private ConformanceAssembler() {}

    public static Instruction[] assemble(String source) {
        ConformanceAssembler asm = new ConformanceAssembler();
        String[] lines = source.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            asm.line(new LineScanner(stripComment(lines[i]), i + 1));
        }
        if (asm.firstExit >= 0) {
            asm.labels.defineIfAbsent("exit", asm.firstExit);
        }
        asm.labels.resolve(asm.slots);
        return asm.slots.toArray(new Instruction[0]);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private void line(LineScanner s) {
        if (s.atEnd()) {
            return;
        }
        int column = s.column();
        String word = s.word();
        if (s.tryChar(':')) {
            if (word.isEmpty() || Character.isDigit(word.charAt(0))) {
                throw s.errorAt(column, "invalid label name '" + word + "'");
            }
            labels.define(word, slots.size(), s.line(), column);
            if (s.atEnd()) {
                return;
            }
            column = s.column();
            word = s.word();
        }
        if (word.isEmpty()) {
            throw s.error("expected a mnemonic or a label" + s.found());
        }
        ParsedInstruction parsed = ConformanceStatement.parse(s, word, column);
        if (!s.atEnd()) {
            throw s.error("unexpected text after the operands" + s.found());
        }
        if (firstExit < 0 && parsed.insn().opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_EXIT)) {
            firstExit = slots.size();
        }
        labels.use(slots.size(), parsed, s.line());
        slots.addAll(List.of(InstructionCodec.toSlots(List.of(parsed.insn()))));
    }
}
