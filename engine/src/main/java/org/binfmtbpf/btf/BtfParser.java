package org.binfmtbpf.btf;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code .BTF} section: {@code struct btf_header}, then the type records, then the
 * string table (include/uapi/linux/btf.h). Every count is bounded by the section's length
 * before anything is allocated, and every type reference is checked against the type count.
 */
final class BtfParser {
    static final int MAGIC = 0xeb9f;
    private static final int HEADER_MIN = 24;
    private static final int TYPE_RECORD = 12;

    private final BtfBytes in;
    private final List<BtfType> types = new ArrayList<>();
    private BtfStrings strings;

    private BtfParser(byte[] section) {
        this.in = new BtfBytes(section);
    }

    static Btf parse(byte[] section) {
        BtfParser p = new BtfParser(section);
        return p.run();
    }

    private Btf run() {
        if (in.u16(0, "BTF magic") != MAGIC) {
            throw new BtfFormatException(0, "bad BTF magic 0x" + Integer.toHexString(in.u16(0, "magic")));
        }
        if (in.u8(2, "BTF version") != 1) {
            throw new BtfFormatException(2, "unsupported BTF version " + in.u8(2, "version"));
        }
        long hdrLen = in.u32(4, "BTF hdr_len");
        if (hdrLen < HEADER_MIN || hdrLen > in.length()) {
            throw new BtfFormatException(4, "bad BTF header length " + hdrLen);
        }
        long typeOff = hdrLen + in.u32(8, "type_off");
        long typeLen = in.u32(12, "type_len");
        long strOff = hdrLen + in.u32(16, "str_off");
        long strLen = in.u32(20, "str_len");
        if (typeOff + typeLen > in.length() || typeLen % 4 != 0) {
            throw new BtfFormatException(8, "type section [" + typeOff + ", +" + typeLen + ") outside the BTF section");
        }
        if (strOff + strLen > in.length() || strLen == 0) {
            throw new BtfFormatException(16, "string section [" + strOff + ", +" + strLen + ") outside the BTF section");
        }
        if (typeOff < strOff ? typeOff + typeLen > strOff : strOff + strLen > typeOff) {
            throw new BtfFormatException(8, "type and string sections overlap");
        }
        if (in.u8(strOff, "first string") != 0) {
            throw new BtfFormatException(strOff, "string section does not start with the empty string");
        }
        strings = new BtfStrings(in, strOff, strOff + strLen);
        types.add(new BtfType.Void());
        long pos = typeOff;
        long end = typeOff + typeLen;
        while (pos < end) {
            pos = readType(pos, end);
        }
        Btf btf = new Btf(types, strings);
        checkReferences();
        return btf;
    }

