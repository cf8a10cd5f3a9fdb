package org.binfmtbpf.verifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.binfmtbpf.asm.ConformanceAssembler;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InvalidProgramException;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.maps.ArrayMap;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.BpfMaps;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.program.SourceLine;
import org.binfmtbpf.program.Subprogram;

/**
 * A verifier test program written in the bpf_conformance assembly syntax, with directives in
 * comments:
 *
 * <pre>
 *   # why: what the program shows
 *   # expect: a substring of the refusal reason (rejection corpus only)
 *   # expect-insn: N    the instruction the refusal names (optional, rejection corpus only)
 *   # type: binfmt | socket | syscall | raw        (default binfmt)
 *   # map: NAME hash|array|prog_array KEY VALUE ENTRIES [rdonly]
 * </pre>
 *
 * Two pseudo-instructions load maps: {@code ldmap %rN, NAME} (the map handle) and
 * {@code ldmapval %rN, NAME, OFF} (the address of its value at OFF). The program is built
 * with {@link ProgramBuilder} like any other; one that its load-time validation refuses is
 * built directly instead, so the verifier itself must refuse malformed control flow. Each
 * instruction's source line is its line in the file.
 */
public record AsmProgram(String name, String why, String expect, Integer expectInsn, Program program) {
    private static final long MAP_MAGIC = 0x7e57_0001_0000_0000L;
    private static final long VALUE_MAGIC = 0x7e57_0002_0000_0000L;
    private static final Pattern LDMAP = Pattern.compile("^(\\s*(?:\\w+:)?\\s*)ldmap\\s+(%?r\\d+)\\s*,\\s*(\\w+)\\s*$");
    private static final Pattern LDMAPVAL = Pattern.compile("^(\\s*(?:\\w+:)?\\s*)ldmapval\\s+(%?r\\d+)\\s*,\\s*(\\w+)\\s*,\\s*(\\d+)\\s*$");

