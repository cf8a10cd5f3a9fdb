package org.binfmtbpf.btf;

/** BTF type kinds with the kernel's numbering (BTF_KIND_*, include/uapi/linux/btf.h). */
public enum BtfKind {
    UNKN, INT, PTR, ARRAY, STRUCT, UNION, ENUM, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT,
    FUNC, FUNC_PROTO, VAR, DATASEC, FLOAT, DECL_TAG, TYPE_TAG, ENUM64;

    private static final BtfKind[] BY_ID = values();

    /** The kind numbered {@code id}, or null when BTF has no such kind. */
    public static BtfKind of(int id) {
        return id > 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
