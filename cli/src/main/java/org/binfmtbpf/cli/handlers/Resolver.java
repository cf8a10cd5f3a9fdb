package org.binfmtbpf.cli.handlers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.binfmt.BinfmtMisc;
import org.binfmtbpf.binfmt.BpfEntry;
import org.binfmtbpf.binfmt.Entry;
import org.binfmtbpf.binfmt.Errno;
import org.binfmtbpf.binfmt.ExecOutcome;
import org.binfmtbpf.binfmt.ExecRequest;
import org.binfmtbpf.binfmt.ExecutableFiles;
import org.binfmtbpf.binfmt.Latin1;
import org.binfmtbpf.binfmt.Resolution;

/**
 * One execve of a file, as far as the kernel gets before the interpreter starts: the checks
 * execve makes on the file itself (ENOENT, EACCES), the binfmt_misc search, then the open of
 * the interpreter the entry names (ENOENT when it is not installed).
 */
public final class Resolver {
    private final BinfmtMisc binfmt;
    private final ExecutableFiles files;

    public Resolver(BinfmtMisc binfmt, ExecutableFiles files) {
        this.binfmt = binfmt;
        this.files = files;
    }

    public Resolver(BinfmtMisc binfmt) {
        this(binfmt, ExecutableFiles.HOST);
    }

    /**
     * @param file  the path as exec'd (relative paths stay relative, as bprm->filename does)
     * @param argv0 the argv[0] the caller passes; null means the path itself, as a shell does
     * @param args  argv[1..]
     */
    public Verdict resolve(String file, String argv0, List<String> args) throws IOException {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            return Verdict.failed(file, "ENOENT", "no such file");
        }
        if (!Files.isRegularFile(path)) {
            return Verdict.failed(file, "EACCES", "not a regular file");
        }
        if (!Files.isExecutable(path)) {
            return Verdict.failed(file, "EACCES", "not executable (no x permission bit)");
        }
        List<String> argv = new ArrayList<>();
        argv.add(Latin1.fromUtf8(argv0 != null ? argv0 : file));
        args.forEach(a -> argv.add(Latin1.fromUtf8(a)));
        ExecOutcome outcome = binfmt.resolve(ExecRequest.ofFile(path, Latin1.fromUtf8(file), argv));
        if (outcome instanceof ExecOutcome.Resolved resolved) {
            return verdict(file, resolved.resolution());
        }
        if (outcome instanceof ExecOutcome.Refused refused) {
            return new Verdict(file, text(refused.entry().name()), String.valueOf(refused.entry().type()),
                    programOf(refused.entry()), null, List.of(), refused.errno().name(), refused.reason());
        }
        return Verdict.failed(file, "ENOEXEC", binfmt.table().enabled()
                ? "no enabled entry matched (the kernel would go on to its other binary formats)"
                : "binfmt_misc is disabled (status 0)");
    }

    private Verdict verdict(String file, Resolution r) {
        Entry e = r.entry();
        List<String> argv = r.argv().stream().map(Resolver::text).toList();
        String errno = null;
        String reason = null;
        if (!r.interpreterPreopened()) {
            Errno failure = files.openExec(r.interpreter());
            if (failure != null) {
                errno = failure.name();
                reason = "interpreter " + text(r.interpreter()) + ": " + failure.text();
            }
        }
        return new Verdict(file, text(e.name()), String.valueOf(e.type()), programOf(e), text(r.interpreter()), argv,
                errno, reason);
    }

    private static String programOf(Entry e) {
        return e instanceof BpfEntry b ? text(b.programPath()) : null;
    }

    private static String text(String byteString) {
        return Latin1.toUtf8(byteString);
    }
}
