package org.binfmtbpf.binfmt;

import org.binfmtbpf.linux.Errno;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * exec_binprm's loop, for the binary formats that rewrite an exec: binfmt_misc (tried first)
 * and binfmt_script ({@code #!}). When one claims a file, exec moves on to the interpreter
 * with the argv built so far and the interpreter as the path (so an 'E' entry looks at the
 * interpreter's extension, 'M' and 'B' at its header), and offers it to the formats again.
 * The loop ends at a file neither claims: the kernel's ELF loader (or nothing) takes it.
 * <p>
 * Each rewrite opens its interpreter first (ENOENT, EACCES, ...); then, as fs/exec.c checks
 * after every rewrite: a rewrite after one whose entry had O (or C) is ENOEXEC (the binary is
 * already the interpreter's open file, and a second one cannot be passed), and a sixth
 * rewrite is ELOOP (exec allows five).
 *
 * @param entries      the binfmt_misc entries that claimed a file, in order (a refusing one included)
 * @param interpreters every interpreter exec moved to, in order, from binfmt_misc and #! alike
 * @param argv         the argv of the last interpreter (empty when there is none)
 * @param errno        why exec fails, or null when it goes on to the last interpreter (or, with no
 *                     interpreters, when no rewriting format claimed the file at all)
 * @param reason       the failure in words, or null
 */
public record ExecChain(List<Entry> entries, List<String> interpreters, List<String> argv, Errno errno, String reason) {
    /** fs/exec.c's exec_binprm: "depth > 5" stops the loop before a sixth rewrite is followed. */
    public static final int MAX_REWRITES = 5;

    public ExecChain {
        entries = List.copyOf(entries);
        interpreters = List.copyOf(interpreters);
        argv = List.copyOf(argv);
    }

    /** Follows {@code request} through {@code binfmt} and #! lines until a file neither claims, or a failure. */
    public static ExecChain follow(BinfmtMisc binfmt, ExecRequest request, ExecutableFiles files, BinaryHeaders headers)
            throws IOException {
        Walk walk = new Walk();
        boolean binaryHandedOver = false;
        ExecRequest next = request;
        while (true) {
            Rewrite rewrite;
            ExecOutcome outcome = binfmt.resolve(next);
            if (outcome instanceof ExecOutcome.Resolved resolved) {
                Resolution r = resolved.resolution();
                walk.entries.add(r.entry());
                rewrite = new Rewrite(r.interpreter(), r.argv(), r.openBinary(), r.interpreterPreopened());
            } else {
                ExecOutcome.Refused refused = outcome instanceof ExecOutcome.Refused f ? f : null;
                if (refused != null) {
                    walk.entries.add(refused.entry());
                    if (refused.errno() != Errno.ENOEXEC) {
                        return walk.failed(refused.errno(), refused.reason());
                    }
                }
                // binfmt_misc's ENOEXEC is not final: exec tries the next format, binfmt_script.
                if (!ScriptLine.isScript(next.headerView())) {
                    return refused == null ? walk.done() : walk.failed(Errno.ENOEXEC, refused.reason()
                            + " (the kernel goes on to its other binary formats)");
                }
                if (next.pathInaccessible()) {
                    return walk.failed(Errno.ENOENT, "the interpreter of " + Latin1.toUtf8(next.path())
                            + " could not reopen it (exec of a close-on-exec descriptor)");
                }
                ScriptLine line = ScriptLine.read(next.headerView());
                if (line == null) {
                    return walk.failed(Errno.ENOEXEC, "the #! line of " + Latin1.toUtf8(next.path())
                            + " names no interpreter (or the header cuts its name)");
                }
                rewrite = new Rewrite(line.interpreter(), line.argv(next.path(), next.argv()), false, false);
            }
            walk.interpreters.add(rewrite.interpreter());
            walk.argv = rewrite.argv();
            String interpreter = Latin1.toUtf8(rewrite.interpreter());
            // F: the kernel execs the file it opened at registration; the model cannot hold it, so it trusts it.
            Errno unopened = rewrite.preopened() ? null : files.openExec(rewrite.interpreter());
            if (unopened != null) {
                return walk.failed(unopened, "interpreter " + interpreter + ": " + unopened.text());
            }
            if (binaryHandedOver) {
                return walk.failed(Errno.ENOEXEC, "exec moves on to " + interpreter + ", but an earlier entry with"
                        + " flag O or C already passed the binary as an open file");
            }
            binaryHandedOver |= rewrite.opensBinary();
            if (walk.interpreters.size() > MAX_REWRITES) {
                return walk.failed(Errno.ELOOP, interpreter + " is rewrite " + walk.interpreters.size()
                        + " of the same exec; the kernel follows at most " + MAX_REWRITES);
            }
            try {
                next = headers.request(rewrite.interpreter(), rewrite.argv());
            } catch (NoSuchFileException gone) {
                if (!rewrite.preopened()) {
                    throw gone;
                }
                return walk.done(); // F: the kernel goes on with the file it holds; it cannot be read any more
            }
        }
    }

    /** True when a binfmt_misc entry claimed a file on the way (whether or not exec then succeeds). */
    public boolean recognised() {
        return !entries.isEmpty();
    }

    /** The interpreter that runs in the end, or null when nothing rewrote the exec. */
    public String lastInterpreter() {
        return interpreters.isEmpty() ? null : interpreters.get(interpreters.size() - 1);
    }

    /** One move to an interpreter: where, with which argv, and how the binary travels. */
    private record Rewrite(String interpreter, List<String> argv, boolean opensBinary, boolean preopened) {}

    /** What the loop has gathered so far. */
    private static final class Walk {
        final List<Entry> entries = new ArrayList<>();
        final List<String> interpreters = new ArrayList<>();
        List<String> argv = List.of();

        ExecChain done() {
            return new ExecChain(entries, interpreters, argv, null, null);
        }

        ExecChain failed(Errno errno, String reason) {
            return new ExecChain(entries, interpreters, argv, errno, reason);
        }
    }
}
