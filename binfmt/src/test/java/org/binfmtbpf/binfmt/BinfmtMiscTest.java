package org.binfmtbpf.binfmt;

import org.binfmtbpf.linux.Errno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching and exec as load_misc_binary does them, for M and E entries. */
class BinfmtMiscTest {
    private final BinfmtMisc misc = BinfmtMisc.stockLinux(path -> null);

    private static byte[] file(String start) {
        return Latin1.bytes(start);
    }

    private Resolution resolve(String path, List<String> argv, byte[] header) {
        return assertInstanceOf(ExecOutcome.Resolved.class, misc.resolve(ExecRequest.of(path, argv, header))).resolution();
    }

    @Test
    void theNewestMatchingEntryWins() {
        misc.register(":old:M::AB::/old:");
        misc.register(":new:M::A::/new:");
        assertEquals("/new", resolve("/x", List.of("x"), file("ABC")).interpreter());
        misc.writeEntry("new", file("0"));
        assertEquals("/old", resolve("/x", List.of("x"), file("ABC")).interpreter());
    }

    @Test
    void aDisabledInstanceRecognisesNothing() {
        misc.register(":t:M::AB::/i:");
        misc.writeStatus(file("0\n"));
        assertInstanceOf(ExecOutcome.NotRecognised.class, misc.resolve(ExecRequest.of("/x", List.of("x"), file("AB"))));
        misc.writeStatus(file("1"));
        assertEquals("/i", resolve("/x", List.of("x"), file("AB")).interpreter());
    }

    @Test
    void magicComparesMaskedBytesAtTheOffset() {
        misc.register(":t:M:2:\\x10\\x20:\\xf0\\xff:/i:");
        assertEquals("/i", resolve("/x", List.of(), new byte[] {0, 0, 0x1f, 0x20}).interpreter());
        assertInstanceOf(ExecOutcome.NotRecognised.class,
                misc.resolve(ExecRequest.of("/x", List.of(), new byte[] {0, 0, 0x2f, 0x20})));
    }

    @Test
    void aShortFileReadsAsZerosAfterItsEnd() {
        misc.register(":t:M:4:\\x00\\x00::/i:");
        assertEquals("/i", resolve("/x", List.of(), file("ABCD")).interpreter());
    }

    @Test
    void extensionsAreTheTextAfterTheLastDotOfTheWholePath() {
        misc.register(":t:E::foo::/i:");
        assertEquals("/i", resolve("./x.foo", List.of(), new byte[0]).interpreter());
        assertEquals("/i", resolve("/dir.foo/x.foo", List.of(), new byte[0]).interpreter());
        for (String path : List.of("/dir.foo/x", "/x.foo.bar", "/xfoo", "/x.FOO", "/x.fooo")) {
            assertInstanceOf(ExecOutcome.NotRecognised.class, misc.resolve(ExecRequest.of(path, List.of(), new byte[0])), path);
        }
    }

    @Test
    void withoutPTheOriginalArgv0IsReplacedByThePath() {
        misc.register(":t:E::foo::/i:");
        assertEquals(List.of("/i", "./x.foo", "a", "b"), resolve("./x.foo", List.of("argv0", "a", "b"), new byte[0]).argv());
    }

    @Test
    void withPTheOriginalArgv0FollowsThePath() {
        misc.register(":t:E::foo::/i:P");
        assertEquals(List.of("/i", "./x.foo", "argv0", "a"), resolve("./x.foo", List.of("argv0", "a"), new byte[0]).argv());
    }

    @Test
    void anEmptyArgvGetsAnEmptyArgv0First() {
        misc.register(":t:E::foo::/i:P");
        assertEquals(List.of("/i", "/x.foo", ""), resolve("/x.foo", List.of(), new byte[0]).argv());
    }

    @Test
    void flagsOCAndFAreRecordedInTheResolution() {
        misc.register(":t:E::foo::/i:CF");
        Resolution r = resolve("/x.foo", List.of("x"), new byte[0]);
        assertTrue(r.openBinary() && r.credentials() && r.interpreterPreopened());
        misc.register(":u:E::bar::/i:");
        Resolution plain = resolve("/x.bar", List.of("x"), new byte[0]);
        assertFalse(plain.openBinary() || plain.credentials() || plain.interpreterPreopened());
    }

    @Test
    void aMatchOnAPathTheInterpreterCannotReopenIsEnoent() {
        misc.register(":t:M::AB::/i:");
        ExecOutcome.Refused refused = assertInstanceOf(ExecOutcome.Refused.class,
                misc.resolve(new ExecRequest("/dev/fd/3", List.of(), file("AB"), true)));
        assertEquals(Errno.ENOENT, refused.errno());
        assertInstanceOf(ExecOutcome.NotRecognised.class, misc.resolve(new ExecRequest("/dev/fd/3", List.of(), file("XY"), true)));
    }

    @Test
    void statusFilesReadAsTheKernelPrintsThem() {
        misc.register(":qemu-arm:M:0:\\x7fELF:\\xff\\xff\\xff\\xfe:/usr/bin/qemu-arm:OC");
        misc.register(":jar:E::jar::/usr/bin/java:");
        assertEquals("enabled\ninterpreter /usr/bin/qemu-arm\nflags: OC\noffset 0\nmagic 7f454c46\nmask fffffffe\n",
                misc.readEntry("qemu-arm"));
        misc.writeEntry("jar", file("0"));
        assertEquals("disabled\ninterpreter /usr/bin/java\nflags: \nextension .jar\n", misc.readEntry("jar"));
        assertEquals(List.of("jar", "qemu-arm"), misc.names());
    }

    @Test
    void minusOneRemovesAnEntryAndStatusMinusOneRemovesAll() {
        misc.register(":a:E::a::/i:");
        misc.register(":b:E::b::/i:");
        misc.writeEntry("a", file("-1"));
        assertEquals(List.of("b"), misc.names());
        assertEquals(Errno.ENOENT, assertThrows(RegistrationException.class, () -> misc.readEntry("a")).errno());
        misc.writeStatus(file("-1\n"));
        assertEquals(List.of(), misc.names());
        assertEquals("enabled\n", misc.readStatus());
    }

    @Test
    void registerAndStatusAreTheFilesystemsOwnFiles() {
        for (String name : List.of("register", "status")) {
            RegistrationException taken = assertThrows(RegistrationException.class,
                    () -> misc.register(":" + name + ":E::xx::/i:"));
            assertEquals(Errno.EEXIST, taken.errno(), name);
        }
        assertEquals(List.of(), misc.names());
        assertEquals(Errno.EINVAL, assertThrows(RegistrationException.class, () -> misc.readEntry("register")).errno());
        assertEquals("enabled\n", misc.readEntry("status"));
    }
}
