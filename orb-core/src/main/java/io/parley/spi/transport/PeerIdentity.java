package io.parley.spi.transport;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Who the peer of a connection is, as its transport verified it: for TLS, the subject of the certificate chain the
 * peer presented and this side validated against its trust store. Authentication builds on it; a transport that
 * verified nothing reports no identity at all ({@link Connection#peerIdentity()} is empty) rather than an unverified
 * claim.
 *
 * @param mechanism        how the identity was verified: {@link #TLS} for a TLS certificate; other transports may
 *                         add theirs
 * @param name             the identity's name: for TLS the subject's distinguished name in RFC 2253 form
 *                         ({@code CN=orders,O=Example})
 * @param certificateChain the peer's certificate chain, its own certificate first; empty for mechanisms without
 *                         certificates
 */
public record PeerIdentity(String mechanism, String name, List<X509Certificate> certificateChain) {
    /** The mechanism of identities proven by a TLS client or server certificate. */
    public static final String TLS = "tls";
    /** The mechanism of a same-host peer's operating-system user, as the kernel reports it for a local socket. */
    public static final String UID = "uid";

    public PeerIdentity {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(name, "name");
        certificateChain = List.copyOf(certificateChain);
    }

    /** The identity proven by a verified TLS certificate chain, named by the subject of its first certificate. */
    public static PeerIdentity tls(List<X509Certificate> verifiedChain) {
        if (verifiedChain.isEmpty()) {
            throw new IllegalArgumentException("a TLS peer identity needs the peer's certificate");
        }
        return new PeerIdentity(TLS, verifiedChain.get(0).getSubjectX500Principal().getName(), verifiedChain);
    }

    /** The operating-system user of a same-host peer, as the kernel reported it (no certificates). */
    public static PeerIdentity user(String user) {
        return new PeerIdentity(UID, user, List.of());
    }

    @Override
    public String toString() {
        return mechanism + ":" + name;
    }
}
