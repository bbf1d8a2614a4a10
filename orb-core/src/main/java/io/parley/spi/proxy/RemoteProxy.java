package io.parley.spi.proxy;

/**
 * Implemented by every proxy, so that core can recognise proxies and find their invoker. The default methods give
 * every proxy factory the same local {@code equals}, {@code hashCode} and {@code toString}.
 */
public interface RemoteProxy {

    /** The proxy's invoker. */
    Invoker parleyInvoker();

    /** Proxy {@code equals}: the other object is a proxy with an equal target. */
    default boolean parleyEquals(Object other) {
        return other instanceof RemoteProxy proxy && parleyInvoker().target().equals(proxy.parleyInvoker().target());
    }

    /** Proxy {@code hashCode}: the target's. */
    default int parleyHashCode() {
        return parleyInvoker().target().hashCode();
    }

    /** Proxy {@code toString}: {@code Proxy[target]}. */
    default String parleyToString() {
        return "Proxy[" + parleyInvoker().target() + "]";
    }
}
