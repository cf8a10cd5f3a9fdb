package org.binfmtbpf.binfmt;

import org.binfmtbpf.program.Program;
import org.binfmtbpf.run.Executable;

/**
 * A program as a 'B' entry holds it: where it came from (so the state directory can store and
 * reload it), the loaded program, and its executable, compiled once and shared by every
 * resolution on every thread.
 *
 * @param id the content id of {@code source} in the state directory
 */
public record LoadedProgram(String id, ProgramSource source, Program program, Executable executable) {}
