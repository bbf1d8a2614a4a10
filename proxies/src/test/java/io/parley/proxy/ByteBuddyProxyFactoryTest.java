package io.parley.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.proxy.Invoker;
import io.parley.spi.proxy.ProxyFactory;
import io.parley.spi.proxy.RemoteProxy;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The generated classes pass the proxy contract, and have the shape and caching that the design asks for. */
class ByteBuddyProxyFactoryTest extends ProxyFactoryContractTest {
    private static final InterfaceDescriptor CALCULATOR = InterfaceDescriptor.of(Calculator.class);

    private final ProxyFactory factory = new ByteBuddyProxyFactory();

    @Override
    protected ProxyFactory factory() {
        return factory;
    }

    @Test
    void proxiesOfOneInterfaceShareOneClassAcrossFactories() {
        Calculator one = factory.create(CALCULATOR, new RecordingInvoker("a"));
        Calculator other = new ByteBuddyProxyFactory().create(CALCULATOR, new RecordingInvoker("b"));

        assertSame(one.getClass(), other.getClass());
    }

    @Test
    void proxyClassIsNamedAfterTheInterfaceAndDefinedNextToIt() {
        Class<?> type = factory.create(CALCULATOR, new RecordingInvoker("a")).getClass();

        assertEquals("io.parley.proxy.Calculator$ParleyProxy", type.getName());
        assertSame(Calculator.class.getClassLoader(), type.getClassLoader());
        assertSame(Calculator.class.getPackage(), type.getPackage());
    }

    @Test
    void proxyClassIsPublicFinalWithTheInvokerInItsOnlyInstanceField() {
        Class<?> type = factory.create(CALCULATOR, new RecordingInvoker("a")).getClass();

        assertEquals(Modifier.PUBLIC | Modifier.FINAL, type.getModifiers());
        assertEquals(List.of(Calculator.class, RemoteProxy.class), List.of(type.getInterfaces()));
        List<Field> instanceFields = Arrays.stream(type.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers())).toList();
        assertEquals(1, instanceFields.size(), instanceFields::toString);
        assertEquals(Invoker.class, instanceFields.get(0).getType());
        assertEquals(Modifier.PRIVATE | Modifier.FINAL, instanceFields.get(0).getModifiers());
        Constructor<?>[] constructors = type.getDeclaredConstructors();
        assertEquals(1, constructors.length);
        assertEquals(List.of(Invoker.class), List.of(constructors[0].getParameterTypes()));
    }

    @Test
    void defaultMethodsAreNotOverridden() {
        Class<?> type = factory.create(CALCULATOR, new RecordingInvoker("a")).getClass();

        assertThrows(NoSuchMethodException.class, () -> type.getDeclaredMethod("twice", int.class));
    }

    @Test
    void undeclaredCheckedExceptionPropagatesUnchanged() {
        // Unlike java.lang.reflect.Proxy, which wraps it in an UndeclaredThrowableException: the byte code of a
        // proxy does not know about checked exceptions, and core's invoker only throws declared ones anyway.
        IOException thrown = new IOException("undeclared");
        Calculator proxy = factory.create(CALCULATOR, new RecordingInvoker("a").throwing(thrown));

        Throwable caught = assertThrows(Throwable.class, () -> proxy.add(1, 2));

        assertSame(thrown, caught);
    }

    @Test
    void serviceLoaderFindsTheFactory() {
        List<Class<?>> found = ServiceLoader.load(ProxyFactory.class).stream()
                .<Class<?>>map(ServiceLoader.Provider::type).toList();

        assertTrue(found.contains(ByteBuddyProxyFactory.class), found::toString);
    }
}
