package org.binfmtbpf.binfmt;

import java.util.List;

/**
 * What the kernel does with a binary an entry claimed. The exec itself goes on in fs/exec.c:
 * with O or C the interpreter must be a native binary, since an open-binary exec that needs a
 * second interpreter (a #! script) fails there with ENOEXEC.
 *
 * @param entry                the entry that matched
 * @param interpreter          the interpreter exec'd instead: the entry's, or the one a 'B' program chose
 * @param argv                 the interpreter's argv: {@code [interpreter, path as exec'd, argv0 (P only), argv[1..]]}
 * @param openBinary           O (or C): the interpreter receives the binary as an open fd (AT_EXECFD)
 * @param credentials          C: credentials and security label are computed from the binary
 * @param interpreterPreopened F: the file opened at registration is exec'd, not a fresh lookup of the path
 */
public record Resolution(Entry entry, String interpreter, List<String> argv, boolean openBinary, boolean credentials,
                         boolean interpreterPreopened) {
    public Resolution {
        argv = List.copyOf(argv);
    }
}
