package org.binfmtbpf.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.binfmtbpf.conformance.ConformanceHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.isa.InvalidProgramException;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Interpreter;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random programs that pass validation: on every engine, each either returns
 * or faults with a {@link BpfFault} (never a JVM exception), and every engine agrees with the
 * reference interpreter on r0, the fault message and the context bytes left behind. Seeded,
 * so a failure reproduces.
 */
class RandomProgramTests {
    private static final long SEED = 0x5eed_b9f;
    private static final int PROGRAMS = 6_000;
    private static final Engine REFERENCE = new Interpreter();

    @Test
    void validProgramsReturnOrFaultAndEnginesAgree() {
        List<Engine> engines = Engines.all();
        RandomPrograms generator = new RandomPrograms(SEED);
        int valid = 0;
        for (int n = 0; n < PROGRAMS; n++) {
            Instruction[] insns = generator.next(1 + n % 12);
            byte[] memory = generator.memory();
            Program program;
            try {
                program = ProgramBuilder.of("random" + n, ProgramType.RAW, insns, ConformanceHelpers.registry()).build();
            } catch (InvalidProgramException refused) {
                continue;
            }
            valid++;
            String reference = outcome(REFERENCE, program, memory);
            for (Engine engine : engines) {
                String outcome = engine.name().equals(REFERENCE.name()) ? reference : outcome(engine, program, memory);
                assertFalse(outcome.startsWith("escaped") || outcome.contains("interpreter error"),
                        () -> engine.name() + " on " + hex(insns) + " mem " + HexFormat.of().formatHex(memory) + ": " + outcome);
                assertEquals(reference, outcome, () -> engine.name() + " disagrees with the interpreter on " + hex(insns)
                        + " mem " + HexFormat.of().formatHex(memory));
            }
        }
        System.out.printf("random programs: %d of %d valid, run on %s%n", valid, PROGRAMS,
                engines.stream().map(Engine::name).toList());
        assertTrue(valid > PROGRAMS / 10, "only " + valid + " of " + PROGRAMS + " random programs were valid");
    }

    private static String outcome(Engine engine, Program program, byte[] memory) {
        byte[] context = memory.clone();
        Invocation inv = Invocation.current();
        inv.begin(program, context);
        inv.budget = 2_000;
        String result;
        try {
            result = "r0 = " + Long.toHexString(engine.prepare(program).run(inv));
        } catch (BpfFault fault) {
            result = "fault: " + fault.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            return "escaped: " + e;
        }
        return result + ", context " + Arrays.toString(context);
    }

    private static String hex(Instruction[] insns) {
        return HexFormat.ofDelimiter(" ").formatHex(InstructionCodec.encode(insns));
    }
}
