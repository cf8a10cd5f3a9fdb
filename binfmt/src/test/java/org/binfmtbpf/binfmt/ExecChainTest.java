package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * exec's rewrites through binfmt_misc ({@link KernelExecChainTest} checks the same rules
 * against the kernel): each interpreter is offered to the entries again, with the argv so far.
 */
class ExecChainTest {
    /** Files by path: their first bytes. Every one of them can be exec'd unless listed in {@link #MISSING}. */
    private static final Map<String, String> FILES = Map.of(
            "/bin/wrapper", "WRAP", "/bin/native", "\u007fELF", "/bin/self.loop", "");
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
        assertNull(chain.refusal());
        assertEquals(List.of("first", "second"), chain.entries().stream().map(Entry::name).toList());
        assertEquals(List.of("/bin/native", "/bin/wrapper", "/bin/wrapper", "./prog", "x"), chain.last().argv());
    }

    @Test
    void aFileNoEntryClaimsIsLeftToTheOtherBinaryFormats() throws Exception {
        misc.register(":first:M::ABC::/bin/native:");
        ExecChain chain = exec("/p", "XYZ", List.of("p"));
        assertFalse(chain.recognised());
        assertEquals(List.of(), chain.hops());
        assertNull(chain.refusal());
    }

    @Test
    void theSixthRewriteIsELOOP() throws Exception {
        misc.register(":self:E::loop::/bin/self.loop:");
        ExecChain chain = exec("/x.loop", "", List.of("x"));
        assertEquals(Errno.ELOOP, chain.refusal().errno());
        assertEquals(ExecChain.MAX_REWRITES + 1, chain.hops().size());
    }

    @Test
    void aRewriteAfterAnOpenBinaryEntryIsENOEXEC() throws Exception {
        misc.register(":opens:M::ABC::/bin/wrapper:O");
        misc.register(":second:M::WRAP::/bin/native:");
        assertEquals(Errno.ENOEXEC, exec("/p", "ABC", List.of("p")).refusal().errno());
        misc.writeEntry("second", Latin1.bytes("0"));
        assertNull(exec("/p", "ABC", List.of("p")).refusal(), "O on the last rewrite is fine");
    }

    @Test
    void eachRewriteOpensItsInterpreterFirst() throws Exception {
        misc.register(":first:M::ABC::/bin/wrapper:O");
        misc.register(":second:M::WRAP::" + MISSING + ":");
        ExecChain chain = exec("/p", "ABC", List.of("p"));
        assertEquals(Errno.ENOENT, chain.refusal().errno(), "the open fails before the O rule is checked");
        assertEquals("second", chain.refusal().entry().name());
    }

    @Test
    void flagFRunsTheFileOpenedAtRegistrationEvenWhenItsPathIsGone() throws Exception {
        BinfmtMisc withF = BinfmtMisc.stockLinux(path -> null);
        withF.register(":held:M::ABC::/bin/deleted-since:F");
        ExecChain chain = ExecChain.follow(withF, ExecRequest.of("/p", List.of("p"), Latin1.bytes("ABC")), files, headers);
        assertNull(chain.refusal());
        assertEquals(List.of("/bin/deleted-since", "/p"), chain.last().argv());
    }
}
