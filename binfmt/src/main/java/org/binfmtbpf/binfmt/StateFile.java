package org.binfmtbpf.binfmt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The {@code state} file: the instance's status, the pins and the entries (newest first), one
 * per line, byte strings in hex. An entry is stored as the bytes that were written to
 * {@code register}, replayed through the parser on load; a 'B' entry also names the stored
 * program it holds, so unpinning or re-pinning the path later does not change it.
 * <pre>
 * binfmt-bpf state 1
 * status enabled
 * pin 2f7379732f66732f6270662f71656d75 0123456789abcdef0123456789abcdef
 * entry enabled 3a71656d753a423a2f7379732f... 0123456789abcdef0123456789abcdef
 * entry disabled 3a6a6176613a453a3a6a61723a3a2f7573722f62696e2f6a6176613a -
 * </pre>
 */
final class StateFile {
    private static final String MAGIC = "binfmt-bpf state 1";
    private static final HexFormat HEX = HexFormat.of();

    record StoredEntry(boolean enabled, byte[] registration, String programId) {}

    record Contents(boolean enabled, Map<String, String> pins, List<StoredEntry> entries) {}

    private StateFile() {}

    static byte[] encode(Table table, Map<String, PinnedProgram> pins) {
        StringBuilder b = new StringBuilder(MAGIC).append('\n');
        b.append("status ").append(table.enabled() ? "enabled" : "disabled").append('\n');
        pins.forEach((path, program) -> b.append("pin ").append(HEX.formatHex(Latin1.bytes(path))).append(' ')
                .append(program.id()).append('\n'));
        for (Registered r : table.entries()) {
            String id = r.entry() instanceof BpfEntry bpf ? bpf.program().id() : "-";
            b.append("entry ").append(r.enabled() ? "enabled" : "disabled").append(' ')
                    .append(HEX.formatHex(r.entry().registration())).append(' ').append(id).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static Contents decode(byte[] stored, String where) {
        String[] lines = new String(stored, StandardCharsets.US_ASCII).split("\n");
        if (lines.length == 0 || !lines[0].equals(MAGIC)) {
            throw new IllegalStateException(where + ": not a binfmt-bpf state file");
        }
        boolean enabled = true;
        Map<String, String> pins = new java.util.TreeMap<>();
        List<StoredEntry> entries = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            try {
                switch (f[0]) {
                    case "status" -> enabled = f[1].equals("enabled");
                    case "pin" -> pins.put(Latin1.of(HEX.parseHex(f[1])), f[2]);
                    case "entry" -> entries.add(new StoredEntry(f[1].equals("enabled"), HEX.parseHex(f[2]),
                            f[3].equals("-") ? null : f[3]));
                    default -> throw new IllegalArgumentException("unknown record '" + f[0] + "'");
                }
            } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
                throw new IllegalStateException(where + ":" + (i + 1) + ": damaged line: " + e.getMessage());
            }
        }
        return new Contents(enabled, pins, entries);
    }
}
