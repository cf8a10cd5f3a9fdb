package org.binfmtbpf.program;

/**
 * What a program is loaded as, which fixes its context. binfmt_misc's 'B' handlers run
 * SOCKET_FILTER programs (the RFC) or our own BINFMT type on the 256-byte header; SYSCALL is
 * the kernel-oracle variant of the same program; RAW is the conformance suite's view where
 * the context is writable test memory of any length.
 */
public enum ProgramType {
    SOCKET_FILTER("socket", 1, true),
    BINFMT("binfmt", -1, true),
    SYSCALL("syscall", 31, true),
    RAW("raw", -1, false);

    /** BINPRM_BUF_SIZE: the bytes of the file a 'B' program sees. */
    public static final int HEADER_SIZE = 256;

    private final String sectionName;
    private final int kernelId;
    private final boolean headerContext;

    ProgramType(String sectionName, int kernelId, boolean headerContext) {
        this.sectionName = sectionName;
        this.kernelId = kernelId;
        this.headerContext = headerContext;
    }

    /** libbpf's ELF section name (and bpftool's {@code type} word) for this type. */
    public String sectionName() { return sectionName; }

    /** enum bpf_prog_type, or -1 when the kernel has no such type. */
    public int kernelId() { return kernelId; }

    /** True when the context is the read-only 256-byte header; false for writable test memory. */
    public boolean headerContext() { return headerContext; }
}
