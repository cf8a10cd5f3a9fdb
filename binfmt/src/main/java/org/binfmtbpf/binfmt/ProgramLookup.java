package org.binfmtbpf.binfmt;

/**
 * Finds the program pinned at a path, as bpf_prog_get_type_path does for a 'B' registration.
 * Fails with the kernel's errno: ENOENT when nothing is pinned there, EINVAL when the object
 * is not a program of a type binfmt_misc runs, EACCES when the path is not in the bpf filesystem.
 */
@FunctionalInterface
public interface ProgramLookup {
    PinnedProgram programAt(String path);

}
