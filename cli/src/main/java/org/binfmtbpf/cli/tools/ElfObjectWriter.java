package org.binfmtbpf.cli.tools;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a minimal BPF relocatable object, as clang would lay it out for programs without
 * maps, relocations or BTF: one executable section per program type ({@code socket},
 * {@code binfmt}) holding its programs back to back, a global function symbol for each, a
 * {@code license} section and the string and symbol tables. libbpf, bpftool, llvm-objdump and
 * this project's loader read it.
 */
public final class ElfObjectWriter {
    private static final int EM_BPF = 247;
    private static final int SHT_PROGBITS = 1;
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_STRTAB = 3;
    private static final long SHF_WRITE = 1;
    private static final long SHF_ALLOC = 2;
    private static final long SHF_EXECINSTR = 4;
    private static final int STB_GLOBAL = 1;
    private static final int STT_FUNC = 2;

    /** One program: its symbol name, its section and its instruction bytes. */
    public record Function(String name, String section, byte[] code) {}

    private record Section(String name, int type, long flags, byte[] data, int link, int info, int align, int entsize) {}

    public static byte[] write(List<Function> functions, String license) {
        Strings strings = new Strings();
        Map<String, ByteArrayOutputStream> code = new LinkedHashMap<>();
        for (Function f : functions) {
            code.computeIfAbsent(f.section(), s -> new ByteArrayOutputStream());
        }
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("", 0, 0, new byte[0], 0, 0, 0, 0)); // SHN_UNDEF
        int strtab = 1;
        sections.add(null); // .strtab, written last: every name must be in it first
        Map<String, Integer> sectionIndex = new LinkedHashMap<>();
        for (String s : code.keySet()) {
            sectionIndex.put(s, sections.size());
            sections.add(null);
        }
        ByteBuffer symtab = ByteBuffer.allocate(24 * (functions.size() + 1)).order(ByteOrder.LITTLE_ENDIAN);
        symtab.position(24); // the null symbol
        for (Function f : functions) {
            ByteArrayOutputStream sec = code.get(f.section());
            symtab.putInt(strings.offset(f.name())).put((byte) ((STB_GLOBAL << 4) | STT_FUNC)).put((byte) 0)
                    .putShort((short) (int) sectionIndex.get(f.section())).putLong(sec.size()).putLong(f.code().length);
            sec.writeBytes(f.code());
        }
        for (Map.Entry<String, ByteArrayOutputStream> e : code.entrySet()) {
            sections.set(sectionIndex.get(e.getKey()), new Section(e.getKey(), SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
                    e.getValue().toByteArray(), 0, 0, 8, 0));
        }
        sections.add(new Section("license", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE,
                (license + "\0").getBytes(StandardCharsets.US_ASCII), 0, 0, 1, 0));
        sections.add(new Section(".symtab", SHT_SYMTAB, 0, symtab.array(), strtab, 1, 8, 24));
        for (Section s : sections) {
            if (s != null) {
                strings.offset(s.name());
            }
        }
        strings.offset(".strtab");
        sections.set(strtab, new Section(".strtab", SHT_STRTAB, 0, strings.bytes(), 0, 0, 1, 0));
        return layout(sections, strings, strtab);
    }

    private static byte[] layout(List<Section> sections, Strings strings, int strtab) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long[] offsets = new long[sections.size()];
        int at = 64;
        for (int i = 1; i < sections.size(); i++) {
            Section s = sections.get(i);
            int pad = s.align() > 1 ? (int) ((s.align() - at % s.align()) % s.align()) : 0;
            body.writeBytes(new byte[pad]);
            at += pad;
            offsets[i] = at;
            body.writeBytes(s.data());
            at += s.data().length;
        }
        int shoffPad = (8 - at % 8) % 8;
        body.writeBytes(new byte[shoffPad]);
        long shoff = at + shoffPad;
        ByteBuffer out = ByteBuffer.allocate((int) shoff + 64 * sections.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
        out.putShort((short) 1).putShort((short) EM_BPF).putInt(1).putLong(0).putLong(0).putLong(shoff).putInt(0)
                .putShort((short) 64).putShort((short) 0).putShort((short) 0).putShort((short) 64)
                .putShort((short) sections.size()).putShort((short) strtab);
        out.put(body.toByteArray());
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            out.putInt(i == 0 ? 0 : strings.offset(s.name())).putInt(s.type()).putLong(s.flags()).putLong(0)
                    .putLong(offsets[i]).putLong(s.data().length).putInt(s.link()).putInt(s.info())
                    .putLong(s.align()).putLong(s.entsize());
        }
        return out.array();
    }

    /** A string table: NUL first, each name once. */
    private static final class Strings {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Map<String, Integer> offsets = new LinkedHashMap<>();

        Strings() {
            bytes.write(0);
            offsets.put("", 0);
        }

        int offset(String s) {
            return offsets.computeIfAbsent(s, k -> {
                int at = bytes.size();
                bytes.writeBytes((k + "\0").getBytes(StandardCharsets.UTF_8));
                return at;
            });
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
