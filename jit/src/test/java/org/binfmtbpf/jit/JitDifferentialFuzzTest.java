package org.binfmtbpf.jit;

import org.binfmtbpf.fuzz.FuzzHelpers;
import org.binfmtbpf.fuzz.PoisonedStack;
import org.binfmtbpf.fuzz.RandomProgram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InvalidProgramException;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Interpreter;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random valid programs ({@link RandomProgram}) run on the interpreter and on the JIT must
 * end the same way: the same r0, or the same fault at the same instruction, and the same
 * bytes left in the stack and the context (every run starts on a poisoned stack, see
 * {@link PoisonedStack}). Some runs have a small instruction budget, which
 * exercises the JIT's counted code. The JIT runs twice: as users get it, and cutting every
 * function into chunk methods of about 64 bytes, so that each program crosses chunk
 * boundaries (which carry only the registers live there) as 4,096-instruction programs do.
 *
 * <p>Reproduce a failure with {@code -Dbinfmtbpf.fuzz.seed=SEED -Dbinfmtbpf.fuzz.programs=1},
 * SEED being the program seed the failure names.
 */
class JitDifferentialFuzzTest {
    private static final long SEED = Long.getLong("binfmtbpf.fuzz.seed", 20261128L);
    private static final int PROGRAMS = Integer.getInteger("binfmtbpf.fuzz.programs", 1200);
    private static final int RUNS_PER_PROGRAM = 4;

    private final Engine interpreter = new Interpreter();
    static List<Arguments> jits() {
        return List.of(Arguments.of("jit", new JitEngine()),
                Arguments.of("jit in 64-byte chunks", new JitEngine(new JitCompiler(VerifiedAccessFacts::of, 64))));
    }
    private final Invocation interpInv = new Invocation();
    private final Invocation jitInv = new Invocation();

    /** How one run ended: r0 or the fault, and the memory it left. */
    record Outcome(String end, String stack, String context) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("jits")
    void randomProgramsEndIdenticallyOnBothEngines(String name, Engine jit) {
        int refused = 0;
        int faults = 0;
        int runs = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < PROGRAMS && failures.size() < 5; i++) {
            long seed = SEED + i;
            Instruction[] slots = RandomProgram.generate(seed);
            Program program;
            try {
                program = ProgramBuilder.of("fuzz" + seed, ProgramType.RAW, slots, FuzzHelpers.REGISTRY).build();
            } catch (InvalidProgramException e) {
                refused++;
                continue;
            }
            Executable reference = interpreter.prepare(program);
            Executable compiled = jit.prepare(program);
            Random inputs = new Random(seed * 31);
            for (int run = 0; run < RUNS_PER_PROGRAM; run++) {
                byte[] context = new byte[new int[] {0, 16, 33, 64, 64, 128}[inputs.nextInt(6)]];
                inputs.nextBytes(context);
                long budget = inputs.nextInt(4) == 0 ? inputs.nextInt(120) : Invocation.UNLIMITED;
                Outcome expected = run(reference, interpInv, context.clone(), budget);
                Outcome actual = run(compiled, jitInv, context.clone(), budget);
                runs++;
                if (expected.end().startsWith("fault")) {
                    faults++;
                    if (Boolean.getBoolean("binfmtbpf.fuzz.verbose")) {
                        System.out.println(expected.end());
                    }
                }
                if (!expected.equals(actual)) {
                    failures.add("program seed " + seed + " run " + run + " (budget " + budget + ", context "
                            + HexFormat.of().formatHex(context) + ")\n  interp: " + expected + "\n  jit:    " + actual
                            + "\n  slots: " + slotsHex(slots));
                    break;
                }
            }
        }
        System.out.printf(name + " differential fuzz: %d programs (%d refused), %d runs, %d faulted%n", PROGRAMS, refused, runs, faults);
        assertEquals(List.of(), failures, () -> String.join("\n", failures));
        assertTrue(refused < PROGRAMS / 20, "the validator refused " + refused + " generated programs; the generator is wrong");
        assertTrue(faults > runs / 20 && faults < runs * 9 / 10,
                "runs should both fault and finish: " + faults + " of " + runs + " faulted");
    }

    private static Outcome run(Executable e, Invocation inv, byte[] context, long budget) {
        PoisonedStack.fill(inv.stack);
        inv.begin(e, context);
        inv.budget = budget;
        String end;
        try {
            end = "r0 = 0x" + Long.toHexString(e.run(inv));
        } catch (BpfFault f) {
            end = "fault " + f.getMessage();
        }
        return new Outcome(end, PoisonedStack.hex(inv.stack), HexFormat.of().formatHex(context));
    }

    private static String slotsHex(Instruction[] slots) {
        StringBuilder b = new StringBuilder();
        for (long s : org.binfmtbpf.isa.InstructionCodec.encodeSlots(slots)) {
            b.append(String.format("%016x ", s));
        }
        return b.toString().trim();
    }
}
