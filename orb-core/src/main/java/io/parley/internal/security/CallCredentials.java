package io.parley.internal.security;

import io.parley.Credentials;
import io.parley.internal.DefaultCallContext;
import io.parley.spi.transport.PeerIdentity;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The {@link Credentials} of one call being served: its connection's verified identity and its metadata. */
final class CallCredentials implements Credentials {
    private static final String BEARER = "bearer ";

    private final DefaultCallContext call;
    private final Optional<PeerIdentity> transport;

    CallCredentials(DefaultCallContext call) {
        this.call = call;
        this.transport = call.transportIdentity();
    }

    @Override
    public String remoteAddress() {
        return call.peer();
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return transport.filter(identity -> identity.mechanism().equals(PeerIdentity.TLS))
                .map(PeerIdentity::certificateChain).orElse(List.of());
    }

    @Override
    public Optional<String> peerUser() {
        return transport.filter(identity -> identity.mechanism().equals(PeerIdentity.UID)).map(PeerIdentity::name);
    }

    @Override
    public Optional<String> bearerToken() {
        String value = call.get(AUTHORIZATION);
        if (value == null || value.length() <= BEARER.length()
                || !value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        return Optional.of(value.substring(BEARER.length()).trim());
    }

    @Override
    public Map<String, Object> metadata() {
        return call.metadata();
    }
}
