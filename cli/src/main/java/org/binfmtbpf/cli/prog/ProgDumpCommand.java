package org.binfmtbpf.cli.prog;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.Pin;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.Words;
import org.binfmtbpf.cli.Workspace;
import org.binfmtbpf.jit.JitCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** bpftool prog dump xlated|jited PROG [linum]. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Dump a pinned program's instructions (xlated) or the JIT's bytecode for it (jited).",
            "xlated: the program's instructions in the kernel's syntax, each C source line (from the object's"
                + " BTF line info) before its instructions; 'linum' adds file, line and column.",
            "jited: the JVM bytecode the JIT generates for it (ASM Textifier)."})
public final class ProgDumpCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "xlated|jited PROG [linum]", arity = "1..*")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        Words w = new Words(words);
        String what = w.choice("what to dump", "xlated", "jited");
        ProgRef prog = ProgRef.read(w);
        boolean linum = what.equals("xlated") && w.accept("linum");
        w.end();
        Pin pinned;
        try (Workspace ws = Workspace.read(state.directory())) {
            pinned = prog.one(ws);
            pinned.program();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (what.equals("xlated") && json.enabled()) {
            json.print(out, XlatedDump.json(pinned.program(), pinned.mapIds()));
        } else if (what.equals("xlated")) {
            XlatedDump.print(out, pinned.program(), pinned.mapIds(), linum);
        } else if (json.enabled()) {
            // One string per line of the Textifier's listing: what bpftool -j gives is a list too.
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", pinned.program().name());
            m.put("lines", JitCompiler.textify(pinned.program()).lines().toList());
            json.print(out, m);
        } else {
            out.print(JitCompiler.textify(pinned.program()));
            out.flush();
        }
        return 0;
    }
}
