package io.parley;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles allowed to call a remote interface's methods (on the interface) or one method (on the method, which
 * then wins over the interface's). A caller needs at least one of them; an empty list allows any authenticated
 * caller. Enforced on the server when the Orb has an {@link Authenticator}; a refused call gets
 * {@link ErrorCode#UNAUTHORIZED} and nothing of the servant runs. Like {@code jakarta.annotation.security.RolesAllowed}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Allowed {
    /** The roles; any one of them suffices. */
    String[] value() default {};
}
