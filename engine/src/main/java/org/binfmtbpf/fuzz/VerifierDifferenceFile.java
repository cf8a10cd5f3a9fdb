package org.binfmtbpf.fuzz;

import java.nio.file.Path;
import java.util.Map;
import org.binfmtbpf.asm.Disassembler;

/**
 * Writes a program on which our verifier and the kernel's decide differently as
 * {@code verifier-SEED.txt}: both verdicts, the command that makes the case again, the program
 * in llvm-objdump's syntax and its raw slots, so a difference can be read and reproduced
 * without running the campaign again. The program is not minimised: a smaller program may be
 * decided alike by both for another reason, so only the whole one is evidence.
 */
public final class VerifierDifferenceFile {
    private VerifierDifferenceFile() {}

    /** Writes {@code dir/verifier-SEED.txt} for case {@code c}; a null refusal means that side accepts. */
    public static Path write(Path dir, FuzzCase c, String ourRefusal, String kernelRefusal) {
        StringBuilder b = new StringBuilder();
        b.append("# Verifier difference found by `binfmt-bpf fuzz` (seed ").append(Long.toUnsignedString(c.seed()))
                .append(", ").append(c.profile()).append(" profile, loaded as a ").append(c.type().sectionName()).append(" program)\n");
        b.append("# ours:   ").append(ourRefusal == null ? "accepts" : "refuses: " + ourRefusal).append('\n');
        b.append("# kernel: ").append(kernelRefusal == null ? "accepts" : "refuses: " + kernelRefusal).append('\n');
        b.append("# again:  binfmt-bpf fuzz --seed ").append(Long.toUnsignedString(c.seed()))
                .append(" --count 1 --oracle interp,kernel\n");
        if (c.usesMap()) {
            b.append("# r7 = &").append(FuzzCase.MAP_NAME).append("[0]: an array map of one ").append(RandomProgram.MAP_VALUE_SIZE)
                    .append("-byte value (the LD_IMM64 map-value slot)\n");
        }
        b.append("-- program\n");
        for (String line : Disassembler.ALU32.listing(c.slots(), Map.of())) {
            b.append(line).append('\n');
        }
        CaseFiles.appendRaw(b, c.slots());
        return CaseFiles.write(dir, "verifier-" + Long.toUnsignedString(c.seed()) + ".txt", b, "a verifier difference");
    }
}
