package io.parley.proxy.internal;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.proxy.Invoker;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The generated proxy class of each remote interface, and its constructor.
 *
 * <p>The cache holds nothing strongly, so it never keeps a user's class loader alive:
 * <ul>
 *   <li>interfaces are weak keys, and classes weak values, so an entry does not keep its own key alive;</li>
 *   <li>a class defined into the interface's own class loader (the usual case, see {@link ProxyClassDefiner}) cannot
 *       be unloaded before that loader is collected, so for the lifetime of the interface it is generated exactly
 *       once;</li>
 *   <li>a class defined into a private child loader lives while some proxy of it does; after the last proxy has been
 *       collected, a later proxy gets a freshly generated class in a fresh loader (no name clash, and the old class
 *       unloads with its loader).</li>
 * </ul>
 * Constructors are kept in a {@link ClassValue} of the generated class itself, so they live and die with it.
 *
 * <p>The cache is static, not per factory, on purpose: a class name can be defined only once per class loader, so
 * two caches would both try to define {@code Calculator$ParleyProxy} in the same loader.
 */
public final class ProxyClassCache {
    private static final MethodType CONSTRUCTOR_TYPE = MethodType.methodType(void.class, Invoker.class);
    private static final MethodType FACTORY_TYPE = MethodType.methodType(Object.class, Invoker.class);

    /** Guarded by itself; held during generation too, so that two threads never define the same class. */
    private static final Map<Class<?>, Reference<Class<?>>> CLASSES = new WeakHashMap<>();

    private static final ClassValue<MethodHandle> CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> proxyClass) {
            try {
                return MethodHandles.lookup().findConstructor(proxyClass, CONSTRUCTOR_TYPE).asType(FACTORY_TYPE);
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new IllegalStateException("generated class " + proxyClass.getName()
                        + " has no accessible constructor (Invoker)", e);
            }
        }
    };

    private ProxyClassCache() {
    }

    /** The constructor of the proxy class of {@code iface}, typed {@code (Invoker)Object}; generates it if needed. */
    public static MethodHandle constructor(InterfaceDescriptor iface) {
        return CONSTRUCTORS.get(proxyClass(iface));
    }

    /** The proxy class of {@code iface}, generated on first use. */
    public static Class<?> proxyClass(InterfaceDescriptor iface) {
        synchronized (CLASSES) {
            Reference<Class<?>> cached = CLASSES.get(iface.type());
            Class<?> proxyClass = cached != null ? cached.get() : null;
            if (proxyClass == null) {
                proxyClass = generate(iface);
                CLASSES.put(iface.type(), new WeakReference<>(proxyClass));
            }
            return proxyClass;
        }
    }

    private static Class<?> generate(InterfaceDescriptor iface) {
        try {
            return ProxyClassDefiner.define(iface.type(), ProxyClassGenerator.nameOf(iface.type()),
                    ProxyClassGenerator.generate(iface));
        } catch (RuntimeException | LinkageError e) {
            // A defect of Parley or Byte Buddy rather than of the interface, which the descriptor has validated;
            // say which interface, so that the report can be reproduced.
            throw new OrbException(ErrorCode.INTERNAL, Completion.NO,
                    "cannot generate the proxy class of " + iface.type().getName() + " (" + e + ")", e);
        }
    }
}
