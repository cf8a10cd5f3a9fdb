package org.binfmtbpf.cli.handlers;

import org.binfmtbpf.linux.Errno;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.binfmtbpf.binfmt.BinaryHeaders;
import org.binfmtbpf.binfmt.BinfmtMisc;
import org.binfmtbpf.binfmt.BpfEntry;
import org.binfmtbpf.binfmt.Entry;
import org.binfmtbpf.binfmt.ExecChain;
import org.binfmtbpf.binfmt.ExecRequest;
import org.binfmtbpf.binfmt.ExecutableFiles;
import org.binfmtbpf.binfmt.Latin1;

/**
 * One execve of a file, as far as the kernel gets before the interpreter starts: the open of
 * the file itself (ENOENT, EACCES, ENOTDIR, ELOOP, ENAMETOOLONG), then binfmt_misc's rewrites
 * ({@link ExecChain}: each opens its interpreter, which may be claimed by another entry in turn).
 */
public final class Resolver {
    private final BinfmtMisc binfmt;
    private final ExecutableFiles files;
    private final BinaryHeaders headers;

    public Resolver(BinfmtMisc binfmt, ExecutableFiles files, BinaryHeaders headers) {
        this.binfmt = binfmt;
        this.files = files;
        this.headers = headers;
    }

    public Resolver(BinfmtMisc binfmt) {
        this(binfmt, ExecutableFiles.HOST, BinaryHeaders.HOST);
    }

    /**
     * @param file  the path as exec'd (relative paths stay relative, as bprm->filename does)
     * @param argv0 the argv[0] the caller passes; null means the path itself, as a shell does
     * @param args  argv[1..]
     */
    public Verdict resolve(String file, String argv0, List<String> args) throws IOException {
        Errno unopenable = files.openExec(Latin1.fromUtf8(file)); // execve's open_exec of the file itself
        if (unopenable != null) {
            return Verdict.failed(file, unopenable.name(), unopenable.text()
                    + (unopenable == Errno.EACCES ? " (not a regular file with an x permission bit)" : ""));
        }
        List<String> argv = new ArrayList<>();
        argv.add(Latin1.fromUtf8(argv0 != null ? argv0 : file));
        args.forEach(a -> argv.add(Latin1.fromUtf8(a)));
        ExecChain chain = ExecChain.follow(binfmt, ExecRequest.ofFile(Path.of(file), Latin1.fromUtf8(file), argv), files,
                headers);
        if (!chain.recognised()) {
            return Verdict.failed(file, "ENOEXEC", binfmt.table().enabled()
                    ? "no enabled entry matched (the kernel would go on to its other binary formats)"
                    : "binfmt_misc is disabled (status 0)");
        }
        Entry first = chain.entries().get(0);
        List<String> via = chain.entries().stream().skip(1).map(e -> text(e.name())).toList();
        String interpreter = chain.lastInterpreter() == null ? null : text(chain.lastInterpreter());
        List<String> finalArgv = chain.argv().stream().map(Resolver::text).toList();
        return new Verdict(file, text(first.name()), String.valueOf(first.type()), programOf(first), via, interpreter,
                finalArgv, chain.errno() == null ? null : chain.errno().name(), chain.reason());
    }

    private static String programOf(Entry e) {
        return e instanceof BpfEntry b ? text(b.programPath()) : null;
    }

    private static String text(String byteString) {
        return Latin1.toUtf8(byteString);
    }
}
