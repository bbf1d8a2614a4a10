package io.parley.proxy.internal;

import io.parley.spi.proxy.Invoker;
import io.parley.spi.proxy.RemoteProxy;
import java.lang.invoke.MethodHandles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Defines a generated proxy class where it can see both the remote interface and Parley's proxy SPI, without
 * {@code --add-opens}, {@code Unsafe} or injection into a foreign class loader.
 *
 * <ol>
 *   <li><b>Into the interface's package</b>, with {@link MethodHandles.Lookup#defineClass} on a
 *       {@link MethodHandles#privateLookupIn private lookup} of the interface, when the interface's class loader
 *       resolves {@link RemoteProxy} and {@link Invoker} to Parley's own classes and the interface's package is open
 *       to Parley (every package on the class path is). The class then sits next to the interface, as
 *       {@code com.acme.Calculator$ParleyProxy}, and lives exactly as long as the interface's class loader.</li>
 *   <li><b>Otherwise into a {@link ProxyClassLoader}</b>, a private child of the interface's class loader that
 *       answers Parley's two SPI types itself. This covers interfaces whose loader cannot see Parley (an interface
 *       in a parent or sibling loader of Parley's, or a loader with its own copy of Parley) and packages of named
 *       modules that are not open to Parley.</li>
 * </ol>
 * Both keep the name {@code <interface>$ParleyProxy}, so stack traces read well either way.
 */
final class ProxyClassDefiner {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyClassDefiner.class);

    private ProxyClassDefiner() {
    }

    /** Defines {@code bytes}, the proxy class named {@code name} of {@code iface}. */
    static Class<?> define(Class<?> iface, String name, byte[] bytes) {
        MethodHandles.Lookup lookup = lookupInPackageOf(iface);
        if (lookup != null) {
            try {
                Class<?> defined = lookup.defineClass(bytes);
                LOG.debug("Defined {} in the class loader of {}", name, iface.getName());
                return defined;
            } catch (IllegalAccessException | LinkageError e) {
                // LinkageError: the loader already holds a class of that name (not ours: our cache never defines
                // twice), or verification failed; the private loader either avoids the clash or fails clearly.
                LOG.debug("Cannot define {} next to {} ({}); using a private class loader", name, iface.getName(),
                        e.toString());
            }
        }
        Class<?> defined = new ProxyClassLoader(iface.getClassLoader()).define(name, bytes);
        LOG.debug("Defined {} in a private class loader, child of the class loader of {}", name, iface.getName());
        return defined;
    }

    private static MethodHandles.Lookup lookupInPackageOf(Class<?> iface) {
        ClassLoader loader = iface.getClassLoader();
        if (!resolvesToParley(loader, RemoteProxy.class) || !resolvesToParley(loader, Invoker.class)) {
            LOG.debug("The class loader of {} does not see Parley's proxy SPI", iface.getName());
            return null;
        }
        try {
            return MethodHandles.privateLookupIn(iface, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            LOG.debug("The package of {} is not open to Parley ({})", iface.getName(), e.getMessage());
            return null;
        }
    }

    private static boolean resolvesToParley(ClassLoader loader, Class<?> type) {
        try {
            return Class.forName(type.getName(), false, loader) == type;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
