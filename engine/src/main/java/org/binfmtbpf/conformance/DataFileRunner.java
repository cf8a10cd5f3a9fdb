package org.binfmtbpf.conformance;

import org.binfmtbpf.asm.AssemblyException;
import org.binfmtbpf.asm.ConformanceAssembler;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.isa.InvalidProgramException;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.run.BpfFault;
import org.binfmtbpf.run.Engine;
import org.binfmtbpf.run.Executable;
import org.binfmtbpf.run.Invocation;

/**
 * Runs one {@link DataFile} on an engine: assembles (or decodes) the program, loads it with
 * {@link ConformanceHelpers}, runs it on the file's memory and compares r0, or the error,
 * with the expectation. Load errors (assembler, validator) and run-time faults both count as
 * "an error"; any other exception is an engine bug and always fails the test.
 */
public final class DataFileRunner {
    private DataFileRunner() {}

    public static DataResult run(DataFile file, Engine engine) {
        String expected = file.expectsError()
                ? (file.error().isEmpty() ? "an error" : "an error containing \"" + String.join("\" and \"", file.error().lines().toList()) + "\"")
                : "r0 = " + hex(file.result());
        Program program;
        try {
            program = load(file);
        } catch (AssemblyException | InvalidProgramException e) {
            return errorOutcome(file, expected, "load error: " + e.getMessage());
        }
        try {
            Executable executable = engine.prepare(program);
            Invocation inv = Invocation.current();
            inv.begin(program, file.context());
            inv.budget = file.budget();
            long r0 = executable.run(inv);
            boolean passed = !file.expectsError() && r0 == file.result();
            return new DataResult(file.name(), passed, expected, "r0 = " + hex(r0));
        } catch (BpfFault fault) {
            return errorOutcome(file, expected, "fault: " + fault.getMessage());
        } catch (RuntimeException e) {
            return new DataResult(file.name(), false, expected, engine.name() + " engine failed: " + e);
        }
    }

    /** The program of {@code file}, validated; {@code -- raw} wins over {@code -- asm}. */
    public static Program load(DataFile file) {
        Instruction[] insns = file.raw() != null ? InstructionCodec.decode(file.raw()) : ConformanceAssembler.assemble(file.asm());
        return ProgramBuilder.of(file.name(), file.type(), insns, ConformanceHelpers.registry()).build();
    }

    private static DataResult errorOutcome(DataFile file, String expected, String actual) {
        boolean passed = file.expectsError() && file.error().lines().allMatch(actual::contains);
        return new DataResult(file.name(), passed, expected, actual);
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
