package org.binfmtbpf.cli.prog;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.Engines;
import org.binfmtbpf.cli.InputFiles;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.cli.KernelRun;
import org.binfmtbpf.cli.Pin;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.Words;
import org.binfmtbpf.cli.Workspace;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** bpftool prog run PROG data_in FILE [repeat N]. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a pinned program on FILE, as bpftool prog run does.",
            "FILE - is stdin. Prints 'Return value: R, duration: Tns' (' (average)' with repeat > 1), then the interpreter the"
                + " program chose with bpf_binprm_set_interp, if any. A header program ('B' programs: socket, "
                + "binfmt, syscall) sees FILE's first 256 bytes, zero-filled, as binfmt_misc gives it bprm->buf.",
            "--engine kernel runs it in the running kernel through bpf(2) BPF_PROG_TEST_RUN, as a syscall "
                + "program on the same 256 bytes, where the machine allows it. Map changes are kept."})
public final class ProgRunCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Option(names = "--engine", paramLabel = "interp|jit|kernel", defaultValue = "interp",
            description = "Where to run it (default: ${DEFAULT-VALUE}).")
    String engine;

    @Parameters(paramLabel = "PROG data_in FILE [repeat N]", arity = "1..*")
    List<String> words;

    /** One measured run: r0, mean nanoseconds per run, the chosen interpreter or null. */
    public record Outcome(long retval, long duration, String interpreter) {}

    @Override
    public Integer call() throws Exception {
        Words w = new Words(words);
        ProgRef prog = ProgRef.read(w);
        w.expect("data_in");
        String dataIn = w.operand("FILE");
        int repeat = 1;
        if (w.accept("repeat")) {
            repeat = Math.max(1, w.integer("repeat count"));
        }
        w.end();
        byte[] data = InputFiles.bytes(dataIn, System.in); // - is stdin, as in bpftool
        Outcome o;
        try (Workspace ws = Workspace.run(state.directory())) {
            Pin pinned = prog.one(ws);
            Program program = pinned.program();
            byte[] context = program.type().headerContext() ? Arrays.copyOf(data, ProgramType.HEADER_SIZE) : data;
            o = engine.equals(Engines.KERNEL) ? KernelRun.run(program, context, repeat)
                    : run(Engines.named(engine).prepare(program), context, repeat);
            ws.saveMaps();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("retval", o.retval());
            m.put("duration", o.duration());
            m.put("interpreter", o.interpreter());
            m.put("engine", engine);
            json.print(out, m);
        } else {
            out.printf("Return value: %d, duration%s: %dns%n", o.retval(), repeat > 1 ? " (average)" : "", o.duration());
            if (o.interpreter() != null) {
                out.println("Interpreter: " + o.interpreter());
            }
            out.flush();
        }
        return 0;
    }

    /** Runs {@code repeat} times on this thread's invocation; the duration is the mean. */
    static Outcome run(Executable exe, byte[] context, int repeat) {
        Invocation inv = Invocation.current();
        long r0 = 0;
        long start = System.nanoTime();
        for (int i = 0; i < repeat; i++) {
            inv.begin(exe, context);
            r0 = exe.run(inv);
        }
        long mean = (System.nanoTime() - start) / repeat;
        return new Outcome(r0 & 0xffffffffL, mean, inv.chosenInterpreter());
    }
}
