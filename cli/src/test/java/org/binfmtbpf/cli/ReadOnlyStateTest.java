package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state directory the user cannot write (a read-only mount, a directory of another user):
 * commands that only read work; commands that would write are one line naming the directory.
 * The tests run as root, whom permission bits do not stop, so the directory is made immutable
 * (chattr +i), which stops root too and which access(2), hence Files.isWritable, reports.
 */
class ReadOnlyStateTest {
    @TempDir Path dir;
    Path state;
    Path file;

    @BeforeEach
    void aStateWithAProgramAMapAndEntries() throws Exception {
        state = dir.resolve("state");
        Path object = Resources.copy("/org/binfmtbpf/cli/shared_counter.bpf.o", dir.resolve("shared_counter.bpf.o"));
        ok("prog", "loadall", object.toString(), "/sys/fs/bpf/sc");
        ok("register", ":count:B:/sys/fs/bpf/sc/bump::::");
        ok("map", "update", "id", "1", "key", "0", "0", "0", "0", "value", "5", "0", "0", "0", "0", "0", "0", "0");
        file = executable("some-binary");
    }

    private Path executable(String name) throws IOException {
        Path f = Files.write(dir.resolve(name), new byte[64]);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    private void ok(String... args) {
        Cli.Result r = Cli.inState(state, args);
        assertEquals(0, r.exitCode(), r.toString());
    }

    /** Every file and directory of the state, as on a read-only mount. */
    private void immutable(boolean on) throws Exception {
        Process chattr = new ProcessBuilder("chattr", "-R", on ? "+i" : "-i", state.toString()).redirectErrorStream(true)
                .start();
        String said = new String(chattr.getInputStream().readAllBytes());
        boolean done = chattr.waitFor() == 0;
        if (on) {
            Assumptions.assumeTrue(done, "chattr -R +i " + state + " failed (" + said.strip() + "): no way to make the"
                    + " directory unwritable for root here");
            Assumptions.assumeFalse(Files.isWritable(state), "chattr +i did not make " + state + " unwritable");
        }
    }

    @AfterEach
    void writableAgain() throws Exception {
        immutable(false);
    }

    @Test
    void readingCommandsWorkOnAReadOnlyDirectory() throws Exception {
        ok("disable", "count"); // resolve then runs no program: nothing to save
        immutable(true);
        readingCommandsWork();
    }

    @Test
    void readingCommandsWorkWithoutALockFileTheyCannotCreate() throws Exception {
        ok("disable", "count");
        Files.delete(state.resolve("lock"));
        immutable(true);
        readingCommandsWork();
    }

    private void readingCommandsWork() {
        ok("status");
        ok("status", "--list");
        ok("status", "count");
        ok("prog", "show");
        ok("prog", "dump", "xlated", "name", "bump");
        ok("map", "show");
        assertEquals("key: 00 00 00 00  value: 05 00 00 00 00 00 00 00\nFound 1 element\n",
                Cli.inState(state, "map", "dump", "id", "1").out());
        ok("map", "lookup", "id", "1", "key", "0", "0", "0", "0");
        Cli.Result resolve = Cli.inState(state, "resolve", file.toString());
        assertEquals(ExitCodes.NO, resolve.exitCode(), resolve.toString());
        assertEquals("", resolve.err());
    }

    @Test
    void writingCommandsAreOneLineNamingTheDirectory() throws Exception {
        immutable(true);
        String refused = "state directory " + state + ": not writable (this command changes the state)\n";
        Cli.Result unpin = Cli.inState(state, "prog", "unpin", "/sys/fs/bpf/sc/peek");
        assertEquals(ExitCodes.ENVIRONMENT, unpin.exitCode(), unpin.toString());
        assertEquals("binfmt-bpf prog unpin: " + refused, unpin.err());
        Cli.Result update = Cli.inState(state, "map", "update", "id", "1", "key", "0", "0", "0", "0", "value", "6", "0",
                "0", "0", "0", "0", "0", "0");
        assertEquals("binfmt-bpf map update: " + refused, update.err());
        assertEquals("binfmt-bpf register: " + refused, Cli.inState(state, "register", ":e:E::e::/bin/sh:").err());
    }

    @Test
    void aProgramRunThatChangesAMapCannotBeKeptAndSaysSo() throws Exception {
        immutable(true);
        Cli.Result r = Cli.inState(state, "resolve", file.toString());
        assertEquals(ExitCodes.ENVIRONMENT, r.exitCode(), r.toString());
        assertEquals("binfmt-bpf resolve: state directory " + state + ": not writable; the maps the programs changed"
                + " cannot be kept\n", r.err());
        Cli.Result run = Cli.inState(state, "prog", "run", "name", "bump", "data_in", file.toString());
        assertEquals(r.err().replace("resolve", "prog run"), run.err());
    }
}
