package io.parley.spi.proxy;

/**
 * What a proxy calls for every remote method: core's client call path. Implemented by core.
 */
public interface Invoker {

    /**
     * Performs a call.
     *
     * @param methodIndex the method's {@link io.parley.spi.MethodDescriptor#index()}
     * @param arguments   the arguments (an empty array for none)
     * @return the result, boxed; {@code null} for void; a {@code CompletableFuture} for asynchronous methods
     * @throws Throwable a declared exception of the method, or an unchecked {@link io.parley.OrbException}
     */
    Object invoke(int methodIndex, Object[] arguments) throws Throwable;

    /**
     * What the proxy stands for (a {@link io.parley.RemoteRef}): proxies are equal when their targets are equal, and
     * hash and print as their target. Never null, and immutable: proxy {@code equals} and {@code hashCode} rely on
     * it.
     */
    Object target();
}
