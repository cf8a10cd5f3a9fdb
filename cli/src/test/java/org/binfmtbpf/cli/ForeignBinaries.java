package org.binfmtbpf.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.binfmtbpf.cli.demo.ForeignBinary;
import org.junit.jupiter.api.Assumptions;

/** The arm64 busybox and the qemu the RFC demo needs, downloaded once into the demo's cache (under /tmp). */
final class ForeignBinaries {
    private ForeignBinaries() {}

    static final Path QEMU_AARCH64 = Path.of("/usr/libexec/qemu-binfmt/aarch64-binfmt-P");
    private static final Path CACHE = ForeignBinary.cacheDirectory();
    private static Path busybox;
    private static String unavailable;

    /** The busybox-static arm64 binary, or an assumption failure saying why there is none. */
    static synchronized Path busybox() {
        if (busybox == null && unavailable == null) {
            try {
                busybox = ForeignBinary.downloadBusybox(CACHE);
            } catch (Exception e) {
                unavailable = "cannot get busybox-static:arm64 (" + e.getMessage() + ")";
            }
        }
        Assumptions.assumeTrue(busybox != null, unavailable);
        return busybox;
    }

    static void assumeQemu() {
        Assumptions.assumeTrue(Files.isExecutable(QEMU_AARCH64), QEMU_AARCH64 + " is missing: install qemu-user-static");
    }
}
