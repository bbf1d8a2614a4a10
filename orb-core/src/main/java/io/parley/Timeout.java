package io.parley;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The default deadline, in milliseconds, of calls to a remote method, or to every method of a remote interface. It
 * overrides the Orb's default ({@link Orb.Builder#defaultTimeout}); {@link Calls#withTimeout} overrides it for the
 * calls made inside its scope.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Timeout {
    /** Milliseconds from the start of the call until it fails with {@link DeadlineExceededException}; positive. */
    long value();
}
