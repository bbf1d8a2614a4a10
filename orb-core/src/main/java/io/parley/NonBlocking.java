package io.parley;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Promises that a servant method (or every method of a servant class) returns quickly without blocking: no I/O, no
 * locks held for long, no waiting on other calls. Such methods run directly on the transport's I/O thread, which
 * saves two thread hand-offs per call (tens of microseconds each). A method that blocks anyway stalls every
 * connection served by that I/O thread, so when in doubt leave this out: calls then run on the Orb's servant
 * executor.
 *
 * <p>Put it on the servant class or on the servant's implementation method, not on the remote interface: whether a
 * method blocks is a property of the implementation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface NonBlocking {
}
