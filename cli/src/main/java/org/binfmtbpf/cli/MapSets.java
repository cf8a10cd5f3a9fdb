package org.binfmtbpf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.binfmtbpf.binfmt.PinStore;
import org.binfmtbpf.binfmt.StateDirectory;

/**
 * Which maps each pinned program and each 'B' entry uses. The kernel creates an object's maps
 * once per load ({@code prog load} or {@code prog loadall}) and every program of that load
 * refers to them, for as long as a pin or an entry holds one of the programs. Here a load's
 * maps are a set named {@code set-<random hex>}, their contents saved as {@code maps/<set>}
 * ({@link MapState}), and the file {@code map-sets} says which set each pin and each entry has:
 * {@code pin <path hex> <set>} and {@code entry <name hex> <set>} lines.
 *
 * <p>A pin the file does not list was pinned before sets were recorded: its set is named by its
 * path in hex ({@link #ofUnlistedPin}), the layout of the maps directory then.
 */
final class MapSets {
    private static final HexFormat HEX = HexFormat.of();
    private static final String PREFIX = "set-";
    private static final String PIN_PATH_HEX = HEX.formatHex((PinStore.MOUNT + "/").getBytes(StandardCharsets.UTF_8));

    private final Path file;
    private final Map<String, String> pins = new TreeMap<>();
    /** By entry name, a byte string (see {@link org.binfmtbpf.binfmt.Latin1}). */
    private final Map<String, String> entries = new TreeMap<>();
    private byte[] written;

    private MapSets(Path file) {
        this.file = file;
    }

    static MapSets read(Path file) throws IOException {
        MapSets sets = new MapSets(file);
        sets.written = Files.exists(file) ? Files.readAllBytes(file) : null;
        if (sets.written != null) {
            int number = 0;
            for (String line : new String(sets.written, StandardCharsets.US_ASCII).split("\n")) {
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(" ");
                if (f.length != 3 || !isSetName(f[2]) || !(f[0].equals("pin") || f[0].equals("entry"))) {
                    throw UserError.environment(file + ":" + number + ": damaged map set line '" + line + "'");
                }
                byte[] key;
                try {
                    key = HEX.parseHex(f[1]);
                } catch (IllegalArgumentException e) {
                    throw UserError.environment(file + ":" + number + ": damaged map set line '" + line + "'");
                }
                if (f[0].equals("pin")) {
                    sets.pins.put(new String(key, StandardCharsets.UTF_8), f[2]);
                } else {
                    sets.entries.put(new String(key, StandardCharsets.ISO_8859_1), f[2]);
                }
            }
        }
        return sets;
    }

    /** A name no load has had. */
    static String fresh() {
        return PREFIX + UUID.randomUUID().toString().replace("-", "");
    }

    /** The set of a pin made before sets were recorded: its path in hex. */
    static String ofUnlistedPin(String pinPath) {
        return HEX.formatHex(pinPath.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code name} (a file in maps/) is a set's: a recorded one or an unlisted pin's. */
    static boolean isSetName(String name) {
        return name.startsWith(PREFIX) && name.length() == PREFIX.length() + 32
                && name.substring(PREFIX.length()).chars().allMatch(MapSets::isHexDigit)
                || name.startsWith(PIN_PATH_HEX) && name.length() % 2 == 0 && name.chars().allMatch(MapSets::isHexDigit);
    }

    private static boolean isHexDigit(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
    }

    /** The pin's set as recorded, or null. */
    String pin(String path) {
        return pins.get(path);
    }

    /** The entry's set as recorded, or null. */
    String entry(String name) {
        return entries.get(name);
    }

    /** Records the sets of exactly these pins and entries; {@link #save} writes them. */
    void replace(Map<String, String> pinSets, Map<String, String> entrySets) {
        pins.clear();
        pins.putAll(pinSets);
        entries.clear();
        entries.putAll(entrySets);
    }

    /** Every set a pin or an entry has. */
    Set<String> live() {
        Set<String> live = new TreeSet<>(pins.values());
        live.addAll(entries.values());
        return live;
    }

    /** Writes the file atomically when it differs from what is on disk. */
    void save() throws IOException {
        List<String> lines = new ArrayList<>();
        pins.forEach((p, s) -> lines.add("pin " + HEX.formatHex(p.getBytes(StandardCharsets.UTF_8)) + " " + s));
        entries.forEach((e, s) -> lines.add("entry " + HEX.formatHex(e.getBytes(StandardCharsets.ISO_8859_1)) + " " + s));
        byte[] bytes = lines.isEmpty() ? new byte[0] : (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII);
        if (written == null ? bytes.length > 0 : !Arrays.equals(written, bytes)) {
            StateDirectory.writeAtomically(file, bytes);
            written = bytes;
        }
    }
}
