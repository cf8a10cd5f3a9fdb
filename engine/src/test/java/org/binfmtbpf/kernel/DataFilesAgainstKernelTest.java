package org.binfmtbpf.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.binfmtbpf.conformance.ConformanceHelpers;
import org.binfmtbpf.conformance.DataFile;
import org.binfmtbpf.conformance.DataFileParser;
import org.binfmtbpf.conformance.DataFileRunner;
import org.binfmtbpf.fuzz.PoisonedStack;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Interpreter;
import org.binfmtbpf.run.Invocation;
import org.binfmtbpf.testkit.DataFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The interpreter against the real kernel on every .data program with an expected result
 * that the kernel's verifier accepts, and every program expected to fault here must not run
 * in the kernel either: programs with packet loads (or of type socket) run as
 * socket filters on the memory as packet, the others as syscall programs on the memory as
 * context. Programs that call helpers are left out (the suite's helper 5 is ktime_get_ns
 * there). The kernel reports the low 32 bits of r0; a twin of each program that returns the
 * high 32 bits ({@link HighHalfOfR0}) gives the rest, so all 64 bits must be equal.
 */
class DataFilesAgainstKernelTest {

    @BeforeAll
    static void kernel() {
        Assumptions.assumeTrue(KernelBpf.available(), () -> "kernel BPF unavailable: " + KernelBpf.unavailableReason());
    }

    @Test
    void projectDataFilesAgreeWithTheKernel() throws IOException {
        compare("project .data", DataFiles.project());
    }

    @Test
    void conformanceSuiteAgreesWithTheKernel() throws IOException {
        Optional<Path> dir = DataFiles.conformanceSuite();
        Assumptions.assumeTrue(dir.isPresent(), "the bpf_conformance suite is absent (binfmtbpf.shared or BPF_CONFORMANCE_DIR)");
        compare("bpf_conformance", DataFiles.list(dir.get()));
    }

    private static void compare(String suite, List<Path> files) throws IOException {
        int compared = 0;
        Map<String, List<String>> refusedBecause = new TreeMap<>();
        int skipped = 0;
        int faults = 0;
        List<String> unwrittenStack = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        List<String> kernelRan = new ArrayList<>();
        for (Path path : files) {
            DataFile file = DataFileParser.parse(path);
            Program ours;
            try {
                ours = DataFileRunner.load(file);
            } catch (RuntimeException refusedAtLoad) {
                skipped++; // malformed on purpose: the kernel's loader refuses these too, nothing to run
                continue;
            }
            if (callsHelpers(ours)) {
                skipped++;
                continue;
            }
            if (file.expectsError()) {
                faults++;
                kernelRefuses(file, ours, kernelRan);
                continue;
            }
            long r0 = run(ours, file.context(), false);
            if (r0 != run(ours, file.context(), true)) {
                unwrittenStack.add(file.name()); // the kernel leaves such bytes unspecified: nothing to compare
                continue;
            }
            boolean packet = usesPacketLoads(ours) || file.type() == ProgramType.SOCKET_FILTER;
            Program kernelView = ProgramBuilder.of(file.name(), packet ? ProgramType.SOCKET_FILTER : ProgramType.SYSCALL,
                    ours.instructions(), ConformanceHelpers.registry()).build();
            long kernelR0;
            try {
                kernelR0 = KernelRunner.runOnce(kernelView, context(file, packet)).r0();
            } catch (KernelBpfException refusedByVerifier) {
                refusedBecause.computeIfAbsent(reason(refusedByVerifier), r -> new ArrayList<>()).add(file.name());
                continue;
            }
            compared++;
            long kernelHigh;
            try {
                Program highHalf = ProgramBuilder.of(file.name(), kernelView.type(), HighHalfOfR0.of(ours.instructions()),
                        ConformanceHelpers.registry()).build();
                kernelHigh = KernelRunner.runOnce(highHalf, context(file, packet)).r0();
            } catch (KernelBpfException twinRefused) {
                disagreements.add(file.name() + ": the kernel ran the program but refused its twin returning r0's high half: "
                        + twinRefused.getMessage());
                continue;
            }
            long kernelR0Full = kernelHigh << 32 | kernelR0;
            if (r0 != kernelR0Full) {
                disagreements.add(file.name() + ": interp r0 = 0x" + Long.toHexString(r0) + ", kernel r0 = 0x" + Long.toHexString(kernelR0Full));
            }
        }
        System.out.printf("%s against the kernel: %d compared, %d refused by the verifier, %d faulting programs all refused"
                + " or failed there too, %d calling helpers or malformed left out, %d reading stack they never wrote"
                + " (unspecified in the kernel: %s); %d disagree%n",
                suite, compared, refusedBecause.values().stream().mapToInt(List::size).sum(), faults - kernelRan.size(), skipped,
                unwrittenStack.size(), unwrittenStack, disagreements.size() + kernelRan.size());
        refusedBecause.forEach((reason, names) -> System.out.printf("  refused by the kernel, %s: %s%n", reason, names));
        assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
        assertTrue(kernelRan.isEmpty(), "programs that fault here but ran in the kernel:\n" + String.join("\n", kernelRan));
        assertTrue(compared > 0, "the kernel accepted none of the programs");
    }

