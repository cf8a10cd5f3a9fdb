package org.binfmtbpf.binfmt;

import org.binfmtbpf.linux.Errno;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.program.ProgramType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The registration grammar, field by field. (Every rule here is also checked against the
 * real kernel by {@link KernelAgreementTest}; these tests name the rules.)
 */
class RegistrationParserTest {
    private static final PinnedProgram PROGRAM = new ProgramLoader(() -> {
        throw new AssertionError("not run");
    }).wrap(RawProgramSource.of("p", ProgramType.SOCKET_FILTER,
            List.of(Instruction.of(0xb7, 0, 0, 0, 1), Instruction.of(0x95, 0, 0, 0, 0))));
    private static final ProgramLookup ONE_PIN = path -> {
        if (path.equals("/sys/fs/bpf/p")) {
            return PROGRAM;
        }
        throw new RegistrationException(Errno.ENOENT, "program", "nothing at " + path);
    };

    private static Entry parse(String line) {
        return new RegistrationParser(ONE_PIN).parse(Latin1.bytes(line));
    }

    private static RegistrationException refused(String line) {
        return assertThrows(RegistrationException.class, () -> parse(line));
    }

    @Test
    void aQemuLineDecodesItsMagicAndMask() {
        MagicEntry e = (MagicEntry) parse(":qemu-arm:M::\\x7fELF\\x01\\x01\\x01\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff"
                + ":/usr/bin/qemu-arm-static:OCF");
        assertEquals("qemu-arm", e.name());
        assertEquals(0, e.offset());
        assertEquals("7f454c4601010100", HexFormat.of().formatHex(e.magic()));
        assertEquals("fffffffffffffeff", HexFormat.of().formatHex(e.mask()));
        assertEquals("/usr/bin/qemu-arm-static", e.interpreter());
        assertEquals(new EntryFlags(false, true, true, true), e.flags());
    }

    @Test
    void theFirstByteIsTheDelimiter() {
        ExtensionEntry e = (ExtensionEntry) parse("#jar#E##jar##/usr/bin/java#");
        assertEquals("jar", e.extension());
        assertEquals("/usr/bin/java", e.interpreter());
    }

    @Test
    void anEmptyMaskMeansExactMatch() {
        assertNull(((MagicEntry) parse(":t:M::AB::/bin/sh:")).mask());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            ":t:M::AB:\\xff:/bin/sh:            | mask",
            ":t:M:255:AB::/bin/sh:              | offset",
            ":t:M:-1:AB::/bin/sh:               | offset",
            ":t:M:0x10:AB::/bin/sh:             | offset",
            ":t:M::\\x4::/bin/sh:               | magic",
            ":t:M::\\\\xZZ::/bin/sh:            | magic",
            ":t:M::::/bin/sh:                   | magic",
            "::E::x::/bin/sh:                   | name",
            ":..:E::x::/bin/sh:                 | name",
            ":a/b:E::x::/bin/sh:                | name",
            ":t:X::x::/bin/sh:                  | type",
            ":t:E::a/b::/bin/sh:                | extension",
            ":tt:E::x:::                        | interpreter",
            ":t:E::x::/bin/sh:Q                 | flags",
            ":t:E::x::/bin/sh                   | flags",
            ":t:B:/sys/fs/bpf/p:x:::            | magic",
            ":t:B:/sys/fs/bpf/p::x::            | mask",
            ":t:B:/sys/fs/bpf/p:::/bin/sh:      | interpreter",
            ":short:                            | register"})
    void aBadFieldIsEinvalAndNamed(String line, String field) {
        RegistrationException e = refused(line.strip());
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().endsWith("(EINVAL)") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void escapesFollowTheKernelsTwoPasses() {
        // scanarg skips "\\", string_unescape then copies "\" and the next byte verbatim.
        assertEquals("5c5c783431", HexFormat.of().formatHex(((MagicEntry) parse(":t:M::\\\\x41::/bin/sh:")).magic()));
        // A raw NUL ends the magic for string_unescape.
        assertEquals("4142", HexFormat.of().formatHex(((MagicEntry) parse(":t:M::AB\0CD::/bin/sh:")).magic()));
        // Upper and lower case hex digits.
        assertArrayEquals(new byte[] {(byte) 0xab, (byte) 0xcd}, ((MagicEntry) parse(":t:M::\\xAb\\xcD::/bin/sh:")).magic());
    }

    @Test
    void theOffsetIsKstrtoint() {
        assertEquals(5, ((MagicEntry) parse(":t:M:+5:AB::/bin/sh:")).offset());
        assertEquals(0, ((MagicEntry) parse(":t:M:-0:AB::/bin/sh:")).offset());
        assertEquals(7, ((MagicEntry) parse(":t:M:007:AB::/bin/sh:")).offset());
        assertEquals(5, ((MagicEntry) parse(":t:M:5\n:AB::/bin/sh:")).offset());
        assertEquals(254, ((MagicEntry) parse(":t:M:254:AB::/bin/sh:")).offset());
    }

    @Test
    void flagsRepeatCImpliesOAndOneNewlineMayEndTheLine() {
        assertEquals("POC", parse(":t:E::x::/bin/sh:PPCP\n").flags().letters());
        assertEquals("OCF", parse(":t:E::x::/bin/sh:FC").flags().letters());
        assertEquals("", parse(":t:E::x::/bin/sh:\n").flags().letters());
    }

    @Test
    void aBLineHoldsThePinnedProgramAndNoInterpreter() {
        BpfEntry e = (BpfEntry) parse(":qemu-bpf:B:/sys/fs/bpf/p::::P");
        assertSame(PROGRAM, e.program());
        assertEquals("/sys/fs/bpf/p", e.programPath());
        assertEquals("", e.interpreter());
        assertEquals("P", e.flags().letters());
    }

    @Test
    void theProgramIsLookedUpBeforeTheLaterFieldsAreChecked() {
        // As in the RFC's create_entry: a missing program wins over a bad magic field.
        assertEquals(Errno.ENOENT, refused(":t:B:/sys/fs/bpf/missing:x:::").errno());
    }

    @Test
    void stockLinuxRefusesTypeB() {
        RegistrationException e = assertThrows(RegistrationException.class,
                () -> new RegistrationParser(null).parse(Latin1.bytes(":t:B:/sys/fs/bpf/p::::")));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("type", e.field());
    }
}
