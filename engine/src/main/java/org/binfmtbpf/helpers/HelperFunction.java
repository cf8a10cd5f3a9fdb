package org.binfmtbpf.helpers;

import org.binfmtbpf.run.Invocation;

/**
 * A helper's implementation: registers r1..r5 in, r0 out. Every implementation is a public
 * static method of this exact shape; the interpreter calls it through this interface and
 * the JIT emits {@code invokestatic} to the same method (see {@link Helper#owner()}).
 */
@FunctionalInterface
public interface HelperFunction {
    /** The JVM descriptor every helper method has. */
    String DESCRIPTOR = "(Lorg/binfmtbpf/run/Invocation;JJJJJ)J";

    long call(Invocation inv, long r1, long r2, long r3, long r4, long r5);
}
