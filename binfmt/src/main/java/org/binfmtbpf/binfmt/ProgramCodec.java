package org.binfmtbpf.binfmt;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.binfmtbpf.program.ProgramType;

/**
 * The stored form of a {@link ProgramSource} in the state directory: a few {@code key value}
 * lines, the bytes in hex. Text, so a user can look at what is pinned.
 * <pre>
 * binfmt-bpf program 1
 * kind insns
 * type socket
 * name qemu
 * bytes b70000000100000095000000...
 * </pre>
 */
final class ProgramCodec {
    private static final String MAGIC = "binfmt-bpf program 1";
    private static final HexFormat HEX = HexFormat.of();

    private ProgramCodec() {}

    static byte[] encode(ProgramSource source) {
        String text = MAGIC + "\n"
                + "kind " + source.kind() + "\n"
                + "type " + source.type().sectionName() + "\n"
                + "name " + HEX.formatHex(source.name().getBytes(StandardCharsets.UTF_8)) + "\n"
                + (source instanceof ElfProgramSource elf
                        ? "object " + HEX.formatHex(elf.objectName().getBytes(StandardCharsets.UTF_8)) + "\n" : "")
                + "bytes " + HEX.formatHex(source.bytes()) + "\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static ProgramSource decode(byte[] stored, String where) {
        String[] lines = new String(stored, StandardCharsets.US_ASCII).split("\n");
        if (lines.length == 0 || !lines[0].equals(MAGIC)) {
            throw new IllegalStateException(where + ": not a stored binfmt-bpf program");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int space = lines[i].indexOf(' ');
            if (space > 0) {
                fields.put(lines[i].substring(0, space), lines[i].substring(space + 1));
            }
        }
        try {
            ProgramType type = typeNamed(fields.get("type"));
            String name = new String(HEX.parseHex(fields.get("name")), StandardCharsets.UTF_8);
            byte[] bytes = HEX.parseHex(fields.get("bytes"));
            String kind = fields.get("kind");
            if (RawProgramSource.KIND.equals(kind)) {
                return new RawProgramSource(name, type, bytes);
            }
            if (ElfProgramSource.KIND.equals(kind)) {
                String object = new String(HEX.parseHex(fields.get("object")), StandardCharsets.UTF_8);
                return new ElfProgramSource(object, name, type, bytes);
            }
            throw new IllegalStateException(where + ": unknown program kind '" + kind + "'");
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IllegalStateException(where + ": damaged stored program: " + e.getMessage());
        }
    }

    static ProgramType typeNamed(String sectionName) {
        for (ProgramType t : ProgramType.values()) {
            if (t.sectionName().equals(sectionName)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown program type '" + sectionName + "'");
    }
}
