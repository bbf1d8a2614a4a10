package io.parley;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Establishes who makes a call, before any interceptor or servant of it runs. Set with
 * {@link Orb.Builder#authenticator}: then every call needs an identity, and a call without one is refused with
 * {@link ErrorCode#UNAUTHORIZED} (completion NO), and logged.
 *
 * <pre>{@code
 * Orb.builder()
 *     .tls(tls)                                               // verifies client certificates
 *     .authenticator(Authenticator.firstOf(
 *         Authenticator.certificateSubject(subject -> Set.of("service")),
 *         Authenticator.bearerToken(tokens::verify)))         // token -> Optional<Identity>
 *     .accessPolicy(...)
 * }</pre>
 *
 * <p>Threads: called on the thread that serves the call, for every call; keep it fast (cache token checks).
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * The caller's identity, or empty when these credentials prove none (the call is then refused). Throwing an
     * {@link OrbException} refuses the call with that exception.
     */
    Optional<Identity> authenticate(Credentials credentials);

    /** Callers with a verified TLS client certificate, named by its subject, with the roles {@code roles} gives. */
    static Authenticator certificateSubject(Function<String, Set<String>> roles) {
        return credentials -> credentials.certificateSubject()
                .map(subject -> new Identity(subject, "tls", roles.apply(subject)));
    }

    /**
     * Callers with a bearer token that {@code verifier} accepts (it returns the token's identity, or empty for a bad
     * token). Clients attach theirs with {@link Orb.Builder#bearerToken}.
     */
    static Authenticator bearerToken(Function<String, Optional<Identity>> verifier) {
        return credentials -> credentials.bearerToken().flatMap(verifier);
    }

    /**
     * Same-host callers over shared memory, named by the operating-system user the kernel reports for them, with
     * the roles {@code roles} gives.
     */
    static Authenticator peerUser(Function<String, Set<String>> roles) {
        return credentials -> credentials.peerUser().map(user -> new Identity(user, "uid", roles.apply(user)));
    }

    /** The first identity any of {@code authenticators} establishes, tried in order. */
    static Authenticator firstOf(Authenticator... authenticators) {
        List<Authenticator> all = List.copyOf(Arrays.asList(authenticators));
        return credentials -> {
            for (Authenticator authenticator : all) {
                Optional<Identity> identity = authenticator.authenticate(credentials);
                if (identity.isPresent()) {
                    return identity;
                }
            }
            return Optional.empty();
        };
    }
}
