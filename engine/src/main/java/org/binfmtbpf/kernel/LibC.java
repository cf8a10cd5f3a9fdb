package org.binfmtbpf.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The two libc entry points the kernel oracle needs, bound through JNA. */
interface LibC extends Library {
    /** syscall(2) with the bpf(2) argument shape: {@code syscall(SYS_bpf, cmd, attr, size)}. */
    long syscall(long number, int cmd, Pointer attr, int size) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** Loads libc; throws UnsatisfiedLinkError (or a JNA error) where that is impossible. */
    static LibC load() {
        return Native.load("c", LibC.class);
    }
}
