package org.binfmtbpf.binfmt;

/**
 * Parses a write to {@code register} exactly as the kernel's create_entry does, field by
 * field, in the kernel's order (which decides the errno when several fields are wrong):
 * {@code :name:type:offset:magic:mask:interpreter:flags}, the first byte being the delimiter.
 * With the RFC's 'B' type the offset field holds the pinned program's path, which is looked
 * up during parsing (so a missing program is ENOENT even if later fields are wrong).
 *
 * <p>Checks that need the instance (duplicate name, name length, 'F' opening the
 * interpreter) happen afterwards, in {@link BinfmtMisc#register}.
 */
public final class RegistrationParser {
    /** MAX_REGISTER_LENGTH. */
    public static final int MAX_LENGTH = 1920;
    /** The shortest write the kernel considers. */
    public static final int MIN_LENGTH = 11;
    /** BINPRM_BUF_SIZE: magic and offset must fit in the header. */
    public static final int HEADER_SIZE = 256;

    private final ProgramLookup programs;

    /**
     * @param programs where 'B' registrations find their pinned programs; null for stock Linux,
     *                 which knows only M and E (a 'B' line is then EINVAL, as on this machine's kernel)
     */
    public RegistrationParser(ProgramLookup programs) {
        this.programs = programs;
    }

    public Entry parse(byte[] written) {
        if (written.length < MIN_LENGTH || written.length > MAX_LENGTH) {
            throw RegistrationException.invalid("register", "a registration is " + MIN_LENGTH + ".." + MAX_LENGTH
                    + " bytes, this one is " + written.length);
        }
        RegisterBuffer buf = new RegisterBuffer(written);
        int p = 1;

        int end = buf.findDelimiter(p);
        if (end < 0) {
            throw RegistrationException.invalid("name", "no delimiter after the name");
        }
        buf.terminate(end);
        String name = buf.cString(p);
        checkName(name);
        p = end + 1;

        int type = buf.at(p++);
        if (type != 'M' && type != 'E' && (type != 'B' || programs == null)) {
            throw RegistrationException.invalid("type", "type must be " + (programs == null ? "M or E" : "M, E or B")
                    + ", not " + describe(type));
        }
        if (buf.at(p++) != buf.delimiter()) {
            throw RegistrationException.invalid("type", "the type is one letter followed by the delimiter");
        }
        return switch (type) {
            case 'M' -> parseMagic(buf, p, name, written);
            case 'E' -> parseExtension(buf, p, name, written);
            default -> parseBpf(buf, p, name, written);
        };
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw RegistrationException.invalid("name", "the name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw RegistrationException.invalid("name", "the name cannot be '" + name + "'");
        }
        if (name.indexOf('/') >= 0) {
            throw RegistrationException.invalid("name", "the name cannot contain '/'");
        }
    }

    private Entry parseMagic(RegisterBuffer buf, int p, String name, byte[] written) {
        int end = buf.findDelimiter(p);
        if (end < 0) {
            throw RegistrationException.invalid("offset", "no delimiter after the offset");
        }
        buf.terminate(end);
        int offset = 0;
        if (end != p) {
            String text = buf.cString(p);
            Integer parsed = KernelIntegers.parseInt(text);
            if (parsed == null || parsed < 0) {
                throw RegistrationException.invalid("offset", "'" + printable(text) + "' is not a non-negative decimal int");
            }
            offset = parsed;
        }
        p = end + 1;

        int magicStart = p;
        p = HexEscapes.scanField(buf, p);
        if (p == HexEscapes.BAD_ESCAPE) {
            throw RegistrationException.invalid("magic", "every \\x needs two hex digits");
        }
        if (buf.at(magicStart) == 0) {
            throw RegistrationException.invalid("magic", "the magic is empty");
        }
        int maskStart = p;
        p = HexEscapes.scanField(buf, p);
        if (p == HexEscapes.BAD_ESCAPE) {
            throw RegistrationException.invalid("mask", "every \\x needs two hex digits");
        }
        byte[] magic = HexEscapes.unescape(buf, magicStart);
        byte[] mask = null;
        if (buf.at(maskStart) != 0) {
            mask = HexEscapes.unescape(buf, maskStart);
            if (mask.length != magic.length) {
                throw RegistrationException.invalid("mask", "the mask has " + mask.length + " bytes, the magic "
                        + magic.length + "; they must be equal");
            }
        }
        if (magic.length > HEADER_SIZE || HEADER_SIZE - magic.length < offset) {
            throw RegistrationException.invalid("offset", "offset " + offset + " + magic length " + magic.length
                    + " exceeds the " + HEADER_SIZE + "-byte header");
        }
        Tail tail = parseTail(buf, p, true);
        return new MagicEntry(name, tail.interpreter, tail.flags, offset, magic, mask, written);
    }

