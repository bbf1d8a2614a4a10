package io.parley.it;

import static io.parley.it.OverloadTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.CallContext;
import io.parley.DeadlineExceededException;
import io.parley.Orb;
import io.parley.RemoteRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Idle and half-open connections, with short timeouts: the server closes connections without calls for
 * {@code idleTimeout} (never one with a call in flight; keepalive pings are not calls), and a client pings
 * connections that read nothing for {@code keepAliveInterval}, closing those whose peer does not answer.
 */
@Timeout(60)
class IdleAndKeepAliveTest {

    @Test
    void theServerClosesAConnectionWithoutCallsAfterTheIdleTimeout() throws Exception {
        try (Orb server = Orb.builder().name("idle-server").sharedMemory(false)
                .idleTimeout(Duration.ofMillis(300)).build()) {
            RemoteRef ref = server.export("gate", new GateImpl());
            try (RawPeer silent = new RawPeer(ref.endpoints().get(0).port(), 64 * 1024)) {
                long start = System.nanoTime();
                assertTrue(silent.closedWithin(5_000), "an idle connection is closed");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(millis >= 250, "not before the idle timeout: " + millis + " ms");
            }
        }
    }

    @Test
    void aConnectionWithACallInFlightIsNotIdle() throws Exception {
        GateImpl gate = new GateImpl();
        try (Orb server = Orb.builder().name("busy-server").sharedMemory(false)
                .idleTimeout(Duration.ofMillis(200)).build();
                Orb client = Orb.builder().name("busy-client").keepAliveInterval(Duration.ZERO).build()) {
            Gate remote = client.connect(server.export("gate", gate), Gate.class);
            var held = remote.held("long");
            awaitTrue(() -> gate.entered.get() == 1, "the call runs");
            Thread.sleep(800); // four idle timeouts without traffic, one call in flight
            gate.open();
            assertEquals("passed long", held.get(5, TimeUnit.SECONDS), "the answer arrives on the same connection");
        }
    }

    @Test
    void pingsDoNotCountAsCallsAndTheClientReconnectsAfterAnIdleClose() throws Exception {
        List<String> peers = new CopyOnWriteArrayList<>();
        try (Orb server = Orb.builder().name("reclaiming-server").sharedMemory(false)
                .idleTimeout(Duration.ofMillis(400)).serverInterceptor(chain -> {
                    peers.add(CallContext.current().peer());
                    return chain.proceed();
                }).build();
                Orb client = Orb.builder().name("pinging-client").keepAliveInterval(Duration.ofMillis(100))
                        .build()) {
            Gate remote = client.connect(server.export("gate", new GateImpl()), Gate.class);
            assertEquals(1, remote.echo(1));
            Thread.sleep(1_200); // pings every 100-150 ms meanwhile, answered, yet no call: closed as idle
            assertEquals(2, remote.echo(2), "the next call reconnects transparently");
            assertEquals(2, peers.size(), "pings never reach interceptors or servants: " + peers);
            assertNotEquals(peers.get(0), peers.get(1), "the idle connection was closed, a new one opened");
        }
    }

    @Test
    void answeredPingsKeepAConnectionOpen() throws Exception {
        List<String> peers = new CopyOnWriteArrayList<>();
        try (Orb server = Orb.builder().name("patient-server").sharedMemory(false).idleTimeout(Duration.ZERO)
                .serverInterceptor(chain -> {
                    peers.add(CallContext.current().peer());
                    return chain.proceed();
                }).build();
                Orb client = Orb.builder().name("live-client").keepAliveInterval(Duration.ofMillis(100)).build()) {
            Gate remote = client.connect(server.export("gate", new GateImpl()), Gate.class);
            assertEquals(1, remote.echo(1));
            Thread.sleep(800);
            assertEquals(2, remote.echo(2));
            assertEquals(peers.get(0), peers.get(1), "the pinged connection stayed open");
        }
    }

    @Test
    void aPeerThatVanishedIsDetectedByTheKeepaliveAndTheNextCallReconnects() throws Exception {
        try (BlackHole hole = new BlackHole();
                Orb client = Orb.builder().name("half-open-client").keepAliveInterval(Duration.ofMillis(200))
                        .defaultTimeout(Duration.ofMillis(300)).build()) {
            Gate gate = client.connect(RemoteRef.parse("parley://127.0.0.1:" + hole.port() + "/Gate/gate"),
                    Gate.class);
            assertThrows(DeadlineExceededException.class, () -> gate.echo(1));
            assertEquals(1, hole.accepted.get());
            long start = System.nanoTime();
            awaitTrue(() -> hole.closedByClient.get() == 1, "the unanswered ping closes the connection");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 3_000, "detected within a few intervals: " + millis + " ms");
            assertThrows(DeadlineExceededException.class, () -> gate.echo(2));
            assertEquals(2, hole.accepted.get(), "the next call opened a new connection");
        }
    }

    @Test
    void connectionsToASilentPeerAreNotClosedWhenKeepaliveIsOff() throws Exception {
        try (BlackHole hole = new BlackHole();
                Orb client = Orb.builder().name("no-keepalive-client").keepAliveInterval(Duration.ZERO)
                        .defaultTimeout(Duration.ofMillis(200)).build()) {
            Gate gate = client.connect(RemoteRef.parse("parley://127.0.0.1:" + hole.port() + "/Gate/gate"),
                    Gate.class);
            assertThrows(DeadlineExceededException.class, () -> gate.echo(1));
            Thread.sleep(800);
            assertEquals(0, hole.closedByClient.get(), "without pings nothing closes the connection");
            assertThrows(DeadlineExceededException.class, () -> gate.echo(2));
            assertEquals(1, hole.accepted.get());
        }
    }

    /**
     * A peer that accepts, reads and never answers, as a host that vanished behind a live TCP stack would look (a
     * truly vanished host also stops acknowledging; for the client both mean: no answer). Counts connections
     * accepted and closed by the client.
     */
    private static final class BlackHole implements AutoCloseable {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger closedByClient = new AtomicInteger();
        private final ServerSocket server = new ServerSocket();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        BlackHole() throws IOException {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            acceptor = new Thread(this::accept, "black-hole");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    sockets.add(socket);
                    accepted.incrementAndGet();
                    Thread reader = new Thread(() -> swallow(socket), "black-hole-reader");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void swallow(Socket socket) {
            try (InputStream in = socket.getInputStream()) {
                byte[] buffer = new byte[4096];
                while (in.read(buffer) >= 0) {
                    // never answer
                }
                closedByClient.incrementAndGet();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    closedByClient.incrementAndGet(); // reset by the client
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
