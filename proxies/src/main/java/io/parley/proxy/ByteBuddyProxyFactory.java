package io.parley.proxy;

import io.parley.proxy.internal.ProxyClassCache;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.proxy.Invoker;
import io.parley.spi.proxy.ProxyFactory;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * Creates client proxies from classes generated with Byte Buddy: one class per remote interface and class loader,
 * generated on first use and then reused, so that creating a proxy is a single constructor call.
 *
 * <p>For {@code com.acme.Calculator} the generated class reads, in Java:
 * <pre>{@code
 * public final class Calculator$ParleyProxy implements Calculator, RemoteProxy {
 *     private static final Object[] NO_ARGUMENTS = {};
 *     private final Invoker invoker;
 *
 *     public Calculator$ParleyProxy(Invoker invoker) { this.invoker = invoker; }
 *
 *     public Invoker parleyInvoker() { return invoker; }
 *
 *     public int add(int a, int b) {          // the index is add's MethodDescriptor.index()
 *         return ((Integer) Objects.requireNonNull(invoker.invoke(0, new Object[] {a, b}),
 *                 "the invoker returned null for Calculator.add, whose result type int has no null")).intValue();
 *     }
 *
 *     public boolean equals(Object other) { return parleyEquals(other); }
 *     public int hashCode() { return parleyHashCode(); }
 *     public String toString() { return parleyToString(); }
 * }
 * }</pre>
 * Default methods of the interface are not overridden: they run locally and may call remote methods on
 * {@code this}. Exceptions thrown by the invoker, checked or not, reach the caller unchanged.
 *
 * <p><b>{@code null} for a primitive result.</b> A remote method whose result is a primitive cannot return
 * {@code null}. If the invoker returns {@code null} for one anyway (a defect in the call path: the codec never
 * produces it), the proxy throws a {@link NullPointerException} that names the method, as a
 * {@link java.lang.reflect.Proxy} would, rather than inventing a zero that the server never sent.
 *
 * <p>Generated classes are defined next to their interface where its package allows it, else in a private child
 * class loader, and are cached without keeping any class loader alive: see {@code io.parley.proxy.internal}.
 */
public final class ByteBuddyProxyFactory implements ProxyFactory {

    /** Used by {@link java.util.ServiceLoader}; the factory has no state of its own. */
    public ByteBuddyProxyFactory() {
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T create(InterfaceDescriptor iface, Invoker invoker) {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(invoker, "invoker");
        MethodHandle constructor = ProxyClassCache.constructor(iface);
        try {
            return (T) (Object) constructor.invokeExact(invoker);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // The generated constructor only stores a field; it declares and throws nothing checked.
            throw new IllegalStateException("proxy constructor of " + iface + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "ByteBuddyProxyFactory";
    }
}
