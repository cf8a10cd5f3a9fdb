package org.binfmtbpf.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.program.Program;

/**
 * The program tag bpftool shows, computed as the kernel's bpf_prog_calc_tag does (Linux 6.18):
 * the first 8 bytes of the SHA-256 of the instructions, with the immediates of map loads
 * (LD_IMM64 with src BPF_PSEUDO_MAP_FD or BPF_PSEUDO_MAP_VALUE, both slots) zeroed because
 * they hold file descriptors. The same object thus shows the same tag here and in
 * {@code bpftool prog show}.
 */
public final class ProgramTag {
    private ProgramTag() {}

    private static final int PSEUDO_MAP_FD = 1;
    private static final int PSEUDO_MAP_VALUE = 2;

    public static String of(Program program) {
        Instruction[] insns = program.instructions();
        for (int pc = 0; pc < insns.length; pc++) {
            Instruction i = insns[pc];
            if (i.isLdImm64() && (i.src() == PSEUDO_MAP_FD || i.src() == PSEUDO_MAP_VALUE) && pc + 1 < insns.length) {
                insns[pc] = new Instruction(i.opcode(), i.dst(), i.src(), i.off(), 0, 0);
                Instruction second = insns[pc + 1];
                if (second.opcode() == 0 && second.dst() == 0 && second.src() == 0 && second.off() == 0) {
                    insns[pc + 1] = Instruction.of(0, 0, 0, 0, 0);
                }
                pc++;
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(InstructionCodec.encode(insns));
            return HexBytes.plain(java.util.Arrays.copyOf(digest, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
