package org.binfmtbpf.cli.map;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.cli.NumberedMap;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.Words;
import org.binfmtbpf.cli.Workspace;
import org.binfmtbpf.maps.BpfMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** bpftool map show [MAP]. */
@Command(name = "show", aliases = "list", mixinStandardHelpOptions = true,
        description = "Show the maps of pinned programs: id, type, name, flags, key and value sizes, max_entries.")
public final class MapShowCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "MAP", arity = "0..*")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        List<Map<String, Object>> shown = new ArrayList<>();
        try (Workspace ws = Workspace.read(state.directory())) {
            Words w = new Words(words);
            if (w.hasMore()) {
                MapRef ref = MapRef.read(w, ws);
                w.end();
                shown.add(describe(ref.id(), ref.map()));
            } else {
                for (NumberedMap m : ws.maps()) {
                    shown.add(describe(m.id(), m.map()));
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            json.print(out, words != null && !words.isEmpty() ? shown.get(0) : shown);
            return 0;
        }
        for (Map<String, Object> m : shown) {
            out.printf("%d: %s  name %s  flags 0x%x%n", m.get("id"), m.get("type"), m.get("name"), m.get("flags"));
            out.printf("\tkey %dB  value %dB  max_entries %d%n", m.get("bytes_key"), m.get("bytes_value"),
                    m.get("max_entries"));
        }
        out.flush();
        return 0;
    }

    /** bpftool's JSON field names. */
    static Map<String, Object> describe(int id, BpfMap m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("type", m.type().name().toLowerCase(java.util.Locale.ROOT));
        d.put("name", m.name());
        d.put("flags", m.flags());
        d.put("bytes_key", m.keySize());
        d.put("bytes_value", m.valueSize());
        d.put("max_entries", m.maxEntries());
        return d;
    }
}
