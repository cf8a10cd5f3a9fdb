package org.binfmtbpf.cli.map;

import java.util.List;
import java.util.concurrent.Callable;
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

/** bpftool map delete MAP key BYTES. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Remove the element under key BYTES (arrays refuse: EINVAL, as in the kernel).")
public final class MapDeleteCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "MAP key BYTES", arity = "1..*")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        try (Workspace ws = Workspace.open(state.directory())) {
            Words w = new Words(words);
            MapRef ref = MapRef.read(w, ws);
            w.expect("key");
            byte[] key = HexBytes.parse("key", w.until(), ref.map().keySize());
            ref.requireWritable();
            ref.check(ref.map().delete(key));
            ws.saveMaps();
        }
        json.acknowledge(spec.commandLine().getOut());
        return 0;
    }
}
