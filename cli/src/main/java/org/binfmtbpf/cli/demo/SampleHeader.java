package org.binfmtbpf.cli.demo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A file start the demo offers to binfmt_misc. binfmt_misc only ever reads the first 256
 * bytes (BINPRM_BUF_SIZE), so a valid ELF file header (the ELF identification, e_type,
 * e_machine, e_version, e_flags) is all a handler can see of a real binary; the demo builds
 * exactly that instead of shipping binaries.
 *
 * @param file     the name shown in the table (and the file written to the demo directory)
 * @param arch     what the header describes, in words
 * @param bytes    the file's content
 * @param expected the qemu architecture whose interpreter must be chosen, or null when no
 *                 qemu registration takes this file (the kernel runs it natively, or refuses it)
 */
public record SampleHeader(String file, String arch, byte[] bytes, String expected) {

    static final int ELFCLASS32 = 1;
    static final int ELFCLASS64 = 2;
    static final int ET_EXEC = 2;
    static final int ET_DYN = 3;

    /**
     * An ELF executable header.
     *
     * @param elfClass  ELFCLASS32 or ELFCLASS64
     * @param bigEndian ELFDATA2MSB when true
     * @param type      e_type (ET_EXEC, ET_DYN)
     * @param machine   e_machine
     * @param flags     e_flags (the ABI bits MIPS and ARM keep there)
     */
    static SampleHeader elf(String file, String arch, String expected, int elfClass, boolean bigEndian, int type,
                            int machine, int flags) {
        boolean wide = elfClass == ELFCLASS64;
        ByteBuffer b = ByteBuffer.allocate(wide ? 64 : 52).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) elfClass, (byte) (bigEndian ? 2 : 1), 1, 0});
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt(1); // e_type, e_machine, e_version
        if (wide) {
            b.putLong(0x400000).putLong(64).putLong(0);              // e_entry, e_phoff, e_shoff
        } else {
            b.putInt(0x10000).putInt(52).putInt(0);
        }
        b.putInt(flags);                                              // e_flags
        b.putShort((short) (wide ? 64 : 52));                         // e_ehsize
        b.putShort((short) (wide ? 56 : 32)).putShort((short) 0);      // e_phentsize, e_phnum
        b.putShort((short) (wide ? 64 : 40)).putShort((short) 0).putShort((short) 0);
        return new SampleHeader(file, arch, b.array(), expected);
    }

    static SampleHeader text(String file, String arch, String content) {
        return new SampleHeader(file, arch, content.getBytes(StandardCharsets.UTF_8), null);
    }

    /** The interpreter Debian's qemu-user-static registers for {@link #expected}, or null. */
    public String expectedInterpreter() {
        return expected == null ? null : "/usr/libexec/qemu-binfmt/" + expected + "-binfmt-P";
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
