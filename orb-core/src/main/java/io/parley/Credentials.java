package io.parley;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a call presents to an {@link Authenticator}: what the transport verified about the connection it came on
 * (a TLS client certificate, the operating-system user of a same-host peer) and what the call carries (a bearer
 * token in its metadata). Nothing here is trusted unless the transport verified it; the bearer token is only a claim
 * until the authenticator checks it.
 */
public interface Credentials {
    /** The metadata key of a bearer token: {@value}, value {@code "Bearer <token>"}, as in HTTP. */
    String AUTHORIZATION = "authorization";

    /** The caller's address as the transport reports it. */
    String remoteAddress();

    /**
     * The verified TLS client certificate chain (its own certificate first), empty when the connection is not TLS or
     * the client sent none.
     */
    List<X509Certificate> certificateChain();

    /** The subject of the verified client certificate in RFC 2253 form ({@code CN=orders,O=Example}). */
    default Optional<String> certificateSubject() {
        List<X509Certificate> chain = certificateChain();
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0).getSubjectX500Principal().getName());
    }

    /** The operating-system user of a same-host (shared-memory) peer, as the kernel reports it. */
    Optional<String> peerUser();

    /** The bearer token the call carries ({@link #AUTHORIZATION} metadata), not yet verified. */
    Optional<String> bearerToken();

    /** All of the call's metadata, for authenticators of other schemes. */
    Map<String, Object> metadata();
}
