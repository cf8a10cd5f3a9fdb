package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** bpftool's byte syntax: decimal, 0x-hex and 0-octal words, or 'hex' then hex words. */
class HexBytesTest {
    @Test
    void eachWordIsOneByteInCNotation() {
        assertArrayEquals(new byte[] {1, 0x1f, 8, (byte) 255}, HexBytes.parse("key", List.of("1", "0x1f", "010", "255")));
    }

    @Test
    void afterHexEveryWordIsPlainHex() {
        assertArrayEquals(new byte[] {0x10, (byte) 0xff}, HexBytes.parse("value", List.of("hex", "10", "ff")));
    }

    @Test
    void aWordThatIsNotAByteIsRefusedByName() {
        UserError e = assertThrows(UserError.class, () -> HexBytes.parse("key", List.of("1", "zz")));
        assertEquals("key: 'zz' is not a byte (write 0x1f, 31 or 037, or 'hex' then 1f)", e.getMessage());
        assertEquals("key: 256 does not fit in a byte",
                assertThrows(UserError.class, () -> HexBytes.parse("key", List.of("256"))).getMessage());
    }

    @Test
    void theCountMustMatchTheMapsSize() {
        assertEquals("key: expected 4 bytes, got 3",
                assertThrows(UserError.class, () -> HexBytes.parse("key", List.of("1", "2", "3"), 4)).getMessage());
    }

    @Test
    void dumpsLikeBpftoolFprintHex() {
        byte[] b = new byte[20];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        assertEquals("00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f\n10 11 12 13", HexBytes.dump(b));
    }
}
