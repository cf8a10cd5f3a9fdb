package org.binfmtbpf.binfmt;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * exec_binprm's loop as far as binfmt_misc takes part in it: when an entry claims a binary,
 * exec offers the entry's interpreter to the binary formats again, binfmt_misc first, with
 * the argv built so far and the interpreter as the path (so an 'E' entry looks at the
 * interpreter's extension, an 'M' or 'B' entry at its header). The loop ends when
 * binfmt_misc does not claim the file: the kernel's other formats (ELF, #!) take it from there.
 * <p>
 * Each rewrite opens its interpreter first (ENOENT, EACCES); then, as fs/exec.c checks after
 * every rewrite: a rewrite after one whose entry had O (or C) is ENOEXEC (the binary is
 * already the interpreter's open file, and a second one cannot be passed), and a sixth
 * rewrite is ELOOP (exec allows five). #! scripts in the chain are not modelled: a script
 * interpreter counts towards the five in the kernel and is ENOEXEC after an O entry.
 *
 * @param entries the entries that claimed a file, in order (the one that refused included)
 * @param hops    the rewrites binfmt_misc made, in order; the last one's argv is what the final
 *                interpreter receives. A rewrite that failed after its entry matched is included.
 * @param refusal why exec fails, or null when it goes on to the last hop's interpreter
 *                (or, with no entries, when binfmt_misc did not claim the binary at all)
 */
public record ExecChain(List<Entry> entries, List<Resolution> hops, ExecOutcome.Refused refusal) {
    /** fs/exec.c's exec_binprm: "depth > 5" stops the loop before a sixth binary handler rewrite is followed. */
    public static final int MAX_REWRITES = 5;

    public ExecChain {
        entries = List.copyOf(entries);
        hops = List.copyOf(hops);
    }

    /** Follows {@code request} through {@code binfmt} until a file binfmt_misc does not claim, or a failure. */
    public static ExecChain follow(BinfmtMisc binfmt, ExecRequest request, ExecutableFiles files, BinaryHeaders headers)
            throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<Resolution> hops = new ArrayList<>();
        boolean binaryHandedOver = false;
        ExecRequest next = request;
        while (true) {
            ExecOutcome outcome = binfmt.resolve(next);
            if (outcome instanceof ExecOutcome.NotRecognised) {
                return new ExecChain(entries, hops, null);
            }
            if (outcome instanceof ExecOutcome.Refused refused) {
                entries.add(refused.entry());
                return new ExecChain(entries, hops, refused);
            }
            Resolution hop = ((ExecOutcome.Resolved) outcome).resolution();
            Entry entry = hop.entry();
            entries.add(entry);
            hops.add(hop);
            // F: the kernel execs the file it opened at registration; the model cannot hold it, so it trusts it.
            Errno unopened = hop.interpreterPreopened() ? null : files.openExec(hop.interpreter());
            if (unopened != null) {
                return refused(entries, hops, entry, unopened, "interpreter " + Latin1.toUtf8(hop.interpreter()) + ": "
                        + unopened.text());
            }
            if (binaryHandedOver) {
                return refused(entries, hops, entry, Errno.ENOEXEC, "entry " + Latin1.toUtf8(entry.name())
                        + " claims an interpreter, but an earlier entry with flag O or C already passed the binary"
                        + " as an open file");
            }
            binaryHandedOver |= hop.openBinary();
            if (hops.size() > MAX_REWRITES) {
                return refused(entries, hops, entry, Errno.ELOOP, "entry " + Latin1.toUtf8(entry.name()) + " is rewrite "
                        + hops.size() + " of the same exec; the kernel follows at most " + MAX_REWRITES);
            }
            // A request whose binary is inaccessible never gets here: its first match is ENOENT.
            try {
                next = headers.request(hop.interpreter(), hop.argv());
            } catch (NoSuchFileException gone) {
                if (!hop.interpreterPreopened()) {
                    throw gone;
                }
                // F: the kernel goes on with the file it holds; what it is cannot be read any more.
                return new ExecChain(entries, hops, null);
            }
        }
    }

    /** True when binfmt_misc claimed the binary (whether or not exec then succeeds). */
    public boolean recognised() {
        return !entries.isEmpty();
    }

    /** The last rewrite: its interpreter runs, with its argv. */
    public Resolution last() {
        return hops.get(hops.size() - 1);
    }

    private static ExecChain refused(List<Entry> entries, List<Resolution> hops, Entry entry, Errno errno,
                                     String reason) {
        return new ExecChain(entries, hops, new ExecOutcome.Refused(entry, errno, reason));
    }
}
