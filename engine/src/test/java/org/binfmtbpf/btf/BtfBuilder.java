package org.binfmtbpf.btf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes small .BTF sections by hand for tests: types in id order (from 1), strings interned. */
final class BtfBuilder {
    private final ByteArrayOutputStream types = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private int nextId = 1;

    BtfBuilder() {
        strings.write(0);
    }

    int string(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int off = strings.size();
        strings.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        strings.write(0);
        return off;
    }

    /** A type record: name, kind, vlen, kind flag, size-or-type, then kind-specific u32 words. */
    int type(String name, BtfKind kind, int vlen, boolean kindFlag, int sizeOrType, int... words) {
        u32(string(name));
        u32((kindFlag ? 1 << 31 : 0) | kind.ordinal() << 24 | vlen);
        u32(sizeOrType);
        for (int w : words) {
            u32(w);
        }
        return nextId++;
    }

    private void u32(int v) {
        types.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    byte[] build() {
        byte[] t = types.toByteArray();
        byte[] s = strings.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(24 + t.length + s.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xeb9f).put((byte) 1).put((byte) 0).putInt(24);
        b.putInt(0).putInt(t.length).putInt(t.length).putInt(s.length);
        b.put(t).put(s);
        return b.array();
    }
}
