package org.binfmtbpf.elf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.binfmtbpf.btf.Btf;
import org.binfmtbpf.btf.BtfExt;
import org.binfmtbpf.btf.BtfFormatException;
import org.binfmtbpf.helpers.HelperRegistry;
import org.binfmtbpf.isa.InvalidProgramException;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.BpfMaps;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.maps.ProgArrayMap;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;

/**
 * Loads a clang-compiled BPF object ({@code clang -O2 -g -target bpf}) unmodified, with
 * libbpf's conventions: programs are the global functions of the program sections
 * ({@code socket}, {@code syscall}, {@code binfmt}, ...), subprograms come from {@code .text},
 * maps from {@code .maps} (BTF-defined) and the legacy {@code maps} section, global data
 * from {@code .rodata*}, {@code .data*} and {@code .bss*}, line info from {@code .BTF.ext}.
 *
 * <p>Any malformed or hostile input ends in a one-line {@link ElfFormatException} naming the
 * object, the section and the file offset; every allocation is bounded by the file's size
 * (or, for preallocated arrays, by {@link MapLimits#MAX_ARRAY_BYTES}).
 */
public final class ElfLoader {
    private final ElfFile file;
    private final String objectName;
    private final Function<ProgramType, HelperRegistry> helpers;
    private final ProgramType typeOverride;
    private Btf btf;
    private BtfExt ext;

    private ElfLoader(ElfFile file, String objectName, Function<ProgramType, HelperRegistry> helpers,
            ProgramType typeOverride) {
        this.file = file;
        this.objectName = objectName;
        this.helpers = helpers;
        this.typeOverride = typeOverride;
    }

    /** Loads {@code bytes}; each program's type comes from its section name. */
    public static LoadedObject load(byte[] bytes, String objectName, HelperRegistry helpers) {
        return load(bytes, objectName, helpers, null);
    }

    /**
     * Loads {@code bytes}; a non-null {@code typeOverride} gives every program that type whatever
     * its section, like {@code bpftool prog load OBJ PATH type socket}.
     */
    public static LoadedObject load(byte[] bytes, String objectName, HelperRegistry helpers, ProgramType typeOverride) {
        return load(bytes, objectName, type -> helpers, typeOverride);
    }

    /**
     * Loads {@code bytes}, each program with the helpers of its own type, {@code helpersByType.apply(type)}
     * (the kernel checks a call against the program type's helpers): a call to a helper its type
     * lacks is refused here, as when the program is loaded on its own with that type's helpers.
     */
    public static LoadedObject load(byte[] bytes, String objectName, Function<ProgramType, HelperRegistry> helpersByType,
            ProgramType typeOverride) {
        try {
            return new ElfLoader(ElfFile.parse(bytes), objectName, helpersByType, typeOverride).run();
        } catch (ElfFormatException e) {
            throw e.in(objectName);
        }
    }

    /** libbpf's object name: the file's base name up to its first '.' ("x.bpf.o" is "x"). */
    static String libbpfObjectName(String objectName) {
        String base = objectName.substring(objectName.lastIndexOf('/') + 1);
        int dot = base.indexOf('.');
        return dot >= 0 ? base.substring(0, dot) : base;
    }

    private LoadedObject run() {
        checkAllRelocationTypes();
        readBtf();
        String license = license();
        List<MapDeclaration> declarations = declareMaps();
        List<BpfMap> maps = createMaps(declarations);
        try {
            return new LoadedObject(objectName, license, maps, linkPrograms(declarations, maps, license));
        } catch (RuntimeException e) {
            maps.forEach(BpfMap::close); // a refused object leaves no regions behind
            throw e;
        }
    }

