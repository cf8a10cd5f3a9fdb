package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.binfmtbpf.conformance.SharedData;
import org.binfmtbpf.binfmt.fuzz.RegistrationLine;
import org.binfmtbpf.binfmt.fuzz.RegistrationSeeds;

/** The shared data's registration lines for tests (edge cases, lengths and mutations: {@code binfmt.fuzz}). */
public final class RegistrationCorpus {
    private RegistrationCorpus() {}

    /** The 29 qemu-user-static registrations, one per architecture, sorted by file name; skips the test without the shared data. */
    public static List<RegistrationLine> qemu() {
        Optional<Path> dir = SharedData.find("data/qemu-binfmt.d");
        assumeTrue(dir.isPresent(), () -> SharedData.absent("data/qemu-binfmt.d"));
        return RegistrationSeeds.fromPath(dir.get());
    }
}
