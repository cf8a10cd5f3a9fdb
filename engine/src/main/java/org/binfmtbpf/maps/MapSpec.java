package org.binfmtbpf.maps;

/**
 * What an object file asks for when it declares a map (BTF-defined {@code .maps}, the legacy
 * {@code maps} section) or global data ({@code .rodata}, {@code .data}, {@code .bss}, which
 * libbpf turns into single-element array maps).
 *
 * @param name        the map's name (for global data, libbpf's "<obj>.rodata" style name)
 * @param type        the map type
 * @param keySize     key size in bytes
 * @param valueSize   value size in bytes
 * @param maxEntries  capacity
 * @param flags       map_flags (BPF_F_RDONLY_PROG for .rodata, etc.)
 * @param initialValue for global data: the section's bytes (zeros for .bss); null otherwise
 * @param readOnlyForProgram true for .rodata: programs may read but not write its value
 */
public record MapSpec(String name, MapType type, int keySize, int valueSize, int maxEntries, int flags,
                      byte[] initialValue, boolean readOnlyForProgram) {
    /** BPF_F_RDONLY_PROG. */
    public static final int F_RDONLY_PROG = 1 << 7;
}