    private Entry parseExtension(RegisterBuffer buf, int p, String name, byte[] written) {
        p = skipField(buf, p, "offset");
        int extStart = p;
        p = skipField(buf, p, "extension");
        String extension = buf.cString(extStart);
        if (extension.isEmpty()) {
            throw RegistrationException.invalid("extension", "the extension is empty");
        }
        if (extension.indexOf('/') >= 0) {
            throw RegistrationException.invalid("extension", "the extension cannot contain '/'");
        }
        p = skipField(buf, p, "mask");
        Tail tail = parseTail(buf, p, true);
        return new ExtensionEntry(name, tail.interpreter, tail.flags, extension, written);
    }

    private Entry parseBpf(RegisterBuffer buf, int p, String name, byte[] written) {
        int pathStart = p;
        p = skipField(buf, p, "program");
        String path = buf.cString(pathStart);
        PinnedProgram program = programs.programAt(path);
        p = emptyField(buf, p, "magic");
        p = emptyField(buf, p, "mask");
        Tail tail = parseTail(buf, p, false);
        return new BpfEntry(name, tail.flags, path, program, written);
    }

    private record Tail(String interpreter, EntryFlags flags) {}

    /** The interpreter and flags fields; 'B' entries must leave the interpreter empty. */
    private static Tail parseTail(RegisterBuffer buf, int p, boolean interpreterRequired) {
        int start = p;
        p = skipField(buf, p, "interpreter");
        String interpreter = buf.cString(start);
        if (interpreterRequired && interpreter.isEmpty()) {
            throw RegistrationException.invalid("interpreter", "the interpreter is empty");
        }
        if (!interpreterRequired && !interpreter.isEmpty()) {
            throw RegistrationException.invalid("interpreter", "a 'B' entry has no interpreter of its own:"
                    + " its program chooses one");
        }
        EntryFlags flags = EntryFlags.NONE;
        for (EntryFlags next; (next = flags.with(buf.at(p))) != null; p++) {
            flags = next;
        }
        int stop = p;
        if (buf.at(p) == '\n') {
            p++;
        }
        if (p != buf.count()) {
            throw RegistrationException.invalid("flags", stop >= buf.count()
                    ? "the line must end with the delimiter before the flags"
                    : "unknown flag " + describe(buf.at(stop)) + " (flags are P, O, C, F)");
        }
        return new Tail(interpreter, flags);
    }

    /** Consumes a field whose content the parser reads as a C string afterwards. */
    private static int skipField(RegisterBuffer buf, int p, String field) {
        int end = buf.findDelimiter(p);
        if (end < 0) {
            throw RegistrationException.invalid(field, "no delimiter after the " + field + " (a NUL byte comes first)");
        }
        buf.terminate(end);
        return end + 1;
    }

    private static int emptyField(RegisterBuffer buf, int p, String field) {
        int end = buf.findDelimiter(p);
        if (end != p) {
            throw RegistrationException.invalid(field, "a 'B' entry leaves the " + field + " field empty");
        }
        buf.terminate(end);
        return end + 1;
    }

    private static String describe(int c) {
        return c >= 0x21 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }
}
