package org.binfmtbpf.cli.map;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.ExitCodes;
import org.binfmtbpf.cli.HexBytes;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.Words;
import org.binfmtbpf.cli.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** bpftool map lookup MAP key BYTES. */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = "Print the value stored under key BYTES, or 'Not found' (exit status 1).")
public final class MapLookupCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "MAP key BYTES", arity = "1..*")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = Workspace.read(state.directory())) {
            Words w = new Words(words);
            MapRef ref = MapRef.read(w, ws);
            w.expect("key");
            byte[] key = HexBytes.parse("key", w.until(), ref.map().keySize());
            byte[] value = ref.map().lookup(key);
            if (json.enabled()) {
                json.print(out, Entries.json(key, value));
            } else if (value == null) {
                out.println("key:\n" + HexBytes.dump(key) + "\n\nNot found");
            } else {
                out.println(Entries.plain(ref.map(), key, value));
            }
            out.flush();
            return value == null ? ExitCodes.NO : ExitCodes.OK;
        }
    }
}
