package org.binfmtbpf.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.binfmtbpf.elf.Corpus;
import org.binfmtbpf.elf.ElfLoader;
import org.binfmtbpf.elf.LoadedObject;
import org.binfmtbpf.elf.LoadedProgram;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Interpreter;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus program the kernel can run (the {@code syscall} variants, and the socket
 * filters) returns the same value and leaves the same map contents in the kernel as in our
 * interpreter, run after run on real headers: this machine's executables and busybox for
 * seven foreign architectures. Maps carry over from run to run on both sides, so counters and
 * global data are compared as they accumulate.
 */
class CorpusKernelAgreementTest {
    private static final int LOCAL_FILES = 60;

    @BeforeAll
    static void kernel() {
        Assumptions.assumeTrue(KernelBpf.available(), () -> "kernel BPF unavailable: " + KernelBpf.unavailableReason());
    }

    /** (object, program) for every program whose type the kernel has. */
    static Stream<Arguments> kernelRunnable() {
        List<Arguments> out = new ArrayList<>();
        for (String object : Corpus.objects()) {
            for (LoadedProgram p : load(object).programs()) {
                if (p.program().type() == ProgramType.SYSCALL || p.program().type() == ProgramType.SOCKET_FILTER) {
                    out.add(Arguments.of(object, p.name()));
                }
            }
        }
        return out.stream();
    }

    private static LoadedObject load(String object) {
        return ElfLoader.load(Corpus.bytes(object), object, StandardHelpers.registry());
    }

    @ParameterizedTest(name = "{0} {1} on this machine''s executables")
    @MethodSource("kernelRunnable")
    void agreesOnLocalExecutables(String object, String program) throws IOException {
        agree(object, program, withSyntheticHeaders(RealHeaders.local(LOCAL_FILES)));
    }

    @ParameterizedTest(name = "{0} {1} on foreign busybox")
    @MethodSource("kernelRunnable")
    void agreesOnForeignBusybox(String object, String program) throws Exception {
        RealHeaders.Foreign foreign = RealHeaders.foreignBusybox();
        Assumptions.assumeTrue(!foreign.headers().isEmpty(), () -> "no foreign binaries: " + foreign.problems());
        agree(object, program, foreign.headers());
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

    private static void agree(String object, String name, List<RealHeaders.Header> headers) {
        Program program = load(object).program(name).program();
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
            Executable ours = new Interpreter().prepare(program);
            Invocation inv = Invocation.current();
            for (RealHeaders.Header h : headers) {
                KernelRunner.KernelRun k = kernel.run(h.bytes());
                inv.begin(program, h.bytes());
                long r0 = ours.run(inv);
                assertEquals(k.r0(), r0 & 0xffffffffL, () -> object + " " + name + " on " + h + ": r0");
                assertEquals(k.maps(), kernel.ourDumps(), () -> object + " " + name + " on " + h + ": maps");
            }
        }
    }
}