    public static AsmProgram load(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A program of the verifier's accept corpus, {@code src/test/resources/verifier/accept/NAME.asm}, from the classpath. */
    public static AsmProgram acceptCorpus(String name) {
        try (java.io.InputStream in = AsmProgram.class.getResourceAsStream("/verifier/accept/" + name + ".asm")) {
            if (in == null) {
                throw new IllegalArgumentException("no accept corpus program " + name);
            }
            return parse(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static AsmProgram parse(String name, String text) {
        String why = "", expect = null;
        Integer expectInsn = null;
        ProgramType type = ProgramType.BINFMT;
        List<BpfMap> maps = new ArrayList<>();
        List<String> mapNames = new ArrayList<>();
        StringBuilder asm = new StringBuilder();
        List<Integer> asmLineOfFileLine = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("# why:")) {
                why = (why.isEmpty() ? "" : why + " ") + t.substring(6).strip(); // a long why spans lines
            } else if (t.startsWith("# expect:")) {
                expect = t.substring(9).strip();
            } else if (t.startsWith("# expect-insn:")) {
                expectInsn = Integer.parseInt(t.substring(14).strip());
            } else if (t.startsWith("# type:")) {
                type = switch (t.substring(7).strip()) {
                    case "socket" -> ProgramType.SOCKET_FILTER;
                    case "syscall" -> ProgramType.SYSCALL;
                    case "raw" -> ProgramType.RAW;
                    default -> ProgramType.BINFMT;
                };
            } else if (t.startsWith("# map:")) {
                String[] f = t.substring(6).strip().split("\\s+");
                MapType mt = MapType.valueOf(f[1].toUpperCase(Locale.ROOT));
                int flags = f.length > 5 && f[5].equals("rdonly") ? MapSpec.F_RDONLY_PROG : 0;
                boolean rdonly = flags != 0;
                maps.add(BpfMaps.create(new MapSpec(f[0], mt, Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), flags, null, rdonly)));
                mapNames.add(f[0]);
            }
            asm.append(rewrite(line, mapNames)).append('\n');
        }
        Instruction[] insns = ConformanceAssembler.assemble(asm.toString());
        long[] imm64 = new long[insns.length];
        for (int pc = 0; pc < insns.length; pc++) {
            Instruction i = insns[pc];
            if (!i.isLdImm64()) {
                continue;
            }
            long v = i.imm64();
            if ((v & 0xffff_ffff_0000_0000L) == MAP_MAGIC) {
                int idx = (int) v;
                insns[pc] = new Instruction(i.opcode(), i.dst(), Opcodes.PSEUDO_MAP_IDX, (short) 0, idx, 0);
                imm64[pc] = ((long) maps.get(idx).handleId()) << 32;
            } else if ((v & 0xffff_ffff_0000_0000L) == VALUE_MAGIC) {
                int idx = (int) (v >>> 16) & 0xffff;
                int off = (int) (v & 0xffff);
                insns[pc] = new Instruction(i.opcode(), i.dst(), Opcodes.PSEUDO_MAP_IDX_VALUE, (short) 0, idx, off);
                insns[pc + 1] = Instruction.of(0, 0, 0, 0, off);
                imm64[pc] = maps.get(idx) instanceof ArrayMap array ? array.valueAddress(0) + off : 0;
            } else {
                imm64[pc] = v;
            }
        }
        SourceLine[] slotLines = sourceLines(name, insns.length, asm.toString());
        Program p;
        try {
            // The project's builder: load-time validation and the frame sizes the engines use.
            p = ProgramBuilder.of(name, type, insns, StandardHelpers.registry()).imm64(imm64).maps(maps).lines(slotLines).build();
        } catch (InvalidProgramException e) {
            // Malformed on purpose (rejection corpus): the verifier itself must refuse it.
            p = new Program(name, type, insns, imm64, functions(insns), StandardHelpers.registry(), maps, slotLines, "GPL");
        }
        return new AsmProgram(name, why, expect, expectInsn, p);
    }

    private static String rewrite(String line, List<String> mapNames) {
        Matcher m = LDMAP.matcher(line);
        if (m.matches()) {
            return m.group(1) + "lddw " + m.group(2) + ", 0x" + Long.toHexString(MAP_MAGIC | index(mapNames, m.group(3)));
        }
        m = LDMAPVAL.matcher(line);
        if (m.matches()) {
            long v = VALUE_MAGIC | ((long) index(mapNames, m.group(3)) << 16) | Integer.parseInt(m.group(4));
            return m.group(1) + "lddw " + m.group(2) + ", 0x" + Long.toHexString(v);
        }
        return line;
    }

    private static int index(List<String> names, String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no '# map: " + name + "' directive");
        }
        return i;
    }

    /** Functions start at 0 and at every local call target; frames are not declared (size 0). */
    static List<Subprogram> functions(Instruction[] insns) {
        TreeSet<Integer> starts = new TreeSet<>();
        starts.add(0);
        for (int pc = 0; pc < insns.length; pc++) {
            Instruction i = insns[pc];
            if (i.opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_CALL) && i.src() == Opcodes.CALL_LOCAL) {
                int t = pc + 1 + i.imm();
                if (t > 0 && t < insns.length) {
                    starts.add(t);
                }
            }
            if (i.isLdImm64()) {
                pc++;
            }
        }
        List<Integer> s = new ArrayList<>(starts);
        List<Subprogram> out = new ArrayList<>();
        for (int k = 0; k < s.size(); k++) {
            int end = k + 1 < s.size() ? s.get(k + 1) : insns.length;
            out.add(new Subprogram(k == 0 ? "main" : "f" + s.get(k), s.get(k), end, 0));
        }
        return out;
    }

    /** Each instruction's source line: the assembly line that produced it. */
    private static SourceLine[] sourceLines(String name, int slots, String asm) {
        SourceLine[] out = new SourceLine[slots];
        String[] lines = asm.split("\n", -1);
        int slot = 0;
        for (int ln = 0; ln < lines.length && slot < slots; ln++) {
            String code = lines[ln].replaceAll("#.*", "").replaceAll("^\\s*\\w+:", "").strip();
            if (code.isEmpty()) {
                continue;
            }
            out[slot] = new SourceLine(name, ln + 1, 0, code);
            slot += code.startsWith("lddw") ? 2 : 1;
        }
        return out;
    }
}
