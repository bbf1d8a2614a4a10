package io.parley;

/**
 * A rule of who may call what, beyond {@link Allowed}: decides per identity, object (its name or id), interface
 * and method. Set with {@link Orb.Builder#accessPolicy}; it runs after authentication and after the
 * {@link Allowed} check, before any interceptor or servant of the call.
 *
 * <pre>{@code
 * .accessPolicy((identity, call) -> !call.objectId().startsWith("admin/") || identity.hasRole("admin"))
 * }</pre>
 */
@FunctionalInterface
public interface AccessPolicy {
    /**
     * Whether {@code identity} may make {@code call} (read its service, object id and method; its metadata).
     * Returning {@code false} refuses the call with {@link ErrorCode#UNAUTHORIZED}.
     */
    boolean permits(Identity identity, CallContext call);
}
