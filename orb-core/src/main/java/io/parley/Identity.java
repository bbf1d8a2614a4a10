package io.parley;

import java.util.Objects;
import java.util.Set;

/**
 * Who made a call, as an {@link Authenticator} established it: a name, how it was proven, and the roles it holds.
 * Servants and server interceptors read it through {@link CallContext#identity()}; {@link Allowed} and an
 * {@link AccessPolicy} decide on it.
 *
 * @param name      the caller's name: a certificate subject, a token's subject, an operating-system user
 * @param mechanism how it was proven, e.g. {@code "tls"}, {@code "bearer"}, {@code "uid"}
 * @param roles     the roles it holds (may be empty)
 */
public record Identity(String name, String mechanism, Set<String> roles) {
    public Identity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mechanism, "mechanism");
        roles = Set.copyOf(roles);
    }

    /** Whether the identity holds {@code role}. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    @Override
    public String toString() {
        return mechanism + ":" + name + (roles.isEmpty() ? "" : " " + roles);
    }
}
