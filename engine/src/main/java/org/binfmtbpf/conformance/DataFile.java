package org.binfmtbpf.conformance;

import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Invocation;

/**
 * One test in the bpf_conformance {@code .data} format (see docs/DATA-FORMAT.md): a program,
 * its input memory, and what running it must give.
 *
 * @param name    where the test came from (file name), for reports
 * @param asm     the {@code -- asm} section, or null; preceded by blank lines and with comment lines
 *                blanked, so that line k of this text is line k of the file
 * @param raw     the {@code -- raw} slots, or null; preferred over {@code asm} when both are given
 * @param memory  the {@code -- mem} bytes (empty when absent): the program's context
 * @param result  the expected r0 ({@code -- result}), or null
 * @param error   null when the program must succeed; otherwise ({@code -- error}) lines of text that its
 *                load error or run-time fault must each contain; empty for "any error"
 * @param type    the program type ({@code -- type}, default RAW: writable memory of any length)
 * @param budget  the instruction budget ({@code -- budget}), default unlimited
 */
public record DataFile(String name, String asm, long[] raw, byte[] memory, Long result, String error,
                       ProgramType type, long budget) {

    public DataFile {
        memory = memory == null ? new byte[0] : memory;
        type = type == null ? ProgramType.RAW : type;
        if (asm == null && raw == null) {
            throw new IllegalArgumentException(name + ": no -- asm or -- raw section");
        }
        if (result == null && error == null) {
            throw new IllegalArgumentException(name + ": no -- result or -- error section");
        }
    }

    public boolean expectsError() {
        return error != null;
    }

    /** The context a run gets: the memory, zero-padded to the header size for header programs. */
    public byte[] context() {
        if (!type.headerContext()) {
            return memory.clone();
        }
        byte[] header = new byte[Math.max(ProgramType.HEADER_SIZE, memory.length)];
        System.arraycopy(memory, 0, header, 0, memory.length);
        return header;
    }

    /** True when a budget was given. */
    public boolean hasBudget() {
        return budget != Invocation.UNLIMITED;
    }
}
