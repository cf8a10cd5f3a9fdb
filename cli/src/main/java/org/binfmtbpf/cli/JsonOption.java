package org.binfmtbpf.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code -j/--json} and {@code -p/--pretty}, as bpftool spells them: after the verb
 * ({@code map dump id 1 -j}) or, as bpftool users type them, before it ({@code binfmt-bpf -j map dump id 1}).
 */
public final class JsonOption {
    /** Set by the top-level {@code -j}/{@code -p}; reset for every command line (see {@link Main}). */
    static boolean global;
    static boolean globalPretty;

    @Option(names = {"-j", "--json"}, description = "Print JSON instead of text.")
    boolean json;

    @Option(names = {"-p", "--pretty"}, description = "Print indented JSON (implies --json).")
    boolean pretty;

    public boolean enabled() {
        return json || pretty || global || globalPretty;
    }

    /**
     * What a command that succeeds without output prints: nothing, or under --json the
     * document {@code null}, as bpftool's {@code jsonw_null} after map update, map delete, prog
     * load and pin, so that a script always gets one JSON document to parse.
     */
    public void acknowledge(PrintWriter out) {
        if (enabled()) {
            out.println("null");
            out.flush();
        }
    }

    /** Prints {@code value} (records, lists, maps, strings, numbers) as one JSON document. */
    public void print(PrintWriter out, Object value) {
        out.println(Json.write(value, pretty || globalPretty));
        out.flush();
    }
}
