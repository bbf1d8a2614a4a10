package io.parley.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.proxy.ProxyFactory;
import io.parley.spi.proxy.RemoteProxy;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Proxies of interfaces that live in class loaders other than the application's. */
class ProxyClassLoadingTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final ProxyFactory factory = new ByteBuddyProxyFactory();

    @Test
    void interfaceInItsOwnClassLoaderGetsItsProxyDefinedNextToIt() throws Exception {
        Class<?> greeter = DynamicInterfaces.greeter(freshName(), getClass().getClassLoader());
        RecordingInvoker invoker = new RecordingInvoker("parley://greeter").returns("hello ann");

        Object proxy = factory.create(InterfaceDescriptor.of(greeter), invoker);

        assertSame(greeter.getClassLoader(), proxy.getClass().getClassLoader());
        assertEquals(greeter.getName() + "$ParleyProxy", proxy.getClass().getName());
        assertEquals("hello ann", greeter.getMethod("greet", String.class).invoke(proxy, "ann"));
        assertEquals(new RecordingInvoker.Call(1, List.of("ann")), invoker.lastCall());
    }

    @Test
    void interfaceWhoseLoaderCannotSeeParleyGetsAPrivateChildLoader() throws Exception {
        ClassLoader hiding = DynamicInterfaces.hidingParleySpi(getClass().getClassLoader());
        Class<?> greeter = DynamicInterfaces.greeter(freshName(), hiding);
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName(RemoteProxy.class.getName(), false, greeter.getClassLoader()));
        RecordingInvoker invoker = new RecordingInvoker("parley://greeter").returns(7);

        Object proxy = factory.create(InterfaceDescriptor.of(greeter), invoker);

        ClassLoader proxyLoader = proxy.getClass().getClassLoader();
        assertNotSame(greeter.getClassLoader(), proxyLoader);
        assertSame(greeter.getClassLoader(), proxyLoader.getParent());
        assertEquals(greeter.getName() + "$ParleyProxy", proxy.getClass().getName());
        assertTrue(proxy instanceof RemoteProxy);
        assertEquals(7, greeter.getMethod("count").invoke(proxy));
        assertEquals(new RecordingInvoker.Call(0, List.of()), invoker.lastCall());
        assertEquals("Proxy[parley://greeter]", proxy.toString());
    }

    @Test
    void privateChildLoaderIsSharedByProxiesOfTheSameInterface() {
        Class<?> greeter = DynamicInterfaces.greeter(freshName(),
                DynamicInterfaces.hidingParleySpi(getClass().getClassLoader()));
        InterfaceDescriptor descriptor = InterfaceDescriptor.of(greeter);

        Object one = factory.create(descriptor, new RecordingInvoker("a"));
        Object other = factory.create(descriptor, new RecordingInvoker("b"));

        assertSame(one.getClass(), other.getClass());
    }

    @Test
    void concurrentFirstUseDefinesOneClass() throws Exception {
        InterfaceDescriptor descriptor = InterfaceDescriptor.of(
                DynamicInterfaces.greeter(freshName(), getClass().getClassLoader()));
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Class<?>>> classes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                classes.add(executor.submit(() -> {
                    start.await();
                    return factory.create(descriptor, new RecordingInvoker("x")).getClass();
                }));
            }
            start.countDown();
            Set<Class<?>> distinct = new HashSet<>();
            for (Future<Class<?>> type : classes) {
                distinct.add(type.get());
            }
            assertEquals(1, distinct.size(), distinct::toString);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void proxiesDoNotKeepTheInterfacesClassLoaderAlive() throws Exception {
        WeakReference<ClassLoader> nextToInterface = useAndDropProxy(getClass().getClassLoader());
        WeakReference<ClassLoader> inPrivateLoader =
                useAndDropProxy(DynamicInterfaces.hidingParleySpi(getClass().getClassLoader()));

        awaitCollection(nextToInterface);
        awaitCollection(inPrivateLoader);

        assertNull(nextToInterface.get(), "class loader of an interface whose proxy class is defined next to it");
        assertNull(inPrivateLoader.get(), "class loader of an interface whose proxy class has a private loader");
    }

    /** Creates and calls a proxy of a fresh interface; returns only a weak reference to the interface's loader. */
    private WeakReference<ClassLoader> useAndDropProxy(ClassLoader parent) throws Exception {
        Class<?> greeter = DynamicInterfaces.greeter(freshName(), parent);
        Object proxy = factory.create(InterfaceDescriptor.of(greeter), new RecordingInvoker("x").returns("hi"));
        try {
            assertEquals("hi", greeter.getMethod("greet", String.class).invoke(proxy, "ann"));
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        }
        return new WeakReference<>(greeter.getClassLoader());
    }

    private static void awaitCollection(WeakReference<?> reference) throws InterruptedException {
        // A test only: production code never relies on System.gc().
        for (int attempt = 0; attempt < 50 && reference.get() != null; attempt++) {
            System.gc();
            Thread.sleep(20);
        }
    }

    private static String freshName() {
        return "com.example.dynamic.Greeter" + NAMES.incrementAndGet();
    }
}
