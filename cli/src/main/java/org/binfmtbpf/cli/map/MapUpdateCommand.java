package org.binfmtbpf.cli.map;

import java.util.List;
import java.util.concurrent.Callable;
import org.binfmtbpf.cli.HexBytes;
import org.binfmtbpf.cli.JsonOption;
import org.binfmtbpf.cli.StateOption;
import org.binfmtbpf.cli.Words;
import org.binfmtbpf.cli.Workspace;
import org.binfmtbpf.maps.UpdateFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** bpftool map update MAP key BYTES value BYTES [any|exist|noexist]. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Store value BYTES under key BYTES.",
            "'noexist' fails if the key is present, 'exist' if it is absent (EEXIST, ENOENT), as "
                + "BPF_MAP_UPDATE_ELEM does."})
public final class MapUpdateCommand implements Callable<Integer> {
    @Mixin StateOption state;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "MAP key BYTES value BYTES [any|exist|noexist]", arity = "1..*")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        try (Workspace ws = Workspace.open(state.directory())) {
            Words w = new Words(words);
            MapRef ref = MapRef.read(w, ws);
            w.expect("key");
            byte[] key = HexBytes.parse("key", w.until("value"), ref.map().keySize());
            w.expect("value");
            byte[] value = HexBytes.parse("value", w.until("any", "exist", "noexist"), ref.map().valueSize());
            long flags = UpdateFlags.ANY;
            if (w.hasMore()) {
                flags = switch (w.choice("update flags", "any", "exist", "noexist")) {
                    case "exist" -> UpdateFlags.EXIST;
                    case "noexist" -> UpdateFlags.NOEXIST;
                    default -> UpdateFlags.ANY;
                };
            }
            w.end();
            ref.requireWritable();
            ref.check(ref.map().update(key, value, flags));
            ws.saveMaps();
        }
        json.acknowledge(spec.commandLine().getOut());
        return 0;
    }
}
