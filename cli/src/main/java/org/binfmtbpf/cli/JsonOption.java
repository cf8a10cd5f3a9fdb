package org.binfmtbpf.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code -j/--json} and {@code -p/--pretty}, as bpftool spells them. */
public final class JsonOption {
    @Option(names = {"-j", "--json"}, description = "Print JSON instead of text.")
    boolean json;

    @Option(names = {"-p", "--pretty"}, description = "Print indented JSON (implies --json).")
    boolean pretty;

    public boolean enabled() {
        return json || pretty;
    }

    /** Prints {@code value} (records, lists, maps, strings, numbers) as one JSON document. */
    public void print(PrintWriter out, Object value) {
        out.println(Json.write(value, pretty));
        out.flush();
    }
}
