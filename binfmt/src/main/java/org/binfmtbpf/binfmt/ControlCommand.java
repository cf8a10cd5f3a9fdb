package org.binfmtbpf.binfmt;

/**
 * What may be written to an entry file or to {@code status} (the kernel's parse_command):
 * {@code 0} disables, {@code 1} enables, {@code -1} removes, each with an optional trailing
 * newline; an empty write does nothing; anything else, or more than 3 bytes, is EINVAL.
 */
public enum ControlCommand {
    NOTHING, DISABLE, ENABLE, REMOVE;

    public static ControlCommand parse(String file, byte[] written) {
        int count = written.length;
        if (count > 3) {
            throw RegistrationException.invalid(file, "write 0, 1 or -1 (at most 3 bytes with a newline), not "
                    + count + " bytes");
        }
        if (count == 0) {
            return NOTHING;
        }
        if (written[count - 1] == '\n') {
            count--;
        }
        if (count == 1 && written[0] == '0') {
            return DISABLE;
        }
        if (count == 1 && written[0] == '1') {
            return ENABLE;
        }
        if (count == 2 && written[0] == '-' && written[1] == '1') {
            return REMOVE;
        }
        throw RegistrationException.invalid(file, "write 0 (disable), 1 (enable) or -1 (remove)");
    }
}