    private long readType(long pos, long end) {
        if (end - pos < TYPE_RECORD) {
            throw new BtfFormatException(pos, "truncated type record");
        }
        long nameOff = in.u32(pos, "name_off");
        int info = in.s32(pos + 4, "info");
        long sizeOrType = in.u32(pos + 8, "size/type");
        int vlen = info & 0xffff;
        int kindId = (info >>> 24) & 0x1f;
        boolean kindFlag = info < 0;
        BtfKind kind = BtfKind.of(kindId);
        if (kind == null) {
            throw new BtfFormatException(pos, "type id " + types.size() + ": unknown BTF kind " + kindId);
        }
        String name = strings.at(nameOff);
        long body = pos + TYPE_RECORD;
        int ref = typeRef(sizeOrType, pos);
        BtfType type;
        long next = body;
        switch (kind) {
            case INT -> {
                int word = in.s32(body, "int encoding");
                type = new BtfType.Int(name, size(sizeOrType, pos), (word >>> 24) & 0xf, (word >>> 16) & 0xff, word & 0xff);
                next = body + 4;
            }
            case PTR -> type = new BtfType.Ptr(name, ref);
            case ARRAY -> {
                type = new BtfType.Array(name, typeRef(in.u32(body, "array type"), body),
                        typeRef(in.u32(body + 4, "array index type"), body + 4), in.u32(body + 8, "array nelems"));
                next = body + 12;
            }
            case STRUCT, UNION -> {
                next = records(body, vlen, 12, end);
                List<BtfType.Member> members = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    long m = body + 12L * i;
                    long offset = in.u32(m + 8, "member offset");
                    members.add(new BtfType.Member(strings.at(in.u32(m, "member name")), typeRef(in.u32(m + 4, "member type"), m + 4),
                            kindFlag ? offset & 0xffffff : offset, kindFlag ? (int) (offset >>> 24) : 0));
                }
                type = new BtfType.Composite(name, kind, size(sizeOrType, pos), members);
            }
            case ENUM -> {
                next = records(body, vlen, 8, end);
                List<BtfType.EnumValue> values = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    long v = body + 8L * i;
                    int raw = in.s32(v + 4, "enum value");
                    values.add(new BtfType.EnumValue(strings.at(in.u32(v, "enum name")), kindFlag ? raw : raw & 0xffffffffL));
                }
                type = new BtfType.Enum(name, kind, size(sizeOrType, pos), kindFlag, values);
            }
            case ENUM64 -> {
                next = records(body, vlen, 12, end);
                List<BtfType.EnumValue> values = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    long v = body + 12L * i;
                    long value = in.u32(v + 4, "enum64 lo") | in.u32(v + 8, "enum64 hi") << 32;
                    values.add(new BtfType.EnumValue(strings.at(in.u32(v, "enum64 name")), value));
                }
                type = new BtfType.Enum(name, kind, size(sizeOrType, pos), kindFlag, values);
            }
            case FWD -> type = new BtfType.Fwd(name, kindFlag);
            case TYPEDEF, VOLATILE, CONST, RESTRICT, TYPE_TAG -> type = new BtfType.Modifier(name, kind, ref);
            case FUNC -> type = new BtfType.Func(name, ref, vlen);
            case FUNC_PROTO -> {
                next = records(body, vlen, 8, end);
                List<BtfType.Param> params = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    long p = body + 8L * i;
                    params.add(new BtfType.Param(strings.at(in.u32(p, "param name")), typeRef(in.u32(p + 4, "param type"), p + 4)));
                }
                type = new BtfType.FuncProto(name, ref, params);
            }
            case VAR -> {
                type = new BtfType.Var(name, ref, in.s32(body, "var linkage"));
                next = body + 4;
            }
            case DATASEC -> {
                next = records(body, vlen, 12, end);
                List<BtfType.VarSecInfo> vars = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    long v = body + 12L * i;
                    vars.add(new BtfType.VarSecInfo(typeRef(in.u32(v, "var type"), v), in.u32(v + 4, "var offset"),
                            in.u32(v + 8, "var size")));
                }
                type = new BtfType.DataSec(name, size(sizeOrType, pos), vars);
            }
            case FLOAT -> type = new BtfType.Float(name, size(sizeOrType, pos));
            case DECL_TAG -> {
                type = new BtfType.DeclTag(name, ref, in.s32(body, "decl_tag component_idx"));
                next = body + 4;
            }
            default -> throw new BtfFormatException(pos, "type id " + types.size() + ": unknown BTF kind " + kindId);
        }
        if (next > end) {
            throw new BtfFormatException(pos, "type id " + types.size() + " (" + kind + ") runs past the type section");
        }
        types.add(type);
        return next;
    }

    /** The end of {@code count} records of {@code size} bytes at {@code body}, checked against {@code end}. */
    private long records(long body, int count, int size, long end) {
        long next = body + (long) count * size;
        if (next > end) {
            throw new BtfFormatException(body, "type id " + types.size() + ": " + count + " records run past the type section");
        }
        return next;
    }

    private static int size(long value, long pos) {
        if (value > Integer.MAX_VALUE) {
            throw new BtfFormatException(pos + 8, "type size " + value + " too large");
        }
        return (int) value;
    }

    private static int typeRef(long value, long pos) {
        if (value > Integer.MAX_VALUE) {
            throw new BtfFormatException(pos, "type id " + value + " too large");
        }
        return (int) value;
    }

    /** Every type id a record refers to must exist. */
    private void checkReferences() {
        int count = types.size();
        for (int id = 1; id < count; id++) {
            BtfType t = types.get(id);
            List<Integer> refs = new ArrayList<>();
            if (t instanceof BtfType.Ptr p) {
                refs.add(p.type());
            } else if (t instanceof BtfType.Array a) {
                refs.add(a.elementType());
                refs.add(a.indexType());
            } else if (t instanceof BtfType.Composite c) {
                c.members().forEach(m -> refs.add(m.type()));
            } else if (t instanceof BtfType.Modifier m) {
                refs.add(m.type());
            } else if (t instanceof BtfType.Func f) {
                refs.add(f.type());
            } else if (t instanceof BtfType.FuncProto f) {
                refs.add(f.returnType());
                f.params().forEach(p -> refs.add(p.type()));
            } else if (t instanceof BtfType.Var v) {
                refs.add(v.type());
            } else if (t instanceof BtfType.DataSec d) {
                d.vars().forEach(v -> refs.add(v.type()));
            } else if (t instanceof BtfType.DeclTag d) {
                refs.add(d.type());
            }
            for (int ref : refs) {
                if (ref >= count) {
                    throw new BtfFormatException(0, "type id " + id + " (" + t.kind() + " '" + t.name()
                            + "') refers to type id " + ref + ", beyond the " + count + " types");
                }
            }
        }
    }
}
