package org.binfmtbpf.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.binfmtbpf.cli.demo.SampleHeader;

/** Test inputs copied out of the class path into files the commands read. */
final class Resources {
    private Resources() {}

    /** The bundled qemu program (the demo's). */
    static Path qemuObject(Path dir) throws IOException {
        return copy("/org/binfmtbpf/cli/demo/qemu.bpf.o", dir.resolve("qemu.bpf.o"));
    }

    /** The test program counting e_machine values in a hash map (no helper 212). */
    static Path machinesObject(Path dir) throws IOException {
        return copy("/org/binfmtbpf/cli/machines.bpf.o", dir.resolve("machines.bpf.o"));
    }

    static Path copy(String resource, Path to) throws IOException {
        try (InputStream in = Resources.class.getResourceAsStream(resource)) {
            Files.write(to, in.readAllBytes());
        }
        return to;
    }

    /** Writes a sample header as an executable file. */
    static Path executable(Path dir, SampleHeader h) throws IOException {
        Path f = dir.resolve(h.file());
        Files.write(f, h.bytes());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }
}
