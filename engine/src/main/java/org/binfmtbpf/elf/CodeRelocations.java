package org.binfmtbpf.elf;

import java.util.List;
import org.binfmtbpf.isa.Instruction;

/**
 * Reads the REL section of a code section and records, per instruction, what libbpf's
 * bpf_program__record_reloc would make of it: a call into {@code .text}, a function address,
 * a map handle or a global data address. Everything else is refused with the place named.
 */
final class CodeRelocations {
    private final ElfFile file;
    private final List<MapDeclaration> maps;
    private final int textSection;

    CodeRelocations(ElfFile file, List<MapDeclaration> maps, int textSection) {
        this.file = file;
        this.maps = maps;
        this.textSection = textSection;
    }

    void apply(CodeSection code) {
        ElfSection relSection = file.relocationSection(code.section());
        if (relSection == null) {
            return;
        }
        ElfBytes where = file.contents(relSection);
        for (ElfRelocation r : file.relocations(code.section())) {
            long pos = r.fileOffset() - relSection.offset();
            if (!ElfRelocation.known(r.type())) {
                throw where.error(pos, "relocation type " + r.type() + " unknown");
            }
            if (r.type() == ElfRelocation.R_BPF_NONE) {
                continue;
            }
            ElfSymbol sym = file.symbol(r.symbol(), where, pos + 12);
            if (sym.section() >= ElfSymbol.SHN_LORESERVE) {
                throw where.error(pos + 12, "symbol '" + sym.name() + "' has special section index 0x" + Integer.toHexString(sym.section()));
            }
            if (sym.section() == ElfSymbol.SHN_UNDEF) {
                throw where.error(pos + 12, "symbol '" + sym.name() + "' is undefined (extern symbols are not supported)");
            }
            if (r.offset() < 0 || r.offset() % 8 != 0 || r.offset() >= code.length() * 8L) {
                throw where.error(pos, "relocation offset 0x" + Long.toHexString(r.offset()) + " is not an instruction of "
                        + code.section().label());
            }
            int slot = (int) (r.offset() / 8);
            if (code.functionAt(slot) == null) {
                continue; // libbpf: no program there (an overridden weak function); nothing to relocate
            }
            code.relocate(slot, resolve(code, slot, r, sym, where, pos), r);
        }
    }

    private CodeRelocation resolve(CodeSection code, int slot, ElfRelocation r, ElfSymbol sym, ElfBytes where, long pos) {
        Instruction insn = code.slot(slot);
        String at = "instruction " + slot + " of " + code.section().label();
        if (CodeSection.isCall(insn)) {
            if (r.type() != ElfRelocation.R_BPF_64_32) {
                throw where.error(pos + 8, "relocation type " + r.type() + " on the call at " + at + " (expected R_BPF_64_32)");
            }
            if (sym.section() != textSection) {
                throw where.error(pos + 12, "call at " + at + " relocated against '" + sym.name() + "' outside .text");
            }
            if (sym.value() % 8 != 0) {
                throw where.error(pos + 12, "call at " + at + " targets a misaligned offset 0x" + Long.toHexString(sym.value()));
            }
            return new CodeRelocation.Call(sym.value());
        }
        if (!insn.isLdImm64()) {
            throw where.error(pos, "relocation on " + at + ", opcode 0x" + Integer.toHexString(insn.opcode())
                    + ", which is neither a call nor LD_IMM64");
        }
        if (r.type() != ElfRelocation.R_BPF_64_64) {
            throw where.error(pos + 8, "relocation type " + r.type() + " on LD_IMM64 at " + at + " (expected R_BPF_64_64)");
        }
        if (slot + 1 >= code.length()) {
            throw where.error(pos, "LD_IMM64 at " + at + " has no second slot");
        }
        if (isSubprogram(sym)) {
            if (sym.value() % 8 != 0 || insn.imm() % 8 != 0) {
                throw where.error(pos + 12, "function address at " + at + " is misaligned");
            }
            return new CodeRelocation.FunctionAddress(sym.value());
        }
        for (int i = 0; i < maps.size(); i++) {
            MapDeclaration m = maps.get(i);
            if (m.section() != sym.section()) {
                continue;
            }
            if (m.globalData()) {
                return new CodeRelocation.MapValue(i, sym.value());
            }
            if (m.offset() == sym.value()) {
                return new CodeRelocation.MapHandle(i);
            }
        }
        throw where.error(pos + 12, "LD_IMM64 at " + at + " refers to '" + sym.name() + "' in "
                + file.section(sym.section()).label() + ", which holds no map or global data");
    }

    /** libbpf's sym_is_subprog: a .text section symbol (static function) or a global .text function. */
    private boolean isSubprogram(ElfSymbol sym) {
        if (sym.section() != textSection) {
            return false;
        }
        return sym.bind() == ElfSymbol.STB_LOCAL ? sym.type() == ElfSymbol.STT_SECTION
                : sym.bind() == 1 && sym.type() == ElfSymbol.STT_FUNC;
    }
}
