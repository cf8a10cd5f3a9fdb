package org.binfmtbpf.cli.map;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.Words;
import org.binfmtbpf.cli.Workspace;
import org.binfmtbpf.maps.BpfMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** bpftool map dump MAP. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print every key and value of MAP in hex, as bpftool map dump does, then 'Found N elements'.")
public final class MapDumpCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "MAP", arity = "1..*")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = Workspace.read(state.directory())) {
            Words w = new Words(words);
            MapRef ref = MapRef.read(w, ws);
            w.end();
            BpfMap m = ref.map();
            List<Map<String, Object>> elements = new ArrayList<>();
            int count = 0;
            for (byte[] key = m.nextKey(null); key != null; key = m.nextKey(key)) {
                byte[] value = m.lookup(key);
                if (value == null) {
                    continue;
                }
                count++;
                if (json.enabled()) {
                    elements.add(Entries.json(key, value));
                } else {
                    out.println(Entries.plain(m, key, value));
                }
            }
            if (json.enabled()) {
                json.print(out, elements);
            } else {
                out.println("Found " + count + " element" + (count == 1 ? "" : "s"));
            }
        }
        out.flush();
        return 0;
    }
}
