package io.parley.proxy;

import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.proxy.Invoker;
import io.parley.spi.proxy.ProxyFactory;
import io.parley.spi.proxy.RemoteProxy;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The reference proxy factory, on {@link Proxy}: the obvious, reflective implementation of the proxy contract. The
 * same behaviour tests run against it and against {@link ByteBuddyProxyFactory}, so a difference between the two is
 * a defect of the generated classes (or of this reference).
 */
public final class JdkProxyFactory implements ProxyFactory {
    private static final Object[] NO_ARGUMENTS = {};

    @Override
    @SuppressWarnings("unchecked")
    public <T> T create(InterfaceDescriptor iface, Invoker invoker) {
        Class<?> type = iface.type();
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type, RemoteProxy.class},
                new Handler(iface, invoker));
    }

    private static final class Handler implements InvocationHandler {
        private final InterfaceDescriptor iface;
        private final Invoker invoker;

        Handler(InterfaceDescriptor iface, Invoker invoker) {
            this.iface = iface;
            this.invoker = invoker;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            RemoteProxy self = (RemoteProxy) proxy;
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self.parleyEquals(args[0]);
                    case "hashCode" -> self.parleyHashCode();
                    default -> self.parleyToString();
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getDeclaringClass() == RemoteProxy.class) {
                return invoker;
            }
            MethodDescriptor remote = iface.method(method.getName());
            Object result = invoker.invoke(remote.index(), args == null ? NO_ARGUMENTS : args);
            Class<?> type = method.getReturnType();
            if (result == null && type.isPrimitive() && type != void.class) {
                throw new NullPointerException("the invoker returned null for " + remote + ", whose result type "
                        + type.getName() + " has no null");
            }
            return result;
        }
    }
}
