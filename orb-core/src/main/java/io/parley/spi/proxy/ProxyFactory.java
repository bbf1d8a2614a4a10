package io.parley.spi.proxy;

import io.parley.spi.InterfaceDescriptor;

/**
 * Creates client proxies: objects that implement a remote interface and turn each call of a remote method into
 * {@link Invoker#invoke}. Found with {@link java.util.ServiceLoader} or given to
 * {@code Orb.builder().proxyFactory(…)}.
 *
 * <p>A proxy also implements {@link RemoteProxy}; its {@code equals}, {@code hashCode} and {@code toString} are the
 * {@code parley*} methods of that interface, and default methods of the remote interface run locally. Creating a
 * proxy must not create a class per call: classes are generated once per interface and class loader.
 */
public interface ProxyFactory {

    /** A new proxy for {@code iface} that sends every remote call to {@code invoker}. */
    <T> T create(InterfaceDescriptor iface, Invoker invoker);
}
