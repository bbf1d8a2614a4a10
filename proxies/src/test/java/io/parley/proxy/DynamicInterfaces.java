package io.parley.proxy;

import io.parley.Remote;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;

/**
 * Remote interfaces that exist only in a class loader of their own, defined with Byte Buddy so that no test needs a
 * compiler: {@code String greet(String name)} and {@code int count()}.
 */
final class DynamicInterfaces {
    private DynamicInterfaces() {
    }

    /** A new interface {@code name}, {@code @Remote}, in a fresh class loader whose parent is {@code parent}. */
    static Class<?> greeter(String name, ClassLoader parent) {
        return new ByteBuddy()
                .makeInterface()
                .name(name)
                .annotateType(AnnotationDescription.Builder.ofType(Remote.class).build())
                .defineMethod("greet", String.class, Visibility.PUBLIC).withParameters(String.class).withoutCode()
                .defineMethod("count", int.class, Visibility.PUBLIC).withoutCode()
                .make()
                .load(parent, ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded();
    }

    /**
     * A class loader that sees everything its parent sees except Parley's proxy SPI: a stand-in for an application
     * whose interfaces live where Parley's classes are not visible (a parent or sibling of Parley's loader).
     */
    static ClassLoader hidingParleySpi(ClassLoader parent) {
        return new ClassLoader("hides-parley-spi", parent) {
            @Override
            protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
                if (className.startsWith("io.parley.spi.proxy.")) {
                    throw new ClassNotFoundException(className + " is hidden from this loader");
                }
                return super.loadClass(className, resolve);
            }
        };
    }
}
