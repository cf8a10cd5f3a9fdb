package org.binfmtbpf.binfmt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content ids of program sources: the same program stored twice is one object. */
final class ProgramIds {
    private ProgramIds() {}

    /** The first 16 bytes of SHA-256 over kind, type, name and bytes, in hex. */
    static String of(ProgramSource source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((source.kind() + "\0" + source.type().name() + "\0" + source.name() + "\0")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(source.bytes());
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
