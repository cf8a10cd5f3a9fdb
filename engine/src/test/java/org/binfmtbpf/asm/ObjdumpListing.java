package org.binfmtbpf.asm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of {@code llvm-objdump-19 -d --no-show-raw-insn}, split by section: the lines
 * that follow each "Disassembly of section" line, and the symbols from its headers.
 */
record ObjdumpListing(String section, List<String> lines, Map<Integer, String> symbols) {
    private static final Pattern SECTION = Pattern.compile("^Disassembly of section (.+):$");
    private static final Pattern HEADER = Pattern.compile("^([0-9a-f]{16}) <(.+)>:$");

    static List<ObjdumpListing> parse(String output) {
        List<ObjdumpListing> sections = new ArrayList<>();
        String name = null;
        List<String> lines = null;
        Map<Integer, String> symbols = null;
        for (String line : output.split("\n", -1)) {
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                if (name != null) sections.add(new ObjdumpListing(name, trim(lines), symbols));
                name = s.group(1);
                lines = new ArrayList<>();
                symbols = new LinkedHashMap<>();
                continue;
            }
            if (name == null) continue;
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                symbols.put((int) (Long.parseLong(h.group(1), 16) / 8), h.group(2));
            }
            lines.add(line);
        }
        if (name != null) sections.add(new ObjdumpListing(name, trim(lines), symbols));
        return sections;
    }

    /** Drops the blank line after "Disassembly of section" (ours starts at the header's blank) and the trailing one. */
    private static List<String> trim(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
        return out;
    }
}
