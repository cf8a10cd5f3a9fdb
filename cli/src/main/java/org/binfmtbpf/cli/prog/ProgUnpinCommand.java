package org.binfmtbpf.cli.prog;

import java.util.List;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.Words;
import org.binfmtbpf.cli.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** rm /sys/fs/bpf/PIN: bpftool has no verb for it; entries already registered keep their program. */
@Command(name = "unpin", mixinStandardHelpOptions = true,
        description = {"Remove a pin, a program's or a map's, as 'rm /sys/fs/bpf/PIN' does.",
            "A 'B' entry registered with the program keeps it, as the kernel's entry keeps its reference."})
public final class ProgUnpinCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "pinned PIN", arity = "1..*", description = "The pin, optionally after the word 'pinned'.")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        Words w = new Words(words);
        w.accept("pinned");
        String pin = w.operand("PIN");
        w.end();
        try (Workspace ws = Workspace.open(state.directory())) {
            ws.unpin(pin);
            ws.commit();
        }
        json.acknowledge(spec.commandLine().getOut());
        return 0;
    }
}
