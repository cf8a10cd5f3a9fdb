package org.binfmtbpf.cli.map;

import java.util.LinkedHashMap;
import java.util.Map;
import org.binfmtbpf.cli.HexBytes;
import org.binfmtbpf.maps.BpfMap;

/** One map element as bpftool prints it, in text and in JSON. */
final class Entries {
    private Entries() {}

    /** bpftool's JSON element: {@code {"key":["0x01",...],"value":[...]}}; a value not found is null. */
    static Map<String, Object> json(byte[] key, byte[] value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("key", HexBytes.jsonBytes(key));
        e.put("value", value == null ? null : HexBytes.jsonBytes(value));
        return e;
    }

    /**
     * bpftool's print_entry_plain: key and value on one line when both are small
     * ({@code key: 00 00 00 00  value: 01 00 ...}), else each under its own label, 16 bytes a line.
     */
    static String plain(BpfMap m, byte[] key, byte[] value) {
        boolean breakNames = m.keySize() > 16 || m.valueSize() > 16;
        boolean singleLine = m.keySize() + m.valueSize() <= 24 && !breakNames;
        StringBuilder sb = new StringBuilder();
        if (m.keySize() > 0) {
            sb.append("key:").append(breakNames ? '\n' : ' ').append(HexBytes.dump(key)).append(singleLine ? "  " : "\n");
        }
        if (m.valueSize() > 0) {
            sb.append("value:").append(breakNames ? '\n' : ' ').append(HexBytes.dump(value));
        }
        return sb.toString();
    }
}
