package io.parley.transport.netty.internal;

import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.TlsConfig;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The TLS side of one transport: Netty {@link SslContext}s built once from the Orb's {@link TlsConfig}, and the
 * {@link SslHandler} of each new connection. The JDK's TLS implementation is used ({@code tcnative} is not a
 * dependency). Thread-safe.
 *
 * <p>A transport without a {@code TlsConfig} still connects to {@code "tls"} endpoints, as an HTTPS client would:
 * TLS 1.3, the JDK's default trust store, hostname verification; that context is built at the first such connection.
 */
public final class TlsContexts {
    /** Hostname verification as HTTPS does it (RFC 2818): the certificate must name the host connected to. */
    private static final String HTTPS_IDENTIFICATION = "HTTPS";

    private final TlsConfig config; // null: plain TCP, with the default client context for "tls" endpoints
    private final SslContext server; // null without key material
    private final long handshakeTimeoutMillis;
    private SslContext client; // guarded by this; built lazily only without a TlsConfig

    /**
     * @throws OrbException ({@link ErrorCode#INVALID_CONFIGURATION}) when the JDK cannot build a context from
     *                      {@code config}
     */
    public TlsContexts(TlsConfig config, long handshakeTimeoutMillis) {
        this.config = config;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.server = config == null || config.keyManagers().isEmpty() ? null : serverContext(config);
        this.client = config == null ? null : clientContext(config);
    }

    /** Whether this transport serves TLS: it was given a {@code TlsConfig}. */
    public boolean serves() {
        return config != null;
    }

    /** Whether this side has a certificate to present. */
    boolean hasCertificate() {
        return config != null && config.keyManagers().isPresent();
    }

    /** The protocol versions this side allows, for messages. */
    List<String> protocols() {
        return config == null ? List.of(TlsConfig.TLS_1_3) : config.protocols();
    }

    /**
     * Checks that a listener can serve TLS.
     *
     * @throws OrbException ({@link ErrorCode#INVALID_CONFIGURATION}) when the {@code TlsConfig} has no key material
     */
    public void checkCanServe(String address) {
        if (config != null && server == null) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "cannot serve TLS on " + address
                    + ": the TlsConfig has no certificate and private key; add them with TlsConfig.Builder.keyStore "
                    + "or keyPem (or build the Orb without tls(...) to serve plain TCP)");
        }
    }

    /** The handler of a connection a TLS listener accepted. */
    SslHandler newServerHandler(Channel channel) {
        SslHandler handler = server.newHandler(channel.alloc());
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }

    /** The handler of a connection to {@code endpoint}, checking the server's certificate against its host. */
    SslHandler newClientHandler(Channel channel, Endpoint endpoint) {
        SslHandler handler = clientContext().newHandler(channel.alloc(), endpoint.host(), endpoint.port());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        boolean verify = config == null || config.hostnameVerification();
        parameters.setEndpointIdentificationAlgorithm(verify ? HTTPS_IDENTIFICATION : null);
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }

    private synchronized SslContext clientContext() {
        if (client == null) {
            client = build(SslContextBuilder.forClient().protocols(TlsConfig.TLS_1_3)
                    .endpointIdentificationAlgorithm(HTTPS_IDENTIFICATION), "the default TLS client");
        }
        return client;
    }

    private static SslContext serverContext(TlsConfig config) {
        SslContextBuilder builder = SslContextBuilder.forServer(config.keyManagers().orElseThrow())
                .trustManager(config.trustManagers())
                .protocols(config.protocols())
                .clientAuth(switch (config.clientAuth()) {
                    case NONE -> ClientAuth.NONE;
                    case OPTIONAL -> ClientAuth.OPTIONAL;
                    case REQUIRE -> ClientAuth.REQUIRE;
                });
        return build(builder, "the TLS server of " + config);
    }

    private static SslContext clientContext(TlsConfig config) {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .trustManager(config.trustManagers())
                .protocols(config.protocols())
                .endpointIdentificationAlgorithm(config.hostnameVerification() ? HTTPS_IDENTIFICATION : null);
        config.keyManagers().ifPresent(builder::keyManager);
        return build(builder, "the TLS client of " + config);
    }

    private static SslContext build(SslContextBuilder builder, String what) {
        try {
            return builder.sslProvider(SslProvider.JDK).build();
        } catch (SSLException | RuntimeException e) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "cannot set up " + what + ": "
                    + e.getMessage(), e);
        }
    }
}
