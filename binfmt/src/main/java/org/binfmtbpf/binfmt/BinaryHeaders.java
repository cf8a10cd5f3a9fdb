package org.binfmtbpf.binfmt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * prepare_binprm for an interpreter: the first bytes of the file exec moves on to when an
 * entry's interpreter is offered to binfmt_misc again (see {@link ExecChain}).
 */
@FunctionalInterface
public interface BinaryHeaders {
    /** The request exec makes for {@code path} (a byte string), passing it {@code argv}. */
    ExecRequest request(String path, List<String> argv) throws IOException;

    /** The host's files, read where the byte string {@code path} points. */
    BinaryHeaders HOST = (path, argv) -> ExecRequest.ofFile(Path.of(Latin1.toUtf8(path)), path, argv);
}
