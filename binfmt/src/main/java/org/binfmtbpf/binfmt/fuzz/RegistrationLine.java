package org.binfmtbpf.binfmt.fuzz;

/** A registration line (the bytes written to {@code register}) and where it came from. */
public record RegistrationLine(String label, byte[] bytes) {
    @Override
    public String toString() {
        return label;
    }
}
