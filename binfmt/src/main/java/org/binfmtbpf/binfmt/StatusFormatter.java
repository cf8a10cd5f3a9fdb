package org.binfmtbpf.binfmt;

import java.util.HexFormat;

/**
 * The text of the status files, byte for byte as the kernel's entry_status prints it:
 * <pre>
 * enabled
 * interpreter /usr/bin/qemu-aarch64
 * flags: OCF
 * offset 0
 * magic 7f454c46...
 * mask ffffffff...
 * </pre>
 * 'E' entries print {@code extension .ext} after the flags; 'B' entries (the RFC) print an
 * empty interpreter and {@code bpf <pinned path>}. Returned as byte strings (see {@link Latin1}).
 */
public final class StatusFormatter {
    private static final HexFormat HEX = HexFormat.of();

    private StatusFormatter() {}

    public static String entry(Registered registered) {
        Entry e = registered.entry();
        StringBuilder b = new StringBuilder(128);
        b.append(registered.enabled() ? "enabled" : "disabled").append('\n');
        b.append("interpreter ").append(e.interpreter()).append('\n');
        b.append("flags: ").append(e.flags().letters()).append('\n');
        if (e instanceof BpfEntry bpf) {
            b.append("bpf ").append(bpf.programPath()).append('\n');
        } else if (e instanceof ExtensionEntry ext) {
            b.append("extension .").append(ext.extension()).append('\n');
        } else if (e instanceof MagicEntry m) {
            b.append("offset ").append(m.offset()).append('\n');
            b.append("magic ").append(HEX.formatHex(m.magic()));
            if (m.mask() != null) {
                b.append("\nmask ").append(HEX.formatHex(m.mask()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The instance's {@code status} file. */
    public static String instance(boolean enabled) {
        return enabled ? "enabled\n" : "disabled\n";
    }
}
