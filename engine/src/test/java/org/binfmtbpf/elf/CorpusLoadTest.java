package org.binfmtbpf.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.binfmtbpf.isa.ProgramValidator;
import org.binfmtbpf.program.SourceLine;
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

    @ParameterizedTest
    @MethodSource("objects")
    void linkedProgramsPassTheLoadTimeValidator(String object) {
        for (LoadedProgram lp : Corpus.load(object).programs()) {
            ProgramValidator.validate(lp.program().instructions());
        }
    }

    /** Line info is the text of the C line it names: checked against the sources for every instruction. */
    @ParameterizedTest
    @MethodSource("objects")
    void everySourceLineIsTheTextOfThatLineOfItsFile(String object) throws IOException {
        int checked = 0;
        for (LoadedProgram lp : Corpus.load(object).programs()) {
            Program p = lp.program();
            for (int pc = 0; pc < p.length(); pc++) {
                SourceLine line = p.line(pc);
                if (line == null) {
                    continue;
                }
                List<String> source = Files.readAllLines(Corpus.directory().resolve(line.file()));
                assertEquals(source.get(line.line() - 1), line.text(), lp.name() + " pc " + pc + " " + line);
                assertTrue(line.column() <= source.get(line.line() - 1).length() + 1, "column within the line: " + line);
                checked++;
            }
        }
        assertTrue(checked > 0);
    }

    static final class ElfTestSupport {
        static ProgramType expectedType(String section) {
            return section.startsWith("socket") ? ProgramType.SOCKET_FILTER
                    : section.startsWith("binfmt") ? ProgramType.BINFMT : ProgramType.SYSCALL;
        }
    }
}
