package io.parley.internal.server;

import io.parley.NonBlocking;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Calls the methods of one remote interface on one servant without reflection per call: a method handle per method,
 * bound to the servant and spread over an argument array, built once at export.
 */
final class Skeleton {
    private static final MethodType INVOKER_TYPE = MethodType.methodType(Object.class, Object[].class);

    private final InterfaceDescriptor iface;
    private final MethodHandle[] handles;
    private final boolean[] nonBlocking;

    Skeleton(InterfaceDescriptor iface, Object servant) {
        this.iface = iface;
        List<MethodDescriptor> methods = iface.methods();
        this.handles = new MethodHandle[methods.size()];
        this.nonBlocking = new boolean[methods.size()];
        for (MethodDescriptor method : methods) {
            handles[method.index()] = invoker(method.method(), servant);
            nonBlocking[method.index()] = isNonBlocking(servant.getClass(), method.method());
        }
    }

    InterfaceDescriptor iface() {
        return iface;
    }

    /** Calls the servant; throws whatever the servant throws. */
    Object invoke(MethodDescriptor method, Object[] arguments) throws Throwable {
        return handles[method.index()].invokeExact(arguments);
    }

    /** Whether the servant promised that this method does not block, so it may run on the I/O thread. */
    boolean isNonBlocking(MethodDescriptor method) {
        return nonBlocking[method.index()];
    }

    private static MethodHandle invoker(Method method, Object servant) {
        try {
            // The remote interface is public (validated), so the public lookup reaches its methods whatever the
            // servant class's own visibility.
            MethodHandle handle = MethodHandles.publicLookup().unreflect(method).bindTo(servant);
            return handle.asSpreader(Object[].class, method.getParameterCount()).asType(INVOKER_TYPE);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot access remote method " + method, e);
        }
    }

    private static boolean isNonBlocking(Class<?> servantClass, Method method) {
        if (servantClass.isAnnotationPresent(NonBlocking.class)) {
            return true;
        }
        for (Class<?> type = servantClass; type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                return type.getDeclaredMethod(method.getName(), method.getParameterTypes())
                        .isAnnotationPresent(NonBlocking.class);
            } catch (NoSuchMethodException e) {
                // Implemented by a superclass: look there.
            }
        }
        return false;
    }
}
