package org.binfmtbpf.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The least BTF a program with BPF-to-BPF functions needs in the kernel: an {@code int}, one
 * prototype {@code int (void)}, and a static FUNC of that prototype per function, with the
 * func_info records that place each at its first instruction. The kernel refuses a tail call in
 * a function without it ("tail_call is not allowed in subprogs without BTF") and wants such a
 * function to return an int. Static functions take their arguments from the caller's registers,
 * so the prototype need not list them.
 */
final class FunctionBtf {
    private static final int MAGIC = 0xeb9f;
    private static final int HEADER_SIZE = 24;
    private static final int KIND_INT = 1;
    private static final int KIND_FUNC = 12;
    private static final int KIND_FUNC_PROTO = 13;
    private static final int INT_SIGNED = 1 << 24;
    private static final int INT_TYPE = 1;
    private static final int PROTO_TYPE = 2;
    /** The first FUNC's type id; function k has id FIRST_FUNC + k. */
    private static final int FIRST_FUNC = 3;
    /** Names: "int" at 1, then every function is "f" at 5 (a name need not be unique). */
    private static final byte[] STRINGS = "\0int\0f\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int INT_NAME = 1;
    private static final int FUNC_NAME = 5;
    /** struct bpf_func_info: insn_off, type_id. */
    static final int FUNC_INFO_SIZE = 8;

    private FunctionBtf() {}

    /** The BTF blob for {@code functions} functions. */
    static byte[] blob(int functions) {
        int typesLength = 16 + 12 + 12 * functions;
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + typesLength + STRINGS.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) MAGIC).put((byte) 1).put((byte) 0).putInt(HEADER_SIZE);
        b.putInt(0).putInt(typesLength).putInt(typesLength).putInt(STRINGS.length);
        b.putInt(INT_NAME).putInt(KIND_INT << 24).putInt(4).putInt(INT_SIGNED | 32);
        b.putInt(0).putInt(KIND_FUNC_PROTO << 24).putInt(INT_TYPE);
        for (int k = 0; k < functions; k++) {
            b.putInt(FUNC_NAME).putInt(KIND_FUNC << 24).putInt(PROTO_TYPE); // vlen 0: static linkage
        }
        b.put(STRINGS);
        return b.array();
    }

    /** The func_info records: function k starts at {@code starts[k]} and has type FIRST_FUNC + k. */
    static byte[] funcInfo(int[] starts) {
        ByteBuffer b = ByteBuffer.allocate(FUNC_INFO_SIZE * starts.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < starts.length; k++) {
            b.putInt(starts[k]).putInt(FIRST_FUNC + k);
        }
        return b.array();
    }
}
