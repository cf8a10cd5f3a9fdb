package org.binfmtbpf.binfmt;

import org.binfmtbpf.linux.Errno;

/** The result of offering a binary to binfmt_misc. */
public sealed interface ExecOutcome {
    /** An entry claimed the binary: run the interpreter. */
    record Resolved(Resolution resolution) implements ExecOutcome {}

    /**
     * No enabled entry matched, or the instance is disabled: binfmt_misc returns ENOEXEC and
     * the kernel goes on to the next binary format.
     */
    record NotRecognised() implements ExecOutcome {}

    /**
     * An entry matched but the exec cannot proceed: a 'B' program selected the binary without
     * choosing an interpreter (ENOEXEC, and the search stops there), or the binary cannot be
     * reopened by the interpreter (ENOENT).
     */
    record Refused(Entry entry, Errno errno, String reason) implements ExecOutcome {}
}
