package org.binfmtbpf.asm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.binfmtbpf.isa.Instruction;

/** The labels of one assembly source and the jumps and calls that name them. */
final class Labels {
    private final Map<String, Integer> slots = new HashMap<>();
    private final List<Fixup> fixups = new ArrayList<>();
    private final boolean repeatAtSameSlot;

    /**
     * @param repeatAtSameSlot whether a label may be defined again at the same slot (an
     *        llvm-objdump listing names a function in its header and may label it again)
     */
    Labels(boolean repeatAtSameSlot) {
        this.repeatAtSameSlot = repeatAtSameSlot;
    }

    private record Fixup(int slot, String label, int line, int column, boolean inImm) {}

    /** Defines {@code name} at {@code slot}; defining it again is an error (see the constructor). */
    void define(String name, int slot, int line, int column) {
        Integer previous = slots.putIfAbsent(name, slot);
        if (previous != null && (previous != slot || !repeatAtSameSlot)) {
            throw new AssemblyException(line, column, "duplicate label '" + name + "'");
        }
    }

    void defineIfAbsent(String name, int slot) {
        slots.putIfAbsent(name, slot);
    }

    /** Records that the instruction at {@code slot} targets the label of {@code parsed}, if it has one. */
    void use(int slot, ParsedInstruction parsed, int line) {
        if (parsed.label() != null) {
            fixups.add(new Fixup(slot, parsed.label().label(), line, parsed.label().column(), parsed.targetInImm()));
        }
    }

    /** Writes each label's relative offset (target - slot - 1) into off or imm. */
    void resolve(List<Instruction> program) {
        for (Fixup f : fixups) {
            Integer target = slots.get(f.label());
            if (target == null) {
                throw new AssemblyException(f.line(), f.column(), "undefined label '" + f.label() + "'");
            }
            long delta = (long) target - f.slot() - 1;
            Instruction insn = program.get(f.slot());
            if (!f.inImm() && (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE)) {
                throw new AssemblyException(f.line(), f.column(), "label '" + f.label() + "' is " + delta
                        + " slots away; a jump offset has 16 bits");
            }
            program.set(f.slot(), f.inImm()
                    ? Instruction.of(insn.opcode(), insn.dst(), insn.src(), insn.off(), (int) delta)
                    : Instruction.of(insn.opcode(), insn.dst(), insn.src(), (int) delta, insn.imm()));
        }
    }
}
