package org.binfmtbpf.binfmt.convert;

import java.util.List;
import org.binfmtbpf.binfmt.BinfmtHelpers;
import org.binfmtbpf.binfmt.Entry;
import org.binfmtbpf.binfmt.ExtensionEntry;
import org.binfmtbpf.binfmt.Latin1;
import org.binfmtbpf.binfmt.MagicEntry;
import org.binfmtbpf.binfmt.RawProgramSource;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.program.ProgramType;

/**
 * Turns an 'M' or 'E' entry into an equivalent 'B' program, showing that 'B' is the superset
 * the RFC claims: the program decides exactly as the entry's matcher does and chooses the
 * entry's interpreter with helper 212.
 *
 * <ul>
 *   <li>'M' becomes a SOCKET_FILTER program (the RFC's type). It compares the header in
 *       naturally aligned chunks of 8, 4, 2 or 1 bytes (aligned so the kernel would accept the
 *       context reads too): load, AND with the mask when it is not all ones, compare with
 *       magic &amp; mask. Chunks whose mask is zero are skipped.</li>
 *   <li>'E' needs the path, which the RFC's program cannot see: it becomes a BINFMT program that
 *       learns the path's length with {@link BinfmtHelpers#BINPRM_GET_PATH}, reads its last
 *       bytes into the stack and checks that it ends in {@code .ext}. Since an extension
 *       contains no '/', and one containing a '.' can never equal the text after the path's
 *       last '.', "ends in .ext" is the kernel's rule, for paths of any length.</li>
 * </ul>
 * The interpreter is written to the stack with 8-byte stores and passed to helper 212 with its
 * exact length, so it may be at most 512 bytes.
 */
public final class HandlerCompiler {
    /** Helper 212: bpf_binprm_set_interp. */
    public static final int BINPRM_SET_INTERP = 212;
    private static final int STACK = 512;
    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int R2 = 2;
    private static final int R3 = 3;
    private static final int R6 = 6;
    private static final int R10 = 10;

    private HandlerCompiler() {}

    /** The program equivalent to {@code entry} ('M' or 'E'). */
    public static RawProgramSource compile(Entry entry) {
        if (entry.interpreter().length() > STACK) {
            throw new IllegalArgumentException("entry " + entry.name() + ": an interpreter of "
                    + entry.interpreter().length() + " bytes does not fit the " + STACK + "-byte stack");
        }
        if (entry instanceof MagicEntry magic) {
            return RawProgramSource.of(entry.name(), ProgramType.SOCKET_FILTER, magicProgram(magic, true));
        }
        if (entry instanceof ExtensionEntry extension) {
            return RawProgramSource.of(entry.name(), ProgramType.BINFMT, extensionProgram(extension));
        }
        throw new IllegalArgumentException("entry " + entry.name() + " is already a 'B' entry");
    }

    /**
     * The registration line of the 'B' entry that replaces {@code entry} once its program is
     * pinned at {@code pinPath}: same name and flags, except F, which a 'B' entry cannot have
     * (it has no interpreter of its own to open at registration).
     */
    public static String registration(Entry entry, String pinPath) {
        char delimiter = delimiterFor(entry.name() + pinPath);
        String flags = entry.flags().letters().replace("F", "");
        return delimiter + entry.name() + delimiter + "B" + delimiter + pinPath + delimiter + delimiter + delimiter
                + delimiter + flags;
    }

    /**
     * The matcher of {@code entry} alone, returning 1 or 0 without choosing an interpreter:
     * helper 212 exists only in the RFC's kernel, so this is the part a stock kernel can load
     * (as a {@code SYSCALL} program, whose context is the header) to check the generated code.
     */
    public static RawProgramSource decisionOnly(MagicEntry entry, ProgramType type) {
        return RawProgramSource.of(entry.name(), type, magicProgram(entry, false));
    }

    private static List<Instruction> magicProgram(MagicEntry entry, boolean chooseInterpreter) {
        byte[] magic = entry.magic();
        byte[] mask = entry.mask();
        InsnBuilder b = new InsnBuilder().movReg(R6, R1);
        int pos = 0;
        while (pos < magic.length) {
            int at = entry.offset() + pos;
            int size = chunk(at, magic.length - pos);
            long want = 0;
            long bits = 0;
            for (int i = size - 1; i >= 0; i--) {
                int m = mask == null ? 0xff : mask[pos + i] & 0xff;
                want = want << 8 | (magic[pos + i] & m & 0xff);
                bits = bits << 8 | m;
            }
            if (bits != 0) {
                compareChunk(b, at, size, want, bits);
            }
            pos += size;
        }
        if (chooseInterpreter) {
            setInterpreter(b, entry.interpreter());
        }
        return b.movImm(R0, 1).exit().label("nomatch").movImm(R0, 0).exit().build();
    }

