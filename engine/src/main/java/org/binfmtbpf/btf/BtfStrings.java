package org.binfmtbpf.btf;

/** The string section of {@code .BTF}: NUL-terminated strings addressed by byte offset. */
final class BtfStrings {
    private final BtfBytes bytes;
    private final long start;
    private final long end;

    BtfStrings(BtfBytes bytes, long start, long end) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
    }

    String at(long offset) {
        if (offset < 0 || offset >= end - start) {
            throw new BtfFormatException(start + Math.max(0, offset), "string offset " + offset
                    + " beyond the string section (" + (end - start) + " bytes)");
        }
        return bytes.cString(start + offset, end, "BTF");
    }
}
