package org.binfmtbpf.btf;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code .BTF} section: the type table (id 0 is void) and the string table. Answers
 * what the loader needs: sizes of map key and value types, the members of a map definition,
 * the data section layouts, and the strings that {@code .BTF.ext} line info points at.
 */
public final class Btf {
    /** libbpf's bound on chains of modifiers, typedefs and arrays. */
    static final int MAX_RESOLVE_DEPTH = 32;

    private final List<BtfType> types;
    private final BtfStrings strings;

    Btf(List<BtfType> types, BtfStrings strings) {
        this.types = List.copyOf(types);
        this.strings = strings;
    }

    /** Parses a whole {@code .BTF} section. */
    public static Btf parse(byte[] section) {
        return BtfParser.parse(section);
    }

    /** Number of type ids, void included. */
    public int typeCount() {
        return types.size();
    }

    public BtfType type(int id) {
        if (id < 0 || id >= types.size()) {
            throw new BtfFormatException(0, "type id " + id + " out of range (" + types.size() + " types)");
        }
        return types.get(id);
    }

    /** The string at {@code offset} in the string section. */
    public String string(long offset) {
        return strings.at(offset);
    }

    /** Follows typedefs and qualifiers (const, volatile, restrict, type tags) to the underlying type id. */
    public int skipModifiers(int id) {
        for (int depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
            if (!(type(id) instanceof BtfType.Modifier m)) {
                return id;
            }
            id = m.type();
        }
        throw new BtfFormatException(0, "type id " + id + ": modifier chain longer than " + MAX_RESOLVE_DEPTH);
    }

    /** The size in bytes of type {@code id}, as libbpf's btf__resolve_size computes it. */
    public long sizeOf(int id) {
        long elements = 1;
        for (int depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
            BtfType t = type(id);
            long size;
            if (t instanceof BtfType.Int i) {
                size = i.size();
            } else if (t instanceof BtfType.Float f) {
                size = f.size();
            } else if (t instanceof BtfType.Ptr) {
                size = 8;
            } else if (t instanceof BtfType.Composite c) {
                size = c.size();
            } else if (t instanceof BtfType.Enum e) {
                size = e.size();
            } else if (t instanceof BtfType.DataSec d) {
                size = d.size();
            } else if (t instanceof BtfType.Modifier m) {
                id = m.type();
                continue;
            } else if (t instanceof BtfType.Var v) {
                id = v.type();
                continue;
            } else if (t instanceof BtfType.Array a) {
                if (a.elements() != 0 && elements > Integer.MAX_VALUE / a.elements()) {
                    throw new BtfFormatException(0, "type id " + id + ": array size overflows");
                }
                elements *= a.elements();
                id = a.elementType();
                continue;
            } else {
                throw new BtfFormatException(0, "type id " + id + " (" + t.kind() + ") has no size");
            }
            long total = size * elements;
            if (total > Integer.MAX_VALUE) {
                throw new BtfFormatException(0, "type id " + id + ": size overflows");
            }
            return total;
        }
        throw new BtfFormatException(0, "type id " + id + ": type chain longer than " + MAX_RESOLVE_DEPTH);
    }

    /** The first DATASEC named {@code name}, or null. */
    public BtfType.DataSec dataSection(String name) {
        for (BtfType t : types) {
            if (t instanceof BtfType.DataSec d && d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** Ids of all types of {@code kind}, in id order. */
    public List<Integer> idsOf(BtfKind kind) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i < types.size(); i++) {
            if (types.get(i).kind() == kind) {
                ids.add(i);
            }
        }
        return ids;
    }
}
