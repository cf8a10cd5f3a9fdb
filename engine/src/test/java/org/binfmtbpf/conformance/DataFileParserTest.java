package org.binfmtbpf.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Invocation;
import org.junit.jupiter.api.Test;

/** The .data format as this project reads it (docs/DATA-FORMAT.md). */
class DataFileParserTest {

    @Test
    void readsTheSuiteSectionsAndSkipsNotesForOtherRunners() {
        DataFile f = DataFileParser.parse("t.data", """
                # Copyright line
                -- asm
                # a comment inside the program
                mov %r0, %r2
                exit
                -- mem
                00 01
                ff 7F
                -- no register offset
                whatever this means
                -- result
                0x4
                """);
        assertEquals("\n\n\nmov %r0, %r2\nexit\n", f.asm(), "line 4 of the file is line 4 of the assembly");
        assertArrayEquals(new byte[] {0, 1, -1, 0x7f}, f.memory());
        assertEquals(4L, f.result());
        assertNull(f.error());
        assertEquals(ProgramType.RAW, f.type());
        assertEquals(Invocation.UNLIMITED, f.budget());
    }

    @Test
    void readsRawSlotsAndFullWidthResults() {
        DataFile f = DataFileParser.parse("t.data", "-- raw\n0x5566778800000018\n0x1122334400000000\n0x95\n-- result\n0xffffffffffffffff\n");
        assertArrayEquals(new long[] {0x5566778800000018L, 0x1122334400000000L, 0x95}, f.raw());
        assertEquals(-1L, f.result());
    }

    @Test
    void readsTheProjectsOwnDirectives() {
        DataFile f = DataFileParser.parse("t.data", """
                -- type socket
                -- budget 100
                -- asm
                exit
                -- error
                insn 0
                budget
                """);
        assertEquals(ProgramType.SOCKET_FILTER, f.type());
        assertEquals(100, f.budget());
        assertEquals("insn 0\nbudget", f.error());
    }

    @Test
    void headerProgramsSeeTheMemoryZeroPaddedTo256Bytes() {
        DataFile f = DataFileParser.parse("t.data", "-- type socket\n-- asm\nexit\n-- mem\n7f 45\n-- result\n0x0\n");
        byte[] header = f.context();
        assertEquals(256, header.length);
        assertEquals(0x45, header[1]);
        assertEquals(0, header[255]);
    }

    @Test
    void mistakesAreReportedWithFileAndLine() {
        assertEquals("t.data:4: -- mem: 'zz' is not a hex byte",
                assertThrows(DataFormatException.class, () -> DataFileParser.parse("t.data", "-- asm\nexit\n-- mem\nzz\n")).getMessage());
        assertEquals("t.data:1: -- type: unknown program type 'xdp' (socket, binfmt, syscall or raw)",
                assertThrows(DataFormatException.class, () -> DataFileParser.parse("t.data", "-- type xdp\n")).getMessage());
        assertEquals("t.data:2: -- result: '12g' is not a 64-bit hex value",
                assertThrows(DataFormatException.class, () -> DataFileParser.parse("t.data", "-- result\n12g\n")).getMessage());
        assertEquals("t.data:3: no -- result or -- error section",
                assertThrows(DataFormatException.class, () -> DataFileParser.parse("t.data", "-- asm\nexit\n")).getMessage());
    }
}
