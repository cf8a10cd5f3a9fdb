package org.binfmtbpf.cli;

import java.util.Set;

/**
 * Which engine exceptions describe the user's input rather than a bug. They already carry a
 * one-line message naming the place (instruction index, ELF section, registration field).
 */
final class Errors {
    private Errors() {}

    private static final Set<String> USER_FACING = Set.of(
            "org.binfmtbpf.isa.InvalidProgramException",
            "org.binfmtbpf.asm.AssemblyException",
            "org.binfmtbpf.elf.ElfFormatException",
            "org.binfmtbpf.btf.BtfFormatException",
            "org.binfmtbpf.conformance.DataFormatException",
            "org.binfmtbpf.verifier.VerificationException",
            "org.binfmtbpf.run.BpfFault",
            "org.binfmtbpf.mem.MemoryFault",
            "org.binfmtbpf.binfmt.RegistrationException");

    static boolean isUserFacing(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (USER_FACING.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
