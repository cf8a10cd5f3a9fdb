package org.binfmtbpf.maps;

import java.util.Collections;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A map's contents as text, for comparing maps (ours with the kernel's) and for the CLI's
 * {@code map dump}: hex key to hex value, sorted by key bytes. Independent of any map's
 * iteration order, which differs between implementations.
 */
public record MapDump(String name, SortedMap<String, String> entries) {
    private static final HexFormat HEX = HexFormat.of();

    public MapDump {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** Walks {@code map} with get-next-key and copies every value. */
    public static MapDump of(BpfMap map) {
        SortedMap<String, String> entries = new TreeMap<>();
        for (byte[] k = map.nextKey(null); k != null; k = map.nextKey(k)) {
            byte[] v = map.lookup(k);
            if (v != null) {
                entries.put(HEX.formatHex(k), HEX.formatHex(v));
            }
        }
        return new MapDump(map.name(), entries);
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name).append(":");
        entries.forEach((k, v) -> s.append("\n  ").append(k).append(" = ").append(v));
        return s.toString();
    }
}
