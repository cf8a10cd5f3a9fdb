package org.binfmtbpf.binfmt;

import org.binfmtbpf.linux.Errno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * exec's rewrites through binfmt_misc and #! lines ({@link KernelExecChainTest} checks the same
 * rules against the kernel): each interpreter is offered to the entries again, with the argv so far.
 */
class ExecChainTest {
    /** Files by path: their first bytes. Every one of them can be exec'd unless listed in {@link #MISSING}. */
    private static final Map<String, String> FILES = Map.of(
            "/bin/wrapper", "WRAP", "/bin/native", "\u007fELF", "/bin/self.loop", "",
            "/bin/wrap.sh", "#! /bin/native -a  b \t\n", "/bin/blank.sh", "#!  \n");
    private static final String MISSING = "/bin/missing";

    private final BinfmtMisc misc = BinfmtMisc.stockLinux(path -> null);
    private final ExecutableFiles files = path -> path.equals(MISSING) ? Errno.ENOENT : null;
    private final BinaryHeaders headers = (path, argv) -> {
        String start = FILES.get(path);
        if (start == null) {
            throw new NoSuchFileException(path);
        }
        return ExecRequest.of(path, argv, Latin1.bytes(start));
    };

    private ExecChain exec(String path, String fileStart, List<String> argv) throws Exception {
        return ExecChain.follow(misc, ExecRequest.of(path, argv, Latin1.bytes(fileStart)), files, headers);
    }

    @Test
    void anInterpreterClaimedByAnotherEntryIsRewrittenAgainWithTheArgvSoFar() throws Exception {
        misc.register(":first:M::ABC::/bin/wrapper:");
        misc.register(":second:M::WRAP::/bin/native:P");
        ExecChain chain = exec("./prog", "ABC", List.of("prog", "x"));
        assertNull(chain.errno());
        assertEquals(List.of("first", "second"), chain.entries().stream().map(Entry::name).toList());
        assertEquals(List.of("/bin/native", "/bin/wrapper", "/bin/wrapper", "./prog", "x"), chain.argv());
    }

    @Test
    void aFileNoEntryClaimsIsLeftToTheOtherBinaryFormats() throws Exception {
        misc.register(":first:M::ABC::/bin/native:");
        ExecChain chain = exec("/p", "XYZ", List.of("p"));
        assertFalse(chain.recognised());
        assertEquals(List.of(), chain.interpreters());
        assertNull(chain.errno());
    }

    @Test
    void theSixthRewriteIsELOOP() throws Exception {
        misc.register(":self:E::loop::/bin/self.loop:");
        ExecChain chain = exec("/x.loop", "", List.of("x"));
        assertEquals(Errno.ELOOP, chain.errno());
        assertEquals(ExecChain.MAX_REWRITES + 1, chain.interpreters().size());
    }

    @Test
    void aRewriteAfterAnOpenBinaryEntryIsENOEXEC() throws Exception {
        misc.register(":opens:M::ABC::/bin/wrapper:O");
        misc.register(":second:M::WRAP::/bin/native:");
        assertEquals(Errno.ENOEXEC, exec("/p", "ABC", List.of("p")).errno());
        misc.writeEntry("second", Latin1.bytes("0"));
        assertNull(exec("/p", "ABC", List.of("p")).errno(), "O on the last rewrite is fine");
    }

    @Test
    void eachRewriteOpensItsInterpreterFirst() throws Exception {
        misc.register(":first:M::ABC::/bin/wrapper:O");
        misc.register(":second:M::WRAP::" + MISSING + ":");
        ExecChain chain = exec("/p", "ABC", List.of("p"));
        assertEquals(Errno.ENOENT, chain.errno(), "the open fails before the O rule is checked");
        assertEquals(List.of("first", "second"), chain.entries().stream().map(Entry::name).toList());
    }

    @Test
    void flagFRunsTheFileOpenedAtRegistrationEvenWhenItsPathIsGone() throws Exception {
        BinfmtMisc withF = BinfmtMisc.stockLinux(path -> null);
        withF.register(":held:M::ABC::/bin/deleted-since:F");
        ExecChain chain = ExecChain.follow(withF, ExecRequest.of("/p", List.of("p"), Latin1.bytes("ABC")), files, headers);
        assertNull(chain.errno());
        assertEquals(List.of("/bin/deleted-since", "/p"), chain.argv());
    }

    @Test
    void aScriptInterpreterIsRewrittenByItsHashBangLine() throws Exception {
        misc.register(":first:M::ABC::/bin/wrap.sh:");
        ExecChain chain = exec("/p", "ABC", List.of("p", "x"));
        assertEquals(List.of("/bin/wrap.sh", "/bin/native"), chain.interpreters());
        assertEquals(List.of("/bin/native", "-a  b", "/bin/wrap.sh", "/p", "x"), chain.argv(),
                "one argument: the rest of the line, trailing blanks cut");
    }

    @Test
    void aScriptsInterpreterIsOfferedToTheEntries() throws Exception {
        misc.register(":wrapped:M::WRAP::/bin/native:P");
        ExecChain chain = exec("/s", "#!/bin/wrapper\n", List.of("s", "x"));
        assertEquals(List.of("wrapped"), chain.entries().stream().map(Entry::name).toList());
        assertEquals(List.of("/bin/native", "/bin/wrapper", "/bin/wrapper", "/s", "x"), chain.argv());
    }

    @Test
    void aHashBangLineWithoutInterpreterIsENOEXEC() throws Exception {
        misc.register(":first:M::ABC::/bin/blank.sh:");
        assertEquals(Errno.ENOEXEC, exec("/p", "ABC", List.of("p")).errno());
    }

    @Test
    void aScriptAfterAnOpenBinaryEntryIsENOEXEC() throws Exception {
        misc.register(":first:M::ABC::/bin/wrap.sh:O");
        assertEquals(Errno.ENOEXEC, exec("/p", "ABC", List.of("p")).errno());
    }
}
