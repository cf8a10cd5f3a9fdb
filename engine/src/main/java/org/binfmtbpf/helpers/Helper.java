package org.binfmtbpf.helpers;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.binfmtbpf.run.Invocation;

/**
 * One helper: its kernel id, name, prototype and implementation. The implementation is a
 * public static method {@code owner.method} with {@link HelperFunction#DESCRIPTOR}; the
 * interpreter calls it through {@link #function()}, the JIT emits invokestatic to it.
 */
public record Helper(int id, String name, HelperPrototype prototype, Class<?> owner, String method, HelperFunction function) {

    private static final MethodType SHAPE =
            MethodType.methodType(long.class, Invocation.class, long.class, long.class, long.class, long.class, long.class);

    /** Builds a helper from a public static method of the standard shape. */
    public static Helper ofStatic(int id, String name, HelperPrototype prototype, Class<?> owner, String method) {
        return new Helper(id, name, prototype, owner, method, bind(owner, method));
    }

    private static HelperFunction bind(Class<?> owner, String method) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle target = lookup.findStatic(owner, method, SHAPE);
            return (HelperFunction) LambdaMetafactory.metafactory(MethodHandles.lookup(), "call",
                    MethodType.methodType(HelperFunction.class), SHAPE, target, SHAPE).getTarget().invokeExact();
        } catch (Throwable e) {
            throw new IllegalArgumentException("helper " + owner.getName() + "." + method + " is not a public static "
                    + HelperFunction.DESCRIPTOR + " method", e);
        }
    }
}
