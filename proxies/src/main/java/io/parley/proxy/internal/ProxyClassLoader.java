package io.parley.proxy.internal;

import io.parley.spi.proxy.Invoker;
import io.parley.spi.proxy.RemoteProxy;

/**
 * A class loader for one generated proxy class whose remote interface's loader cannot see Parley: a child of the
 * interface's loader (so every type of the interface resolves as it does for the interface) that answers the two
 * Parley types a proxy refers to, {@link RemoteProxy} and {@link Invoker}, with Parley's own classes.
 *
 * <p>Parley's types are answered first, before the parent: if the interface's loader has its own, different copy of
 * Parley, the proxy must still implement the {@code RemoteProxy} that this Parley checks for, and take this Parley's
 * {@code Invoker}. A general multiple-parent loader would leave that choice to the order of its parents.
 */
final class ProxyClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    ProxyClassLoader(ClassLoader interfaceLoader) {
        super("parley-proxy", interfaceLoader);
    }

    Class<?> define(String name, byte[] bytes) {
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.equals(RemoteProxy.class.getName())) {
            return RemoteProxy.class;
        }
        if (name.equals(Invoker.class.getName())) {
            return Invoker.class;
        }
        return super.loadClass(name, resolve);
    }
}
