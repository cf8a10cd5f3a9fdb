package org.binfmtbpf.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;

/** What the files a campaign writes about one case share: the raw slots section and the write. */
final class CaseFiles {
    private CaseFiles() {}

    /** Appends {@code -- raw} and one 64-bit hex word per slot (docs/DATA-FORMAT.md). */
    static void appendRaw(StringBuilder b, Instruction[] slots) {
        b.append("-- raw\n");
        for (long slot : InstructionCodec.encodeSlots(slots)) {
            b.append(String.format("0x%016x%n", slot));
        }
    }

    /** Writes {@code text} to {@code dir/name}, creating {@code dir}; {@code what} names the file in the error. */
    static Path write(Path dir, String name, CharSequence text, String what) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what + " in " + dir, e);
        }
    }
}
