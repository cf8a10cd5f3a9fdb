package org.binfmtbpf.binfmt;

import org.binfmtbpf.linux.Errno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.isa.InvalidProgramException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 'B' entries as the RFC defines them: the program decides on the header and chooses the
 * interpreter. Runs once per engine ({@link BpfEntryOnInterpTest}, {@link BpfEntryOnJitTest}).
 */
abstract class BpfEntryContract {
    /** The engine the programs run on. */
    abstract String engine();

    private final PinStore pins = new PinStore();
    private final List<String> faults = new ArrayList<>();
    private final BinfmtMisc misc = new BinfmtMisc(pins, path -> null, (entry, fault) -> faults.add(entry.name() + ": " + fault.reason()));
    private ProgramLoader loader;

    @BeforeEach
    void needsTheEngine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Engines.available().stream().anyMatch(e -> e.name().equals(engine())),
                () -> "engine " + engine() + " is not on the class path");
        loader = new ProgramLoader(() -> Engines.named(engine()));
    }

    private void pin(String path, RawProgramSource source) {
        pins.pin(path, loader.load(source));
    }

    /** Selects headers starting with "AB" and chooses {@code interpreter}. */
    private static RawProgramSource selectAB(String interpreter) {
        return TestPrograms.socket("ab", """
                ldxb %r2, [%r1+0]
                jne %r2, 0x41, nomatch
                ldxb %r2, [%r1+1]
                jne %r2, 0x42, nomatch
                """ + TestPrograms.stackString(interpreter) + """
                call 212
                mov %r0, 1
                exit
                nomatch:
                mov %r0, 0
                exit
                """);
    }

    private ExecOutcome resolve(String header, List<String> argv) {
        return misc.resolve(ExecRequest.of("/bin/prog", argv, Latin1.bytes(header)));
    }

    @Test
    void theProgramChoosesTheInterpreterAndPBuildsTheArgv() {
        pin("/sys/fs/bpf/ab", selectAB("/usr/bin/qemu-ab"));
        misc.register(":ab:B:/sys/fs/bpf/ab::::P");
        Resolution r = assertInstanceOf(ExecOutcome.Resolved.class, resolve("ABC", List.of("prog", "x"))).resolution();
        assertEquals("/usr/bin/qemu-ab", r.interpreter());
        assertEquals(List.of("/usr/bin/qemu-ab", "/bin/prog", "prog", "x"), r.argv());
        assertEquals(false, r.interpreterPreopened());
    }

    @Test
    void aReturnOtherThanOneFallsThroughToOlderEntries() {
        misc.register(":m:M::XY::/usr/bin/m:");
        pin("/sys/fs/bpf/ab", selectAB("/usr/bin/qemu-ab"));
        misc.register(":ab:B:/sys/fs/bpf/ab::::");
        assertEquals("/usr/bin/m", ((ExecOutcome.Resolved) resolve("XY", List.of("p"))).resolution().interpreter());
    }

    @Test
    void onlyTheLow32BitsOfR0Count() {
        pin("/sys/fs/bpf/wide", TestPrograms.socket("wide", TestPrograms.stackString("/i") + """
                call 212
                lddw %r0, 0x100000001
                exit
                """));
        misc.register(":wide:B:/sys/fs/bpf/wide::::");
        assertEquals("/i", ((ExecOutcome.Resolved) resolve("", List.of("p"))).resolution().interpreter());
    }

    @Test
    void selectingWithoutChoosingIsEnoexecAndStopsTheSearch() {
        misc.register(":m:M::AB::/usr/bin/m:");
        pin("/sys/fs/bpf/yes", TestPrograms.socket("yes", "mov %r0, 1\nexit"));
        misc.register(":yes:B:/sys/fs/bpf/yes::::");
        ExecOutcome.Refused refused = assertInstanceOf(ExecOutcome.Refused.class, resolve("AB", List.of("p")));
        assertEquals(Errno.ENOEXEC, refused.errno());
        assertEquals("yes", refused.entry().name());
    }

    @Test
    void aChoiceMadeByARunThatReturnsZeroIsForgotten() {
        pin("/sys/fs/bpf/no", TestPrograms.socket("no", TestPrograms.stackString("/i") + "call 212\nmov %r0, 0\nexit"));
        pin("/sys/fs/bpf/yes", TestPrograms.socket("yes", "mov %r0, 1\nexit"));
        misc.register(":yes:B:/sys/fs/bpf/yes::::");
        misc.register(":no:B:/sys/fs/bpf/no::::");
        assertEquals(Errno.ENOEXEC, assertInstanceOf(ExecOutcome.Refused.class, resolve("", List.of())).errno());
    }

    @Test
    void theChosenPathEndsAtANulByte() {
        pin("/sys/fs/bpf/nul", TestPrograms.socket("nul", TestPrograms.stackString("/bin/x\0junk") + "call 212\nmov %r0, 1\nexit"));
        misc.register(":nul:B:/sys/fs/bpf/nul::::");
        assertEquals("/bin/x", ((ExecOutcome.Resolved) resolve("", List.of("p"))).resolution().interpreter());
        misc.writeEntry("nul", Latin1.bytes("-1"));
        pin("/sys/fs/bpf/lead", TestPrograms.socket("lead", TestPrograms.stackString("\0/bin/x") + "call 212\nmov %r0, 1\nexit"));
        misc.register(":lead:B:/sys/fs/bpf/lead::::");
        assertEquals(Errno.ENOEXEC, assertInstanceOf(ExecOutcome.Refused.class, resolve("", List.of())).errno());
    }

    @Test
    void aFaultingProgramIsNoMatchAndIsReported() {
        misc.register(":m:M::AB::/usr/bin/m:");
        // The verifier refuses this read past the header, so it can only run unverified.
        pins.pin("/sys/fs/bpf/bad", loader.withoutVerifier().load(TestPrograms.socket("bad", "ldxdw %r0, [%r1+300]\nexit")));
        misc.register(":bad:B:/sys/fs/bpf/bad::::");
        assertEquals("/usr/bin/m", ((ExecOutcome.Resolved) resolve("AB", List.of("p"))).resolution().interpreter());
        assertEquals(1, faults.size());
        assertTrue(faults.get(0).startsWith("bad: "), faults.get(0));
    }

    @Test
    void theStatusFileShowsTheProgramPath() {
        pin("/sys/fs/bpf/qemu", selectAB("/i"));
        misc.register(":qemu-bpf:B:/sys/fs/bpf/qemu::::P");
        assertEquals("enabled\ninterpreter \nflags: P\nbpf /sys/fs/bpf/qemu\n", misc.readEntry("qemu-bpf"));
    }

    @Test
    void flagFOpensTheEmptyInterpreterAndFails() {
        // The RFC keeps bm_register_write's open_exec(e->interpreter) for F: "" is ENOENT.
        BinfmtMisc host = new BinfmtMisc(pins, ExecutableFiles.HOST, FaultListener.LOG);
        pin("/sys/fs/bpf/qemu", selectAB("/i"));
        assertEquals(Errno.ENOENT, assertThrows(RegistrationException.class,
                () -> host.register(":q:B:/sys/fs/bpf/qemu::::F")).errno());
    }

    @Test
    void unpinningDoesNotDisturbARegisteredEntry() {
        pin("/sys/fs/bpf/ab", selectAB("/usr/bin/qemu-ab"));
        misc.register(":ab:B:/sys/fs/bpf/ab::::");
        pins.unpin("/sys/fs/bpf/ab");
        assertEquals("/usr/bin/qemu-ab", ((ExecOutcome.Resolved) resolve("AB", List.of("p"))).resolution().interpreter());
    }

    @Test
    void binfmtProgramsCanComputeTheInterpreterFromTheBinarysPath() {
        // interpreter = "<path of the binary>.run": read the path (at most 59 bytes), put ".run" over its NUL.
        pin("/sys/fs/bpf/origin", TestPrograms.binfmt("origin", """
                mov %r1, %r10
                add %r1, -512
                mov %r2, 64
                mov %r3, 0
                call 1000
                jslt %r0, 1, fail
                jgt %r0, 60, fail
                mov %r6, %r0
                sub %r6, 1
                mov %r1, %r10
                add %r1, -512
                add %r1, %r6
                stb [%r1+0], 0x2e
                stb [%r1+1], 0x72
                stb [%r1+2], 0x75
                stb [%r1+3], 0x6e
                mov %r1, %r10
                add %r1, -512
                mov %r2, %r6
                add %r2, 4
                call 212
                mov %r0, 1
                exit
                fail:
                mov %r0, 0
                exit
                """));
        misc.register(":origin:B:/sys/fs/bpf/origin::::");
        ExecOutcome outcome = misc.resolve(ExecRequest.of("/opt/app/bin/tool", List.of("tool"), new byte[0]));
        assertEquals("/opt/app/bin/tool.run", ((ExecOutcome.Resolved) outcome).resolution().interpreter());
    }

    @Test
    void socketFilterProgramsCannotCallThePathHelper() {
        assertThrows(InvalidProgramException.class, () -> loader.load(TestPrograms.socket("p", "call 1000\nexit")));
    }

    @Test
    void theVerifierRefusesAProgramAtLoadWithEacces() {
        RegistrationException e = assertThrows(RegistrationException.class,
                () -> loader.load(TestPrograms.socket("bad", "ldxdw %r0, [%r1+300]\nexit")));
        assertEquals(Errno.EACCES, e.errno());
        assertTrue(e.getMessage().contains("bad refused by the verifier"), e.getMessage());
    }
}
