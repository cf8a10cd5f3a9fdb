package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** binfmt.d files as systemd-binfmt reads them. */
class BinfmtDFileTest {
    @Test
    void skipsCommentsAndBlankLinesAndStripsWhitespace(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.conf");
        Files.writeString(f, "# a comment\n; another\n\n   \n  :a:E::x::/bin/a:  \n:b:E::y::/bin/b:\n");
        List<BinfmtDFile.Line> lines = BinfmtDFile.read(f);
        assertEquals(List.of(":a:E::x::/bin/a:", ":b:E::y::/bin/b:"), lines.stream().map(BinfmtDFile.Line::text).toList());
        assertEquals(f + ":5", lines.get(0).where());
    }

    @Test
    void readsEveryDebianQemuRegistration() throws Exception {
        try (var files = Files.list(Cli.sharedData("data/qemu-binfmt.d"))) {
            List<Path> confs = files.sorted().toList();
            assertEquals(29, confs.size());
            for (Path conf : confs) {
                List<BinfmtDFile.Line> lines = BinfmtDFile.read(conf);
                assertEquals(1, lines.size(), conf.toString());
                assertEquals(':', lines.get(0).text().charAt(0));
            }
        }
    }
}
