package org.binfmtbpf.binfmt;

import java.util.ArrayList;
import java.util.List;

/**
 * The argv binfmt_misc gives the interpreter. The kernel drops the original argv[0] unless
 * the entry has P, then pushes the path as exec'd and the interpreter in front:
 * {@code [interpreter, path, argv0 (P only), argv[1], ...]}. An execve with an empty argv
 * gets a single empty argv[0] first (Linux 5.18+), so P then passes "".
 */
public final class ArgvBuilder {
    private ArgvBuilder() {}

    public static List<String> build(String interpreter, String path, List<String> argv, boolean preserveArgv0) {
        List<String> original = argv.isEmpty() ? List.of("") : argv;
        List<String> out = new ArrayList<>(original.size() + 2);
        out.add(interpreter);
        out.add(path);
        out.addAll(preserveArgv0 ? original : original.subList(1, original.size()));
        return out;
    }
}
