package org.binfmtbpf.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.binfmtbpf.elf.Corpus;
import org.binfmtbpf.elf.LoadedObject;
import org.binfmtbpf.elf.LoadedProgram;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.kernel.KernelBpf;
import org.binfmtbpf.kernel.KernelBpfException;
import org.binfmtbpf.kernel.KernelRunner;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus program the kernel can run (the {@code syscall} variants, and the socket
 * filters) returns the same value and leaves the same map contents in the kernel as on each
 * of our engines ({@link Engines#all()}: the interpreter here, the JIT in the jit module), run after run on real headers: this machine's executables and busybox for
 * seven foreign architectures. Maps carry over from run to run on both sides, so counters and
 * global data are compared as they accumulate.
 */
class KernelCorpusAgreementTests {
    private static final int LOCAL_FILES = 60;

    @BeforeAll
    static void kernel() {
        Assumptions.assumeTrue(KernelBpf.available(), () -> "kernel BPF unavailable: " + KernelBpf.unavailableReason());
    }

    /** (engine, object, program) for every program whose type the kernel has, on every engine. */
    static Stream<Arguments> kernelRunnable() {
        List<Arguments> out = new ArrayList<>();
        for (Engine engine : Engines.all()) {
            for (String object : Corpus.objects()) {
                for (LoadedProgram p : load(object).programs()) {
                    if (p.program().type() == ProgramType.SYSCALL || p.program().type() == ProgramType.SOCKET_FILTER) {
                        out.add(Arguments.of(engine, object, p.name()));
                    }
                }
            }
        }
        return out.stream();
    }

    /** With {@link Corpus#helpers()}: the standard helpers plus a declared-only bpf_loop. */
    private static LoadedObject load(String object) {
        return Corpus.load(object);
    }

    /** True when the program calls a helper that {@link StandardHelpers} does not implement. */
    private static boolean callsUnimplementedHelper(Program p) {
        for (int pc = 0; pc < p.length(); pc++) {
            Instruction insn = p.insn(pc);
            if (insn.opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_CALL) && insn.src() == Opcodes.CALL_HELPER
                    && StandardHelpers.registry().get(insn.imm()) == null) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}: {1} {2} on this machine''s executables")
    @MethodSource("kernelRunnable")
    void agreesOnLocalExecutables(Engine engine, String object, String program) throws IOException {
        agree(engine, object, program, withSyntheticHeaders(RealHeaders.local(LOCAL_FILES)));
    }

    @ParameterizedTest(name = "{0}: {1} {2} on foreign busybox")
    @MethodSource("kernelRunnable")
    void agreesOnForeignBusybox(Engine engine, String object, String program) throws Exception {
        RealHeaders.Foreign foreign = RealHeaders.foreignBusybox();
        Assumptions.assumeTrue(!foreign.headers().isEmpty(), () -> "no foreign binaries: " + foreign.problems());
        agree(engine, object, program, foreign.headers());
    }

    @Test
    void everyForeignArchitectureWasFetched() throws Exception {
        RealHeaders.Foreign foreign = RealHeaders.foreignBusybox();
        Assumptions.assumeTrue(!foreign.headers().isEmpty(), () -> "apt cannot fetch from Debian here: " + foreign.problems());
        assertEquals(List.of(), foreign.problems());
        assertEquals(RealHeaders.FOREIGN_ARCHES.size(), foreign.headers().size());
    }

    private static List<RealHeaders.Header> withSyntheticHeaders(List<RealHeaders.Header> real) {
        List<RealHeaders.Header> all = new ArrayList<>(real);
        all.add(new RealHeaders.Header("zeros", new byte[256]));
        byte[] ones = new byte[256];
        java.util.Arrays.fill(ones, (byte) 0xff);
        all.add(new RealHeaders.Header("0xff bytes", ones));
        return all;
    }

    private static void agree(Engine engine, String object, String name, List<RealHeaders.Header> headers) {
        Program program = load(object).program(name).program();
        Assumptions.assumeFalse(callsUnimplementedHelper(program),
                () -> object + " " + name + " calls a helper our engines do not implement (bpf_loop, 181)");
        KernelRunner kernel;
        try {
            kernel = KernelRunner.load(program);
        } catch (KernelBpfException refused) {
            // Reported, not passed: the kernel refuses this program, so there is nothing to compare.
            Assumptions.abort("the kernel refuses " + object + " " + name + ": "
                    + refused.getMessage().lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("processed ")).reduce((a, b) -> b).orElse(""));
            return;
        }
        try (kernel) {
            Executable ours = engine.prepare(program);
            Invocation inv = Invocation.current();
            for (RealHeaders.Header h : headers) {
                KernelRunner.KernelRun k = kernel.run(h.bytes());
                inv.begin(program, h.bytes());
                long r0 = ours.run(inv);
                assertEquals(k.r0(), r0 & 0xffffffffL, () -> engine.name() + ": " + object + " " + name + " on " + h + ": r0");
                assertEquals(k.maps(), kernel.ourDumps(), () -> engine.name() + ": " + object + " " + name + " on " + h + ": maps");
            }
        }
    }
}
