package org.binfmtbpf.cli.handlers;

import java.util.List;

/**
 * What exec would do with one file, as {@code resolve} prints it: the entry that claimed it,
 * the interpreter and the argv the kernel builds, or the errno exec fails with and why.
 * A verdict can carry both a match and an errno: the entry matched but the interpreter it
 * names cannot be exec'd (ENOENT), exactly as load_misc_binary fails after the search.
 *
 * @param file        the file as given (the path exec'd)
 * @param entry       the matching entry's name, or null
 * @param type        the entry's type letter (M, E, B), or null
 * @param program     for a 'B' entry, the pinned program path; else null
 * @param via         the entries that claimed the interpreters after the first (an interpreter that is
 *                    itself a registered binary type), in order; usually empty
 * @param interpreter the interpreter exec runs in the end, or null
 * @param argv        the interpreter's argv, or an empty list
 * @param errno       null when exec proceeds; else ENOEXEC, ENOENT, EACCES...
 * @param reason      why exec fails, in words; null when it proceeds
 */
public record Verdict(String file, String entry, String type, String program, List<String> via, String interpreter,
                      List<String> argv, String errno, String reason) {
    public Verdict {
        via = List.copyOf(via);
        argv = List.copyOf(argv);
    }

    public boolean runs() {
        return errno == null;
    }

    static Verdict failed(String file, String errno, String reason) {
        return new Verdict(file, null, null, null, List.of(), null, List.of(), errno, reason);
    }
}
