package org.binfmtbpf.mem;

/**
 * A block of memory a program may address: the context, the stack, a map value, a global
 * data section. Loads and stores through an {@link Address} whose region id names this
 * region are checked against {@code [0, bytes.length)} and against {@link #writable()}.
 */
public final class Region {
    private final String name;
    private final Kind kind;
    private byte[] bytes;
    private boolean writable;

    public enum Kind { CONTEXT, STACK, MAP_VALUE, GLOBAL_DATA }

    public Region(String name, Kind kind, byte[] bytes, boolean writable) {
        this.name = name;
        this.kind = kind;
        this.bytes = bytes;
        this.writable = writable;
    }

    public String name() { return name; }
    public Kind kind() { return kind; }
    public byte[] bytes() { return bytes; }
    public boolean writable() { return writable; }
    public int size() { return bytes.length; }

    /**
     * Points the region at other bytes. Only per-invocation regions (the context) are
     * rebound, by the thread that owns the invocation, between runs.
     */
    public void rebind(byte[] newBytes, boolean newWritable) {
        if (bytes != newBytes) { // usually the same header again: skip the collector's write barrier
            this.bytes = newBytes;
        }
        this.writable = newWritable;
    }

    @Override
    public String toString() {
        return name;
    }
}