    private List<LoadedProgram> linkPrograms(List<MapDeclaration> declarations, List<BpfMap> maps, String license) {
        ElfSection textSection = file.section(".text");
        CodeSection text = textSection != null && textSection.executable() ? new CodeSection(file, textSection) : null;
        List<CodeSection> programSections = new ArrayList<>();
        for (ElfSection s : file.sections()) {
            if (s.executable() && s != textSection) {
                programSections.add(new CodeSection(file, s));
            }
        }
        CodeRelocations relocations = new CodeRelocations(file, declarations, text == null ? -1 : textSection.index());
        if (text != null) {
            relocations.apply(text);
        }
        programSections.forEach(relocations::apply);
        List<LoadedProgram> programs = new ArrayList<>();
        try {
            for (CodeSection code : programSections) {
                ProgramType type = programType(code);
                for (CodeFunction f : code.functions()) {
                    if (f.local()) {
                        throw ElfFormatException.at(code.section().label(), code.section().offset() + f.start() * 8L,
                                "program '" + f.name() + "' is static; programs must be global functions");
                    }
                    ProgramLinker.Linked linked = new ProgramLinker(text, maps, ext).link(f);
                    Program program;
                    try {
                        program = ProgramBuilder.of(f.name(), type, linked.insns(), helpers.apply(type)).imm64(linked.imm64()).maps(maps)
                                .lines(linked.lines()).functionNames(linked.functionNames()).license(license).build();
                    } catch (InvalidProgramException e) {
                        throw linked.error(e.index(), "program '" + f.name() + "': " + e.getMessage());
                    }
                    programs.add(new LoadedProgram(f.name(), code.name(), program));
                }
            }
        } catch (BtfFormatException e) {
            throw btfError(".BTF", e);
        }
        fillProgramArrays(declarations, maps, programs);
        return programs;
    }

    private ProgramType programType(CodeSection code) {
        if (typeOverride != null) {
            return typeOverride;
        }
        ProgramType type = ProgramSections.typeOf(code.name());
        if (type == null) {
            throw ElfFormatException.at(code.section().label(), code.section().offset(),
                    "not a program section this engine knows (socket, socket/..., syscall, binfmt, binfmt/...); give a program type to load it anyway");
        }
        return type;
    }

    /** Every REL section, used or not, must hold known relocation types against existing symbols. */
    private void checkAllRelocationTypes() {
        for (ElfSection s : file.sections()) {
            if (s.type() != ElfSection.SHT_REL) {
                continue;
            }
            ElfBytes where = file.contents(s);
            for (ElfRelocation r : file.relocations(file.section(s.info()))) {
                long pos = r.fileOffset() - s.offset();
                if (!ElfRelocation.known(r.type())) {
                    throw where.error(pos + 8, "relocation type " + r.type() + " unknown");
                }
                if (r.symbol() < 0 || r.symbol() >= file.symbols().size()) {
                    throw where.error(pos + 12, "symbol index " + Integer.toUnsignedString(r.symbol()) + " out of range ("
                            + file.symbols().size() + " symbols)");
                }
            }
        }
    }

    private void readBtf() {
        ElfSection btfSection = file.section(".BTF");
        if (btfSection == null || !btfSection.hasFileContents()) {
            return;
        }
        try {
            btf = Btf.parse(file.data(btfSection));
        } catch (BtfFormatException e) {
            throw btfError(".BTF", e);
        }
        ElfSection extSection = file.section(".BTF.ext");
        if (extSection != null && extSection.hasFileContents()) {
            try {
                ext = BtfExt.parse(file.data(extSection), btf);
            } catch (BtfFormatException e) {
                throw btfError(".BTF.ext", e);
            }
        }
    }

    private ElfFormatException btfError(String name, BtfFormatException e) {
        ElfSection s = file.section(name);
        return ElfFormatException.at("section '" + name + "'", (s == null ? 0 : s.offset()) + e.offset(), e.getMessage());
    }

