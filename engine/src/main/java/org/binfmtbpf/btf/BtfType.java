package org.binfmtbpf.btf;

import java.util.List;

/**
 * One BTF type record. Type ids index {@link Btf#type(int)}; id 0 is {@link Void}. References
 * to other types are kept as ids (BTF types may refer forward and form cycles through
 * pointers), and {@link Btf} resolves them.
 */
public sealed interface BtfType {
    /** The type's name, "" when anonymous. */
    String name();

    BtfKind kind();

    /** Type id 0: void. */
    record Void() implements BtfType {
        public String name() { return "void"; }
        public BtfKind kind() { return BtfKind.UNKN; }
    }

    /** An integer: {@code encoding} bits are BTF_INT_SIGNED 1, CHAR 2, BOOL 4. */
    record Int(String name, int size, int encoding, int bitOffset, int bits) implements BtfType {
        public BtfKind kind() { return BtfKind.INT; }
        public boolean signed() { return (encoding & 1) != 0; }
    }

    record Ptr(String name, int type) implements BtfType {
        public BtfKind kind() { return BtfKind.PTR; }
    }

    record Array(String name, int elementType, int indexType, long elements) implements BtfType {
        public BtfKind kind() { return BtfKind.ARRAY; }
    }

    /**
     * A member of a struct or union. With the kind flag, {@code bitOffset} is the low 24 bits
     * and {@code bitfieldSize} the high 8 bits of the offset word; otherwise the size is 0.
     */
    record Member(String name, int type, long bitOffset, int bitfieldSize) {}

    /** STRUCT or UNION. */
    record Composite(String name, BtfKind kind, int size, List<Member> members) implements BtfType {}

    record EnumValue(String name, long value) {}

    /** ENUM (4-byte values, sign-extended when {@code signed}) or ENUM64. */
    record Enum(String name, BtfKind kind, int size, boolean signed, List<EnumValue> values) implements BtfType {}

    /** A forward declaration of a struct ({@code union} false) or union. */
    record Fwd(String name, boolean union) implements BtfType {
        public BtfKind kind() { return BtfKind.FWD; }
    }

    /** TYPEDEF, VOLATILE, CONST, RESTRICT or TYPE_TAG: a name or qualifier on {@code type}. */
    record Modifier(String name, BtfKind kind, int type) implements BtfType {}

    /** A function: {@code linkage} 0 static, 1 global, 2 extern; {@code type} is its FUNC_PROTO. */
    record Func(String name, int type, int linkage) implements BtfType {
        public BtfKind kind() { return BtfKind.FUNC; }
    }

    record Param(String name, int type) {}

    record FuncProto(String name, int returnType, List<Param> params) implements BtfType {
        public BtfKind kind() { return BtfKind.FUNC_PROTO; }
    }

    /** A variable: {@code linkage} 0 static, 1 global allocated, 2 global extern. */
    record Var(String name, int type, int linkage) implements BtfType {
        public BtfKind kind() { return BtfKind.VAR; }
    }

    /** A variable's place in a data section. */
    record VarSecInfo(int type, long offset, long size) {}

    record DataSec(String name, int size, List<VarSecInfo> vars) implements BtfType {
        public BtfKind kind() { return BtfKind.DATASEC; }
    }

    record Float(String name, int size) implements BtfType {
        public BtfKind kind() { return BtfKind.FLOAT; }
    }

    /** A tag on {@code type}; {@code componentIndex} -1 for the type itself, else a member or parameter. */
    record DeclTag(String name, int type, int componentIndex) implements BtfType {
        public BtfKind kind() { return BtfKind.DECL_TAG; }
    }
}
