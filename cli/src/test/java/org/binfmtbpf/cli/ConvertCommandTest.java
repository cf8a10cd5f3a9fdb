package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.cli.demo.SampleHeader;
import org.binfmtbpf.cli.demo.SampleHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** convert: the 29 Debian 'M' registrations become 29 'B' programs in one object that decide the same. */
class ConvertCommandTest {
    @TempDir Path dir;

    @Test
    void convertedProgramsResolveEveryHeaderAsTheMagicEntries() throws Exception {
        Path object = dir.resolve("qemu-b.o");
        List<String> args = new ArrayList<>(List.of("convert", "-o", object.toString()));
        try (var confs = Files.list(Cli.sharedData("data/qemu-binfmt.d"))) {
            confs.sorted().forEach(c -> args.add(c.toString()));
        }
        Cli.Result converted = Cli.run(args.toArray(new String[0]));
        assertEquals(0, converted.exitCode(), converted.toString());
        assertEquals(30, converted.out().lines().count());
        assertTrue(converted.out().contains("\n:qemu-aarch64:B:/sys/fs/bpf/binfmt/qemu_aarch64::::PO\n"), converted.out());
        Path conf = Files.writeString(dir.resolve("qemu-b.conf"), converted.out());

        Path b = dir.resolve("b");
        Cli.Result loaded = Cli.inState(b, "prog", "loadall", object.toString(), "/sys/fs/bpf/binfmt");
        assertEquals(0, loaded.exitCode(), loaded.toString());
        assertEquals(29, Cli.inState(b, "prog", "show").out().lines().filter(l -> l.contains("name qemu_")).count());
        assertEquals(0, Cli.inState(b, "register", "--file", conf.toString()).exitCode());
        Path m = dir.resolve("m");
        ResolveCommandTest.registerDebianQemu(m);

        for (SampleHeader h : SampleHeaders.all()) {
            String f = Resources.executable(dir, h).toString();
            JsonNode viaM = new ObjectMapper().readTree(Cli.inState(m, "-j", "resolve", f).out()).get(0);
            JsonNode viaB = new ObjectMapper().readTree(Cli.inState(b, "-j", "resolve", f).out()).get(0);
            assertEquals(viaM.get("entry"), viaB.get("entry"), h.file());
            assertEquals(viaM.get("interpreter"), viaB.get("interpreter"), h.file());
            assertEquals(viaM.get("argv"), viaB.get("argv"), h.file());
        }
    }

    @Test
    void aBadLineNamesItsFileAndLine() throws Exception {
        Path conf = Files.writeString(dir.resolve("bad.conf"), "# comment\n:x:M::\\xZZ::/bin/x:\n");
        Cli.Result r = Cli.run("convert", "-o", dir.resolve("x.o").toString(), conf.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().startsWith("binfmt-bpf convert: " + conf + ":2: "), r.err());
    }
}