    /** The {@code license} section's string ("" when there is none, as libbpf). */
    private String license() {
        ElfSection s = file.section("license");
        if (s == null || !s.hasFileContents()) {
            return "";
        }
        byte[] bytes = file.data(s);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** libbpf's order: legacy {@code maps}, BTF-defined {@code .maps}, then global data by section index. */
    private List<MapDeclaration> declareMaps() {
        List<MapDeclaration> out = new ArrayList<>();
        ElfSection legacy = file.section("maps");
        if (legacy != null && legacy.hasFileContents() && legacy.size() > 0) {
            out.addAll(LegacyMapDefinitions.parse(file, legacy));
        }
        ElfSection btfMaps = file.section(".maps");
        if (btfMaps != null && btfMaps.size() > 0) {
            try {
                out.addAll(BtfMapDefinitions.parse(file, btfMaps, btf));
            } catch (BtfFormatException e) {
                throw ElfFormatException.at(btfMaps.label(), btfMaps.offset(), "BTF map definition: " + e.getMessage());
            }
        }
        String libbpfName = libbpfObjectName(objectName);
        for (ElfSection s : file.sections()) {
            if (GlobalData.isData(s)) {
                out.add(GlobalData.declare(file, s, libbpfName, btf));
            }
        }
        return out;
    }

    private List<BpfMap> createMaps(List<MapDeclaration> declarations) {
        List<BpfMap> maps = new ArrayList<>(declarations.size());
        for (MapDeclaration d : declarations) {
            ElfSection s = file.section(d.section());
            String problem = MapLimits.check(d.spec());
            if (problem == null) {
                try {
                    maps.add(BpfMaps.create(d.spec()));
                    continue;
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            maps.forEach(BpfMap::close);
            throw ElfFormatException.at(s.label(), s.offset() + d.offset(), "map '" + d.spec().name() + "': " + problem);
        }
        return maps;
    }

    /** libbpf's declarative prog array initialisation: {@code .rel.maps} entries in a map's 'values'. */
    private void fillProgramArrays(List<MapDeclaration> declarations, List<BpfMap> maps, List<LoadedProgram> programs) {
        ElfSection mapsSection = file.section(".maps");
        ElfSection rel = mapsSection == null ? null : file.relocationSection(mapsSection);
        if (rel == null) {
            return;
        }
        ElfBytes where = file.contents(rel);
        Map<String, LoadedProgram> byName = new HashMap<>();
        programs.forEach(p -> byName.put(p.name(), p));
        for (ElfRelocation r : file.relocations(mapsSection)) {
            long pos = r.fileOffset() - rel.offset();
            if (r.type() != ElfRelocation.R_BPF_64_ABS64 && r.type() != ElfRelocation.R_BPF_64_64) {
                throw where.error(pos + 8, "relocation type " + r.type() + " in .maps (expected R_BPF_64_ABS64)");
            }
            ElfSymbol sym = file.symbol(r.symbol(), where, pos + 12);
            int index = -1;
            for (int i = 0; i < declarations.size(); i++) {
                MapDeclaration d = declarations.get(i);
                if (d.section() == mapsSection.index() && d.contains(r.offset())) {
                    index = i;
                }
            }
            if (index < 0 || declarations.get(index).valuesOffset() < 0) {
                throw where.error(pos, "relocation at .maps+0x" + Long.toHexString(r.offset()) + " is in no map's 'values'");
            }
            MapDeclaration d = declarations.get(index);
            long slotOffset = r.offset() - d.offset() - d.valuesOffset();
            if (slotOffset < 0 || slotOffset % 8 != 0 || slotOffset / 8 >= d.spec().maxEntries()) {
                throw where.error(pos, "relocation at .maps+0x" + Long.toHexString(r.offset()) + " is not a slot of map '"
                        + d.spec().name() + "'");
            }
            LoadedProgram target = byName.get(sym.name());
            if (!sym.isFunction() || target == null || file.section(sym.section()).index() == 0
                    || !target.section().equals(file.section(sym.section()).name())) {
                throw where.error(pos + 12, "map '" + d.spec().name() + "' slot " + slotOffset / 8 + " refers to '" + sym.name()
                        + "', which is not a program of this object");
            }
            if (d.spec().type() == MapType.PROG_ARRAY) {
                ((ProgArrayMap) maps.get(index)).set((int) (slotOffset / 8), target.program());
            }
        }
    }
}
