package org.binfmtbpf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.binfmtbpf.maps.BpfMap;

/**
 * The contents of one load's maps between commands (see {@link MapSets}): a process holds
 * maps only while it runs, so a command that changes them ({@code prog run}, {@code resolve},
 * {@code exec}, {@code map update}) saves them under {@code maps/<set>} in the state directory,
 * and a command that loads the maps restores them first. Lines: {@code map <name hex>}, then
 * {@code <key hex> <value hex>} per element.
 */
final class MapState {
    private MapState() {}

    private static final HexFormat HEX = HexFormat.of();

    static Path file(Path stateDir, String set) {
        return stateDir.resolve("maps").resolve(set);
    }

    /** The file's bytes for {@code maps} as they are now; equal bytes mean equal contents. */
    static byte[] encode(List<BpfMap> maps) {
        List<String> lines = new ArrayList<>();
        for (BpfMap m : maps) {
            lines.add("map " + HEX.formatHex(m.name().getBytes(StandardCharsets.UTF_8)));
            for (byte[] key = m.nextKey(null); key != null; key = m.nextKey(key)) {
                byte[] value = m.lookup(key);
                if (value != null) {
                    lines.add(HEX.formatHex(key) + " " + HEX.formatHex(value));
                }
            }
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Puts saved contents back; a map the file does not mention keeps what its object gave it.
     * A damaged file is named in one line: the state directory is the environment.
     */
    static void restore(Path file, List<BpfMap> maps) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        try {
            restore(lines, maps);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new UserError(ExitCodes.ENVIRONMENT, file + ": damaged map contents: " + e.getMessage(), e);
        }
    }

    private static void restore(List<String> lines, List<BpfMap> maps) {
        BpfMap current = null;
        for (String line : lines) {
            if (line.startsWith("map ")) {
                String name = new String(HEX.parseHex(line.substring(4)), StandardCharsets.UTF_8);
                current = maps.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
                if (current != null) {
                    clear(current);
                }
            } else if (current != null && !line.isEmpty()) {
                int space = line.indexOf(' ');
                current.update(HEX.parseHex(line.substring(0, space)), HEX.parseHex(line.substring(space + 1)), 0);
            }
        }
    }

    private static void clear(BpfMap m) {
        List<byte[]> keys = new ArrayList<>();
        for (byte[] key = m.nextKey(null); key != null; key = m.nextKey(key)) {
            keys.add(key);
        }
        keys.forEach(m::delete); // array maps refuse deletes; their values are overwritten instead
    }
}
