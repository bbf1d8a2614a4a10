package io.parley;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a servant class its name. {@link Orb#export(Object)} exports such a servant under that name: its object id
 * is the name itself, so references to it stay valid across restarts of the serving process.
 *
 * <p>A name is one or more segments separated by {@code '/'}; a segment is made of letters, digits, {@code '.'},
 * {@code '_'} and {@code '-'} (for example {@code "bank/accounts"}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Export {
    /** The name to export the servant under. */
    String value();
}
