package org.binfmtbpf.cli.prog;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.cli.Pin;
import org.binfmtbpf.cli.ProgramTag;
import org.binfmtbpf.cli.Programs;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.Words;
import org.binfmtbpf.cli.Workspace;
import org.binfmtbpf.program.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** bpftool prog show [PROG]. */
@Command(name = "show", aliases = "list", mixinStandardHelpOptions = true,
        description = {"Show pinned programs as bpftool prog show does.",
            "Prints id, type, name, tag (the kernel's SHA-256 tag, equal to bpftool's for the same object), "
                + "license, size, the ids of the maps it uses, pin. Ids are numbered in pin path order (the bpf "
                + "filesystem model keeps none)."})
public final class ProgShowCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PROG", arity = "0..*")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        Words w = new Words(words);
        List<Map<String, Object>> shown = new ArrayList<>();
        try (Workspace ws = Workspace.read(state.directory())) {
            List<Pin> pins;
            if (w.hasMore()) {
                pins = ProgRef.read(w).matches(ws);
                w.end();
            } else {
                pins = Pin.all(ws);
            }
            for (Pin pin : pins) {
                shown.add(describe(pin));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            // bpftool: one program named is an object, all of them (or several matching) an array.
            json.print(out, words != null && !words.isEmpty() && shown.size() == 1 ? shown.get(0) : shown);
            return 0;
        }
        for (Map<String, Object> p : shown) {
            out.printf("%d: %s  name %s  tag %s%s%n", p.get("id"), p.get("type"), p.get("name"), p.get("tag"),
                    (Boolean) p.get("gpl_compatible") ? "  gpl" : "");
            List<?> mapIds = (List<?>) p.get("map_ids");
            out.printf("\txlated %dB  not jited%s%n", p.get("bytes_xlated"), mapIds.isEmpty() ? ""
                    : "  map_ids " + mapIds.stream().map(String::valueOf).collect(Collectors.joining(",")));
            out.printf("\tpinned %s%n", ((List<?>) p.get("pinned")).get(0));
        }
        out.flush();
        return 0;
    }

    /** bpftool's JSON field names, so scripts written for bpftool -j read ours. */
    static Map<String, Object> describe(Pin pinned) {
        Program program = pinned.program();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", pinned.id());
        m.put("type", Programs.typeName(program.type()));
        m.put("name", program.name());
        m.put("tag", ProgramTag.of(program));
        m.put("gpl_compatible", Programs.gplCompatible(program.license()));
        m.put("bytes_xlated", program.length() * 8);
        m.put("jited", false);
        List<Integer> mapIds = pinned.mapIds();
        m.put("map_ids", MapReferences.used(program).stream().map(mapIds::get).toList());
        m.put("pinned", List.of(pinned.path()));
        return m;
    }
}
