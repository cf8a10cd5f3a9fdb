package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that print nothing on success print the JSON document {@code null} under -j, as
 * bpftool does (bpftool 7.1 here: {@code bpftool -j map update ...}, {@code map delete},
 * {@code prog load}, {@code prog loadall} and {@code map pin} each print "null"), so that a
 * script always has one document to parse.
 */
class JsonAcknowledgeTest {
    @TempDir Path dir;
    Path state;
    Path object;

    @BeforeEach
    void state() throws Exception {
        state = dir.resolve("state");
        object = Resources.machinesObject(dir);
    }

    private void prints(String expected, String... args) {
        Cli.Result r = Cli.inState(state, args);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(expected, r.out(), r.toString());
    }

    @Test
    void eachSilentCommandPrintsNullUnderJson() {
        prints("null\n", "-j", "prog", "load", object.toString(), "/sys/fs/bpf/m");
        prints("null\n", "prog", "loadall", object.toString(), "/sys/fs/bpf/all", "--json");
        prints("null\n", "map", "update", "id", "1", "key", "1", "0", "0", "0", "value", "1", "0", "0", "0", "0", "0",
                "0", "0", "-j");
        prints("null\n", "map", "delete", "id", "1", "key", "1", "0", "0", "0", "-p");
        prints("null\n", "prog", "unpin", "/sys/fs/bpf/all/count_machines", "-j");
    }

    @Test
    void withoutJsonTheyStaySilent() {
        prints("", "prog", "load", object.toString(), "/sys/fs/bpf/m");
        prints("", "map", "update", "id", "1", "key", "1", "0", "0", "0", "value", "1", "0", "0", "0", "0", "0", "0", "0");
        prints("", "map", "delete", "id", "1", "key", "1", "0", "0", "0");
        prints("", "prog", "unpin", "/sys/fs/bpf/m");
    }

    @Test
    void theGlobalFlagBeforeTheVerbCounts() {
        Cli.Result r = Cli.run("-j", "--state", state.toString(), "prog", "load", object.toString(), "/sys/fs/bpf/m");
        assertEquals("null\n", r.out(), r.toString());
    }
}
