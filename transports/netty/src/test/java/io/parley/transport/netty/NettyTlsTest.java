package io.parley.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.TlsConfig;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.Listener;
import io.parley.spi.transport.PeerIdentity;
import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.RecordingFrameHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS on the Netty transport, over loopback: mutual TLS and the verified peer identity, and every way a handshake
 * fails, each with a message that says what to change. The scenarios that depend on how client connections are
 * driven run both with caller-driven connections and on the event-loop group.
 */
@Timeout(60)
class NettyTlsTest {
    private static final String CLIENT_SUBJECT = "CN=orders-client,O=Parley Tests";
    private static final String SERVER_SUBJECT = "CN=orders-server,O=Parley Tests";

    @TempDir
    static Path files;
    private static TestPki pki;

    private final List<Transport> transports = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        pki = TestPki.create();
    }

    @AfterEach
    void closeTransports() {
        transports.forEach(Transport::close);
    }

    @ParameterizedTest(name = "callerDriven={0}")
    @ValueSource(booleans = {true, false})
    void mutualTlsCarriesFramesAndBothSidesKnowTheVerifiedPeer(boolean callerDriven) {
        RecordingFrameHandler server = RecordingFrameHandler.echoing();
        Endpoint endpoint = listen(pki.serverConfig(files).clientAuth(TlsConfig.ClientAuth.REQUIRE).build(), server);
        assertEquals(Endpoint.TLS, endpoint.transport());

        RecordingFrameHandler client = RecordingFrameHandler.recording();
        Connection connection = connect(pki.clientConfig(files).build(), callerDriven, endpoint, client).join();
        assertTrue(connection.send(utf8("over tls")));
        assertEquals("over tls", text(client.awaitFrame()));

        PeerIdentity clientSeenByServer = server.awaitOpen().peerIdentity().orElseThrow();
        assertEquals(PeerIdentity.TLS, clientSeenByServer.mechanism());
        assertEquals(CLIENT_SUBJECT, clientSeenByServer.name());
        assertEquals(pki.client.getCertificate(), clientSeenByServer.certificateChain().get(0));
        assertEquals(SERVER_SUBJECT, connection.peerIdentity().orElseThrow().name());
    }

    @ParameterizedTest(name = "callerDriven={0}")
    @ValueSource(booleans = {true, false})
    void clientWithoutCertificateIsRefusedByAServerThatRequiresOneWhichKeepsServingOthers(boolean callerDriven) {
        RecordingFrameHandler server = RecordingFrameHandler.echoing();
        Endpoint endpoint;
        Throwable failure;
        try (CapturedStandardError log = new CapturedStandardError()) {
            endpoint = listen(pki.serverConfig(files).clientAuth(TlsConfig.ClientAuth.REQUIRE).build(), server);
            failure = failureOf(pki.trustOnly(files).build(), callerDriven, endpoint);
            awaitLogLine(log, "TLS handshake with client");
            assertTrue(log.linesContaining("TLS handshake with client").get(0).contains("presented no certificate"),
                    log.linesContaining("TLS handshake with client").toString());
        }
        UnavailableException refused = assertInstanceOf(UnavailableException.class, failure);
        assertEquals(Completion.NO, refused.completion(), "the server processed nothing");
        assertTrue(refused.getMessage().contains("requires a client certificate"), refused.getMessage());
        assertTrue(refused.getMessage().contains("TlsConfig.Builder.keyStore or keyPem"), refused.getMessage());
        assertTrue(refused.getMessage().contains(endpoint.toString()), refused.getMessage());

        // The server goes on serving clients that do present a trusted certificate.
        RecordingFrameHandler good = RecordingFrameHandler.recording();
        Connection connection = connect(pki.clientConfig(files).build(), callerDriven, endpoint, good).join();
        connection.send(utf8("still serving"));
        assertEquals("still serving", text(good.awaitFrame()));
    }

    @Test
    void clientCertificateFromAnUntrustedCaIsRefusedWithCompletionNo() {
        Endpoint endpoint = listen(pki.serverConfig(files).clientAuth(TlsConfig.ClientAuth.REQUIRE).build(),
                echoing());
        TlsConfig stranger = pki.pem(files, "stranger-client", pki.strangerServer).build();
        UnavailableException refused = assertInstanceOf(UnavailableException.class,
                failureOf(stranger, true, endpoint));
        assertEquals(Completion.NO, refused.completion());
        assertTrue(refused.getMessage().contains("the server refused this Orb's client certificate"),
                refused.getMessage());
    }

    @ParameterizedTest(name = "callerDriven={0}")
    @ValueSource(booleans = {true, false})
    void untrustedServerCertificateFailsTheConnectSayingWhichTrustToAdd(boolean callerDriven) {
        Endpoint endpoint = listen(pki.pem(files, "stranger", pki.strangerServer).build(), echoing());
        UnavailableException e = assertInstanceOf(UnavailableException.class,
                failureOf(pki.clientConfig(files).build(), callerDriven, endpoint));
        assertEquals(Completion.NO, e.completion());
        assertTrue(e.getMessage().startsWith("cannot connect to " + endpoint + ": TLS handshake failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("the server's certificate is not trusted"), e.getMessage());
        assertTrue(e.getMessage().contains("TlsConfig.Builder.trustPem or trustStore"), e.getMessage());
    }

    @Test
    void hostnameMismatchFailsUnlessVerificationIsSwitchedOffExplicitly() {
        Endpoint endpoint = listen(pki.pem(files, "other", pki.otherHost).build(), echoing());
        UnavailableException e = assertInstanceOf(UnavailableException.class,
                failureOf(pki.trustOnly(files).build(), true, endpoint));
        assertTrue(e.getMessage().contains("does not name the host connected to"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());

        RecordingFrameHandler client = RecordingFrameHandler.recording();
        TlsConfig unverified = pki.trustOnly(files).hostnameVerification(false).build();
        connect(unverified, true, endpoint, client).join().send(utf8("any host"));
        assertEquals("any host", text(client.awaitFrame()));
    }

    @Test
    void clientWithoutTlsConfigUsesTheJdkTrustStoreLikeAnHttpsClient() {
        Endpoint endpoint = listen(pki.serverConfig(files).build(), echoing());
        Transport plain = track(new NettyTransport(settings(), true));
        assertEquals(Endpoint.TCP, plain.name());
        UnavailableException e = assertInstanceOf(UnavailableException.class,
                failure(plain.connect(endpoint, RecordingFrameHandler.recording())));
        // The test CA is not in the JDK's trust store: the message says how to trust it.
        assertTrue(e.getMessage().contains("the server's certificate is not trusted"), e.getMessage());
        assertTrue(e.getMessage().contains("JDK's default trust store"), e.getMessage());
    }

    @Test
    void tlsClientToAPlainServerFailsClearlyAndPlainClientToATlsServerIsRefused() {
        Transport plainServer = track(new NettyTransport(settings(), false));
        int plainPort = plainServer.listen("127.0.0.1", 0, echoing()).endpoint().port();
        UnavailableException e = assertInstanceOf(UnavailableException.class,
                failureOf(pki.clientConfig(files).build(), true, Endpoint.tls("127.0.0.1", plainPort)));
        assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());

        // A client that does not know the endpoint needs TLS: its plain bytes are refused, and the server says why.
        RecordingFrameHandler server = echoing();
        Endpoint tlsEndpoint = listen(pki.serverConfig(files).build(), server);
        try (CapturedStandardError log = new CapturedStandardError()) {
            RecordingFrameHandler client = RecordingFrameHandler.recording();
            Connection connection = track(new NettyTransport(settings(), true))
                    .connect(Endpoint.tcp("127.0.0.1", tlsEndpoint.port()), client).join();
            connection.send(utf8("plain text"));
            client.awaitClose();
            awaitLogLine(log, "does not speak TLS");
        }
        assertTrue(server.opened().isEmpty(), "no connection opens without a handshake");
    }

    @Test
    void tls12IsRefusedByAServerUnlessAllowed() throws Exception {
        Endpoint strict = listen(pki.serverConfig(files).build(), echoing());
        assertEquals("TLSv1.3", handshakeWithJdkClient(strict, "TLSv1.3", "TLSv1.2"));
        assertThrows(SSLHandshakeException.class, () -> handshakeWithJdkClient(strict, "TLSv1.2"));

        Endpoint lenient = listen(pki.serverConfig(files).allowTls12(true).build(), echoing());
        assertEquals("TLSv1.2", handshakeWithJdkClient(lenient, "TLSv1.2"));
        assertEquals("TLSv1.3", handshakeWithJdkClient(lenient, "TLSv1.3", "TLSv1.2"));
    }

    @Test
    void tls12IsRefusedByAClientUnlessAllowed() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(pki.server.toKeyManagerFactory().getKeyManagers(), null, null);
        try (SSLServerSocket tls12Only = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            tls12Only.setEnabledProtocols(new String[] {"TLSv1.2"});
            CompletableFuture.runAsync(() -> acceptHandshakes(tls12Only, 2));
            Endpoint endpoint = Endpoint.tls("127.0.0.1", tls12Only.getLocalPort());

            UnavailableException e = assertInstanceOf(UnavailableException.class,
                    failureOf(pki.trustOnly(files).build(), true, endpoint));
            assertTrue(e.getMessage().contains("no TLS version that both sides allow"), e.getMessage());
            assertTrue(e.getMessage().contains("allowTls12(true)"), e.getMessage());

            Connection connection = connect(pki.trustOnly(files).allowTls12(true).build(), true, endpoint,
                    RecordingFrameHandler.recording()).get(10, TimeUnit.SECONDS);
            assertTrue(connection.isOpen());
            connection.close();
        }
    }

    @Test
    void optionalClientAuthServesClientsWithAndWithoutCertificates() {
        RecordingFrameHandler server = echoing();
        Endpoint endpoint = listen(pki.serverConfig(files).clientAuth(TlsConfig.ClientAuth.OPTIONAL).build(), server);

        connect(pki.trustOnly(files).build(), true, endpoint, RecordingFrameHandler.recording()).join();
        assertTrue(server.awaitOpen().peerIdentity().isEmpty(), "no certificate, no identity");

        connect(pki.clientConfig(files).build(), true, endpoint, RecordingFrameHandler.recording()).join();
        assertEquals(CLIENT_SUBJECT, server.awaitOpen().peerIdentity().orElseThrow().name());
    }

    @Test
    void listeningWithTlsButNoCertificateIsAConfigurationError() {
        Transport transport = track(new NettyTransport(settings().withTls(pki.trustOnly(files).build()), true));
        OrbException e = assertThrows(OrbException.class,
                () -> transport.listen("127.0.0.1", 0, RecordingFrameHandler.recording()));
        assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains("no certificate and private key"), e.getMessage());
    }

    @Test
    void plainTransportKeepsPlainConnectionsFreeOfPeerIdentity() {
        RecordingFrameHandler server = echoing();
        Transport transport = track(new NettyTransport(settings(), true));
        Endpoint endpoint = transport.listen("127.0.0.1", 0, server).endpoint();
        assertEquals(Endpoint.TCP, endpoint.transport());
        Connection connection = transport.connect(endpoint, RecordingFrameHandler.recording()).join();
        assertTrue(connection.peerIdentity().isEmpty());
        assertFalse(server.awaitOpen().peerIdentity().isPresent());
    }

    // ---- helpers ----

    private Endpoint listen(TlsConfig tls, RecordingFrameHandler handler) {
        Listener listener = track(new NettyTransport(settings().withTls(tls), false)).listen("127.0.0.1", 0, handler);
        return listener.endpoint();
    }

    private CompletableFuture<Connection> connect(TlsConfig tls, boolean callerDriven, Endpoint endpoint,
            RecordingFrameHandler handler) {
        return track(new NettyTransport(settings().withTls(tls), callerDriven)).connect(endpoint, handler);
    }

    /**
     * Why a client cannot use {@code endpoint}: the connect's failure, or, when the server refuses the client only
     * after the client saw the handshake end (TLS 1.3 client certificates), the cause its connection closed with
     * once it sent a frame.
     */
    private Throwable failureOf(TlsConfig tls, boolean callerDriven, Endpoint endpoint) {
        RecordingFrameHandler client = RecordingFrameHandler.recording();
        CompletableFuture<Connection> connecting = connect(tls, callerDriven, endpoint, client);
        try {
            Connection connection = connecting.get(10, TimeUnit.SECONDS);
            connection.send(utf8("refused?"));
            return client.awaitClose().cause();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable failure(CompletableFuture<Connection> connecting) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> connecting.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    /** Handshakes with the JDK's own client allowing {@code protocols}; returns the protocol agreed. */
    private static String handshakeWithJdkClient(Endpoint endpoint, String... protocols) throws Exception {
        TrustManagerFactory trust = pki.ca.toTrustManagerFactory();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(endpoint.host(),
                endpoint.port())) {
            socket.setEnabledProtocols(protocols);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private static void acceptHandshakes(SSLServerSocket server, int count) {
        for (int i = 0; i < count; i++) {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                socket.getInputStream().read(); // until the client closes
            } catch (IOException e) {
                // A refused handshake, or the client's close: the next one is accepted.
            }
        }
    }

    private static void awaitLogLine(CapturedStandardError log, String text) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.linesContaining(text).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no log line containing '" + text + "'");
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private <T extends Transport> T track(T transport) {
        transports.add(transport);
        return transport;
    }

    private static RecordingFrameHandler echoing() {
        return RecordingFrameHandler.echoing();
    }

    private static TransportSettings settings() {
        return new TransportSettings(1024 * 1024, 1, 5_000, "tls-test");
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(RecordingFrameHandler.Frame frame) {
        return new String(frame.bytes(), StandardCharsets.UTF_8);
    }
}
