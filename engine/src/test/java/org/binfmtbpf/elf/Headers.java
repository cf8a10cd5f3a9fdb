package org.binfmtbpf.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** 256-byte binfmt headers (bprm->buf) of ELF files for running the corpus programs. */
final class Headers {
    static final int EM_MIPS = 8;
    static final int EM_PPC64 = 21;
    static final int EM_ARM = 40;
    static final int EM_X86_64 = 62;
    static final int EM_AARCH64 = 183;
    static final int EM_RISCV = 243;

    private Headers() {}

    /** An ELF header: class 1/2, data 1 (LE) / 2 (BE), e_machine, and EI_OSABI. */
    static byte[] elf(int elfClass, int data, int machine, int osabi) {
        byte[] h = new byte[256];
        ByteBuffer b = ByteBuffer.wrap(h).order(data == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        h[0] = 0x7f;
        h[1] = 'E';
        h[2] = 'L';
        h[3] = 'F';
        h[4] = (byte) elfClass;
        h[5] = (byte) data;
        h[6] = 1;
        h[7] = (byte) osabi;
        b.putShort(16, (short) 2); // ET_EXEC
        b.putShort(18, (short) machine);
        b.putInt(20, 1);
        b.putInt(24, 0x401000);
        return h;
    }

    /** A little-endian ELF64 x86-64 executable whose program headers are the given p_types, at e_phoff 64. */
    static byte[] elf64WithProgramHeaders(int... types) {
        byte[] h = elf(2, 1, EM_X86_64, 0);
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(32, 64);
        b.putShort(54, (short) 56);
        b.putShort(56, (short) types.length);
        for (int i = 0; i < types.length && 64 + i * 56 + 4 <= 256; i++) {
            b.putInt(64 + i * 56, types[i]);
        }
        return h;
    }

    static byte[] script() {
        byte[] h = new byte[256];
        byte[] text = "#!/bin/sh\necho hello\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, h, 0, text.length);
        return h;
    }
}
