package org.binfmtbpf.elf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.isa.Opcodes;

/**
 * An executable section decoded into instruction slots, with its function symbols and its
 * relocations resolved against the object's maps ({@code relocations[slot]}, null where none).
 */
final class CodeSection {
    private static final int CALL = Opcodes.CLASS_JMP | Opcodes.JMP_CALL;
    static final int PSEUDO_CALL = 1;
    static final int PSEUDO_FUNC = 4;

    private final ElfSection section;
    private final Instruction[] slots;
    private final List<CodeFunction> functions = new ArrayList<>();
    private final CodeRelocation[] relocations;

    CodeSection(ElfFile file, ElfSection section) {
        this.section = section;
        if (section.size() % 8 != 0) {
            throw ElfFormatException.at(section.label(), section.offset(), "size " + section.size()
                    + " is not a whole number of 8-byte instructions");
        }
        byte[] code = file.data(section);
        this.slots = InstructionCodec.decode(code, 0, code.length);
        this.relocations = new CodeRelocation[slots.length];
        collectFunctions(file);
    }

    ElfSection section() {
        return section;
    }

    String name() {
        return section.name();
    }

    Instruction slot(int index) {
        return slots[index];
    }

    int length() {
        return slots.length;
    }

    List<CodeFunction> functions() {
        return functions;
    }

    CodeRelocation relocation(int slot) {
        return relocations[slot];
    }

    void relocate(int slot, CodeRelocation r, ElfRelocation where) {
        if (relocations[slot] != null) {
            throw ElfFormatException.at("relocations for " + section.label(), where.fileOffset(),
                    "second relocation for instruction " + slot);
        }
        relocations[slot] = r;
    }

    /** The function whose slots include {@code slot}, or null. */
    CodeFunction functionAt(int slot) {
        for (CodeFunction f : functions) {
            if (f.contains(slot)) {
                return f;
            }
        }
        return null;
    }

    static boolean isCall(Instruction insn) {
        return insn.opcode() == CALL && insn.src() == PSEUDO_CALL;
    }

    private void collectFunctions(ElfFile file) {
        for (ElfSymbol s : file.symbols()) {
            if (s.section() != section.index() || !s.isFunction()) {
                continue;
            }
            if (s.value() % 8 != 0 || s.size() % 8 != 0 || s.size() == 0 || s.value() < 0 || s.size() < 0
                    || s.value() > section.size() || s.size() > section.size() - s.value()) {
                throw ElfFormatException.at(section.label(), section.offset() + Math.max(0, Math.min(s.value(), section.size())),
                        "function '" + s.name() + "' [" + s.value() + ", +" + s.size() + ") is not whole instructions inside the section");
            }
            functions.add(new CodeFunction(s.name(), this, (int) (s.value() / 8), (int) ((s.value() + s.size()) / 8),
                    s.bind() == ElfSymbol.STB_LOCAL));
        }
        functions.sort(Comparator.comparingInt(CodeFunction::start));
        for (int i = 1; i < functions.size(); i++) {
            CodeFunction a = functions.get(i - 1);
            CodeFunction b = functions.get(i);
            if (b.start() < a.end()) {
                throw ElfFormatException.at(section.label(), section.offset() + b.start() * 8L,
                        "functions '" + a.name() + "' and '" + b.name() + "' overlap");
            }
        }
    }
}
