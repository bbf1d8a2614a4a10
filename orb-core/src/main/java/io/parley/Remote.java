package io.parley;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public interface whose methods can be called from other processes.
 *
 * <p>Every abstract method of the interface (and of the interfaces it extends) is a remote method. Method names must
 * be unique: Thrift, and so the wire, has no overloading. A method returns a value type, {@code void}, or a
 * {@link java.util.concurrent.CompletableFuture} of one (an asynchronous method); a {@link Oneway} method returns
 * {@code void}. Default and static methods stay local. Checked exceptions declared with {@code throws} reach the
 * caller as themselves.
 *
 * <pre>{@code
 * @Remote
 * public interface Calculator {
 *     int add(int a, int b);
 *     CompletableFuture<Double> divide(double a, double b) throws DivisionByZero;
 *     @Oneway void log(String line);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Remote {
    /**
     * The service name on the wire and in generated IDL; the interface's simple name when empty. It must not contain
     * {@code ':'} or {@code '#'}.
     */
    String name() default "";
}
