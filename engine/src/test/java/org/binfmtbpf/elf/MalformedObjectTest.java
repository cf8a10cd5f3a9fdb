package org.binfmtbpf.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;
import org.binfmtbpf.helpers.HelperRegistry;
import org.junit.jupiter.api.Test;

/** One specific defect at a time, each refused with a message that names the place. */
class MalformedObjectTest {
    private static final String OBJECT = "machine_counter.bpf.o";

    private static String refusal(String object, Consumer<ByteBuffer> damage) {
        byte[] bytes = Corpus.bytes(object);
        damage.accept(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        return refusal(object, bytes);
    }

    private static String refusal(String object, byte[] bytes) {
        ElfFormatException e = assertThrows(ElfFormatException.class,
                () -> ElfLoader.load(bytes, object, Corpus.helpers()));
        assertTrue(e.getMessage().startsWith(object + ": "), e.getMessage());
        return e.getMessage();
    }

    private static ElfSection section(String object, String name) {
        return ElfFile.parse(Corpus.bytes(object)).section(name);
    }

    /** File offset of section {@code name}'s header field at {@code field}. */
    private static int header(String object, String name, int field) {
        ByteBuffer b = ByteBuffer.wrap(Corpus.bytes(object)).order(ByteOrder.LITTLE_ENDIAN);
        return (int) b.getLong(0x28) + section(object, name).index() * 64 + field;
    }

    @Test
    void anotherMachineClassOrByteOrderIsNotABpfObject() {
        assertEquals(OBJECT + ": ELF header at offset 0x12: e_machine 62: not a BPF object (EM_BPF 247)",
                refusal(OBJECT, b -> b.putShort(0x12, (short) 62)));
        assertTrue(refusal(OBJECT, b -> b.put(4, (byte) 1)).contains("ELF header at offset 0x4: EI_CLASS 1"));
        assertTrue(refusal(OBJECT, b -> b.put(5, (byte) 2)).contains("ELF header at offset 0x5: EI_DATA 2"));
        assertTrue(refusal(OBJECT, b -> b.putShort(0x10, (short) 2)).contains("not a relocatable object"));
    }

    @Test
    void unknownRelocationTypeNamesTheRelocationSection() {
        long rel = section(OBJECT, ".relbinfmt").offset();
        String message = refusal(OBJECT, b -> b.putInt((int) rel + 8, 99));
        assertEquals(OBJECT + ": section '.relbinfmt' at offset 0x" + Long.toHexString(rel + 8) + ": relocation type 99 unknown", message);
    }

    @Test
    void symbolIndexOutOfRange() {
        long rel = section(OBJECT, ".relbinfmt").offset();
        String message = refusal(OBJECT, b -> b.putInt((int) rel + 12, 5000));
        assertTrue(message.contains("section '.relbinfmt' at offset 0x" + Long.toHexString(rel + 12)
                + ": symbol index 5000 out of range"), message);
    }

    @Test
    void sectionContentsOutsideTheFile() {
        String message = refusal(OBJECT, b -> b.putLong(header(OBJECT, "binfmt", 0x20), 0x7fffffffffffL));
        assertTrue(message.contains("section header table") && message.contains("outside the file"), message);
    }

    @Test
    void overlappingSections() {
        long binfmt = section(OBJECT, "binfmt").offset();
        String message = refusal(OBJECT, b -> b.putLong(header(OBJECT, ".maps", 0x18), binfmt + 8));
        assertTrue(message.contains("overlaps"), message);
    }

    @Test
    void sectionNameIndexOutOfRange() {
        String message = refusal(OBJECT, b -> b.putInt(header(OBJECT, "binfmt", 0), 0xffffff));
        assertTrue(message.contains("string index " + 0xffffff + " out of range"), message);
    }

    @Test
    void truncatedFile() {
        byte[] bytes = Corpus.bytes(OBJECT);
        String message = refusal(OBJECT, Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(message.contains("section header table") && message.contains("outside the file"), message);
    }

    @Test
    void badBtfMagicNamesTheBtfSection() {
        long btf = section(OBJECT, ".BTF").offset();
        String message = refusal(OBJECT, b -> b.putShort((int) btf, (short) 0x1234));
        assertEquals(OBJECT + ": section '.BTF' at offset 0x" + Long.toHexString(btf) + ": bad BTF magic 0x1234", message);
    }

    @Test
    void hugeBssIsRefusedBeforeAnythingIsAllocated() {
        String object = "global_data.bpf.o";
        String message = refusal(object, b -> b.putLong(header(object, ".bss", 0x20), 0x7fff0000L));
        assertTrue(message.contains("section '.bss'") && message.contains("exceeds the loader's limit"), message);
    }

    @Test
    void staticProgramsAreRefusedAsLibbpfDoes() {
        ElfFile elf = ElfFile.parse(Corpus.bytes(OBJECT));
        ElfSymbol program = elf.symbols().stream().filter(s -> s.name().equals("count_machines")).findFirst().orElseThrow();
        long symtab = elf.section(".symtab").offset();
        String message = refusal(OBJECT, b -> b.put((int) symtab + program.index() * 24 + 4, (byte) ElfSymbol.STT_FUNC));
        assertTrue(message.contains("program 'count_machines' is static"), message);
    }

    @Test
    void unknownProgramSectionWithoutATypeOverride() {
        byte[] bytes = Corpus.bytes(OBJECT);
        ElfFile elf = ElfFile.parse(bytes);
        ElfSection names = elf.section(elf.sections().size() > 1 ? ".strtab" : "");
        // rename "binfmt" to "kprobe" in the section name table
        byte[] from = "binfmt\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = names.offset(); i + from.length <= names.offset() + names.size(); i++) {
            if (Arrays.equals(Arrays.copyOfRange(bytes, i, i + from.length), from)) {
                System.arraycopy("kprobe".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes, i, 6);
            }
        }
        String message = refusal(OBJECT, bytes);
        assertTrue(message.contains("section 'kprobe'") && message.contains("not a program section"), message);
    }

    @Test
    void anInvalidInstructionIsNamedByProgramIndexAndFileOffset() {
        long binfmt = section(OBJECT, "binfmt").offset();
        String message = refusal(OBJECT, b -> b.put((int) binfmt + 8 * 2, (byte) 0xff)); // instruction 2: opcode 0xff
        assertTrue(message.startsWith(OBJECT + ": section 'binfmt' at offset 0x" + Long.toHexString(binfmt + 16)
                + ": program 'count_machines': instruction 2"), message);
    }
}
