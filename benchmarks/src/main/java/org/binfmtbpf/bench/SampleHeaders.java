package org.binfmtbpf.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** 256-byte headers (BINPRM_BUF_SIZE) for the benchmarks: synthetic ELF headers and this machine's own. */
public final class SampleHeaders {
    private SampleHeaders() {}

    public static final int SIZE = 256;

    /** A header by name: an architecture (ELF header built here), or "host" for /bin/ls. */
    public static byte[] named(String name) {
        return switch (name) {
            case "aarch64" -> elf(2, 1, 183);
            case "riscv64" -> elf(2, 1, 243);
            case "s390x" -> elf(2, 2, 22);
            case "mipsn32el" -> withFlags(elf(1, 1, 8), 0x20);
            case "x86_64" -> elf(2, 1, 62);
            case "host" -> host();
            case "script" -> text("#!/bin/sh\necho hello\n");
            default -> throw new IllegalArgumentException("no sample header " + name);
        };
    }

    /** An ELF header: class (1: 32-bit, 2: 64-bit), data (1: LE, 2: BE), ET_EXEC, e_machine. */
    public static byte[] elf(int elfClass, int data, int machine) {
        byte[] h = new byte[SIZE];
        h[0] = 0x7f;
        h[1] = 'E';
        h[2] = 'L';
        h[3] = 'F';
        h[4] = (byte) elfClass;
        h[5] = (byte) data;
        h[6] = 1;
        put16(h, 16, 2, data);
        put16(h, 18, machine, data);
        return h;
    }

    private static byte[] withFlags(byte[] h, int flags) {
        // e_flags of a 32-bit ELF is at offset 36.
        h[36] = (byte) flags;
        return h;
    }

    private static void put16(byte[] h, int off, int v, int data) {
        if (data == 1) {
            h[off] = (byte) v;
            h[off + 1] = (byte) (v >> 8);
        } else {
            h[off] = (byte) (v >> 8);
            h[off + 1] = (byte) v;
        }
    }

    private static byte[] host() {
        try (InputStream in = Files.newInputStream(Path.of("/bin/ls"))) {
            byte[] h = new byte[SIZE];
            in.readNBytes(h, 0, SIZE);
            return h;
        } catch (IOException e) {
            return elf(2, 1, 62);
        }
    }

    private static byte[] text(String s) {
        byte[] h = new byte[SIZE];
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, 0, b.length);
        return h;
    }
}