    /**
     * r0 of the interpreter, on the stack {@code begin} zeroed or on a poisoned one
     * ({@link PoisonedStack}): a program whose result differs reads stack it never wrote, which
     * our engines zero and the kernel leaves as an earlier run left it (a privileged loader may
     * read it: allow_uninit_stack).
     */
    private static long run(Program program, byte[] context, boolean poisoned) {
        Invocation inv = new Invocation();
        inv.begin(program, context);
        if (poisoned) {
            PoisonedStack.fill(inv.stack);
        }
        return new Interpreter().prepare(program).run(inv);
    }

    /** A program that faults at run time here must not run to completion in the kernel either (its verifier refuses it). */
    private static void kernelRefuses(DataFile file, Program ours, List<String> kernelRan) {
        boolean packet = usesPacketLoads(ours) || file.type() == ProgramType.SOCKET_FILTER;
        Program kernelView = ProgramBuilder.of(file.name(), packet ? ProgramType.SOCKET_FILTER : ProgramType.SYSCALL,
                ours.instructions(), ConformanceHelpers.registry()).build();
        try {
            long r0 = KernelRunner.runOnce(kernelView, context(file, packet)).r0();
            kernelRan.add(file.name() + ": kernel r0 = 0x" + Long.toHexString(r0));
        } catch (KernelBpfException expected) {
            // refused by the verifier or by the test run, as it should be
        }
    }

    /** Why the kernel's verifier refused: the log's last line before its instruction count. */
    private static String reason(KernelBpfException refused) {
        String log = refused.verifierLog() == null ? "" : refused.verifierLog().strip();
        List<String> lines = log.lines().filter(l -> !l.isBlank() && !l.startsWith("processed ")).toList();
        return lines.isEmpty() ? refused.getMessage().strip() : lines.get(lines.size() - 1).strip();
    }

    /** The file's memory; the kernel refuses a syscall test run without context bytes, so an empty one becomes 8 unread bytes. */
    private static byte[] context(DataFile file, boolean packet) {
        return file.context().length == 0 && !packet ? new byte[8] : file.context();
    }

    private static boolean callsHelpers(Program p) {
        for (int pc = 0; pc < p.length(); pc++) {
            Instruction insn = p.insn(pc);
            boolean call = Opcodes.aluOp(insn.opcode()) == Opcodes.JMP_CALL && Opcodes.cls(insn.opcode()) == Opcodes.CLASS_JMP;
            if (call && (insn.src() != Opcodes.CALL_LOCAL || insn.opcode() != (Opcodes.CLASS_JMP | Opcodes.JMP_CALL))) {
                return true;
            }
        }
        return false;
    }

    private static boolean usesPacketLoads(Program p) {
        for (int pc = 0; pc < p.length(); pc++) {
            int opcode = p.insn(pc).opcode();
            int mode = Opcodes.mode(opcode);
            if (Opcodes.cls(opcode) == Opcodes.CLASS_LD && (mode == Opcodes.MODE_ABS || mode == Opcodes.MODE_IND)) {
                return true;
            }
        }
        return false;
    }
}