    /** Largest of 8, 4, 2, 1 that is aligned at {@code at} and fits in {@code left}. */
    private static int chunk(int at, int left) {
        for (int size = 8; size > 1; size >>= 1) {
            if (at % size == 0 && left >= size) {
                return size;
            }
        }
        return 1;
    }

    private static void compareChunk(InsnBuilder b, int at, int size, long want, long bits) {
        long all = size == 8 ? -1L : (1L << (8 * size)) - 1;
        b.load(size, R2, R6, at);
        if (size == 8) {
            if (bits != all) {
                b.ldImm64(R3, bits).andReg(R2, R3);
            }
            b.ldImm64(R3, want).jneReg(R2, R3, "nomatch");
        } else {
            if (bits != all) {
                b.andImm(R2, (int) bits); // the loaded value is zero-extended; the sign-extended mask keeps its low bits
            }
            b.jne32Imm(R2, (int) want, "nomatch");
        }
    }

    private static List<Instruction> extensionProgram(ExtensionEntry entry) {
        InsnBuilder b = new InsnBuilder();
        String ext = entry.extension();
        if (ext.indexOf('.') >= 0) {
            return b.movImm(R0, 0).exit().build(); // never equals the text after the last '.'
        }
        byte[] suffix = Latin1.bytes("." + ext);
        if (suffix.length + 1 > STACK) {
            throw new IllegalArgumentException("entry " + entry.name() + ": an extension of " + ext.length()
                    + " bytes does not fit the " + STACK + "-byte stack");
        }
        int buffer = -frameFor(suffix.length + 1);
        // First call: a 1-byte buffer, just to learn the path's length + 1.
        b.movReg(R1, R10).addImm(R1, buffer).movImm(R2, 1).movImm(R3, 0).call(BinfmtHelpers.BINPRM_GET_PATH);
        b.jsltImm(R0, suffix.length + 1, "nomatch"); // shorter than ".ext", or no path
        // Second call: the last suffix.length bytes and the NUL, however long the path is.
        b.movReg(R3, R0).addImm(R3, -(suffix.length + 1));
        b.movReg(R1, R10).addImm(R1, buffer).movImm(R2, suffix.length + 1).call(BinfmtHelpers.BINPRM_GET_PATH);
        for (int i = 0; i < suffix.length; i++) {
            b.load(1, R2, R10, buffer + i).jne32Imm(R2, suffix[i] & 0xff, "nomatch");
        }
        setInterpreter(b, entry.interpreter());
        return b.movImm(R0, 1).exit().label("nomatch").movImm(R0, 0).exit().build();
    }

    /** Writes the interpreter at the top of the stack and calls helper 212 with its length. */
    private static void setInterpreter(InsnBuilder b, String interpreter) {
        byte[] bytes = Latin1.bytes(interpreter);
        int buffer = -frameFor(bytes.length);
        for (int i = 0; i < bytes.length; i += 8) {
            long word = 0;
            for (int j = Math.min(7, bytes.length - 1 - i); j >= 0; j--) {
                word = word << 8 | (bytes[i + j] & 0xff);
            }
            b.ldImm64(R1, word).store(8, R10, buffer + i, R1);
        }
        b.movReg(R1, R10).addImm(R1, buffer).movImm(R2, bytes.length).call(BINPRM_SET_INTERP);
    }

    /**
     * The frame a buffer of {@code length} bytes needs: whole 8-byte words, no more. Every run
     * zeroes the stack a program can reach, so a small frame keeps each entry cheap in the
     * search loop (a 'B' entry per qemu line would otherwise clear 512 bytes per exec).
     */
    private static int frameFor(int length) {
        return (length + 7) & ~7;
    }

    private static char delimiterFor(String used) {
        for (char c : ":#|!@%^&*,;=~".toCharArray()) {
            if (used.indexOf(c) < 0) {
                return c;
            }
        }
        throw new IllegalArgumentException("no free delimiter for " + used);
    }
}
