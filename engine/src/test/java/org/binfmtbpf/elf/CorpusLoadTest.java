package org.binfmtbpf.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.program.Subprogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed corpus object loads, and what comes out is self-consistent. */
class CorpusLoadTest {
    static List<String> objects() {
        return Corpus.objects();
    }

    @ParameterizedTest
    @MethodSource("objects")
    void loadsWithProgramsLinesAndGplLicense(String object) {
        LoadedObject obj = Corpus.load(object);
        assertEquals("GPL", obj.license());
        assertFalse(obj.programs().isEmpty(), "no programs");
        for (LoadedProgram lp : obj.programs()) {
            Program p = lp.program();
            assertEquals(lp.name(), p.name());
            assertEquals(ElfTestSupport.expectedType(lp.section()), p.type());
            List<Subprogram> fs = p.functions();
            assertEquals(lp.name(), fs.get(0).name());
            assertEquals(0, fs.get(0).start());
            assertEquals(p.length(), fs.get(fs.size() - 1).end(), "functions cover the program");
            for (int i = 1; i < fs.size(); i++) {
                assertEquals(fs.get(i - 1).end(), fs.get(i).start(), "functions are contiguous");
            }
            assertNotNull(p.line(0), lp.name() + ": the first instruction has a source line");
            String file = p.line(0).file().replaceFirst("^(\\./)+", "");
            assertTrue(file.equals(object.replace(".o", ".c")) || file.equals("binfmt_bpf.h"), file);
            for (int pc = 0; pc < p.length(); pc++) {
                Instruction insn = p.insn(pc);
                if (CodeSection.isCall(insn)) {
                    int target = pc + 1 + insn.imm();
                    assertTrue(fs.stream().anyMatch(f -> f.start() == target), lp.name() + ": call at " + pc + " reaches a function start");
                }
                if (insn.isLdImm64()) {
                    pc++;
                }
            }
        }
    }

    static final class ElfTestSupport {
        static ProgramType expectedType(String section) {
            return section.startsWith("socket") ? ProgramType.SOCKET_FILTER
                    : section.startsWith("binfmt") ? ProgramType.BINFMT : ProgramType.SYSCALL;
        }
    }
}
