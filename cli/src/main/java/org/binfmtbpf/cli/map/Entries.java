package org.binfmtbpf.cli.map;

import org.binfmtbpf.cli.HexBytes;
import org.binfmtbpf.maps.BpfMap;

/**
 * bpftool's print_entry_plain: key and value on one line when both are small
 * ({@code key: 00 00 00 00  value: 01 00 ...}), else each under its own label, 16 bytes a line.
 */
final class Entries {
    private Entries() {}

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
