package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consecutive and concurrent users of one state directory see one system. */
class StateDirectoryTest {
    @TempDir
    Path dir;

    private StateSession open() {
        return StateDirectory.at(dir).open(new ProgramLoader(Engines::preferred), path -> null, FaultListener.LOG);
    }

    @Test
    void whatOneSessionCommitsTheNextSees() {
        try (StateSession s = open()) {
            s.pins().pin("/sys/fs/bpf/p", s.loader().load(TestPrograms.socket("p", "mov %r0, 0\nexit")));
            s.binfmt().register(":m:M:4:\\x00\\xff:\\x0f\\xf0:/usr/bin/m:POC");
            s.binfmt().register(":e:E::jar::/usr/bin/java:");
            s.binfmt().register(":b:B:/sys/fs/bpf/p::::P");
            s.binfmt().writeEntry("e", Latin1.bytes("0"));
            s.binfmt().writeStatus(Latin1.bytes("0"));
            s.commit();
        }
        try (StateSession s = open()) {
            BinfmtMisc misc = s.binfmt();
            assertEquals(List.of("b", "e", "m"), misc.names());
            assertEquals("disabled\n", misc.readStatus());
            assertEquals("disabled\ninterpreter /usr/bin/java\nflags: \nextension .jar\n", misc.readEntry("e"));
            assertEquals("enabled\ninterpreter /usr/bin/m\nflags: POC\noffset 4\nmagic 00ff\nmask 0ff0\n", misc.readEntry("m"));
            assertEquals("enabled\ninterpreter \nflags: P\nbpf /sys/fs/bpf/p\n", misc.readEntry("b"));
            assertEquals(List.of("/sys/fs/bpf/p"), List.copyOf(s.pins().pins().keySet()));
        }
    }

    @Test
    void aReadOnlySessionSeesTheCommittedSystemAndCannotCommit() {
        try (StateSession s = open()) {
            s.binfmt().register(":e:E::jar::/usr/bin/java:");
            s.commit();
        }
        try (StateSession s = StateDirectory.at(dir).openReadOnly(new ProgramLoader(Engines::preferred), path -> null,
                FaultListener.LOG)) {
            assertEquals(List.of("e"), s.binfmt().names());
            assertFalse(s.writable());
            assertThrows(IllegalStateException.class, s::commit);
        }
    }

    @Test
    void aReadOnlySessionOfAMissingDirectoryIsAnEmptySystemAndCreatesNothing() {
        Path missing = dir.resolve("missing");
        try (StateSession s = StateDirectory.at(missing).openReadOnly(new ProgramLoader(Engines::preferred),
                path -> null, FaultListener.LOG)) {
            assertEquals(List.of(), s.binfmt().names());
            assertTrue(s.pins().pins().isEmpty());
        }
        assertFalse(Files.exists(missing));
    }

    @Test
    void aBEntryKeepsItsProgramWhenThePathIsRepinned() throws Exception {
        try (StateSession s = open()) {
            s.pins().pin("/sys/fs/bpf/p", s.loader().load(TestPrograms.socket("first", "mov %r0, 0\nexit")));
            s.binfmt().register(":b:B:/sys/fs/bpf/p::::");
            s.pins().unpin("/sys/fs/bpf/p");
            s.pins().pin("/sys/fs/bpf/p", s.loader().load(TestPrograms.socket("second", "mov %r0, 1\nexit")));
            s.commit();
        }
        try (StateSession s = open()) {
            BpfEntry b = (BpfEntry) s.binfmt().table().find("b").orElseThrow().entry();
            assertEquals("first", b.program().source().name());
            assertEquals("second", s.pins().programAt("/sys/fs/bpf/p").source().name());
            s.pins().unpin("/sys/fs/bpf/p");
            s.binfmt().writeEntry("b", Latin1.bytes("-1"));
            s.commit();
        }
        try (var objects = Files.list(dir.resolve("objects"))) {
            assertEquals(0, objects.count(), "programs nothing uses are removed");
        }
    }

    @Test
    void sessionsOnManyThreadsAreSerialised() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    try (StateSession s = open()) {
                        s.binfmt().register(":t" + thread + "-" + i + ":E::x" + i + "::/bin/sh:");
                        s.commit();
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        try (StateSession s = open()) {
            assertEquals(40, s.binfmt().names().size());
        }
    }

    @Test
    void processesAreSerialisedByTheFileLock() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            children.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    StateWriterMain.class.getName(), dir.toString(), "p" + p, "15").inheritIO().start());
        }
        for (Process c : children) {
            assertTrue(c.waitFor(120, TimeUnit.SECONDS) && c.exitValue() == 0, "child failed");
        }
        try (StateSession s = open()) {
            assertEquals(30, s.binfmt().names().size());
        }
    }

    @Test
    void readOnlySessionsSeeWholeCommitsWhileAnotherProcessWrites() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (StateSession s = open()) {
            s.commit(); // the lock file exists: readers take the shared lock from the start
        }
        Process writer = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                StateWriterMain.class.getName(), dir.toString(), "w", "20").inheritIO().start();
        int seen = 0;
        int reads = 0;
        while (writer.isAlive() || reads == 0) {
            try (StateSession s = StateDirectory.at(dir).openReadOnly(new ProgramLoader(Engines::preferred), path -> null,
                    FaultListener.LOG)) {
                int now = s.binfmt().names().size();
                assertTrue(now >= seen, "a reader went back from " + seen + " entries to " + now);
                seen = now;
                reads++;
            }
        }
        assertTrue(writer.waitFor(120, TimeUnit.SECONDS) && writer.exitValue() == 0, "the writer failed");
        try (StateSession s = StateDirectory.at(dir).openReadOnly(new ProgramLoader(Engines::preferred), path -> null,
                FaultListener.LOG)) {
            assertEquals(20, s.binfmt().names().size());
        }
    }

    @Test
    void theDefaultLocationIsUnderTheXdgStateHome() {
        Path location = StateDirectory.defaultLocation();
        assertEquals("binfmt-bpf", location.getFileName().toString());
        String xdg = System.getenv("XDG_STATE_HOME");
        Path expected = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        assertEquals(expected.resolve("binfmt-bpf"), location);
    }
}
